package framework

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// maxDepartmentDepth is how many folders below the framework folder
// department discovery looks; the handbook nests three deep
// (development/dev/backend).
const maxDepartmentDepth = 8

// maxDepartments bounds how many department folders one framework has.
const maxDepartments = 1000

// DocsManifest is the file ladder docs leaves in the folder it writes.
// A folder holding it is generated output, never a department.
const DocsManifest = ".ladder-docs-manifest"

// FindDepartments lists the departments below the framework folder dir:
// every folder under it, at any depth, that holds two or more level
// pages. Each is named by its path from dir ("development/dev/backend"),
// in path order. Folders whose names start with "." or "_", and folders
// ladder docs wrote (they hold DocsManifest), are skipped, and so is
// everything below them.
func FindDepartments(fsys fs.FS, dir string) ([]string, error) {
	dir = path.Clean(dir)
	var out []string
	// walk looks at the folders listed in entries, below dir by rel; each
	// folder is listed once, for its pages and its subfolders alike.
	var walk func(rel string, entries []fs.DirEntry) error
	walk = func(rel string, entries []fs.DirEntry) error {
		for _, e := range entries {
			name := e.Name()
			if !e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				continue
			}
			sub := path.Join(rel, name)
			if strings.Count(sub, "/") >= maxDepartmentDepth {
				continue
			}
			list, err := fs.ReadDir(fsys, path.Join(dir, sub))
			if err != nil {
				continue // an unreadable folder is no department
			}
			if slices.ContainsFunc(list, func(e fs.DirEntry) bool { return e.Name() == DocsManifest }) {
				continue // ladder docs output, pages and all
			}
			n := 0
			for _, e := range list {
				if !e.IsDir() && isLevelPage(e.Name()) {
					n++
				}
			}
			if n >= 2 {
				if len(out) == maxDepartments {
					return &Error{Source: Source{File: dir}, Code: "too-many", Err: fmt.Errorf("more than %d department folders under %s", maxDepartments, dir)}
				}
				out = append(out, sub)
			}
			if err := walk(sub, list); err != nil {
				return err
			}
		}
		return nil
	}
	st, err := fs.Stat(fsys, dir)
	if err != nil {
		return nil, openError(Source{File: dir}, err)
	}
	if !st.IsDir() {
		return nil, nil
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, openError(Source{File: dir}, err)
	}
	if err := walk("", entries); err != nil {
		return nil, err
	}
	slices.Sort(out)
	return out, nil
}

// isLevelPage reports whether a file name is a level page: Markdown, not
// _index.md, index.md, a hidden file or a repository's own file
// (README.md, LICENSE.md...: repoFile).
func isLevelPage(name string) bool {
	if !strings.HasSuffix(strings.ToLower(name), ".md") {
		return false
	}
	base := name[:len(name)-3]
	return base != "" && !strings.HasPrefix(base, "_") && !strings.HasPrefix(base, ".") &&
		!strings.EqualFold(base, "index") && !repoFile(base)
}

// repoFiles are the names (in upper case, without extension) of the files
// a repository keeps about itself, GitHub's community health files among
// them: none is a job level, and a framework folder that is also a
// repository's root has some of them beside its level pages.
var repoFiles = []string{"README", "LICENSE", "LICENCE", "COPYING", "NOTICE", "AUTHORS",
	"CONTRIBUTING", "CHANGELOG", "CODE_OF_CONDUCT", "SECURITY", "SUPPORT", "GOVERNANCE", "FUNDING"}

// repoFile reports whether a file's name without its extension is one of
// repoFiles, in any case.
func repoFile(base string) bool {
	return slices.ContainsFunc(repoFiles, func(n string) bool { return strings.EqualFold(n, base) })
}

// maybeFramework reports whether a file name could be a framework file
// of a shape other than Hugo level pages: Markdown, HTML or YAML, not
// hidden, not a Hugo list page and not a repository's own file.
func maybeFramework(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	base := strings.TrimSuffix(name, path.Ext(name))
	switch ext {
	case ".md", ".markdown", ".html", ".htm", ".yml", ".yaml":
	default:
		return false
	}
	return base != "" && !strings.HasPrefix(base, "_") && !strings.HasPrefix(base, ".") && !repoFile(base)
}

