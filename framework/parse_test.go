package framework_test

import (
	"errors"
	"fmt"
	"path"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ladder-cli/ladder/framework"
)

// pillarSummary lists a level's pillars as "Name items+nested".
func pillarSummary(lv *framework.Level) []string {
	out := []string{}
	for _, p := range lv.Pillars {
		top, nested := p.Count()
		out = append(out, fmt.Sprintf("%s %d+%d", p.Name, top, nested))
	}
	return out
}

// lines joins lines with "\n" and ends the text with one.
func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

type pageCase struct {
	name     string
	file     string // default "senior.md"
	src      string
	pillars  []string // pillarSummary; nil: not checked
	title    string   // checked when not empty
	inherits []string // nil: must be empty
	check    func(t *testing.T, lv *framework.Level)
}

var pageCases = []pageCase{
	{
		name: "yaml front matter quoted title",
		src: lines(
			"---",
			`title: "Senior - Platform: Engineering"`,
			`description: 'What we expect'`,
			"---",
			"",
			"## Ownership",
			"",
			"1. Owns things.",
			"1. Ships things.",
		),
		title:   "Senior - Platform: Engineering",
		pillars: []string{"Ownership 2+0"},
		check: func(t *testing.T, lv *framework.Level) {
			if lv.Description != "What we expect" {
				t.Errorf("Description = %q", lv.Description)
			}
			if lv.Name != "Senior" {
				t.Errorf("Name = %q", lv.Name)
			}
			wantSource(t, "pillar", lv.Pillars[0].Source, 6)
			wantSource(t, "item 1", lv.Pillars[0].Items[0].Source, 8)
			wantSource(t, "item 2", lv.Pillars[0].Items[1].Source, 9)
		},
	},
	{
		name: "yaml front matter bare title",
		src: lines(
			"---",
			"title: Senior Engineer",
			"weight: 3",
			"---",
			"## Ownership",
			"- Owns things.",
		),
		title:   "Senior Engineer",
		pillars: []string{"Ownership 1+0"},
		check: func(t *testing.T, lv *framework.Level) {
			wantSource(t, "item", lv.Pillars[0].Items[0].Source, 6)
		},
	},
	{
		name: "toml front matter",
		src: lines(
			"+++",
			`title = "Senior - Data"`,
			`description = "TOML page"`,
			"+++",
			"",
			"## Autonomy",
			"",
			"1. Works alone.",
		),
		title:   "Senior - Data",
		pillars: []string{"Autonomy 1+0"},
		check: func(t *testing.T, lv *framework.Level) {
			if lv.Description != "TOML page" {
				t.Errorf("Description = %q", lv.Description)
			}
			wantSource(t, "item", lv.Pillars[0].Items[0].Source, 8)
		},
	},
	{
		name: "toml dates as written",
		src: lines(
			"+++",
			"title = 2024-01-02",
			"description = 07:32:00",
			"+++",
			"",
			"## Autonomy",
			"",
			"1. Works alone.",
		),
		title:   "2024-01-02",
		pillars: []string{"Autonomy 1+0"},
		check: func(t *testing.T, lv *framework.Level) {
			if lv.Description != "07:32:00" {
				t.Errorf("Description = %q", lv.Description)
			}
		},
	},
	{
		name: "no front matter",
		src: lines(
			"## Ownership",
			"",
			"1. Owns things.",
		),
		pillars: []string{"Ownership 1+0"},
		check: func(t *testing.T, lv *framework.Level) {
			if lv.Title != "" {
				t.Errorf("Title = %q", lv.Title)
			}
			wantSource(t, "item", lv.Pillars[0].Items[0].Source, 3)
		},
	},
	{
		name: "setext headings",
		src: lines(
			"Senior",
			"======",
			"",
			"Seniors lead projects.",
			"",
			"Ownership",
			"---------",
			"",
			"1. Owns things.",
			"1. Ships things.",
			"",
			"Team building",
			"-------------",
			"",
			"- Mentors.",
		),
		pillars: []string{"Ownership 2+0", "Team building 1+0"},
		check: func(t *testing.T, lv *framework.Level) {
			if lv.Summary != "Seniors lead projects." {
				t.Errorf("Summary = %q", lv.Summary)
			}
			wantSource(t, "pillar", lv.Pillars[0].Source, 6)
			wantSource(t, "pillar 2", lv.Pillars[1].Source, 12)
		},
	},
	{
		name: "heading attributes",
		src: lines(
			"## Ownership {#own}",
			"",
			"1. Owns things.",
			"",
			"## Senior Technical Competencies {#senior-tech}",
			"",
			"* Codes.",
		),
		pillars: []string{"Ownership 1+0", "Technical Competencies 1+0"},
		check: func(t *testing.T, lv *framework.Level) {
			for _, p := range lv.Pillars {
				if strings.Contains(p.Heading, "{") || strings.Contains(p.Key, "own ") {
					t.Errorf("pillar %q keeps the attribute: heading %q key %q", p.Name, p.Heading, p.Key)
				}
			}
		},
	},
	{
		name: "nested lists three deep",
		src: lines(
			"## Ownership",
			"",
			"1. Top one",
			"   - Child a",
			"     - Grandchild x",
			"     - Grandchild y",
			"   - Child b",
			"1. Top two",
		),
		pillars: []string{"Ownership 2+4"},
		check: func(t *testing.T, lv *framework.Level) {
			top := lv.Pillars[0].Items[0]
			if len(top.Children) != 2 || len(top.Children[0].Children) != 2 || len(top.Children[1].Children) != 0 {
				t.Fatalf("tree: %s", itemTree(lv.Pillars[0].Items))
			}
			if got := itemTree(lv.Pillars[0].Items); got != "Top one(Child a(Grandchild x,Grandchild y),Child b),Top two" {
				t.Errorf("tree = %s", got)
			}
			wantSource(t, "grandchild", top.Children[0].Children[1].Source, 6)
			wantSource(t, "child b", top.Children[1].Source, 7)
			wantSource(t, "top two", lv.Pillars[0].Items[1].Source, 8)
		},
	},
	{
		name: "lazy and indented continuation",
		src: lines(
			"## Ownership",
			"",
			"1. First item starts here",
			"and continues lazily.",
			"1. Second item",
			"   continues indented.",
			"1. Third item.",
			"",
			"   A second paragraph of the third item.",
			"1. Fourth item.",
		),
		pillars: []string{"Ownership 4+0"},
		check: func(t *testing.T, lv *framework.Level) {
			items := lv.Pillars[0].Items
			if items[0].Markdown != "First item starts here\nand continues lazily." || items[0].Text != "First item starts here and continues lazily." {
				t.Errorf("item 1 = %q / %q", items[0].Markdown, items[0].Text)
			}
			if items[1].Text != "Second item continues indented." {
				t.Errorf("item 2 = %q", items[1].Text)
			}
			if items[2].Text != "Third item. A second paragraph of the third item." {
				t.Errorf("item 3 = %q", items[2].Text)
			}
			wantSource(t, "item 4", items[3].Source, 10)
			if lv.Pillars[0].Note != "" {
				t.Errorf("Note = %q", lv.Pillars[0].Note)
			}
		},
	},
	{
		name: "lazy continuation of a nested item",
		src: lines(
			"## Ownership",
			"",
			"- Owns the service",
			"  - on call for it, and",
			"lazily keeps its runbook.",
			"  - reviews its changes",
			"",
			"  Back in the outer item after a blank line.",
			"- Second item.",
		),
		pillars: []string{"Ownership 2+2"},
		check: func(t *testing.T, lv *framework.Level) {
			items := lv.Pillars[0].Items
			kids := items[0].Children
			if len(kids) != 2 || kids[0].Text != "on call for it, and lazily keeps its runbook." || kids[1].Text != "reviews its changes" {
				t.Errorf("children = %q", func() []string {
					var out []string
					for _, k := range kids {
						out = append(out, k.Text)
					}
					return out
				}())
			}
			if items[0].Text != "Owns the service Back in the outer item after a blank line." {
				t.Errorf("item 1 = %q", items[0].Text)
			}
		},
	},
	{
		name: "item opening with a nested list",
		src: lines(
			"## Craft",
			"",
			"- - Owns the build.",
			"  - Reviews changes.",
			"- 1. Ordered inside.",
			"- - -",
			"- Plain item.",
		),
		check: func(t *testing.T, lv *framework.Level) {
			var got []string
			var walk func(prefix string, its []*framework.Item)
			walk = func(prefix string, its []*framework.Item) {
				for _, it := range its {
					got = append(got, prefix+it.Text)
					walk(prefix+"> ", it.Children)
				}
			}
			for _, p := range lv.Pillars {
				walk(p.Name+": ", p.Items)
			}
			want := []string{
				"Craft: ", "Craft: > Owns the build.", "Craft: > Reviews changes.",
				"Craft: ", "Craft: > Ordered inside.",
				"Craft: Plain item.",
			}
			if !slices.Equal(got, want) {
				t.Errorf("items =\n%q\nwant\n%q", got, want)
			}
		},
	},
	{
		name: "crlf",
		src: strings.ReplaceAll(lines(
			"---",
			"title: \"Senior\"",
			"---",
			"",
			"## Ownership",
			"",
			"1. Owns",
			"   things.",
			"   - Child",
		), "\n", "\r\n"),
		title:   "Senior",
		pillars: []string{"Ownership 1+1"},
		check: func(t *testing.T, lv *framework.Level) {
			it := lv.Pillars[0].Items[0]
			if it.Markdown != "Owns\nthings." || it.Text != "Owns things." {
				t.Errorf("item = %q / %q", it.Markdown, it.Text)
			}
			if strings.Contains(lv.Pillars[0].Name, "\r") {
				t.Errorf("pillar name %q keeps a CR", lv.Pillars[0].Name)
			}
			wantSource(t, "child", it.Children[0].Source, 9)
		},
	},
	{
		name:    "old mac line ends",
		src:     "## Ownership\r\r1. Owns.\r1. Ships.\r",
		pillars: []string{"Ownership 2+0"},
		check: func(t *testing.T, lv *framework.Level) {
			wantSource(t, "item 2", lv.Pillars[0].Items[1].Source, 4)
		},
	},
	{
		name: "byte order mark",
		src: "\ufeff" + lines(
			"---",
			"title: Senior",
			"---",
			"## Ownership",
			"1. Owns.",
		),
		title:   "Senior",
		pillars: []string{"Ownership 1+0"},
		check: func(t *testing.T, lv *framework.Level) {
			wantSource(t, "item", lv.Pillars[0].Items[0].Source, 5)
		},
	},
	{
		name: "tab indentation",
		src: lines(
			"## Ownership",
			"",
			"- Parent",
			"\t- Child by tab",
			"\t\t- Grandchild by two tabs",
			"- Second",
			"\tcontinued by a tab.",
		),
		pillars: []string{"Ownership 2+2"},
		check: func(t *testing.T, lv *framework.Level) {
			if got := itemTree(lv.Pillars[0].Items); got != "Parent(Child by tab(Grandchild by two tabs)),Second continued by a tab." {
				t.Errorf("tree = %s", got)
			}
		},
	},
	{
		name: "toc of anchor links is not a pillar",
		src: lines(
			"## Senior",
			"",
			"**Seniors are expected to:**",
			"",
			"- [Senior Leadership](#senior-leadership)",
			"- [Senior Technical](#senior-technical)",
			"",
			"---",
			"",
			"### Senior Leadership",
			"",
			"* Leads.",
			"",
			"### Senior Technical",
			"",
			"* Codes.",
			"* Reviews.",
		),
		pillars: []string{"Leadership 1+0", "Technical 2+0"},
		check: func(t *testing.T, lv *framework.Level) {
			if len(lv.TOC) != 2 || lv.TOC[0].Text != "Senior Leadership" || lv.TOC[0].Target != "#senior-leadership" {
				t.Errorf("TOC = %+v", lv.TOC)
			}
			if len(lv.TOC) == 2 {
				wantSource(t, "toc", lv.TOC[1].Source, 6)
			}
			if lv.Summary != "Seniors are expected to:" {
				t.Errorf("Summary = %q", lv.Summary)
			}
		},
	},
	{
		name: "inherits",
		file: "staff.md",
		src: lines(
			"## Staff",
			"",
			"- [Staff Leadership](#staff-leadership)",
			"- [All competencies exhibited by a Senior](/handbook/engineering/careers/matrix/senior/)",
			"",
			"### Staff Leadership",
			"",
			"* Leads teams.",
		),
		inherits: []string{"senior"},
		pillars:  []string{"Leadership 1+0"},
	},
	{
		name: "inherits, the link on the level's name only",
		file: "staff.md",
		src: lines(
			"## Staff",
			"",
			"- [Staff Leadership](#staff-leadership)",
			"- All competencies exhibited by a [Senior](/handbook/engineering/careers/matrix/senior/)",
			"",
			"### Staff Leadership",
			"",
			"* Leads teams.",
		),
		inherits: []string{"senior"},
		pillars:  []string{"Leadership 1+0"},
	},
	{
		name: "section with only TBD",
		src: lines(
			"## Senior",
			"",
			"Intro.",
			"",
			"### Senior Community Contributions",
			"",
			"TBD",
			"",
			"### Senior Technical",
			"",
			"- Codes.",
		),
		pillars: []string{"Community Contributions 0+0", "Technical 1+0"},
		check: func(t *testing.T, lv *framework.Level) {
			p := lv.Pillars[0]
			if p.Note != "TBD" || p.Items == nil {
				t.Errorf("pillar = %+v", p)
			}
		},
	},
	{
		name: "html comments",
		src: lines(
			"## Ownership",
			"",
			"<!-- 1. hidden on one line -->",
			"1. Visible.",
			"<!--",
			"1. hidden in a block",
			"## Hidden heading",
			"-->",
			"1. Also visible.",
		),
		pillars: []string{"Ownership 2+0"},
		check: func(t *testing.T, lv *framework.Level) {
			for _, it := range lv.Pillars[0].Items {
				if strings.Contains(it.Markdown, "hidden") || strings.Contains(it.Markdown, "-->") {
					t.Errorf("item %q keeps the comment", it.Markdown)
				}
			}
		},
	},
	{
		name: "fenced code",
		src: lines(
			"## Ownership",
			"",
			"1. Owns.",
			"",
			"```markdown",
			"1. not an item",
			"## not a heading",
			"```",
			"",
			"~~~",
			"- nor this",
			"~~~",
		),
		pillars: []string{"Ownership 1+0"},
	},
	{
		name: "pillar names lose the level name",
		src: lines(
			"## Senior",
			"",
			"Intro.",
			"",
			"### Senior Leadership Competencies",
			"",
			"* Leads.",
			"",
			"### [Senior] Technical",
			"",
			"* Codes.",
			"",
			"### Values (Senior)",
			"",
			"* Lives them.",
		),
		pillars: []string{"Leadership Competencies 1+0", "Technical 1+0", "Values 1+0"},
		check: func(t *testing.T, lv *framework.Level) {
			p := lv.Pillars[0]
			if p.Key != "leadership competencies" || p.Heading != "Senior Leadership Competencies" {
				t.Errorf("pillar: key %q heading %q", p.Key, p.Heading)
			}
			if !reflect.DeepEqual(p.Path, []string{"Leadership Competencies"}) {
				t.Errorf("path = %q", p.Path)
			}
			if lv.Pillar("Leadership  COMPETENCIES") != p {
				t.Errorf("Pillar() does not find the pillar by name")
			}
		},
	},
	{
		name: "group headings",
		src: lines(
			"## Senior",
			"",
			"Intro.",
			"",
			"## Engineering alignment",
			"",
			"### Senior Technical Competencies",
			"",
			"##### Engineering",
			"",
			"* Codes.",
		),
		pillars: []string{"Technical Competencies 1+0"},
		check: func(t *testing.T, lv *framework.Level) {
			p := lv.Pillars[0]
			if !reflect.DeepEqual(p.Path, []string{"Engineering alignment", "Technical Competencies"}) {
				t.Errorf("path = %q", p.Path)
			}
			if p.Items[0].Group != "Engineering" {
				t.Errorf("group = %q", p.Items[0].Group)
			}
		},
	},
	{
		name: "item text",
		src: lines(
			"## Ownership",
			"",
			"1. Owns **critical** [runbooks](/handbook/runbooks/) and `code` &amp; _docs_.",
		),
		pillars: []string{"Ownership 1+0"},
		check: func(t *testing.T, lv *framework.Level) {
			it := lv.Pillars[0].Items[0]
			if it.Text != "Owns critical runbooks and code & docs." {
				t.Errorf("Text = %q", it.Text)
			}
			if it.Markdown != "Owns **critical** [runbooks](/handbook/runbooks/) and `code` &amp; _docs_." {
				t.Errorf("Markdown = %q", it.Markdown)
			}
		},
	},
	{
		name:    "empty page",
		src:     "",
		pillars: []string{},
	},
	// The cases below are read the way goldmark, and so Hugo, reads them.
	{
		name: "one space deeper is a sibling, as in CommonMark",
		src: lines(
			"## Ownership",
			"",
			"- Owns the rotation.",
			" - Runs the review.",
			"   - Writes the notes.",
		),
		pillars: []string{"Ownership 2+1"},
		check: func(t *testing.T, lv *framework.Level) {
			if got := itemTree(lv.Pillars[0].Items); got != "Owns the rotation.,Runs the review.(Writes the notes.)" {
				t.Errorf("tree = %s", got)
			}
			wantSource(t, "nested", lv.Pillars[0].Items[1].Children[0].Source, 5)
		},
	},
	{
		name: "inline Markdown read by goldmark",
		src: lines(
			"[guide]: https://x.test/guide",
			"",
			"## Ownership {#own}",
			"",
			"- Keeps one [runbook][guide] &amp; a *tidy* `queue`&#33; <span>ok</span>",
			"- Unmatched * star and snake_case_name stay.",
			"",
			"## Tools",
			"",
			"| Tool | Use |",
			"|------|-----|",
			"| Pager | **Alerts** |",
			"",
			"## Quoted",
			"",
			"> - Quotes a list.",
		),
		pillars: []string{"Ownership 2+0", "Tools 0+0", "Quoted 1+0"},
		check: func(t *testing.T, lv *framework.Level) {
			own := lv.Pillars[0]
			if own.Anchor != "own" || own.Heading != "Ownership" {
				t.Errorf("heading %q anchor %q", own.Heading, own.Anchor)
			}
			if got := own.Items[0].Text; got != "Keeps one runbook & a tidy queue! ok" {
				t.Errorf("Text = %q", got)
			}
			if got := own.Items[1].Text; got != "Unmatched * star and snake_case_name stay." {
				t.Errorf("Text = %q", got)
			}
			// No table extension (see markdown.go): the rows stay text.
			if got := lv.Pillars[1].Note; got != "| Tool | Use | |------|-----| | Pager | Alerts |" {
				t.Errorf("table note = %q", got)
			}
			wantSource(t, "quoted item", lv.Pillars[2].Items[0].Source, 16)
		},
	},
	{
		name: "a long paragraph is read without inline Markdown",
		src: lines(
			"## Ownership",
			"",
			"- Owns **it**.",
			"",
			strings.Repeat("[](", 6000)+" **end**",
		),
		pillars: []string{"Ownership 1+0"},
		check: func(t *testing.T, lv *framework.Level) {
			if got := lv.Pillars[0].Items[0].Text; got != "Owns it." {
				t.Errorf("Text = %q", got)
			}
			if note := lv.Pillars[0].Note; !strings.HasSuffix(note, "[]( end") {
				t.Errorf("note ends %q", note[max(0, len(note)-20):])
			}
		},
	},
}

