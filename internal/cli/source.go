package cli

import (
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
	"github.com/ladder-cli/ladder/framework/example"
	"github.com/ladder-cli/ladder/framework/read"
)

// frameworkFlags are the flags every command uses to find a framework.
type frameworkFlags struct {
	Dir         string
	Includes    string
	Order       []string
	Strict      bool
	MaxFileSize int64
	// Input names the framework's shape (--input); empty to detect it.
	Input string
}

// opened is a framework ready to read levels from.
type opened struct {
	loader *framework.Loader
	site   string // absolute path of the site root ("" for the example)
	io     *IOStreams
	strict bool
	warned map[string]bool // warnings already printed, shared between loads
	rev    string          // the git revision the framework is read at, if any
}

// fileLimit is the largest file the loader reads (--max-file-size).
func (f *frameworkFlags) fileLimit() int64 {
	if f.MaxFileSize > 0 {
		return f.MaxFileSize
	}
	return framework.DefaultLimits.MaxFileSize
}

// options are the loader options of the flags; --order applies to the
// framework folder only (see orderOption), not to other departments.
func (f *frameworkFlags) options() []framework.Option {
	lim := framework.DefaultLimits
	lim.MaxFileSize = f.fileLimit()
	lim.MaxExpandedSize = max(lim.MaxExpandedSize, 4*lim.MaxFileSize)
	return []framework.Option{framework.WithLimits(lim), framework.WithReader(read.Reader{Input: f.Input})}
}

// checkInput refuses an --input that names no shape.
func (f *frameworkFlags) checkInput() error {
	if f.Input != "" && !slices.Contains(read.Names(), f.Input) {
		return usagef("--input %s: unknown shape; shapes: %s", f.Input, strings.Join(read.Names(), ", "))
	}
	return nil
}

// open finds the framework: the embedded example, or --framework DIR.
func (f *frameworkFlags) open(ios *IOStreams) (*opened, error) {
	if err := f.checkInput(); err != nil {
		return nil, err
	}
	if f.Dir == "" {
		if f.Includes != "" {
			return nil, usagef("--includes needs --framework")
		}
		ld, err := framework.NewLoader(example.FS(), example.Dir, f.topOptions()...)
		if err != nil {
			return nil, err
		}
		return &opened{loader: ld, io: ios, strict: f.Strict}, nil
	}
	fsys, dir, siteAbs, err := openDir(f.Dir)
	if err != nil {
		return nil, err
	}
	opts, err := f.withIncludes(f.topOptions(), siteAbs)
	if err != nil {
		return nil, err
	}
	ld, err := framework.NewLoader(fsys, dir, opts...)
	if err != nil {
		return nil, &errWithSite{err: err, site: siteAbs}
	}
	return &opened{loader: ld, site: siteAbs, io: ios, strict: f.Strict}, nil
}

// topOptions are the options for the framework folder itself: options
// plus --order.
func (f *frameworkFlags) topOptions() []framework.Option {
	opts := f.options()
	if len(f.Order) > 0 {
		opts = append(opts, framework.WithOrder(f.Order))
	}
	return opts
}

// withIncludes adds --includes DIR to the loader options: "includes/X"
// then names DIR/X, shown relative to the site root siteAbs.
func (f *frameworkFlags) withIncludes(opts []framework.Option, siteAbs string) ([]framework.Option, error) {
	if f.Includes == "" {
		return opts, nil
	}
	incAbs, err := filepath.Abs(f.Includes)
	if err != nil {
		return nil, usagef("--includes %s: %v", f.Includes, err)
	}
	st, err := os.Stat(incAbs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, usagef("--includes %s: folder does not exist", f.Includes)
	case err != nil:
		return nil, usagef("--includes %s: %v", f.Includes, err)
	case !st.IsDir():
		return nil, usagef("--includes %s: not a folder", f.Includes)
	}
	root, err := os.OpenRoot(incAbs)
	if err != nil {
		return nil, usagef("--includes %s: %v", f.Includes, err)
	}
	disp, err := filepath.Rel(siteAbs, incAbs)
	if err != nil {
		disp = incAbs
	}
	return append(opts, framework.WithIncludes(framework.DirFS(root), ".", filepath.ToSlash(disp))), nil
}

