// Package matrix is the matrix reader: a Markdown file whose pillars are
// HTML tables (Artsy's engineering ladder). A table has levels as
// columns, a row per sub-competency:
//
//	<table>
//	  <tr><td>Delivery</td><td>Engineer 1</td><td>Engineer 2</td></tr>
//	  <tr><td>Planning</td>
//	      <td><ul><li>Plans their own tasks.</li></ul></td>
//	      <td><ul><li>Plans the team's sprint.</li></ul></td></tr>
//	</table>
//
// or, transposed, levels as rows and a column per pillar (the header's
// first cell says "Level", or every row starts with a code like "M2"; a
// column of short plain cells, such as "Title", names the levels). Each
// level's items are gathered from its column (or row) across the tables:
// the cell's <li>s, or its text when it has no list, grouped by the row's
// label. The heading above a table names its pillar; the heading above
// that names its track when the tables stand under several. A ragged row
// or a merged cell (colspan, rowspan) loads what is there and warns with
// the row's line.
package matrix

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/read/htmlnode"
	"github.com/ladder-cli/ladder/framework/read/input"
	"github.com/ladder-cli/ladder/framework/read/mdast"
	"github.com/yuin/goldmark/ast"
)

// Name is the shape's name, as --input takes it.
const Name = "matrix"

// Detect reports whether the input is a Markdown file with HTML tables
// that give at least two levels.
func Detect(in *input.Input) bool {
	if in.IsDir || !strings.HasSuffix(strings.ToLower(in.Name), ".md") {
		return false
	}
	fw, err := Read(in)
	return err == nil && len(fw.Levels) >= 2
}

// Read reads the file.
func Read(in *input.Input) (*framework.Framework, error) {
	return in.ReadOnce(Name, func() (*framework.Framework, error) { return read(in) })
}

func read(in *input.Input) (*framework.Framework, error) {
	data, err := in.ReadFile(in.Name)
	if err != nil {
		return nil, err
	}
	return Parse(data, in.Name, in.Limits), nil
}

// table is one HTML table with the headings above it.
type table struct {
	node    *htmlnode.Node
	heading string // the nearest heading above
	track   string // the heading above that
	line    int
}

var codeRE = regexp.MustCompile(`^[A-Za-z]{1,3}\d+$`)

// Parse reads a framework from the Markdown text of file.
func Parse(data []byte, file string, limits framework.Limits) *framework.Framework {
	if indexFold(data, "<table") < 0 {
		// No table, no level: detection asks this of every Markdown file,
		// which the markdown reader parses next.
		return &framework.Framework{Dir: file, Order: "file", Levels: []*framework.Level{}}
	}
	_, _, body, first := input.SplitFrontMatter(data)
	doc := mdast.Parse(body, file, first, limits)
	var tables []table
	var heads []*ast.Heading
	for n := doc.Root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			for len(heads) > 0 && heads[len(heads)-1].Level >= h.Level {
				heads = heads[:len(heads)-1]
			}
			heads = append(heads, h)
			continue
		}
		if n.Kind() != ast.KindHTMLBlock {
			continue
		}
		off := doc.Offset(n)
		if off < 0 || indexFold(firstLine(doc.Src[off:]), "<table") < 0 {
			continue
		}
		// The table runs to its end tag, across blank lines that end
		// goldmark's HTML block.
		src := doc.Src[off:] // the text goldmark parsed: offsets are its

		if end := indexFold(src, "</table>"); end >= 0 {
			src = src[:end+len("</table>")]
		}
		line := doc.LineOf(off)
		root := htmlnode.Parse(src, line)
		t := table{line: line}
		t.node = root.Find(func(x *htmlnode.Node) bool { return x.Tag == "table" })
		if t.node == nil {
			continue
		}
		if len(heads) > 0 {
			t.heading = doc.Text(heads[len(heads)-1])
		}
		if len(heads) > 1 {
			t.track = doc.Text(heads[len(heads)-2])
		}
		tables = append(tables, t)
		// Skip the blocks the table spans.
		for n.NextSibling() != nil && doc.Offset(n.NextSibling()) >= 0 && doc.Offset(n.NextSibling()) < off+len(src) {
			n = n.NextSibling()
		}
	}
	fw := &framework.Framework{Dir: file, Order: "file", Levels: []*framework.Level{}}
	tracks := map[string]bool{}
	for _, t := range tables {
		tracks[t.track] = true
	}
	r := &reader{fw: fw, file: file, limits: limits, byKey: map[string]*framework.Level{}, tracked: len(tracks) > 1, px: input.NewPillars()}
	for _, t := range tables {
		r.table(t)
	}
	return fw
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

