package framework

import (
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// checkPlainRun parses src and fails where plainRun's text for a block
// differs from inlineText's, which it stands in for, or where goldmark
// wrote to the source it read.
func checkPlainRun(t *testing.T, src string) (fast int) {
	t.Helper()
	r := &run{src: []byte(src)}
	r.text = string(r.src)
	doc := markdown().Parse(text.NewReader(r.src))
	// parseRun's text shares src's bytes: goldmark must only read them.
	if string(r.src) != r.text {
		t.Fatalf("goldmark wrote to its source %q", src)
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || blockSize(n) > maxInlineBytes {
			return ast.WalkContinue, nil
		}
		if got, ok := r.plainRun(n); ok {
			fast++
			if want := inlineText(n, r.src); got != want {
				t.Fatalf("plainRun gives %q, inlineText %q, for the block at %d of %q", got, want, n.Pos(), src)
			}
		}
		return ast.WalkContinue, nil
	})
	return fast
}

func TestPlainRunAsInlineText(t *testing.T) {
	for _, tc := range []struct {
		src  string
		fast int // blocks plainRun reads
	}{
		{"- Owns the deploy pipeline.\n- Reviews merge requests\n", 2},
		{"## Craft {#craft}\n\nPlain paragraph   with  spaces.\n", 2},
		{"- Uses `code` and *emphasis*\n", 0},
		{"- Escaped \\* star\n- Entity &amp; here\n", 0},
		{"Two lines\nof one paragraph\n", 0},
		{"- [link](https://example.com) text\n", 0},
		{"- Trailing hard break  \n  next\n", 0},
		{"    indented code\n", 0},
	} {
		if got := checkPlainRun(t, tc.src); got != tc.fast {
			t.Errorf("%q: plainRun read %d blocks, want %d", tc.src, got, tc.fast)
		}
	}
}
