package compare

import (
	"strings"
	"unicode"
	"unicode/utf8"

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

// tokenBase is the rune of the first distinct token: runes from the
// Private Use planes cannot clash with text and go-diff treats each as
// one unit.
const tokenBase = rune(0xF0000)

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
	// Token boundaries: ends[k] is where token k ends; from's tokens
	// first, then to's.
	var endsBuf [192]int
	ends := appendTokenEnds(endsBuf[:0], from)
	na := len(ends)
	ends = appendTokenEnds(ends, to)
	runes, ok := encodeTokens(from, to, ends, na)
	if !ok {
		// More distinct words than runes to map them to: say it whole.
		return []Op{{OpDelete, from}, {OpInsert, to}}
	}
	a, b := runes[:na:na], runes[na:]
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	diffs := dmp.DiffMainRunes(a, b, false)
	diffs = dmp.DiffCleanupSemantic(diffs)
	if out, ok := opsFromDiffs(diffs, from, to, ends, runes, na); ok {
		return out
	}
	return opsFromTable(diffs, from, to, ends, runes, na)
}

// tokenAt is token k of ends (from's tokens are 0..na-1, to's follow).
func tokenAt(from, to string, ends []int, na, k int) string {
	s, first := from, 0
	if k >= na {
		s, first = to, na
	}
	start := 0
	if k > first {
		start = ends[k-1]
	}
	return s[start:ends[k]]
}

// encodeTokens gives each token one rune, the same rune to equal tokens:
// tokenBase for the first distinct token, tokenBase+1 for the next. It
// reports false when there are maxTokens distinct tokens or more (the
// last rune, 0x10FFFD, is never given).
func encodeTokens(from, to string, ends []int, na int) ([]rune, bool) {
	n := len(ends)
	// An open-addressing table of token positions (+1; 0 is empty),
	// at most half full; int32 positions, on the stack, for the texts
	// of items.
	size := 16
	for size < 2*n {
		size *= 2
	}
	if size > 1<<30 {
		return encodeTokensIn(make([]int, size), from, to, ends, na)
	}
	var slotsBuf [512]int32
	if size <= len(slotsBuf) {
		return encodeTokensIn(slotsBuf[:size], from, to, ends, na)
	}
	return encodeTokensIn(make([]int32, size), from, to, ends, na)
}

func encodeTokensIn[P int32 | int](slots []P, from, to string, ends []int, na int) ([]rune, bool) {
	n := len(ends)
	runes := make([]rune, n)
	mask := uint(len(slots) - 1)
	distinct := 0
	for k := 0; k < n; k++ {
		tok := tokenAt(from, to, ends, na, k)
		// FNV-1a.
		h := uint32(2166136261)
		for i := 0; i < len(tok); i++ {
			h = (h ^ uint32(tok[i])) * 16777619
		}
		for i := uint(h) & mask; ; i = (i + 1) & mask {
			p := int(slots[i])
			if p == 0 {
				if distinct+1 >= maxTokens {
					return nil, false
				}
				slots[i] = P(k + 1)
				runes[k] = tokenBase + rune(distinct)
				distinct++
				break
			}
			if tokenAt(from, to, ends, na, p-1) == tok {
				runes[k] = runes[p-1]
				break
			}
		}
	}
	return runes, true
}

