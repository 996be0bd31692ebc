// Package gitfs reads the tree of a git revision as an fs.FS, so the
// framework loader can read a framework as it was at any commit, with no
// checkout and no change to the work tree.
//
// It reads the repository through the git binary, so that a revision
// means exactly what it means to git, whatever git's version stores or
// accepts: `git rev-parse` resolves revisions (every form git accepts:
// @~1, HEAD@{1}, @{u}, :/message, X^{}, SHA-256 hashes, any ref
// storage), `git merge-base` finds the base of A...B, and one
// long-running `git cat-file --batch` process per repository reads trees
// and file contents (in a partial clone, git fetches the blobs it lacks
// itself).
//
// A repository is read as input that may be hostile: no content may
// make it panic, hang, or take memory or time out of proportion. Every
// git command has a deadline (Timeout) after which it is killed, with
// the processes it started; git never prompts for credentials; a folder
// holds at most maxTreeEntries entries with names that are path
// elements; a tree's or file's
// content is read into memory only up to maxBlob (a larger one reports
// its size, so the loader refuses it by its size); a symbolic link is
// followed at most maxLinkHops times, never outside the tree.
package gitfs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Timeout bounds each git command gitfs runs, and each object the
// cat-file process reads (in a partial clone, git may fetch it from the
// remote first). Past it, git is killed and the read is an error.
var Timeout = 2 * time.Minute

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

// ErrNoGit says the git binary is not on PATH: revisions cannot be read.
var ErrNoGit = errors.New("git is not on PATH")

// ShallowError says a revision could not be resolved, or its merge base
// found, in a shallow clone: the history it needs may lie beyond the
// clone's depth.
type ShallowError struct {
	// Rev is the revision concerned.
	Rev string
	// Err is git's own answer.
	Err error
}

// Error implements error.
func (e *ShallowError) Error() string {
	return fmt.Sprintf("revision %q: %v; the repository is a shallow clone, whose history may not reach it", e.Rev, e.Err)
}

// Unwrap returns git's answer.
func (e *ShallowError) Unwrap() error { return e.Err }

// Repo is an opened repository. Its methods, and the file systems FS
// returns, are safe for concurrent use.
type Repo struct {
	// Root is the work tree's top folder (git rev-parse --show-toplevel).
	Root string
	// Prefix is the slash-separated path, from Root, of the folder Open
	// was given (after symbolic links); "." for Root itself.
	Prefix string
	// Shallow reports whether the repository is a shallow clone.
	Shallow bool

	git string // the git binary

	mu     sync.Mutex
	cat    *catFile // started on first use
	closed bool
	trees  map[string][]entry // by tree object name
	known  map[string]string  // revisions Open resolved, never written after
	blobs  blobCache
}

// Open finds the repository that contains dir, with git. The folder is
// taken after its symbolic links, so a framework folder reached through
// one is found where it really is.
//
// revs, if any, are the revisions the caller is about to resolve: they
// are resolved by the same git process, which saves one (about 2 ms).
// One that does not resolve is left to Resolve, for git's message.
func Open(dir string, revs ...string) (*Repo, error) {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		return nil, &Error{Err: ErrNoGit}
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, &Error{Err: err}
	}
	r := &Repo{git: gitBin, trees: map[string][]entry{}, known: map[string]string{}}
	args := []string{"rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository"}
	if peeled, ok := peelArgs(revs); ok && len(revs) > 0 {
		args = append(append(args, "--revs-only", "--end-of-options"), peeled...)
	}
	outb, stderr, err := r.runIn(real, maxOutput, args...)
	if err != nil && len(args) > 4 {
		// A revision git refuses outright (HEAD@{99}): open without,
		// and leave it to Resolve to say why.
		revs = nil
		outb, stderr, err = r.runIn(real, maxOutput, args[:4]...)
	}
	if err != nil {
		if strings.Contains(stderr, "not a git repository") {
			return nil, &Error{Err: fmt.Errorf("%s: %w", dir, ErrNotRepository)}
		}
		return nil, &Error{Err: gitError("rev-parse", stderr, err)}
	}
	ls := strings.Split(strings.TrimSuffix(string(outb), "\n"), "\n")
	if len(ls) < 3 || ls[0] == "" {
		return nil, &Error{Err: fmt.Errorf("%s: git rev-parse --show-toplevel: no work tree (a bare repository?)", dir)}
	}
	r.Root = ls[0]
	r.Prefix = strings.TrimSuffix(ls[1], "/")
	if r.Prefix == "" {
		r.Prefix = "."
	}
	r.Shallow = ls[2] == "true"
	if hs, ok := revHashes(ls[3:], len(revs)); ok && len(revs) > 0 {
		for i, rev := range revs {
			r.known[orHEAD(rev)] = hs[i]
		}
	}
	return r, nil
}

