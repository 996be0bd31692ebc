package framework

import (
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
)

// DirFS returns a file system for a folder on disk, rooted so that no
// path and no symbolic link leads outside it (os.Root), whose files open
// without blocking: a named pipe posing as a page is refused when its
// type is checked after opening, at the cost of no extra stat per file.
//
// Each folder is opened once, from its parent, and kept: os.Root
// resolves a path one component at a time (an openat and a close per
// folder on the way), so reading a dozen include files from one folder
// would otherwise walk the same folders a dozen times.
func DirFS(root *os.Root) fs.FS {
	return &rootFS{root: root, fsys: root.FS(), dirs: map[string]dirEntry{".": {root: root}}}
}

type rootFS struct {
	root *os.Root
	fsys fs.FS

	mu   sync.Mutex
	dirs map[string]dirEntry
}

// dirEntry is a folder opened as a root of its own, or why it is not.
type dirEntry struct {
	root *os.Root
	// missing says the folder does not exist (or is not a folder).
	missing bool
}

// dir opens the folder name, relative to the root. It returns a nil root
// when the folder cannot be opened from its parent (a symbolic link to
// another folder of the root, say): the caller then resolves the whole
// path from the top, as os.Root does.
func (r *rootFS) dir(name string) dirEntry {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.dirLocked(name)
}

func (r *rootFS) dirLocked(name string) dirEntry {
	if d, ok := r.dirs[name]; ok {
		return d
	}
	var d dirEntry
	parent, base := ".", name
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		parent, base = name[:i], name[i+1:]
	}
	if p := r.dirLocked(parent); p.missing {
		d.missing = true
	} else if p.root != nil {
		// Only a real folder is opened from its parent. A symbolic link
		// is left to os.Root's own resolution from the top, which bounds
		// how many links a path may follow: opened one hop at a time, a
		// link to its own folder would be followed for ever.
		st, err := p.root.Lstat(base)
		switch {
		case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
			d.missing = true
		case err == nil && st.IsDir():
			if sub, err := p.root.OpenRoot(base); err == nil {
				d.root = sub
			}
		case err == nil && st.Mode()&fs.ModeSymlink == 0:
			d.missing = true // a file, not a folder
		}
	}
	r.dirs[name] = d
	return d
}

// split returns the opened folder holding name and name's last element.
func (r *rootFS) split(name string) (dirEntry, string) {
	i := strings.LastIndexByte(name, '/')
	if i < 0 {
		return dirEntry{root: r.root}, name
	}
	return r.dir(name[:i]), name[i+1:]
}

// Open opens a file with O_NONBLOCK.
func (r *rootFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	d, base := r.split(name)
	if d.missing {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if d.root != nil {
		f, err := d.root.OpenFile(base, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err == nil {
			return f, nil
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		// A symbolic link out of the folder may still lead inside the
		// root: resolve it from the top, which also words any error as
		// os.Root does.
	}
	f, err := r.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Stat implements fs.StatFS.
func (r *rootFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	d, base := r.split(name)
	if d.missing {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	if d.root != nil {
		st, err := d.root.Stat(base)
		if err == nil {
			return st, nil
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
		}
	}
	return fs.Stat(r.fsys, name)
}

// ReadDir implements fs.ReadDirFS. It reads the folder's entries with
// their types as the folder lists them, without a stat per entry.
func (r *rootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if fs.ValidPath(name) {
		if d := r.dir(name); d.root != nil {
			if f, err := d.root.Open("."); err == nil {
				es, err := f.ReadDir(-1)
				f.Close()
				if err == nil {
					slices.SortFunc(es, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
					return es, nil
				}
			}
		}
	}
	return fs.ReadDir(r.fsys, name)
}

// NeverBlocks tells the loader that Open never blocks (see readText), so
// it need not stat a file before opening it.
func (*rootFS) NeverBlocks() {}
