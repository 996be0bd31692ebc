package gitfs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// entry is one entry of a tree object.
type entry struct {
	name string
	mode uint32
	hash plumbing.Hash
}

// The modes of tree entries that are not regular files.
const (
	modeDir     = 0o40000
	modeSymlink = 0o120000
	modeGitlink = 0o160000
)

// parseTree decodes a tree object: entries of "MODE NAME\0" and a
// 20-byte hash. A name that could not be a path element is an error.
func parseTree(data []byte) ([]entry, error) {
	var es []entry
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		nul := bytes.IndexByte(data, 0)
		if sp <= 0 || nul < sp || nul+1+20 > len(data) {
			return nil, fmt.Errorf("malformed entry %d", len(es)+1)
		}
		mode, err := strconv.ParseUint(string(data[:sp]), 8, 32)
		if err != nil {
			return nil, fmt.Errorf("malformed mode %q in entry %d", data[:sp], len(es)+1)
		}
		name := string(data[sp+1 : nul])
		if name == "" || name == "." || name == ".." || strings.Contains(name, "/") {
			return nil, fmt.Errorf("bad name %q in entry %d", name, len(es)+1)
		}
		var hash plumbing.Hash
		copy(hash[:], data[nul+1:nul+21])
		es = append(es, entry{name: name, mode: uint32(mode), hash: hash})
		data = data[nul+21:]
	}
	return es, nil
}

// treeFS is the tree of one commit as an fs.FS. Trees are read once and
// kept; blobs are read when a file is read.
type treeFS struct {
	r    *Repo
	root plumbing.Hash
	when time.Time

	mu    sync.Mutex
	trees map[plumbing.Hash][]entry
}

// tree reads and decodes the tree object h, or returns it from the cache.
func (t *treeFS) tree(h plumbing.Hash) ([]entry, error) {
	t.mu.Lock()
	es, ok := t.trees[h]
	t.mu.Unlock()
	if ok {
		return es, nil
	}
	typ, data, err := t.r.db.read(h)
	if err != nil {
		return nil, err
	}
	if typ != plumbing.TreeObject {
		return nil, fmt.Errorf("%s is a %s, not a tree", h, typ)
	}
	if es, err = parseTree(data); err != nil {
		return nil, fmt.Errorf("tree %s: %w", h, err)
	}
	t.mu.Lock()
	t.trees[h] = es
	t.mu.Unlock()
	return es, nil
}

// lookup walks a slash-separated path from the root tree.
func (t *treeFS) lookup(name string) (entry, error) {
	cur := entry{name: ".", mode: modeDir, hash: t.root}
	if name == "." {
		return cur, nil
	}
	for _, part := range strings.Split(name, "/") {
		if cur.mode != modeDir {
			return entry{}, fs.ErrNotExist
		}
		es, err := t.tree(cur.hash)
		if err != nil {
			return entry{}, err
		}
		found := false
		for _, e := range es {
			if e.name == part {
				cur, found = e, true
				break
			}
		}
		if !found {
			return entry{}, fs.ErrNotExist
		}
	}
	return cur, nil
}

// NeverBlocks tells the framework loader that opening a file here never
// blocks (a git tree holds no named pipes), so it need not stat first.
func (t *treeFS) NeverBlocks() {}

// Open implements fs.FS. A file's content is not read until it is read:
// Stat gives its size from the object's header.
func (t *treeFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	e, err := t.lookup(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	info := fileInfo{name: path.Base(name), mode: e.mode, when: t.when}
	switch e.mode {
	case modeDir:
		es, err := t.tree(e.hash)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &dir{info: info, entries: es, fs: t}, nil
	case modeSymlink:
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("symbolic link in the repository; not followed")}
	case modeGitlink:
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("submodule; not read")}
	}
	o, err := t.blob(e.hash)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	info.size = o.size
	return &file{info: info, obj: o}, nil
}

// blob opens the blob h, reading only its header.
func (t *treeFS) blob(h plumbing.Hash) (*object, error) {
	o, err := t.r.db.open(h)
	if err != nil {
		return nil, err
	}
	if o.typ != plumbing.BlobObject {
		o.Close()
		return nil, fmt.Errorf("%s is a %s, not a blob", h, o.typ)
	}
	return o, nil
}

// fileInfo describes a tree entry.
type fileInfo struct {
	name string
	size int64
	mode uint32
	when time.Time
}

// Name is the entry's name.
func (i fileInfo) Name() string { return i.name }

// Size is a file's size from its object's header; 0 for a folder.
func (i fileInfo) Size() int64 { return i.size }

// Mode is read-only: a folder, a symbolic link or a regular file.
func (i fileInfo) Mode() fs.FileMode {
	if i.mode == modeDir {
		return fs.ModeDir | 0o555
	}
	if i.mode == modeSymlink {
		return fs.ModeSymlink | 0o444
	}
	return 0o444
}

// ModTime is the commit's committer time.
func (i fileInfo) ModTime() time.Time { return i.when }

// IsDir reports whether the entry is a folder (a tree).
func (i fileInfo) IsDir() bool { return i.mode == modeDir }

// Sys returns nil.
func (i fileInfo) Sys() any { return nil }

// file is an opened blob: Stat gives its size without reading it, and
// its content is inflated as it is read.
type file struct {
	info fileInfo
	obj  *object
}

// Stat describes the file without reading it.
func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }

// Read inflates the blob as it is read.
func (f *file) Read(p []byte) (int, error) { return f.obj.Read(p) }

// Close releases the blob.
func (f *file) Close() error { return f.obj.Close() }

// dir is an opened tree.
type dir struct {
	info    fileInfo
	entries []entry
	fs      *treeFS
	off     int
}

// Stat describes the folder.
func (d *dir) Stat() (fs.FileInfo, error) { return d.info, nil }

// Read fails: a folder is read with ReadDir.
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}

// Close does nothing.
func (d *dir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n > 0 && len(rest) == 0 {
		return nil, io.EOF
	}
	if n > 0 && n < len(rest) {
		rest = rest[:n]
	}
	d.off += len(rest)
	out := make([]fs.DirEntry, len(rest))
	for i, e := range rest {
		out[i] = dirEntry{info: fileInfo{name: e.name, mode: e.mode, when: d.fs.when}, hash: e.hash, fs: d.fs}
	}
	return out, nil
}

// dirEntry is an entry of a directory listing.
type dirEntry struct {
	info fileInfo
	hash plumbing.Hash
	fs   *treeFS
}

// Name is the entry's name.
func (e dirEntry) Name() string { return e.info.name }

// IsDir reports whether the entry is a folder.
func (e dirEntry) IsDir() bool { return e.info.IsDir() }

// Type is the entry's type bits.
func (e dirEntry) Type() fs.FileMode { return e.info.Mode().Type() }

// Info reads the size of a file from its object's header when asked.
func (e dirEntry) Info() (fs.FileInfo, error) {
	if e.info.mode != modeDir {
		o, err := e.fs.r.db.open(e.hash)
		if err != nil {
			return nil, err
		}
		e.info.size = o.size
		o.Close()
	}
	return e.info, nil
}
