package gitfs_test

import (
	"bytes"
	"cmp"
	"compress/zlib"
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/ladder-cli/ladder/framework/gitfs"
)

// readEverything resolves each revision and reads every file of its
// tree, and returns the first error.
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
		err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if _, err := d.Info(); err != nil {
				return err
			}
			return readFile(fsys, p)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// readFile reads the file p of fsys to its end, as the framework loader
// does: a size from a corrupt header may be huge, so, unlike
// fs.ReadFile, it does not allocate what Stat says.
func readFile(fsys fs.FS, p string) error {
	f, err := fsys.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(io.Discard, f)
	return err
}

// objectPath returns the loose object file of rev (as git rev-parse
// names it) in the repository in dir.
func objectPath(t *testing.T, dir, rev string) string {
	t.Helper()
	h := gitIn(t, dir, "rev-parse", rev)
	return filepath.Join(dir, ".git", "objects", h[:2], h[2:])
}

// packFile returns the only file with the extension ext in the packs of
// the repository in dir.
func packFile(t *testing.T, dir, ext string) string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, ".git", "objects", "pack", "*"+ext))
	if len(names) != 1 {
		t.Fatalf("%d %s files, want 1", len(names), ext)
	}
	return names[0]
}

// truncate cuts the file p to n bytes (to its length plus n when n is
// negative), making it writable first.
func truncate(t *testing.T, p string, n int64) {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if n < 0 {
		n += st.Size()
	}
	os.Chmod(p, 0o644)
	if err := os.Truncate(p, n); err != nil {
		t.Fatal(err)
	}
}