func wantSource(t *testing.T, what string, got framework.Source, line int) {
	t.Helper()
	if got.Line != line {
		t.Errorf("%s: line %d, want %d", what, got.Line, line)
	}
}

// itemTree formats items as "Text(child,child),Text".
func itemTree(items []*framework.Item) string {
	var parts []string
	for _, it := range items {
		s := it.Text
		if len(it.Children) > 0 {
			s += "(" + itemTree(it.Children) + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ",")
}

func TestParsePage(t *testing.T) {
	for _, tc := range pageCases {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.file
			if file == "" {
				file = "senior.md"
			}
			lv, err := framework.ParsePage([]byte(tc.src), file)
			if err != nil {
				t.Fatalf("ParsePage: %v", err)
			}
			if lv.File != file || lv.Slug != strings.TrimSuffix(file, ".md") {
				t.Errorf("File %q Slug %q", lv.File, lv.Slug)
			}
			if len(lv.Warnings) != 0 {
				t.Errorf("warnings: %v", lv.Warnings)
			}
			if tc.title != "" && lv.Title != tc.title {
				t.Errorf("Title = %q, want %q", lv.Title, tc.title)
			}
			inh := tc.inherits
			if inh == nil {
				inh = []string{}
			}
			if !reflect.DeepEqual(lv.Inherits, inh) {
				t.Errorf("Inherits = %q, want %q", lv.Inherits, inh)
			}
			if tc.pillars != nil {
				if got := pillarSummary(lv); !reflect.DeepEqual(got, tc.pillars) {
					t.Fatalf("pillars = %q, want %q", got, tc.pillars)
				}
			}
			for _, p := range lv.Pillars {
				checkItems(t, file, p.Items)
			}
			if tc.check != nil {
				tc.check(t, lv)
			}
		})
	}
}

