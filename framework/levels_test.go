package framework

import (
	"errors"
	"reflect"
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
