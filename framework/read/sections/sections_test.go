package sections

import (
	"errors"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/read/input"
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

func readDir(t *testing.T, dir string) *framework.Framework {
	t.Helper()
	in := &input.Input{FS: os.DirFS(dir), Name: ".", IsDir: true, Limits: framework.DefaultLimits}
	if !Detect(in) {
		t.Fatalf("%s not detected as sections", dir)
	}
	fw, err := Read(in)
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

func TestOwnPathway(t *testing.T) {
	fw := readDir(t, "testdata/pathway")
	// The empty senior section of incident response gives no items; the
	// pairing page, with no level sections, gives no pillar.
	want := "junior: Code review=2 Incident response=1\n" +
		"mid: Code review=3 Incident response=2\n" +
		"senior: Code review=2 Incident response=0\n"
	if got := summary(fw); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	mid := fw.Levels[1].Pillars[0]
	if mid.Note != "At mid level, you should:" {
		t.Errorf("lead-in note %q", mid.Note)
	}
	if it := mid.Items[2]; it.Source.File != "craft/code-review.md" || it.Source.Line != 23 {
		t.Errorf("prose item at %v, want craft/code-review.md:23", it.Source)
	}
}

func TestHugoFolderIsNotSections(t *testing.T) {
	in := &input.Input{FS: os.DirFS("../../../testdata/sites"), Name: ".", IsDir: true, Limits: framework.DefaultLimits}
	if _, err := os.Stat("../../../testdata/sites"); err != nil {
		t.Skip(err)
	}
	if Detect(in) {
		t.Error("the Hugo test sites read as sections")
	}
}

// TestGDS reads the real GDS career path folder: 3 levels, each file with
// level sections a pillar (version control has none), items counted by
// hand: list items, or paragraphs where a section has no list.
func TestGDS(t *testing.T) {
	dir := "../../../../shared/frameworks/alphagov+gds-tech-learning-pathway/career-path"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("real frameworks not present (../shared/frameworks beside the worktree): ", err)
	}
	fw := readDir(t, dir)
	want := "junior: Designing for reliability=2 Planning and estimating=1\n" +
		"mid: Designing for reliability=5 Planning and estimating=7\n" +
		"senior: Designing for reliability=3 Planning and estimating=7\n"
	if got := summary(fw); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func FuzzParseFile(f *testing.F) {
	for _, p := range []string{"testdata/pathway/craft/code-review.md", "testdata/pathway/craft/incident-response.md"} {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fw := &framework.Framework{}
		err := parseFile(fw, map[string]*framework.Level{}, data, "f.md", 0, framework.DefaultLimits)
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

// multiLineHeadingRE is the rule hasLevelHeading applies line by line,
// written as one pattern over the whole file.
var multiLineHeadingRE = regexp.MustCompile(`(?im)^ {0,3}#{1,6}[ \t]+\S.*[ \t]level[ \t#]*$`)

func TestHasLevelHeading(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"# Craft\n### Junior level\n- x\n", true},
		{"### Senior Level ##\n", true},
		{"   ## Mid level", true},
		{"    ## Mid level\n", false}, // four spaces: code
		{"## Levels of craft\n", false},
		{"## level\n", false}, // no name before "level"
		{"Junior level\n", false},
		{"## Junior level\r\n", false}, // as the pattern: '\r' is not white space it allows
		{"text\n#x level\n", false},
		{"", false},
	} {
		if got := hasLevelHeading([]byte(tc.in)); got != tc.want {
			t.Errorf("hasLevelHeading(%q) = %v, want %v", tc.in, got, tc.want)
		}
		if old := multiLineHeadingRE.MatchString(tc.in); old != tc.want {
			t.Errorf("the multi-line pattern says %v for %q; the table is wrong", old, tc.in)
		}
	}
}

func FuzzHasLevelHeading(f *testing.F) {
	f.Add([]byte("# Craft\n### Junior level\n"))
	f.Add([]byte("  ## a level #\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := hasLevelHeading(data), multiLineHeadingRE.Match(data); got != want {
			t.Fatalf("hasLevelHeading(%q) = %v, the multi-line pattern %v", data, got, want)
		}
	})
}