// overwrite writes data over the file p, making it writable first.
func overwrite(t *testing.T, p string, data []byte) {
	t.Helper()
	os.Chmod(p, 0o644)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCorruptRepositories: a damaged repository gives errors that say
// what is damaged, never a panic or a wrong file.
func TestCorruptRepositories(t *testing.T) {
	requireGit(t)
	tests := []struct {
		name    string
		packed  bool
		corrupt func(t *testing.T, dir string)
		want    []string // in the error
	}{
		{
			name:    "truncated loose blob",
			corrupt: func(t *testing.T, dir string) { truncate(t, objectPath(t, dir, "HEAD:site/big.txt"), -100) },
			want:    []string{"object "},
		},
		{
			name:    "truncated loose commit",
			corrupt: func(t *testing.T, dir string) { truncate(t, objectPath(t, dir, "HEAD"), 10) },
			want:    []string{"object "},
		},
		{
			name: "loose object not zlib",
			corrupt: func(t *testing.T, dir string) {
				overwrite(t, objectPath(t, dir, "HEAD:site/a.md"), []byte("not zlib at all"))
			},
			want: []string{"object ", "zlib"},
		},
		{
			name: "loose object under another's name",
			corrupt: func(t *testing.T, dir string) {
				other, err := os.ReadFile(objectPath(t, dir, "HEAD:site/sub/c.md"))
				if err != nil {
					t.Fatal(err)
				}
				overwrite(t, objectPath(t, dir, "HEAD:site/a.md"), other)
			},
			want: []string{"hashes to"},
		},
		{
			name: "loose object whose header never ends",
			corrupt: func(t *testing.T, dir string) {
				overwrite(t, objectPath(t, dir, "HEAD:site/a.md"), zlibOf(strings.Repeat("a", 1<<20)))
			},
			want: []string{"object ", "header longer than 32 bytes"},
		},
		{
			name: "loose object of a bad type",
			corrupt: func(t *testing.T, dir string) {
				overwrite(t, objectPath(t, dir, "HEAD:site/a.md"), zlibOf("blub 4\x00two\n"))
			},
			want: []string{"object ", "bad type"},
		},
		{
			name: "loose object of a delta type",
			corrupt: func(t *testing.T, dir string) {
				overwrite(t, objectPath(t, dir, "HEAD:site/a.md"), zlibOf("ofs-delta 4\x00two\n"))
			},
			want: []string{"object ", "bad type"},
		},
		{
			name: "loose object of a negative size",
			corrupt: func(t *testing.T, dir string) {
				overwrite(t, objectPath(t, dir, "HEAD:site/a.md"), zlibOf("blob -4\x00two\n"))
			},
			want: []string{"object ", "bad size"},
		},
		{
			name: "loose object of no size",
			corrupt: func(t *testing.T, dir string) {
				overwrite(t, objectPath(t, dir, "HEAD:site/a.md"), zlibOf("blob\x00two\n"))
			},
			want: []string{"object ", "no size"},
		},
		{
			name: "loose object cut in its header",
			corrupt: func(t *testing.T, dir string) {
				overwrite(t, objectPath(t, dir, "HEAD:site/a.md"), zlibOf("blob 4"))
			},
			want: []string{"object ", "header", "unexpected EOF"},
		},
		{
			name:    "missing blob",
			corrupt: func(t *testing.T, dir string) { os.Remove(objectPath(t, dir, "HEAD:site/a.md")) },
			want:    []string{"object ", "not found"},
		},
		{
			name: "malformed loose ref",
			corrupt: func(t *testing.T, dir string) {
				overwrite(t, filepath.Join(dir, ".git", "refs", "heads", "master"), []byte("garbage\n"))
			},
			want: []string{"refs/heads/master", "malformed"},
		},
		{
			name: "symbolic ref loop",
			corrupt: func(t *testing.T, dir string) {
				overwrite(t, filepath.Join(dir, ".git", "refs", "heads", "master"), []byte("ref: refs/heads/loop\n"))
				overwrite(t, filepath.Join(dir, ".git", "refs", "heads", "loop"), []byte("ref: refs/heads/master\n"))
			},
			want: []string{"symbolic refs nested deeper"},
		},
		{
			name:   "garbage packed-refs line",
			packed: true,
			corrupt: func(t *testing.T, dir string) {
				p := filepath.Join(dir, ".git", "packed-refs")
				data, _ := os.ReadFile(p)
				overwrite(t, p, append(data, "this is not a ref\n"...))
			},
			want: []string{"packed-refs", "line", "malformed"},
		},
		{
			name:   "peeled packed-refs line with no ref",
			packed: true,
			corrupt: func(t *testing.T, dir string) {
				p := filepath.Join(dir, ".git", "packed-refs")
				data, _ := os.ReadFile(p)
				overwrite(t, p, append([]byte("^"+strings.Repeat("a", 40)+"\n"), data...))
			},
			want: []string{"packed-refs", "line 1"},
		},
		{
			name:    "truncated idx",
			packed:  true,
			corrupt: func(t *testing.T, dir string) { truncate(t, packFile(t, dir, ".idx"), 100) },
			want:    []string{".idx", "truncated"},
		},
		{
			name:    "idx one entry short",
			packed:  true,
			corrupt: func(t *testing.T, dir string) { truncate(t, packFile(t, dir, ".idx"), -28) },
			want:    []string{".idx", "truncated"},
		},
		{
			name:    "idx checksum wrong",
			packed:  true,
			corrupt: func(t *testing.T, dir string) { flip(t, packFile(t, dir, ".idx"), -1) },
			want:    []string{".idx", "checksum"},
		},
		{
			name:    "truncated pack",
			packed:  true,
			corrupt: func(t *testing.T, dir string) { truncate(t, packFile(t, dir, ".pack"), -1000) },
			want:    []string{".pack", "checksum"},
		},
		{
			name:   "pack body overwritten",
			packed: true,
			corrupt: func(t *testing.T, dir string) {
				p := packFile(t, dir, ".pack")
				data, _ := os.ReadFile(p)
				for i := 12; i < len(data)-20; i += 97 {
					data[i] ^= 0x5a
				}
				overwrite(t, p, data)
			},
			want: []string{".pack"},
		},
		{
			name: "gitdir file naming nothing",
			corrupt: func(t *testing.T, dir string) {
				os.RemoveAll(filepath.Join(dir, ".git"))
				overwrite(t, filepath.Join(dir, ".git"), []byte("gitdir: ../nowhere\n"))
			},
			want: []string{"not a git folder"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := cliRepo(t, nil)
			if tt.packed {
				repack(t, dir)
			}
			tt.corrupt(t, dir)
			repo, err := gitfs.Open(filepath.Join(dir, "site"))
			if err == nil {
				err = readEverything(repo, "HEAD", "HEAD~1", "HEAD~2", "v1", "feature")
			}
			if err == nil {
				t.Fatal("no error")
			}
			t.Log(err)
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// zlibOf compresses s, as a loose object file is.
func zlibOf(s string) []byte {
	var b bytes.Buffer
	zw := zlib.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.Bytes()
}

// flip inverts the byte at off in the file p (from its end when off is
// negative).
func flip(t *testing.T, p string, off int) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if off < 0 {
		off += len(data)
	}
	data[off] ^= 0xff
	overwrite(t, p, data)
}

// craftedEntry is an entry of a pack written by hand.
type craftedEntry struct {
	name plumbing.Hash       // in the index
	typ  plumbing.ObjectType // of the entry: a delta type for a delta
	data []byte              // the object's content or the delta
	ref  plumbing.Hash       // base of a ref delta
	ofs  int                 // entry index of the base of an offset delta
	size int64               // size in the header, if not len(data)
	raw  []byte              // written instead of zlib(data), if set
}

// writeCraftedRepo writes a repository whose only objects are entries,
// in one pack with its index, and whose HEAD (master) is head.
func writeCraftedRepo(t testing.TB, head plumbing.Hash, entries []craftedEntry) string {
	t.Helper()
	pack, offsets, crcs := craftPack(entries)
	idx := craftIdx(entries, offsets, crcs, pack[len(pack)-20:])
	return writePackRepo(t, head, pack, idx)
}

// writePackRepo writes a repository whose objects are in the one pack
// given, and whose HEAD (master) is head.
func writePackRepo(t testing.TB, head plumbing.Hash, pack, idx []byte) string {
	t.Helper()
	dir := t.TempDir()
	gitDir := filepath.Join(dir, ".git")
	writeFiles(t, gitDir, map[string]string{
		"HEAD":                           "ref: refs/heads/master\n",
		"refs/heads/master":              head.String() + "\n",
		"objects/pack/pack-crafted.pack": string(pack),
		"objects/pack/pack-crafted.idx":  string(idx),
	})
	return dir
}

// craftPack encodes entries as a version 2 pack.
func craftPack(entries []craftedEntry) (pack []byte, offsets []int, crcs []uint32) {
	var b bytes.Buffer
	b.WriteString("PACK")
	binary.Write(&b, binary.BigEndian, uint32(2))
	binary.Write(&b, binary.BigEndian, uint32(len(entries)))
	for i, e := range entries {
		start := b.Len()
		offsets = append(offsets, start)
		size := e.size
		if size == 0 {
			size = int64(len(e.data))
		}
		c := byte(e.typ)<<4 | byte(size&0xf)
		for size >>= 4; size > 0; size >>= 7 {
			b.WriteByte(c | 0x80)
			c = byte(size & 0x7f)
		}
		b.WriteByte(c)
		switch e.typ {
		case plumbing.REFDeltaObject:
			b.Write(e.ref[:])
		case plumbing.OFSDeltaObject:
			b.Write(ofsDeltaOffset(offsets[i] - offsets[e.ofs]))
		}
		if e.raw != nil {
			b.Write(e.raw)
		} else {
			zw := zlib.NewWriter(&b)
			zw.Write(e.data)
			zw.Close()
		}
		crcs = append(crcs, crc32.ChecksumIEEE(b.Bytes()[start:]))
	}
	sum := sha1.Sum(b.Bytes())
	b.Write(sum[:])
	return b.Bytes(), offsets, crcs
}

// ofsDeltaOffset encodes the distance back to an offset delta's base.
func ofsDeltaOffset(n int) []byte {
	out := []byte{byte(n & 0x7f)}
	for n >>= 7; n > 0; n >>= 7 {
		n--
		out = append([]byte{0x80 | byte(n&0x7f)}, out...)
	}
	return out
}

// craftIdx encodes a version 2 index of entries.
func craftIdx(entries []craftedEntry, offsets []int, crcs []uint32, packSum []byte) []byte {
	order := make([]int, len(entries))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return bytes.Compare(entries[a].name[:], entries[b].name[:]) })
	var b bytes.Buffer
	b.Write([]byte{0xff, 't', 'O', 'c', 0, 0, 0, 2})
	for i := range 256 {
		n := 0
		for _, e := range entries {
			if int(e.name[0]) <= i {
				n++
			}
		}
		binary.Write(&b, binary.BigEndian, uint32(n))
	}
	for _, i := range order {
		b.Write(entries[i].name[:])
	}
	for _, i := range order {
		binary.Write(&b, binary.BigEndian, crcs[i])
	}
	for _, i := range order {
		binary.Write(&b, binary.BigEndian, uint32(offsets[i]))
	}
	b.Write(packSum)
	sum := sha1.Sum(b.Bytes())
	b.Write(sum[:])
	return b.Bytes()
}

// leb encodes a delta header size.
func leb(n int) []byte {
	var out []byte
	for {
		c := byte(n & 0x7f)
		if n >>= 7; n == 0 {
			return append(out, c)
		}
		out = append(out, c|0x80)
	}
}

// makeDelta encodes a delta making target from base: a copy of their
// common prefix (under 64 KiB), then the rest inserted.
func makeDelta(base, target []byte) []byte {
	k := 0
	for k < len(base) && k < len(target) && k < 0xffff && base[k] == target[k] {
		k++
	}
	d := append(leb(len(base)), leb(len(target))...)
	if k > 0 {
		d = append(d, 0x80|0x10|0x20, byte(k), byte(k>>8)) // copy from offset 0, k bytes
	}
	for rest := target[k:]; len(rest) > 0; {
		n := min(len(rest), 127)
		d = append(d, byte(n))
		d = append(d, rest[:n]...)
		rest = rest[n:]
	}
	return d
}

// fakeHash returns a hash of the byte b repeated.
func fakeHash(b byte) plumbing.Hash {
	var h plumbing.Hash
	for i := range h {
		h[i] = b
	}
	return h
}

// craftedSite is a valid pack written by hand: a commit, its tree, and
// three files, two of them deltas (one of each kind) of the first.
type craftedSite struct {
	commit, tree, blob, refDelta, ofsDelta plumbing.Hash
	commitData, treeData                   []byte
	files                                  map[string][]byte
	entries                                []craftedEntry
}

// newCraftedSite builds the entries of a craftedSite.
func newCraftedSite() craftedSite {
	base := []byte("## Senior\n\nSeniors lead projects.\n")
	target := []byte("## Senior\n\nSeniors lead projects across teams.\n")
	target2 := []byte("## Senior\n\nSeniors lead.\n")
	blobHash := plumbing.ComputeHash(plumbing.BlobObject, base)
	t1, t2 := plumbing.ComputeHash(plumbing.BlobObject, target), plumbing.ComputeHash(plumbing.BlobObject, target2)
	tree := []byte("100644 a.md\x00" + string(blobHash[:]) + "100644 b.md\x00" + string(t1[:]) + "100644 c.md\x00" + string(t2[:]))
	treeHash := plumbing.ComputeHash(plumbing.TreeObject, tree)
	commitData := []byte("tree " + treeHash.String() + "\n\nc\n")
	commitHash := plumbing.ComputeHash(plumbing.CommitObject, commitData)
	return craftedSite{
		commit: commitHash, tree: treeHash, blob: blobHash, refDelta: t1, ofsDelta: t2,
		commitData: commitData, treeData: tree,
		files: map[string][]byte{"a.md": base, "b.md": target, "c.md": target2},
		entries: []craftedEntry{
			{name: blobHash, typ: plumbing.BlobObject, data: base},
			{name: t1, typ: plumbing.REFDeltaObject, ref: blobHash, data: makeDelta(base, target)},
			{name: t2, typ: plumbing.OFSDeltaObject, ofs: 0, data: makeDelta(base, target2)},
			{name: treeHash, typ: plumbing.TreeObject, data: tree},
			{name: commitHash, typ: plumbing.CommitObject, data: commitData},
		},
	}
}

// TestCraftedPacks reads packs written by hand: a valid one with both
// kinds of delta, and damaged ones, whose deltas loop, chain too deep,
// point at themselves or at nothing, or whose sizes or data lie.
func TestCraftedPacks(t *testing.T) {
	site := newCraftedSite()
	valid := site.entries
	base, target := site.files["a.md"], site.files["b.md"]
	commitHash, treeHash, blobHash, t1 := site.commit, site.tree, site.blob, site.refDelta
	commitData, tree := site.commitData, site.treeData

	t.Run("valid", func(t *testing.T) {
		repo, err := gitfs.Open(writeCraftedRepo(t, commitHash, valid))
		if err != nil {
			t.Fatal(err)
		}
		h, err := repo.Resolve(commitHash.String()[:6])
		if err != nil || h != commitHash {
			t.Fatalf("Resolve = %s, %v", h, err)
		}
		fsys, err := repo.FS(h)
		if err != nil {
			t.Fatal(err)
		}
		for name, want := range site.files {
			if got, err := fs.ReadFile(fsys, name); err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s = %q, %v; want %q", name, got, err, want)
			}
		}
	})

	a, b := fakeHash(0xa1), fakeHash(0xb2)
	anyDelta := makeDelta(base, target)
	deep := []craftedEntry{{name: fakeHash(0x01), typ: plumbing.BlobObject, data: base}}
	for i := 1; i <= 5002; i++ {
		h := plumbing.ComputeHash(plumbing.BlobObject, []byte{byte(i), byte(i >> 8)})
		deep = append(deep, craftedEntry{name: h, typ: plumbing.OFSDeltaObject, ofs: i - 1, data: makeDelta(base, base)})
	}
	tests := []struct {
		name    string
		head    plumbing.Hash
		entries []craftedEntry
		want    string
	}{
		{"ref deltas in a loop", a, []craftedEntry{
			{name: a, typ: plumbing.REFDeltaObject, ref: b, data: anyDelta},
			{name: b, typ: plumbing.REFDeltaObject, ref: a, data: anyDelta},
		}, "delta chain deeper"},
		{"ref delta on itself", a, []craftedEntry{
			{name: a, typ: plumbing.REFDeltaObject, ref: a, data: anyDelta},
		}, "delta chain deeper"},
		{"offset delta chain too deep", deep[len(deep)-1].name, deep, "delta chain deeper"},
		{"offset delta on itself", a, []craftedEntry{
			{name: a, typ: plumbing.OFSDeltaObject, ofs: 0, data: anyDelta},
		}, "OFS delta offset"},
		{"ref delta base missing", a, []craftedEntry{
			{name: a, typ: plumbing.REFDeltaObject, ref: b, data: anyDelta},
		}, "not in the pack"},
		{"delta for another base", commitHash, append(slices.Clone(valid[:3]),
			craftedEntry{name: treeHash, typ: plumbing.REFDeltaObject, ref: t1, data: anyDelta},
			valid[4]), "delta for a base of"},
		{"delta garbage", t1, []craftedEntry{
			valid[0], {name: t1, typ: plumbing.REFDeltaObject, ref: blobHash, data: []byte{0xff, 0xff, 0xff}},
		}, "delta"},
		{"size over what is read whole", a, []craftedEntry{
			{name: a, typ: plumbing.CommitObject, data: commitData, size: 1 << 40},
		}, "read whole"},
		{"size shorter than the data", commitHash, []craftedEntry{
			{name: commitHash, typ: plumbing.CommitObject, data: commitData, size: 5},
		}, "inflated object exceeds declared size"},
		{"size longer than the data", commitHash, []craftedEntry{
			{name: commitHash, typ: plumbing.CommitObject, data: commitData, size: int64(len(commitData)) + 3},
		}, "not the"},
		{"data not zlib", commitHash, []craftedEntry{
			{name: commitHash, typ: plumbing.CommitObject, data: commitData, raw: []byte("not zlib data at all")},
		}, "zlib"},
		{"reserved type", a, []craftedEntry{
			{name: a, typ: 5, data: commitData},
		}, "bad type"},
		{"commit with a bad tree line", a, []craftedEntry{
			{name: a, typ: plumbing.CommitObject, data: []byte("tree 12345\n\nc\n")},
		}, "malformed tree line"},
		{"tree with a slash in a name", commitHash, []craftedEntry{
			{name: treeHash, typ: plumbing.TreeObject, data: []byte("100644 a/b\x00" + string(blobHash[:]))},
			{name: commitHash, typ: plumbing.CommitObject, data: commitData},
		}, "bad name"},
		{"tree cut in an entry", commitHash, []craftedEntry{
			{name: treeHash, typ: plumbing.TreeObject, data: tree[:len(tree)-5]},
			{name: commitHash, typ: plumbing.CommitObject, data: commitData},
		}, "malformed entry"},
		{"head is a blob", blobHash, valid[:1], "not a commit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo, err := gitfs.Open(writeCraftedRepo(t, tt.head, tt.entries))
			if err != nil {
				t.Fatal(err)
			}
			err = readEverything(repo, "HEAD")
			t.Log(err)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one saying %q", err, tt.want)
			}
		})
	}
}