// opsFromDiffs turns go-diff's diffs back into text: each diff's runes
// are checked against the tokens they stand for, in order, and its text
// is the span of from (equal, delete) or to (insert) those tokens cover.
// It reports false if the diffs do not spell out both token sequences.
func opsFromDiffs(diffs []diffmatchpatch.Diff, from, to string, ends []int, runes []rune, na int) ([]Op, bool) {
	out := make([]Op, 0, len(diffs))
	ia, ib := 0, na // next token of from, of to
	offset := func(k, first int) int {
		if k == first {
			return 0
		}
		return ends[k-1]
	}
	for _, d := range diffs {
		var text, op string
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			k, ok := matchRunes(d.Text, runes[ia:na])
			if !ok || !runesEqualAt(runes, ia, ib, k) {
				return nil, false
			}
			text, op = from[offset(ia, 0):offset(ia+k, 0)], OpEqual
			ia, ib = ia+k, ib+k
		case diffmatchpatch.DiffDelete:
			k, ok := matchRunes(d.Text, runes[ia:na])
			if !ok {
				return nil, false
			}
			text, op = from[offset(ia, 0):offset(ia+k, 0)], OpDelete
			ia += k
		case diffmatchpatch.DiffInsert:
			k, ok := matchRunes(d.Text, runes[ib:])
			if !ok {
				return nil, false
			}
			text, op = to[offset(ib, na):offset(ib+k, na)], OpInsert
			ib += k
		default:
			return nil, false
		}
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += text
			continue
		}
		out = append(out, Op{op, text})
	}
	return out, ia == na && ib == len(runes)
}

// matchRunes reports whether text, decoded, begins want, and how many
// runes it has.
func matchRunes(text string, want []rune) (int, bool) {
	k := 0
	for _, r := range text {
		if k >= len(want) || want[k] != r {
			return 0, false
		}
		k++
	}
	return k, true
}

// runesEqualAt reports whether runes[i:i+k] and runes[j:j+k] are equal.
func runesEqualAt(runes []rune, i, j, k int) bool {
	if j+k > len(runes) {
		return false
	}
	for x := 0; x < k; x++ {
		if runes[i+x] != runes[j+x] {
			return false
		}
	}
	return true
}

// opsFromTable is the general way back from runes to text, through a
// table of the distinct tokens; WordDiff needs it only if go-diff's
// diffs did not spell out the token sequences.
func opsFromTable(diffs []diffmatchpatch.Diff, from, to string, ends []int, runes []rune, na int) []Op {
	table := map[rune]string{}
	for k, r := range runes {
		if _, ok := table[r]; !ok {
			table[r] = tokenAt(from, to, ends, na, k)
		}
	}
	out := make([]Op, 0, len(diffs))
	for _, d := range diffs {
		var sb strings.Builder
		for _, r := range d.Text {
			sb.WriteString(table[r])
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

// appendTokenEnds appends to ends where each token of s ends. A token is
// a word (letters, digits, combining marks, apostrophes, and hyphens
// after the first of those), a run of whitespace, or any other single
// rune; a byte that is not UTF-8 is a token of its own.
func appendTokenEnds(ends []int, s string) []int {
	for i := 0; i < len(s); {
		k, size := tokenKind(s, i)
		if k == tokHyphen {
			k = tokOther // a hyphen is a word's only inside one
		}
		j := i + size
		switch k {
		case tokWord:
			for j < len(s) {
				if c := s[j]; byteClass[c]&(cu|cl|ci) != 0 { // ASCII letter, digit, ' or -
					j++
					continue
				}
				kk, size := tokenKind(s, j)
				if kk != tokWord && kk != tokHyphen {
					break
				}
				j += size
			}
		case tokSpace:
			for j < len(s) {
				if byteClass[s[j]]&cs != 0 {
					j++
					continue
				}
				kk, size := tokenKind(s, j)
				if kk != tokSpace {
					break
				}
				j += size
			}
		}
		ends = append(ends, j)
		i = j
	}
	return ends
}

// Token kinds of a rune.
const (
	tokWord   = iota + 1 // letter, digit, combining mark, apostrophe
	tokSpace             // white space
	tokOther             // anything else
	tokHyphen            // -, which is tokWord inside a word, tokOther elsewhere
)

// tokenKind is the kind of the rune at s[i], and its size.
func tokenKind(s string, i int) (kind, size int) {
	c := s[i]
	if k := byteClass[c]; k&cx == 0 {
		switch {
		case k&(cu|cl) != 0 || c == '\'':
			return tokWord, 1
		case k&cs != 0:
			return tokSpace, 1
		case c == '-':
			return tokHyphen, 1
		}
		return tokOther, 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	switch {
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '’':
		return tokWord, size
	case unicode.IsSpace(r):
		return tokSpace, size
	}
	return tokOther, size
}
