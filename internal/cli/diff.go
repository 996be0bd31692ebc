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
}

// NewCmdDiff builds `ladder diff OLD NEW`.
func NewCmdDiff(ios *IOStreams, ff *frameworkFlags, runF func(*DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{IO: ios, Framework: ff}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW | OLD..NEW",
		Short: "Show what an edit changes in a framework, level by level",
		Long: `Compare two versions of a framework: two folders, or two git revisions of the
repository that holds --framework (read straight from git, no checkout).

For each level: pages added or removed, pillars added, removed or renamed,
items added, removed, reworded (word diff) and moved, the level summary's
changes. A changed include file is reported once, with the levels it affects.
Whitespace-only and link-target-only edits are counted apart.

When --framework holds sub-folders with level pages, each is a department and
levels are named dept/slug.`,
		Example: `  ladder diff old/infrastructure new/infrastructure
  ladder diff main~5 main --framework content/handbook/engineering/careers/matrix/infrastructure
  ladder diff origin/main..HEAD --framework DIR --format markdown --exit-code`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 1 && strings.Contains(args[0], "..") && !exists(args[0]):
				opts.Old, opts.New, _ = strings.Cut(args[0], "..")
				if opts.Old == "" {
					opts.Old = "HEAD"
				}
				if opts.New == "" {
					opts.New = "HEAD"
				}
			case len(args) == 2:
				opts.Old, opts.New = args[0], args[1]
			default:
				return usagef("diff takes OLD and NEW (folders or revisions) or OLD..NEW (got %d argument%s)", len(args), plural(len(args)))
			}
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

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func diffRun(opts *DiffOptions) error {
	var old, new compare.Side
	var err error
	warned := map[string]bool{} // a warning both versions share prints once
	switch {
	case isDir(opts.Old) || isDir(opts.New):
		for _, p := range []string{opts.Old, opts.New} {
			if !isDir(p) {
				return usagef("%s is not a folder; give two framework folders, or two revisions with --framework", p)
			}
		}
		if opts.Framework.Dir != "" {
			return usagef("with two folders, --framework is not used; give the framework folders as OLD and NEW")
		}
		// Both versions' top folder is one department, whatever the
		// folders are called (old/infrastructure, infrastructure-v2).
		top := filepath.Base(filepath.Clean(opts.New))
		var base loaders
		if old, base, err = folderSide(opts.IO, opts.Framework, opts.Old, top, warned, nil); err != nil {
			return err
		}
		if new, _, err = folderSide(opts.IO, opts.Framework, opts.New, top, warned, base); err != nil {
			return err
		}
	default:
		if opts.Framework.Includes != "" {
			return usagef("--includes cannot be used with revisions: include files are read from each revision")
		}
		dir := opts.Framework.Dir
		if dir == "" {
			dir = "."
		}
		if !isDir(dir) {
			return usagef("--framework %s: not a folder", dir)
		}
		repo, err := gitfs.Open(dir)
		if err != nil {
			if errors.Is(err, gitfs.ErrNotRepository) {
				return usagef("%s is not inside a git repository; give two folders, or --framework inside a repository", dir)
			}
			return err
		}
		defer repo.Close() // after the comparison below, which reads files again
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(repo.Root, abs)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		var base loaders
		if old, base, err = revisionSide(opts.IO, opts.Framework, repo, opts.Old, rel, warned, nil); err != nil {
			return err
		}
		if new, _, err = revisionSide(opts.IO, opts.Framework, repo, opts.New, rel, warned, base); err != nil {
			return err
		}
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

// revisionSide loads the framework folder rel as it is at a revision.
func revisionSide(ios *IOStreams, ff *frameworkFlags, repo *gitfs.Repo, rev, rel string, warned map[string]bool, base loaders) (compare.Side, loaders, error) {
	h, err := repo.Resolve(rev)
	if err != nil {
		return compare.Side{}, nil, err
	}
	fsys, err := repo.FS(h)
	if err != nil {
		return compare.Side{}, nil, &gitfs.Error{Rev: rev, Err: err}
	}
	if st, err := fs.Stat(fsys, rel); err != nil || !st.IsDir() {
		return compare.Side{}, nil, &gitfs.Error{Rev: rev, Err: fmt.Errorf("%s does not exist at this revision", rel)}
	}
	return loadSide(ios, ff, fsys, rel, path.Base(rel), repo.Root, rev, nil, warned, base)
}

// loadSide loads the framework folder dir (as department top) and every
// sub-folder with level pages (departments named after them).
func loadSide(ios *IOStreams, ff *frameworkFlags, fsys fs.FS, dir, top, site, rev string, extra []framework.Option, warned map[string]bool, base loaders) (compare.Side, loaders, error) {
	side := compare.Side{ReadFile: func(p string) ([]byte, error) { return readLimited(fsys, p, ff.fileLimit()) }}
	lds := loaders{}
	dirs := []string{dir}
	if entries, err := fs.ReadDir(fsys, dir); err == nil {
		for _, e := range entries {
			if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && !strings.HasPrefix(e.Name(), "_") {
				dirs = append(dirs, path.Join(dir, e.Name()))
			}
		}
	}
	for i, d := range dirs {
		opts := append(ff.options(), extra...)
		name := path.Base(d)
		if i == 0 {
			opts, name = append(ff.topOptions(), extra...), top
		}
		if b := base[name]; b != nil {
			opts = append(opts, framework.WithBaseline(b))
		}
		ld, err := framework.NewLoader(fsys, d, opts...)
		if err != nil {
			var fe *framework.Error
			if i > 0 && errors.As(err, &fe) && fe.Code == "no-levels" {
				continue // a sub-folder without level pages is no department
			}
			return side, nil, wrapRev(rev, &errWithSite{err: err, site: site})
		}
		o := &opened{loader: ld, site: site, io: ios, strict: ff.Strict, warned: warned, rev: rev}
		fw, err := o.all()
		if err != nil {
			return side, nil, wrapRev(rev, err)
		}
		side.Departments = append(side.Departments, compare.Department{Name: name, Framework: fw})
		lds[name] = ld
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
