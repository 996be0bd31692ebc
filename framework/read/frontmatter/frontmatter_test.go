package frontmatter

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-cli/ladder/framework"
)

func summary(fw *framework.Framework) string {
	var b strings.Builder
	for _, lv := range fw.Levels {
		b.WriteString(lv.Slug + ":")
		for _, p := range lv.Pillars {
			b.WriteString(" " + p.Name + "=" + strconv.Itoa(len(p.Items)))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func parseFile(t *testing.T, file string) *framework.Framework {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := Parse(data, "page.md", framework.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

func TestOwnPage(t *testing.T) {
	fw := parseFile(t, "testdata/data.md")
	want := "level-1: Delivery=2\nlevel-2: Delivery=2 Stewardship=1\nlevel-3: Delivery=1 Stewardship=2\n"
	if got := summary(fw); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	ex := fw.Levels[1].Pillars[0].Items[1]
	if ex.Source.Line != 16 || len(ex.Children) != 1 || ex.Children[0].Source.Line != 18 {
		t.Errorf("example criterion at %d with %d children", ex.Source.Line, len(ex.Children))
	}
	if fw.Title != "Data Engineering Framework" {
		t.Errorf("title %q", fw.Title)
	}
}

func TestTabInFrontMatter(t *testing.T) {
	src := "---\ntopics:\n  - name: a\n\tcontent: []\n---\n"
	_, err := Parse([]byte(src), "p.md", framework.DefaultLimits)
	var fe *framework.Error
	if !errors.As(err, &fe) || fe.Source.Line != 4 {
		t.Fatalf("got %v, want an error at p.md:4", err)
	}
}

// TestMonzo reads the real Monzo backend page: 6 levels, 5 topics as
// pillars; leadership starts at level 3, so levels 1 and 2 have 4.
// Counts are criteria plus example criteria per topic and level.
func TestMonzo(t *testing.T) {
	file := "../../../../shared/frameworks/monzo+progression-framework/frameworks/engineering/backend.md"
	if _, err := os.Stat(file); err != nil {
		t.Skip("real frameworks not present (../shared/frameworks beside the worktree): ", err)
	}
	fw := parseFile(t, file)
	want := "level-1: Communication=4 Impact=1 Influence=1 Mastery=2\n" +
		"level-2: Communication=5 Impact=6 Influence=1 Mastery=9\n" +
		"level-3: Communication=4 Impact=3 Leadership=2 Influence=4 Mastery=13\n" +
		"level-4: Communication=5 Impact=6 Leadership=9 Influence=7 Mastery=10\n" +
		"level-5: Communication=2 Impact=8 Leadership=7 Influence=4 Mastery=11\n" +
		"level-6: Communication=1 Impact=2 Leadership=3 Influence=2 Mastery=3\n"
	if got := summary(fw); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile("testdata/data.md"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := Parse(data, "f.md", framework.DefaultLimits)
		if err != nil {
			var fe *framework.Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a framework.Error", err)
			}
			return
		}
		for _, lv := range fw.Levels {
			for _, p := range lv.Pillars {
				for _, it := range p.Items {
					if it.Source.Line < 1 {
						t.Fatalf("item %q without a line", it.Text)
					}
				}
			}
		}
	})
}
