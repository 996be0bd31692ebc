package compare

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// refWordDiff is WordDiff as first written: a map from token to rune, a
// string of runes converted to []rune for go-diff, and the diffs' runes
// looked up one by one in a table of tokens.
func refWordDiff(from, to string) []Op {
	if from == to {
		if from == "" {
			return []Op{}
		}
		return []Op{{OpEqual, from}}
	}
	tokens := map[string]rune{}
	var table []string
	encode := func(s string) string {
		var b strings.Builder
		for _, tok := range refTokenize(s) {
			r, ok := tokens[tok]
			if !ok && len(table) >= maxTokens {
				r, ok = rune(0x10FFFD), true
			}
			if !ok {
				r = rune(0xF0000 + len(table))
				tokens[tok] = r
				table = append(table, tok)
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	a, b := encode(from), encode(to)
	if len(table) >= maxTokens {
		return []Op{{OpDelete, from}, {OpInsert, to}}
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	diffs := dmp.DiffMainRunes([]rune(a), []rune(b), false)
	diffs = dmp.DiffCleanupSemantic(diffs)
	out := make([]Op, 0, len(diffs))
	for _, d := range diffs {
		var sb strings.Builder
		for _, r := range d.Text {
			sb.WriteString(table[r-0xF0000])
		}
		op := OpEqual
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			op = OpInsert
		case diffmatchpatch.DiffDelete:
			op = OpDelete
		}
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += sb.String()
			continue
		}
		out = append(out, Op{op, sb.String()})
	}
	return out
}

func refTokenize(s string) []string {
	var out []string
	start := -1
	kind := 0
	for i, r := range s {
		k := 3
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\'' || r == '’' || r == '-' && kind == 1:
			k = 1
		case unicode.IsSpace(r):
			k = 2
		}
		if start >= 0 && (k != kind || k == 3) {
			out = append(out, s[start:i])
			start = -1
		}
		if start < 0 {
			start, kind = i, k
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// wordDiffCases pair texts the way reworded items pair, and odd ones.
var wordDiffCases = [][2]string{
	{"", ""},
	{"", "new"},
	{"old", ""},
	{"same", "same"},
	{"Ships small changes.", "Ships medium-sized changes, carefully."},
	{"Owns small tasks to completion.", "Owns medium tasks to completion with guidance."},
	{"Uses the team’s runbooks – always.", "Uses the team's “runbooks” — mostly…"},
	{"Knows C++.", "Knows C#."},
	{"a b c d e f g", "g f e d c b a"},
	{"on-call on-call on-call", "on-call rota on-call"},
	{"日本語 テキスト", "日本語 の テキスト"},
	{"a\u0301 b", "a b\u0301"},
	{"x\x00y \xff", "x y \xfe\xff"},
	{"--x-- 'y' -z", "-x- 'y' --z"},
	{"  spaces\t\tand\ttabs  ", " spaces and tabs "},
	{strings.Repeat("word ", 200), strings.Repeat("word ", 199) + "other"},
	{strings.Repeat("alpha beta gamma ", 40), strings.Repeat("alpha gamma beta ", 40)},
}

func TestTokenizeMatchesReference(t *testing.T) {
	for _, c := range append(wordDiffCases, [2]string{strings.Join(textCases, " "), "-a - -b a-b-"}) {
		for _, s := range c {
			if got, want := tokenize(s), refTokenize(s); !slices.Equal(got, want) {
				t.Errorf("tokenize(%q) = %q, want %q", s, got, want)
			}
		}
	}
}

func TestWordDiffMatchesReference(t *testing.T) {
	cases := append([][2]string{}, wordDiffCases...)
	for _, x := range textCases {
		for _, y := range textCases {
			cases = append(cases, [2]string{x, y})
		}
	}
	for _, c := range cases {
		if got, want := WordDiff(c[0], c[1]), refWordDiff(c[0], c[1]); fmt.Sprint(got) != fmt.Sprint(want) || len(got) != len(want) {
			t.Errorf("WordDiff(%q, %q) = %q, want %q", c[0], c[1], got, want)
		}
	}
}

// TestOpsFromTable: the general way back from runes to text gives what
// the fast one gives.
func TestOpsFromTable(t *testing.T) {
	for _, c := range wordDiffCases {
		from, to := c[0], c[1]
		ends := appendTokenEnds(nil, from)
		na := len(ends)
		ends = appendTokenEnds(ends, to)
		runes, ok := encodeTokens(from, to, ends, na)
		if !ok {
			t.Fatal("encodeTokens failed")
		}
		dmp := diffmatchpatch.New()
		dmp.DiffTimeout = 0
		diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(runes[:na:na], runes[na:], false))
		fast, ok := opsFromDiffs(diffs, from, to, ends, runes, na)
		if !ok {
			t.Fatalf("%q -> %q: diffs do not spell out the tokens", from, to)
		}
		if slow := opsFromTable(diffs, from, to, ends, runes, na); !slices.Equal(fast, slow) {
			t.Errorf("%q -> %q: %q from the spans, %q from the table", from, to, fast, slow)
		}
		// Diffs that do not spell out the tokens are refused.
		if len(diffs) > 0 {
			bad := append([]diffmatchpatch.Diff{}, diffs...)
			bad[0].Type = diffmatchpatch.DiffInsert
			bad = append(bad, diffmatchpatch.Diff{Type: diffmatchpatch.DiffEqual, Text: string(rune(0xF0000))})
			if _, ok := opsFromDiffs(bad, from, to, ends, runes, na); ok {
				t.Errorf("%q -> %q: opsFromDiffs took diffs that do not spell out the tokens", from, to)
			}
		}
	}
}

// TestEncodeTokens: equal tokens get equal runes, in order of first
// appearance, also when the hash table spills over to the heap.
func TestEncodeTokens(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "w%d ", i%700)
	}
	for _, c := range append(wordDiffCases, [2]string{b.String(), b.String()[5:]}) {
		from, to := c[0], c[1]
		ends := appendTokenEnds(nil, from)
		na := len(ends)
		ends = appendTokenEnds(ends, to)
		runes, ok := encodeTokens(from, to, ends, na)
		if !ok {
			t.Fatal("encodeTokens failed")
		}
		ids := map[string]rune{}
		for k, tok := range append(refTokenize(from), refTokenize(to)...) {
			want, seen := ids[tok]
			if !seen {
				want = tokenBase + rune(len(ids))
				ids[tok] = want
			}
			if runes[k] != want {
				t.Fatalf("token %d %q: rune %x, want %x", k, tok, runes[k], want)
			}
		}
	}
}

// TestWordDiffTooManyTokens: with maxTokens distinct tokens or more the
// diff is the whole texts, as the reference says; one fewer still fits.
func TestWordDiffTooManyTokens(t *testing.T) {
	if testing.Short() {
		t.Skip("builds texts of a million words")
	}
	var b strings.Builder
	for i := 0; i < maxTokens-1; i++ { // and the space: maxTokens
		fmt.Fprintf(&b, "w%x ", i)
	}
	from, to := "w0", b.String()
	if got, want := WordDiff(from, to), refWordDiff(from, to); !slices.Equal(got, want) || len(got) != 2 {
		t.Errorf("got %d ops, want the reference's %d", len(got), len(want))
	}
	ends := appendTokenEnds(nil, from)
	na := len(ends)
	ends = appendTokenEnds(ends, to)
	if _, ok := encodeTokens(from, to, ends, na); ok {
		t.Error("encodeTokens took maxTokens distinct tokens")
	}
	// One distinct token fewer: the last word repeats the first.
	to = to[:strings.LastIndex(strings.TrimSuffix(to, " "), " ")+1] + "w0 "
	ends = appendTokenEnds(ends[:na], to)
	runes, ok := encodeTokens(from, to, ends, na)
	if !ok || runes[len(runes)-2] != tokenBase {
		t.Error("encodeTokens refused maxTokens-1 distinct tokens")
	}
}