// TestRefNames: a revision that is not a valid ref name is never read
// as a file, even one that exists.
func TestRefNames(t *testing.T) {
	dir := writeCraftedRepo(t, fakeHash(1), nil)
	writeFiles(t, dir, map[string]string{".git/refs/heads/a.lock": strings.Repeat("a", 40) + "\n", ".git/description": strings.Repeat("b", 40) + "\n"})
	repo, err := gitfs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, rev := range []string{"../../etc/passwd", "refs/../HEAD", "a.lock", "refs/heads/a.lock", "description", "refs//heads/master", "HEAD@{1}", "refs/heads/master/"} {
		if _, err := repo.Resolve(rev); err == nil || !strings.Contains(err.Error(), "unknown revision") {
			t.Errorf("Resolve(%q): %v, want unknown revision", rev, err)
		}
	}
}

// FuzzPack reads the crafted site from a pack whose entries are the
// fuzzer's bytes, under a valid pack header, trailer and index (whose
// offsets are the valid pack's): whatever the entries, reading gives
// files or an error, never a panic or a hang. (Like git, gitfs does
// not hash what it inflates from a pack, so the files may differ.)
func FuzzPack(f *testing.F) {
	site := newCraftedSite()
	pack, offsets, crcs := craftPack(site.entries)
	f.Add(pack[12 : len(pack)-20])
	f.Add([]byte{})
	dir := writePackRepo(f, site.commit, pack, craftIdx(site.entries, offsets, crcs, pack[len(pack)-20:]))
	packDir := filepath.Join(dir, ".git", "objects", "pack")
	f.Fuzz(func(t *testing.T, body []byte) {
		pack := append(slices.Clone(pack[:12]), body...)
		sum := sha1.Sum(pack)
		pack = append(pack, sum[:]...)
		idx := craftIdx(site.entries, offsets, crcs, sum[:])
		// One folder, rewritten for each input: fuzzing is faster
		// without a temporary folder each.
		writeFiles(t, packDir, map[string]string{"pack-crafted.pack": string(pack), "pack-crafted.idx": string(idx)})
		repo, err := gitfs.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer repo.Close()
		h, err := repo.Resolve("HEAD")
		if err != nil {
			return
		}
		fsys, err := repo.FS(h)
		if err != nil {
			return
		}
		fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				readFile(fsys, p)
			}
			return nil
		})
	})
}

