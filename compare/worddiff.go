package compare

import (
	"strings"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Op is one operation of a word diff.
type Op struct {
	// Op is "equal", "insert" or "delete".
	Op string `json:"op"`
	// Text is the text the operation covers.
	Text string `json:"text"`
}

// Diff operations.
const (
	OpEqual  = "equal"
	OpInsert = "insert"
	OpDelete = "delete"
)

// maxTokens is how many distinct tokens fit the private-use planes.
const maxTokens = 0x10FFFD - 0xF0000

const overflow = rune(0x10FFFD)

// WordDiff diffs two texts word by word: each word (and each run of
// spaces or punctuation) is mapped to one rune, as DiffLinesToChars does
// for lines, so a diff never splits a word; then a semantic cleanup
// merges small equalities into readable edits.
func WordDiff(from, to string) []Op {
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
		for _, tok := range tokenize(s) {
			r, ok := tokens[tok]
			if !ok && len(table) >= maxTokens {
				r, ok = overflow, true
			}
			if !ok {
				// Runes from the Private Use planes cannot clash with text
				// and go-diff treats each as one unit.
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
		// More distinct words than runes to map them to: say it whole.
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

// tokenize splits text into words, runs of whitespace and single
// punctuation marks; joined back they give the text unchanged.
func tokenize(s string) []string {
	var out []string
	start := -1
	kind := 0 // 1 word, 2 space
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
