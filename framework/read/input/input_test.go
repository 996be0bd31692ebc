package input

import (
	"strings"
	"testing"

	"github.com/ladder-cli/ladder/framework"
)

func TestPillarsIndex(t *testing.T) {
	lv := NewLevel("a", "A", "f")
	px := NewPillars()
	p1 := px.Of(lv, "Craft & Code", framework.Source{})
	p2 := px.Of(lv, "craft code", framework.Source{})
	px.Of(lv, "People", framework.Source{})
	if p1 != p2 || len(lv.Pillars) != 2 {
		t.Errorf("same key gave two pillars, or %d pillars", len(lv.Pillars))
	}
}

func TestFoldStopsAtLimit(t *testing.T) {
	it := NewItem("top", framework.Source{}, framework.DefaultLimits)
	kid := NewItem("deep", framework.Source{}, framework.DefaultLimits)
	for i := 0; i < 5; i++ {
		kid = &framework.Item{Text: "level", Children: []*framework.Item{kid}}
	}
	Fold(it, []*framework.Item{kid}, framework.DefaultLimits)
	if it.Text != "top level level level level level deep" {
		t.Errorf("got %q", it.Text)
	}
	lim := framework.Limits{MaxItemLength: 10}
	it = NewItem("top", framework.Source{}, lim)
	Fold(it, []*framework.Item{{Text: strings.Repeat("x", 100)}, {Text: "more"}}, lim)
	if len(it.Text) != 10 {
		t.Errorf("folded to %d bytes, want 10", len(it.Text))
	}
}

func TestSplitFrontMatter(t *testing.T) {
	for _, c := range []struct {
		in       string
		yml      string
		bodyLine int
	}{
		{"---\na: 1\n---\nbody\n", "a: 1\n", 4},
		{"---", "", 1},
		{"---\na: 1\n", "", 1}, // never closed
		{"no front matter\n", "", 1},
	} {
		yml, _, _, line := SplitFrontMatter([]byte(c.in))
		if string(yml) != c.yml || line != c.bodyLine {
			t.Errorf("%q: yaml %q line %d, want %q line %d", c.in, yml, line, c.yml, c.bodyLine)
		}
	}
}

func TestSlug(t *testing.T) {
	for name, want := range map[string]string{
		"IC3 Software Engineer": "ic3-software-engineer",
		"  Senior — Staff ":     "senior-staff",
		"Ingénieur·e":           "ingénieur-e",
		"(":                     "u0028",
		"★ ☆":                   "u2605-u2606",
		"":                      "",
		"   ":                   "",
	} {
		if got := Slug(name); got != want {
			t.Errorf("Slug(%q) = %q, want %q", name, got, want)
		}
	}
}
