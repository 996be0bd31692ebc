package framework

import "strings"

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
	level  int      // heading level
	text   string   // heading text, or paragraph Markdown (lines joined by \n)
	lines  []string // paragraph lines while the paragraph is open
	anchor string   // a heading's {#custom-id}, if it has one
	src    Source
	frame  *frame
	items  []*rawItem // list items
}

// rawItem is a list item as written.
type rawItem struct {
	indent   int // column of the marker
	content  int // column where the item's text starts
	lines    []string
	src      Source
	frame    *frame
	children []*rawItem
	parent   *rawItem
}

// parseBlocks splits expanded lines into headings, paragraphs, lists and
// rules, following CommonMark where it matters for career pages:
// ATX and setext headings, thematic breaks, nested lists with lazy and
// indented continuation lines, fenced code, and HTML comments.
func parseBlocks(lines []line, maxNesting int) []*block {
	p := blockParser{maxNesting: maxNesting}
	for i := 0; i < len(lines); i++ {
		ln := lines[i]
		text := expandTabs(ln.text)
		trimmed := strings.TrimSpace(text)

		if p.inComment {
			if strings.Contains(trimmed, "-->") {
				p.inComment = false
			}
			continue
		}
		if p.fence != "" {
			if strings.HasPrefix(trimmed, p.fence) && strings.Trim(trimmed, p.fence[:1]) == "" {
				p.fence = ""
				p.flush()
				continue
			}
			p.addPara(ln, trimmed)
			continue
		}
		if trimmed == "" {
			p.blank = true
			if p.para != nil {
				p.flushPara()
			}
			continue
		}
		if strings.HasPrefix(trimmed, "<!--") {
			if !strings.Contains(trimmed, "-->") {
				p.inComment = true
			}
			continue
		}
		indent := len(text) - len(strings.TrimLeft(text, " "))
		if indent < 4 || p.list != nil {
			if f := fenceOpen(trimmed); f != "" && indent < 4 {
				p.flush()
				p.fence = f
				continue
			}
			if isRule(trimmed) && indent < 4 {
				// "text\n---" is a setext heading in CommonMark.
				if p.para != nil && trimmed[0] == '-' && !p.blank && p.para.frame == ln.frame {
					p.setext(2)
					continue
				}
				p.flush()
				p.blocks = append(p.blocks, &block{kind: blockRule, src: ln.src, frame: ln.frame})
				continue
			}
			if p.para != nil && !p.blank && p.para.frame == ln.frame && strings.Trim(trimmed, "=") == "" {
				p.setext(1)
				continue
			}
			if lvl, htext, id, ok := atxHeading(trimmed); ok && indent < 4 {
				p.flush()
				p.blocks = append(p.blocks, &block{kind: blockHeading, level: lvl, text: htext, anchor: id, src: ln.src, frame: ln.frame})
				p.blank = false
				continue
			}
			if mw, ok := listMarker(text[indent:]); ok {
				p.flushPara()
				p.addItem(ln, indent, mw, text)
				continue
			}
		}
		// Plain text: continuation of an item, or a paragraph.
		if p.list != nil && p.cur != nil && p.cur.frame == ln.frame && (indent > 0 && (!p.blank || indent >= p.cur.content || indent >= 2) || !p.blank) {
			p.continueItem(indent, trimmed)
			p.blank = false
			continue
		}
		p.flushList()
		p.addPara(ln, trimmed)
	}
	p.flush()
	return p.blocks
}

type blockParser struct {
	blocks     []*block
	para       *block
	list       *block
	cur        *rawItem // the item text continues into
	blank      bool     // a blank line came since the last text
	fence      string
	inComment  bool
	maxNesting int
}

func (p *blockParser) addPara(ln line, trimmed string) {
	if p.para == nil || p.para.frame != ln.frame {
		p.flushPara()
		p.para = &block{kind: blockParagraph, src: ln.src, frame: ln.frame}
	}
	p.para.lines = append(p.para.lines, trimmed)
	p.blank = false
}

func (p *blockParser) setext(level int) {
	para := p.para
	p.para = nil
	// CommonMark takes every line of the paragraph into the heading.
	text := strings.Join(para.lines, " ")
	p.blocks = append(p.blocks, &block{kind: blockHeading, level: level, text: text, src: para.src, frame: para.frame})
	p.blank = false
}

