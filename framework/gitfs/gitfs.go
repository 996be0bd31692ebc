// Package gitfs reads the tree of a git revision as an fs.FS, so the
// framework loader can read a framework as it was at any commit, with no
// checkout and no change to the work tree.
//
// It uses go-git's object storage only (storage/filesystem), not its
// porcelain package: that keeps the packages whose init runs at every
// start of ladder to a few. Commits, tags and trees are small text and
// binary formats decoded here.
package gitfs

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// Error is a problem with a repository or a revision.
type Error struct {
	// Rev is the revision concerned, if any.
	Rev string
	// Err is the problem.
	Err error
}

func (e *Error) Error() string {
	if e.Rev == "" {
		return e.Err.Error()
	}
	return fmt.Sprintf("revision %q: %v", e.Rev, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// ErrNotRepository says a folder is not inside a git repository.
var ErrNotRepository = errors.New("not inside a git repository")

// Repo is an opened repository.
type Repo struct {
	st *filesystem.Storage
	// Root is the work tree root (the folder holding .git).
	Root string
}

// Open finds the repository that contains dir (walking up to a folder
// with .git) and opens its object storage.
func Open(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for d := abs; ; d = filepath.Dir(d) {
		gitdir := filepath.Join(d, ".git")
		st, err := os.Stat(gitdir)
		if err == nil {
			if !st.IsDir() {
				// A worktree or submodule: ".git" is a file naming the git dir.
				gitdir, err = readGitFile(gitdir)
				if err != nil {
					return nil, err
				}
			}
			// Objects over 1 MiB are streamed, not read whole, so a huge
			// blob can be refused by its size before it is read.
			s := filesystem.NewStorageWithOptions(osfs.New(gitdir), cache.NewObjectLRUDefault(), filesystem.Options{LargeObjectThreshold: 1 << 20})
			return &Repo{st: s, Root: d}, nil
		}
		if filepath.Dir(d) == d {
			return nil, &Error{Err: fmt.Errorf("%s: %w", dir, ErrNotRepository)}
		}
	}
}

func readGitFile(name string) (string, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	line := strings.TrimSpace(string(data))
	dir, ok := strings.CutPrefix(line, "gitdir:")
	if !ok {
		return "", fmt.Errorf("%s: not a gitdir file", name)
	}
	dir = strings.TrimSpace(dir)
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(filepath.Dir(name), dir)
	}
	return dir, nil
}

// Resolve turns a revision into a commit hash. It understands full and
// abbreviated hashes (4+ hex digits), HEAD, branch, tag and remote names,
// full ref names, and the suffixes ~N, ^ and ^N.
func (r *Repo) Resolve(rev string) (plumbing.Hash, error) {
	base, ops := splitRev(rev)
	if base == "" {
		base = "HEAD"
	}
	h, err := r.resolveBase(base)
	if err != nil {
		return plumbing.ZeroHash, &Error{Rev: rev, Err: err}
	}
	h, err = r.peelToCommit(h)
	if err != nil {
		return plumbing.ZeroHash, &Error{Rev: rev, Err: err}
	}
	for _, op := range ops {
		steps, parent := op.n, 0 // ~N: N first parents
		if op.kind == '^' {
			if op.n == 0 {
				continue // ^0: the commit itself
			}
			steps, parent = 1, op.n-1 // ^N: the Nth parent
		}
		for ; steps > 0; steps-- {
			c, err := r.commit(h)
			if err != nil {
				return plumbing.ZeroHash, &Error{Rev: rev, Err: err}
			}
			if parent >= len(c.parents) {
				return plumbing.ZeroHash, &Error{Rev: rev, Err: fmt.Errorf("commit %s has no parent %d", h.String()[:12], parent+1)}
			}
			h = c.parents[parent]
		}
	}
	return h, nil
}

type revOp struct {
	kind byte // '~' or '^'
	n    int
}

func splitRev(rev string) (string, []revOp) {
	i := strings.IndexAny(rev, "~^")
	if i < 0 {
		return rev, nil
	}
	base, rest := rev[:i], rev[i:]
	var ops []revOp
	for len(rest) > 0 {
		kind := rest[0]
		if kind != '~' && kind != '^' {
			return rev, nil // not a suffix we know: the whole string is the name
		}
		rest = rest[1:]
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		n := 1
		if j > 0 {
			n, _ = strconv.Atoi(rest[:j])
		}
		ops = append(ops, revOp{kind, n})
		rest = rest[j:]
	}
	return base, ops
}

func (r *Repo) resolveBase(base string) (plumbing.Hash, error) {
	names := []string{base}
	if base != "HEAD" && !strings.HasPrefix(base, "refs/") {
		names = append(names, "refs/tags/"+base, "refs/heads/"+base, "refs/remotes/"+base, "refs/remotes/"+base+"/HEAD")
	}
	for _, n := range names {
		ref, err := r.st.Reference(plumbing.ReferenceName(n))
		if err != nil {
			continue
		}
		for depth := 0; ref.Type() == plumbing.SymbolicReference && depth < 10; depth++ {
			if ref, err = r.st.Reference(ref.Target()); err != nil {
				break
			}
		}
		if err == nil && ref.Type() == plumbing.HashReference {
			return ref.Hash(), nil
		}
	}
	if isHex(base) && len(base) >= 4 && len(base) <= 40 {
		if len(base) == 40 {
			h := plumbing.NewHash(base)
			if _, err := r.st.EncodedObject(plumbing.AnyObject, h); err == nil {
				return h, nil
			}
		}
		prefix := base
		if len(prefix)%2 == 1 {
			prefix = prefix[:len(prefix)-1]
		}
		raw, _ := hex.DecodeString(prefix)
		hs, err := r.st.HashesWithPrefix(raw)
		if err == nil {
			var found []plumbing.Hash
			for _, h := range hs {
				if strings.HasPrefix(h.String(), strings.ToLower(base)) {
					found = append(found, h)
				}
			}
			switch len(found) {
			case 1:
				return found[0], nil
			case 0:
			default:
				return plumbing.ZeroHash, errors.New("ambiguous abbreviated hash")
			}
		}
	}
	return plumbing.ZeroHash, errors.New("unknown revision (not a branch, tag, remote or commit hash of this repository)")
}

func isHex(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return s != ""
}

// object reads an object's type and content.
func (r *Repo) object(h plumbing.Hash) (plumbing.ObjectType, []byte, error) {
	o, err := r.st.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		return 0, nil, fmt.Errorf("object %s: %w", h, err)
	}
	rd, err := o.Reader()
	if err != nil {
		return 0, nil, err
	}
	defer rd.Close()
	data, err := io.ReadAll(rd)
	return o.Type(), data, err
}