// TestLongFetchHead: a ref file longer than the 4 KiB read of a ref is
// read if it starts with a hash, as FETCH_HEAD after a fetch of many
// branches does.
func TestLongFetchHead(t *testing.T) {
	site := newCraftedSite()
	dir := writeCraftedRepo(t, site.commit, site.entries)
	line := "\t\tbranch 'b' of https://example.com/r\n"
	writeFiles(t, dir, map[string]string{".git/FETCH_HEAD": site.commit.String() + strings.Repeat(line, 200)})
	repo, err := gitfs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if h, err := repo.Resolve("FETCH_HEAD"); err != nil || h != site.commit {
		t.Errorf("Resolve(FETCH_HEAD) = %s, %v; want %s", h, err, site.commit)
	}
}

// TestAlternates: object folders named by alternates files are each
// read once, however many times and however they are named, in loops
// or not; past 64 of them in all is an error naming the file.
func TestAlternates(t *testing.T) {
	site := newCraftedSite()
	// repo returns a repository with no objects of its own whose HEAD is
	// the crafted commit, in the objects folder of another repository,
	// and lets alternates write the alternates files of both: own names
	// the objects folder of the repository, other of the one holding
	// the objects.
	repo := func(t *testing.T, alternates func(own, other string) (ownAlts, otherAlts string)) string {
		dir := t.TempDir()
		own := filepath.Join(dir, ".git", "objects")
		other := filepath.Join(writeCraftedRepo(t, site.commit, site.entries), ".git", "objects")
		ownAlts, otherAlts := alternates(own, other)
		writeFiles(t, dir, map[string]string{
			".git/HEAD": "ref: refs/heads/master\n", ".git/refs/heads/master": site.commit.String() + "\n",
			".git/objects/info/alternates": ownAlts,
		})
		writeFiles(t, other, map[string]string{"info/alternates": otherAlts})
		return dir
	}
	times := func(n int, line string) string { return strings.Repeat(line+"\n", n) }
	tests := []struct {
		name string
		alts func(own, other string) (string, string)
		want string // in the error of reading HEAD; "" for none
	}{
		{"named once", func(own, other string) (string, string) { return other + "\n", "" }, ""},
		{"40 times each way, in a loop", func(own, other string) (string, string) {
			return times(40, other), times(40, own)
		}, ""},
		{"70 spellings of one folder", func(own, other string) (string, string) {
			var b strings.Builder
			for i := range 70 {
				b.WriteString(filepath.Dir(other) + strings.Repeat("/.", i) + "/objects/\n")
			}
			return b.String(), ""
		}, ""},
		{"relative", func(own, other string) (string, string) {
			rel, err := filepath.Rel(own, other)
			if err != nil {
				t.Fatal(err)
			}
			return rel + "\n", ""
		}, ""},
		{"folders that do not exist, repeated", func(own, other string) (string, string) {
			return times(300, own+"/nowhere") + other + "\n", ""
		}, ""},
		{"70 folders", func(own, other string) (string, string) {
			var b strings.Builder
			for i := range 70 {
				dir := filepath.Join(filepath.Dir(other), "alt", strconv.Itoa(i))
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				b.WriteString(dir + "\n")
			}
			return b.String() + other + "\n", ""
		}, "alternates: more than 64 alternate object folders"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := repo(t, tt.alts)
			done := make(chan [2]error, 1)
			go func() {
				repo, err := gitfs.Open(dir)
				if err != nil {
					done <- [2]error{err, err}
					return
				}
				_, resolveErr := repo.Resolve("abcd1234")
				done <- [2]error{resolveErr, readEverything(repo, "HEAD")}
			}()
			var errs [2]error
			select {
			case errs = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("still reading after 10 s")
			}
			wantResolve, wantRead := cmp.Or(tt.want, "unknown revision"), tt.want
			if err := errs[0]; err == nil || !strings.Contains(err.Error(), wantResolve) {
				t.Errorf("Resolve(abcd1234): %v, want an error saying %q", err, wantResolve)
			}
			if err := errs[1]; wantRead == "" && err != nil || wantRead != "" && (err == nil || !strings.Contains(err.Error(), wantRead)) {
				t.Errorf("reading HEAD: %v, want %q", err, wantRead)
			}
		})
	}
}

