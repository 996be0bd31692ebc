package gitfs

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"
)

// Bounds on what a tree of a hostile repository can make gitfs read.
const (
	// maxTreeEntries is the most entries one folder may hold.
	maxTreeEntries = 1 << 20
	// maxLinkHops is the most symbolic links one path may go through,
	// as Linux allows (ELOOP past it).
	maxLinkHops = 40
	// maxLinkTarget is the longest target a symbolic link may have
	// (PATH_MAX).
	maxLinkTarget = 4096
)

// entry is one entry of a tree.
type entry struct {
	name string
	mode uint32
	obj  string
}

// The modes of tree entries that are not regular files.
const (
	modeDir     = 0o40000
	modeSymlink = 0o120000
	modeGitlink = 0o160000
)

// errEscapes says a symbolic link leads outside the tree.
var errEscapes = errors.New("path escapes the repository (a symbolic link leads outside it)")

// errLinkLoop says a path goes through too many symbolic links.
var errLinkLoop = fmt.Errorf("more than %d symbolic links in the path (a loop?)", maxLinkHops)

// tree reads the tree object obj through the cat-file process, or
// returns it from the repository's cache: the two revisions of a diff
// share most trees. (git ls-tree would cost a process per folder: 20 of
// them, 40 ms, for a diff of one handbook department.)
func (r *Repo) tree(obj string) ([]entry, error) {
	r.mu.Lock()
	es, ok := r.trees[obj]
	r.mu.Unlock()
	if ok {
		return es, nil
	}
	typ, size, data, err := r.object(obj)
	if err != nil {
		return nil, err
	}
	if typ != "tree" {
		return nil, fmt.Errorf("%s is a %s, not a tree", obj, typ)
	}
	if data == nil {
		return nil, fmt.Errorf("tree %s: %d bytes, over %d", obj, size, maxBlob)
	}
	if es, err = parseTree(data, len(obj)/2); err != nil {
		return nil, fmt.Errorf("tree %s: %w", obj, err)
	}
	r.mu.Lock()
	r.trees[obj] = es
	r.mu.Unlock()
	return es, nil
}

// parseTree decodes a tree object: entries of "MODE NAME\0" and the
// entry's object name, hashLen bytes (20 for SHA-1, 32 for SHA-256). A
// name that could not be a path element is an error, as are more than
// maxTreeEntries entries.
func parseTree(data []byte, hashLen int) ([]entry, error) {
	var es []entry
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		nul := bytes.IndexByte(data, 0)
		if sp <= 0 || nul < sp || nul+1+hashLen > len(data) {
			return nil, fmt.Errorf("malformed entry %d", len(es)+1)
		}
		mode, err := strconv.ParseUint(string(data[:sp]), 8, 32)
		if err != nil {
			return nil, fmt.Errorf("malformed mode %q in entry %d", clip(string(data[:sp]), 20), len(es)+1)
		}
		name := string(data[sp+1 : nul])
		if name == "" || name == "." || name == ".." || strings.Contains(name, "/") {
			return nil, fmt.Errorf("bad name %q in entry %d", clip(name, 100), len(es)+1)
		}
		if len(es) == maxTreeEntries {
			return nil, fmt.Errorf("over %d entries", maxTreeEntries)
		}
		es = append(es, entry{name: name, mode: uint32(mode), obj: hex.EncodeToString(data[nul+1 : nul+1+hashLen])})
		data = data[nul+1+hashLen:]
	}
	return es, nil
}

// FS returns the tree of a commit as a read-only file system. Its files'
// times are the commit's committer time.
func (r *Repo) FS(commit string) (fs.FS, error) {
	typ, _, data, err := r.object(commit)
	if err != nil {
		return nil, err
	}
	if typ != "commit" || data == nil {
		return nil, fmt.Errorf("%s is a %s, not a commit", commit, typ)
	}
	t := &treeFS{r: r}
	for len(data) > 0 {
		ln, rest, _ := bytes.Cut(data, []byte("\n"))
		if len(ln) == 0 {
			break // the headers end; the message may be long
		}
		k, v, _ := strings.Cut(string(ln), " ")
		switch k {
		case "tree":
			t.root = v
		case "committer":
			t.when = signatureTime(v)
		}
		data = rest
	}
	if !isObjectName(t.root) {
		return nil, fmt.Errorf("commit %s: no tree", commit)
	}
	return t, nil
}

// signatureTime returns the time of a signature, "Name <mail> 1700000000
// +0000", in UTC; the zero time when it has none.
func signatureTime(sig string) time.Time {
	f := strings.Fields(sig)
	if len(f) >= 2 {
		if sec, err := strconv.ParseInt(f[len(f)-2], 10, 64); err == nil {
			return time.Unix(sec, 0).UTC()
		}
	}
	return time.Time{}
}

// treeFS is the tree of one commit as an fs.FS.
type treeFS struct {
	r    *Repo
	root string
	when time.Time
}

