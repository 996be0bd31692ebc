package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/compare/render"
	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/gitfs"
	"github.com/spf13/cobra"
)

// DiffOptions are the inputs of `ladder diff`.
type DiffOptions struct {
	IO          *IOStreams
	Framework   *frameworkFlags
	Old, New    string
	Format      string
	IgnoreLinks bool
	ExitCode    bool
	Threshold   float64
	Render      renderFlags

	// Args are the command's arguments: none (HEAD against the working
	// tree), REV (against the working tree), A..B, A...B, or OLD NEW.
	Args []string
}

// NewCmdDiff builds `ladder diff OLD NEW`.
func NewCmdDiff(ios *IOStreams, ff *frameworkFlags, runF func(*DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{IO: ios, Framework: ff}
	cmd := &cobra.Command{
		Use:   "diff [OLD NEW | A..B | A...B | REV]",
		Short: "Show what an edit changes in a framework, level by level",
		Long: `Compare two versions of a framework: two folders, or two git revisions of the
repository that holds --framework (read with git, no checkout).

Revisions are read by git itself, so every form git accepts works (HEAD~2,
@{u}, v1.2^{}, :/message, ...). A..B compares A with B; A...B compares the
merge base of A and B with B (what a merge request changes); a single REV
compares it with the working tree, and no argument compares HEAD with the
working tree, as git diff HEAD does.

For each level: pages added or removed, pillars added, removed or renamed,
items added, removed, reworded (word diff) and moved, the level summary's
changes. A changed include file is reported once, with the levels it affects.
Whitespace-only and link-target-only edits are counted apart.

When --framework holds sub-folders with level pages, each is a department and
levels are named dept/slug.`,
		Example: `  ladder diff old/infrastructure new/infrastructure
  ladder diff main~5 main --framework content/handbook/engineering/careers/matrix/infrastructure
  ladder diff origin/main...HEAD --framework DIR --format markdown --exit-code
  ladder diff --framework DIR        # HEAD against the working tree`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 2 {
				return usagef("diff takes OLD NEW (folders or revisions), A..B, A...B, one revision (against the working tree) or nothing (HEAD against the working tree); got %d arguments", len(args))
			}
			opts.Args = args
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return diffRun(opts)
		},
	}
	formatFlag(cmd, &opts.Format, "table", "markdown", "json", "html")
	cmd.Flags().BoolVar(&opts.IgnoreLinks, "ignore-links", false, "hide changes that only touch link targets")
	cmd.Flags().BoolVar(&opts.ExitCode, "exit-code", false, "exit 1 when the versions differ, 0 when they do not, 2 on trouble")
	thresholdFlag(cmd, &opts.Threshold)
	opts.Render.register(cmd)
	return cmd
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

func diffRun(opts *DiffOptions) error {
	var old, new compare.Side
	var err error
	warned := map[string]bool{} // a warning both versions share prints once
	if len(opts.Args) == 2 {
		opts.Old, opts.New = opts.Args[0], opts.Args[1]
	}
	switch {
	case len(opts.Args) == 2 && (isDir(opts.Old) || isDir(opts.New) || isFile(opts.Old) && isFile(opts.New)):
		// Two framework files (one Markdown file, a YAML data file)
		// compare like two folders.
		files := isFile(opts.Old) && isFile(opts.New)
		for _, p := range []string{opts.Old, opts.New} {
			if !isDir(p) && !files {
				return usagef("%s is not a folder; give two framework folders, or two revisions with --framework", p)
			}
		}
		if opts.Framework.Dir != "" {
			return usagef("with two folders, --framework is not used; give the framework folders as OLD and NEW")
		}
		// Both versions' top folder is one department, whatever the
		// folders are called (old/infrastructure, infrastructure-v2).
		top := sideName(filepath.ToSlash(filepath.Clean(opts.New)), files) // "fw", not "fw.md"
		var base loaders
		if old, base, err = folderSide(opts.IO, opts.Framework, opts.Old, top, warned, nil); err != nil {
			return err
		}
		if new, _, err = folderSide(opts.IO, opts.Framework, opts.New, top, warned, base); err != nil {
			return err
		}
	default:
		var done func()
		old, new, done, err = revisionSides(opts, warned)
		if err != nil {
			return err
		}
		defer done() // after the comparison below, which reads files again
	}
	d := compare.Frameworks(old, new, compare.WithThreshold(opts.Threshold), compare.WithIgnoreLinks(opts.IgnoreLinks))
	ro := opts.Render.options(opts.IO)
	do := render.DiffOptions{Options: ro, Old: opts.Old, New: opts.New, IgnoreLinks: opts.IgnoreLinks}
	switch opts.Format {
	case "json":
		err = render.WriteDiffJSON(opts.IO.Out, d, do)
	case "markdown":
		err = render.WriteDiffMarkdown(opts.IO.Out, d, do)
	case "html":
		err = render.WriteDiffHTML(opts.IO.Out, d, do)
	default:
		err = render.WriteDiffText(opts.IO.Out, d, do)
	}
	if err != nil {
		return err
	}
	if opts.ExitCode && d.Changed() {
		return changesFound{}
	}
	return nil
}

// loaders are one side's loaders by department name: the baseline of
// the other side's (framework.WithBaseline), so a level whose files are
// the same in both versions is parsed once.
type loaders map[string]*framework.Loader

// folderSide loads a framework folder on disk, with its departments.
func folderSide(ios *IOStreams, ff *frameworkFlags, dir, top string, warned map[string]bool, base loaders) (compare.Side, loaders, error) {
	fsys, rel, site, err := openDir(dir)
	if err != nil {
		return compare.Side{}, nil, err
	}
	inc, err := ff.withIncludes(nil, site)
	if err != nil {
		return compare.Side{}, nil, err
	}
	return loadSide(ios, ff, fsys, rel, top, site, "", inc, warned, base)
}

// workTree is the label of the working tree's side of a diff.
const workTree = "working tree"

// revisionSides loads the two sides of a diff of revisions (or of a
// revision and the working tree) of the repository holding --framework,
// and sets opts.Old and opts.New to their labels. done releases the
// repository, once the comparison no longer reads files.
func revisionSides(opts *DiffOptions, warned map[string]bool) (old, new compare.Side, done func(), err error) {
	if opts.Framework.Includes != "" {
		return old, new, nil, usagef("--includes cannot be used with revisions: include files are read from each revision")
	}
	if len(opts.Args) == 1 && isDir(opts.Args[0]) {
		return old, new, nil, usagef("%s is a folder: give two framework folders, or a revision to compare with the working tree", opts.Args[0])
	}
	dir := opts.Framework.Dir
	if dir == "" {
		dir = "."
	}
	if !isDir(dir) && !isFile(dir) {
		return old, new, nil, usagef("--framework %s: not a folder", dir)
	}
	repoDir, file := dir, ""
	if isFile(dir) {
		repoDir, file = filepath.Dir(dir), filepath.Base(dir) // a framework in one file
	}
	repo, err := gitfs.Open(repoDir, revisionsOf(opts.Args)...)
	if err != nil {
		if errors.Is(err, gitfs.ErrNotRepository) {
			return old, new, nil, usagef("%s is not inside a git repository; give two folders, or --framework inside a repository", dir)
		}
		return old, new, nil, err
	}
	fail := func(err error) (compare.Side, compare.Side, func(), error) {
		repo.Close()
		return compare.Side{}, compare.Side{}, nil, err
	}
	// Each side is a commit, or "" for the working tree.
	var oldHash, newHash string
	switch len(opts.Args) {
	case 0:
		opts.Old, opts.New = "HEAD", workTree
		oldHash, err = repo.Resolve("HEAD")
	case 1:
		arg := opts.Args[0]
		var isRange bool
		if oldHash, newHash, isRange, err = repo.Range(arg); err != nil {
			return fail(err)
		}
		switch {
		case !isRange:
			opts.Old, opts.New = arg, workTree
			oldHash, err = repo.Resolve(arg)
		case strings.Contains(arg, "..."):
			a, b, _ := strings.Cut(arg, "...")
			opts.Old, opts.New = "merge base of "+orHead(a)+" and "+orHead(b), orHead(b)
		default:
			a, b, _ := strings.Cut(arg, "..")
			opts.Old, opts.New = orHead(a), orHead(b)
		}
	default:
		var hs []string
		if hs, err = repo.ResolveAll(opts.Old, opts.New); err == nil {
			oldHash, newHash = hs[0], hs[1]
		}
	}
	if err != nil {
		return fail(err)
	}
	rel := repo.Prefix
	if file != "" {
		rel = path.Join(rel, file)
	}
	var base loaders
	if old, base, err = revisionSide(opts.IO, opts.Framework, repo, opts.Old, oldHash, rel, warned, nil); err != nil {
		return fail(err)
	}
	if newHash == "" {
		root, err := os.OpenRoot(repo.Root)
		if err != nil {
			return fail(err)
		}
		if new, _, err = loadSide(opts.IO, opts.Framework, framework.DirFS(root), rel, sideName(rel, file != ""), repo.Root, "", nil, warned, base); err != nil {
			root.Close()
			return fail(err)
		}
		return old, new, func() { root.Close(); repo.Close() }, nil
	}
	if new, _, err = revisionSide(opts.IO, opts.Framework, repo, opts.New, newHash, rel, warned, base); err != nil {
		return fail(err)
	}
	return old, new, func() { repo.Close() }, nil
}

// revisionsOf returns the revisions a diff's arguments name, so that
// gitfs.Open resolves them with the git process it starts anyway.
func revisionsOf(args []string) []string {
	switch len(args) {
	case 0:
		return []string{"HEAD"}
	case 1:
		for _, sep := range []string{"...", ".."} {
			if a, b, ok := strings.Cut(args[0], sep); ok {
				return []string{orHead(a), orHead(b)}
			}
		}
	}
	return args
}

// orHead is a side of A..B as git reads it: HEAD when empty.
func orHead(rev string) string {
	if rev == "" {
		return "HEAD"
	}
	return rev
}

// revisionSide loads the framework folder rel as it is at commit h, the
// revision rev.
func revisionSide(ios *IOStreams, ff *frameworkFlags, repo *gitfs.Repo, rev, h, rel string, warned map[string]bool, base loaders) (compare.Side, loaders, error) {
	fsys, err := repo.FS(h)
	if err != nil {
		return compare.Side{}, nil, &gitfs.Error{Rev: rev, Err: err}
	}
	st, err := fs.Stat(fsys, rel)
	if err != nil {
		return compare.Side{}, nil, &gitfs.Error{Rev: rev, Err: fmt.Errorf("%s does not exist at this revision", rel)}
	}
	return loadSide(ios, ff, fsys, rel, sideName(rel, !st.IsDir()), repo.Root, rev, nil, warned, base)
}

// loadSide loads the framework folder dir (as department top) and every
// department below it, at any depth (framework.FindDepartments), named
// by its path from dir. It reads nothing but fsys, so both versions of a
// diff go through it however their FS were made.
func loadSide(ios *IOStreams, ff *frameworkFlags, fsys fs.FS, dir, top, site, rev string, extra []framework.Option, warned map[string]bool, base loaders) (compare.Side, loaders, error) {
	side := compare.Side{ReadFile: func(p string) ([]byte, error) { return readLimited(fsys, p, ff.fileLimit()) }}
	lds := loaders{}
	subs, err := framework.FindDepartments(fsys, dir)
	if err != nil {
		return side, nil, wrapRev(rev, &errWithSite{err: err, site: site})
	}
	dirs := []string{dir}
	for _, s := range subs {
		dirs = append(dirs, path.Join(dir, s))
	}
	for i, d := range dirs {
		opts := append(ff.options(), extra...)
		name := strings.TrimPrefix(d, dir+"/")
		if dir == "." {
			name = d
		}
		if i == 0 {
			opts, name = append(ff.topOptions(), extra...), top
			if len(subs) > 0 {
				// The framework folder may hold no pages of its own.
				opts = append(opts, framework.WithEmptyFolder())
			}
		}
		if b := base[name]; b != nil {
			opts = append(opts, framework.WithBaseline(b))
		}
		ld, err := framework.NewLoader(fsys, d, opts...)
		if err != nil {
			return side, nil, wrapRev(rev, &errWithSite{err: err, site: site})
		}
		o := &opened{loader: ld, site: site, io: ios, strict: ff.Strict, warned: warned, rev: rev}
		fw, err := o.all()
		if err != nil {
			return side, nil, wrapRev(rev, err)
		}
		if len(fw.Levels) > 0 {
			side.Departments = append(side.Departments, compare.Department{Name: name, Framework: fw})
		}
		lds[name] = ld
		if ld.Shape() != "" {
			break // a framework of another shape has no departments
		}
	}
	return side, lds, nil
}

// wrapRev says which revision an error is about; the framework error
// inside still decides the message and exit code.
func wrapRev(rev string, err error) error {
	if rev == "" {
		return err
	}
	return &revError{rev: rev, err: err}
}

type revError struct {
	rev string
	err error
}

func (e *revError) Error() string { return "at revision " + e.rev + ": " + e.err.Error() }
func (e *revError) Unwrap() error { return e.err }

// readLimited reads a file of at most max bytes, growing its buffer as
// it reads: unlike fs.ReadFile it does not trust the size the file
// reports, which a corrupt git object can set to anything.
func readLimited(fsys fs.FS, name string, max int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: over the %d byte limit", name, max)
	}
	return data, nil
}

// sideName is the department name of a framework at rel: its folder's
// name, or a framework file's name without its extension ("fw", not
// "fw.md").
func sideName(rel string, file bool) string {
	top := path.Base(rel)
	if file {
		top = strings.TrimSuffix(top, path.Ext(top))
	}
	return top
}
