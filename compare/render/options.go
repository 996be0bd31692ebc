// Package render writes levels, comparisons, promotion gaps and framework
// diffs as terminal tables, Markdown or JSON. Each format is its own
// writer over an io.Writer; the caller decides width and colour, nothing
// here looks at the terminal.
package render

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Options are what the caller knows about the output.
type Options struct {
	// Width is the width to wrap tables to; 0 means 100 columns.
	Width int
	// Color enables ANSI colours in table and text output.
	Color bool
}

func (o Options) width() int {
	if o.Width <= 0 {
		return 100
	}
	if o.Width < 40 {
		return 40
	}
	return o.Width
}

// ANSI colours.
const (
	ansiReset = "\x1b[0m"
	ansiRed   = "\x1b[31m"
	ansiGreen = "\x1b[32m"
	ansiYel   = "\x1b[33m"
	ansiCyan  = "\x1b[36m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
	ansiStrk  = "\x1b[9m"
)

func (o Options) paint(code, s string) string {
	if !o.Color || s == "" || code == "" {
		return s
	}
	return code + s + ansiReset
}

// newTable makes a table that draws cells as given: grid.write has
// already fitted and wrapped them.
func newTable(w io.Writer) *tablewriter.Table {
	opts := []tablewriter.Option{
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithEastAsian(false),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleLight)})),
	}
	return tablewriter.NewTable(w, opts...)
}

// termSafe neutralizes control characters (terminal escape sequences
// among them) in framework text before it reaches a terminal.
func termSafe(s string) string {
	if !needsTermClean(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == utf8.RuneError:
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			b.WriteRune('�')
		case r == '\u200e' || r == '\u200f' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069'):
			// Bidirectional controls could reorder the table around them.
			b.WriteRune('�')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsTermClean(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 ||
			r == '\u200e' || r == '\u200f' || r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' {
			return true
		}
	}
	return false
}

// mdText escapes text for Markdown outside tables: raw HTML and
// control characters cannot get through.
func mdText(s string) string {
	s = termSafe(s)
	if !strings.ContainsAny(s, "<>&") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdSource makes Markdown written by the framework's authors safe to
// pass on: no raw HTML ("<" and ">" become entities), no control characters;
// entities and Markdown syntax are kept as the author wrote them.
func mdSource(s string) string {
	return neuterLinks(htmlAngles.Replace(termSafe(s)))
}

var htmlAngles = strings.NewReplacer("<", "&lt;", ">", "&gt;")

// neuterLinks disarms link targets that run code when clicked in a
// renderer that does not sanitize ("javascript:", "vbscript:", "data:").
func neuterLinks(s string) string {
	lower := strings.ToLower(s)
	if !strings.Contains(lower, "script:") && !strings.Contains(lower, "data:") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "](")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i+2])
		s = s[i+2:]
		t := strings.ToLower(strings.TrimLeft(s, " <"))
		for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
			if strings.HasPrefix(t, scheme) {
				b.WriteString("#unsafe-link-")
				break
			}
		}
	}
}

// TermSafe neutralizes control characters and terminal escape sequences
// in text bound for a terminal; callers printing framework text outside
// the writers here (messages, warnings) use it too.
func TermSafe(s string) string { return termSafe(s) }

// mdPlain escapes plain text so Markdown shows it as written, on one
// line (a newline in a name would end a heading or a list item).
func mdPlain(s string) string {
	s = strings.ReplaceAll(mdText(s), "\n", " ")
	if !strings.ContainsAny(s, "\\`*_[]#|~-+") {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '#', '|', '~':
			b.WriteByte('\\')
		case '-', '+':
			if i == 0 {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCell makes text safe inside a Markdown table cell: pipes escaped,
// newlines folded, no raw HTML.
func mdCell(s string) string {
	s = mdPlain(s)
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.TrimFunc(s, unicode.IsSpace)
}
