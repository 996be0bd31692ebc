package yamldata

import (
	"errors"
	"os"
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
// competency per level (72 competencies in the file).
func TestFinancialTimes(t *testing.T) {
	file := "../../../../shared/frameworks/Financial-Times+engineering-progression/data/job-families/engineering.yml"
	if _, err := os.Stat(file); err != nil {
		t.Skip("real frameworks not present (../shared/frameworks beside the worktree): ", err)
	}
	fw := parseFile(t, file, input.Fields{})
	wantSlugs := []string{"junior", "engineer", "senior-1", "senior-2-ic", "senior-2-pm", "principal-ic", "principal-pm", "tech-director"}
	wantTracks := []string{"", "", "", "ic", "pm", "ic", "pm", ""}
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
			if len(p.Items) != 1 {
				t.Errorf("%s/%s: %d items, want 1", lv.Slug, p.Name, len(p.Items))
			}
		}
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
