package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ladder-cli/ladder/compare/render"
	"github.com/ladder-cli/ladder/framework"
	"github.com/spf13/cobra"
)

// docsManifest is the file in the output folder that lists the pages
// ladder docs wrote there; only those are ever removed.
const docsManifest = framework.DocsManifest

// docsProgressMin is the number of pages from which a terminal gets
// progress while the set renders.
const docsProgressMin = 20

// DocsOptions are the inputs of `ladder docs`.
type DocsOptions struct {
	IO        *IOStreams
	Framework *frameworkFlags
	Out       string
	Hugo      bool
	HTML      bool
	// Credit replaces the credit of ladder.yaml (--credit).
	Credit string
}

// NewCmdDocs builds `ladder docs --out DIR`.
func NewCmdDocs(ios *IOStreams, ff *frameworkFlags, runF func(*DocsOptions) error) *cobra.Command {
	opts := &DocsOptions{IO: ios, Framework: ff}
	cmd := &cobra.Command{
		Use:   "docs --out DIR",
		Short: "Write a comparison document set for the whole framework",
		Long: `Write a comparison document set for the whole framework into DIR:
index.md linking every page, matrix.md (pillars × levels with item counts,
and what is new at each level), levels/LEVEL.md for each level and
compare/FROM-vs-TO.md (side by side) for each pair of adjacent levels.

The pages are Markdown whose tables render on GitLab and GitHub. With
--hugo each page starts with front matter, the index is _index.md and
links use page URLs, so the folder drops into a Hugo handbook.

With --html the set is HTML instead: index.html, matrix.html,
levels/LEVEL.html and compare/FROM-vs-TO.html, each page self-contained
(inline styles, no network loads), linked by relative links, so the
folder can be opened from disk or served as it is.

The output is deterministic: running the command again changes no byte
and leaves unchanged files untouched. DIR/` + docsManifest + ` lists the
files ladder wrote; pages it no longer generates are removed, and no file
missing from that list is ever removed or overwritten.

Every page ends with a credit of the framework's source when there is one
("Source: ..." in Markdown, the footer in HTML): licences such as CC BY
4.0 and the OGL require documents made from a framework to credit it.
The credit is the credit field of ladder.yaml beside the framework, or
the text of --credit, which overrides it; it is shown as plain text.`,
		Example: `  ladder docs --out career-docs
  ladder docs --out handbook/content/careers/ladder --hugo --framework .../matrix/infrastructure
  ladder docs --out career-site --html
  ladder docs --out career-docs --credit "Adapted from ... by ..., CC BY 4.0, https://..."`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Out == "" {
				return usagef("ladder docs needs --out DIR, the folder to write the pages to")
			}
			if opts.HTML && opts.Hugo {
				return usagef("--html and --hugo do not go together: Hugo pages are Markdown")
			}
			if runF != nil {
				return runF(opts)
			}
			return docsRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Out, "out", "o", "", "folder to write the pages to (created if missing)")
	f.BoolVar(&opts.Hugo, "hugo", false, "write Hugo pages: front matter, _index.md, links by page URL")
	f.BoolVar(&opts.HTML, "html", false, "write self-contained HTML pages instead of Markdown")
	f.StringVar(&opts.Credit, "credit", "", "credit the framework's source on every page (overrides ladder.yaml's credit)")
	_ = cmd.MarkFlagDirname("out")
	return cmd
}

