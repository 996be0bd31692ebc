package render

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/framework"
)

// docsHTMLIndex is the index body of the HTML document set.
type docsHTMLIndex struct {
	Dir    string
	Matrix string
	Levels []docsHTMLLevelLink
	Pairs  []docsHTMLPair
}

type docsHTMLLevelLink struct {
	Href, Name, Slug string
	Items            int
}

type docsHTMLPair struct {
	Href, Title, Summary string
	Counts               []int
}

// docsHTMLMatrix is the matrix body.
type docsHTMLMatrix struct {
	Levels  levelsPage
	Columns []htmlMark
	Pairs   []docsHTMLPair
	Single  bool
}

// docsHTMLLevel is a level page's body.
type docsHTMLLevel struct {
	Summary  string
	Inherits string
	Pillars  []docsHTMLPillar
}

type docsHTMLPillar struct {
	ID, Name, Note string
	Groups         []docsHTMLGroup
}

type docsHTMLGroup struct {
	Name  string
	Items []htmlItem
}

// DocsHTML renders the document set of a framework as HTML pages, each
// self-contained like the other HTML output: index.html, matrix.html,
// levels/SLUG.html and compare/FROM-vs-TO.html, linked to each other
// by relative links. o.Hugo is ignored. The same framework always gives
// the same bytes.
func DocsHTML(fw *framework.Framework, o DocsOptions) ([]DocFile, error) {
	plan := planDocs(fw, o, ".html")
	pairs, levelPath, comparePath, reports, progress := len(plan.reports), plan.levelPath, plan.comparePath, plan.reports, plan.progress
	const indexPath, matrixPath = "index.html", "matrix.html"
	rel := func(from, to string) string { return docsRelPath(path.Dir(from), to) }
	nav := func(from string, extra ...htmlLink) []htmlLink {
		links := []htmlLink{{Href: rel(from, indexPath), Text: "Index"}, {Href: rel(from, matrixPath), Text: "Matrix"}}
		for i, lv := range fw.Levels {
			links = append(links, htmlLink{Href: rel(from, levelPath[i]), Text: clean(lv.Name)})
		}
		links = append(links, extra...)
		for i := range links {
			links[i].Current = links[i].Href == path.Base(from)
		}
		return links
	}
	title := docsTitle(fw)
	var out []DocFile
	credit := clean(o.credit(fw))
	page := func(p string, doc htmlDoc, name string, data any, kinds []string, script bool) error {
		doc.Credit = credit
		var b bytes.Buffer
		if err := writeHTML(&b, doc, name, data, kinds, script); err != nil {
			return err
		}
		out = append(out, DocFile{Path: p, Content: b.Bytes()})
		progress(p)
		return nil
	}
	pairTitle := func(i int) string { return clean(fw.Levels[i].Name) + " → " + clean(fw.Levels[i+1].Name) }

	var comparePages []DocFile
	for i := range reports {
		body, kinds := compareBody(reports[i], CompareOptions{})
		var extra []htmlLink
		if i > 0 {
			extra = append(extra, htmlLink{Href: rel(comparePath[i], comparePath[i-1]), Text: "← " + pairTitle(i-1)})
		}
		if i+1 < pairs {
			extra = append(extra, htmlLink{Href: rel(comparePath[i], comparePath[i+1]), Text: pairTitle(i+1) + " →"})
		}
		doc := htmlDoc{Title: pairTitle(i), Subtitle: "What changes from " + clean(fw.Levels[i].Name) + " to " + clean(fw.Levels[i+1].Name),
			Class: "compare", Nav: nav(comparePath[i], extra...)}
		if err := page(comparePath[i], doc, "compare", body, kinds, !body.Empty); err != nil {
			return nil, err
		}
	}
	comparePages, out = out, nil

	var levelPages []DocFile
	for i, lv := range fw.Levels {
		body := docsHTMLLevel{Summary: clean(lv.Summary)}
		if len(lv.Inherits) > 0 {
			body.Inherits = clean(strings.Join(lv.Inherits, ", "))
		}
		ids := map[string]int{}
		for _, p := range lv.Pillars {
			dp := docsHTMLPillar{ID: "p-" + htmlID(p.Key), Name: clean(joinPath(p.Path)), Note: clean(p.Note)}
			ids[dp.ID]++
			if k := ids[dp.ID]; k > 1 {
				dp.ID = fmt.Sprintf("%s-%d", dp.ID, k)
			}
			for j, it := range p.Items {
				if j == 0 || it.Group != p.Items[j-1].Group {
					dp.Groups = append(dp.Groups, docsHTMLGroup{Name: clean(it.Group)})
				}
				g := &dp.Groups[len(dp.Groups)-1]
				g.Items = append(g.Items, itemOf(it))
			}
			body.Pillars = append(body.Pillars, dp)
		}
		sub := clean(lv.Slug)
		if lv.Description != "" {
			sub = clean(lv.Description)
		}
		doc := htmlDoc{Title: clean(lv.Name), Subtitle: sub, Class: "level", Nav: nav(levelPath[i])}
		if err := page(levelPath[i], doc, "docs-level", body, nil, false); err != nil {
			return nil, err
		}
	}
	levelPages, out = out, nil

	var pairRows []docsHTMLPair
	var kinds []string
	for _, k := range compare.Kinds {
		kinds = append(kinds, string(k))
	}
	for _, r := range reports {
		ks, _, _ := reportKinds(r.Pillars)
		kinds = kindOrder(kinds, ks)
	}
	var columns []htmlMark
	for _, k := range kinds {
		columns = append(columns, markOf(k))
	}
	for i, r := range reports {
		ks, _, tot := reportKinds(r.Pillars)
		counts := make([]int, len(kinds))
		for j, k := range ks {
			for c, kk := range kinds {
				if kk == k {
					counts[c] = tot.Counts[j]
				}
			}
		}
		pairRows = append(pairRows, docsHTMLPair{Href: comparePath[i], Title: pairTitle(i), Summary: summaryLine(r.Summary), Counts: counts})
	}
	matrix := docsHTMLMatrix{Levels: levelsBody(fw, func(i int) string { return levelPath[i] }), Columns: columns, Pairs: pairRows, Single: pairs == 0}
	doc := htmlDoc{Title: "Matrix: pillars × levels", Subtitle: "Items per pillar and level, and what changes at each level", Class: "matrix", Nav: nav(matrixPath)}
	if err := page(matrixPath, doc, "docs-matrix", matrix, kinds, false); err != nil {
		return nil, err
	}
	index := docsHTMLIndex{Dir: clean(fw.Dir), Matrix: matrixPath, Pairs: pairRows}
	for i, lv := range fw.Levels {
		top := 0
		for _, p := range lv.Pillars {
			top += len(p.Items)
		}
		index.Levels = append(index.Levels, docsHTMLLevelLink{Href: levelPath[i], Name: clean(lv.Name), Slug: clean(lv.Slug), Items: top})
	}
	doc = htmlDoc{Title: clean(title), Subtitle: "Every level, and what changes from each level to the next", Class: "index", Nav: nav(indexPath)}
	if err := page(indexPath, doc, "docs-index", index, nil, false); err != nil {
		return nil, err
	}
	// index, matrix, levels, comparisons: the order of the Markdown set.
	out = append([]DocFile{out[1], out[0]}, levelPages...)
	return append(out, comparePages...), nil
}

func joinPath(p []string) string { return strings.Join(p, " › ") }

// docsHTMLDepartment is one department in the index of DocsDepartmentsHTML.
type docsHTMLDepartment struct {
	Href, Name, Path string
	Levels           int
}

// DocsDepartmentsHTML renders the HTML document set of every department
// (DocsHTML), each in a folder named after its path, and an index.html
// linking them.
func DocsDepartmentsHTML(ds []Department, title string, o DocsOptions) ([]DocFile, error) {
	var list []docsHTMLDepartment
	out, err := departmentSets(ds, o, DocsHTML, func(d Department, folder string) {
		name := d.title()
		list = append(list, docsHTMLDepartment{Href: folder + "/index.html", Name: clean(name), Path: clean(d.Name), Levels: len(d.Framework.Levels)})
	})
	if err != nil {
		return nil, err
	}
	if title == "" {
		title = "Career framework"
	}
	var b bytes.Buffer
	if err := writeHTML(&b, htmlDoc{Title: clean(title), Subtitle: "Every department", Class: "index", Credit: clean(departmentsCredit(ds, o))}, "docs-departments", list, nil, false); err != nil {
		return nil, err
	}
	return append([]DocFile{{Path: "index.html", Content: b.Bytes()}}, out...), nil
}