// copyDelta encodes a delta making the first n bytes of a base of
// baseLen bytes, by copies of up to 16 MiB.
func copyDelta(baseLen, n int) []byte {
	d := append(leb(baseLen), leb(n)...)
	for off := 0; off < n; {
		k := min(n-off, 0xffffff)
		d = append(d, 0x80|0x0f|0x70, byte(off), byte(off>>8), byte(off>>16), byte(off>>24), byte(k), byte(k>>8), byte(k>>16))
		off += k
	}
	return d
}

// deltaChainRepo writes a repository whose one file, f, is made by a
// chain: a blob of base zeros (said to be claimed bytes, if not 0), then
// copies whole copies of it, each a delta of the one before, then a
// delta keeping its first size bytes.
func deltaChainRepo(t *testing.T, base, claimed, copies, size int) string {
	entries := []craftedEntry{{name: fakeHash(1), typ: plumbing.BlobObject, raw: zlibZeros(base), size: int64(cmp.Or(claimed, base))}}
	for i := range copies {
		h := plumbing.ComputeHash(plumbing.BlobObject, []byte(strconv.Itoa(i)))
		entries = append(entries, craftedEntry{name: h, typ: plumbing.OFSDeltaObject, ofs: i, data: copyDelta(base, base)})
	}
	file := plumbing.ComputeHash(plumbing.BlobObject, make([]byte, size))
	entries = append(entries, craftedEntry{name: file, typ: plumbing.OFSDeltaObject, ofs: len(entries) - 1, data: copyDelta(base, size)})
	tree := []byte("100644 f\x00" + string(file[:]))
	treeHash := plumbing.ComputeHash(plumbing.TreeObject, tree)
	commit := []byte("tree " + treeHash.String() + "\n\nc\n")
	commitHash := plumbing.ComputeHash(plumbing.CommitObject, commit)
	entries = append(entries,
		craftedEntry{name: treeHash, typ: plumbing.TreeObject, data: tree},
		craftedEntry{name: commitHash, typ: plumbing.CommitObject, data: commit})
	return writeCraftedRepo(t, commitHash, entries)
}

