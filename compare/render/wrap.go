package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// narrow measures text in terminal columns with East Asian ambiguous
// characters as narrow, whatever the locale: output must not depend on
// the environment.
var narrow = func() *runewidth.Condition {
	c := runewidth.NewCondition()
	c.EastAsianWidth = false
	return c
}()

func textWidth(s string) int {
	// Printable ASCII is one column a byte; grapheme segmentation, which
	// runewidth does for every string, is only needed beyond it.
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return narrow.StringWidth(s)
		}
	}
	return len(s)
}

// span is a run of text with one style.
type span struct {
	text  string
	style string // ANSI code, "" for plain
}

// wrapSpans wraps styled text at word boundaries to width columns and
// paints each word, so a colour never spans a line break of the table.
func wrapSpans(spans []span, width int, o Options) string {
	type word struct {
		text  string
		style string
	}
	var out []byte
	var cur []word // the line being filled, reused from line to line
	curW := 0
	started := false
	newline := func() {
		// The line's trailing spaces are dropped: they are whole words
		// of spaces, never painted.
		n := len(cur)
		for n > 0 && strings.Trim(cur[n-1].text, " ") == "" {
			n--
		}
		if started {
			out = append(out, '\n')
		}
		started = true
		for _, w := range cur[:n] {
			if o.Color && w.style != "" && w.text != "" {
				out = append(out, w.style...)
				out = append(out, w.text...)
				out = append(out, ansiReset...)
			} else {
				out = append(out, w.text...)
			}
		}
		cur, curW = cur[:0], 0
	}
	for _, sp := range spans {
		rest := sp.text
		for pi := 0; ; pi++ {
			part := rest
			nl := strings.IndexByte(rest, '\n')
			if nl >= 0 {
				part, rest = rest[:nl], rest[nl+1:]
			}
			if pi > 0 {
				newline()
			}
			// Keep whether the span starts or ends in the middle of a word,
			// so "re" + "worded" stays one word.
			lead := ""
			if pi > 0 {
				lead = part[:len(part)-len(strings.TrimLeft(part, " "))]
				// An indent takes at most half the column, so that the
				// line keeps room for its words.
				lead = lead[:min(len(lead), max(width/2-1, 0))]
			}
			glueStart := part != "" && !isSpaceByte(part[0])
			for fi, f := range fieldsOf(part) {
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
			if nl < 0 {
				break
			}
		}
	}
	newline()
	return string(out)
}

// fieldsOf iterates over the fields of s as strings.Fields splits them.
func fieldsOf(s string) func(yield func(int, string) bool) {
	return func(yield func(int, string) bool) {
		n := 0
		for i := 0; i < len(s); {
			r, size := rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
			if unicode.IsSpace(r) {
				i += size
				continue
			}
			j := i + size
			for j < len(s) {
				r, size := rune(s[j]), 1
				if r >= utf8.RuneSelf {
					r, size = utf8.DecodeRuneInString(s[j:])
				}
				if unicode.IsSpace(r) {
					break
				}
				j += size
			}
			if !yield(n, s[i:j]) {
				return
			}
			n++
			i = j
		}
	}
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' }

// cutWidth returns the byte index where s reaches width columns.
func cutWidth(s string, width int) int {
	w := 0
	for i, r := range s {
		rw := 1
		if r < 0x20 || r > 0x7e {
			rw = textWidth(string(r))
		}
		if w+rw > width && i > 0 {
			return i
		}
		w += rw
	}
	return len(s)
}

// wrap wraps plain text to width.
func wrap(s string, width int) string { return wrapSpans([]span{{text: s}}, width, Options{}) }

// fitColumns shares the table width among columns. natural are the
// widths the columns want; flex columns shrink to fit, the others keep
// their natural width.
func fitColumns(total int, natural []int, flex []bool) []int {
	out := append([]int(nil), natural...)
	avail := total - (3*len(natural) + 1)
	fixed, flexSum := 0, 0
	for i, n := range natural {
		if flex[i] {
			flexSum += n
		} else {
			fixed += n
		}
	}
	room := avail - fixed
	if flexSum <= room || flexSum == 0 {
		return out
	}
	// Each flex column keeps up to 12 columns; the rest of the room is
	// shared in proportion to what the columns want beyond that.
	const floor = 12
	base, want := 0, 0
	for i, n := range natural {
		if flex[i] {
			base += min(n, floor)
			want += n - min(n, floor)
		}
	}
	spare := max(room-base, 0)
	for i, n := range natural {
		if flex[i] {
			out[i] = min(n, floor)
			if want > 0 {
				out[i] += (n - min(n, floor)) * spare / want
			}
		}
	}
	return out
}

// exactFit makes the column widths add up to exactly room when the
// columns' natural widths do not fit in it (else it returns the natural
// widths): columns too wide shrink — flex columns to their floor (their
// longest word) first, then the others to theirs, then any column down to
// one character (long words are broken) — and columns narrower than they
// want grow, flex columns first, to fill what fitColumns left over.
func exactFit(room int, natural, floors, widths []int, flex []bool) []int {
	out := append([]int(nil), widths...)
	sum := func() int {
		s := 0
		for _, w := range out {
			s += w
		}
		return s
	}
	nat := 0
	for _, w := range natural {
		nat += w
	}
	if nat <= room {
		return append([]int(nil), natural...)
	}
	// Shrink, one column at a time from the widest, in three passes.
	pass := func(limit func(i int) int, eligible func(i int) bool) {
		for sum() > room {
			best := -1
			for i := range out {
				if eligible(i) && out[i] > limit(i) && (best < 0 || out[i] > out[best]) {
					best = i
				}
			}
			if best < 0 {
				return
			}
			out[best]--
		}
	}
	floor := func(i int) int { return max(1, min(floors[i], natural[i])) }
	pass(floor, func(i int) bool { return flex[i] })
	pass(floor, func(i int) bool { return true })
	pass(func(int) int { return 1 }, func(i int) bool { return true })
	// Grow, giving each column in turn one more, flex columns first.
	for _, wantFlex := range []bool{true, false} {
		for grew := true; grew && sum() < room; {
			grew = false
			for i := range out {
				if sum() < room && flex[i] == wantFlex && out[i] < natural[i] {
					out[i]++
					grew = true
				}
			}
		}
	}
	return out
}

// maxWidth is the widest line of s.
func maxWidth(s string) int {
	m := 0
	for _, ln := range strings.Split(s, "\n") {
		if w := textWidth(ln); w > m {
			m = w
		}
	}
	return m
}

// grid is a table whose cells are wrapped here, to fitted column widths,
// before tablewriter draws it.
type grid struct {
	header []string
	rows   [][][]span
	flex   []bool
	merge  bool
}

func (g *grid) add(cells ...[]span) { g.rows = append(g.rows, cells) }

func plain(s string) []span { return []span{{text: s}} }

func (g *grid) write(w interface{ Write([]byte) (int, error) }, o Options) error {
	n := len(g.header)
	natural := make([]int, n)
	for i, h := range g.header {
		natural[i] = textWidth(h)
	}
	for _, r := range g.rows {
		for i, c := range r {
			var sb strings.Builder
			for _, sp := range c {
				sb.WriteString(sp.text)
			}
			if m := maxWidth(sb.String()); m > natural[i] {
				natural[i] = m
			}
		}
	}
	// No word of a flex column is broken if the room allows: its longest
	// word (up to 20 columns) is its floor.
	floors := make([]int, n)
	for _, r := range g.rows {
		for i, c := range r {
			for _, sp := range c {
				for _, f := range strings.Fields(sp.text) {
					floors[i] = max(floors[i], min(textWidth(f), 20))
				}
			}
		}
	}
	for i, h := range g.header {
		for _, f := range strings.Fields(h) {
			floors[i] = max(floors[i], min(textWidth(f), 20))
		}
	}
	widths := fitColumns(o.width(), natural, g.flex)
	for i := range widths {
		widths[i] = max(widths[i], min(floors[i], natural[i]))
	}
	widths = exactFit(o.width()-(3*n+1), natural, floors, widths, g.flex)
	t := newTable(w)
	hdr := make([]any, n)
	for i, h := range g.header {
		// One line (tablewriter sizes a header by its unwrapped text): cut
		// with "…" when too wide, padded to the column's width so that the
		// column is exactly as wide as fitted even when no cell fills it.
		hw := h
		if textWidth(hw) > widths[i] {
			hw = hw[:cutWidth(hw, max(widths[i]-1, 0))] + "…"
		}
		hdr[i] = hw + strings.Repeat(" ", max(widths[i]-textWidth(hw), 0))
	}
	t.Header(hdr...)
	prevFirst := ""
	for ri, r := range g.rows {
		row := make([]any, n)
		// Merged first column: a value shows only where it changes.
		if g.merge && len(r) > 0 {
			first := spansText(r[0])
			if ri > 0 && first == prevFirst {
				r = append([][]span{plain("")}, r[1:]...)
			}
			prevFirst = first
		}
		for i := range row {
			if i < len(r) {
				row[i] = wrapSpans(r[i], widths[i], o)
			} else {
				row[i] = ""
			}
		}
		if err := t.Append(row...); err != nil {
			return err
		}
	}
	return t.Render()
}

func spansText(ss []span) string {
	var b strings.Builder
	for _, sp := range ss {
		b.WriteString(sp.text)
	}
	return b.String()
}