// revHashes reads the object names `git rev-parse --revs-only` printed
// for n revisions. git stops printing at the first argument that is not
// a revision, so all n are taken or none (ok false); the
// "--end-of-options" some versions echo is left out.
func revHashes(lines []string, n int) ([]string, bool) {
	var hs []string
	for _, ln := range lines {
		if ln != "--end-of-options" {
			hs = append(hs, ln)
		}
	}
	if len(hs) != n {
		return nil, false
	}
	for _, h := range hs {
		if !isObjectName(h) {
			return nil, false
		}
	}
	return hs, true
}

// peelArgs returns rev^{commit} for each revision, HEAD for an empty one;
// ok is false when one is :/message, which cannot take the suffix, or a
// range.
func peelArgs(revs []string) (args []string, ok bool) {
	for _, rev := range revs {
		rev = orHEAD(rev)
		// Forms that name several commits, or none, are left to
		// Resolve: their lines would not match the revisions one to one.
		if strings.HasPrefix(rev, ":") || strings.HasPrefix(rev, "^") || strings.Contains(rev, "..") ||
			strings.Contains(rev, "^@") || strings.Contains(rev, "^!") || strings.Contains(rev, "^-") {
			return nil, false
		}
		args = append(args, rev+"^{commit}")
	}
	return args, true
}

// orHEAD is rev, or HEAD when it is empty.
func orHEAD(rev string) string {
	if rev == "" {
		return "HEAD"
	}
	return rev
}

// env is the environment of every git command: git never prompts on the
// terminal (for a partial clone's fetch), takes no optional locks (it only
// reads), and never pages. A GIT_ASKPASS or credential helper the user set
// (as CI jobs do) still answers; anything else that waits, such as an ssh
// passphrase prompt, is ended by the deadline.
func env() []string {
	return append(os.Environ(),
		"GIT_TERMINAL_PROMPT=0", "GCM_INTERACTIVE=never",
		"GIT_OPTIONAL_LOCKS=0", "GIT_PAGER=cat",
	)
}

// command builds a git command run in dir, killed (with the processes it
// started) when ctx ends.
func (r *Repo) command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, r.git, args...)
	cmd.Dir = dir
	cmd.Env = env()
	setGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// maxOutput bounds what a short git command (rev-parse, merge-base) may
// print.
const maxOutput = 1 << 20

// runIn runs git in dir, within Timeout, and returns its output (up to
// max bytes) and its error output.
func (r *Repo) runIn(dir string, max int, args ...string) (stdout []byte, stderr string, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	cmd := r.command(ctx, dir, args...)
	var o, e limitedBuffer
	o.max, e.max = max, 64<<10
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("git %s did not finish within %v", args[0], Timeout)
	}
	return o.Bytes(), e.String(), err
}

// run runs git at the top of the work tree.
func (r *Repo) run(args ...string) (string, string, error) {
	out, stderr, err := r.runIn(r.Root, maxOutput, args...)
	return string(out), stderr, err
}

// gitError turns git's error output into an error: its last "fatal:" or
// "error:" line, without the prefix.
func gitError(cmd, stderr string, err error) error {
	msg := ""
	for _, ln := range strings.Split(strings.TrimSpace(stderr), "\n") {
		ln = strings.TrimSpace(ln)
		for _, p := range []string{"fatal: ", "error: "} {
			if m, ok := strings.CutPrefix(ln, p); ok {
				msg = m
			}
		}
	}
	if msg == "" {
		if s := strings.TrimSpace(stderr); s != "" {
			msg = clip(s, 300)
		} else {
			return fmt.Errorf("git %s: %v", cmd, err)
		}
	}
	return fmt.Errorf("git %s: %s", cmd, clip(msg, 300))
}

// limitedBuffer keeps the first max bytes written to it.
type limitedBuffer struct {
	bytes.Buffer
	max int
}