// checkItems checks what holds for every item: a source in the page,
// plain text without line ends or CRs, non-nil children.
func checkItems(t *testing.T, file string, items []*framework.Item) {
	t.Helper()
	for _, it := range items {
		if it.Source.File != file || it.Source.Line <= 0 {
			t.Errorf("item %q: source %v", it.Text, it.Source)
		}
		if strings.ContainsAny(it.Text, "\r\n") || strings.Contains(it.Markdown, "\r") {
			t.Errorf("item %q: line ends left in %q", it.Text, it.Markdown)
		}
		if it.Children == nil {
			t.Errorf("item %q: nil Children", it.Text)
		}
		checkItems(t, file, it.Children)
	}
}

// TestParsePageNavBlock: the handbook's nav include starts with "---". On a
// page without front matter, inlined, it must not be taken for front
// matter.
func TestParsePageNavBlock(t *testing.T) {
	src := lines(
		"---",
		"",
		"[Overview](/careers/) |",
		"[Senior](/careers/senior/)",
		"",
		"---",
		"",
		"## Senior",
		"",
		"Intro.",
		"",
		"## Ownership",
		"",
		"1. Owns.",
		"1. Ships.",
	)
	lv, err := framework.ParsePage([]byte(src), "senior.md")
	var fe *framework.Error
	if errors.As(err, &fe) && fe.Code == "front-matter" {
		t.Fatalf("a page that starts with a --- nav block is read as YAML front matter: %v", err)
	}
	if err != nil {
		t.Fatalf("ParsePage: %v", err)
	}
	if got := pillarSummary(lv); !reflect.DeepEqual(got, []string{"Ownership 2+0"}) {
		t.Errorf("pillars = %q", got)
	}
	if lv.Title != "" {
		t.Errorf("Title = %q", lv.Title)
	}
	wantSource(t, "item", lv.Pillars[0].Items[0].Source, 14)
}

