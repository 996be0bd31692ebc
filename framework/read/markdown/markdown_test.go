package markdown

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/read/input"
)

type levelWant struct {
	slug    string
	pillars []string
	counts  []int
}

func check(t *testing.T, fw *framework.Framework, want []levelWant) {
	t.Helper()
	if len(fw.Levels) != len(want) {
		var got []string
		for _, lv := range fw.Levels {
			got = append(got, lv.Slug)
		}
		t.Fatalf("got %d levels %v, want %d", len(fw.Levels), got, len(want))
	}
	for i, w := range want {
		lv := fw.Levels[i]
		if lv.Slug != w.slug {
			t.Errorf("level %d is %q, want %q", i, lv.Slug, w.slug)
		}
		if len(lv.Pillars) != len(w.pillars) {
			t.Errorf("%s: %d pillars, want %d", lv.Slug, len(lv.Pillars), len(w.pillars))
			continue
		}
		for j, p := range lv.Pillars {
			if p.Name != w.pillars[j] || len(p.Items) != w.counts[j] {
				t.Errorf("%s: pillar %d is %q with %d items, want %q with %d", lv.Slug, j, p.Name, len(p.Items), w.pillars[j], w.counts[j])
			}
		}
	}
}

func read(t *testing.T, file string) *framework.Framework {
	t.Helper()
	dir, base := filepath.Split(file)
	in := &input.Input{FS: os.DirFS(dir), Name: base, Limits: framework.DefaultLimits}
	fw, err := Read(in)
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

func TestOwnFramework(t *testing.T) {
	fw := read(t, "testdata/competencies.md")
	p := []string{"Delivery", "Collaboration", "Operations"}
	check(t, fw, []levelWant{
		{"associate-engineer", p, []int{2, 1, 1}},
		{"engineer", p, []int{3, 2, 1}},
		{"senior-engineer", p, []int{2, 2, 1}},
	})
	eng := fw.Levels[1]
	if got := eng.Pillars[1].Items[0].Text; got != "Reviews teammates' pull requests with care & kindness." {
		t.Errorf("entity not decoded once: %q", got)
	}
	if src := eng.Pillars[2].Items[0].Source; src.Line != 36 || src.File != "competencies.md" {
		t.Errorf("on-call item at %v, want competencies.md:36", src)
	}
	if n := len(eng.Pillars[2].Items[0].Children); n != 1 {
		t.Errorf("nested item: %d children, want 1", n)
	}
	if got := fw.Levels[2].Summary; got != "Leads the delivery of projects that span several weeks." {
		t.Errorf("summary %q", got)
	}
}

// TestEntitiesOnce: an escaped entity stays an entity in the text.
func TestEntitiesOnce(t *testing.T) {
	src := "## A\n### P\n- a &amp;lt;b&amp;gt; tag &amp; \\*stars\\*\n## B\n### P\n- x\n"
	fw, err := Parse([]byte(src), "e.md", 0, framework.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if got := fw.Levels[0].Pillars[0].Items[0].Text; got != "a &lt;b&gt; tag & *stars*" {
		t.Errorf("got %q", got)
	}
}

func TestLevelHeadingFromConfig(t *testing.T) {
	data, err := os.ReadFile("testdata/competencies.md")
	if err != nil {
		t.Fatal(err)
	}
	// Told that levels are at depth 2, the Questions section is a level
	// too: the config is obeyed, not second-guessed.
	fw, err := Parse(data, "c.md", 2, framework.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(fw.Levels) != 4 || fw.Levels[3].Slug != "questions" {
		t.Fatalf("got %d levels", len(fw.Levels))
	}
}

func TestTracksFromParentHeadings(t *testing.T) {
	src := "# Individual contributors\n\n## Engineer\n\n### Craft\n\n- a\n\n## Senior\n\n### Craft\n\n- b\n- c\n\n" +
		"# Managers\n\n## Manager\n\n### Craft\n\n- d\n"
	fw, err := Parse([]byte(src), "t.md", 0, framework.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, lv := range fw.Levels {
		got = append(got, lv.Track+"/"+lv.Slug)
	}
	want := []string{"individual-contributors/engineer", "individual-contributors/senior", "managers/manager"}
	if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestCodecademy reads the real Codecademy file: five levels in file
// order, the FAQ not among them, four pillars each, the items counted by
// hand from the file.
func TestCodecademy(t *testing.T) {
	file := "../../../../shared/frameworks/Codecademy+engineering-competencies/README.md"
	if _, err := os.Stat(file); err != nil {
		t.Skip("real frameworks not present (../shared/frameworks beside the worktree): ", err)
	}
	fw := read(t, file)
	p := []string{"Software Engineering & Design", "Execution & Results", "Collaboration & Communication", "Community & Citizenship"}
	check(t, fw, []levelWant{
		{"software-engineering-apprentice", p, []int{5, 3, 5, 3}},
		{"software-engineer", p, []int{4, 3, 5, 5}},
		{"software-engineer-2", p, []int{6, 3, 6, 6}},
		{"senior-software-engineer", p, []int{6, 5, 8, 6}},
		{"staff-software-engineer", p, []int{8, 5, 7, 5}},
	})
	if src := fw.Levels[0].Pillars[0].Items[0].Source; src.Line != 22 {
		t.Errorf("first item at line %d, want 22", src.Line)
	}
}

func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile("testdata/competencies.md"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("## A\n### P\n- x\n## B\n### P\n- y\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := Parse(data, "f.md", 0, framework.DefaultLimits)
		if err != nil {
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
