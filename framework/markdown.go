package framework

import (
	"bytes"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/ladder-cli/ladder/internal/spaces"
)

// blockKind is the kind of a Markdown block.
type blockKind int

const (
	blockHeading blockKind = iota
	blockParagraph
	blockList
	blockRule
)

// block is one Markdown block of an expanded page.
type block struct {
	kind   blockKind
	level  int    // heading level
	text   string // heading text, or paragraph Markdown (lines joined by \n)
	plain  string // the text as a reader sees it, from the inline nodes
	anchor string // a heading's {#custom-id}, if it has one
	src    Source
	frame  *frame
	items  []*rawItem // list items
}

// rawItem is a list item as written.
type rawItem struct {
	lines    []string // the item's own Markdown lines, "" between paragraphs
	plain    string   // the item's own text, from the inline nodes
	src      Source
	frame    *frame
	children []*rawItem
}

// maxInlineBytes bounds the size of a block whose inline Markdown
// (links, emphasis, code, HTML) goldmark reads. CommonMark's link and
// emphasis rules take quadratic time on some texts ("[](" repeated, as in
// every CommonMark parser); a block over this size is read as literal
// text by goldmark, and its plain text comes from plainText, which is
// linear. Career pages' paragraphs and items are far below it.
const maxInlineBytes = 16 << 10

// markdown is the goldmark parser: CommonMark, with heading attributes
// ("## Heading {#id}") as Hugo's default configuration reads them, and
// every inline parser bounded by maxInlineBytes. Hugo's default goldmark
// extensions (tables, strikethrough, linkify, typographer...) are left
// out: they live in one package, goldmark/extension, whose init compiles
// regular expressions at every start of every command (1.8 M
// instructions, more than all of ladder's own start-up), and they change
// how a page looks more than what it says: linkify changes no text, and
// a table's rows or "~~" marks stay in the text, as before goldmark. It
// is built on first use, so commands that parse no Markdown do not pay
// for building it.
var markdown = sync.OnceValue(func() parser.Parser { return newMarkdown(blockParsers(), paragraphTransformers()) })

// blockParsers are goldmark's default block parsers, its paragraph
// parser opened by paragraphOpener.
func blockParsers() []util.PrioritizedValue {
	blocks := parser.DefaultBlockParsers()
	for i, v := range blocks {
		if bp := v.Value.(parser.BlockParser); bp == parser.NewParagraphParser() {
			blocks[i].Value = paragraphOpener{bp}
		}
	}
	return blocks
}

// paragraphTransformers are goldmark's default paragraph transformers,
// its link reference definitions' guarded by linkRefs.
func paragraphTransformers() []util.PrioritizedValue {
	ts := parser.DefaultParagraphTransformers()
	for i, v := range ts {
		if pt := v.Value.(parser.ParagraphTransformer); pt == parser.LinkReferenceParagraphTransformer {
			ts[i].Value = linkRefs{pt}
		}
	}
	return ts
}

// newMarkdown is markdown's parser with the given block parsers and
// paragraph transformers.
func newMarkdown(blocks, transformers []util.PrioritizedValue) parser.Parser {
	inline := parser.DefaultInlineParsers()
	for i, v := range inline {
		ip := v.Value.(parser.InlineParser)
		if cb, ok := ip.(parser.CloseBlocker); ok {
			inline[i].Value = boundedCloser{bounded{ip}, cb}
		} else {
			inline[i].Value = bounded{ip}
		}
	}
	return parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(inline...),
		parser.WithParagraphTransformers(transformers...),
		parser.WithHeadingAttribute(),
	)
}

// linkRefs is goldmark's link reference definition transformer, run
// only on a paragraph whose first character other than white space is
// '[': a definition can start nowhere else, and goldmark's transformer
// makes a block reader to find that out on every paragraph (2% of a
// 10,000-item compare's processor time, perf). TestWrappersAsGoldmark
// holds the trees equal.
type linkRefs struct{ parser.ParagraphTransformer }

