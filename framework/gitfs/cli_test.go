package gitfs_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ladder-cli/ladder/framework/gitfs"
)

// requireGit skips a test that builds its repository with the git
// command when git is not installed.
func requireGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH: this test builds packed repositories with the git command")
	}
}

// gitIn runs git in dir with a fixed identity and date and no user or
// system configuration, and returns its trimmed output.
func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull, "HOME="+dir,
		"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_AUTHOR_DATE=2026-01-01T12:00:00Z",
		"GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_COMMITTER_DATE=2026-01-01T12:00:00Z",
	)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// writeFiles writes files (path -> content) under dir.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// lines returns n numbered lines of text, so that a small edit of it
// makes a small delta.
func lines(prefix string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%s %d: the engineer owns this part of the platform.\n", prefix, i)
	}
	return b.String()
}

// cliRepo builds, with the git command, a repository of three commits:
// a page, a 20 kB file and a 1.5 MB one, both edited slightly in the
// second commit so that a repack stores one as a delta of the other. It has an annotated tag
// v1, a tag v1b of that tag, a lightweight tag light and a branch
// feature. Between the second and third commits it runs middle, if any.
func cliRepo(t *testing.T, middle func(dir string), initArgs ...string) string {
	t.Helper()
	dir := t.TempDir()
	gitIn(t, dir, append([]string{"init", "-q", "-b", "master"}, initArgs...)...)
	gitIn(t, dir, "config", "gc.auto", "0")
	big, huge := lines("big", 300), lines("huge", 28000)
	writeFiles(t, dir, map[string]string{"site/a.md": "one\n", "site/big.txt": big, "site/huge.txt": huge, "site/sub/b.md": "bee\n"})
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-qm", "one")
	gitIn(t, dir, "tag", "-a", "-m", "v1", "v1")
	gitIn(t, dir, "tag", "-a", "-m", "v1b", "v1b", "v1")
	gitIn(t, dir, "branch", "feature")
	writeFiles(t, dir, map[string]string{
		"site/a.md":     "two\n",
		"site/big.txt":  strings.Replace(big, "big 150:", "big 150 (edited):", 1),
		"site/huge.txt": strings.Replace(huge, "huge 14000:", "huge 14000 (edited):", 1),
	})
	gitIn(t, dir, "commit", "-qam", "two")
	gitIn(t, dir, "tag", "light")
	if middle != nil {
		middle(dir)
	}
	writeFiles(t, dir, map[string]string{"site/sub/c.md": "sea\n"})
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-qm", "three")
	return dir
}

// repack packs every object and ref of the repository in dir, removing
// the loose ones.
func repack(t *testing.T, dir string, config ...string) {
	t.Helper()
	gitIn(t, dir, append(config, "repack", "-q", "-a", "-d", "-f")...)
	gitIn(t, dir, "pack-refs", "--all")
}

// looseObjects counts the loose objects of the repository in dir.
func looseObjects(t *testing.T, dir string) int {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "??", "*"))
	return len(names)
}

// checkRevisions checks that gitfs resolves revs as git does and reads
// every file of each resolved commit as git does.
func checkRevisions(t *testing.T, dir string, revs []string) {
	t.Helper()
	repo, err := gitfs.Open(filepath.Join(dir, "site"))
	if err != nil {
		t.Fatal(err)
	}
	for _, rev := range revs {
		want := gitIn(t, dir, "rev-parse", "--verify", "-q", rev+"^{commit}")
		got, err := repo.Resolve(rev)
		if err != nil || got != want {
			t.Errorf("Resolve(%q) = %s, %v; want %s", rev, got, err, want)
			continue
		}
		checkTree(t, dir, repo, got)
	}
}