// lookup walks a slash-separated path from the root tree, following
// symbolic links as the file system follows them on disk (the last
// element's only when follow is set): relative to the link's folder,
// never out of the tree, at most maxLinkHops of them.
func (t *treeFS) lookup(name string, follow bool) (entry, error) {
	cur := entry{name: ".", mode: modeDir, obj: t.root}
	if name == "." {
		return cur, nil
	}
	dirs := []entry{cur} // the folders walked, from the root
	parts := strings.Split(name, "/")
	hops := 0
	for len(parts) > 0 {
		part := parts[0]
		parts = parts[1:]
		switch part {
		case "", ".":
			continue
		case "..":
			if len(dirs) == 1 {
				return entry{}, errEscapes
			}
			dirs = dirs[:len(dirs)-1]
			cur = dirs[len(dirs)-1]
			continue
		}
		if cur.mode != modeDir {
			return entry{}, fs.ErrNotExist
		}
		es, err := t.r.tree(cur.obj)
		if err != nil {
			return entry{}, err
		}
		var e entry
		found := false
		for _, x := range es {
			if x.name == part {
				e, found = x, true
				break
			}
		}
		if !found {
			return entry{}, fs.ErrNotExist
		}
		if e.mode == modeSymlink && (len(parts) > 0 || follow) {
			if hops++; hops > maxLinkHops {
				return entry{}, errLinkLoop
			}
			target, err := t.linkTarget(e)
			if err != nil {
				return entry{}, err
			}
			if strings.HasPrefix(target, "/") {
				return entry{}, errEscapes
			}
			parts = append(strings.Split(target, "/"), parts...)
			continue
		}
		cur = e
		dirs = append(dirs, e)
	}
	return cur, nil
}

// linkTarget reads the target of a symbolic link.
func (t *treeFS) linkTarget(e entry) (string, error) {
	typ, size, data, err := t.r.object(e.obj)
	if err != nil {
		return "", err
	}
	if typ != "blob" || size > maxLinkTarget {
		return "", fmt.Errorf("symbolic link %s: not a link target (%s of %d bytes)", e.name, typ, size)
	}
	return string(data), nil
}

// NeverBlocks tells the framework loader that opening a file here never
// blocks (a git tree holds no named pipes), so it need not stat first.
func (t *treeFS) NeverBlocks() {}

// Open implements fs.FS, following symbolic links.
func (t *treeFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	e, err := t.lookup(name, true)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	info := fileInfo{name: path.Base(name), mode: e.mode, when: t.when}
	switch e.mode {
	case modeDir:
		es, err := t.r.tree(e.obj)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &dir{info: info, entries: es, fs: t}, nil
	case modeGitlink:
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("submodule; not read")}
	}
	typ, size, data, err := t.r.object(e.obj)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	if typ != "blob" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fmt.Errorf("%s is a %s, not a file", e.obj, typ)}
	}
	info.size = size
	return &file{info: info, obj: e.obj, r: bytes.NewReader(data), big: data == nil}, nil
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

// Size is a file's size; 0 for a folder.
func (i fileInfo) Size() int64 { return i.size }

// Mode is read-only: a folder, a symbolic link, a submodule (irregular)
// or a regular file.
func (i fileInfo) Mode() fs.FileMode {
	switch i.mode {
	case modeDir:
		return fs.ModeDir | 0o555
	case modeSymlink:
		return fs.ModeSymlink | 0o444
	case modeGitlink:
		return fs.ModeIrregular | 0o444
	}
	return 0o444
}

// ModTime is the commit's committer time.
func (i fileInfo) ModTime() time.Time { return i.when }

// IsDir reports whether the entry is a folder (a tree).
func (i fileInfo) IsDir() bool { return i.mode == modeDir }

// Sys returns nil.
func (i fileInfo) Sys() any { return nil }

// file is an opened blob.
type file struct {
	info fileInfo
	obj  string
	r    *bytes.Reader
	big  bool // over maxBlob: not read
}

// Stat describes the file.
func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }

// Read reads the blob's content.
func (f *file) Read(p []byte) (int, error) {
	if f.big {
		return 0, &fs.PathError{Op: "read", Path: f.info.name, Err: fmt.Errorf("object %s is %d bytes, over the %d bytes ladder reads from git", f.obj, f.info.size, maxBlob)}
	}
	return f.r.Read(p)
}

// Close does nothing.
func (f *file) Close() error { return nil }

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

// ReadDir implements fs.ReadDirFile. Entries are in git's order, which
// is by name for all but folders; fs.ReadDir sorts them.
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
		out[i] = dirEntry{info: fileInfo{name: e.name, mode: e.mode, when: d.fs.when}, obj: e.obj, fs: d.fs}
	}
	return out, nil
}

// dirEntry is an entry of a folder listing; like os.ReadDir's, it
// describes a symbolic link itself, not its target.
type dirEntry struct {
	info fileInfo
	obj  string
	fs   *treeFS
}

// Name is the entry's name.
func (e dirEntry) Name() string { return e.info.name }

// IsDir reports whether the entry is a folder.
func (e dirEntry) IsDir() bool { return e.info.IsDir() }

// Type is the entry's type bits.
func (e dirEntry) Type() fs.FileMode { return e.info.Mode().Type() }

// Info reads a file's size when asked.
func (e dirEntry) Info() (fs.FileInfo, error) {
	if e.info.mode != modeDir && e.info.mode != modeGitlink {
		_, size, _, err := e.fs.r.object(e.obj)
		if err != nil {
			return nil, err
		}
		e.info.size = size
	}
	return e.info, nil
}
