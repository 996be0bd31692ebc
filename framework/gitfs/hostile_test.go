package gitfs_test

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/gitfs"
)

// TestStuckGit: a git that never answers does not hang ladder: the
// command is killed at the deadline and the error says so.
func TestStuckGit(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in git is a shell script")
	}
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep command for the stand-in git")
	}
	bin := t.TempDir()
	// The sleep is git's child: the deadline must end it too.
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte("#!/bin/sh\n"+sleep+" 30\necho done\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	old := gitfs.Timeout
	gitfs.Timeout = 300 * time.Millisecond
	defer func() { gitfs.Timeout = old }()
	start := time.Now()
	_, err = gitfs.Open(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "did not finish within") {
		t.Errorf("Open with a stuck git: %v, want a deadline error", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Open took %v with a 300ms deadline", d)
	}
}

// TestNoGit: with no git on PATH, Open says so with ErrNoGit.
func TestNoGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := gitfs.Open(t.TempDir()); !errors.Is(err, gitfs.ErrNoGit) {
		t.Errorf("Open: %v, want ErrNoGit", err)
	}
}

// TestHostileTrees: committed symbolic links are followed inside the
// tree (relative to their folder, through folders, in chains), but not
// out of it, nor round a loop more than 40 times; a file over the most
// ladder reads into memory reports its size and fails when read.
func TestHostileTrees(t *testing.T) {
	requireGit(t)
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "master")
	writeFiles(t, dir, map[string]string{"site/real/page.md": "page\n", "big.txt": strings.Repeat("x", 5000)})
	links := map[string]string{
		"site/link.md":   "real/page.md",
		"site/chain.md":  "link.md",
		"site/dirlink":   "real",
		"site/up.md":     "../site/real/page.md",
		"site/abs.md":    "/etc/hostname",
		"site/escape.md": "../../outside.md",
		"site/loop.md":   "loop.md",
		"site/ping.md":   "pong.md",
		"site/pong.md":   "ping.md",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-qm", "links")
	repo, err := gitfs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	h, err := repo.Resolve("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := repo.FS(h)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"site/link.md", "site/chain.md", "site/dirlink/page.md", "site/up.md"} {
		if got, err := fs.ReadFile(fsys, name); err != nil || string(got) != "page\n" {
			t.Errorf("%s: %q, %v; want the page through the link", name, got, err)
		}
	}
	for name, want := range map[string]string{
		"site/abs.md": "escapes", "site/escape.md": "escapes", "site/loop.md": "symbolic links", "site/ping.md": "symbolic links",
	} {
		if _, err := fs.ReadFile(fsys, name); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v; want an error with %q", name, err, want)
		}
	}
	// The folder lists links as links, as os.ReadDir does.
	es, err := fs.ReadDir(fsys, "site")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if _, isLink := links["site/"+e.Name()]; isLink != (e.Type()&fs.ModeSymlink != 0) {
			t.Errorf("%s: type %v", e.Name(), e.Type())
		}
	}
	// A loader reading a level through a link in a loop says which page.
	writeFiles(t, dir, map[string]string{"fw/senior.md": "## Senior\n\nx\n\n## Ownership\n\n1. Owns.\n"})
	if err := os.Symlink("staff.md", filepath.Join(dir, "fw", "staff.md")); err != nil {
		t.Fatal(err)
	}
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-qm", "fw")
	h2, _ := repo.Resolve("HEAD")
	fsys2, _ := repo.FS(h2)
	var fe *framework.Error
	if _, err := framework.Load(fsys2, "fw"); !errors.As(err, &fe) || !strings.Contains(err.Error(), "staff.md") {
		t.Errorf("load with a looping level page: %v", err)
	}

	defer gitfs.SetMaxBlob(1000)()
	f, err := fsys.Open("big.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || st.Size() != 5000 {
		t.Errorf("big.txt: stat %v, %v; want its size", st, err)
	}
	if _, err := f.Read(make([]byte, 10)); err == nil || !strings.Contains(err.Error(), "over the 1000 bytes") {
		t.Errorf("big.txt: read %v; want an error over the limit", err)
	}
	// The cat-file process stopped for it starts again for the next file.
	if got, err := fs.ReadFile(fsys, "site/real/page.md"); err != nil || string(got) != "page\n" {
		t.Errorf("after a large file: %q, %v", got, err)
	}
}
