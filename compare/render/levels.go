package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ladder-cli/ladder/framework"
)

// LevelsSummary is the JSON shape of `ladder levels`.
type LevelsSummary struct {
	Levels []LevelSummary `json:"levels"`
}

// LevelSummary is one level in LevelsSummary.
type LevelSummary struct {
	Slug    string          `json:"slug"`
	Name    string          `json:"name"`
	Track   string          `json:"track,omitempty"`
	Pillars []PillarSummary `json:"pillars"`
}

// PillarSummary is one pillar in LevelSummary; Items counts top-level items.
type PillarSummary struct {
	Name  string `json:"name"`
	Key   string `json:"key"`
	Items int    `json:"items"`
	Note  bool   `json:"note,omitempty"`
}

// Summarize builds the levels summary of a framework.
func Summarize(fw *framework.Framework) LevelsSummary {
	s := LevelsSummary{Levels: []LevelSummary{}}
	for _, lv := range fw.Levels {
		ls := LevelSummary{Slug: lv.Slug, Name: lv.Name, Track: lv.Track, Pillars: []PillarSummary{}}
		for _, p := range lv.Pillars {
			ls.Pillars = append(ls.Pillars, PillarSummary{Name: p.Name, Key: p.Key, Items: len(p.Items), Note: len(p.Items) == 0 && p.Note != ""})
		}
		s.Levels = append(s.Levels, ls)
	}
	return s
}

