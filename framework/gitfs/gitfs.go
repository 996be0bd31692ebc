// Package gitfs reads the tree of a git revision as an fs.FS, so the
// framework loader can read a framework as it was at any commit, with no
// checkout and no change to the work tree.
//
// It reads the repository itself: refs (loose, packed, symbolic) in
// refs.go, objects (loose, or in packs with their deltas) in objects.go
// and pack.go, through go-git's low-level format packages only
// (plumbing, idxfile, packfile, and the zlib reader pool of utils/sync).
// It does not import go-git's storage layer or config: their package
// inits (go-git's internal/url regexp compiles, encoding/gob, gcfg) ran
// at every start of ladder, whatever the command: about 0.6 M of
// `ladder --version`'s 2.0 M instructions, and 40 page faults. Commits,
// tags and trees are small text and binary formats decoded here.
//
// A repository is read as input that may be corrupt or hostile: no
// content may make it panic, hang, or take memory or time out of
// proportion. Each file is opened without waiting on a named pipe, and
// must be a regular file (not /dev/zero); refs, the .git and commondir
// files, alternates and packed-refs are read up to a size; headers are
// read no further than their end; each alternate object folder is read
// once, and at most 64 of them; an object read whole is at most 512 MiB,
// and the deltas that make an object of S bytes may make at most 64 MiB
// + 256*S bytes, and never over 1 GiB; at most 64 pack files are open
// at once. Past a limit, the error names the file, ref or object.
package gitfs

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// Error is a problem with a repository or a revision.
type Error struct {
	// Rev is the revision concerned, if any.
	Rev string
	// Err is the problem.
	Err error
}

// Error implements error; it names the revision when there is one.
func (e *Error) Error() string {
	if e.Rev == "" {
		return e.Err.Error()
	}
	return fmt.Sprintf("revision %q: %v", e.Rev, e.Err)
}

// Unwrap returns the problem, for errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }

// ErrNotRepository says a folder is not inside a git repository.
var ErrNotRepository = errors.New("not inside a git repository")

// Repo is an opened repository. Its methods, and the file systems FS
// returns, are safe for concurrent use.
type Repo struct {
	// Root is the work tree root (the folder holding .git).
	Root string

	refs *refStore
	db   *objectDB
}

// Open finds the repository that contains dir (walking up to a folder
// with .git) and opens it. Nothing but the .git entry (and, for a linked
// worktree or a submodule, its gitdir and commondir files) is read until
// a revision is resolved.
func Open(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for d := abs; ; d = filepath.Dir(d) {
		dotGit := filepath.Join(d, ".git")
		if st, err := os.Stat(dotGit); err == nil {
			gitDir, commonDir, err := gitDirs(dotGit, st)
			if err != nil {
				return nil, &Error{Err: err}
			}
			return &Repo{
				Root: d,
				refs: newRefStore(gitDir, commonDir),
				db:   newObjectDB(filepath.Join(commonDir, "objects")),
			}, nil
		}
		if filepath.Dir(d) == d {
			return nil, &Error{Err: fmt.Errorf("%s: %w", dir, ErrNotRepository)}
		}
	}
}

// Close closes the pack files the repository holds open: at most 64,
// the most recently used (the runtime closes them, too, once the Repo
// is unreachable). A file being read keeps its pack file open until it
// is closed. Reading from a pack after Close is an error; loose objects
// can still be read.
func (r *Repo) Close() error {
	return r.db.packFiles.close()
}

