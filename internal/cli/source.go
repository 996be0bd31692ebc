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
	DirSet      bool // --framework was given, perhaps empty
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
	depts  []department    // the departments, once listed (departments)
	abs    bool            // --framework was absolute: paths are shown absolute
}

// department is one department of the framework: a folder with level
// pages, named by its path from --framework ("development/dev/backend");
// the framework folder itself has the name "".
type department struct {
	name   string
	loader *framework.Loader
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
	if f.DirSet && strings.TrimSpace(f.Dir) == "" {
		return nil, usagef("--framework is empty; give the folder of level pages, or leave the flag out for the built-in example")
	}
	seen := map[string]string{}
	for _, ref := range f.Order {
		k := strings.ToLower(strings.TrimSpace(ref))
		if k == "" {
			continue
		}
		if prev, ok := seen[k]; ok {
			return nil, usagef("--order names %q twice (as %q and %q); name each level once", k, prev, ref)
		}
		seen[k] = ref
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
	var fe *framework.Error
	if errors.As(err, &fe) && fe.Code == "no-levels" {
		// A folder whose level pages are all in departments below it
		// (the handbook's development/) is a framework too.
		if subs, ferr := framework.FindDepartments(fsys, dir); ferr == nil && len(subs) > 0 {
			ld, err = framework.NewLoader(fsys, dir, append(opts, framework.WithEmptyFolder())...)
		}
	}
	abs := filepath.IsAbs(f.Dir)
	if err != nil {
		return nil, &errWithSite{err: err, site: siteAbs, abs: abs}
	}
	return &opened{loader: ld, site: siteAbs, io: ios, strict: f.Strict, abs: abs}, nil
}

// departments lists the framework's departments: the framework folder
// itself when it has level pages, then every folder below it with two or
// more level pages, in path order.
func (o *opened) departments() ([]department, error) {
	if o.depts != nil {
		return o.depts, nil
	}
	var ds []department
	slugs, err := o.loader.Slugs()
	if err != nil {
		return nil, o.wrap(err)
	}
	if len(slugs) > 0 {
		ds = append(ds, department{name: "", loader: o.loader})
	}
	var names []string
	if o.loader.Shape() == "" {
		// Only Hugo level pages nest departments in folders; a
		// framework of another shape is read whole by its reader.
		if names, err = framework.FindDepartments(o.loader.FS(), o.loader.Dir()); err != nil {
			return nil, o.wrap(err)
		}
	}
	for _, n := range names {
		sub, err := o.loader.Sub(n)
		if err != nil {
			return nil, o.wrap(err)
		}
		ds = append(ds, department{name: n, loader: sub})
	}
	o.depts = ds
	return ds, nil
}

// label names a department in output: its path from --framework, or the
// framework folder's own name for the framework folder (and for a
// sibling department, its folder's name).
func (o *opened) label(ld *framework.Loader) string {
	top := o.loader.Dir()
	if ld.Dir() == top {
		return path.Base(top)
	}
	if rel, ok := strings.CutPrefix(ld.Dir(), top+"/"); ok && top != "." {
		return rel
	}
	if top == "." {
		return ld.Dir()
	}
	return path.Base(ld.Dir())
}

// ref names a level of a department: "slug", or "dept/slug" when
// qualify is set or the level is not the framework folder's.
func (o *opened) ref(ld *framework.Loader, slug string, qualify bool) string {
	if !qualify && ld.Dir() == o.loader.Dir() {
		return slug
	}
	return o.label(ld) + "/" + slug
}

// departmentNames lists the departments' labels.
func (o *opened) departmentNames() []string {
	ds, _ := o.departments()
	var out []string
	for _, d := range ds {
		out = append(out, o.label(d.loader))
	}
	return out
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
// with a slash names a department's level: "development/dev/backend/senior"
// for a department below the framework folder, or "development/senior"
// for a department beside it.
func (o *opened) resolve(ref string) (*framework.Loader, string, error) {
	ld := o.loader
	name := ref
	if ld.Shape() != "" {
		// A framework read from another shape has tracks, not
		// departments: "track/level" is the level's own name.
		slug, err := ld.Resolve(ref)
		if err != nil {
			// diff names a level after the framework's file or folder
			// ("platform/senior" for platform.yml): accept that too.
			top := path.Base(ld.Dir())
			if rest, ok := strings.CutPrefix(ref, strings.TrimSuffix(top, path.Ext(top))+"/"); ok {
				if s, err2 := ld.Resolve(rest); err2 == nil {
					return ld, s, nil
				}
			}
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
		var err error
		if ld, err = o.department(dept); err != nil {
			return nil, "", err
		}
	} else if slugs, err := ld.Slugs(); err == nil && len(slugs) == 0 {
		return nil, "", o.needsDepartment(ref)
	}
	slug, err := ld.Resolve(name)
	if err != nil {
		var nf *framework.LevelNotFoundError
		if errors.As(err, &nf) && name != ref {
			nf.Ref = ref
		}
		if errors.As(err, &nf) && name == ref {
			// A level of a department below: suggest its full name.
			if ds, derr := o.departments(); derr == nil {
				for _, d := range ds {
					if d.loader == o.loader {
						continue
					}
					if slug, rerr := d.loader.Resolve(ref); rerr == nil {
						nf.Closest = o.ref(d.loader, slug, true)
						break
					}
				}
			}
		}
		return nil, "", o.wrap(err)
	}
	return ld, slug, nil
}

// department finds the loader of a department reference: a folder below
// the framework folder (by its path, in any case), the framework folder
// by its own name, or a folder beside it.
func (o *opened) department(dept string) (*framework.Loader, error) {
	ds, err := o.departments()
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		if d.name != "" && strings.EqualFold(d.name, dept) {
			return d.loader, nil
		}
	}
	if strings.EqualFold(path.Base(o.loader.Dir()), dept) {
		return o.loader, nil
	}
	if !strings.Contains(dept, "/") {
		sib, err := o.loader.Department(dept)
		if err == nil {
			return sib, nil
		}
		var fe *framework.Error
		if !errors.As(err, &fe) || (fe.Code != "not-found" && fe.Code != "no-levels" && fe.Code != "bad-ref" && fe.Code != "not-a-folder") {
			return nil, o.wrap(err)
		}
	}
	return nil, framework.NewDepartmentNotFound(dept, o.departmentNames())
}

// needsDepartment is the error for a bare level name when the framework
// folder has no level pages of its own: it lists the departments'
// levels of that name.
func (o *opened) needsDepartment(ref string) error {
	ds, err := o.departments()
	if err != nil {
		return err
	}
	var cands []string
	for _, d := range ds {
		if slug, err := d.loader.Resolve(ref); err == nil {
			cands = append(cands, o.ref(d.loader, slug, true))
		}
	}
	if len(cands) > 0 {
		return usagef("%s has no level pages of its own; name the department: %s", path.Base(o.loader.Dir()), strings.Join(cands, ", "))
	}
	return usagef("%s has no level pages of its own; name a level as DEPARTMENT/LEVEL (departments: %s)", path.Base(o.loader.Dir()), strings.Join(o.departmentNames(), ", "))
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
	lvs, err := o.parseLevels(ld, slug)
	if err != nil {
		return nil, err
	}
	return lvs[0], nil
}

// parseLevels parses levels of one loader at once (framework's
// Loader.Levels), and warns of what they hold, in the order given. When
// one does not load, the levels before it are warned of first and the
// first problem is the error, as parsing them one by one would have it:
// a warning made an error by --strict comes before a later level's
// error.
func (o *opened) parseLevels(ld *framework.Loader, slugs ...string) ([]*framework.Level, error) {
	lvs, err := func() ([]*framework.Level, error) {
		if len(slugs) <= 2 {
			defer pauseGC(o.io.Getenv, parseHeadroom(ld.Limits().MaxFileSize))() // see gc.go
		}
		return ld.Levels(slugs...)
	}()
	if err != nil {
		for _, s := range slugs {
			lv, err := ld.Level(s)
			if err != nil {
				return nil, o.wrap(err)
			}
			if err := o.warn(lv.Warnings); err != nil {
				return nil, err
			}
		}
		return nil, o.wrap(err) // not reached: one of them failed
	}
	for _, lv := range lvs {
		if err := o.warn(lv.Warnings); err != nil {
			return nil, err
		}
	}
	return lvs, nil
}

// all parses every level.
func (o *opened) all() (*framework.Framework, error) { return o.frameworkOf(o.loader) }

// frameworkOf parses every level of a loader, and warns of what they hold.
func (o *opened) frameworkOf(ld *framework.Loader) (*framework.Framework, error) {
	fw, err := ld.Framework()
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
	return &errWithSite{err: err, site: o.site, abs: o.abs}
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
func (o *opened) show(s framework.Source) string {
	if o.abs {
		return shower(o.site, "")(s)
	}
	return shower(o.site, o.io.Dir)(s)
}

// frameworks parses every level of every department (see departments),
// each named by its label. The framework folder alone is one department
// named after its folder.
func (o *opened) frameworks() ([]render.Department, error) {
	ds, err := o.departments()
	if err != nil {
		return nil, err
	}
	var out []render.Department
	for _, d := range ds {
		fw, err := o.frameworkOf(d.loader)
		if err != nil {
			return nil, err
		}
		out = append(out, render.Department{Name: o.label(d.loader), Framework: fw})
	}
	if len(out) == 0 {
		return nil, o.wrap(&framework.Error{Source: framework.Source{File: o.loader.Dir()}, Code: "no-levels", Err: framework.ErrNoLevels})
	}
	return out, nil
}

// inheritedFrom lists the levels whose competencies the level slug of
// ld keeps, following inheritance statements from level to level
// (staff → senior → intermediate). Only levels below it in the order
// count: a statement naming the level itself or a higher one is a lint
// finding, not inheritance.
func (o *opened) inheritedFrom(ld *framework.Loader, slug string) ([]string, error) {
	slugs, err := ld.Slugs()
	if err != nil {
		return nil, o.wrap(err)
	}
	rank := map[string]int{}
	for i, s := range slugs {
		rank[s] = i
	}
	top, ok := rank[slug]
	if !ok {
		return []string{}, nil
	}
	out := []string{}
	seen := map[string]bool{slug: true}
	queue := []string{slug}
	for len(queue) > 0 {
		lv, err := o.parse(ld, queue[0])
		queue = queue[1:]
		if err != nil {
			return nil, err
		}
		for _, s := range lv.Inherits {
			r, ok := rank[s]
			if !ok || seen[s] || r >= top {
				continue
			}
			seen[s] = true
			out = append(out, s)
			queue = append(queue, s)
		}
	}
	return out, nil
}