type reader struct {
	fw      *framework.Framework
	file    string
	limits  framework.Limits
	byKey   map[string]*framework.Level
	tracked bool
	px      *input.Pillars
}

// rows returns the table's rows of cells, and the row elements.
func rows(t *htmlnode.Node) (cells [][]*htmlnode.Node, trs []*htmlnode.Node) {
	var walk func(n *htmlnode.Node)
	walk = func(n *htmlnode.Node) {
		for _, c := range n.Elements() {
			switch c.Tag {
			case "tr":
				var row []*htmlnode.Node
				for _, td := range c.Elements() {
					if td.Tag == "td" || td.Tag == "th" {
						row = append(row, td)
					}
				}
				cells = append(cells, row)
				trs = append(trs, c)
			case "table":
				// a nested table is cell content
			default:
				walk(c)
			}
		}
	}
	walk(t)
	return cells, trs
}

func (r *reader) level(name, slug, track string) *framework.Level {
	key := framework.PillarKey(track + " " + name)
	if lv := r.byKey[key]; lv != nil {
		return lv
	}
	lv := input.NewLevel(slug, name, r.file)
	if r.tracked {
		lv.Track = input.Slug(track)
	}
	r.byKey[key] = lv
	r.fw.Levels = append(r.fw.Levels, lv)
	return lv
}

func (r *reader) table(t table) {
	cells, trs := rows(t.node)
	if len(cells) < 2 || len(cells[0]) < 2 {
		return
	}
	header := cells[0]
	text := func(n *htmlnode.Node) string { return n.TextContent(false) }
	transposed := strings.Contains(strings.ToLower(text(header[0])), "level")
	if !transposed {
		codes := 0
		for _, row := range cells[1:] {
			if len(row) > 0 && codeRE.MatchString(text(row[0])) {
				codes++
			}
		}
		transposed = codes == len(cells)-1
	}
	// Levels made by this table get its warnings; levels made before it
	// may be on another track.
	start := len(r.fw.Levels)
	pending := []framework.Warning{}
	warn := func(line int, code, format string, args ...any) {
		pending = append(pending, framework.Warning{Source: framework.Source{File: r.file, Line: line}, Code: code, Message: fmt.Sprintf(format, args...)})
	}
	for i, row := range cells {
		for _, c := range row {
			if c.Colspan > 1 || c.Rowspan > 1 {
				warn(trs[i].Line, "merged-cell", "table row %d has a merged cell (colspan/rowspan); its content goes to the first level it spans", i+1)
				break
			}
		}
		if width(row) != width(header) {
			warn(trs[i].Line, "ragged-row", "table row %d has %d cells, the header %d; the cells there are read", i+1, width(row), width(header))
		}
	}
	if transposed {
		r.rowsTable(t, cells)
	} else {
		r.columnsTable(t, cells)
	}
	target := r.fw.Levels
	if len(target) > start {
		target = target[start:]
	}
	if len(target) > 0 {
		target[0].Warnings = append(target[0].Warnings, pending...)
	}
}

// columnsTable reads a table with a level per column.
func (r *reader) columnsTable(t table, cells [][]*htmlnode.Node) {
	header := cells[0]
	pillar := t.heading
	if pillar == "" {
		pillar = header[0].TextContent(false)
	}
	pillar = input.CleanName(pillar)
	levels := make([]*framework.Level, len(header))
	for j := 1; j < len(header); j++ {
		name := input.CleanName(header[j].TextContent(false))
		if name == "" {
			continue
		}
		levels[j] = r.level(name, input.Slug(name), t.track)
		r.px.Of(levels[j], pillar, framework.Source{File: r.file, Line: t.line})
	}
	for _, row := range cells[1:] {
		if len(row) == 0 {
			continue
		}
		group := input.CleanName(row[0].TextContent(false))
		for j := 1; j < len(row) && j < len(levels); j++ {
			if levels[j] == nil {
				continue
			}
			p := r.px.Of(levels[j], pillar, framework.Source{File: r.file, Line: t.line})
			p.Items = append(p.Items, r.cellItems(row[j], group)...)
		}
	}
}