// Transform is goldmark's on a paragraph that may open with a definition.
func (t linkRefs) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	lines := node.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		for _, c := range src[seg.Start:seg.Stop] {
			if !util.IsSpace(c) {
				if c == '[' {
					t.ParagraphTransformer.Transform(node, reader, pc)
				}
				return
			}
		}
	}
	t.ParagraphTransformer.Transform(node, reader, pc)
}

// paragraphOpener is goldmark's paragraph parser with an Open that makes
// the same node, its line written before anything reads it. Goldmark's
// Open appends the line to the new node's empty list, which reads the
// list first. On a page of thousands of items the node is most often the
// first thing in a page of memory the process has never touched; Linux
// maps its shared zero page on that read and, on the write that follows,
// copies it and flushes the old mapping from every processor running the
// process. Opened goldmark's way, that was 6% of a 10,000-item compare's
// processor time (perf, docs/performance.md); written first, the page
// takes one fault. TestWrappersAsGoldmark holds the trees equal.
type paragraphOpener struct{ parser.BlockParser }

// Open is goldmark's paragraphParser.Open.
func (p paragraphOpener) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	if util.IsBlank(line) {
		return nil, parser.NoChildren
	}
	lines := text.NewSegments()
	lines.Append(segment)
	node := ast.NewParagraph()
	node.SetLines(lines)
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

// bounded is an inline parser that reads nothing in a block over
// maxInlineBytes.
type bounded struct{ parser.InlineParser }

// boundedCloser is a bounded parser that also acts when a block closes.
type boundedCloser struct {
	bounded
	parser.CloseBlocker
}

var longBlockKey = parser.NewContextKey()

// longBlock is the last block sized and whether it is over the bound.
type longBlock struct {
	n    ast.Node
	long bool
}

// Parse reads nothing in a block over maxInlineBytes, so goldmark
// keeps its text as it stands; in any other block it parses as usual.
func (b bounded) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if isLong(parent, pc) {
		return nil
	}
	return b.InlineParser.Parse(parent, block, pc)
}

// isLong reports whether the block that parent is or stands in is over
// maxInlineBytes; it sizes each block once.
func isLong(parent ast.Node, pc parser.Context) bool {
	for parent != nil && parent.Type() != ast.TypeBlock {
		parent = parent.Parent()
	}
	if parent == nil {
		return false
	}
	if lb, ok := pc.Get(longBlockKey).(longBlock); ok && lb.n == parent {
		return lb.long
	}
	long := blockSize(parent) > maxInlineBytes
	pc.Set(longBlockKey, longBlock{parent, long})
	return long
}

// blockSize is the size of a block's own lines in the source.
func blockSize(n ast.Node) int {
	size := 0
	if ls := n.Lines(); ls != nil {
		for i := 0; i < ls.Len(); i++ {
			seg := ls.At(i)
			size += seg.Stop - seg.Start
		}
	}
	return size
}

// blockPlain is the plain text of a text block: from its inline nodes,
// or from its Markdown (md gives it) when it was too long for those to be
// read.
func (r *run) blockPlain(n ast.Node, md func() string) string {
	if blockSize(n) > maxInlineBytes {
		return plainText(md())
	}
	if t, ok := r.plainRun(n); ok {
		return t // as inlineText would give it, without copying
	}
	return inlineText(n, r.src)
}

// plainRun is the text of a block that is one line of plain text (one
// Text node, no escapes or entities to resolve), cut from the run's
// text: most list items of a career page are that. ok is false for any
// other block, which inlineText reads.
func (r *run) plainRun(n ast.Node) (string, bool) {
	t, ok := n.FirstChild().(*ast.Text)
	if !ok || t.NextSibling() != nil || t.HasChildren() || t.SoftLineBreak() || t.HardLineBreak() {
		return "", false
	}
	seg := t.Segment
	v := r.text[seg.Start:seg.Stop]
	if !t.IsRaw() && (strings.IndexByte(v, '\\') >= 0 || strings.IndexByte(v, '&') >= 0) {
		return "", false
	}
	return spaces.Collapse(v), true
}

