package render

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/framework"
)

// The HTML pages are one self-contained file each: the template, the
// stylesheet and the script are embedded in the binary and inlined in
// the page, and a Content-Security-Policy lets the browser run only that
// stylesheet and script (by hash) and load nothing from the network.
//
//go:embed html/page.tmpl html/style.css html/script.js
var htmlFS embed.FS

// htmlKind is how a page shows one kind of change: a mark and a word (so
// the kind never depends on colour alone) and the accent colours of its
// mark, for light and dark pages. Every kind the pages show comes from
// htmlKinds; a new kind needs one entry here.
type htmlKind struct {
	// Mark is a short symbol shown before the word.
	Mark string
	// Word names the kind in the page and the legend.
	Word string
	// Help explains the kind in the legend.
	Help string
	// Light and Dark are the accent colours on light and dark pages,
	// each with a contrast of at least 4.5:1 against the page.
	Light, Dark string
}

var htmlKinds = map[string]htmlKind{
	// Comparison kinds (compare.Kind).
	string(compare.Same):      {"=", "same", "the same text at both levels", "#57606a", "#9198a1"},
	string(compare.Reworded):  {"~", "reworded", "the same expectation, reworded", "#9a6700", "#d29922"},
	string(compare.Added):     {"+", "added", "only at the higher level", "#1a7f37", "#3fb950"},
	string(compare.Removed):   {"−", "removed", "only at the lower level", "#cf222e", "#f85149"},
	string(compare.Moved):     {"→", "moved", "reworded or kept, in another pillar", "#8250df", "#a371f7"},
	string(compare.Inherited): {"^", "inherited", "kept by the higher level's \"all competencies of\" statement", "#0969da", "#58a6ff"},
	// Promotion gap kinds (compare.GapKind).
	string(compare.GapNew):          {"+", "new", "expected at the target level, not at the start", "#1a7f37", "#3fb950"},
	string(compare.GapStrengthened): {"↑", "strengthened", "expected at both, asking more at the target", "#9a6700", "#d29922"},
	string(compare.GapCarried):      {"=", "carried", "expected at both, unchanged", "#57606a", "#9198a1"},
	string(compare.GapDropped):      {"−", "dropped", "expected at the start, no longer at the target", "#cf222e", "#f85149"},
}

// htmlKindOf is the presentation of a kind; a kind without an entry in
// htmlKinds still shows, with its own name and neutral colours.
func htmlKindOf(kind string) htmlKind {
	if k, ok := htmlKinds[kind]; ok {
		return k
	}
	return htmlKind{Mark: "•", Word: kind, Light: "#57606a", Dark: "#9198a1"}
}