// checkTree checks every file of commit h, read through gitfs, against
// git cat-file, and runs fstest.TestFS on a folder of small files.
func checkTree(t *testing.T, dir string, repo *gitfs.Repo, h string) {
	t.Helper()
	fsys, err := repo.FS(h)
	if err != nil {
		t.Fatalf("FS(%s): %v", h, err)
	}
	names := strings.Split(gitIn(t, dir, "ls-tree", "-r", "--name-only", h), "\n")
	for _, name := range names {
		want := gitIn(t, dir, "cat-file", "blob", h+":"+name)
		got, err := fs.ReadFile(fsys, name)
		if err != nil || strings.TrimSpace(string(got)) != want {
			t.Errorf("%s:%s: %d bytes, %v; want %d bytes", h[:7], name, len(got), err, len(want))
		}
		if st, err := fs.Stat(fsys, name); err != nil || st.Size() != int64(len(got)) {
			t.Errorf("%s:%s: stat %v, %v; want size %d", h[:7], name, st, err, len(got))
		}
	}
	// fstest reads every file a byte or so at a time: keep to the small ones.
	sub, err := fs.Sub(fsys, "site/sub")
	if err == nil {
		err = fstest.TestFS(sub, "b.md")
	}
	if err != nil {
		t.Errorf("%s: %v", h[:7], err)
	}
}

// TestGitLayouts reads the same history stored each way git stores it
// (loose, repacked, packed by git gc, half packed and half loose), with
// SHA-1 and with SHA-256 object names: every file of every revision
// reads as git cat-file reads it.
func TestGitLayouts(t *testing.T) {
	requireGit(t)
	revs := []string{
		"HEAD", "HEAD~1", "HEAD~2", "HEAD^", "HEAD^0", "master", "refs/heads/master",
		"v1", "v1b", "refs/tags/v1", "light", "feature", "feature~0",
	}
	tests := []struct {
		name   string
		middle func(t *testing.T, dir string)
		after  func(t *testing.T, dir string)
		packed bool // no loose objects remain
	}{
		{name: "loose"},
		{name: "repacked", after: func(t *testing.T, dir string) { repack(t, dir) }, packed: true},
		{name: "git gc", after: func(t *testing.T, dir string) { gitIn(t, dir, "gc", "-q", "--prune=now") }, packed: true},
		{name: "packed, then a loose commit", middle: func(t *testing.T, dir string) { repack(t, dir) }},
	}
	for _, format := range []string{"sha1", "sha256"} {
		for _, tt := range tests {
			t.Run(format+", "+tt.name, func(t *testing.T) {
				t.Parallel()
				var middle func(string)
				if tt.middle != nil {
					middle = func(dir string) { tt.middle(t, dir) }
				}
				dir := cliRepo(t, middle, "--object-format="+format)
				if tt.after != nil {
					tt.after(t, dir)
				}
				if n := looseObjects(t, dir); tt.packed != (n == 0) {
					t.Fatalf("%d loose objects; the test would not read what it says", n)
				}
				if h := gitIn(t, dir, "rev-parse", "HEAD"); len(h) != map[string]int{"sha1": 40, "sha256": 64}[format] {
					t.Fatalf("HEAD is %s: not a %s repository", h, format)
				}
				checkRevisions(t, dir, revs)
			})
		}
	}
}

// TestPackedRefsPeeled: with every ref in packed-refs, annotated tags
// (and a tag of a tag) resolve through their peeled "^" lines.
func TestPackedRefsPeeled(t *testing.T) {
	requireGit(t)
	dir := cliRepo(t, nil)
	repack(t, dir)
	data, err := os.ReadFile(filepath.Join(dir, ".git", "packed-refs"))
	if err != nil || !bytes.Contains(data, []byte("\n^")) {
		t.Fatalf("packed-refs has no peeled lines: %q, %v", data, err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".git", "refs", "tags", "v1")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("refs/tags/v1 is still loose: %v", err)
	}
	checkRevisions(t, dir, []string{"v1", "v1b", "refs/tags/v1b", "light", "feature", "master"})
}