func (p *blockParser) addItem(ln line, indent, markerWidth int, text string) {
	rest := text[indent+markerWidth:]
	spaces := len(rest) - len(strings.TrimLeft(rest, " "))
	content := indent + markerWidth + spaces
	if spaces == 0 || spaces > 4 {
		content = indent + markerWidth + 1
	}
	it := &rawItem{indent: indent, content: content, src: ln.src, frame: ln.frame}
	first := strings.TrimSpace(rest)
	// "- - x": the item's content starts with another list marker, so it
	// opens with a nested list (CommonMark), not with the text "- x".
	nested := 0
	if first != "" && content < len(text) && text[content] != ' ' && text[content] != '\t' {
		nested, _ = listMarker(text[content:])
	}
	if first != "" && nested == 0 {
		it.lines = []string{first}
	}
	if p.list != nil && p.list.frame != ln.frame {
		p.flushList()
	}
	if p.list == nil {
		p.list = &block{kind: blockList, src: ln.src, frame: ln.frame}
	}
	// Find the parent: the nearest open item whose marker stands left of
	// this one. Lists are read leniently: any deeper indent nests.
	parent := p.cur
	for parent != nil && parent.indent >= indent {
		parent = parent.parent
	}
	depth := 0
	for q := parent; q != nil; q = q.parent {
		depth++
	}
	if parent != nil && p.maxNesting > 0 && depth >= p.maxNesting {
		// Too deep: keep the text in the deepest allowed item.
		parent.lines = append(parent.lines, it.lines...)
		p.cur = parent
		p.blank = false
		return
	}
	if parent == nil {
		p.list.items = append(p.list.items, it)
	} else {
		it.parent = parent
		parent.children = append(parent.children, it)
	}
	p.cur = it
	p.blank = false
	if nested > 0 {
		p.addItem(ln, content, nested, text)
	}
}

func (p *blockParser) continueItem(indent int, trimmed string) {
	// Right after text, a line continues the current item's paragraph
	// however far left it starts (CommonMark's lazy continuation line).
	// After a blank line it belongs to the deepest open item whose
	// content column it reaches.
	it := p.cur
	for p.blank && it.parent != nil && indent < it.content && indent <= it.indent {
		it = it.parent
	}
	if p.blank {
		it.lines = append(it.lines, "")
	}
	it.lines = append(it.lines, trimmed)
}

func (p *blockParser) flushPara() {
	if p.para != nil {
		p.para.text = strings.Join(p.para.lines, "\n")
		p.para.lines = nil
		p.blocks = append(p.blocks, p.para)
		p.para = nil
	}
}

func (p *blockParser) flushList() {
	if p.list != nil {
		p.blocks = append(p.blocks, p.list)
		p.list = nil
		p.cur = nil
	}
}

func (p *blockParser) flush() {
	p.flushPara()
	p.flushList()
}

// expandTabs replaces tabs in the leading whitespace by spaces to the next
// multiple of four.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t':
			n := 4 - col%4
			b.WriteString("    "[:n])
			col += n
		case ' ':
			b.WriteByte(' ')
			col++
		default:
			b.WriteString(s[i:])
			return b.String()
		}
	}
	return b.String()
}

func fenceOpen(t string) string {
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, f) {
			n := len(t) - len(strings.TrimLeft(t, f[:1]))
			return strings.Repeat(f[:1], n)
		}
	}
	return ""
}

// isRule reports whether a trimmed line is a thematic break.
func isRule(t string) bool {
	if len(t) < 3 {
		return false
	}
	c := t[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	n := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// atxHeading parses "## Heading ##" and "## Heading {#id}".
func atxHeading(t string) (level int, text, id string, ok bool) {
	for level < len(t) && t[level] == '#' {
		level++
	}
	if level == 0 || level > 6 {
		return 0, "", "", false
	}
	if level < len(t) && t[level] != ' ' && t[level] != '\t' {
		return 0, "", "", false
	}
	text = strings.TrimSpace(t[level:])
	// Closing sequence.
	if j := strings.TrimRight(text, "#"); j != text && (j == "" || strings.HasSuffix(j, " ")) {
		text = strings.TrimSpace(j)
	}
	// Hugo heading attributes: "Heading {#custom-id}".
	if strings.HasSuffix(text, "}") {
		if k := strings.LastIndex(text, "{#"); k >= 0 {
			id = strings.TrimSpace(text[k+2 : len(text)-1])
			text = strings.TrimSpace(text[:k])
		}
	}
	return level, text, id, true
}

// listMarker reports whether s starts with a list marker and its width.
func listMarker(s string) (width int, ok bool) {
	if s == "" {
		return 0, false
	}
	switch s[0] {
	case '-', '*', '+':
		if len(s) == 1 || s[1] == ' ' || s[1] == '\t' {
			return 1, true
		}
		return 0, false
	}
	n := 0
	for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 || n >= len(s) || (s[n] != '.' && s[n] != ')') {
		return 0, false
	}
	if n+1 == len(s) || s[n+1] == ' ' || s[n+1] == '\t' {
		return n + 1, true
	}
	return 0, false
}
