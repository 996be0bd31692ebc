package gitfs_test

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/gitfs"
	"github.com/ladder-cli/ladder/internal/gittest"
)

func build(t *testing.T) (*gittest.Repo, []string) {
	t.Helper()
	requireGit(t)
	r, err := gittest.Init(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var hs []string
	for i, files := range []map[string]string{
		{"site/a.md": "one\n", "site/sub/b.md": "bee\n"},
		{"site/a.md": "two\n", "README": "x"},
		{"site/a.md": "three\n", "site/sub/c.md": "sea\n"},
	} {
		h, err := r.Commit("c", files)
		if err != nil {
			t.Fatal(i, err)
		}
		hs = append(hs, h)
	}
	if err := r.Tag("v1", hs[0], true); err != nil {
		t.Fatal(err)
	}
	if err := r.Tag("light", hs[1], false); err != nil {
		t.Fatal(err)
	}
	if err := r.Branch("feature", hs[1]); err != nil {
		t.Fatal(err)
	}
	return r, hs
}

func TestResolve(t *testing.T) {
	r, hs := build(t)
	repo, err := gitfs.Open(r.Dir + "/site")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rev  string
		want string
	}{
		{"HEAD", hs[2]}, {"", hs[2]}, {"master", hs[2]}, {"refs/heads/master", hs[2]},
		{"HEAD~1", hs[1]}, {"HEAD^", hs[1]}, {"HEAD~2", hs[0]}, {"HEAD^^", hs[0]}, {"HEAD^0", hs[2]},
		{"v1", hs[0]}, {"light", hs[1]}, {"feature", hs[1]}, {"feature~1", hs[0]},
		{hs[1], hs[1]}, {hs[1][:7], hs[1]}, {hs[0][:4], hs[0]},
	}
	for _, tt := range tests {
		got, err := repo.Resolve(tt.rev)
		if err != nil || got != tt.want {
			t.Errorf("Resolve(%q) = %s, %v; want %s", tt.rev, got, err, tt.want)
		}
	}
	var revs, wants []string
	for _, tt := range tests {
		revs, wants = append(revs, tt.rev), append(wants, tt.want)
	}
	if got, err := repo.ResolveAll(revs...); err != nil || strings.Join(got, " ") != strings.Join(wants, " ") {
		t.Errorf("ResolveAll(%q) = %v, %v; want %v", revs, got, err, wants)
	}
	if _, err := repo.ResolveAll("HEAD", "nope", "HEAD~1"); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("ResolveAll with an unknown revision: %v, want an error naming it", err)
	}
	// Revisions given to Open resolve with its git process; a bad one
	// does not stop Open, and Resolve still says why it is bad.
	for _, pre := range [][]string{{"HEAD~1", "v1"}, {"HEAD@{99}", "HEAD"}, {"nope", "HEAD"}, {"HEAD~1..HEAD"}, {":/c"}} {
		repo2, err := gitfs.Open(r.Dir, pre...)
		if err != nil {
			t.Fatalf("Open(%q): %v", pre, err)
		}
		for _, rev := range pre {
			want, wantErr := repo.Resolve(rev)
			got, err := repo2.Resolve(rev)
			if got != want || (err == nil) != (wantErr == nil) {
				t.Errorf("Open(%q).Resolve(%q) = %s, %v; want %s, %v", pre, rev, got, err, want, wantErr)
			}
		}
	}
	for _, bad := range []string{"nope", "HEAD~3", "HEAD^2", "zzzz"} {
		if _, err := repo.Resolve(bad); err == nil {
			t.Errorf("Resolve(%q): no error", bad)
		} else {
			var ge *gitfs.Error
			if !errors.As(err, &ge) || ge.Rev != bad {
				t.Errorf("Resolve(%q): error %v does not name the revision", bad, err)
			}
		}
	}
}

func TestTreeFS(t *testing.T) {
	r, hs := build(t)
	repo, err := gitfs.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{
		hs[0]: {"site/a.md": "one\n", "site/sub/b.md": "bee\n"},
		hs[2]: {"site/a.md": "three\n", "site/sub/b.md": "bee\n", "site/sub/c.md": "sea\n", "README": "x"},
	}
	for h, files := range want {
		c, _ := repo.Resolve(h)
		fsys, err := repo.FS(c)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for name, content := range files {
			names = append(names, name)
			got, err := fs.ReadFile(fsys, name)
			if err != nil || string(got) != content {
				t.Errorf("%s:%s = %q, %v; want %q", h[:7], name, got, err, content)
			}
		}
		if err := fstest.TestFS(fsys, names...); err != nil {
			t.Errorf("%s: %v", h[:7], err)
		}
		if _, err := fs.ReadFile(fsys, "site/missing.md"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("missing file: %v, want ErrNotExist", err)
		}
	}
}

func TestNotARepository(t *testing.T) {
	requireGit(t)
	_, err := gitfs.Open(t.TempDir())
	if !errors.Is(err, gitfs.ErrNotRepository) {
		t.Errorf("err = %v, want ErrNotRepository", err)
	}
}

// TestLargeBlob: a blob over the loader's size limit is refused by its
// size (Stat), and a large one under it reads whole.
func TestLargeBlob(t *testing.T) {
	requireGit(t)
	r, err := gittest.Init(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("1. Owns a large platform.\n", 100000) // 2.6 MB, streamed by gitfs
	if _, err := r.Commit("big", map[string]string{"fw/senior.md": "## Senior\n\nx\n\n## Ownership\n\n" + big}); err != nil {
		t.Fatal(err)
	}
	repo, err := gitfs.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := repo.Resolve("HEAD")
	fsys, err := repo.FS(h)
	if err != nil {
		t.Fatal(err)
	}
	st, err := fs.Stat(fsys, "fw/senior.md")
	if err != nil || st.Size() < int64(len(big)) {
		t.Fatalf("stat: %v, %v", st, err)
	}
	lim := framework.DefaultLimits
	lim.MaxFileSize = 1 << 20
	var fe *framework.Error
	if _, err := framework.Load(fsys, "fw", framework.WithLimits(lim)); !errors.As(err, &fe) || fe.Code != "too-large" {
		t.Errorf("load with a 1 MiB limit: %v, want too-large", err)
	}
	fw, err := framework.Load(fsys, "fw")
	if err != nil || len(fw.Levels[0].Pillars[0].Items) != 100000 {
		t.Errorf("load: %v", err)
	}
}
