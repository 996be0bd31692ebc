package render

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/ladder-cli/ladder/compare"
	"github.com/ladder-cli/ladder/framework"
)

// DocsOptions shape the document set of a whole framework.
type DocsOptions struct {
	// Hugo starts each page with YAML front matter (title, description,
	// weight), names the index _index.md so Hugo takes the folder as a
	// section, leaves the page title to the theme and links pages by
	// their Hugo URLs instead of their file names.
	Hugo bool
	// Progress, when set, is called after each page is rendered, with the
	// number of pages done, the total and the page's path.
	Progress func(done, total int, path string)
	// Credit, when set, replaces the framework's Credit (--credit). Every
	// page of the set ends with the credit ("Source: ..."), as licences
	// such as CC BY require of documents made from a framework; a set of
	// several departments credits o.Credit, or else each department's
	// credit, on its index.
	Credit string
}

// credit is the credit the pages of fw's set show: o.Credit, or else the
// framework's own.
func (o DocsOptions) credit(fw *framework.Framework) string {
	if c := strings.TrimSpace(o.Credit); c != "" {
		return c
	}
	return strings.TrimSpace(fw.Credit)
}

// docsCredit is the final paragraph of a Markdown page crediting the
// framework's source, escaped like other text; empty without a credit.
func docsCredit(credit string) string {
	if credit == "" {
		return ""
	}
	return "\n\nSource: " + mdCell(credit) + "\n"
}

// DocFile is one page of a document set: a slash-separated path relative
// to the output folder, and the page's bytes.
type DocFile struct {
	Path    string
	Content []byte
}

// docPage is a page while the set is being built.
type docPage struct {
	path        string
	title       string // front matter title
	description string // front matter description
	weight      int    // front matter weight, 0 for none
	heading     string // the Markdown H1, escaped, without "# "
	nav         string // a line of links under the heading
	body        string // the page after its heading and nav line
}

// docsPlan is what the Markdown and HTML document sets of a framework
// share: the paths of the level and comparison pages (ext their
// extension), the comparison of each pair of adjacent levels, and the
// progress report of each page written.
type docsPlan struct {
	levelPath, comparePath []string
	reports                []*compare.Report
	progress               func(path string)
}

func planDocs(fw *framework.Framework, o DocsOptions, ext string) docsPlan {
	n := len(fw.Levels)
	pairs := max(n-1, 0)
	total, done := 2+n+pairs, 0
	p := docsPlan{levelPath: make([]string, n), comparePath: make([]string, pairs), reports: make([]*compare.Report, pairs),
		progress: func(path string) {
			done++
			if o.Progress != nil {
				o.Progress(done, total, path)
			}
		}}
	names := newDocsNamer()
	for i, lv := range fw.Levels {
		p.levelPath[i] = "levels/" + names.unique("levels", docsFileSlug(lv.Slug)) + ext
	}
	for i := range p.comparePath {
		p.comparePath[i] = "compare/" + names.unique("compare", docsFileSlug(fw.Levels[i].Slug)+"-vs-"+docsFileSlug(fw.Levels[i+1].Slug)) + ext
		p.reports[i] = compare.Levels(fw.Levels[i], fw.Levels[i+1])
	}
	return p
}

// docsTitle is a document set's title: the framework's, else "Career
// framework: FOLDER".
func docsTitle(fw *framework.Framework) string {
	if fw.Title != "" {
		return fw.Title
	}
	title := "Career framework"
	if base := path.Base(fw.Dir); base != "" && base != "." && base != "/" {
		title += ": " + base
	}
	return title
}