// kindClass is the CSS class of a kind: "k-" and the kind's letters.
func kindClass(kind string) string {
	var b strings.Builder
	b.WriteString("k-")
	for _, r := range strings.ToLower(kind) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// htmlMark is a kind as the page shows it.
type htmlMark struct {
	Kind, Class, Mark, Word, Help string
	Count                         int
}

func markOf(kind string) htmlMark {
	k := htmlKindOf(kind)
	return htmlMark{Kind: kind, Class: kindClass(kind), Mark: k.Mark, Word: k.Word, Help: k.Help}
}

// kindOrder puts kinds in display order: those of order first, then any
// others in the order they were seen.
func kindOrder(order []string, seen []string) []string {
	out := slices.Clone(order)
	for _, k := range seen {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// kindCSS is the stylesheet of the kinds a page shows, light and dark.
func kindCSS(kinds []string) string {
	var light, dark strings.Builder
	for _, k := range kinds {
		hk := htmlKindOf(k)
		fmt.Fprintf(&light, ".%s{--k:%s}\n", kindClass(k), hk.Light)
		fmt.Fprintf(&dark, ".%s{--k:%s}\n", kindClass(k), hk.Dark)
	}
	return light.String() + "@media (prefers-color-scheme:dark){\n" + dark.String() + "}\n"
}

// htmlSpan is a run of text: plain, deleted or inserted.
type htmlSpan struct {
	Op   string // "", "del" or "ins"
	Text string
}

// htmlText is a block of item text with where it comes from.
type htmlText struct {
	Spans []htmlSpan
	// Children are the nested items (shown as a list), for texts that
	// are not word diffs.
	Children []htmlItem
	// Source is where the item comes from.
	Source htmlSource
}

// htmlSource is "file:line", split so that a narrow column breaks the
// line after the folder rather than inside the file name.
type htmlSource struct {
	// Dir is the folder, without the final slash ("" for none).
	Dir string
	// File is the file name and the line ("senior.md:14"), or "".
	File string
}

// htmlItem is an item with its nested items.
type htmlItem struct {
	Text     string
	Children []htmlItem
	Source   htmlSource
}

func (t htmlText) Empty() bool { return len(t.Spans) == 0 && len(t.Children) == 0 }

// clean makes framework text fit for a page: control characters and
// bidirectional overrides become U+FFFD (html/template escapes the rest).
func clean(s string) string { return termSafe(s) }

func sourceOf(it *framework.Item) htmlSource {
	if it == nil || it.Source.File == "" {
		return htmlSource{}
	}
	var s htmlSource
	s.File = clean(it.Source.File)
	if i := strings.LastIndexByte(s.File, '/'); i >= 0 {
		s.Dir, s.File = s.File[:i], s.File[i+1:]
	}
	if it.Source.Line > 0 {
		s.File += fmt.Sprintf(":%d", it.Source.Line)
	}
	return s
}

func itemOf(it *framework.Item) htmlItem {
	h := htmlItem{Text: clean(it.Text), Source: sourceOf(it)}
	for _, c := range it.Children {
		h.Children = append(h.Children, itemOf(c))
	}
	return h
}

// plainText is an item's text and nested items, or op ("del", "ins")
// around its text.
func plainText(it *framework.Item, op string) htmlText {
	if it == nil {
		return htmlText{}
	}
	h := itemOf(it)
	return htmlText{Spans: []htmlSpan{{op, h.Text}}, Children: h.Children, Source: h.Source}
}

// diffText is a word diff for one side ("from", "to") or both.
func diffText(ops []compare.Op, side string) []htmlSpan {
	var out []htmlSpan
	for _, op := range ops {
		t := clean(op.Text)
		switch op.Op {
		case compare.OpEqual:
			out = append(out, htmlSpan{"", t})
		case compare.OpDelete:
			if side != "to" {
				out = append(out, htmlSpan{"del", t})
			}
		case compare.OpInsert:
			if side != "from" {
				out = append(out, htmlSpan{"ins", t})
			}
		}
	}
	return out
}

// htmlRow is one change: its kind, both sides and the unified text.
type htmlRow struct {
	htmlMark
	// Note says more about the change ("from Pillar", a score).
	Note           string
	From, To, Both htmlText
}

// htmlPillar is one pillar's section of a comparison.
type htmlPillar struct {
	ID, Name, Note string
	// Empty says the pillar changed but has no items.
	Empty string
	Rows  []htmlRow
}

// htmlCounts is a summary row: a name and a count per kind.
type htmlCounts struct {
	Name   string
	Counts []int
}

// htmlCompare is everything a comparison section shows.
type htmlCompare struct {
	FromName, ToName string
	// Heading is the heading level of the pillars (2 or 3).
	Heading int
	Pillars []htmlPillar
}

// changeRow builds one change.
func changeRow(c compare.Change, explain bool) htmlRow {
	row := htmlRow{htmlMark: markOf(string(c.Kind))}
	switch {
	case c.Diff != nil && c.From != nil && c.To != nil:
		row.From = htmlText{Spans: diffText(c.Diff, "from"), Source: sourceOf(c.From)}
		row.To = htmlText{Spans: diffText(c.Diff, "to"), Source: sourceOf(c.To)}
		row.Both = htmlText{Spans: diffText(c.Diff, "both"), Source: sourceOf(c.To)}
	default:
		row.From, row.To = plainText(c.From, ""), plainText(c.To, "")
		switch {
		case c.From == nil:
			row.Both = plainText(c.To, "ins")
		case c.To == nil:
			row.Both = plainText(c.From, "del")
		default:
			row.Both = plainText(c.To, "")
		}
	}
	var notes []string
	if c.From != nil && c.To != nil && c.FromPillar != "" && c.ToPillar != "" && c.FromPillar != c.ToPillar {
		notes = append(notes, "from "+clean(c.FromPillar))
	}
	if explain && c.From != nil && c.To != nil {
		notes = append(notes, fmt.Sprintf("score %.2f", c.Score))
	}
	row.Note = strings.Join(notes, ", ")
	return row
}

// comparePillars builds the pillar sections of a report, keeping the
// changes keep says to show.
func comparePillars(pillars []compare.PillarReport, keep func(compare.Kind) bool, explain bool, idPrefix string) []htmlPillar {
	var out []htmlPillar
	ids := map[string]int{}
	for _, p := range pillars {
		hp := htmlPillar{Name: clean(p.Name)}
		switch {
		case p.Status == compare.PillarAdded || p.Status == compare.PillarRemoved:
			hp.Note = string(p.Status)
		case p.RenamedFrom != "":
			hp.Note = "renamed from " + clean(p.RenamedFrom)
		}
		for _, c := range p.Changes {
			if keep(c.Kind) {
				hp.Rows = append(hp.Rows, changeRow(c, explain))
			}
		}
		if len(hp.Rows) == 0 {
			switch {
			case len(p.Changes) == 0 && p.Status != compare.PillarSame:
				hp.Empty = "(no items)"
			case p.RenamedFrom != "" && !p.Summary.Changed():
				hp.Empty = "(items unchanged)"
			default:
				continue
			}
		}
		id := idPrefix + htmlID(p.Key)
		ids[id]++
		if n := ids[id]; n > 1 {
			id = fmt.Sprintf("%s-%d", id, n)
		}
		hp.ID = id
		out = append(out, hp)
	}
	return out
}

// htmlID makes an id attribute from a key: letters, digits and '-'.
func htmlID(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
			b.WriteByte('-')
		}
	}
	id := strings.TrimSuffix(b.String(), "-")
	if id == "" {
		id = "x"
	}
	return id
}

// reportKinds counts a report's changes by kind (every change, shown or
// not, like the summaries of the other formats) and lists the kinds in
// display order: compare.Kinds, then any other kind seen.
func reportKinds(pillars []compare.PillarReport) (kinds []string, perPillar []htmlCounts, total htmlCounts) {
	var order, seen []string
	for _, k := range compare.Kinds {
		order = append(order, string(k))
	}
	for _, p := range pillars {
		for _, c := range p.Changes {
			seen = append(seen, string(c.Kind))
		}
	}
	kinds = kindOrder(order, seen)
	index := map[string]int{}
	for i, k := range kinds {
		index[k] = i
	}
	total = htmlCounts{Name: "Total", Counts: make([]int, len(kinds))}
	for _, p := range pillars {
		row := htmlCounts{Name: clean(p.Name), Counts: make([]int, len(kinds))}
		for _, c := range p.Changes {
			row.Counts[index[string(c.Kind)]]++
			total.Counts[index[string(c.Kind)]]++
		}
		perPillar = append(perPillar, row)
	}
	return kinds, perPillar, total
}

// htmlSummary is the top of a page: counts per kind, a table per pillar
// and the legend of the kinds the page shows.
type htmlSummary struct {
	Marks   []htmlMark // every kind, with its total
	Columns []htmlMark
	Rows    []htmlCounts
	Total   htmlCounts
	Legend  []htmlMark // the kinds present in the page
}

func summaryOf(kinds []string, rows []htmlCounts, total htmlCounts, shown []string) htmlSummary {
	s := htmlSummary{Rows: rows, Total: total}
	for i, k := range kinds {
		m := markOf(k)
		m.Count = total.Counts[i]
		s.Marks = append(s.Marks, m)
		s.Columns = append(s.Columns, m)
		if slices.Contains(shown, k) {
			s.Legend = append(s.Legend, m)
		}
	}
	return s
}

// htmlControls are the filters the page's script turns on.
type htmlControls struct {
	Kinds   []htmlMark
	Pillars []htmlPillar
	// Views offers the side-by-side / unified toggle.
	Views bool
	// Unified is the view without script.
	Unified bool
}

// htmlDoc is one page.
type htmlDoc struct {
	Title    string
	Subtitle string
	// Class is the page kind ("compare", "gap", ...), on <body>.
	Class string
	// Nav are links to the other pages of a document set.
	Nav []htmlLink
	CSP string
	CSS template.CSS
	JS  template.JS
	// Body is the page's main content, rendered by its own template.
	Body template.HTML
	// Unified starts the page in the one-column view.
	Unified bool
	// Credit names the framework's source in the footer, as plain text
	// (DocsOptions.Credit); empty for none.
	Credit string
}

// htmlLink is a link between pages of a document set.
type htmlLink struct {
	Href, Text string
	Current    bool
}

type htmlAssets struct {
	t       *template.Template
	css, js string
	jsHash  string
}

var loadHTML = sync.OnceValues(func() (*htmlAssets, error) {
	css, err := htmlFS.ReadFile("html/style.css")
	if err != nil {
		return nil, err
	}
	js, err := htmlFS.ReadFile("html/script.js")
	if err != nil {
		return nil, err
	}
	t, err := template.New("page.tmpl").Funcs(template.FuncMap{}).ParseFS(htmlFS, "html/page.tmpl")
	if err != nil {
		return nil, err
	}
	return &htmlAssets{t: t, css: string(css), js: string(js), jsHash: cspHash(string(js))}, nil
})

func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// writeHTML renders the body template name with data inside the page
// layout. kinds are the kinds whose colours the page needs; script says
// whether the page gets the filtering script.
func writeHTML(w io.Writer, doc htmlDoc, name string, data any, kinds []string, script bool) error {
	a, err := loadHTML()
	if err != nil {
		return err
	}
	var body bytes.Buffer
	if err := a.t.ExecuteTemplate(&body, name, data); err != nil {
		return err
	}
	doc.Body = template.HTML(body.String()) // html/template's own output
	css := a.css + kindCSS(kinds)
	doc.CSS = template.CSS(css)
	scriptSrc := "'none'"
	if script {
		doc.JS = template.JS(a.js)
		scriptSrc = a.jsHash
	}
	// Nothing may load from anywhere: no fonts, images, frames or
	// connections; only this page's stylesheet and script run.
	doc.CSP = "default-src 'none'; style-src " + cspHash(css) + "; script-src " + scriptSrc +
		"; img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
	var out bytes.Buffer
	if err := a.t.ExecuteTemplate(&out, "page", doc); err != nil {
		return err
	}
	_, err = w.Write(out.Bytes())
	return err
}

// comparePage is the body of a comparison page.
type comparePage struct {
	Summary  htmlSummary
	Controls htmlControls
	Compare  htmlCompare
	Empty    bool
}

// compareBody builds a comparison's page body and the kinds it shows.
func compareBody(r *compare.Report, o CompareOptions) (comparePage, []string) {
	kinds, rows, total := reportKinds(r.Pillars)
	pillars := comparePillars(r.Pillars, o.keep, o.Explain, "p-")
	var shown []string
	for _, p := range pillars {
		for _, row := range p.Rows {
			shown = append(shown, row.Kind)
		}
	}
	shown = kindOrder(nil, shown)
	shown = slices.DeleteFunc(slices.Clone(kinds), func(k string) bool { return !slices.Contains(shown, k) })
	page := comparePage{
		Summary: summaryOf(kinds, rows, total, shown),
		Compare: htmlCompare{FromName: clean(r.FromRef), ToName: clean(r.ToRef), Heading: 2, Pillars: pillars},
		Empty:   len(pillars) == 0,
	}
	page.Controls = htmlControls{Kinds: page.Summary.Legend, Pillars: pillars, Views: true, Unified: o.Diff}
	return page, kinds
}

// WriteCompareHTML writes a comparison as one self-contained HTML page:
// the summary counts, a legend, then each pillar side by side (or as
// one column with --view diff), word changes as <del> and <ins>, each
// item with its source file and line. The page reads without
// JavaScript; a small inline script adds filters and a view toggle.
func WriteCompareHTML(w io.Writer, r *compare.Report, o CompareOptions) error {
	page, kinds := compareBody(r, o)
	doc := htmlDoc{
		Title:    clean(r.FromRef) + " → " + clean(r.ToRef),
		Subtitle: fmt.Sprintf("Comparison of two levels, similarity threshold %.2f", r.Threshold),
		Class:    "compare",
		Unified:  o.Diff,
	}
	return writeHTML(w, doc, "compare", page, kinds, !page.Empty)
}

// gapRow is one expectation of a promotion gap.
type gapRow struct {
	htmlMark
	// ID names the checkbox of the checklist.
	ID string
	// Label says where the kind comes from ("new at senior").
	Label string
	Text  htmlText
}

type gapPillar struct {
	ID, Name string
	Rows     []gapRow
}

type gapPage struct {
	Summary   htmlSummary
	Controls  htmlControls
	Checklist bool
	Intro     string
	Pillars   []gapPillar
}

// gapKindNames lists the gap kinds in display order.
var gapKindNames = []string{string(compare.GapNew), string(compare.GapStrengthened), string(compare.GapCarried), string(compare.GapDropped)}

// WriteGapHTML writes a promotion gap as one self-contained HTML page;
// with Checklist, a worksheet whose new and strengthened expectations
// are real checkboxes (they print as empty boxes).
func WriteGapHTML(w io.Writer, g *compare.GapReport, o GapOptions) error {
	var seen []string
	for _, p := range g.Pillars {
		for _, gi := range p.Items {
			seen = append(seen, string(gi.Kind))
		}
	}
	kinds := kindOrder(gapKindNames, seen)
	index := map[string]int{}
	for i, k := range kinds {
		index[k] = i
	}
	total := htmlCounts{Name: "Total", Counts: make([]int, len(kinds))}
	var rows []htmlCounts
	page := gapPage{Checklist: o.Checklist}
	var shown []string
	n := 0
	ids := map[string]int{}
	for _, p := range g.Pillars {
		pc := htmlCounts{Name: clean(p.Name), Counts: make([]int, len(kinds))}
		gp := gapPillar{Name: clean(p.Name)}
		for _, gi := range p.Items {
			pc.Counts[index[string(gi.Kind)]]++
			total.Counts[index[string(gi.Kind)]]++
			keep := o.keep(gi.Kind)
			if o.Checklist {
				keep = gi.Kind == compare.GapNew || gi.Kind == compare.GapStrengthened
			}
			if !keep {
				continue
			}
			n++
			row := gapRow{htmlMark: markOf(string(gi.Kind)), ID: fmt.Sprintf("item-%d", n), Label: clean(gapLabel(gi))}
			switch gi.Kind {
			case compare.GapStrengthened:
				row.Text = htmlText{Spans: diffText(gi.Diff, "both"), Source: sourceOf(gi.Item)}
			case compare.GapDropped:
				row.Text = plainText(gi.Item, "del")
			default:
				row.Text = plainText(gi.Item, "")
			}
			gp.Rows = append(gp.Rows, row)
			shown = append(shown, string(gi.Kind))
		}
		rows = append(rows, pc)
		if len(gp.Rows) == 0 {
			continue
		}
		gp.ID = "p-" + htmlID(p.Key)
		ids[gp.ID]++
		if k := ids[gp.ID]; k > 1 {
			gp.ID = fmt.Sprintf("%s-%d", gp.ID, k)
		}
		page.Pillars = append(page.Pillars, gp)
	}
	shown = slices.DeleteFunc(slices.Clone(kinds), func(k string) bool { return !slices.Contains(shown, k) })
	page.Summary = summaryOf(kinds, rows, total, shown)
	var ctlPillars []htmlPillar
	for _, p := range page.Pillars {
		ctlPillars = append(ctlPillars, htmlPillar{ID: p.ID, Name: p.Name})
	}
	if !o.Checklist {
		page.Controls = htmlControls{Kinds: page.Summary.Legend, Pillars: ctlPillars}
	}
	from, to := g.Path[0], g.Path[len(g.Path)-1]
	doc := htmlDoc{Title: clean(gapTitle(g)), Subtitle: "What " + clean(to.Name) + " expects that " + clean(from.Name) + " does not", Class: "gap"}
	if o.Checklist {
		doc.Title = "Promotion worksheet: " + clean(from.Name) + " → " + clean(to.Name)
		doc.Class = "checklist"
		page.Intro = "What " + clean(to.Name) + " expects beyond " + clean(from.Name) + ". Tick each item once you have evidence for it."
	}
	return writeHTML(w, doc, "gap", page, kinds, !o.Checklist && len(page.Pillars) > 0)
}

type levelsPage struct {
	Levels  []htmlLink
	Rows    []htmlCounts2
	Totals  []string
	Caption string
}

// htmlCounts2 is a row of cells that are counts or notes ("-", "note").
type htmlCounts2 struct {
	Name  string
	Cells []string
}

func levelsBody(fw *framework.Framework, levelHref func(i int) string) levelsPage {
	keys, names := pillarColumns(fw)
	page := levelsPage{Caption: "Top-level items per pillar at each level (“-”: the level has no such pillar; “note”: a section with text but no items)."}
	cols := make([][]string, len(fw.Levels))
	for i, lv := range fw.Levels {
		var total int
		cols[i], total = levelCells(lv, keys)
		l := htmlLink{Text: clean(lv.Name)}
		if levelHref != nil {
			l.Href = levelHref(i)
		}
		page.Levels = append(page.Levels, l)
		page.Totals = append(page.Totals, fmt.Sprint(total))
	}
	for r, name := range names {
		row := htmlCounts2{Name: clean(name)}
		for i := range fw.Levels {
			row.Cells = append(row.Cells, cols[i][r])
		}
		page.Rows = append(page.Rows, row)
	}
	return page
}

// WriteLevelsHTML writes the pillars × levels item counts as one
// self-contained HTML page.
func WriteLevelsHTML(w io.Writer, fw *framework.Framework) error {
	title := fw.Title
	if title == "" {
		title = "Levels"
	}
	doc := htmlDoc{Title: clean(title), Subtitle: fmt.Sprintf("%d levels", len(fw.Levels)), Class: "levels"}
	return writeHTML(w, doc, "levels", levelsBody(fw, nil), nil, false)
}

type diffLevel struct {
	ID, Ref, Status string
	SummaryDiff     []htmlSpan
	Includes        string
	Links           string
	Compare         htmlCompare
}

type diffInclude struct {
	ID, Path, Status, Affects string
	Compare                   htmlCompare
}

type diffPage struct {
	Summary   htmlSummary
	Line      string
	Levels    []htmlCounts2
	Unchanged string
	Controls  htmlControls
	Includes  []diffInclude
	Changed   []diffLevel
}

// WriteDiffHTML writes a framework diff as one self-contained HTML
// page: the summary, the changed include files (once), then each
// changed level's pillars side by side.
func WriteDiffHTML(w io.Writer, d *compare.FrameworkDiff, o DiffOptions) error {
	page := diffPage{Line: diffSummary(d, o) + "."}
	oldName, newName := clean(o.Old), clean(o.New)
	var all []compare.PillarReport
	notSame := func(k compare.Kind) bool { return k != compare.Same }
	var shown []string
	note := func(pp []htmlPillar) {
		for _, p := range pp {
			for _, r := range p.Rows {
				shown = append(shown, r.Kind)
			}
		}
	}
	for i, inc := range d.Includes {
		p := compare.PillarReport{Key: "changes", Name: "Changes", Status: compare.PillarChanged, Changes: inc.Changes}
		all = append(all, p)
		pp := comparePillars([]compare.PillarReport{p}, notSame, false, fmt.Sprintf("inc-%d-", i+1))
		note(pp)
		di := diffInclude{ID: fmt.Sprintf("inc-%d", i+1), Path: clean(inc.Path), Status: inc.Status, Affects: clean(strings.Join(inc.Affects, ", ")),
			Compare: htmlCompare{FromName: oldName, ToName: newName, Heading: 3}}
		for _, x := range pp {
			di.Compare.Pillars = append(di.Compare.Pillars, x.withoutHeading())
		}
		page.Includes = append(page.Includes, di)
	}
	var unchanged []string
	for i, l := range d.Levels {
		if l.Status == compare.LevelUnchanged {
			unchanged = append(unchanged, l.Ref)
			continue
		}
		s := l.Report.Summary
		status := string(l.Status)
		if len(l.Includes) > 0 {
			status += " (includes)"
		}
		page.Levels = append(page.Levels, htmlCounts2{Name: clean(l.Ref), Cells: []string{status, fmt.Sprint(s.Reworded), fmt.Sprint(s.Added), fmt.Sprint(s.Removed), fmt.Sprint(s.Moved)}})
		all = append(all, l.Report.Pillars...)
		dl := diffLevel{ID: fmt.Sprintf("level-%d", i+1), Ref: clean(l.Ref), Status: string(l.Status),
			Compare: htmlCompare{FromName: oldName, ToName: newName, Heading: 3}}
		if l.SummaryChanged {
			dl.SummaryDiff = diffText(l.SummaryDiff, "both")
		}
		if len(l.Includes) > 0 {
			dl.Includes = clean(strings.Join(l.Includes, ", "))
		}
		if !o.IgnoreLinks && len(l.LinkChanges) > 0 {
			dl.Links = fmt.Sprintf("Link targets changed in %d item%s.", len(l.LinkChanges), plural(len(l.LinkChanges)))
		}
		dl.Compare.Pillars = comparePillars(l.Report.Pillars, notSame, false, fmt.Sprintf("l%d-", i+1))
		note(dl.Compare.Pillars)
		page.Changed = append(page.Changed, dl)
	}
	if len(unchanged) > 0 {
		page.Unchanged = clean(strings.Join(unchanged, ", "))
	}
	kinds, _, total := reportKinds(all)
	shown = slices.DeleteFunc(slices.Clone(kinds), func(k string) bool { return !slices.Contains(shown, k) })
	page.Summary = summaryOf(kinds, nil, total, shown)
	// A diff shows what changed: the unchanged items of changed levels
	// are not news.
	page.Summary.Marks = slices.DeleteFunc(page.Summary.Marks, func(m htmlMark) bool { return m.Kind == string(compare.Same) })
	page.Controls = htmlControls{Kinds: page.Summary.Legend, Views: true}
	doc := htmlDoc{Title: "Career framework changes: " + oldName + " → " + newName, Class: "diff"}
	return writeHTML(w, doc, "diff", page, kinds, len(shown) > 0)
}

// withoutHeading is a pillar shown under its include file's heading.
func (p htmlPillar) withoutHeading() htmlPillar { p.Name = ""; return p }

// departmentLevels is one department's section of WriteDepartmentsLevelsHTML.
type departmentLevels struct {
	Name, Path string
	Count      int
	Levels     levelsPage
}

// WriteDepartmentsLevelsHTML writes the levels of every department of a
// framework as one self-contained HTML page: a section per department,
// each with its items-per-pillar table.
func WriteDepartmentsLevelsHTML(w io.Writer, ds []Department, title string) error {
	if title == "" {
		title = "Levels"
	}
	var body []departmentLevels
	for _, d := range ds {
		name := d.title()
		body = append(body, departmentLevels{Name: clean(name), Path: clean(d.Name), Count: len(d.Framework.Levels), Levels: levelsBody(d.Framework, nil)})
	}
	doc := htmlDoc{Title: clean(title), Subtitle: fmt.Sprintf("%d departments", len(ds)), Class: "levels"}
	return writeHTML(w, doc, "departments-levels", body, nil, false)
}
