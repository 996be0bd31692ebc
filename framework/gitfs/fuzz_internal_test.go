package gitfs

import (
	"bytes"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// FuzzParseTree: any bytes decode to entries whose names are single path
// elements, or to an error; never a panic.
func FuzzParseTree(f *testing.F) {
	h := plumbing.ComputeHash(plumbing.BlobObject, []byte("x"))
	f.Add([]byte("100644 a.md\x00" + string(h[:]) + "40000 sub\x00" + string(h[:])))
	f.Add([]byte("120000 link\x00" + string(h[:])))
	f.Add([]byte("160000 module\x00" + string(h[:19])))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		es, err := parseTree(data)
		if err != nil {
			return
		}
		for _, e := range es {
			if e.name == "" || e.name == "." || e.name == ".." || strings.ContainsAny(e.name, "/\x00") {
				t.Errorf("entry name %q", e.name)
			}
		}
	})
}

// FuzzParsePackedRefs: any bytes decode to refs with valid names under
// refs/, or to an error; never a panic.
func FuzzParsePackedRefs(f *testing.F) {
	a, b := strings.Repeat("a", 40), strings.Repeat("b", 40)
	f.Add([]byte("# pack-refs with: peeled fully-peeled sorted \n" + a + " refs/heads/master\n" + a + " refs/tags/v1\n^" + b + "\n"))
	f.Add([]byte(a + " refs/remotes/origin/HEAD\n"))
	f.Add([]byte("^" + b + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		refs, err := parsePackedRefs(data)
		if err != nil {
			return
		}
		for name := range refs {
			if !strings.HasPrefix(name, "refs/") || !validRefName(name) {
				t.Errorf("ref name %q", name)
			}
		}
	})
}

// FuzzLooseHeader: any inflated stream gives a commit, tree, blob or tag
// of a size that is not negative, or an error, having read at most
// maxLooseHeader bytes; never a panic.
func FuzzLooseHeader(f *testing.F) {
	f.Add([]byte("blob 12\x00hello world\n"))
	f.Add([]byte("commit 9223372036854775807\x00"))
	f.Add([]byte("ofs-delta 3\x00abc"))
	f.Add([]byte(strings.Repeat("a", 100)))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bytes.NewReader(data)
		typ, size, err := readLooseHeader(r)
		if read := len(data) - r.Len(); read > maxLooseHeader {
			t.Errorf("read %d bytes of header", read)
		}
		if err != nil {
			return
		}
		if size < 0 || typ != plumbing.CommitObject && typ != plumbing.TreeObject && typ != plumbing.BlobObject && typ != plumbing.TagObject {
			t.Errorf("header %q: %s of %d bytes", data, typ, size)
		}
	})
}

// FuzzParseCommit: any bytes decode to a commit with a tree, or to an
// error; never a panic.
func FuzzParseCommit(f *testing.F) {
	a, b := strings.Repeat("a", 40), strings.Repeat("b", 40)
	f.Add([]byte("tree " + a + "\nparent " + b + "\nauthor T <t@x> 1700000000 +0000\ncommitter T <t@x> 1700000000 +0000\n\nmessage\n"))
	f.Add([]byte("tree " + a + "\ngpgsig -----BEGIN\n continued\n\n"))
	f.Add([]byte("\ntree " + a + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := parseCommit(data)
		if err == nil && c.tree.IsZero() {
			t.Errorf("commit %q: no tree, and no error", data)
		}
	})
}

// TestParsePackedRefs: refs, their peeled values, and errors naming the
// line.
func TestParsePackedRefs(t *testing.T) {
	a, b := strings.Repeat("a", 40), strings.Repeat("b", 40)
	tests := []struct {
		name, data string
		want       map[string]ref
		err        string
	}{
		{"peeled tag", "# pack-refs with: peeled \n" + a + " refs/tags/v1\n^" + b + "\n" + b + " refs/heads/main\n",
			map[string]ref{"refs/tags/v1": {plumbing.NewHash(a), plumbing.NewHash(b)}, "refs/heads/main": {hash: plumbing.NewHash(b)}}, ""},
		{"no header, no final newline", a + " refs/heads/x", map[string]ref{"refs/heads/x": {hash: plumbing.NewHash(a)}}, ""},
		{"garbage line", a + " refs/heads/x\ngarbage\n", nil, "line 2: malformed"},
		{"short hash", "abc refs/heads/x\n", nil, "line 1"},
		{"name outside refs", a + " HEAD\n", nil, "line 1"},
		{"name with ..", a + " refs/heads/../x\n", nil, "line 1"},
		{"peeled line first", "^" + a + "\n", nil, "line 1: malformed peeled"},
		{"two peeled lines", a + " refs/tags/v\n^" + b + "\n^" + b + "\n", nil, "line 3"},
		{"comment later", a + " refs/tags/v\n# x\n", nil, "line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parsePackedRefs([]byte(tt.data))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || len(got) != len(tt.want) {
				t.Fatalf("= %v, %v; want %v", got, err, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s = %v, want %v", k, got[k], v)
				}
			}
		})
	}
}

// TestValidRefName: names that could leave the git folder, or that git
// would refuse, are never read as refs.
func TestValidRefName(t *testing.T) {
	for name, want := range map[string]bool{
		"HEAD": true, "ORIG_HEAD": true, "refs/heads/main": true, "refs/heads/feature/x-1": true, "refs/tags/v1.0": true,
		"": false, "main": false, "config": false, "index": false, "refs/": false, "refs/heads/": false,
		"refs/../config": false, "refs/heads/../../x": false, "refs//x": false, "refs/heads/.hidden": false,
		"refs/heads/x.lock": false, "refs/heads/x.": false, "refs/heads/a b": false, "refs/heads/a\\b": false,
		"refs/heads/a@{1}": false, "refs/heads/a:b": false, "refs/heads/a\x00": false, "/etc/passwd": false,
	} {
		if got := validRefName(name); got != want {
			t.Errorf("validRefName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestObjectCache: objects are kept up to the byte budget, least
// recently used dropped first; one over maxCachedObject is not kept.
func TestObjectCache(t *testing.T) {
	c := newObjectCache(10)
	a, b, d := byHash(plumbing.NewHash(strings.Repeat("a", 40))), byOffset(nil, 12), byOffset(nil, 40)
	c.put(a, plumbing.BlobObject, []byte("aaaa"))
	c.put(b, plumbing.TreeObject, []byte("bbbb"))
	if typ, data, ok := c.get(a); !ok || typ != plumbing.BlobObject || string(data) != "aaaa" {
		t.Fatalf("get(a) = %v, %q, %v", typ, data, ok)
	}
	c.put(d, plumbing.BlobObject, []byte("dddd")) // drops b, used less recently than a
	if _, _, ok := c.get(b); ok {
		t.Error("b kept past the budget")
	}
	if _, _, ok := c.get(a); !ok {
		t.Error("a dropped though used recently")
	}
	if c.used != 8 {
		t.Errorf("used = %d, want 8", c.used)
	}
	big := newObjectCache(4 * maxCachedObject)
	big.put(a, plumbing.BlobObject, make([]byte, maxCachedObject+1))
	if _, _, ok := big.get(a); ok {
		t.Error("an object over maxCachedObject was kept")
	}
}