// Docs renders the comparison document set of a framework: an index, a
// matrix page (pillars × levels with item counts and what is new at each
// level), one page per level and one side-by-side comparison per pair of
// adjacent levels, in that order. The paths are index.md (_index.md with
// Hugo), matrix.md, levels/SLUG.md and compare/FROM-vs-TO.md. It does no
// I/O, and the same framework always gives the same bytes.
func Docs(fw *framework.Framework, o DocsOptions) ([]DocFile, error) {
	n := len(fw.Levels)
	plan := planDocs(fw, o, ".md")
	pairs, levelPath, comparePath, reports, progress := len(plan.reports), plan.levelPath, plan.comparePath, plan.reports, plan.progress
	indexPath := "index.md"
	if o.Hugo {
		indexPath = "_index.md"
	}
	const matrixPath = "matrix.md"
	linker := func(from string) func(string) string {
		return func(to string) string { return docsLink(from, to, o.Hugo) }
	}

	// The comparisons' pages first: the matrix and the index link them.
	comparePages := make([]*docPage, pairs)
	for i := range reports {
		from, to := fw.Levels[i], fw.Levels[i+1]
		var b bytes.Buffer
		if err := WriteCompareMarkdown(&b, reports[i], CompareOptions{}); err != nil {
			return nil, err
		}
		link := linker(comparePath[i])
		nav := []string{
			"[Index](" + link(indexPath) + ")",
			"[Matrix](" + link(matrixPath) + ")",
			"Levels: [" + mdCell(from.Name) + "](" + link(levelPath[i]) + ") → [" + mdCell(to.Name) + "](" + link(levelPath[i+1]) + ")",
		}
		if i > 0 {
			nav = append(nav, "Previous: ["+docsPairTitle(fw, i-1)+"]("+link(comparePath[i-1])+")")
		}
		if i+1 < pairs {
			nav = append(nav, "Next: ["+docsPairTitle(fw, i+1)+"]("+link(comparePath[i+1])+")")
		}
		p := &docPage{
			path:        comparePath[i],
			title:       from.Name + " → " + to.Name,
			description: fmt.Sprintf("What changes from %s to %s: %s.", from.Name, to.Name, summaryLine(reports[i].Summary)),
			weight:      100 + i,
			heading:     docsPairTitle(fw, i),
			nav:         strings.Join(nav, " · "),
			body:        docsStripHeading(b.String(), "# "+mdPlain(reports[i].FromRef)+" → "+mdPlain(reports[i].ToRef)+"\n\n"),
		}
		comparePages[i] = p
		progress(p.path)
	}

	levelPages := make([]*docPage, n)
	for i, lv := range fw.Levels {
		var b bytes.Buffer
		if err := WriteLevelMarkdown(&b, lv); err != nil {
			return nil, err
		}
		link := linker(levelPath[i])
		nav := []string{
			"[Index](" + link(indexPath) + ")",
			"[Matrix](" + link(matrixPath) + ")",
		}
		if i > 0 {
			nav = append(nav, "Level below: ["+mdCell(fw.Levels[i-1].Name)+"]("+link(levelPath[i-1])+") ([what changes]("+link(comparePath[i-1])+"))")
		}
		if i+1 < n {
			nav = append(nav, "Level above: ["+mdCell(fw.Levels[i+1].Name)+"]("+link(levelPath[i+1])+") ([what changes]("+link(comparePath[i])+"))")
		}
		desc := lv.Description
		if desc == "" {
			desc = "What the " + lv.Name + " level expects."
		}
		p := &docPage{
			path:        levelPath[i],
			title:       lv.Name,
			description: desc,
			weight:      10 + i,
			heading:     mdCell(lv.Name),
			nav:         strings.Join(nav, " · "),
			body:        docsStripHeading(b.String(), "# "+mdPlain(lv.Name)+"\n\n"),
		}
		levelPages[i] = p
		progress(p.path)
	}

	const matrixTitle = "Matrix: pillars × levels"
	matrix := &docPage{
		path:        matrixPath,
		title:       matrixTitle,
		description: "Items per pillar and level, and what is new at each level.",
		weight:      1,
		heading:     mdCell(matrixTitle),
		nav:         "[Index](" + linker(matrixPath)(indexPath) + ")",
		body:        docsMatrixBody(fw, reports, levelPath, comparePath, linker(matrixPath)),
	}
	progress(matrix.path)

	title := docsTitle(fw)
	index := &docPage{
		path:        indexPath,
		title:       title,
		description: "Every level of " + title + ", and what changes from each level to the next.",
		heading:     mdCell(title),
		body:        docsIndexBody(fw, reports, levelPath, comparePath, matrixPath, linker(indexPath)),
	}
	progress(index.path)

	pages := append([]*docPage{index, matrix}, levelPages...)
	pages = append(pages, comparePages...)
	out := make([]DocFile, 0, len(pages))
	for _, p := range pages {
		var b strings.Builder
		if o.Hugo {
			// The theme shows the title: no H1 in the page.
			fmt.Fprintf(&b, "---\ntitle: %s\ndescription: %s\n", docsYAMLQuote(p.title), docsYAMLQuote(p.description))
			if p.weight != 0 {
				fmt.Fprintf(&b, "weight: %d\n", p.weight)
			}
			b.WriteString("---\n\n")
		} else {
			fmt.Fprintf(&b, "# %s\n\n", p.heading)
		}
		var body strings.Builder
		if p.nav != "" {
			body.WriteString(p.nav + "\n\n")
		}
		body.WriteString(p.body)
		text := strings.TrimRight(body.String(), "\n") + docsCredit(o.credit(fw))
		if o.Hugo {
			text = docsHugoSafe(text)
		}
		b.WriteString(strings.TrimRight(text, "\n") + "\n")
		out = append(out, DocFile{Path: p.path, Content: []byte(b.String())})
	}
	return out, nil
}

