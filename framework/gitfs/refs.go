package gitfs

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
)

// maxSymrefDepth bounds a chain of symbolic refs (HEAD -> a branch ->
// ...), so a loop ends.
const maxSymrefDepth = 10

// ref is the value of a ref: the object it names and, for an annotated
// tag in packed-refs, the object the tag peels to (zero if unknown).
type ref struct {
	hash   plumbing.Hash
	peeled plumbing.Hash
}

// refStore reads refs: loose ones, files under the git folder, then
// packed-refs, read once.
type refStore struct {
	gitDir    string // HEAD and other per-worktree refs
	commonDir string // refs shared by all worktrees, and packed-refs

	packedOnce sync.Once
	packed     map[string]ref
	packedErr  error
}

// newRefStore reads the refs of the git folder gitDir, whose shared refs
// are in commonDir (the same folder but for a linked worktree).
func newRefStore(gitDir, commonDir string) *refStore {
	return &refStore{gitDir: gitDir, commonDir: commonDir}
}

// resolve reads the ref name, following symbolic refs. It reports
// whether the ref exists; a ref that exists but cannot be read, or a
// symbolic ref to a bad name, is an error naming it.
func (s *refStore) resolve(name string) (ref, bool, error) {
	if !validRefName(name) {
		return ref{}, false, nil
	}
	orig := name
	for depth := 0; depth < maxSymrefDepth; depth++ {
		target, val, ok, err := s.read(name)
		if err != nil || !ok {
			return ref{}, false, err
		}
		if target == "" {
			return val, true, nil
		}
		if !validRefName(target) {
			return ref{}, false, fmt.Errorf("ref %s: symbolic ref to a bad name %q", name, target)
		}
		name = target
	}
	return ref{}, false, fmt.Errorf("ref %s: symbolic refs nested deeper than %d", orig, maxSymrefDepth)
}

// read reads one ref without following it: either a symbolic ref's
// target, or a value. Loose refs win over packed ones, as in git.
func (s *refStore) read(name string) (target string, val ref, ok bool, err error) {
	p := filepath.Join(s.dirOf(name), filepath.FromSlash(name))
	data, more, err := readPrefix(p, maxSmallFile)
	if err == nil {
		target, val, err = parseLooseRef(data, more)
		if err != nil {
			return "", ref{}, false, fmt.Errorf("ref %s: %w", name, err)
		}
		return target, val, true, nil
	}
	if !isMissingFile(p) {
		return "", ref{}, false, fmt.Errorf("ref %s: %w", name, err)
	}
	if !strings.HasPrefix(name, "refs/") {
		return "", ref{}, false, nil
	}
	packed, err := s.packedRefs()
	if err != nil {
		return "", ref{}, false, err
	}
	val, ok = packed[name]
	return "", val, ok, nil
}

// dirOf returns the folder that holds the loose ref name: the worktree's
// own git folder for HEAD-like refs and refs/worktree, refs/bisect and
// refs/rewritten; the common folder for the others.
func (s *refStore) dirOf(name string) string {
	if !strings.Contains(name, "/") {
		return s.gitDir
	}
	for _, p := range []string{"refs/worktree/", "refs/bisect/", "refs/rewritten/"} {
		if strings.HasPrefix(name, p) {
			return s.gitDir
		}
	}
	return s.commonDir
}

// isMissingFile reports whether there is no ref file at p: nothing, a
// folder such as refs/heads, or a path through a file. A named pipe or a
// device is there, and an error.
func isMissingFile(p string) bool {
	st, err := os.Stat(p)
	return err != nil || st.IsDir()
}

