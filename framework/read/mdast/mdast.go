// Package mdast parses Markdown with goldmark, the parser Hugo renders
// pages with, and gives the framework readers what they need of its
// syntax tree: headings and their text, list items as framework items,
// and the source line of every node.
package mdast

import (
	"bytes"
	"html"
	"sort"
	"strings"
	"sync"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/read/input"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	goldmarkparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Doc is a parsed Markdown file.
type Doc struct {
	// File is the file's path, for sources.
	File string
	// Src is the file's text; FirstLine is the file line of its first
	// line (after front matter).
	Src       []byte
	FirstLine int
	// Root is goldmark's document node.
	Root ast.Node
	// Limits bound item lengths and nesting.
	Limits framework.Limits
	// newlines are the offsets of Src's line ends, found on first use.
	newlines []int
}

// parser is goldmark's default parser, built once: building it is most
// of a small file's parse.
var parser = sync.OnceValue(func() goldmarkparser.Parser { return goldmark.New().Parser() })

// Parse parses src, the text of file starting at file line first.
func Parse(src []byte, file string, first int, limits framework.Limits) *Doc {
	src = clampIndent(src, 4*(max(limits.MaxNesting, 1)+1))
	root := parser().Parse(text.NewReader(src))
	return &Doc{File: file, Src: src, FirstLine: first, Root: root, Limits: limits}
}

// Line is the file line where the node starts (0 when unknown).
func (d *Doc) Line(n ast.Node) int {
	off := d.Offset(n)
	if off < 0 {
		return 0
	}
	return d.LineOf(off)
}

// LineOf is the file line of byte offset off of Src.
func (d *Doc) LineOf(off int) int {
	if d.newlines == nil {
		d.newlines = []int{}
		for i, b := range d.Src {
			if b == '\n' {
				d.newlines = append(d.newlines, i)
			}
		}
	}
	return d.FirstLine + sort.SearchInts(d.newlines, off)
}

// Offset is the byte offset where the node's text starts, or -1.
func (d *Doc) Offset(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock {
			if ls := c.Lines(); ls != nil && ls.Len() > 0 {
				return ls.At(0).Start
			}
			continue
		}
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
		if r, ok := c.(*ast.RawHTML); ok && r.Segments.Len() > 0 {
			return r.Segments.At(0).Start
		}
	}
	// A block with no lines of its own: the first descendant that has.
	off := -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || off >= 0 {
			return ast.WalkStop, nil
		}
		if t, ok := c.(*ast.Text); ok {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		if c.Type() == ast.TypeBlock && c.Lines() != nil && c.Lines().Len() > 0 {
			off = c.Lines().At(0).Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return off
}

// Source is the file and line of the node.
func (d *Doc) Source(n ast.Node) framework.Source {
	return framework.Source{File: d.File, Line: d.Line(n)}
}

// Text is the plain text of a node: the text a reader sees, with link
// text kept, emphasis and raw HTML dropped, escapes and entities decoded
// once, whitespace collapsed.
func (d *Doc) Text(n ast.Node) string {
	var b bytes.Buffer
	d.text(&b, n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func (d *Doc) text(b *bytes.Buffer, n ast.Node) {
	switch x := n.(type) {
	case *ast.Text:
		v := x.Segment.Value(d.Src)
		if !x.IsRaw() {
			v = util.UnescapePunctuations(v)
		}
		b.WriteString(html.UnescapeString(string(v)))
		if x.SoftLineBreak() || x.HardLineBreak() {
			b.WriteByte(' ')
		}
		return
	case *ast.String:
		b.WriteString(html.UnescapeString(string(x.Value)))
		return
	case *ast.CodeSpan:
		for c := x.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				b.Write(t.Segment.Value(d.Src))
			}
		}
		return
	case *ast.AutoLink:
		b.Write(x.Label(d.Src))
		return
	case *ast.RawHTML, *ast.HTMLBlock:
		return // markup, not text
	case *ast.List:
		return // nested lists are children, not text
	}
	if n.Type() == ast.TypeBlock && n.Kind() != ast.KindListItem && n.Kind() != ast.KindDocument && n.Kind() != ast.KindBlockquote && n.FirstChild() == nil {
		// Code blocks: their lines are the text.
		ls := n.Lines()
		for i := 0; i < ls.Len(); i++ {
			seg := ls.At(i)
			b.Write(seg.Value(d.Src))
			b.WriteByte(' ')
		}
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		d.text(b, c)
		if c.Type() == ast.TypeBlock {
			b.WriteByte(' ')
		}
	}
}

// Markdown is the source Markdown of a block's own lines (for a list
// item, its paragraphs without nested lists), lines joined with spaces.
func (d *Doc) Markdown(n ast.Node) string {
	var parts []string
	var add func(n ast.Node)
	add = func(n ast.Node) {
		if n.Kind() == ast.KindList {
			return
		}
		if n.Type() == ast.TypeBlock && n.Lines() != nil && n.Lines().Len() > 0 {
			ls := n.Lines()
			for i := 0; i < ls.Len(); i++ {
				seg := ls.At(i)
				parts = append(parts, strings.TrimSpace(string(seg.Value(d.Src))))
			}
			return
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			add(c)
		}
	}
	add(n)
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// Items converts a list into framework items with nested children. The
// nesting is capped at the limit: deeper lists fold into their parent.
func (d *Doc) Items(list ast.Node, group string) []*framework.Item {
	return d.items(list, group, 1)
}

func (d *Doc) items(list ast.Node, group string, depth int) []*framework.Item {
	out := []*framework.Item{}
	for li := list.FirstChild(); li != nil; li = li.NextSibling() {
		if li.Kind() != ast.KindListItem {
			continue
		}
		it := d.Item(li, group)
		for c := li.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Kind() != ast.KindList {
				continue
			}
			kids := d.items(c, group, depth+1)
			if max := d.Limits.MaxNesting; max > 0 && depth >= max {
				input.Fold(it, kids, d.Limits)
				continue
			}
			it.Children = append(it.Children, kids...)
		}
		if it.Text == "" && len(it.Children) == 0 {
			continue // an empty list marker is no item
		}
		out = append(out, it)
	}
	return out
}

// Item converts one list item (or paragraph) into an item without its
// nested lists.
func (d *Doc) Item(n ast.Node, group string) *framework.Item {
	var b bytes.Buffer
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindList {
			continue
		}
		d.text(&b, c)
		b.WriteByte(' ')
	}
	if n.Kind() != ast.KindListItem {
		b.Reset()
		d.text(&b, n)
	}
	it := input.NewItem(b.String(), d.Source(n), d.Limits)
	md := d.Markdown(n)
	if n := d.Limits.MaxItemLength; n > 0 && len(md) > n {
		md = it.Text
	}
	it.Markdown = md
	it.Group = group
	return it
}

// Section is a heading and the blocks up to the next heading of the same
// or a higher rank.
type Section struct {
	// Heading is the heading node (nil for the text before the first
	// heading).
	Heading *ast.Heading
	// Title is the heading's plain text.
	Title string
	// Blocks are the section's own blocks before its first sub-heading.
	Blocks []ast.Node
	// Subs are the sub-sections.
	Subs []*Section
}

// Sections builds the heading tree of the document.
func (d *Doc) Sections() *Section {
	root := &Section{}
	stack := []*Section{root}
	depth := []int{0}
	for n := d.Root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			for len(stack) > 1 && depth[len(depth)-1] >= h.Level {
				stack, depth = stack[:len(stack)-1], depth[:len(depth)-1]
			}
			s := &Section{Heading: h, Title: d.Text(h)}
			top := stack[len(stack)-1]
			top.Subs = append(top.Subs, s)
			stack, depth = append(stack, s), append(depth, h.Level)
			continue
		}
		top := stack[len(stack)-1]
		if len(top.Subs) == 0 {
			top.Blocks = append(top.Blocks, n)
		} else {
			// Text after a sub-section at this depth (possible when a
			// heading skips a rank) belongs to the last sub-section.
			last := top.Subs[len(top.Subs)-1]
			for len(last.Subs) > 0 {
				last = last.Subs[len(last.Subs)-1]
			}
			last.Blocks = append(last.Blocks, n)
		}
	}
	return root
}

