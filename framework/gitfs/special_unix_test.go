//go:build unix

package gitfs_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ladder-cli/ladder/framework/gitfs"
)

// TestSpecialFiles: a file of the repository that is a named pipe, a
// device such as /dev/zero, or (for the small files read whole) far
// larger than it could be is an error naming it: not a hang, and not an
// endless read.
func TestSpecialFiles(t *testing.T) {
	site := newCraftedSite()
	crafted := func(t *testing.T) string { return writeCraftedRepo(t, site.commit, site.entries) }
	// worktree returns a linked worktree of a crafted repository, whose
	// HEAD is its main one's master.
	worktree := func(t *testing.T) string {
		main := crafted(t)
		wt := t.TempDir()
		admin := filepath.Join(main, ".git", "worktrees", "wt")
		writeFiles(t, admin, map[string]string{"HEAD": "ref: refs/heads/master\n", "commondir": "../..\n", "gitdir": wt + "/.git\n"})
		writeFiles(t, wt, map[string]string{".git": "gitdir: " + admin + "\n"})
		return wt
	}
	// objectless returns a repository with no objects of its own, whose
	// HEAD is the crafted commit: reading it reads alternates.
	objectless := func(t *testing.T) string {
		dir := t.TempDir()
		writeFiles(t, filepath.Join(dir, ".git"), map[string]string{
			"HEAD": "ref: refs/heads/master\n", "refs/heads/master": site.commit.String() + "\n",
			"objects/info/alternates": filepath.Join(crafted(t), ".git", "objects") + "\n",
		})
		return dir
	}
	// bare returns a repository of refs only: its commit would be loose.
	bare := func(t *testing.T) string {
		dir := t.TempDir()
		writeFiles(t, filepath.Join(dir, ".git"), map[string]string{"HEAD": "ref: refs/heads/master\n", "refs/heads/master": site.commit.String() + "\n"})
		return dir
	}
	loose := "objects/" + site.commit.String()[:2] + "/" + site.commit.String()[2:]
	tests := []struct {
		name  string
		repo  func(t *testing.T) string
		file  string // made special, under the repository or $GIT_DIR
		rev   string
		names string // in the error
		big   int64  // over the most read whole; 0 if none
	}{
		{"loose ref", crafted, ".git/refs/heads/master", "master", "refs/heads/master", 4<<10 + 1},
		{"HEAD", crafted, ".git/HEAD", "HEAD", "HEAD", 4<<10 + 1},
		{"packed-refs", func(t *testing.T) string {
			dir := crafted(t)
			os.Remove(filepath.Join(dir, ".git", "refs", "heads", "master"))
			return dir
		}, ".git/packed-refs", "master", "packed-refs", 64<<20 + 1},
		{".git file", worktree, ".git", "HEAD", ".git", 4<<10 + 1},
		{"commondir", worktree, "$GIT_DIR/commondir", "HEAD", "commondir", 4<<10 + 1},
		{"alternates", objectless, ".git/objects/info/alternates", "HEAD", "alternates", 64<<10 + 1},
		{"loose object", bare, ".git/" + loose, "HEAD", site.commit.String(), 0},
		{"pack index", crafted, ".git/objects/pack/pack-crafted.idx", "HEAD", "pack-crafted.idx", 0},
		{"pack", crafted, ".git/objects/pack/pack-crafted.pack", "HEAD", "pack-crafted.pack", 0},
	}
	kinds := []struct {
		name string
		make func(t *testing.T, p string, big int64)
		want string
	}{
		{"named pipe", func(t *testing.T, p string, _ int64) {
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Fatal(err)
			}
		}, "a named pipe"},
		{"/dev/zero", func(t *testing.T, p string, _ int64) {
			if _, err := os.Stat("/dev/zero"); err != nil {
				t.Skip("no /dev/zero here")
			}
			if err := os.Symlink("/dev/zero", p); err != nil {
				t.Fatal(err)
			}
		}, "a device"},
		{"too large", func(t *testing.T, p string, big int64) {
			// A ref, then spaces: the start is valid, the length is not.
			start := "ref: refs/heads/master\n"
			if strings.HasSuffix(p, "packed-refs") {
				start = newCraftedSite().commit.String() + " refs/heads/master\n"
			}
			if strings.HasSuffix(p, ".git") {
				start = "gitdir: " + filepath.Dir(p) + "\n"
			}
			f, err := os.Create(p)
			if err == nil {
				_, err = f.WriteString(start + strings.Repeat(" ", int(min(big, 1<<20)-int64(len(start)))))
			}
			if err == nil {
				err = f.Truncate(big) // sparse, past 1 MiB
			}
			if err == nil {
				err = f.Close()
			}
			if err != nil {
				t.Fatal(err)
			}
		}, "over"},
	}
	for _, tt := range tests {
		for _, k := range kinds {
			if k.want == "over" && tt.big == 0 {
				continue // not a file read whole
			}
			t.Run(tt.name+", "+k.name, func(t *testing.T) {
				t.Parallel()
				dir := tt.repo(t)
				p := filepath.Join(dir, filepath.FromSlash(tt.file))
				if rest, ok := strings.CutPrefix(tt.file, "$GIT_DIR/"); ok {
					data, err := os.ReadFile(filepath.Join(dir, ".git"))
					if err != nil {
						t.Fatal(err)
					}
					p = filepath.Join(strings.TrimSpace(strings.TrimPrefix(string(data), "gitdir:")), rest)
				}
				if err := os.RemoveAll(p); err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				k.make(t, p, tt.big)
				done := make(chan error, 1)
				go func() {
					repo, err := gitfs.Open(dir)
					if err == nil {
						err = readEverything(repo, tt.rev)
					}
					done <- err
				}()
				var err error
				select {
				case err = <-done:
				case <-time.After(10 * time.Second):
					t.Fatal("still reading after 10 s")
				}
				t.Log(err)
				if err == nil {
					t.Fatal("no error")
				}
				for _, w := range []string{tt.names, k.want} {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
			})
		}
	}
}
