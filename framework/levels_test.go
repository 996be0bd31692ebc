package framework

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"testing/fstest"
)

// Levels parses pages at once; what it returns must be what parsing them
// one by one gives, in the order asked, with a repeated slug parsed once.
func TestLevelsAsLevelByLevel(t *testing.T) {
	page := func(name, item string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + name + "\n---\n## Craft\n\n- " + item + "\n{{% include \"includes/shared.md\" %}}\n")}
	}
	fsys := fstest.MapFS{
		"fw/junior.md":       page("Junior", "Fixes small bugs with help."),
		"fw/mid.md":          page("Mid", "Fixes bugs on their own."),
		"fw/senior.md":       page("Senior", "Finds the bugs others miss."),
		"includes/shared.md": {Data: []byte("- Writes tests for what they change.\n")},
		"fw/broken.md":       {Data: []byte("---\ntitle: [\n---\n")},
	}
	one, err := NewLoader(fsys, "fw")
	if err != nil {
		t.Fatal(err)
	}
	var want []*Level
	for _, s := range []string{"senior", "junior", "mid", "senior"} {
		lv, err := one.Level(s)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, lv)
	}
	at, err := NewLoader(fsys, "fw")
	if err != nil {
		t.Fatal(err)
	}
	got, err := at.Levels("senior", "junior", "mid", "senior")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Levels gives\n%#v\nwant\n%#v", got, want)
	}
	if got[0] != got[3] {
		t.Error("a slug asked twice gives two levels")
	}
	if lv, _ := at.Level("mid"); lv != got[2] {
		t.Error("a level Levels parsed is parsed again by Level")
	}
	if _, err := at.Levels("junior", "broken", "nope"); err == nil {
		t.Fatal("no error for a page with broken front matter")
	} else if fe := (*Error)(nil); !errors.As(err, &fe) || fe.Source.File != "fw/broken.md" {
		t.Fatalf("error %v does not name fw/broken.md", err)
	}
}

func TestUniqueKeys(t *testing.T) {
	pillar := func(path ...string) *Pillar {
		name := path[len(path)-1]
		return &Pillar{Name: name, Path: path, Key: PillarKey(name)}
	}
	for _, tc := range []struct {
		name string
		ps   []*Pillar
		want []string
	}{
		{"distinct names keep their own keys", []*Pillar{pillar("Craft"), pillar("Impact")}, []string{"craft", "impact"}},
		{"same name, different groups: the path", []*Pillar{pillar("Engineering", "Leadership"), pillar("Product", "Leadership")},
			[]string{"engineering leadership", "product leadership"}},
		{"same path twice: numbered", []*Pillar{pillar("Eng", "Craft"), pillar("Eng", "Craft")}, []string{"eng craft", "eng craft 2"}},
		{"a numbered key another pillar's path already has", []*Pillar{pillar("2"), pillar("Untitled", "2"), pillar("Untitled"), pillar("Untitled")},
			[]string{"2", "untitled 2", "untitled", "untitled 3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			uniqueKeys(tc.ps)
			var got []string
			for _, p := range tc.ps {
				got = append(got, p.Key)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("keys %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTracksAndOnTrack(t *testing.T) {
	lv := func(slug, track string) *Level { return &Level{Slug: slug, Track: track} }
	fw := &Framework{Title: "Eng", Levels: []*Level{lv("junior", ""), lv("senior", ""), lv("staff", "ic"), lv("lead", "em"), lv("principal", "ic")}}
	if got := fw.Tracks(); !slices.Equal(got, []string{"ic", "em"}) {
		t.Errorf("Tracks() = %q, want [ic em]", got)
	}
	var slugs []string
	for _, l := range fw.OnTrack("ic").Levels {
		slugs = append(slugs, l.Slug)
	}
	if !slices.Equal(slugs, []string{"junior", "senior", "staff", "principal"}) {
		t.Errorf("OnTrack(ic) levels %q", slugs)
	}
	if len(fw.Levels) != 5 || fw.OnTrack("em").Title != "Eng" {
		t.Error("OnTrack changed the framework or lost its title")
	}
	if (&Framework{Levels: []*Level{lv("a", "")}}).Tracks() != nil {
		t.Error("a framework without tracks lists some")
	}
}
