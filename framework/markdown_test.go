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
		if t, ok := n.(*ast.Text); ok {
			fmt.Fprintf(&b, " %q soft=%v hard=%v raw=%v", t.Segment.Value(src), t.SoftLineBreak(), t.HardLineBreak(), t.IsRaw())
		}
		b.WriteByte('\n')
		return ast.WalkContinue, nil
	})
	return b.String()
}

// checkParagraphOpener fails where markdown's tree of src differs from
// the tree of the same parser with goldmark's own paragraph parser.
func checkParagraphOpener(t *testing.T, src string) {
	t.Helper()
	goldmark := newMarkdown(parser.DefaultBlockParsers())
	want := describe(goldmark.Parse(text.NewReader([]byte(src))), []byte(src))
	got := describe(markdown().Parse(text.NewReader([]byte(src))), []byte(src))
	if got != want {
		t.Fatalf("tree of %q:\n%s\ngoldmark's paragraph parser gives:\n%s", src, got, want)
	}
}

func TestParagraphOpenerAsGoldmark(t *testing.T) {
	for _, src := range []string{
		"",
		"One paragraph.\n",
		"Two lines\nof one paragraph  \n\nand a second.\n",
		"   Indented start\n  continued\n",
		"- Owns the deploy pipeline.\n- Reviews merge requests\n\n  with a second paragraph.\n",
		"## Craft {#craft}\n\nText under it.\nSetext heading\n---\n",
		"[ref]: https://example.com\n\nUses [ref] and *emphasis*.\n",
		"> Quoted\nlazy continuation\n\n    code\n\n<div>\nhtml\n</div>\n",
		"1. First\n2. Second\n   - nested\n\n     loose\n",
		"Trailing spaces   \n\t\n",
	} {
		checkParagraphOpener(t, src)
	}
	// The opener is in use: otherwise the comparison proves nothing.
	opened := 0
	for _, v := range blockParsers() {
		if _, ok := v.Value.(paragraphOpener); ok {
			opened++
		}
	}
	if opened != 1 {
		t.Fatalf("markdown's block parsers have %d paragraph openers, want 1", opened)
	}
}

func FuzzParagraphOpener(f *testing.F) {
	f.Add("- Owns the deploy pipeline.\n- x *y*\n")
	f.Add("Para\n===\n\n[a]: /b\n> q\nlazy\n")
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		checkParagraphOpener(t, src)
	})
}