// openDir opens a framework folder on disk. The FS is rooted at the Hugo
// site root (the nearest folder above with assets/includes, else the
// framework's parent, so sibling departments resolve), through os.Root so
// that no symbolic link leads outside it.
func openDir(dir string) (fsys fs.FS, rel, siteAbs string, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, "", "", usagef("--framework %s: %v", dir, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, "", "", &framework.Error{Source: framework.Source{File: dir}, Code: "not-found", Err: errors.New("framework folder does not exist")}
		}
		return nil, "", "", &framework.Error{Source: framework.Source{File: dir}, Code: "unreadable", Err: err}
	}
	siteAbs = filepath.Dir(abs)
	if !st.IsDir() {
		// A framework in one file (Markdown, YAML, a matrix): the FS is
		// its folder, and the framework is the file in it.
		root, err := os.OpenRoot(siteAbs)
		if err != nil {
			return nil, "", "", &framework.Error{Source: framework.Source{File: dir}, Code: "unreadable", Err: err}
		}
		return framework.DirFS(root), filepath.Base(abs), siteAbs, nil
	}
	for d := abs; ; d = filepath.Dir(d) {
		if st, err := os.Stat(filepath.Join(d, "assets", "includes")); err == nil && st.IsDir() {
			siteAbs = d
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	root, err := os.OpenRoot(siteAbs)
	if err != nil {
		return nil, "", "", &framework.Error{Source: framework.Source{File: dir}, Code: "unreadable", Err: err}
	}
	rel, err = filepath.Rel(siteAbs, abs)
	if err != nil {
		return nil, "", "", usagef("--framework %s: %v", dir, err)
	}
	return framework.DirFS(root), filepath.ToSlash(rel), siteAbs, nil
}

// resolve finds the loader and slug of a level reference. A reference
// with a slash names another department's level ("development/senior"),
// relative to the framework's parent folder.
func (o *opened) resolve(ref string) (*framework.Loader, string, error) {
	ld := o.loader
	name := ref
	if ld.Shape() != "" {
		// A framework read from another shape has tracks, not
		// departments: "track/level" is the level's own name.
		slug, err := ld.Resolve(ref)
		if err != nil {
			return nil, "", o.wrap(err)
		}
		return ld, slug, nil
	}
	if i := strings.LastIndex(ref, "/"); i >= 0 {
		dept := ref[:i]
		name = ref[i+1:]
		if dept == "" || name == "" || dept != path.Clean(dept) || strings.HasPrefix(dept, ".") {
			return nil, "", usagef("invalid level %q (want LEVEL or DEPARTMENT/LEVEL)", ref)
		}
		if path.Base(ld.Dir()) != dept {
			sib, err := ld.Department(dept)
			if err != nil {
				var fe *framework.Error
				if errors.As(err, &fe) && fe.Code == "not-found" {
					return nil, "", usagef("no department %q beside %s", dept, path.Base(ld.Dir()))
				}
				return nil, "", o.wrap(err)
			}
			ld = sib
		}
	}
	slug, err := ld.Resolve(name)
	if err != nil {
		var nf *framework.LevelNotFoundError
		if errors.As(err, &nf) && name != ref {
			nf.Ref = ref
		}
		return nil, "", o.wrap(err)
	}
	return ld, slug, nil
}

// level resolves a level reference and parses the level.
func (o *opened) level(ref string) (*framework.Level, error) {
	ld, slug, err := o.resolve(ref)
	if err != nil {
		return nil, err
	}
	return o.parse(ld, slug)
}

// parse parses a level of a loader and prints its warnings.
func (o *opened) parse(ld *framework.Loader, slug string) (*framework.Level, error) {
	lv, err := ld.Level(slug)
	if err != nil {
		return nil, o.wrap(err)
	}
	if err := o.warn(lv.Warnings); err != nil {
		return nil, err
	}
	return lv, nil
}

// all parses every level.
func (o *opened) all() (*framework.Framework, error) {
	fw, err := o.loader.Framework()
	if err != nil {
		return nil, o.wrap(err)
	}
	for _, lv := range fw.Levels {
		if err := o.warn(lv.Warnings); err != nil {
			return nil, err
		}
	}
	return fw, nil
}

func (o *opened) wrap(err error) error {
	if o.site == "" {
		return err
	}
	return &errWithSite{err: err, site: o.site}
}

// warn prints warnings once each; with --strict the first is an error.
func (o *opened) warn(ws []framework.Warning) error {
	for _, w := range ws {
		if o.strict {
			return o.wrap(&framework.Error{Source: w.Source, Code: w.Code, Err: errors.New(w.Message + " (--strict)")})
		}
		key := w.String()
		if o.warned[key] {
			continue
		}
		if o.warned == nil {
			o.warned = map[string]bool{}
		}
		o.warned[key] = true
		at := ""
		if o.rev != "" {
			at = "at revision " + o.rev + ": "
		}
		fmt.Fprintf(o.io.ErrOut, "ladder: warning: %s%s: %s\n", render.TermSafe(at), render.TermSafe(o.show(w.Source)), render.TermSafe(w.Message))
	}
	return nil
}

// show shows a site-relative position as a path from the working
// directory.
func (o *opened) show(s framework.Source) string { return shower(o.site, o.io.Dir)(s) }