// TestAbbreviatedHashes: abbreviated hashes of objects found only in a
// pack, or only loose, resolve; one shared by two objects is ambiguous
// whether they are loose or packed.
func TestAbbreviatedHashes(t *testing.T) {
	requireGit(t)
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "master")
	gitIn(t, dir, "config", "gc.auto", "0")
	files := map[string]string{}
	for i := range 1200 {
		files[fmt.Sprintf("f/%04d", i)] = fmt.Sprintf("%d\n", i)
	}
	writeFiles(t, dir, files)
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-qm", "many")
	packedCommit := gitIn(t, dir, "rev-parse", "HEAD")
	objects := strings.Fields(gitIn(t, dir, "rev-list", "--objects", "--all"))
	byPrefix := map[string]int{}
	ambiguous := ""
	for _, o := range objects {
		if len(o) == 40 {
			if byPrefix[o[:4]]++; byPrefix[o[:4]] == 2 {
				ambiguous = o[:4]
			}
		}
	}
	if ambiguous == "" {
		t.Fatal("no two objects share 4 digits; add files")
	}
	for _, layout := range []string{"loose", "packed"} {
		t.Run(layout, func(t *testing.T) {
			if layout == "packed" {
				repack(t, dir)
				if n := looseObjects(t, dir); n > 0 {
					t.Fatalf("%d loose objects left", n)
				}
			}
			repo, err := gitfs.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range []int{4, 7, 12, 39, 40} {
				short := gitIn(t, dir, "rev-parse", fmt.Sprintf("--short=%d", n), packedCommit)
				if got, err := repo.Resolve(short); err != nil || got != packedCommit {
					t.Errorf("Resolve(%q) = %s, %v; want %s", short, got, err, packedCommit)
				}
				if got, err := repo.Resolve(strings.ToUpper(short)); err != nil || got != packedCommit {
					t.Errorf("Resolve(%q) = %s, %v; want %s", strings.ToUpper(short), got, err, packedCommit)
				}
			}
			if _, err := repo.Resolve(ambiguous); err == nil || !strings.Contains(err.Error(), "ambiguous") {
				t.Errorf("Resolve(%q): %v, want an ambiguity error", ambiguous, err)
			}
		})
	}
	// A new loose commit is found beside the pack.
	writeFiles(t, dir, map[string]string{"g": "new\n"})
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-qm", "loose")
	loose := gitIn(t, dir, "rev-parse", "HEAD")
	repo, err := gitfs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := repo.Resolve(loose[:9]); err != nil || got != loose {
		t.Errorf("Resolve(%q) = %s, %v; want %s", loose[:9], got, err, loose)
	}
}

