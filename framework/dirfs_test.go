package framework

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// dirFSTree builds a folder with nested files and symbolic links, inside
// a parent that holds a file the links try to reach.
func dirFSTree(t *testing.T) string {
	t.Helper()
	top := t.TempDir()
	root := filepath.Join(top, "site")
	files := map[string]string{
		"a.md":            "a\n",
		"x/b.md":          "b\n",
		"x/y/c.md":        "c\n",
		"x/y/d.md":        "d\n",
		"shared/inc.md":   "inc\n",
		"notadir":         "plain file\n",
		"../outside.md":   "secret\n",
		"../outdir/e.md":  "secret\n",
		"x/y/z/deeper.md": "deep\n",
	}
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"x/inc.md":     "../shared/inc.md", // to a file in another folder of the root
		"x/sharedlink": "../shared",        // to another folder of the root
		"x/escape.md":  "../../outside.md", // out of the root
		"x/escdir":     "../../outdir",     // to a folder out of the root
		"x/abs.md":     filepath.Join(top, "outside.md"),
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	return root
}

// openDirFS opens root as an os.Root, closed when the test ends, and its
// DirFS.
func openDirFS(t *testing.T, root string) (*os.Root, fs.FS) {
	t.Helper()
	r, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r, DirFS(r)
}

func TestDirFS(t *testing.T) {
	_, fsys := openDirFS(t, dirFSTree(t))

	tests := []struct {
		name     string
		want     string // content, if it opens
		notFound bool   // else: fails with fs.ErrNotExist
	}{
		{name: "a.md", want: "a\n"},
		{name: "x/b.md", want: "b\n"},
		{name: "x/y/c.md", want: "c\n"},
		{name: "x/y/d.md", want: "d\n"},
		{name: "x/y/z/deeper.md", want: "deep\n"},
		{name: "x/inc.md", want: "inc\n"},
		{name: "x/sharedlink/inc.md", want: "inc\n"},
		{name: "x/missing.md", notFound: true},
		{name: "nope/missing.md", notFound: true},
		{name: "x/nope/y/missing.md", notFound: true},
		{name: "notadir/file.md"},
		{name: "x/escape.md"},
		{name: "x/escdir/e.md"},
		{name: "x/abs.md"},
		{name: "../outside.md"},
		{name: "/etc/passwd"},
	}
	// Twice: the second pass reads through the folders opened by the first.
	for pass := 0; pass < 2; pass++ {
		for _, tt := range tests {
			f, err := fsys.Open(tt.name)
			if tt.want == "" {
				if err == nil {
					f.Close()
					t.Errorf("pass %d: Open(%q) succeeded; want an error", pass, tt.name)
				} else if tt.notFound && !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("pass %d: Open(%q) = %v; want not-exist", pass, tt.name, err)
				}
				if err != nil && f != nil {
					t.Errorf("pass %d: Open(%q) failed but returned a non-nil file (%#v)", pass, tt.name, f)
				}
				if tt.notFound && !strings.Contains(err.Error(), tt.name) {
					t.Errorf("pass %d: Open(%q) error %q does not name the path", pass, tt.name, err)
				}
				if _, serr := fs.Stat(fsys, tt.name); serr == nil {
					t.Errorf("pass %d: Stat(%q) succeeded; want an error", pass, tt.name)
				}
				continue
			}
			if err != nil {
				t.Errorf("pass %d: Open(%q): %v", pass, tt.name, err)
				continue
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil || string(data) != tt.want {
				t.Errorf("pass %d: Open(%q) read %q, %v; want %q", pass, tt.name, data, err, tt.want)
			}
			if st, err := fs.Stat(fsys, tt.name); err != nil || st.Size() != int64(len(tt.want)) {
				t.Errorf("pass %d: Stat(%q) = %v, %v", pass, tt.name, st, err)
			}
		}
	}
}

// TestDirFSReadDir checks that listing a folder gives what the standard
// library's os.Root gives, in the same order.
func TestDirFSReadDir(t *testing.T) {
	r, fsys := openDirFS(t, dirFSTree(t))
	for _, dir := range []string{".", "x", "x/y", "x/sharedlink"} {
		got, err := fs.ReadDir(fsys, dir)
		if err != nil {
			t.Fatalf("ReadDir(%q): %v", dir, err)
		}
		want, err := fs.ReadDir(r.FS(), dir)
		if err != nil {
			t.Fatalf("os.Root ReadDir(%q): %v", dir, err)
		}
		name := func(es []fs.DirEntry) []string {
			var out []string
			for _, e := range es {
				out = append(out, e.Name()+map[bool]string{true: "/", false: ""}[e.IsDir()])
			}
			return out
		}
		if !slices.Equal(name(got), name(want)) {
			t.Errorf("ReadDir(%q) = %v; want %v", dir, name(got), name(want))
		}
	}
	for _, dir := range []string{"nope", "a.md", "x/escdir"} {
		if _, err := fs.ReadDir(fsys, dir); err == nil {
			t.Errorf("ReadDir(%q) succeeded; want an error", dir)
		}
	}
	// fstest walks everything below, so give it a folder with no links
	// out of the root.
	sub, err := fs.Sub(fsys, "x/y")
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(sub, "c.md", "d.md", "z/deeper.md"); err != nil {
		t.Error(err)
	}
}

// TestDirFSSymlinkLoop checks that a link to its own folder is not opened
// one hop at a time: os.Root's resolution, which limits the links a path
// follows, decides, and no folder handle is kept per hop.
func TestDirFSSymlinkLoop(t *testing.T) {
	root := dirFSTree(t)
	if err := os.Symlink(".", filepath.Join(root, "x", "self")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	r, dfs := openDirFS(t, root)
	fsys := dfs.(*rootFS)
	for _, n := range []int{3, 300} {
		name := "x/" + strings.Repeat("self/", n) + "b.md"
		f, err := fsys.Open(name)
		want, werr := r.Open(name)
		if (err == nil) != (werr == nil) {
			t.Errorf("%d hops: Open error %v; os.Root says %v", n, err, werr)
		}
		if f != nil {
			f.Close()
		}
		if want != nil {
			want.Close()
		}
		open := 0
		for _, d := range fsys.dirs {
			if d.root != nil {
				open++
			}
		}
		if open > 3 { // ".", "x", and nothing through the link
			t.Errorf("%d hops: %d folders held open", n, open)
		}
	}
}

// TestDirFSConcurrent opens files from many goroutines at once: the
// folder cache is shared (run with -race, as CI does).
func TestDirFSConcurrent(t *testing.T) {
	_, fsys := openDirFS(t, dirFSTree(t))
	names := []string{"a.md", "x/b.md", "x/y/c.md", "x/y/d.md", "x/y/z/deeper.md", "x/inc.md", "x/missing.md"}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := range 50 {
				name := names[(g+i)%len(names)]
				data, err := fs.ReadFile(fsys, name)
				if (err == nil) == (name == "x/missing.md") {
					t.Errorf("ReadFile(%q) = %q, %v", name, data, err)
				}
			}
		}(g)
	}
	wg.Wait()
}