// zlibZeros returns n zeros compressed, made once for each n: under the
// race detector, compressing megabytes takes seconds.
var zlibZeros = func() func(n int) []byte {
	var mu sync.Mutex
	made := map[int][]byte{}
	return func(n int) []byte {
		mu.Lock()
		defer mu.Unlock()
		if made[n] == nil {
			var b bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&b, zlib.BestSpeed)
			zw.Write(make([]byte, n))
			zw.Close()
			made[n] = b.Bytes()
		}
		return made[n]
	}
}()

// TestDeltaWork: a delta chain may make only so many bytes to read an
// object, whatever its depth: one built to be slow (each delta copying
// the whole of a large base, to keep a little at the end) is an error
// naming the object, read whole or streamed; chains of versions of one
// file, as git writes, are read.
func TestDeltaWork(t *testing.T) {
	tests := []struct {
		name                          string
		base, claimed, copies, result int
		want                          string // in the error; "" for none
	}{
		{"copies of 8 MiB for 100 bytes", 8 << 20, 0, 9, 100, "delta chain makes over"},
		{"copies of 8 MiB for 1 MiB and a byte, streamed", 8 << 20, 0, 42, 1<<20 + 1, "delta chain makes over"},
		{"a base said to be of 96 MiB for 100 bytes", 1 << 10, 96 << 20, 0, 100, "delta chain makes over"},
		{"100 versions of 64 KiB", 64 << 10, 0, 100, 60 << 10, ""},
		{"500 versions of 4 KiB", 4 << 10, 0, 500, 4 << 10, ""},
		{"50 versions of 2 MiB, streamed", 2 << 20, 0, 50, 2 << 20, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo, err := gitfs.Open(deltaChainRepo(t, tt.base, tt.claimed, tt.copies, tt.result))
			if err != nil {
				t.Fatal(err)
			}
			file := plumbing.ComputeHash(plumbing.BlobObject, make([]byte, tt.result))
			err = readEverything(repo, "HEAD")
			t.Log(err)
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), file.String())) {
				t.Errorf("err = %v, want %q naming object %s", err, tt.want, file)
			}
		})
	}
}