// WriteLevelsJSON writes the levels summary as JSON.
func WriteLevelsJSON(w io.Writer, fw *framework.Framework) error {
	return writeJSON(w, Summarize(fw))
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Framework text is written as it is: "<", ">" and "&" stay
	// readable (JSON needs no escape for them outside HTML).
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// pillarColumns lists the pillars of all levels by key, in first-seen order.
func pillarColumns(fw *framework.Framework) (keys, names []string) {
	seen := map[string]bool{}
	for _, lv := range fw.Levels {
		for _, p := range lv.Pillars {
			if !seen[p.Key] {
				seen[p.Key] = true
				keys = append(keys, p.Key)
				names = append(names, p.Name)
			}
		}
	}
	return keys, names
}

func levelCells(lv *framework.Level, keys []string) (cells []string, total int) {
	for _, k := range keys {
		p := lv.Pillar(k)
		switch {
		case p == nil:
			cells = append(cells, "-")
		case len(p.Items) == 0 && p.Note != "":
			cells = append(cells, "note")
		default:
			cells = append(cells, strconv.Itoa(len(p.Items)))
			total += len(p.Items)
		}
	}
	return cells, total
}

// WriteLevelsTable writes pillars × levels item counts as a table.
func WriteLevelsTable(w io.Writer, fw *framework.Framework, o Options) error {
	keys, names := pillarColumns(fw)
	g := &grid{header: []string{"Pillar"}, flex: []bool{true}}
	cols := make([][]string, len(fw.Levels))
	totals := []span{{text: "Total"}}
	rowTotal := [][]span{totals}
	for i, lv := range fw.Levels {
		g.header = append(g.header, termSafe(trackSlug(lv)))
		g.flex = append(g.flex, false)
		var total int
		cols[i], total = levelCells(lv, keys)
		rowTotal = append(rowTotal, plain(strconv.Itoa(total)))
	}
	for r, name := range names {
		row := [][]span{plain(termSafe(name))}
		for i := range fw.Levels {
			row = append(row, plain(cols[i][r]))
		}
		g.add(row...)
	}
	g.add(rowTotal...)
	return g.write(w, o)
}

// WriteLevelsMarkdown writes levels × pillars item counts as a Markdown table.
func WriteLevelsMarkdown(w io.Writer, fw *framework.Framework) error {
	keys, names := pillarColumns(fw)
	var b strings.Builder
	b.WriteString("| Level |")
	for _, n := range names {
		b.WriteString(" " + mdCell(n) + " |")
	}
	b.WriteString(" Total |\n|---|")
	for range names {
		b.WriteString("---:|")
	}
	b.WriteString("---:|\n")
	for _, lv := range fw.Levels {
		cells, total := levelCells(lv, keys)
		fmt.Fprintf(&b, "| %s (`%s`) |", mdCell(lv.Name), slugCode.Replace(termSafe(trackSlug(lv))))
		for _, c := range cells {
			b.WriteString(" " + c + " |")
		}
		fmt.Fprintf(&b, " %d |\n", total)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteLevelJSON writes one level in the documented JSON shape.
func WriteLevelJSON(w io.Writer, lv *framework.Level) error { return writeJSON(w, lv) }

// WriteLevelMarkdown writes one level as a Markdown document.
func WriteLevelMarkdown(w io.Writer, lv *framework.Level) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdPlain(lv.Name))
	if lv.Summary != "" {
		fmt.Fprintf(&b, "%s\n\n", mdText(lv.Summary))
	}
	if len(lv.Inherits) > 0 {
		fmt.Fprintf(&b, "Also expected: all competencies of %s.\n\n", mdPlain(strings.Join(lv.Inherits, ", ")))
	}
	for _, p := range lv.Pillars {
		fmt.Fprintf(&b, "## %s\n\n", mdPlain(strings.Join(p.Path, " › ")))
		if p.Note != "" {
			fmt.Fprintf(&b, "%s\n\n", mdText(p.Note))
		}
		group := ""
		for i, it := range p.Items {
			if it.Group != group && it.Group != "" {
				if i > 0 {
					b.WriteString("\n")
				}
				fmt.Fprintf(&b, "**%s**\n\n", mdPlain(it.Group))
			}
			group = it.Group
			writeMDItem(&b, it, 0)
		}
		if len(p.Items) > 0 {
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

// slugCode makes a slug safe inside a code span in a table cell.
var slugCode = strings.NewReplacer("`", "", "|", "\\|", "\n", " ")

func writeMDItem(b *strings.Builder, it *framework.Item, depth int) {
	fmt.Fprintf(b, "%s- %s\n", strings.Repeat("  ", depth), mdSource(dropAnchorLinks(strings.ReplaceAll(it.Markdown, "\n", " "))))
	for _, c := range it.Children {
		writeMDItem(b, c, depth+1)
	}
}

// WriteLevelTable writes one level as a heading, its summary and a table
// of pillars and items.
func WriteLevelTable(w io.Writer, lv *framework.Level, o Options) error {
	var b strings.Builder
	if head := termSafe(lv.Name) + " (" + termSafe(lv.Slug) + ")"; textWidth(head) > o.width() {
		fmt.Fprintf(&b, "%s\n", o.paint(ansiBold, wrap(head, o.width())))
	} else {
		fmt.Fprintf(&b, "%s (%s)\n", o.paint(ansiBold, termSafe(lv.Name)), termSafe(lv.Slug))
	}
	if lv.Summary != "" {
		b.WriteString(wrap(termSafe(lv.Summary), o.width()))
		b.WriteString("\n")
	}
	if len(lv.Inherits) > 0 {
		fmt.Fprintf(&b, "%s\n", wrap("Also expected: all competencies of "+termSafe(strings.Join(lv.Inherits, ", "))+".", o.width()))
	}
	b.WriteString("\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	g := &grid{header: []string{"Pillar", "#", "Expectation"}, flex: []bool{true, false, true}, merge: true}
	for _, p := range lv.Pillars {
		name := plain(termSafe(strings.Join(p.Path, " › ")))
		if len(p.Items) == 0 {
			note := p.Note
			if note == "" {
				note = "(empty)"
			}
			g.add(name, plain(""), plain(termSafe(note)))
			continue
		}
		for i, it := range p.Items {
			var text []span
			if it.Group != "" {
				text = append(text, span{"[" + termSafe(it.Group) + "] ", ansiDim})
			}
			text = append(text, span{termSafe(it.Text) + childLines(it.Children, 1), ""})
			g.add(name, plain(strconv.Itoa(i+1)), text)
		}
	}
	return g.write(w, o)
}

func childLines(items []*framework.Item, depth int) string {
	var b strings.Builder
	for _, c := range items {
		b.WriteString("\n" + strings.Repeat("  ", depth) + "– " + termSafe(c.Text))
		b.WriteString(childLines(c.Children, depth+1))
	}
	return b.String()
}

// dropAnchorLinks keeps the text of links to anchors of the source page
// ("[leadership](#principal-leadership-competencies)"): our headings are
// not the page's, so the anchors would lead nowhere.
func dropAnchorLinks(md string) string {
	for {
		i := strings.Index(md, "](#")
		if i < 0 {
			return md
		}
		open := strings.LastIndexByte(md[:i], '[')
		end := strings.IndexByte(md[i:], ')')
		if open < 0 || end < 0 {
			return md
		}
		md = md[:open] + md[open+1:i] + md[i+end+1:]
	}
}

// trackSlug names a level with its track, "track/slug", in a framework
// with several tracks (the slug alone names a level every track shares).
func trackSlug(lv *framework.Level) string {
	if lv.Track == "" || strings.HasPrefix(lv.Slug, lv.Track+"/") {
		return lv.Slug
	}
	return lv.Track + "/" + lv.Slug
}

// Department is one department of a framework with several: its name
// (the path of its folder from the framework folder) and its levels.
type Department struct {
	Name      string
	Framework *framework.Framework
}

// title is the department's name for a heading: its framework's title,
// else its path.
func (d Department) title() string {
	if d.Framework.Title != "" {
		return d.Framework.Title
	}
	return d.Name
}

// DepartmentLevels is one department in DepartmentsSummary.
type DepartmentLevels struct {
	Department string `json:"department"`
	LevelsSummary
}

// DepartmentsSummary is the JSON shape of `ladder levels` over a
// framework with several departments.
type DepartmentsSummary struct {
	Departments []DepartmentLevels `json:"departments"`
}

// WriteDepartmentsLevelsJSON writes the levels summary of every
// department as JSON.
func WriteDepartmentsLevelsJSON(w io.Writer, ds []Department) error {
	s := DepartmentsSummary{Departments: []DepartmentLevels{}}
	for _, d := range ds {
		s.Departments = append(s.Departments, DepartmentLevels{Department: d.Name, LevelsSummary: Summarize(d.Framework)})
	}
	return writeJSON(w, s)
}

// WriteDepartmentsLevelsTable writes one levels table per department,
// each under a "== department" line.
func WriteDepartmentsLevelsTable(w io.Writer, ds []Department, o Options) error {
	return eachDepartment(w, ds, func(name string) string { return "== " + termSafe(name) + "\n" },
		func(fw *framework.Framework) error { return WriteLevelsTable(w, fw, o) })
}

// WriteDepartmentsLevelsMarkdown writes one levels table per department,
// each under a "## department" heading.
func WriteDepartmentsLevelsMarkdown(w io.Writer, ds []Department) error {
	return eachDepartment(w, ds, func(name string) string { return "## " + mdPlain(name) + "\n\n" },
		func(fw *framework.Framework) error { return WriteLevelsMarkdown(w, fw) })
}

// eachDepartment writes each department's heading line, then the
// department with write, a blank line between two departments.
func eachDepartment(w io.Writer, ds []Department, heading func(name string) string, write func(*framework.Framework) error) error {
	for i, d := range ds {
		sep := ""
		if i > 0 {
			sep = "\n"
		}
		if _, err := io.WriteString(w, sep+heading(d.Name)); err != nil {
			return err
		}
		if err := write(d.Framework); err != nil {
			return err
		}
	}
	return nil
}
