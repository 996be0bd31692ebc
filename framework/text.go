package framework

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/ladder-cli/ladder/internal/spaces"
)

// plainText converts inline Markdown to plain text: link and image text
// kept, emphasis, code marks and HTML tags removed, a few entities
// decoded, whitespace collapsed.
func plainText(md string) string {
	if md == "" {
		return ""
	}
	if !hasInlineMarkup(md) {
		return spaces.Collapse(md)
	}
	var b strings.Builder
	b.Grow(len(md))
	n := len(md)
	closing := bracketPairs(md)
	paren, bracket, gt := newFinder(md, ')'), newFinder(md, ']'), newFinder(md, '>')
	for i := 0; i < n; i++ {
		c := md[i]
		switch c {
		case '\\':
			if i+1 < n && isASCIIPunct(md[i+1]) {
				b.WriteByte(md[i+1])
				i++
				continue
			}
			b.WriteByte(c)
		case '!':
			if i+1 < n && md[i+1] == '[' {
				continue // image: keep its alt text
			}
			b.WriteByte(c)
		case '[':
			// [text](target) or [text][ref]: keep text, drop target.
			if end, ok := closing[i]; ok {
				if end+1 < n && md[end+1] == '(' {
					if close := paren.next(end + 1); close > 0 {
						b.WriteString(md[i+1 : end])
						i = close
						continue
					}
				}
				if end+1 < n && md[end+1] == '[' {
					if close := bracket.next(end + 1); close > 0 {
						b.WriteString(md[i+1 : end])
						i = close
						continue
					}
				}
			}
			b.WriteByte(c)
		case '*', '`':
			// Emphasis and code marks carry no text.
		case '_':
			// Underscore emphasis only at word edges; snake_case stays.
			prev, next := byte(' '), byte(' ')
			if i > 0 {
				prev = md[i-1]
			}
			if i+1 < n {
				next = md[i+1]
			}
			if isWordByte(prev) && isWordByte(next) {
				b.WriteByte(c)
			}
		case '<':
			// HTML tag or autolink.
			if k := gt.next(i); k > i {
				j := k - i
				inner := md[i+1 : i+j]
				if strings.Contains(inner, "://") || strings.HasPrefix(inner, "mailto:") {
					b.WriteString(inner)
					i += j
					continue
				}
				if len(inner) > 0 && (isLetter(inner[0]) || inner[0] == '/' || inner[0] == '!') {
					i += j
					continue
				}
			}
			b.WriteByte(c)
		case '&':
			if ent, rep := entity(md[i:]); ent > 0 {
				b.WriteString(rep)
				i += ent - 1
				continue
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return spaces.Collapse(b.String())
}

// hasInlineMarkup reports whether md holds a byte plainText acts on; if
// not, its plain text is md with its spaces collapsed.
func hasInlineMarkup(md string) bool {
	for i := 0; i < len(md); i++ {
		switch md[i] {
		case '\\', '!', '[', '*', '`', '_', '<', '&':
			return true
		}
	}
	return false
}

// finder finds the next occurrence of a byte at or after a position. It
// remembers its last answer, so a text with many openers and no closer
// is scanned once, not once per opener.
type finder struct {
	s        string
	c        byte
	from, at int
}

func newFinder(s string, c byte) *finder { return &finder{s: s, c: c, from: len(s) + 1} }

// next returns the index of the first c at or after i, or -1.
func (f *finder) next(i int) int {
	if i >= f.from && (f.at < 0 || f.at >= i) {
		return f.at
	}
	f.from, f.at = i, -1
	if i < len(f.s) {
		if j := strings.IndexByte(f.s[i:], f.c); j >= 0 {
			f.at = i + j
		}
	}
	return f.at
}

// bracketPairs maps the offset of each "[" to that of its matching "]",
// in one pass with a stack, so text full of brackets stays linear.
func bracketPairs(s string) map[int]int {
	if strings.IndexByte(s, '[') < 0 {
		return nil
	}
	pairs := map[int]int{}
	var open []int
	for j := 0; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '[':
			open = append(open, j)
		case ']':
			if len(open) > 0 {
				pairs[open[len(open)-1]] = j
				open = open[:len(open)-1]
			}
		}
	}
	return pairs
}

var entities = [...][2]string{
	{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
	{"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", " "}, {"&mdash;", "—"},
	{"&ndash;", "–"}, {"&hellip;", "…"}, {"&rsquo;", "’"}, {"&lsquo;", "‘"},
}

func entity(s string) (int, string) {
	for _, e := range entities {
		if strings.HasPrefix(s, e[0]) {
			return len(e[0]), e[1]
		}
	}
	return 0, ""
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isWordByte(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c >= 0x80
}

// inlineText is the plain text of a parsed block as a reader sees it:
// text of links and images kept, emphasis, code marks and raw HTML
// removed, escapes and entities resolved, whitespace collapsed.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			// The buffer ends at the segment: Value appends a newline to
			// a segment marked ForceNewline, and must not write it into
			// the source, which the run's text shares (parseRun).
			v := c.Segment.Value(src[:c.Segment.Stop:c.Segment.Stop])
			if !c.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return spaces.Collapse(b.String())
}