// manyPacksRepo writes a repository of n files, each blob in a pack of
// its own, and its tree and commit in one more, and returns it and its
// files.
func manyPacksRepo(t *testing.T, n int) (string, map[string][]byte) {
	files := map[string][]byte{}
	var tree []byte
	packs := map[string]string{}
	for i := range n {
		name := fmt.Sprintf("f%04d.md", i)
		data := []byte(fmt.Sprintf("file %d\n", i))
		h := plumbing.ComputeHash(plumbing.BlobObject, data)
		files[name] = data
		tree = append(tree, "100644 "+name+"\x00"+string(h[:])...)
		entries := []craftedEntry{{name: h, typ: plumbing.BlobObject, data: data}}
		pack, offsets, crcs := craftPack(entries)
		packs[fmt.Sprintf("objects/pack/pack-%04d.pack", i)] = string(pack)
		packs[fmt.Sprintf("objects/pack/pack-%04d.idx", i)] = string(craftIdx(entries, offsets, crcs, pack[len(pack)-20:]))
	}
	treeHash := plumbing.ComputeHash(plumbing.TreeObject, tree)
	commit := []byte("tree " + treeHash.String() + "\n\nc\n")
	commitHash := plumbing.ComputeHash(plumbing.CommitObject, commit)
	dir := writeCraftedRepo(t, commitHash, []craftedEntry{
		{name: treeHash, typ: plumbing.TreeObject, data: tree},
		{name: commitHash, typ: plumbing.CommitObject, data: commit},
	})
	writeFiles(t, filepath.Join(dir, ".git"), packs)
	return dir, files
}