// Write keeps what fits and drops the rest, so a command is never
// stopped by a full buffer.
func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// Resolve turns a revision into a commit's object name, as git
// rev-parse does: any form git accepts, peeled to a commit. When git
// cannot, the error quotes git; in a shallow clone it is a
// *ShallowError.
func (r *Repo) Resolve(rev string) (string, error) {
	rev = orHEAD(rev)
	if h, ok := r.known[rev]; ok {
		return h, nil
	}
	peeled := rev + "^{commit}"
	if strings.HasPrefix(rev, ":") {
		// :/message takes all that follows as the message's pattern, so
		// ^{commit} is not added; what it names is a commit anyway, and
		// a ":path" blob fails below.
		peeled = rev
	}
	out, stderr, err := r.run("rev-parse", "--verify", "--end-of-options", peeled)
	if err == nil && peeled == rev {
		out, stderr, err = r.run("rev-parse", "--verify", "--end-of-options", strings.TrimSpace(out)+"^{commit}")
	}
	if err != nil {
		e := gitError("rev-parse", stderr, err)
		if strings.Contains(stderr, "Needed a single revision") {
			// git's last word says nothing: an "error:" line before it
			// (an ambiguous short name) says more.
			e = errors.New("unknown revision (git rev-parse: not a commit of this repository)")
			for _, ln := range strings.Split(stderr, "\n") {
				if m, ok := strings.CutPrefix(strings.TrimSpace(ln), "error: "); ok {
					e = fmt.Errorf("git rev-parse: %s", clip(m, 300))
					break
				}
			}
		}
		if r.Shallow {
			return "", &ShallowError{Rev: rev, Err: e}
		}
		return "", &Error{Rev: rev, Err: e}
	}
	h := strings.TrimSpace(out)
	if !isObjectName(h) {
		return "", &Error{Rev: rev, Err: fmt.Errorf("git rev-parse printed %q", clip(h, 80))}
	}
	return h, nil
}

// ResolveAll resolves several revisions as Resolve does, with one git
// process when they all resolve (each is one more process otherwise,
// about 2 ms). When one does not, its error is Resolve's.
func (r *Repo) ResolveAll(revs ...string) ([]string, error) {
	hs := make([]string, 0, len(revs))
	for _, rev := range revs {
		if h, ok := r.known[orHEAD(rev)]; ok {
			hs = append(hs, h)
		}
	}
	if len(hs) == len(revs) {
		return hs, nil
	}
	args, ok := peelArgs(revs)
	if ok {
		args = append([]string{"rev-parse", "--revs-only", "--end-of-options"}, args...)
	} else {
		args = nil
	}
	if args != nil {
		if out, _, err := r.run(args...); err == nil {
			if hs, ok := revHashes(strings.Fields(out), len(revs)); ok {
				return hs, nil
			}
		}
	}
	// Each on its own, for git's own word on the one that fails.
	hs = make([]string, len(revs))
	for i, rev := range revs {
		h, err := r.Resolve(rev)
		if err != nil {
			return nil, err
		}
		hs[i] = h
	}
	return hs, nil
}

// MergeBase returns the best common ancestor of commits a and b, as
// git merge-base does; rev names them in errors (A...B).
func (r *Repo) MergeBase(rev, a, b string) (string, error) {
	out, stderr, err := r.run("merge-base", a, b)
	if err != nil {
		e := gitError("merge-base", stderr, err)
		if strings.TrimSpace(stderr) == "" {
			e = errors.New("no merge base: the two revisions share no history")
		}
		if r.Shallow {
			return "", &ShallowError{Rev: rev, Err: e}
		}
		return "", &Error{Rev: rev, Err: e}
	}
	h := strings.TrimSpace(out)
	if !isObjectName(h) {
		return "", &Error{Rev: rev, Err: fmt.Errorf("git merge-base printed %q", clip(h, 80))}
	}
	return h, nil
}

// Range resolves arg as git reads a revision range on the command line:
// A...B is the merge base of A and B, then B (what changed on B since it
// left A); A..B is A, then B; an empty side is HEAD. As git does, an
// argument whose sides do not both resolve is taken whole as one
// revision: ok is false and old, new are empty; err is the error of the
// range's sides when the whole does not resolve either.
func (r *Repo) Range(arg string) (old, new string, ok bool, err error) {
	sep := "..."
	i := strings.Index(arg, sep)
	if i < 0 {
		sep = ".."
		if i = strings.Index(arg, sep); i < 0 {
			return "", "", false, nil
		}
	}
	a, b := arg[:i], arg[i+len(sep):]
	if a == "" {
		a = "HEAD"
	}
	if b == "" {
		b = "HEAD"
	}
	hs, err := r.ResolveAll(a, b)
	if err != nil {
		if _, whole := r.Resolve(arg); whole == nil {
			return "", "", false, nil
		}
		return "", "", false, err
	}
	ha, hb := hs[0], hs[1]
	if sep == "..." {
		if ha, err = r.MergeBase(arg, ha, hb); err != nil {
			return "", "", false, err
		}
	}
	return ha, hb, true, nil
}

// isObjectName reports whether s is a SHA-1 or SHA-256 object name in
// lower-case hexadecimal.
func isObjectName(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// clip shortens s to n bytes for a message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Close stops the cat-file process, waiting for it a bounded time.
// Reading a file system of the repository after Close is an error.
func (r *Repo) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	if r.cat != nil {
		err := r.cat.close()
		r.cat = nil
		return err
	}
	return nil
}