// TestParsePageTabAfterMarker: CommonMark allows a tab between a list
// marker and the item text.
func TestParsePageTabAfterMarker(t *testing.T) {
	src := lines(
		"## Ownership",
		"",
		"-\tOwns.",
		"1.\tShips.",
	)
	lv, err := framework.ParsePage([]byte(src), "senior.md")
	if err != nil {
		t.Fatal(err)
	}
	got := pillarSummary(lv)
	if reflect.DeepEqual(got, []string{"Ownership 0+0"}) {
		t.Fatalf("list markers followed by a tab are not list items; note %q", lv.Pillars[0].Note)
	}
	if !reflect.DeepEqual(got, []string{"Ownership 2+0"}) {
		t.Errorf("pillars = %q", got)
	}
}

func TestParsePageErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		code string
		line int
		// minLine, maxLine: a range for the line, where the YAML parser
		// is vague about it.
		minLine, maxLine int
		msg              string
	}{
		{
			name: "unterminated yaml front matter",
			src:  lines("---", "title: Senior", "", "## Ownership", "1. Owns."),
			code: "front-matter", line: 1, msg: "never closed",
		},
		{
			name: "unterminated toml front matter",
			src:  lines("+++", `title = "Senior"`),
			code: "front-matter", line: 1, msg: "never closed",
		},
		{
			name: "invalid yaml",
			src:  lines("---", "title: Senior", "  bad: indent", "---", "## Ownership"),
			code: "front-matter", line: 3, msg: "invalid YAML",
		},
		{
			name: "invalid yaml flow sequence",
			src:  lines("---", "title: Senior", "description: [unclosed", "weight: 1", "---"),
			code: "front-matter", minLine: 2, maxLine: 4, msg: "invalid YAML",
		},
		{
			name: "invalid toml",
			src:  lines("+++", `title = "Senior"`, "bad = ", "+++"),
			code: "front-matter", minLine: 2, maxLine: 3, msg: "invalid TOML",
		},
		{
			name: "not utf-8",
			src:  lines("## Ownership", "", "1. Owns.", "1. Ships \xff things."),
			code: "not-utf8", line: 4,
		},
		{
			name: "not utf-8 on the first line",
			src:  "\xc3(\n",
			code: "not-utf8", line: 1,
		},
		{
			name: "nul byte",
			src:  lines("## Ownership", "", "1. Owns\x00."),
			code: "binary", line: 3,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lv, err := framework.ParsePage([]byte(tc.src), "content/senior.md")
			if err == nil {
				t.Fatalf("no error; level %+v", lv)
			}
			var fe *framework.Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %T %v is not a *framework.Error", err, err)
			}
			if fe.Code != tc.code {
				t.Errorf("Code = %q, want %q (%v)", fe.Code, tc.code, err)
			}
			if fe.Source.File != "content/senior.md" {
				t.Errorf("File = %q", fe.Source.File)
			}
			if tc.line > 0 && fe.Source.Line != tc.line {
				t.Errorf("Line = %d, want %d (%v)", fe.Source.Line, tc.line, err)
			}
			if tc.minLine > 0 && (fe.Source.Line < tc.minLine || fe.Source.Line > tc.maxLine) {
				t.Errorf("Line = %d, want in %d..%d (%v)", fe.Source.Line, tc.minLine, tc.maxLine, err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("message %q does not say %q", err, tc.msg)
			}
			if !strings.HasPrefix(err.Error(), fe.Source.String()+": ") {
				t.Errorf("message %q does not start with %s", err, fe.Source)
			}
		})
	}
}