// gitDirs returns the git folder a .git entry stands for and the common
// folder that holds its objects and shared refs. They differ only for a
// linked worktree, whose git folder has a commondir file.
func gitDirs(dotGit string, st fs.FileInfo) (gitDir, commonDir string, err error) {
	gitDir = dotGit
	if !st.IsDir() {
		// A worktree or submodule: ".git" is a file naming the git folder.
		if gitDir, err = readGitFile(dotGit); err != nil {
			return "", "", err
		}
		if st, err := os.Stat(gitDir); err != nil || !st.IsDir() {
			return "", "", fmt.Errorf("%s names %s, which is not a git folder", dotGit, gitDir)
		}
	}
	commonDir = gitDir
	data, err := readSmall(filepath.Join(gitDir, "commondir"), maxSmallFile)
	switch {
	case err == nil:
		commonDir = strings.TrimSpace(string(data))
		if !filepath.IsAbs(commonDir) {
			commonDir = filepath.Join(gitDir, commonDir)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return "", "", err
	}
	return gitDir, commonDir, nil
}

// readGitFile reads a ".git" file ("gitdir: PATH") and returns the
// folder it names, relative paths being relative to the file's folder.
func readGitFile(name string) (string, error) {
	data, err := readSmall(name, maxSmallFile)
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
	if h, err = r.peelToCommit(h); err != nil {
		return plumbing.ZeroHash, &Error{Rev: rev, Err: err}
	}
	for _, op := range ops {
		if h, err = r.applyRevOp(h, op); err != nil {
			return plumbing.ZeroHash, &Error{Rev: rev, Err: err}
		}
	}
	return h, nil
}

// revOp is one suffix of a revision: ~N (N first parents back) or ^N
// (the Nth parent; ^0 is the commit itself).
type revOp struct {
	kind byte // '~' or '^'
	n    int
}

// splitRev splits a revision into its base name and its ~N and ^N
// suffixes. A string whose suffixes are not all of that form is all name.
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

// applyRevOp walks from commit h as one ~N or ^N suffix says.
func (r *Repo) applyRevOp(h plumbing.Hash, op revOp) (plumbing.Hash, error) {
	steps, parent := op.n, 0 // ~N: N first parents
	if op.kind == '^' {
		if op.n == 0 {
			return h, nil // ^0: the commit itself
		}
		steps, parent = 1, op.n-1 // ^N: the Nth parent
	}
	// A commit cannot be its own ancestor, but a pack's index may name
	// any content, so a loop (A's parent is A) is looked for, as Brent
	// does: h is compared with a mark moved to it at each power of two.
	mark, power, since := h, 1, 0
	for ; steps > 0; steps-- {
		c, err := r.commit(h)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		if parent >= len(c.parents) {
			return plumbing.ZeroHash, fmt.Errorf("commit %s has no parent %d", h.String()[:12], parent+1)
		}
		h = c.parents[parent]
		if h == mark {
			return plumbing.ZeroHash, fmt.Errorf("commit %s is its own ancestor (a corrupt repository)", h)
		}
		if since++; since == power {
			mark, power, since = h, power*2, 0
		}
	}
	return h, nil
}

// errUnknownRevision says a name is neither a ref nor an object's hash.
var errUnknownRevision = errors.New("unknown revision (not a branch, tag, remote or commit hash of this repository)")

// resolveBase turns a revision without suffixes into an object hash:
// first as a ref, as git does (the name, then a tag, branch or remote of
// that name), then as a full or abbreviated hash.
func (r *Repo) resolveBase(base string) (plumbing.Hash, error) {
	names := []string{base}
	if base != "HEAD" && !strings.HasPrefix(base, "refs/") {
		names = append(names, "refs/tags/"+base, "refs/heads/"+base, "refs/remotes/"+base, "refs/remotes/"+base+"/HEAD")
	}
	for _, n := range names {
		ref, ok, err := r.refs.resolve(n)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		if ok {
			if !ref.peeled.IsZero() {
				return ref.peeled, nil // a packed annotated tag: skip reading the tag
			}
			return ref.hash, nil
		}
	}
	if len(base) < 4 || len(base) > 40 || !isHex(base) {
		return plumbing.ZeroHash, errUnknownRevision
	}
	return r.resolveHash(strings.ToLower(base))
}

// resolveHash finds the object a full or abbreviated (4+ digits,
// lower-case) hexadecimal hash names.
func (r *Repo) resolveHash(hexHash string) (plumbing.Hash, error) {
	if len(hexHash) == 40 {
		h := plumbing.NewHash(hexHash)
		if ok, err := r.db.has(h); ok || err != nil {
			return h, err
		}
		return plumbing.ZeroHash, errUnknownRevision
	}
	found, err := r.db.withPrefix(hexHash)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	switch len(found) {
	case 0:
		return plumbing.ZeroHash, errUnknownRevision
	case 1:
		return found[0], nil
	}
	var some []string
	for _, h := range found[:min(len(found), 4)] {
		some = append(some, h.String()[:12])
	}
	return plumbing.ZeroHash, fmt.Errorf("ambiguous abbreviated hash %s: %d objects match (%s…)", hexHash, len(found), strings.Join(some, ", "))
}

// isHex reports whether s is a non-empty string of hexadecimal digits.
func isHex(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return s != ""
}

// parseHash parses 40 hexadecimal digits.
func parseHash(s string) (plumbing.Hash, bool) {
	if len(s) != 40 || !isHex(s) {
		return plumbing.ZeroHash, false
	}
	return plumbing.NewHash(s), true
}

// maxTagDepth bounds a chain of annotated tags naming tags.
const maxTagDepth = 10

// peelToCommit follows annotated tags to the commit they name.
func (r *Repo) peelToCommit(h plumbing.Hash) (plumbing.Hash, error) {
	for depth := 0; depth < maxTagDepth; depth++ {
		t, data, err := r.db.read(h)
		if err != nil {
			return h, err
		}
		switch t {
		case plumbing.CommitObject:
			return h, nil
		case plumbing.TagObject:
			target, ok := header(data, "object")
			if !ok {
				return h, fmt.Errorf("tag %s: malformed: no object line", h)
			}
			next, ok := parseHash(target)
			if !ok {
				return h, fmt.Errorf("tag %s: malformed object line %q", h, target)
			}
			h = next
		default:
			return h, fmt.Errorf("%s is a %s, not a commit", h.String()[:12], t)
		}
	}
	return h, fmt.Errorf("tag %s: chain of tags deeper than %d", h, maxTagDepth)
}

// commit is what gitfs needs of a commit object.
type commit struct {
	tree    plumbing.Hash
	parents []plumbing.Hash
	when    time.Time
}

// commit reads and decodes the commit object h.
func (r *Repo) commit(h plumbing.Hash) (*commit, error) {
	t, data, err := r.db.read(h)
	if err != nil {
		return nil, err
	}
	if t != plumbing.CommitObject {
		return nil, fmt.Errorf("%s is a %s, not a commit", h, t)
	}
	c, err := parseCommit(data)
	if err != nil {
		return nil, fmt.Errorf("commit %s: %w", h, err)
	}
	return c, nil
}

// parseCommit decodes the headers of a commit object: its tree, its
// parents, and its committer time.
func parseCommit(data []byte) (*commit, error) {
	c := &commit{}
	for k, v := range headers(data) {
		switch k {
		case "tree", "parent":
			h, ok := parseHash(v)
			if !ok {
				return nil, fmt.Errorf("malformed %s line %q", k, clip(v, 50))
			}
			if k == "tree" {
				c.tree = h
			} else {
				c.parents = append(c.parents, h)
			}
		case "committer":
			c.when = signatureTime(v)
		}
	}
	if c.tree.IsZero() {
		return nil, errors.New("no tree")
	}
	return c, nil
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

// header returns the value of the first header line key of a commit or
// tag object.
func header(data []byte, key string) (string, bool) {
	for k, v := range headers(data) {
		if k == key {
			return v, true
		}
	}
	return "", false
}

// headers yields the key and value of each header line of a commit or
// tag object ("key value"; a continuation line has an empty key), up to
// the blank line that ends them. It looks no further: the message after
// may be huge.
func headers(data []byte) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for len(data) > 0 {
			ln, rest, _ := bytes.Cut(data, []byte("\n"))
			if len(ln) == 0 {
				return
			}
			k, v, _ := bytes.Cut(ln, []byte(" "))
			if !yield(string(k), string(v)) {
				return
			}
			data = rest
		}
	}
}

// FS returns the tree of a commit as a read-only file system.
func (r *Repo) FS(commitHash plumbing.Hash) (fs.FS, error) {
	c, err := r.commit(commitHash)
	if err != nil {
		return nil, err
	}
	return &treeFS{r: r, root: c.tree, when: c.when, trees: map[plumbing.Hash][]entry{}}, nil
}