// peelToCommit follows annotated tags to the commit they name.
func (r *Repo) peelToCommit(h plumbing.Hash) (plumbing.Hash, error) {
	for depth := 0; depth < 10; depth++ {
		t, data, err := r.object(h)
		if err != nil {
			return h, err
		}
		switch t {
		case plumbing.CommitObject:
			return h, nil
		case plumbing.TagObject:
			target, ok := header(data, "object")
			if !ok {
				return h, errors.New("malformed tag object")
			}
			h = plumbing.NewHash(target)
		default:
			return h, fmt.Errorf("%s is a %s, not a commit", h.String()[:12], t)
		}
	}
	return h, errors.New("tag chain too long")
}

type commit struct {
	tree    plumbing.Hash
	parents []plumbing.Hash
	when    time.Time
}

func (r *Repo) commit(h plumbing.Hash) (*commit, error) {
	t, data, err := r.object(h)
	if err != nil {
		return nil, err
	}
	if t != plumbing.CommitObject {
		return nil, fmt.Errorf("%s is not a commit", h)
	}
	c := &commit{}
	for _, ln := range bytes.Split(data, []byte("\n")) {
		if len(ln) == 0 {
			break // end of headers
		}
		k, v, _ := strings.Cut(string(ln), " ")
		switch k {
		case "tree":
			c.tree = plumbing.NewHash(v)
		case "parent":
			c.parents = append(c.parents, plumbing.NewHash(v))
		case "committer":
			// "Name <mail> 1700000000 +0000"
			f := strings.Fields(v)
			if len(f) >= 2 {
				if sec, err := strconv.ParseInt(f[len(f)-2], 10, 64); err == nil {
					c.when = time.Unix(sec, 0).UTC()
				}
			}
		}
	}
	if c.tree.IsZero() {
		return nil, fmt.Errorf("commit %s has no tree", h)
	}
	return c, nil
}

