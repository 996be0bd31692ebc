package render

import (
	"strings"
	"testing"
)

// wrapSpansRef is wrapSpans as first written, word structs and all: the
// reference the faster one must match.
func wrapSpansRef(spans []span, width int, o Options) string {
	type word struct {
		text  string
		style string
	}
	var lines [][]word
	var cur []word
	curW := 0
	newline := func() {
		lines = append(lines, cur)
		cur, curW = nil, 0
	}
	for _, sp := range spans {
		parts := strings.Split(sp.text, "\n")
		for pi, part := range parts {
			if pi > 0 {
				newline()
			}
			// Keep whether the span starts or ends in the middle of a word,
			// so "re" + "worded" stays one word.
			fields := strings.Fields(part)
			lead := ""
			if pi > 0 {
				lead = part[:len(part)-len(strings.TrimLeft(part, " "))]
				// An indent takes at most half the column, so that the
				// line keeps room for its words.
				lead = lead[:min(len(lead), max(width/2-1, 0))]
			}
			glueStart := part != "" && !isSpaceByte(part[0])
			for fi, f := range fields {
				w := textWidth(f)
				if fi == 0 && glueStart && len(cur) > 0 && !strings.HasSuffix(cur[len(cur)-1].text, " ") && curW+w <= width {
					cur = append(cur, word{f, sp.style})
					curW += w
					continue
				}
				if curW > 0 && curW+1+w > width {
					newline()
				}
				if curW == 0 && len(cur) == 0 && lead != "" {
					cur = append(cur, word{lead, ""})
					curW += len(lead)
				}
				if curW > 0 && cur[len(cur)-1].text != " " {
					cur = append(cur, word{" ", ""})
					curW++
				}
				for curW+w > width && width > curW {
					// A word longer than the room left: break it.
					cut := cutWidth(f, width-curW)
					if cut == 0 {
						break // one character wider than the room
					}
					cur = append(cur, word{f[:cut], sp.style})
					newline()
					f = f[cut:]
					w = textWidth(f)
				}
				cur = append(cur, word{f, sp.style})
				curW += w
			}
			if part != "" && isSpaceByte(part[len(part)-1]) && len(cur) > 0 {
				cur = append(cur, word{" ", ""})
				curW++
			}
		}
	}
	lines = append(lines, cur)
	var b strings.Builder
	for i, ln := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		var lb strings.Builder
		for _, w := range ln {
			lb.WriteString(o.paint(w.style, w.text))
		}
		b.WriteString(strings.TrimRight(lb.String(), " "))
	}
	return b.String()
}

func wrapCases() []struct {
	spans []span
	width int
} {
	s := func(parts ...string) []span {
		var out []span
		for i := 0; i+1 < len(parts); i += 2 {
			out = append(out, span{text: parts[i], style: parts[i+1]})
		}
		return out
	}
	return []struct {
		spans []span
		width int
	}{
		{s("", ""), 10},
		{s("Owns the on-call rotation for their service.", ""), 12},
		{s("re", ansiRed, "worded", ansiGreen, " text here", ""), 8},
		{s("line one\n  indented two\nthree", ""), 20},
		{s("averyveryverylongwordthatdoesnotfit end", ""), 7},
		{s("trailing spaces   ", "", "\n", ""), 10},
		{s("tab\tseparated\u00a0nbsp and\u3000ideographic", ansiCyan), 9},
		{s("日本語のテキストと English words", ""), 6},
		{s("x", ansiRed, " ", "", "y", ansiGreen), 1},
		{s("deleted", ansiRed, "inserted", ansiGreen), 0},
	}
}

func TestWrapSpansMatchesReference(t *testing.T) {
	for _, tc := range wrapCases() {
		for _, color := range []bool{false, true} {
			o := Options{Color: color}
			if got, want := wrapSpans(tc.spans, tc.width, o), wrapSpansRef(tc.spans, tc.width, o); got != want {
				t.Errorf("wrapSpans(%q, %d, color %v) =\n%q\nwant\n%q", tc.spans, tc.width, color, got, want)
			}
		}
	}
}

// FuzzWrapSpans holds wrapSpans to the reference on any text, split into
// two styled spans at any point.
func FuzzWrapSpans(f *testing.F) {
	for _, tc := range wrapCases() {
		var b strings.Builder
		for _, sp := range tc.spans {
			b.WriteString(sp.text)
		}
		f.Add(b.String(), uint8(len(b.String())/2), uint8(tc.width), true)
	}
	f.Fuzz(func(t *testing.T, text string, cut, width uint8, color bool) {
		c := min(int(cut), len(text))
		spans := []span{{text: text[:c], style: ansiRed}, {text: text[c:], style: ""}}
		o := Options{Color: color}
		if got, want := wrapSpans(spans, int(width), o), wrapSpansRef(spans, int(width), o); got != want {
			t.Fatalf("wrapSpans(%q, %d) =\n%q\nwant\n%q", spans, width, got, want)
		}
		if got, want := textWidth(text), narrow.StringWidth(text); got != want {
			t.Fatalf("textWidth(%q) = %d; runewidth says %d", text, got, want)
		}
	})
}

// TestTextWidthASCII checks the printable-ASCII fast path against
// runewidth, on the edges of the range and beyond.
func TestTextWidthASCII(t *testing.T) {
	for _, s := range []string{"", " ", "~", "Owns the on-call rotation.", "a\tb", "a\x7fb", "a\x1b[31mb", "é", "日本", "a\u0301", "👍🏽", "\u200b"} {
		if got, want := textWidth(s), narrow.StringWidth(s); got != want {
			t.Errorf("textWidth(%q) = %d; runewidth says %d", s, got, want)
		}
	}
}
