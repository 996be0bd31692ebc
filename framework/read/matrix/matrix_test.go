package matrix

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-cli/ladder/framework"
)

func summary(fw *framework.Framework) string {
	var b strings.Builder
	for _, lv := range fw.Levels {
		b.WriteString(lv.Track + "/" + lv.Slug + ":")
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
	return Parse(data, "ladder.md", framework.DefaultLimits)
}

func TestOwnLadder(t *testing.T) {
	fw := parseFile(t, "testdata/ladder.md")
	// The merged cell goes to Support Engineer 2 only; the ragged
	// Advocacy row gives Support Engineer 1 an item and the others none.
	want := "individual-contributors/support-engineer-1: Craft=2 Customers=2\n" +
		"individual-contributors/support-engineer-2: Craft=2 Customers=1\n" +
		"individual-contributors/senior-support-engineer: Craft=3 Customers=0\n" +
		"managers/s1: Craft=1 Customers=2\n" +
		"managers/s2: Craft=1 Customers=1\n"
	if got := summary(fw); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	se2 := fw.Levels[1]
	if it := se2.Pillars[0].Items[1]; it.Text != "Knows the product's main features & their limits." || it.Group != "Knowledge" || it.Source.Line != 40 {
		t.Errorf("text cell item %q group %q at %d", it.Text, it.Group, it.Source.Line)
	}
	if fw.Levels[3].Name != "Support Manager" {
		t.Errorf("transposed level named %q, want its title", fw.Levels[3].Name)
	}
	var warns []string
	for _, lv := range fw.Levels {
		for _, w := range lv.Warnings {
			warns = append(warns, w.String())
		}
	}
	if len(warns) != 2 || !strings.Contains(warns[0], "ladder.md:58: table row 2 has a merged cell") || !strings.Contains(warns[1], "ladder.md:63: table row 3 has 2 cells, the header 4") {
		t.Errorf("warnings %q", warns)
	}
}

// TestArtsy reads the real Artsy ladder: the IC tables have levels as
// columns, the manager table is transposed; items are the <li>s of each
// level's cells across the pillar tables (cells holding only &nbsp; give
// none), counted by hand.
func TestArtsy(t *testing.T) {
	file := "../../../../shared/frameworks/artsy+README/careers/ladder.md"
	if _, err := os.Stat(file); err != nil {
		t.Skip("real frameworks not present (../shared/frameworks beside the worktree): ", err)
	}
	fw := parseFile(t, file)
	ic, em := "individual-contributors/", "engineering-management/"
	want := ic + "engineer-1: Knowledge Leadership=8 Impact=2 Influence=4 Discretion=6\n" +
		ic + "engineer-2: Knowledge Leadership=10 Impact=2 Influence=9 Discretion=6\n" +
		ic + "senior-engineer-1: Knowledge Leadership=8 Impact=7 Influence=10 Discretion=9\n" +
		ic + "senior-engineer-2: Knowledge Leadership=7 Impact=8 Influence=11 Discretion=2\n" +
		ic + "staff-engineer: Knowledge Leadership=6 Impact=6 Influence=14 Discretion=7\n" +
		em + "m2: People & Business Leadership=5 Impact=4 Influence=3 Discretion=4\n" +
		em + "m3: People & Business Leadership=4 Impact=4 Influence=5 Discretion=2\n" +
		em + "m4: People & Business Leadership=4 Impact=4 Influence=5 Discretion=1\n" +
		em + "m5: People & Business Leadership=3 Impact=4 Influence=5 Discretion=2\n" +
		em + "m6: People & Business Leadership=4 Impact=2 Influence=1 Discretion=2\n"
	if got := summary(fw); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile("testdata/ladder.md"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("<table><tr><td>Level</td><td>P</td></tr><tr><td rowspan=3>M1</td><td>x</td></tr></table>\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fw := Parse(data, "f.md", framework.DefaultLimits)
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

func TestIndexFold(t *testing.T) {
	for _, tc := range []struct {
		b, sub string
		want   int
	}{
		{"text <TABLE> x", "<table", 5},
		{"<Table", "<table", 0},
		{"<tab", "<table", -1},
		{"a < b <table", "<table", 6},
		{"no tables", "<table", -1},
		{"x</Table>", "</table>", 1},
		{"é<table", "<table", 2},
	} {
		if got := indexFold([]byte(tc.b), tc.sub); got != tc.want {
			t.Errorf("indexFold(%q, %q) = %d, want %d", tc.b, tc.sub, got, tc.want)
		}
	}
}
