package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/ladder-cli/ladder/compare/render"
	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/example"
)

// frameworkFlags are the flags every command uses to find a framework.
type frameworkFlags struct {
	Dir         string
	Includes    string
	Order       []string
	Strict      bool
	MaxFileSize int64
}

// opened is a framework ready to read levels from.
type opened struct {
	loader *framework.Loader
	site   string // absolute path of the site root ("" for the example)
	io     *IOStreams
	strict bool
	warned map[string]bool
}

func (f *frameworkFlags) options() []framework.Option {
	lim := framework.DefaultLimits
	if f.MaxFileSize > 0 {
		lim.MaxFileSize = f.MaxFileSize
		if lim.MaxExpandedSize < 4*f.MaxFileSize {
			lim.MaxExpandedSize = 4 * f.MaxFileSize
		}
	}
	opts := []framework.Option{framework.WithLimits(lim)}
	if len(f.Order) > 0 {
		opts = append(opts, framework.WithOrder(f.Order))
	}
	return opts
}

// open finds the framework: the embedded example, or --framework DIR.
func (f *frameworkFlags) open(ios *IOStreams) (*opened, error) {
	if f.Dir == "" {
		if f.Includes != "" {
			return nil, usagef("--includes needs --framework")
		}
		ld, err := framework.NewLoader(example.FS(), example.Dir, f.options()...)
		if err != nil {
			return nil, err
		}
		return &opened{loader: ld, io: ios, strict: f.Strict}, nil
	}
	fsys, dir, siteAbs, err := openDir(f.Dir)
	if err != nil {
		return nil, err
	}
	opts := f.options()
	if f.Includes != "" {
		incAbs, err := filepath.Abs(f.Includes)
		if err != nil {
			return nil, usagef("--includes %s: %v", f.Includes, err)
		}
		if st, err := os.Stat(incAbs); err != nil || !st.IsDir() {
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
		opts = append(opts, framework.WithIncludes(framework.DirFS(root), ".", filepath.ToSlash(disp)))
	}
	ld, err := framework.NewLoader(fsys, dir, opts...)
	if err != nil {
		return nil, &errWithSite{err: err, site: siteAbs}
	}
	return &opened{loader: ld, site: siteAbs, io: ios, strict: f.Strict}, nil
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
	if !st.IsDir() {
		return nil, "", "", &framework.Error{Source: framework.Source{File: dir}, Code: "not-a-folder", Err: errors.New("not a folder (give the folder that holds the level pages)")}
	}
	siteAbs = filepath.Dir(abs)
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

// level resolves a level reference and parses the level. A reference
// with a slash names another department's level ("development/senior"),
// relative to the framework's parent folder.
func (o *opened) level(ref string) (*framework.Level, error) {
	ld := o.loader
	name := ref
	if i := strings.LastIndex(ref, "/"); i >= 0 {
		dept := ref[:i]
		name = ref[i+1:]
		if dept == "" || name == "" || dept != path.Clean(dept) || strings.HasPrefix(dept, ".") {
			return nil, usagef("invalid level %q (want LEVEL or DEPARTMENT/LEVEL)", ref)
		}
		if path.Base(ld.Dir()) != dept {
			sib, err := ld.Department(dept)
			if err != nil {
				return nil, o.wrap(err)
			}
			ld = sib
		}
	}
	slug, err := ld.Resolve(name)
	if err != nil {
		return nil, o.wrap(err)
	}
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
		fmt.Fprintf(o.io.ErrOut, "ladder: warning: %s: %s\n", render.TermSafe(o.show(w.Source)), render.TermSafe(w.Message))
	}
	return nil
}

// show shows a site-relative position as a path from the working
// directory.
func (o *opened) show(s framework.Source) string { return shower(o.site, o.io.Dir)(s) }