// TestParsePageYAMLErrorDetail: a YAML error must say what is wrong, not
// only "unmarshal errors:".
func TestParsePageYAMLErrorDetail(t *testing.T) {
	src := lines("---", "title: Senior", "title: Staff", "---")
	_, err := framework.ParsePage([]byte(src), "senior.md")
	var fe *framework.Error
	if !errors.As(err, &fe) || fe.Code != "front-matter" {
		t.Fatalf("err = %v, want a front-matter error", err)
	}
	if fe.Source.Line != 3 {
		t.Errorf("Line = %d, want 3", fe.Source.Line)
	}
	if strings.HasSuffix(err.Error(), "unmarshal errors:") {
		t.Fatalf("YAML type errors lose their detail: %q", err)
	}
	if !strings.Contains(err.Error(), "title") {
		t.Errorf("message %q does not name the key", err)
	}
}

// TestParsePageUnicodeLevelName: a level whose name changes byte length
// when lower-cased must not crash the pillar-name normalization.
func TestParsePageUnicodeLevelName(t *testing.T) {
	for _, tc := range []struct{ file, heading, want string }{
		{"senior.md", "## Senior Ünïcode Skills", "Ünïcode Skills"},
		{"ⱥ.md", "## [Ⱥ] Tech", "Tech"},
		{"ⱥ.md", "## [Ⱥ]", "[Ⱥ]"},
	} {
		t.Run(tc.file+" "+tc.heading, func(t *testing.T) {
			var lv *framework.Level
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("ParsePage(%q) panics on heading %q: %v", tc.file, tc.heading, r)
					}
				}()
				lv, err = framework.ParsePage([]byte(lines(tc.heading, "", "- Item.")), tc.file)
			}()
			if err != nil {
				t.Fatal(err)
			}
			if len(lv.Pillars) != 1 || lv.Pillars[0].Name != tc.want {
				t.Errorf("pillars = %q, want one named %q", pillarSummary(lv), tc.want)
			}
		})
	}
}