// Level is the heading depth of the section (0 for the root).
func (s *Section) Level() int {
	if s.Heading == nil {
		return 0
	}
	return s.Heading.Level
}

// Walk calls f for the section and every section below it, depth first.
func (s *Section) Walk(f func(*Section)) {
	f(s)
	for _, c := range s.Subs {
		c.Walk(f)
	}
}

// FillPillar adds the items of blocks to the pillar: each list's items;
// when the blocks hold no list, each paragraph is an item (prose
// frameworks); a paragraph just before a list is its lead-in and goes to
// the note. A paragraph in bold alone ("**Ownership**") names the group of
// the items after it.
func (d *Doc) FillPillar(p *framework.Pillar, blocks []ast.Node) {
	hasList := false
	for _, b := range blocks {
		if b.Kind() == ast.KindList {
			hasList = true
		}
	}
	var notes []string
	group := ""
	for i, b := range blocks {
		switch b.Kind() {
		case ast.KindList:
			p.Items = append(p.Items, d.Items(b, group)...)
		case ast.KindParagraph:
			if g, ok := d.boldLabel(b); ok {
				group = g
				continue
			}
			t := d.Text(b)
			if t == "" {
				continue
			}
			next := i+1 < len(blocks) && blocks[i+1].Kind() == ast.KindList
			if hasList && (next || !sentenceLike(t)) {
				notes = append(notes, t)
				continue
			}
			p.Items = append(p.Items, d.Item(b, group))
		}
	}
	if len(notes) > 0 {
		p.Note = strings.Join(notes, " ")
	}
}