// rowsTable reads a transposed table: a level per row, a pillar per
// column, and perhaps a column of titles.
func (r *reader) rowsTable(t table, cells [][]*htmlnode.Node) {
	header := cells[0]
	title := -1
	for j := 1; j < len(header); j++ {
		plain := true
		for _, row := range cells[1:] {
			if j < len(row) && (row[j].Find(func(n *htmlnode.Node) bool { return n.Tag == "li" }) != nil || len(strings.Fields(row[j].TextContent(false))) > 6) {
				plain = false
				break
			}
		}
		if plain {
			title = j
			break
		}
	}
	for _, row := range cells[1:] {
		if len(row) == 0 {
			continue
		}
		code := input.CleanName(row[0].TextContent(false))
		name := code
		if title > 0 && title < len(row) {
			if t := input.CleanName(row[title].TextContent(false)); t != "" {
				name = t
			}
		}
		if code == "" {
			continue
		}
		lv := r.level(name, input.Slug(code), t.track)
		for j := 1; j < len(row) && j < len(header); j++ {
			if j == title {
				continue
			}
			pillar := input.CleanName(header[j].TextContent(false))
			if pillar == "" {
				continue
			}
			p := r.px.Of(lv, pillar, framework.Source{File: r.file, Line: header[j].Line})
			p.Items = append(p.Items, r.cellItems(row[j], "")...)
		}
	}
}

// cellItems are a cell's list items, or its text as one item when it
// has no list.
func (r *reader) cellItems(cell *htmlnode.Node, group string) []*framework.Item {
	var out []*framework.Item
	var lists []*htmlnode.Node
	var find func(n *htmlnode.Node)
	find = func(n *htmlnode.Node) {
		for _, c := range n.Elements() {
			if c.Tag == "ul" || c.Tag == "ol" {
				lists = append(lists, c)
				continue
			}
			find(c)
		}
	}
	find(cell)
	if len(lists) == 0 {
		if t := cell.TextContent(false); t != "" && t != "-" && t != "–" {
			it := input.NewItem(t, framework.Source{File: r.file, Line: cell.Line}, r.limits)
			it.Group = group
			out = append(out, it)
		}
		return out
	}
	for _, l := range lists {
		out = append(out, r.listItems(l, group, 1)...)
	}
	return out
}

func (r *reader) listItems(l *htmlnode.Node, group string, depth int) []*framework.Item {
	var out []*framework.Item
	for _, li := range l.Elements() {
		if li.Tag != "li" {
			continue
		}
		it := input.NewItem(li.TextContent(true), framework.Source{File: r.file, Line: li.Line}, r.limits)
		it.Group = group
		for _, c := range li.Elements() {
			if c.Tag != "ul" && c.Tag != "ol" {
				continue
			}
			kids := r.listItems(c, group, depth+1)
			if depth >= max(r.limits.MaxNesting, 1) {
				input.Fold(it, kids, r.limits)
				continue
			}
			it.Children = append(it.Children, kids...)
		}
		if it.Text != "" || len(it.Children) > 0 {
			out = append(out, it)
		}
	}
	return out
}

// width is the number of columns a row spans.
func width(row []*htmlnode.Node) int {
	n := 0
	for _, c := range row {
		n += max(c.Colspan, 1)
	}
	return n
}

// indexFold is the offset of the ASCII string sub in b, ignoring ASCII
// case, or -1. sub starts with a byte that has no case ('<'), so only
// where that byte stands is the rest compared. (bytes.ToLower can change
// the length of text that is not ASCII, so its offsets are not b's.)
func indexFold(b []byte, sub string) int {
	for i := 0; i+len(sub) <= len(b); i++ {
		k := bytes.IndexByte(b[i:], sub[0])
		if k < 0 || i+k+len(sub) > len(b) {
			return -1
		}
		i += k
		if bytes.EqualFold(b[i:i+len(sub)], []byte(sub)) {
			return i
		}
	}
	return -1
}