func header(data []byte, key string) (string, bool) {
	for _, ln := range bytes.Split(data, []byte("\n")) {
		if len(ln) == 0 {
			break
		}
		if k, v, ok := strings.Cut(string(ln), " "); ok && k == key {
			return v, true
		}
	}
	return "", false
}

// FS returns the tree of a commit as a read-only file system.
func (r *Repo) FS(commitHash plumbing.Hash) (fs.FS, error) {
	c, err := r.commit(commitHash)
	if err != nil {
		return nil, err
	}
	return &treeFS{r: r, root: c.tree, when: c.when, trees: map[plumbing.Hash][]entry{}}, nil
}

// entry is one entry of a tree object.
type entry struct {
	name string
	mode uint32
	hash plumbing.Hash
}

const (
	modeDir     = 0o40000
	modeSymlink = 0o120000
	modeGitlink = 0o160000
)

type treeFS struct {
	r     *Repo
	root  plumbing.Hash
	when  time.Time
	trees map[plumbing.Hash][]entry
}

func (t *treeFS) tree(h plumbing.Hash) ([]entry, error) {
	if es, ok := t.trees[h]; ok {
		return es, nil
	}
	typ, data, err := t.r.object(h)
	if err != nil {
		return nil, err
	}
	if typ != plumbing.TreeObject {
		return nil, fmt.Errorf("%s is not a tree", h)
	}
	var es []entry
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		nul := bytes.IndexByte(data, 0)
		if sp < 0 || nul < sp || nul+1+20 > len(data) {
			return nil, fmt.Errorf("malformed tree %s", h)
		}
		mode, err := strconv.ParseUint(string(data[:sp]), 8, 32)
		if err != nil {
			return nil, fmt.Errorf("malformed tree %s", h)
		}
		var hash plumbing.Hash
		copy(hash[:], data[nul+1:nul+21])
		es = append(es, entry{name: string(data[sp+1 : nul]), mode: uint32(mode), hash: hash})
		data = data[nul+21:]
	}
	t.trees[h] = es
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

// Open implements fs.FS.
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
	o, err := t.r.st.EncodedObject(plumbing.BlobObject, e.hash)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	info.size = o.Size()
	return &file{info: info, obj: o}, nil
}

type fileInfo struct {
	name string
	size int64
	mode uint32
	when time.Time
}

func (i fileInfo) Name() string { return i.name }
func (i fileInfo) Size() int64  { return i.size }
func (i fileInfo) Mode() fs.FileMode {
	if i.mode == modeDir {
		return fs.ModeDir | 0o555
	}
	if i.mode == modeSymlink {
		return fs.ModeSymlink | 0o444
	}
	return 0o444
}
func (i fileInfo) ModTime() time.Time { return i.when }
func (i fileInfo) IsDir() bool        { return i.mode == modeDir }
func (i fileInfo) Sys() any           { return nil }

// file is a blob, read from the object store on the first Read: Stat
// alone gives its size without reading it.
type file struct {
	info fileInfo
	obj  plumbing.EncodedObject
	r    io.ReadCloser
}

func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }

func (f *file) Read(p []byte) (int, error) {
	if f.r == nil {
		r, err := f.obj.Reader()
		if err != nil {
			return 0, err
		}
		f.r = r
	}
	return f.r.Read(p)
}

func (f *file) Close() error {
	if f.r != nil {
		return f.r.Close()
	}
	return nil
}

type dir struct {
	info    fileInfo
	entries []entry
	fs      *treeFS
	off     int
}

func (d *dir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}
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

type dirEntry struct {
	info fileInfo
	hash plumbing.Hash
	fs   *treeFS
}

func (e dirEntry) Name() string      { return e.info.name }
func (e dirEntry) IsDir() bool       { return e.info.IsDir() }
func (e dirEntry) Type() fs.FileMode { return e.info.Mode().Type() }

// Info reads the blob's size from the object store when asked.
func (e dirEntry) Info() (fs.FileInfo, error) {
	if e.info.mode != modeDir {
		o, err := e.fs.r.st.EncodedObject(plumbing.AnyObject, e.hash)
		if err != nil {
			return nil, err
		}
		e.info.size = o.Size()
	}
	return e.info, nil
}