// parseLooseRef decodes a loose ref file: "ref: NAME" for a symbolic
// ref, or a hash, which may be followed by more (as in FETCH_HEAD).
// Only its first maxSmallFile bytes are read; cut, as more says, it
// must start with a hash.
func parseLooseRef(data []byte, more bool) (target string, val ref, err error) {
	if more {
		if h, ok := parseHash(string(data[:min(len(data), 40)])); ok && len(data) > 40 && isSpace(data[40]) {
			return "", ref{hash: h}, nil
		}
		return "", ref{}, fmt.Errorf("over %d bytes, and not a hash followed by more", maxSmallFile)
	}
	s := strings.TrimSpace(string(data))
	if t, ok := strings.CutPrefix(s, "ref:"); ok {
		return strings.TrimSpace(t), ref{}, nil
	}
	if len(s) > 40 && isSpace(s[40]) {
		s = s[:40]
	}
	h, ok := parseHash(s)
	if !ok {
		return "", ref{}, fmt.Errorf("malformed: %q", clip(s, 50))
	}
	return "", ref{hash: h}, nil
}

// isSpace reports whether c ends a hash in a ref file.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// packedRefs returns the refs of packed-refs, read and parsed once.
func (s *refStore) packedRefs() (map[string]ref, error) {
	s.packedOnce.Do(func() {
		p := filepath.Join(s.commonDir, "packed-refs")
		data, err := readSmall(p, maxPackedRefsFile)
		switch {
		case errors.Is(err, os.ErrNotExist):
		case err != nil:
			s.packedErr = err
		default:
			s.packed, err = parsePackedRefs(data)
			if err != nil {
				s.packedErr = fmt.Errorf("%s: %w", p, err)
			}
		}
	})
	return s.packed, s.packedErr
}

// parsePackedRefs decodes a packed-refs file: an optional "# pack-refs
// with: ..." line, then "HASH NAME" lines, each of which may be followed
// by "^HASH", the object the annotated tag NAME peels to. Any other line
// is an error naming its line number.
func parsePackedRefs(data []byte) (map[string]ref, error) {
	refs := map[string]ref{}
	last := "" // the ref a "^" line peels
	for i := 0; len(data) > 0; i++ {
		ln, rest, _ := bytes.Cut(data, []byte("\n"))
		data = rest
		line := string(ln)
		switch {
		case line == "":
			continue
		case line[0] == '#':
			if i > 0 {
				return nil, fmt.Errorf("line %d: comment after the first line", i+1)
			}
		case line[0] == '^':
			h, ok := parseHash(line[1:])
			if !ok || last == "" {
				return nil, fmt.Errorf("line %d: malformed peeled line %q", i+1, clip(line, 50))
			}
			r := refs[last]
			r.peeled = h
			refs[last] = r
			last = ""
		default:
			hx, name, _ := strings.Cut(line, " ")
			h, ok := parseHash(hx)
			if !ok || !strings.HasPrefix(name, "refs/") || !validRefName(name) {
				return nil, fmt.Errorf("line %d: malformed %q", i+1, clip(line, 50))
			}
			refs[name] = ref{hash: h}
			last = name
		}
	}
	return refs, nil
}

// clip shortens s to n bytes for an error message.
func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// validRefName reports whether name may be read as a ref: a name under
// refs/ or an all-capitals one such as HEAD, following git's
// check-ref-format rules so that no name reaches outside the git folder.
func validRefName(name string) bool {
	if !strings.HasPrefix(name, "refs/") && !isPseudoRef(name) {
		return false
	}
	if strings.HasSuffix(name, "/") || strings.HasSuffix(name, ".") || strings.Contains(name, "..") || strings.Contains(name, "@{") {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" || part[0] == '.' || strings.HasSuffix(part, ".lock") {
			return false
		}
	}
	for _, c := range []byte(name) {
		if c <= ' ' || c == 0x7f || strings.IndexByte("~^:?*[\\", c) >= 0 {
			return false
		}
	}
	return true
}

// isPseudoRef reports whether name is a ref at the top of the git
// folder: capitals and underscores, as HEAD, ORIG_HEAD and FETCH_HEAD.
func isPseudoRef(name string) bool {
	for _, c := range []byte(name) {
		if !(c >= 'A' && c <= 'Z' || c == '_') {
			return false
		}
	}
	return strings.HasSuffix(name, "HEAD")
}