// TestSharedGitFolders: a linked worktree (its .git file, its own HEAD,
// refs and objects in the main repository's common folder, packed or
// not), a .git file naming a git folder elsewhere, as a submodule's
// does, and a clone whose objects are another repository's (alternates).
func TestSharedGitFolders(t *testing.T) {
	requireGit(t)
	for _, packed := range []bool{false, true} {
		t.Run(fmt.Sprintf("worktree, packed=%v", packed), func(t *testing.T) {
			dir := cliRepo(t, nil)
			wt := filepath.Join(t.TempDir(), "wt")
			gitIn(t, dir, "worktree", "add", "-q", "-b", "side", wt, "HEAD~1")
			writeFiles(t, wt, map[string]string{"site/a.md": "side\n"})
			gitIn(t, wt, "commit", "-qam", "on side")
			if packed {
				repack(t, dir)
			}
			repo, err := gitfs.Open(filepath.Join(wt, "site"))
			if err != nil {
				t.Fatal(err)
			}
			if repo.Root != wt {
				t.Errorf("Root = %s, want %s", repo.Root, wt)
			}
			for _, rev := range []string{"HEAD", "HEAD~1", "side", "master", "v1", "light"} {
				want := gitIn(t, wt, "rev-parse", rev+"^{commit}")
				if got, err := repo.Resolve(rev); err != nil || got != want {
					t.Errorf("Resolve(%q) = %s, %v; want %s", rev, got, err, want)
				}
			}
			h, _ := repo.Resolve("HEAD")
			checkTree(t, wt, repo, h)
		})
	}
	t.Run("gitdir file", func(t *testing.T) {
		dir := cliRepo(t, nil)
		store := filepath.Join(t.TempDir(), "store.git")
		if err := os.Rename(filepath.Join(dir, ".git"), store); err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, store)
		writeFiles(t, dir, map[string]string{".git": "gitdir: " + rel + "\n"})
		checkRevisions(t, dir, []string{"HEAD", "v1", "feature"})
	})
	t.Run("alternates", func(t *testing.T) {
		src := cliRepo(t, nil)
		repack(t, src)
		dir := filepath.Join(t.TempDir(), "clone")
		gitIn(t, src, "clone", "-q", "--shared", src, dir)
		packs, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "pack", "*.pack"))
		if n := looseObjects(t, dir) + len(packs); n > 0 {
			t.Fatalf("the clone has objects of its own (%d); the test would not read alternates", n)
		}
		checkRevisions(t, dir, []string{"HEAD", "HEAD~2", "origin/feature", "v1"})
		repo, err := gitfs.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		short := gitIn(t, dir, "rev-parse", "--short=6", "HEAD~1")
		if got, err := repo.Resolve(short); err != nil || !strings.HasPrefix(got, short) {
			t.Errorf("Resolve(%q) = %s, %v", short, got, err)
		}
	})
}

// TestCorruptObject: a damaged loose object is an error naming it when
// the file is read (git reports it; the cat-file process dies and is
// started again), not a hang; other files still read.
func TestCorruptObject(t *testing.T) {
	requireGit(t)
	dir := cliRepo(t, nil)
	h := gitIn(t, dir, "rev-parse", "HEAD:site/big.txt")
	p := filepath.Join(dir, ".git", "objects", h[:2], h[2:])
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(p, 0o644)
	if err := os.WriteFile(p, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	repo, err := gitfs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	c, _ := repo.Resolve("HEAD")
	fsys, err := repo.FS(c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.ReadFile(fsys, "site/big.txt"); err == nil || !strings.Contains(err.Error(), h) {
		t.Errorf("ReadFile: %v, want an error naming object %s", err, h)
	}
	if got, err := fs.ReadFile(fsys, "site/a.md"); err != nil || string(got) != "two\n" {
		t.Errorf("site/a.md after the damaged object: %q, %v", got, err)
	}
	if _, ok := fsys.(interface{ NeverBlocks() }); !ok {
		t.Error("the tree FS has no NeverBlocks method")
	}
}

// readEverything reads every file under site/ at each revision.
func readEverything(repo *gitfs.Repo, revs ...string) error {
	for _, rev := range revs {
		h, err := repo.Resolve(rev)
		if err != nil {
			return err
		}
		fsys, err := repo.FS(h)
		if err != nil {
			return err
		}
		err = fs.WalkDir(fsys, "site", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			_, err = fs.ReadFile(fsys, p)
			return err
		})
		if err != nil {
			return fmt.Errorf("%s: %w", rev, err)
		}
	}
	return nil
}

// TestConcurrentReads: one Repo read from many goroutines at once, loose
// and packed (run with -race).
func TestConcurrentReads(t *testing.T) {
	requireGit(t)
	for _, packed := range []bool{false, true} {
		dir := cliRepo(t, nil)
		if packed {
			repack(t, dir)
		}
		repo, err := gitfs.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		errs := make(chan error, 8)
		for i := range 8 {
			go func() {
				revs := []string{"HEAD", "HEAD~1", "HEAD~2", "v1"}
				errs <- readEverything(repo, revs[i%4:]...)
			}()
		}
		for range 8 {
			if err := <-errs; err != nil {
				t.Errorf("packed=%v: %v", packed, err)
			}
		}
	}
}