// site builds a MapFS Hugo site: the framework folder content/careers/eng
// with the given pages, and assets/includes/careers with the given
// include files.
func site(pages, includes map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range pages {
		fsys[path.Join(siteDir, name)] = &fstest.MapFile{Data: []byte(text)}
	}
	for name, text := range includes {
		fsys[path.Join("assets/includes/careers", name)] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

const siteDir = "content/careers/eng"

func inc(name string) string { return `{{% include "includes/careers/` + name + `" %}}` }

// seniorPage is a level page with one pillar made of the given lines.
func seniorPage(body ...string) string {
	return lines(append([]string{"---", "title: Senior", "---", "", "## Senior Technical Competencies", ""}, body...)...)
}

// seniorLine is the page line of body line i (0-based) of seniorPage.
func seniorLine(i int) int { return 7 + i }

func loadError(t *testing.T, fsys fstest.MapFS, opts ...framework.Option) *framework.Error {
	t.Helper()
	f, err := framework.Load(fsys, siteDir, opts...)
	if err == nil {
		t.Fatalf("Load: no error; levels %v", f.Levels)
	}
	var fe *framework.Error
	if !errors.As(err, &fe) {
		t.Fatalf("error %T %v is not a *framework.Error", err, err)
	}
	return fe
}

func TestIncludes(t *testing.T) {
	senior := path.Join(siteDir, "senior.md")
	incFile := func(name string) string { return path.Join("assets/includes/careers", name) }

	t.Run("cycle", func(t *testing.T) {
		fsys := site(map[string]string{"senior.md": seniorPage(inc("a.md"))}, map[string]string{
			"a.md": lines("* A.", "", inc("b.md")),
			"b.md": lines("* B.", inc("a.md")),
		})
		fe := loadError(t, fsys)
		if fe.Code != "include-cycle" {
			t.Errorf("Code = %q (%v)", fe.Code, fe)
		}
		if want := (framework.Source{File: incFile("b.md"), Line: 2}); fe.Source != want {
			t.Errorf("Source = %v, want %v", fe.Source, want)
		}
		chain := senior + " -> " + incFile("a.md") + " -> " + incFile("b.md") + " -> " + incFile("a.md")
		if !strings.Contains(fe.Error(), chain) {
			t.Errorf("message %q does not name the chain %q", fe.Error(), chain)
		}
	})
	t.Run("self include", func(t *testing.T) {
		fsys := site(map[string]string{"senior.md": seniorPage(inc("a.md"))}, map[string]string{
			"a.md": lines("* A.", inc("a.md")),
		})
		if fe := loadError(t, fsys); fe.Code != "include-cycle" {
			t.Errorf("Code = %q (%v)", fe.Code, fe)
		}
	})
	t.Run("same include twice is not a cycle", func(t *testing.T) {
		fsys := site(map[string]string{"senior.md": seniorPage(inc("a.md"), inc("a.md"))}, map[string]string{
			"a.md": lines("* A."),
		})
		f, err := framework.Load(fsys, siteDir)
		if err != nil {
			t.Fatal(err)
		}
		if got := pillarSummary(f.Levels[0]); !reflect.DeepEqual(got, []string{"Technical Competencies 2+0"}) {
			t.Errorf("pillars = %q", got)
		}
	})
	for _, arg := range []string{"includes/../../../x.md", "includes/../../../../etc/passwd", "../../x.md", "/includes/../../../x.md"} {
		t.Run("escape "+arg, func(t *testing.T) {
			fsys := site(map[string]string{"senior.md": seniorPage("* Codes.", "", `{{% include "`+arg+`" %}}`)}, nil)
			fsys["x.md"] = &fstest.MapFile{Data: []byte("* outside\n")}
			fe := loadError(t, fsys)
			if fe.Code != "include-escapes" {
				t.Errorf("Code = %q (%v)", fe.Code, fe)
			}
			if want := (framework.Source{File: senior, Line: seniorLine(2)}); fe.Source != want {
				t.Errorf("Source = %v, want %v", fe.Source, want)
			}
		})
	}
	t.Run("include outside includes folder but inside the site", func(t *testing.T) {
		// "includes/../x.md" names assets/x.md: inside the site root.
		fsys := site(map[string]string{"senior.md": seniorPage(`{{% include "includes/../x.md" %}}`)}, map[string]string{"other.md": "* x\n"})
		fsys["assets/x.md"] = &fstest.MapFile{Data: []byte("* Inside.\n")}
		f, err := framework.Load(fsys, siteDir)
		if err != nil {
			t.Fatal(err)
		}
		if got := pillarSummary(f.Levels[0]); !reflect.DeepEqual(got, []string{"Technical Competencies 1+0"}) {
			t.Errorf("pillars = %q", got)
		}
	})
	t.Run("nested three deep", func(t *testing.T) {
		fsys := site(map[string]string{"senior.md": seniorPage("* Page item.", "", inc("a.md"))}, map[string]string{
			"a.md": lines("##### Engineering", "", "* A item.", "", inc("b.md")),
			"b.md": lines("* B item.", "", inc("c.md")),
			"c.md": lines("", "", "* C item.", "  * C child."),
		})
		f, err := framework.Load(fsys, siteDir)
		if err != nil {
			t.Fatal(err)
		}
		lv := f.Levels[0]
		if len(lv.Warnings) != 0 {
			t.Errorf("warnings: %v", lv.Warnings)
		}
		if got := pillarSummary(lv); !reflect.DeepEqual(got, []string{"Technical Competencies 4+1"}) {
			t.Fatalf("pillars = %q", got)
		}
		items := lv.Pillars[0].Items
		want := []framework.Source{
			{File: senior, Line: seniorLine(0)},
			{File: incFile("a.md"), Line: 3},
			{File: incFile("b.md"), Line: 1},
			{File: incFile("c.md"), Line: 3},
		}
		for i, w := range want {
			if items[i].Source != w {
				t.Errorf("item %d source = %v, want %v", i, items[i].Source, w)
			}
		}
		if items[3].Children[0].Source != (framework.Source{File: incFile("c.md"), Line: 4}) {
			t.Errorf("child source = %v", items[3].Children[0].Source)
		}
		// The Engineering label of a.md covers a.md's items, not the page's.
		if items[0].Group != "" || items[1].Group != "Engineering" {
			t.Errorf("groups = %q, %q", items[0].Group, items[1].Group)
		}
	})
	t.Run("missing include warns", func(t *testing.T) {
		fsys := site(map[string]string{"senior.md": seniorPage("* Codes.", "", inc("gone.md"))}, map[string]string{
			"other.md": "* x\n",
		})
		f, err := framework.Load(fsys, siteDir)
		if err != nil {
			t.Fatal(err)
		}
		lv := f.Levels[0]
		if len(lv.Warnings) != 1 {
			t.Fatalf("warnings = %v", lv.Warnings)
		}
		w := lv.Warnings[0]
		if w.Code != "missing-include" || w.Source != (framework.Source{File: senior, Line: seniorLine(2)}) {
			t.Errorf("warning = %+v", w)
		}
		if !strings.Contains(w.Message, "gone.md") {
			t.Errorf("message %q does not name the include", w.Message)
		}
		if got := pillarSummary(lv); !reflect.DeepEqual(got, []string{"Technical Competencies 1+0"}) {
			t.Errorf("pillars = %q", got)
		}
	})
	t.Run("missing include without includes folder", func(t *testing.T) {
		fsys := fstest.MapFS{senior: &fstest.MapFile{Data: []byte(seniorPage("* Codes.", inc("a.md")))}}
		f, err := framework.Load(fsys, siteDir)
		if err != nil {
			t.Fatal(err)
		}
		if w := f.Levels[0].Warnings; len(w) != 1 || w[0].Code != "missing-include" {
			t.Errorf("warnings = %v", w)
		}
	})
	t.Run("include of a folder", func(t *testing.T) {
		fsys := site(map[string]string{"senior.md": seniorPage("* Codes.", inc("sub"))}, map[string]string{
			"sub/x.md": "* x\n",
		})
		fe := loadError(t, fsys)
		if fe.Code != "is-directory" {
			t.Errorf("Code = %q (%v)", fe.Code, fe)
		}
		if fe.Source != (framework.Source{File: senior, Line: seniorLine(1)}) {
			t.Errorf("Source = %v", fe.Source)
		}
		if !strings.Contains(fe.Error(), "directory") {
			t.Errorf("message %q", fe.Error())
		}
	})
	t.Run("depth limit", func(t *testing.T) {
		fsys := site(map[string]string{"senior.md": seniorPage(inc("a.md"))}, map[string]string{
			"a.md": lines("* A.", inc("b.md")),
			"b.md": lines("* B.", inc("c.md")),
			"c.md": lines("* C."),
		})
		lim := framework.DefaultLimits
		lim.MaxIncludeDepth = 3
		if _, err := framework.Load(fsys, siteDir, framework.WithLimits(lim)); err != nil {
			t.Fatalf("depth 3 with limit 3: %v", err)
		}
		lim.MaxIncludeDepth = 2
		fe := loadError(t, fsys, framework.WithLimits(lim))
		if fe.Code != "include-depth" {
			t.Errorf("Code = %q (%v)", fe.Code, fe)
		}
		if fe.Source != (framework.Source{File: incFile("b.md"), Line: 2}) {
			t.Errorf("Source = %v", fe.Source)
		}
	})
	t.Run("page over the size limit", func(t *testing.T) {
		fsys := site(map[string]string{"senior.md": seniorPage(strings.Repeat("* An item of some length.\n", 20))}, nil)
		lim := framework.DefaultLimits
		lim.MaxFileSize = 100
		fe := loadError(t, fsys, framework.WithLimits(lim))
		if fe.Code != "too-large" || fe.Source.File != senior {
			t.Errorf("error = %v (%s)", fe, fe.Code)
		}
		lim.MaxFileSize = 10000
		if _, err := framework.Load(fsys, siteDir, framework.WithLimits(lim)); err != nil {
			t.Errorf("with a higher limit: %v", err)
		}
	})
	t.Run("include over the size limit", func(t *testing.T) {
		fsys := site(map[string]string{"senior.md": seniorPage("* Codes.", inc("big.md"))}, map[string]string{
			"big.md": strings.Repeat("* An item of some length.\n", 200),
		})
		lim := framework.DefaultLimits
		lim.MaxFileSize = 1000
		fe := loadError(t, fsys, framework.WithLimits(lim))
		if fe.Code != "too-large" {
			t.Errorf("Code = %q (%v)", fe.Code, fe)
		}
		if fe.Source != (framework.Source{File: senior, Line: seniorLine(1)}) || !strings.Contains(fe.Error(), "big.md") {
			t.Errorf("error = %v, want it at the include line, naming big.md", fe)
		}
	})
	t.Run("expanded size limit", func(t *testing.T) {
		fsys := site(map[string]string{"senior.md": seniorPage(inc("a.md"), inc("a.md"), inc("a.md"), inc("a.md"))}, map[string]string{
			"a.md": strings.Repeat("* An item of some length.\n", 20),
		})
		lim := framework.DefaultLimits
		lim.MaxExpandedSize = 1000
		if fe := loadError(t, fsys, framework.WithLimits(lim)); fe.Code != "too-large" {
			t.Errorf("Code = %q (%v)", fe.Code, fe)
		}
	})
	t.Run("bad shortcodes warn", func(t *testing.T) {
		fsys := site(map[string]string{"senior.md": seniorPage(
			"* Codes.",
			"",
			`{{$ include "includes/careers/a.md" %}}`,
			`{{% include includes/careers/a.md %}}`,
			`{{% include "includes/careers/a.md"`,
			`{{< details "More" >}}`,
			"* Tests {{< icon >}} often.",
		)}, map[string]string{"a.md": "* A.\n"})
		f, err := framework.Load(fsys, siteDir)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, w := range f.Levels[0].Warnings {
			got = append(got, fmt.Sprintf("%d %s", w.Source.Line, w.Code))
		}
		want := []string{
			fmt.Sprint(seniorLine(2), " bad-shortcode"),
			fmt.Sprint(seniorLine(3), " bad-shortcode"),
			fmt.Sprint(seniorLine(4), " bad-shortcode"),
			fmt.Sprint(seniorLine(5), " unknown-shortcode"),
			fmt.Sprint(seniorLine(6), " unknown-shortcode"),
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("warnings = %q, want %q", got, want)
		}
		items := f.Levels[0].Pillars[0].Items
		if len(items) != 2 || items[1].Text != "Tests often." {
			t.Errorf("items = %s", itemTree(items))
		}
	})
	t.Run("WithIncludes", func(t *testing.T) {
		fsys := fstest.MapFS{senior: &fstest.MapFile{Data: []byte(seniorPage(`{{% include "includes/x/a.md" %}}`))}}
		incs := fstest.MapFS{"x/a.md": &fstest.MapFile{Data: []byte("* A.\n")}}
		f, err := framework.Load(fsys, siteDir, framework.WithIncludes(incs, ".", "../shared"))
		if err != nil {
			t.Fatal(err)
		}
		items := f.Levels[0].Pillars[0].Items
		if len(items) != 1 || items[0].Source != (framework.Source{File: "../shared/x/a.md", Line: 1}) {
			t.Errorf("items = %s / %v", itemTree(items), items)
		}
	})
}

// TestParsePageErrorLineCR: the loader counts a lone CR as a line end, so
// the line of a bad byte must count it too.
func TestParsePageErrorLineCR(t *testing.T) {
	for _, tc := range []struct{ name, src, code string }{
		{"not utf-8", "## Ownership\r\r1. Owns.\r1. Ships \xff.\r", "not-utf8"},
		{"nul byte", "## Ownership\r\r1. Owns.\r1. Ships \x00.\r", "binary"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := framework.ParsePage([]byte(tc.src), "senior.md")
			var fe *framework.Error
			if !errors.As(err, &fe) || fe.Code != tc.code {
				t.Fatalf("err = %v, want code %s", err, tc.code)
			}
			if fe.Source.Line == 1 {
				t.Fatalf("with CR line ends the %s error is reported at line 1, want 4", tc.code)
			}
			if fe.Source.Line != 4 {
				t.Errorf("Line = %d, want 4", fe.Source.Line)
			}
		})
	}
	// With CRLF the lines are right.
	_, err := framework.ParsePage([]byte("## Ownership\r\n\r\n1. Owns.\r\n1. Ships \xff.\r\n"), "senior.md")
	var fe *framework.Error
	if !errors.As(err, &fe) || fe.Source.Line != 4 {
		t.Errorf("CRLF: err = %v, want line 4", err)
	}
}

func TestPillarNames(t *testing.T) {
	tests := []struct{ heading, want string }{
		{"Senior Leadership Competencies", "Leadership Competencies"},
		{"[Senior] Technical Competencies", "Technical Competencies"},
		{"Senior's Technical Competencies", "Technical Competencies"},
		{"Seniors Technical Competencies", "Technical Competencies"},
		{"Competencies: Senior", "Competencies"},
		{"Technical Competencies (Senior)", "Technical Competencies"},
		{"Leadership (Engineering)", "Leadership (Engineering)"},
		{"[Draft] Technical", "[Draft] Technical"},
		{"Seniority Rules", "Seniority Rules"},
		{"Senior", "Senior"},
	}
	for _, tt := range tests {
		lv, err := framework.ParsePage([]byte("## Senior\n\nx\n\n## "+tt.heading+"\n\n- An item.\n"), "senior.md")
		if err != nil {
			t.Fatal(err)
		}
		if got := lv.Pillars[0].Name; got != tt.want {
			t.Errorf("%q -> %q, want %q", tt.heading, got, tt.want)
		}
	}
}

func TestPillarKeysUniqueInALevel(t *testing.T) {
	lv, err := framework.ParsePage([]byte("## Senior\n\nx\n\n## Engineering\n\n### Leadership\n\n- A.\n- B.\n\n## Product\n\n### Leadership\n\n- C.\n\n## Ops\n\n- D.\n"), "senior.md")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range lv.Pillars {
		got = append(got, p.Key)
	}
	if want := "[engineering leadership product leadership ops]"; fmt.Sprint(got) != want {
		t.Errorf("keys %v, want %s", got, want)
	}
}