// parseBlocks reads the expanded lines of a page as Markdown with
// goldmark and returns its headings, paragraphs, lists and rules, each
// with the file and line it comes from. A block never runs across an
// include boundary: each run of lines from one file is parsed on its
// own, as the include expansion has always ended the blocks around an
// included file. List items nest deeper than maxNesting only in text:
// the deeper items' lines join the deepest allowed item.
func parseBlocks(lines []line, maxNesting int) []*block {
	var out []*block
	for i := 0; i < len(lines); {
		j := i + 1
		for j < len(lines) && lines[j].frame == lines[i].frame {
			j++
		}
		out = parseRun(out, lines[i:j], maxNesting)
		i = j
	}
	return out
}

// run is one run of expanded lines from one file, as goldmark source.
type run struct {
	src []byte
	// text is src as a string (the same bytes): the lines and texts of
	// blocks are cut from it, not copied out of src one by one.
	text   string
	starts []int // byte offset of each line in src
	lines  []line
}

// source maps a byte offset in the run to the file and line it is from.
func (r *run) source(pos int) Source {
	i := sort.Search(len(r.starts), func(k int) bool { return r.starts[k] > pos }) - 1
	i = max(0, min(i, len(r.lines)-1))
	return r.lines[i].src
}

func parseRun(out []*block, lines []line, maxNesting int) []*block {
	r := &run{starts: make([]int, len(lines)), lines: lines}
	var b bytes.Buffer
	size := 0
	for _, ln := range lines {
		size += len(ln.text) + 1
	}
	b.Grow(size)
	for i, ln := range lines {
		r.starts[i] = b.Len()
		writeClamped(&b, ln.text)
		b.WriteByte('\n')
	}
	r.src = b.Bytes()
	// The text is src itself, not a copy: nothing writes to src once it
	// is built (goldmark only reads its source), and on a page of 10,000
	// items a copy is a megabyte more to hold while the page parses.
	// Segments are cut from text by offset, or read through
	// Segment.Value with a buffer that ends at the segment: Value may
	// append to the buffer it is given.
	r.text = unsafe.String(unsafe.SliceData(r.src), len(r.src))
	doc := markdown().Parse(text.NewReader(r.src))
	return r.blocks(out, doc, lines[0].frame, maxNesting)
}

// maxIndent is the widest leading white space (in columns, a tab to the
// next multiple of 4) passed to goldmark; wider is cut to it. Goldmark
// looks at each line's indentation once per open list around it, so a
// page nested thousands deep, each line indented further, would take
// minutes. Lists deeper than a page can show (Limits.MaxNesting) fold
// into their deepest allowed item anyway.
const maxIndent = 128

// writeClamped writes a line with its leading white space cut to
// maxIndent columns.
func writeClamped(b *bytes.Buffer, s string) {
	col, i := 0, 0
	for ; i < len(s) && (s[i] == ' ' || s[i] == '\t'); i++ {
		if s[i] == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
	}
	if col <= maxIndent {
		b.WriteString(s)
		return
	}
	for range maxIndent {
		b.WriteByte(' ')
	}
	b.WriteString(s[i:])
}

