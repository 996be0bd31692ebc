package yamldata

import (
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/read/input"
)

func parseFile(t *testing.T, file string, c input.Fields) *framework.Framework {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := Parse(data, "data.yml", c, framework.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

func summary(fw *framework.Framework) string {
	var b strings.Builder
	for _, lv := range fw.Levels {
		b.WriteString(lv.Slug)
		if lv.Track != "" {
			b.WriteString("[" + lv.Track + "]")
		}
		b.WriteString(":")
		for _, p := range lv.Pillars {
			b.WriteString(" " + p.Name + "=" + strconv.Itoa(len(p.Items)))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestOwnData(t *testing.T) {
	fw := parseFile(t, "testdata/platform.yml", input.Fields{})
	want := "engineer: Delivery=2\nsenior: Delivery=1 People=1\nlead-ic[ic]: Delivery=1\nlead-em[em]: Delivery=1 People=1\n"
	if got := summary(fw); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if src := fw.Levels[1].Pillars[1].Items[0].Source; src.Line != 26 {
		t.Errorf("mentoring item at line %d, want 26", src.Line)
	}
	if fw.Title != "Platform engineering" {
		t.Errorf("title %q", fw.Title)
	}
}

func TestFieldsFromConfig(t *testing.T) {
	src := "grades: [one, two]\nrows:\n  - grade: one\n    area: Craft\n    says: Writes code.\n  - grade: two\n    area: Craft\n    says: Designs systems.\n"
	fw, err := Parse([]byte(src), "d.yml", input.Fields{Levels: "grades", Items: "rows", Level: "grade", Pillar: "area", Text: "says"}, framework.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(fw); got != "one: Craft=1\ntwo: Craft=1\n" {
		t.Errorf("got %q", got)
	}
}

func TestTabIsAnErrorWithLine(t *testing.T) {
	src := "levels:\n  - id: a\n\t- id: b\n"
	_, err := Parse([]byte(src), "d.yml", input.Fields{}, framework.DefaultLimits)
	var fe *framework.Error
	if !errors.As(err, &fe) || fe.Source.File != "d.yml" || fe.Source.Line != 3 {
		t.Fatalf("got %v, want an error at d.yml:3", err)
	}
}

// TestFinancialTimes reads the real FT data: 8 levels in file order, the
// IC and people-manager branches as tracks, 9 themes each with one
// competency per level (72 competencies in the file). The technical
// competency's summary is a numbered list at every level: one item per
// entry, each at its own line.
func TestFinancialTimes(t *testing.T) {
	file := "../../../../shared/frameworks/Financial-Times+engineering-progression/data/job-families/engineering.yml"
	if _, err := os.Stat(file); err != nil {
		t.Skip("real frameworks not present (../shared/frameworks beside the worktree): ", err)
	}
	fw := parseFile(t, file, input.Fields{})
	wantSlugs := []string{"junior", "engineer", "senior-1", "senior-2-ic", "senior-2-pm", "principal-ic", "principal-pm", "tech-director"}
	wantTracks := []string{"", "", "", "ic", "pm", "ic", "pm", ""}
	wantTechnical := []int{2, 4, 4, 4, 3, 5, 3, 3}
	if len(fw.Levels) != 8 {
		t.Fatalf("%d levels, want 8", len(fw.Levels))
	}
	for i, lv := range fw.Levels {
		if lv.Slug != wantSlugs[i] || lv.Track != wantTracks[i] {
			t.Errorf("level %d: %s [%s], want %s [%s]", i, lv.Slug, lv.Track, wantSlugs[i], wantTracks[i])
		}
		if len(lv.Pillars) != 9 {
			t.Errorf("%s: %d pillars, want 9", lv.Slug, len(lv.Pillars))
		}
		for _, p := range lv.Pillars {
			want := 1
			if p.Name == "Technical" {
				want = wantTechnical[i]
			}
			if len(p.Items) != want {
				t.Errorf("%s/%s: %d items, want %d", lv.Slug, p.Name, len(p.Items), want)
			}
		}
	}
	if its := fw.Levels[0].Pillar("technical").Items; len(its) == 2 && (its[0].Source.Line != 149 || its[1].Source.Line != 151) {
		t.Errorf("junior's technical entries at lines %d and %d, want 149 and 151", its[0].Source.Line, its[1].Source.Line)
	}
	if p := fw.Levels[0].Pillars[0]; p.Name != "Planning and Organising" || p.Items[0].Source.Line != 89 {
		t.Errorf("first pillar %q, item at line %d; want Planning and Organising at 89", p.Name, p.Items[0].Source.Line)
	}
}

func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile("testdata/platform.yml"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("levels: [a]\ncompetencies:\n - level: a\n   summary: x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := Parse(data, "f.yml", input.Fields{}, framework.DefaultLimits)
		if err != nil {
			var fe *framework.Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a framework.Error", err)
			}
			return
		}
		for _, lv := range fw.Levels {
			if lv.Slug == "" && lv.Name != "" {
				t.Fatalf("level %q without slug", lv.Name)
			}
		}
	})
}

func TestTextItems(t *testing.T) {
	for _, tc := range []struct {
		name, summary string
		want          []string // item texts
		lines         []int    // their lines: an unsplit text's is its competency's
	}{
		{"plain text", "summary: Ships small features on their own.", []string{"Ships small features on their own."}, []int{3}},
		{"a numbered list in a literal block", "summary: |\n      1. Ships small features.\n\n      2. Reviews their team's changes.",
			[]string{"Ships small features.", "Reviews their team's changes."}, []int{5, 7}},
		{"a bullet list", "summary: |\n      - Writes tests.\n      - Keeps docs current.", []string{"Writes tests.", "Keeps docs current."}, []int{5, 6}},
		{"a lead-in and a list: one item", "summary: |\n      Owns delivery:\n      1. Plans.\n      2. Ships.", []string{"Owns delivery: 1. Plans. 2. Ships."}, []int{3}},
		{"a list of one: the text as it stands", "summary: |\n      1. Ships small features.", []string{"1. Ships small features."}, []int{3}},
		{"a list in a quoted text: the competency's line", `summary: "1. Ships small features.\n2. Reviews changes."`,
			[]string{"Ships small features.", "Reviews changes."}, []int{3, 3}},
		{"a number that is no list", "summary: 2025 goals met.", []string{"2025 goals met."}, []int{3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := "levels: [engineer]\ncompetencies:\n  - level: engineer\n    " + tc.summary + "\n"
			fw, err := Parse([]byte(data), "f.yml", input.Fields{}, framework.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var lines []int
			for _, it := range fw.Levels[0].Pillars[0].Items {
				got, lines = append(got, it.Text), append(lines, it.Source.Line)
			}
			if !slices.Equal(got, tc.want) || !slices.Equal(lines, tc.lines) {
				t.Errorf("items %q at lines %v, want %q at %v", got, lines, tc.want, tc.lines)
			}
		})
	}
}