// noLevels is ErrNoLevels for the folder dir, naming up to three places
// in it or at most two folders below that may hold the framework: a file
// (maybeFramework), or a folder when it holds two or more such files (a
// page per level). A folder given as --framework is often the repository
// around the framework.
func noLevels(fsys fs.FS, dir string) error {
	var found []string // candidate files, in walk order, at most maxSeen
	const maxSeen = 64
	_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return nil
		}
		rel := strings.TrimPrefix(p, dir+"/")
		if dir == "." {
			rel = p
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") || strings.Count(rel, "/") >= 2 {
				return fs.SkipDir
			}
			return nil
		}
		if maybeFramework(d.Name()) {
			found = append(found, rel)
			if len(found) == maxSeen {
				return fs.SkipAll
			}
		}
		return nil
	})
	perFolder := map[string]int{}
	for _, f := range found {
		perFolder[path.Dir(f)]++
	}
	var places []string
	for _, f := range found {
		place := f
		if d := path.Dir(f); d != "." && perFolder[d] > 1 {
			place = d + "/"
		}
		if !slices.Contains(places, place) {
			places = append(places, place)
		}
		if len(places) == 3 {
			break
		}
	}
	if len(places) == 0 {
		return ErrNoLevels
	}
	return fmt.Errorf("%w; it holds what may be the framework: %s (give it to --framework)", ErrNoLevels, strings.Join(places, ", "))
}

// Sub returns a loader for the department folder rel below the framework
// folder (a name FindDepartments returns), sharing include files and
// limits; the level order (--order) is not shared.
func (ld *Loader) Sub(rel string) (*Loader, error) {
	if rel == "" || !fs.ValidPath(rel) || rel == "." {
		return nil, &Error{Code: "bad-ref", Err: errors.New("department " + rel + " is not a folder below the framework")}
	}
	return ld.derive(path.Join(ld.dir, rel))
}

// derive makes a loader for another framework folder of the same FS with
// this loader's includes, limits and credit (the departments of a
// framework share its source).
func (ld *Loader) derive(dir string) (*Loader, error) {
	sib := &Loader{fsys: ld.fsys, dir: dir, limits: ld.limits, inc: ld.inc, files: map[string]string{}, levels: map[string]*Level{},
		pages: map[string][]string{}, tried: map[string][]includeRef{}, credit: ld.credit, read: ld.read}
	if err := sib.list(); err != nil {
		return nil, err
	}
	return sib, nil
}

// DepartmentNotFoundError says that a department reference matched no
// department folder.
type DepartmentNotFoundError struct {
	// Ref is the department as given.
	Ref string
	// Departments are the departments the framework has.
	Departments []string
	// Closest is the nearest department by edit distance, empty if none
	// is near.
	Closest string
}

func (e *DepartmentNotFoundError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "unknown department %q", e.Ref)
	if e.Closest != "" {
		fmt.Fprintf(&b, " (did you mean %q?)", e.Closest)
	}
	if len(e.Departments) > 0 {
		fmt.Fprintf(&b, "; departments: %s", strings.Join(e.Departments, ", "))
	} else {
		b.WriteString("; the framework folder has no departments below it")
	}
	return b.String()
}

// NewDepartmentNotFound builds the error for an unknown department ref
// among the known departments, with the nearest name as a suggestion.
func NewDepartmentNotFound(ref string, departments []string) *DepartmentNotFoundError {
	e := &DepartmentNotFoundError{Ref: ref, Departments: departments}
	best, bestD := "", 1<<30
	r := strings.ToLower(ref)
	for _, d := range departments {
		dist := editDistance(r, strings.ToLower(d))
		// The last path element alone is a near miss too ("backend").
		if i := strings.LastIndexByte(d, '/'); i >= 0 {
			dist = min(dist, editDistance(r, strings.ToLower(d[i+1:])))
		}
		if dist < bestD {
			best, bestD = d, dist
		}
	}
	if best != "" && bestD <= max(2, len(r)/3) {
		e.Closest = best
	}
	return e
}
