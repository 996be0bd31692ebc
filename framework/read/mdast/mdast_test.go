package mdast

import (
	"strings"
	"testing"

	"github.com/ladder-cli/ladder/framework"
	"github.com/yuin/goldmark/ast"
)

func TestTameLine(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"- item", "- item"},
		{strings.Repeat("> ", 20) + "x", strings.Repeat("> ", 16) + " x"},
		{strings.Repeat("- ", 18) + "x", strings.Repeat("- ", 16) + "x"},
		{strings.Repeat("1. ", 17) + "x", strings.Repeat("1. ", 16) + "x"},
		{strings.Repeat(" ", 100) + "- x", strings.Repeat(" ", 8) + "- x"},
		{"-not a marker", "-not a marker"},
	} {
		if got := string(tameLine([]byte(c.in), 8, 16)); got != c.want {
			t.Errorf("tameLine(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Containers nested far past the limit on one line (which goldmark's
// cost grows with) parse into at most the nesting limit, text kept.
func TestDeepContainersFold(t *testing.T) {
	for _, marker := range []string{"> ", "- ", "1. "} {
		src := "- " + strings.Repeat(marker, 200000) + "deep text\n"
		d := Parse([]byte(src), "d.md", 1, framework.DefaultLimits)
		found := false
		ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if t, ok := n.(*ast.Text); ok && entering && strings.Contains(string(t.Segment.Value(d.Src)), "deep text") {
				found = true
			}
			return ast.WalkContinue, nil
		})
		if !found {
			t.Errorf("%q: text lost", marker)
		}
		depth, max := 0, 0
		for n := d.Root.FirstChild(); n != nil; n = n.FirstChild() {
			depth++
			max = depth
		}
		if max > 2*16+4 {
			t.Errorf("%q: nests %d deep", marker, max)
		}
	}
}

func TestEscapeDelims(t *testing.T) {
	var d delims
	line := []byte(strings.Repeat("[", 300) + "x" + strings.Repeat("*", 100))
	got := string(escapeDelims(line, &d))
	if strings.Count(got, "\\[") != 300-maxDelims || d.bracket != 300 || strings.Contains(got, "\\*") {
		t.Errorf("escaped %d brackets (count %d), want %d; stars untouched", strings.Count(got, "\\["), d.bracket, 300-maxDelims)
	}
	doc := Parse([]byte("- "+strings.Repeat("[x](", 20000)+"\n"), "b.md", 1, framework.DefaultLimits)
	if doc.Root.FirstChild() == nil {
		t.Error("nothing parsed")
	}
}

// A run of a million "*" on each side nested emphasis half a million
// deep, and walking the tree overflowed the stack; past the budget the
// stars are plain text.
func TestEmphasisRunIsShallow(t *testing.T) {
	run := strings.Repeat("*", 1000000)
	d := Parse([]byte("- "+run+"x"+run+"\n"), "e.md", 1, framework.DefaultLimits)
	text := d.Text(d.Root.FirstChild().FirstChild())
	if !strings.Contains(text, "x") || !strings.Contains(text, "***") {
		t.Errorf("text %.40q…", text)
	}
	depth := 0
	ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*ast.Emphasis); ok && entering {
			depth++
		}
		return ast.WalkContinue, nil
	})
	if depth > maxDelims {
		t.Errorf("%d emphasis nodes", depth)
	}
}