func docsRun(opts *DocsOptions) error {
	if fd := opts.Framework.Dir; fd != "" && overlaps(fd, opts.Out) {
		// The pages would be read back: as levels in the framework folder
		// or its parent, as a department in a folder below it.
		return usagef("--out %s is, or is inside, the framework folder %s or its parent; choose a folder outside them", opts.Out, fd)
	}
	o, err := opts.Framework.open(opts.IO)
	if err != nil {
		return err
	}
	ds, err := o.frameworks()
	if err != nil {
		return err
	}
	ios := opts.IO
	ro := render.DocsOptions{Hugo: opts.Hugo, Credit: opts.Credit}
	shown := false
	if ios.ErrTTY {
		ro.Progress = func(done, total int, p string) {
			if total < docsProgressMin {
				return
			}
			shown = true
			fmt.Fprintf(ios.ErrOut, "\r\x1b[Kladder: rendering %d/%d %s", done, total, p)
		}
	}
	ds, tracked := byTrack(ds)
	var files []render.DocFile
	switch {
	case tracked || len(ds) > 1 || ds[0].Framework.Dir != o.loader.Dir():
		// One folder per department, and an index linking them.
		var title string
		if title, err = o.loader.Title(); err != nil {
			return o.wrap(err)
		}
		if opts.HTML {
			files, err = render.DocsDepartmentsHTML(ds, title, ro)
		} else {
			files, err = render.DocsDepartments(ds, title, ro)
		}
	case opts.HTML:
		files, err = render.DocsHTML(ds[0].Framework, ro)
	default:
		files, err = render.Docs(ds[0].Framework, ro)
	}
	if shown {
		fmt.Fprint(ios.ErrOut, "\r\x1b[K")
	}
	if err != nil {
		return err
	}
	st, err := writeDocs(ios, opts.Out, files)
	if err != nil {
		return err
	}
	fmt.Fprintf(ios.ErrOut, "wrote %d file%s to %s (%d unchanged, %d removed)\n", st.written, plural(st.written), opts.Out, st.unchanged, st.removed)
	return nil
}

type docsStats struct{ written, unchanged, removed int }

// writeDocs writes a document set under dir, through an os.Root so that
// nothing outside dir is touched, symbolic links included. It removes
// the pages of the previous manifest that the set no longer has, never
// overwrites a file the manifest does not list (unless it already holds
// the same bytes), leaves files whose content is unchanged alone, and
// rewrites the manifest last.
func writeDocs(ios *IOStreams, dir string, files []render.DocFile) (docsStats, error) {
	var st docsStats
	show := func(p string) string { return filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(p))) }
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, fmt.Errorf("--out %s: %w", dir, unwrapPath(err))
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return st, fmt.Errorf("--out %s: %w", dir, unwrapPath(err))
	}
	defer root.Close()

	old, err := readDocsManifest(root, show(docsManifest))
	if err != nil {
		return st, err
	}
	managed := map[string]bool{}
	for _, p := range old {
		managed[p] = true
	}
	next := map[string]bool{}
	var names []string
	for _, f := range files {
		if !docsLocal(f.Path) || f.Path == docsManifest || next[f.Path] {
			return st, fmt.Errorf("invalid page path %q", f.Path) // render's paths are always safe; cannot happen
		}
		next[f.Path] = true
		names = append(names, f.Path)
	}
	slices.Sort(names)

	// Check before changing anything: a page may only replace a file
	// ladder wrote, or one that already holds the same bytes.
	same := map[string]bool{}
	for _, f := range files {
		fp := filepath.FromSlash(f.Path)
		fi, err := root.Lstat(fp)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return st, fmt.Errorf("%s: %w", show(f.Path), unwrapPath(err))
		}
		if !fi.Mode().IsRegular() {
			return st, fmt.Errorf("%s exists and is not a regular file; move it away or choose another --out", show(f.Path))
		}
		cur, err := root.ReadFile(fp)
		switch {
		case err != nil:
			return st, fmt.Errorf("%s: %w", show(f.Path), unwrapPath(err))
		case bytes.Equal(cur, f.Content):
			same[f.Path] = true
		case !managed[f.Path]:
			return st, fmt.Errorf("%s exists and was not written by ladder docs (it is not listed in %s); move it away or choose another --out", show(f.Path), show(docsManifest))
		}
	}

	// Record every file that may exist after this run before writing, so
	// that an interrupted run leaves no page unlisted.
	union := slices.Clone(old)
	for _, p := range names {
		if !managed[p] {
			union = append(union, p)
		}
	}
	slices.Sort(union)
	union = slices.Compact(union)
	if !slices.Equal(union, old) {
		if err := writeDocsManifest(root, union, show(docsManifest)); err != nil {
			return st, err
		}
	}

	for _, p := range old {
		if next[p] {
			continue
		}
		fp := filepath.FromSlash(p)
		fi, err := root.Lstat(fp)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return st, fmt.Errorf("%s: %w", show(p), unwrapPath(err))
		}
		if !fi.Mode().IsRegular() {
			fmt.Fprintf(ios.ErrOut, "ladder: warning: %s is listed in %s but is not a regular file; left in place\n", show(p), show(docsManifest))
			continue
		}
		if err := root.Remove(fp); err != nil {
			return st, fmt.Errorf("%s: %w", show(p), unwrapPath(err))
		}
		st.removed++
		// A folder the removed page leaves empty goes too; Remove
		// refuses a folder that still holds anything, ours or not.
		for d := path.Dir(p); d != "." && !next[d]; d = path.Dir(d) {
			if root.Remove(filepath.FromSlash(d)) != nil {
				break
			}
		}
	}

	for _, f := range files {
		if same[f.Path] {
			st.unchanged++
			continue
		}
		fp := filepath.FromSlash(f.Path)
		if d := path.Dir(f.Path); d != "." {
			if err := root.MkdirAll(filepath.FromSlash(d), 0o755); err != nil {
				return st, fmt.Errorf("%s: %w", show(d), unwrapPath(err))
			}
		}
		if err := root.WriteFile(fp, f.Content, 0o644); err != nil {
			return st, fmt.Errorf("%s: %w", show(f.Path), unwrapPath(err))
		}
		st.written++
	}

	if !slices.Equal(names, union) {
		if err := writeDocsManifest(root, names, show(docsManifest)); err != nil {
			return st, err
		}
	}
	return st, nil
}