func docsPairTitle(fw *framework.Framework, i int) string {
	return mdCell(fw.Levels[i].Name) + " → " + mdCell(fw.Levels[i+1].Name)
}

func docsIndexBody(fw *framework.Framework, reports []*compare.Report, levelPath, comparePath []string, matrixPath string, link func(string) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Generated by `ladder docs` from %s: every level of the framework, and what changes from each level to the next.\n\n", mdCell(fw.Dir))
	fmt.Fprintf(&b, "- [Matrix: pillars × levels](%s): items per pillar and level, and what is new at each level.\n\n", link(matrixPath))
	b.WriteString("## Levels\n\nFrom first to last:\n\n")
	for i, lv := range fw.Levels {
		top := 0
		for _, p := range lv.Pillars {
			top += len(p.Items)
		}
		fmt.Fprintf(&b, "%d. [%s](%s) (%s): %d item%s\n", i+1, mdCell(lv.Name), link(levelPath[i]), mdCell(lv.Slug), top, plural(top))
	}
	b.WriteString("\n")
	if len(reports) > 0 {
		b.WriteString("## From one level to the next\n\n")
		for i, r := range reports {
			fmt.Fprintf(&b, "- [%s](%s): %s\n", docsPairTitle(fw, i), link(comparePath[i]), summaryLine(r.Summary))
		}
	}
	return b.String()
}

