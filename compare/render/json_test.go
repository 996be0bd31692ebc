package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/internal/gen"
)

// encoderJSON is what WriteCompareJSON wrote before it streamed: the
// documented shape, built whole, then json.Encoder with an indent.
func encoderJSON(r *compare.Report, o CompareOptions) []byte {
	var b bytes.Buffer
	if err := writeJSON(&b, CompareToJSON(r, o)); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// TestCompareJSONStreamsSameBytes: the streaming writer writes, byte for
// byte, what the encoder writes for the same report and options, on
// generated levels and on a report made of the texts JSON must escape.
func TestCompareJSONStreamsSameBytes(t *testing.T) {
	from, to, err := gen.Levels(gen.Options{Pillars: 4, Items: 60, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	generated := compare.Levels(from, to)

	nasty := []string{"", "plain", `quote " backslash \ slash /`, "<b>&amp;</b>", "tab\tnew\nline\rcr\bbs\fff\x00nul\x1fus\x7fdel",
		"line\u2028para\u2029sep", "bad \xff utf-8 \xe2\x80", "ünïcödé — “quotes” 😀"}
	item := func(s string, line int) *framework.Item {
		return &framework.Item{Text: s, Markdown: s, Source: framework.Source{File: "content/" + s + ".md", Line: line}}
	}
	escaped := &compare.Report{FromRef: nasty[2], ToRef: nasty[3], Threshold: 1e-7, Summary: compare.Summary{Same: 1, Added: 2}}
	for k, s := range nasty {
		p := compare.PillarReport{Key: s, Name: nasty[(k+1)%len(nasty)], Status: compare.PillarSame, Summary: compare.Summary{Moved: k}}
		if k%2 == 0 {
			p.Path = []string{s, "Second"}
			p.RenamedFrom = nasty[(k+3)%len(nasty)]
		}
		if k%3 != 1 { // some pillars without changes
			p.Changes = []compare.Change{
				{Kind: compare.Reworded, From: item(s, k), To: item(nasty[(k+5)%len(nasty)], k+1), FromPillar: s, ToPillar: "To",
					Score: []float64{0.999, 1e-7, 0.12345, 1, 0}[k%5],
					Diff:  []compare.Op{{Op: "equal", Text: s}, {Op: "insert", Text: nasty[(k+2)%len(nasty)]}}},
				{Kind: compare.Added, To: item(s, 0), ToPillar: "To", Diff: []compare.Op{}},
				{Kind: compare.Removed, From: item(s, 7), FromPillar: s},
				{Kind: compare.Same, From: item(s, 1), To: item(s, 2), FromPillar: s, ToPillar: s, Score: 1},
			}
		}
		escaped.Pillars = append(escaped.Pillars, p)
	}
	// Pillars of thousands of changes, written in chunks on every
	// processor (jsonWriter.changes), the last chunk short.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	bigFrom, bigTo, err := gen.Levels(gen.Options{Pillars: 2, Items: minJSONParallel + 2*3*jsonChunk + 77, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	large := compare.Levels(bigFrom, bigTo)
	if n := len(large.Pillars[0].Changes); n < minJSONParallel+2*3*jsonChunk {
		t.Fatalf("the large report's first pillar has %d changes: too few for rounds of chunks", n)
	}
	huge := &compare.Report{FromRef: "a", ToRef: "b", Threshold: 1e21}
	options := []CompareOptions{
		{},
		{Kinds: []compare.Kind{compare.Added}},
		{Kinds: []compare.Kind{compare.Moved, compare.Removed}},
		{Kinds: []compare.Kind{"none"}},
		{Diff: true},
	}
	for name, r := range map[string]*compare.Report{"generated": generated, "large": large, "escaped": escaped, "huge threshold": huge, "empty": {}} {
		for k, o := range options {
			t.Run(fmt.Sprintf("%s/%d", name, k), func(t *testing.T) {
				var got bytes.Buffer
				if err := WriteCompareJSON(&got, r, o); err != nil {
					t.Fatal(err)
				}
				if want := encoderJSON(r, o); !bytes.Equal(got.Bytes(), want) {
					i := 0
					for i < min(got.Len(), len(want)) && got.Bytes()[i] == want[i] {
						i++
					}
					t.Fatalf("differs from the encoder at byte %d:\ngot  %q\nwant %q", i,
						got.Bytes()[max(0, i-80):min(got.Len(), i+80)], want[max(0, i-80):min(len(want), i+80)])
				}
			})
		}
	}
}

// TestCompareJSONNonFinite: a threshold JSON cannot carry is an error,
// as it was from the encoder, and nothing is written.
func TestCompareJSONNonFinite(t *testing.T) {
	var b bytes.Buffer
	nan := 0.0
	nan /= nan
	if err := WriteCompareJSON(&b, &compare.Report{Threshold: nan}, CompareOptions{}); err == nil || b.Len() > 0 {
		t.Fatalf("err %v, wrote %q; want an error and nothing", err, b.String())
	}
}

// FuzzCompareJSONSameBytes: for any texts and scores, the streaming
// writer writes what the encoder writes.
// Run: go test ./compare/render -run '^$' -fuzz FuzzCompareJSONSameBytes
func FuzzCompareJSONSameBytes(f *testing.F) {
	f.Add("Owns <the> \"deploy\" & pipeline.", "line\u2028sep \xff", 0.25, 0.8765)
	f.Add("", "", 1e-7, 1e21)
	f.Fuzz(func(t *testing.T, from, to string, threshold, score float64) {
		if threshold != threshold || threshold > 1e300 || threshold < -1e300 {
			t.Skip("not a number JSON carries")
		}
		item := func(s string) *framework.Item {
			return &framework.Item{Text: s, Markdown: s, Source: framework.Source{File: s, Line: len(s)}}
		}
		r := &compare.Report{FromRef: from, ToRef: to, Threshold: threshold, Pillars: []compare.PillarReport{{
			Key: from, Name: to, Path: []string{to, from}, Status: compare.PillarSame, RenamedFrom: to,
			Changes: []compare.Change{{Kind: compare.Reworded, From: item(from), To: item(to), FromPillar: to, ToPillar: from,
				Score: score, Diff: []compare.Op{{Op: "delete", Text: from}, {Op: "insert", Text: to}}}},
		}}}
		var got bytes.Buffer
		if err := WriteCompareJSON(&got, r, CompareOptions{}); err != nil {
			t.Fatal(err)
		}
		if want := encoderJSON(r, CompareOptions{}); !bytes.Equal(got.Bytes(), want) {
			t.Fatalf("got\n%s\nwant\n%s", got.Bytes(), want)
		}
	})
}

// brokenWriter takes n bytes, then fails every write, counting the
// writes after the first failure.
type brokenWriter struct {
	n     int
	after int
	ended bool
}

var errBroken = errors.New("broken pipe")

func (w *brokenWriter) Write(p []byte) (int, error) {
	if w.ended {
		w.after++
		return 0, errBroken
	}
	if len(p) > w.n {
		w.ended = true
		return w.n, errBroken
	}
	w.n -= len(p)
	return len(p), nil
}

// TestCompareJSONWriteError: the first error of the writer is returned,
// whether it comes in the small pieces or in the chunks of a large
// pillar, and nothing more is written after it.
func TestCompareJSONWriteError(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	from, to, err := gen.Levels(gen.Options{Pillars: 1, Items: minJSONParallel, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	r := compare.Levels(from, to)
	if n := len(r.Pillars[0].Changes); n < minJSONParallel {
		t.Fatalf("%d changes: too few to be written in chunks", n)
	}
	for _, n := range []int{0, 100, jsonFlushSize + 1, 3 * jsonFlushSize} {
		w := &brokenWriter{n: n}
		if err := WriteCompareJSON(w, r, CompareOptions{}); !errors.Is(err, errBroken) {
			t.Errorf("writer broken after %d bytes: err %v, want %v", n, err, errBroken)
		}
		if w.after > 0 {
			t.Errorf("writer broken after %d bytes: written to %d more times", n, w.after)
		}
	}
}

// shortWriter takes half of every write and says nothing of it.
type shortWriter struct{}

func (shortWriter) Write(p []byte) (int, error) { return len(p) / 2, nil }

// A writer that takes less than it is given is an error, as bufio says.
func TestCompareJSONShortWrite(t *testing.T) {
	r := &compare.Report{FromRef: "a", ToRef: "b", Threshold: 0.5}
	if err := WriteCompareJSON(shortWriter{}, r, CompareOptions{}); !errors.Is(err, io.ErrShortWrite) {
		t.Fatalf("err %v, want %v", err, io.ErrShortWrite)
	}
}

// largestWriter records the largest single write.
type largestWriter struct{ max, total int }

func (w *largestWriter) Write(p []byte) (int, error) {
	w.max = max(w.max, len(p))
	w.total += len(p)
	return len(p), nil
}

// The JSON is written as it goes, however it is made up: thousands of
// pillars without changes are not gathered into one write.
func TestCompareJSONStreamsPillars(t *testing.T) {
	r := &compare.Report{FromRef: "a", ToRef: "b", Threshold: 0.5}
	for k := range 5000 {
		r.Pillars = append(r.Pillars, compare.PillarReport{Key: fmt.Sprint("p", k), Name: "Pillar", Status: compare.PillarSame})
	}
	w := &largestWriter{}
	if err := WriteCompareJSON(w, r, CompareOptions{}); err != nil {
		t.Fatal(err)
	}
	if w.total < 4*jsonFlushSize || w.max > jsonFlushSize+4<<10 {
		t.Fatalf("%d bytes written, the largest write %d bytes; want several writes of at most about %d", w.total, w.max, jsonFlushSize)
	}
}