// openPackFiles counts the files under dir ending in .pack that this
// process holds open; it skips the test where /proc/self/fd does not
// list them.
func openPackFiles(t *testing.T, dir string) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd to count open files:", err)
	}
	n := 0
	for _, fd := range fds {
		if p, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name())); err == nil && strings.HasPrefix(p, dir) && strings.HasSuffix(p, ".pack") {
			n++
		}
	}
	return n
}

// TestManyPacks: of a repository of more packs than it keeps open (64),
// every object is read, from many goroutines at once, and a missing one
// is not found, with at most 64 pack files open; Close closes them.
func TestManyPacks(t *testing.T) {
	dir, files := manyPacksRepo(t, 150)
	repo, err := gitfs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for range 8 {
		go func() { errs <- readEverything(repo, "HEAD") }()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if n := openPackFiles(t, dir); n > 64 {
		t.Errorf("%d pack files open, over 64", n)
	}
	if _, err := repo.Resolve(strings.Repeat("ab", 20)); err == nil || !strings.Contains(err.Error(), "unknown revision") {
		t.Errorf("Resolve(a missing object): %v, want unknown revision", err)
	}
	h, err := repo.Resolve("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := repo.FS(h)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		if got, err := fs.ReadFile(fsys, name); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	if n := openPackFiles(t, dir); n > 64 {
		t.Errorf("%d pack files open, over 64", n)
	}
}

// TestClose: Close closes the pack files, and reading from a pack after
// is an error.
func TestClose(t *testing.T) {
	dir, _ := manyPacksRepo(t, 3)
	repo, err := gitfs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	h, err := repo.Resolve("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := repo.FS(h)
	if err != nil {
		t.Fatal(err)
	}
	if err := readFile(fsys, "f0000.md"); err != nil {
		t.Fatal(err)
	}
	if n := openPackFiles(t, dir); n == 0 {
		t.Error("no pack files open; the test would not close any")
	}
	if err := repo.Close(); err != nil {
		t.Fatal(err)
	}
	if n := openPackFiles(t, dir); n != 0 {
		t.Errorf("after Close, %d pack files open", n)
	}
	if _, err := fsys.Open("f0001.md"); err == nil || !strings.Contains(err.Error(), "repository closed") {
		t.Errorf("Open after Close: %v, want an error saying the repository is closed", err)
	}
	if err := repo.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// TestHistoryLoop: a pack's index may name any content, so a commit may
// claim to be its own ancestor; walking back through it ends in an
// error, not after as many steps as asked.
func TestHistoryLoop(t *testing.T) {
	tree := []byte{}
	treeHash := plumbing.ComputeHash(plumbing.TreeObject, tree)
	commit := func(name, parent plumbing.Hash) craftedEntry {
		return craftedEntry{name: name, typ: plumbing.CommitObject, data: []byte("tree " + treeHash.String() + "\nparent " + parent.String() + "\n\nc\n")}
	}
	a, b, c := fakeHash(0xa1), fakeHash(0xb2), fakeHash(0xc3)
	tests := []struct {
		name    string
		commits []craftedEntry
	}{
		{"its own parent", []craftedEntry{commit(a, a)}},
		{"a loop of two, after one", []craftedEntry{commit(a, b), commit(b, c), commit(c, b)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries := append([]craftedEntry{{name: treeHash, typ: plumbing.TreeObject, data: tree}}, tt.commits...)
			repo, err := gitfs.Open(writeCraftedRepo(t, a, entries))
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := repo.Resolve("HEAD~99999999999999999999")
				done <- err
			}()
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("still walking after 10 s")
			}
			if err == nil || !strings.Contains(err.Error(), "is its own ancestor") {
				t.Errorf("err = %v, want one saying a commit is its own ancestor", err)
			}
		})
	}
}