const docsManifestHeader = "# Files written by ladder docs. They are removed when no longer generated;\n# files not listed here are never removed or overwritten.\n"

// readDocsManifest reads the previous manifest: sorted, slash-separated
// paths inside the folder. A path that leads outside is an error.
func readDocsManifest(root *os.Root, shown string) ([]string, error) {
	data, err := root.ReadFile(docsManifest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", shown, unwrapPath(err))
	}
	var out []string
	for i, ln := range strings.Split(string(data), "\n") {
		ln = strings.TrimSuffix(ln, "\r")
		if strings.TrimSpace(ln) == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		if !docsLocal(ln) || ln == docsManifest {
			return nil, fmt.Errorf("%s:%d: %q is not a file inside the folder; refusing to use this manifest", shown, i+1, ln)
		}
		out = append(out, ln)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func writeDocsManifest(root *os.Root, names []string, shown string) error {
	var b strings.Builder
	b.WriteString(docsManifestHeader)
	for _, n := range names {
		b.WriteString(n + "\n")
	}
	if err := root.WriteFile(docsManifest, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("%s: %w", shown, unwrapPath(err))
	}
	return nil
}

// docsLocal reports whether p is a clean, slash-separated relative path
// that stays inside the folder.
func docsLocal(p string) bool {
	return p != "" && p != "." && path.Clean(p) == p && !strings.Contains(p, `\`) &&
		!strings.ContainsRune(p, 0) && filepath.IsLocal(filepath.FromSlash(p))
}

// overlaps reports whether out is the framework folder fw, a folder
// inside it, or its parent folder.
func overlaps(fw, out string) bool {
	real := func(p string) string {
		abs, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			return r
		}
		// out may not exist yet: resolve its nearest existing parent.
		if r, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
			return filepath.Join(r, filepath.Base(abs))
		}
		return abs
	}
	f, o := real(fw), real(out)
	if o == filepath.Dir(f) {
		return true
	}
	rel, err := filepath.Rel(f, o)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// unwrapPath drops the operation and path of an *fs.PathError, which the
// caller's message already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// byTrack splits a framework with several tracks (IC and manager ladders)
// into one document set per track, so that pages compare each level with
// the next one on its own ladder, never a lead engineer with a manager.
// A level on no track (the shared lower levels) stands in every set. It
// reports whether any framework was split.
func byTrack(ds []render.Department) ([]render.Department, bool) {
	var out []render.Department
	split := false
	for _, d := range ds {
		tracks := d.Framework.Tracks()
		if len(tracks) < 2 {
			out = append(out, d)
			continue
		}
		split = true
		for _, t := range tracks {
			view := d.Framework.OnTrack(t)
			view.Title = t
			if d.Framework.Title != "" {
				view.Title = d.Framework.Title + " (" + t + ")"
			}
			name := t
			if len(ds) > 1 {
				name = d.Name + "/" + t
			}
			out = append(out, render.Department{Name: name, Framework: view})
		}
	}
	return out, split
}