// FillSection fills the pillar p from a section: its own blocks
// (FillPillar), then the items of the headings below it, each grouped
// under its heading's title.
func (d *Doc) FillSection(p *framework.Pillar, s *Section) {
	d.FillPillar(p, s.Blocks)
	for _, g := range s.Subs {
		g.Walk(func(gs *Section) {
			q := input.NewPillar("", framework.Source{})
			d.FillPillar(q, gs.Blocks)
			for _, it := range q.Items {
				it.Group = gs.Title
			}
			p.Items = append(p.Items, q.Items...)
		})
	}
}

// sentenceLike says a paragraph reads as an expectation rather than a
// label or a link line: it has a few words.
func sentenceLike(t string) bool { return len(strings.Fields(t)) >= 4 }

// boldLabel reports a paragraph that is only strong text ("**Impact**").
func (d *Doc) boldLabel(p ast.Node) (string, bool) {
	c := p.FirstChild()
	if c == nil || c.NextSibling() != nil {
		return "", false
	}
	if e, ok := c.(*ast.Emphasis); ok && e.Level == 2 {
		return d.Text(e), true
	}
	return "", false
}

// clampIndent bounds what nests within a line before goldmark parses
// it: leading whitespace is cut to n columns, and a line's run of
// container markers (">", "- ", "1. ") to 16. Lists and quotes nested
// deeper than the nesting limit then fold into the blocks at the limit,
// and goldmark, whose work grows with the depth of open blocks on each
// line, stays linear in the file's size. Line numbers do not change.
func clampIndent(src []byte, n int) []byte {
	const maxMarkers = 16
	var out []byte // nil until a line changes
	start, counts := 0, delims{}
	for start <= len(src) && start < len(src) {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start + 1
		}
		line := src[start:end]
		fixed := tameLine(line, n, maxMarkers)
		if len(bytes.TrimSpace(line)) == 0 {
			counts = delims{}
		}
		fixed = escapeDelims(fixed, &counts)
		if out == nil && len(fixed) != len(line) {
			out = append(make([]byte, 0, len(src)), src[:start]...)
		}
		if out != nil {
			out = append(out, fixed...)
		}
		start = end
	}
	if out == nil {
		return src
	}
	return out
}

// maxDelims is how many "[", "*" and "_" (each) a paragraph may hold
// before the rest are read as plain characters. goldmark's link matching
// grows with the square of the open brackets (100,000 took 2 s, a
// million a minute), and a long run of "*" nests emphasis as deep as the
// run is long, deeper than any walk of the tree can follow.
const maxDelims = 256

// delims counts a paragraph's "[", "*" and "_".
type delims struct{ bracket, star, under int }

func (d *delims) slot(b byte) *int {
	switch b {
	case '[':
		return &d.bracket
	case '*':
		return &d.star
	case '_':
		return &d.under
	}
	return nil
}

// escapeDelims escapes the "[", "*" and "_" of a line past the
// paragraph's budget; d counts the paragraph's so far.
func escapeDelims(line []byte, d *delims) []byte {
	nb, ns, nu := bytes.Count(line, []byte("[")), bytes.Count(line, []byte("*")), bytes.Count(line, []byte("_"))
	if d.bracket+nb <= maxDelims && d.star+ns <= maxDelims && d.under+nu <= maxDelims {
		d.bracket, d.star, d.under = d.bracket+nb, d.star+ns, d.under+nu
		return line
	}
	out := make([]byte, 0, len(line)+nb+ns+nu)
	for i, b := range line {
		if n := d.slot(b); n != nil && (i == 0 || line[i-1] != '\\') {
			*n++
			if *n > maxDelims {
				out = append(out, '\\')
			}
		}
		out = append(out, b)
	}
	return out
}

// tameLine returns line with at most n columns of leading whitespace
// and at most max container markers; line itself when within both.
func tameLine(line []byte, n, max int) []byte {
	ws := len(line) - len(bytes.TrimLeft(line, " \t"))
	if ws > n {
		line = line[ws-n:]
	}
	i, markers, cut := 0, 0, -1
	for i < len(line) {
		j := i
		for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
			j++
		}
		k := j
		switch {
		case k < len(line) && line[k] == '>':
			k++
		case k+1 < len(line) && (line[k] == '-' || line[k] == '*' || line[k] == '+') && (line[k+1] == ' ' || line[k+1] == '\t'):
			k += 2
		default:
			d := k
			for d < len(line) && d-k < 9 && line[d] >= '0' && line[d] <= '9' {
				d++
			}
			if d > k && d+1 < len(line) && (line[d] == '.' || line[d] == ')') && (line[d+1] == ' ' || line[d+1] == '\t') {
				k = d + 2
			}
		}
		if k == j {
			break
		}
		markers++
		if markers == max+1 {
			cut = j
		}
		i = k
	}
	if cut < 0 {
		return line
	}
	return append(append([]byte(nil), line[:cut]...), line[i:]...)
}