// blocks appends the blocks of a container's children.
func (r *run) blocks(out []*block, parent ast.Node, fr *frame, maxNesting int) []*block {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		src := r.source(n.Pos())
		switch n := n.(type) {
		case *ast.Heading:
			b := &block{kind: blockHeading, level: n.Level, text: r.joined(n, " "), src: src, frame: fr}
			b.plain = r.blockPlain(n, func() string { return b.text })
			if id, ok := n.AttributeString("id"); ok {
				if v, ok := id.([]byte); ok {
					b.anchor = string(v)
				}
			}
			out = append(out, b)
		case *ast.Paragraph, *ast.TextBlock:
			md := r.joined(n, "\n")
			out = append(out, &block{kind: blockParagraph, text: md, plain: r.blockPlain(n, func() string { return md }), src: src, frame: fr})
		case *ast.ThematicBreak:
			out = append(out, &block{kind: blockRule, src: src, frame: fr})
		case *ast.List:
			lb := &block{kind: blockList, src: src, frame: fr}
			for li := n.FirstChild(); li != nil; li = li.NextSibling() {
				lb.items = r.item(lb.items, nil, li, fr, 0, maxNesting)
			}
			out = append(out, lb)
		case *ast.Blockquote:
			// A quote holds blocks a reader reads like any others.
			out = r.blocks(out, n, fr, maxNesting)
		case *ast.HTMLBlock:
			// Comments say nothing to the reader; other HTML keeps its
			// text, tags removed.
			if n.HTMLBlockType == ast.HTMLBlockType2 {
				continue
			}
			md := r.joined(n, "\n")
			if n.HasClosure() {
				cl := n.ClosureLine // cut by offset, see parseRun
				md += "\n" + strings.TrimSpace(r.text[cl.Start:cl.Stop])
			}
			out = append(out, &block{kind: blockParagraph, text: md, plain: plainText(md), src: src, frame: fr})
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			md := r.joined(n, "\n")
			out = append(out, &block{kind: blockParagraph, text: md, plain: spaces.Collapse(md), src: src, frame: fr})
		}
	}
	return out
}

// item converts a list item and appends it to items. An item deeper
// than maxNesting is no item of its own: its lines and text, and its
// children's, join into (its deepest allowed ancestor).
func (r *run) item(items []*rawItem, into *rawItem, li ast.Node, fr *frame, depth, maxNesting int) []*rawItem {
	it := into
	collapse := into != nil && maxNesting > 0 && depth >= maxNesting
	if !collapse {
		it = &rawItem{src: r.source(li.Pos()), frame: fr}
		items = append(items, it)
	}
	own := 0 // blocks of this item's own text so far
	for c := li.FirstChild(); c != nil; c = c.NextSibling() {
		if l, ok := c.(*ast.List); ok {
			for sub := l.FirstChild(); sub != nil; sub = sub.NextSibling() {
				it.children = r.item(it.children, it, sub, fr, depth+1, maxNesting)
			}
			continue
		}
		mark := len(it.lines)
		if own > 0 && !collapse {
			it.lines = append(it.lines, "") // a blank line between paragraphs
		}
		at := len(it.lines)
		it.lines = r.appendLines(it.lines, c)
		if len(it.lines) == at || len(it.lines) == at+1 && it.lines[at] == "" {
			it.lines = it.lines[:mark] // no text: as if the block were not there
			continue
		}
		md := func() string { return strings.Join(it.lines[at:], "\n") }
		var t string
		switch c.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			t = r.blockPlain(c, md)
		default:
			t = plainText(md())
		}
		own++
		if t != "" {
			if it.plain != "" {
				it.plain += " "
			}
			it.plain += t
		}
	}
	return items
}

// joined returns a block's lines, each trimmed, joined by sep.
func (r *run) joined(n ast.Node, sep string) string {
	ls := n.Lines()
	if ls == nil {
		return ""
	}
	if ls.Len() == 1 {
		seg := ls.At(0)
		return strings.TrimSpace(r.text[seg.Start:seg.Stop])
	}
	return strings.Join(r.appendLines(nil, n), sep)
}

// appendLines appends a block's lines, each trimmed, to dst.
func (r *run) appendLines(dst []string, n ast.Node) []string {
	ls := n.Lines()
	if ls == nil {
		return dst
	}
	for i := 0; i < ls.Len(); i++ {
		seg := ls.At(i)
		dst = append(dst, strings.TrimSpace(r.text[seg.Start:seg.Stop]))
	}
	return dst
}
