package framework

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// describe writes a goldmark tree as text: each node's kind, position,
// lines and, for text, its segment and breaks, indented by depth.
func describe(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		depth := 0
		for p := n.Parent(); p != nil; p = p.Parent() {
			depth++
		}
		fmt.Fprintf(&b, "%s%s", strings.Repeat("  ", depth), n.Kind())
		if n.Type() == ast.TypeBlock {
			fmt.Fprintf(&b, " pos=%d blank=%v lines=", n.Pos(), n.HasBlankPreviousLines())
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				fmt.Fprintf(&b, "[%d %d %d %q]", seg.Start, seg.Stop, seg.Padding, seg.Value(src))
			}
		}
		if l, ok := n.(*ast.Link); ok {
			fmt.Fprintf(&b, " dest=%q title=%q", l.Destination, l.Title)
		}
		if t, ok := n.(*ast.Text); ok {
			fmt.Fprintf(&b, " %q soft=%v hard=%v raw=%v", t.Segment.Value(src), t.SoftLineBreak(), t.HardLineBreak(), t.IsRaw())
		}
		b.WriteByte('\n')
		return ast.WalkContinue, nil
	})
	return b.String()
}

// checkAsGoldmark fails where markdown's tree of src differs from the
// tree of the same parser with goldmark's own paragraph parser and
// paragraph transformers (paragraphOpener, linkRefs).
func checkAsGoldmark(t *testing.T, src string) {
	t.Helper()
	goldmark := newMarkdown(parser.DefaultBlockParsers(), parser.DefaultParagraphTransformers())
	want := describe(goldmark.Parse(text.NewReader([]byte(src))), []byte(src))
	got := describe(markdown().Parse(text.NewReader([]byte(src))), []byte(src))
	if got != want {
		t.Fatalf("tree of %q:\n%s\ngoldmark's own parsers give:\n%s", src, got, want)
	}
}

func TestWrappersAsGoldmark(t *testing.T) {
	for _, src := range []string{
		"",
		"One paragraph.\n",
		"Two lines\nof one paragraph  \n\nand a second.\n",
		"   Indented start\n  continued\n",
		"- Owns the deploy pipeline.\n- Reviews merge requests\n\n  with a second paragraph.\n",
		"## Craft {#craft}\n\nText under it.\nSetext heading\n---\n",
		"[ref]: https://example.com\n\nUses [ref] and *emphasis*.\n",
		"   [a]: /b 'title'\n[c]:\n  /d\nthen text [a] [c]\n",
		"text first\n[a]: /b\n\n[a]\n",
		"- [a]: /in-an-item\n- uses [a]\n\n> [q]: /quoted\n> [q]\n",
		"[not a definition] of anything\n",
		"\t[tab]: /x\n\n[tab]\n",
		"> Quoted\nlazy continuation\n\n    code\n\n<div>\nhtml\n</div>\n",
		"1. First\n2. Second\n   - nested\n\n     loose\n",
		"Trailing spaces   \n\t\n",
	} {
		checkAsGoldmark(t, src)
	}
	// The wrappers are in use: otherwise the comparison proves nothing.
	opened := 0
	for _, v := range blockParsers() {
		if _, ok := v.Value.(paragraphOpener); ok {
			opened++
		}
	}
	guarded := 0
	for _, v := range paragraphTransformers() {
		if _, ok := v.Value.(linkRefs); ok {
			guarded++
		}
	}
	if opened != 1 || guarded != 1 {
		t.Fatalf("markdown has %d paragraph openers and %d guarded link reference transformers, want 1 and 1", opened, guarded)
	}
}

// FuzzMarkdown holds markdown's invariants on any page: its trees equal
// goldmark's own parsers' (checkAsGoldmark), and plainRun's text is
// inlineText's (checkPlainRun).
func FuzzMarkdown(f *testing.F) {
	f.Add("- Owns the deploy pipeline.\n- x *y*\n")
	f.Add("# Head {#id}\ntext &amp; more\\\n")
	f.Add("Para\n===\n\n[a]: /b\n> q\nlazy\n")
	f.Add("  [x]:\n/y \"t\"\n\n[x] [z]\n")
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		checkAsGoldmark(t, src)
		checkPlainRun(t, src)
	})
}
