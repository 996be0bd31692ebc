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