func docsMatrixBody(fw *framework.Framework, reports []*compare.Report, levelPath, comparePath []string, link func(string) string) string {
	keys, names := pillarColumns(fw)
	var b strings.Builder
	b.WriteString("Top-level items per pillar at each level (\"-\": the level has no such pillar, \"note\": a section with text but no items).\n\n")
	b.WriteString("| Pillar |")
	for i, lv := range fw.Levels {
		fmt.Fprintf(&b, " [%s](%s) |", mdCell(lv.Name), link(levelPath[i]))
	}
	b.WriteString("\n|---|")
	for range fw.Levels {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	cols := make([][]string, len(fw.Levels))
	totals := make([]int, len(fw.Levels))
	for i, lv := range fw.Levels {
		cols[i], totals[i] = levelCells(lv, keys)
	}
	for r, name := range names {
		fmt.Fprintf(&b, "| %s |", mdCell(name))
		for i := range fw.Levels {
			b.WriteString(" " + cols[i][r] + " |")
		}
		b.WriteString("\n")
	}
	b.WriteString("| **Total** |")
	for _, t := range totals {
		fmt.Fprintf(&b, " %d |", t)
	}
	b.WriteString("\n\n")

	b.WriteString("## New at each level\n\n")
	if len(reports) == 0 {
		b.WriteString("The framework has a single level: there is nothing to compare.\n")
		return b.String()
	}
	fmt.Fprintf(&b, "What each level changes compared with the level below. %s, the first level, has %d item%s.\n\n", mdCell(fw.Levels[0].Name), totals[0], plural(totals[0]))
	b.WriteString("| Level | Level below | Added | Reworded | Moved | Removed | Same | Side by side |\n|---|---|---:|---:|---:|---:|---:|---|\n")
	for i, r := range reports {
		s := r.Summary
		fmt.Fprintf(&b, "| [%s](%s) | [%s](%s) | %d | %d | %d | %d | %d | [%s](%s) |\n",
			mdCell(fw.Levels[i+1].Name), link(levelPath[i+1]), mdCell(fw.Levels[i].Name), link(levelPath[i]),
			s.Added, s.Reworded, s.Moved, s.Removed, s.Same, docsPairTitle(fw, i), link(comparePath[i]))
	}
	b.WriteString("\n### Added and reworded, by pillar\n\n")
	b.WriteString("Items added (+) and reworded (~) in each pillar compared with the level below.\n\n| Pillar |")
	for i := range reports {
		fmt.Fprintf(&b, " [%s](%s) |", mdCell(fw.Levels[i+1].Name), link(comparePath[i]))
	}
	b.WriteString("\n|---|")
	for range reports {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for ki, key := range keys {
		fmt.Fprintf(&b, "| %s |", mdCell(names[ki]))
		for i, r := range reports {
			cell := "-"
			if fw.Levels[i+1].Pillar(key) != nil {
				var s compare.Summary
				for _, p := range r.Pillars {
					if p.Key == key {
						s = p.Summary
					}
				}
				cell = mdCell(fmt.Sprintf("+%d ~%d", s.Added, s.Reworded))
			}
			b.WriteString(" " + cell + " |")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// docsStripHeading removes the H1 a page writer put first (the set
// writes its own, on one line whatever the names hold).
func docsStripHeading(s, h1 string) string {
	if rest, ok := strings.CutPrefix(s, h1); ok {
		return rest
	}
	if strings.HasPrefix(s, "# ") {
		_, rest, _ := strings.Cut(s, "\n")
		return strings.TrimLeft(rest, "\n")
	}
	return s
}

// docsLink is the relative link from the page at path from to the page at
// path to: the file itself for Markdown, or, with Hugo, the page's URL
// (levels/senior.md is served at levels/senior/, _index.md at the
// section's own URL).
func docsLink(from, to string, hugo bool) string {
	if !hugo {
		rel := docsRelPath(path.Dir(from), to)
		return rel
	}
	url := func(p string) string {
		p = strings.TrimSuffix(p, ".md")
		if path.Base(p) == "_index" {
			return path.Dir(p)
		}
		return p
	}
	rel := docsRelPath(url(from), url(to))
	if rel == "." {
		return "./"
	}
	return rel + "/"
}

// docsRelPath is the slash-separated path to target relative to the folder
// dir, both relative to the same root.
func docsRelPath(dir, target string) string {
	split := func(p string) []string {
		if p == "." || p == "" {
			return nil
		}
		return strings.Split(p, "/")
	}
	d, t := split(dir), split(target)
	i := 0
	for i < len(d) && i < len(t) && d[i] == t[i] {
		i++
	}
	parts := make([]string, 0, len(d)-i+len(t)-i)
	for range d[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, t[i:]...)
	if len(parts) == 0 {
		return "."
	}
	return strings.Join(parts, "/")
}

// docsFileSlug makes a level slug safe as a file name and a URL path segment
// on every system: lower-case ASCII letters, digits, '-', '_' and '.',
// never starting with '.' or '_'.
func docsFileSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '.':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	out := strings.TrimLeft(b.String(), "._-")
	if out == "" {
		return "level"
	}
	return out
}

// docsNamer hands out file names unique within a folder, case-insensitively,
// and never "index" (Hugo's leaf-bundle marker).
type docsNamer struct{ used map[string]bool }

func newDocsNamer() *docsNamer { return &docsNamer{used: map[string]bool{}} }

func (n *docsNamer) unique(dir, name string) string {
	cand := name
	if strings.EqualFold(cand, "index") {
		cand = name + "-level"
	}
	for k := 2; n.used[dir+"/"+strings.ToLower(cand)]; k++ {
		cand = name + "-" + strconv.Itoa(k)
	}
	n.used[dir+"/"+strings.ToLower(cand)] = true
	return cand
}

// docsYAMLQuote writes s as a YAML double-quoted scalar.
func docsYAMLQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == '\u2028' || r == '\u2029' || r == '\ufeff':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// docsHugoSafe keeps framework text from opening a Hugo shortcode in the
// page: "{{<" and "{{%" would be parsed as shortcode calls.
func docsHugoSafe(s string) string {
	return strings.NewReplacer("{{<", "{{&lt;", "{{%", "{{&#37;").Replace(s)
}

// DocsDepartments renders the document set of a framework with several
// departments: each department's set (see Docs) in a folder named after
// the department's path, and an index (index.md, or _index.md with Hugo)
// linking each department's index.
func DocsDepartments(ds []Department, title string, o DocsOptions) ([]DocFile, error) {
	indexPath := "index.md"
	if o.Hugo {
		indexPath = "_index.md"
	}
	var list strings.Builder
	out, err := departmentSets(ds, o, Docs, func(d Department, folder string) {
		name := d.title()
		fmt.Fprintf(&list, "- [%s](%s) (`%s`): %d level%s\n", mdCell(name), docsLink(indexPath, folder+"/"+indexPath, o.Hugo),
			slugCode.Replace(termSafe(d.Name)), len(d.Framework.Levels), plural(len(d.Framework.Levels)))
	})
	if err != nil {
		return nil, err
	}
	if title == "" {
		title = "Career framework"
	}
	var b strings.Builder
	if o.Hugo {
		fmt.Fprintf(&b, "---\ntitle: %s\ndescription: %s\n---\n\n", docsYAMLQuote(title), docsYAMLQuote("Every department of "+title+"."))
	} else {
		fmt.Fprintf(&b, "# %s\n\n", mdCell(title))
	}
	body := "Generated by `ladder docs`: one document set per department.\n\n## Departments\n\n" + list.String()
	if c := docsCredit(departmentsCredit(ds, o)); c != "" {
		body = strings.TrimRight(body, "\n") + c
	}
	if o.Hugo {
		body = docsHugoSafe(body)
	}
	b.WriteString(body)
	index := DocFile{Path: indexPath, Content: []byte(b.String())}
	return append([]DocFile{index}, out...), nil
}

// departmentsCredit is the credit of the index of several departments:
// o.Credit, or else the departments' distinct credits, in order.
func departmentsCredit(ds []Department, o DocsOptions) string {
	if c := strings.TrimSpace(o.Credit); c != "" {
		return c
	}
	var out []string
	for _, d := range ds {
		if c := o.credit(d.Framework); c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return strings.Join(out, "; ")
}

// departmentSets renders each department's document set with docs into
// a folder named after the department's path, and calls listed with the
// department and its folder, in order.
func departmentSets(ds []Department, o DocsOptions, docs func(*framework.Framework, DocsOptions) ([]DocFile, error), listed func(d Department, folder string)) ([]DocFile, error) {
	var out []DocFile
	used := newDocsNamer()
	for _, d := range ds {
		var parts []string
		for _, p := range strings.Split(d.Name, "/") {
			parts = append(parts, docsFileSlug(p))
		}
		folder := used.unique("", strings.Join(parts, "/"))
		files, err := docs(d.Framework, o)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			out = append(out, DocFile{Path: folder + "/" + f.Path, Content: f.Content})
		}
		listed(d, folder)
	}
	return out, nil
}
