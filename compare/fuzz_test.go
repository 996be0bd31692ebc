package compare

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzWordDiff: for any two texts the diff is the reference one
// (worddiff_test.go), rebuilds both, never splits a word, and does not
// panic.
func FuzzWordDiff(f *testing.F) {
	for _, s := range [][2]string{
		{"Ships small changes.", "Ships medium-sized changes, carefully."},
		{"", "new"},
		{"old", ""},
		{"日本語 テキスト", "日本語 の テキスト"},
		{"a\u0301 b", "a b\u0301"},
		{"x\x00y", "x y"},
		{"on-call rota's", "on-call rotation"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, from, to string) {
		ops := WordDiff(from, to)
		if want := refWordDiff(from, to); len(ops) != len(want) || !slices.Equal(ops, want) {
			t.Fatalf("WordDiff(%q, %q) = %q, the reference gives %q", from, to, ops, want)
		}
		if got, want := tokenize(from), refTokenize(from); !slices.Equal(got, want) {
			t.Fatalf("tokenize(%q) = %q, want %q", from, got, want)
		}
		var a, b strings.Builder
		for _, op := range ops {
			switch op.Op {
			case OpEqual:
				a.WriteString(op.Text)
				b.WriteString(op.Text)
			case OpDelete:
				a.WriteString(op.Text)
			case OpInsert:
				b.WriteString(op.Text)
			default:
				t.Fatalf("unknown op %q", op.Op)
			}
		}
		if a.String() != from || b.String() != to {
			t.Fatalf("ops do not rebuild the texts: %q -> %q: %v", from, to, ops)
		}
		if !utf8.ValidString(from) || !utf8.ValidString(to) {
			return
		}
		// Every op boundary falls between tokens.
		tokens := map[string]bool{}
		for _, tok := range append(tokenize(from), tokenize(to)...) {
			tokens[tok] = true
		}
		for _, op := range ops {
			for _, tok := range tokenize(op.Text) {
				if !tokens[tok] {
					t.Fatalf("op %q splits a word (token %q)", op.Text, tok)
				}
			}
		}
	})
}

// FuzzLevels: aligning two levels built from arbitrary item texts never
// panics, every item appears in exactly one change, and the inverted
// index changes nothing.
func FuzzLevels(f *testing.F) {
	f.Add("Owns tasks.\nShips code.", "Owns tasks independently.\nMentors others.")
	f.Add("", "x")
	f.Add("a\na\na", "a\na")
	f.Fuzz(func(t *testing.T, from, to string) {
		a := level("a", map[string][]string{"P": strings.Split(from, "\n")}, "P")
		b := level("b", map[string][]string{"P": strings.Split(to, "\n")}, "P")
		r := Levels(a, b)
		seenFrom, seenTo := 0, 0
		for _, p := range r.Pillars {
			for _, c := range p.Changes {
				if c.From != nil {
					seenFrom++
				}
				if c.To != nil {
					seenTo++
				}
			}
		}
		if seenFrom != len(a.Pillars[0].Items) || seenTo != len(b.Pillars[0].Items) {
			t.Fatalf("changes cover %d/%d from and %d/%d to items", seenFrom, len(a.Pillars[0].Items), seenTo, len(b.Pillars[0].Items))
		}
		// The inverted index finds what scoring every pair finds.
		if fast, slow := fmt.Sprint(rows(r)), fmt.Sprint(rows(Levels(a, b, WithExhaustive()))); fast != slow {
			t.Fatalf("indexed alignment %s, exhaustive %s", fast, slow)
		}
	})
}
