package gitfs

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
)

// allocated returns the bytes fn allocates.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHeaderParsingIsBounded: decoding a commit's or a tag's headers
// stops at the blank line that ends them, and packed-refs is decoded a
// line at a time: neither allocates for each of a huge number of lines
// (bytes.Split took 24 bytes a line: 2.4 GB for a commit of 10^8
// newlines, which compresses to 100 KB).
func TestHeaderParsingIsBounded(t *testing.T) {
	const n = 10_000_000
	blank := bytes.Repeat([]byte("\n"), n)
	tree := "tree " + strings.Repeat("a", 40) + "\n"
	commit := append([]byte(tree+"parent "+strings.Repeat("b", 40)+"\ncommitter T <t@x> 1700000000 +0000\n"), blank...)
	tag := append([]byte("object "+strings.Repeat("c", 40)+"\ntype commit\n"), blank...)
	packed := append(blank, strings.Repeat("d", 40)+" refs/heads/main\n"...)
	tests := []struct {
		name  string
		parse func() error
	}{
		{"commit", func() error {
			c, err := parseCommit(commit)
			if err == nil && (len(c.parents) != 1 || c.when.Unix() != 1700000000) {
				t.Errorf("parseCommit = %+v", c)
			}
			return err
		}},
		{"tag", func() error {
			if v, ok := header(tag, "type"); !ok || v != "commit" {
				t.Errorf("header(type) = %q, %v", v, ok)
			}
			return nil
		}},
		{"header not found", func() error {
			if v, ok := header(tag, "tagger"); ok {
				t.Errorf("header(tagger) = %q", v)
			}
			return nil
		}},
		{"packed-refs", func() error {
			refs, err := parsePackedRefs(packed)
			if err == nil && len(refs) != 1 {
				t.Errorf("parsePackedRefs = %v", refs)
			}
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if got := allocated(func() { err = tt.parse() }); got > 1<<20 {
				t.Errorf("allocated %d bytes for %d blank lines", got, n)
			}
			if err != nil {
				t.Error(err)
			}
		})
	}
}
