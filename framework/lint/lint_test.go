package lint_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/example"
	"github.com/ladder-cli/ladder/framework/lint"
)

// lvl writes a level page with a heading, a summary and pillars.
func lvl(name string, pillars ...string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("## " + name + "\n\n" + name + " engineers work.\n\n" + strings.Join(pillars, "\n\n") + "\n")}
}

func pillar(name string, items ...string) string {
	return "## " + name + "\n\n- " + strings.Join(items, "\n- ")
}

func got(t *testing.T, fsys fstest.MapFS) []string {
	t.Helper()
	fw, err := framework.Load(fsys, "fw")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range lint.Check(fw) {
		out = append(out, fmt.Sprintf("%s %s", f.Source, f.Code))
	}
	return out
}

const (
	a = "Owns small tasks from start to finish."
	b = "Writes tests for every change to the deploy pipeline."
	c = "Reviews teammates' merge requests within a day."
	d = "Keeps the on-call runbooks current after each incident."
)

func TestChecks(t *testing.T) {
	index := &fstest.MapFile{Data: []byte("1. [Associate](/fw/associate/)\n1. [Senior](/fw/senior/)\n1. [Staff](/fw/staff/)\n")}
	tests := []struct {
		name string
		fs   fstest.MapFS
		want []string
	}{
		{"clean", fstest.MapFS{
			"fw/_index.md":    index,
			"fw/associate.md": lvl("Associate", pillar("Ownership", a, b)),
			"fw/senior.md":    lvl("Senior", pillar("Ownership", a, b)),
			"fw/staff.md":     lvl("Staff", pillar("Ownership", a, b)),
		}, nil},
		{"missing pillar", fstest.MapFS{
			"fw/_index.md":    index,
			"fw/associate.md": lvl("Associate", pillar("Ownership", a), pillar("Craft", b)),
			"fw/senior.md":    lvl("Senior", pillar("Ownership", a)),
			"fw/staff.md":     lvl("Staff", pillar("Ownership", a), pillar("Craft", b)),
		}, []string{"fw/senior.md:1 missing-pillar"}},
		{"item skips a level", fstest.MapFS{
			"fw/_index.md":    index,
			"fw/associate.md": lvl("Associate", pillar("Ownership", a, d)),
			"fw/senior.md":    lvl("Senior", pillar("Ownership", a)),
			"fw/staff.md":     lvl("Staff", pillar("Ownership", a, d)),
		}, []string{"fw/associate.md:8 dropped-item"}},
		{"item stops for good is fine", fstest.MapFS{
			"fw/_index.md":    index,
			"fw/associate.md": lvl("Associate", pillar("Ownership", a, d)),
			"fw/senior.md":    lvl("Senior", pillar("Ownership", a)),
			"fw/staff.md":     lvl("Staff", pillar("Ownership", a, c)),
		}, nil},
		{"duplicate item", fstest.MapFS{
			"fw/_index.md":    index,
			"fw/associate.md": lvl("Associate", pillar("Ownership", a, b), pillar("Craft", "owns small tasks from start to finish")),
			"fw/senior.md":    lvl("Senior", pillar("Ownership", a, b), pillar("Craft", c)),
			"fw/staff.md":     lvl("Staff", pillar("Ownership", a, b), pillar("Craft", c)),
		}, []string{"fw/associate.md:12 duplicate-item"}},
		{"toc", fstest.MapFS{
			"fw/_index.md":    index,
			"fw/associate.md": lvl("Associate", pillar("Ownership", a)),
			"fw/senior.md":    {Data: []byte("## Senior\n\n- [Senior Ownership](#senior-ownership)\n- [Senior Gone](#senior-gone)\n\n---\n\n### Senior Ownership\n\n- " + a + "\n\n### Senior Craft\n\n- " + b + "\n")},
			"fw/staff.md":     lvl("Staff", pillar("Ownership", a)),
		}, []string{"fw/senior.md:4 toc-dead-link", "fw/senior.md:12 toc-missing-entry"}},
		{"toc with custom ids", fstest.MapFS{
			"fw/_index.md":    index,
			"fw/associate.md": lvl("Associate", pillar("Ownership", a)),
			"fw/senior.md":    {Data: []byte("## Senior\n\n- [Ownership](#own)\n\n---\n\n### Senior Ownership {#own}\n\n- " + a + "\n\n{{</* a Hugo comment */>}}\n")},
			"fw/staff.md":     lvl("Staff", pillar("Ownership", a)),
		}, nil},
		{"inheritance", fstest.MapFS{
			"fw/_index.md":    index,
			"fw/associate.md": {Data: []byte("## Associate\n\n- [All competencies exhibited by a Staff](/fw/staff/)\n\n## Ownership\n\n- " + a + "\n")},
			"fw/senior.md":    {Data: []byte("## Senior\n\n- [All competencies exhibited by a Senior](/fw/senior/)\n\n## Ownership\n\n- " + a + "\n")},
			"fw/staff.md":     {Data: []byte("## Staff\n\n- [All competencies exhibited by a Lead](/fw/lead/)\n\n## Ownership\n\n- " + a + "\n")},
		}, []string{"fw/associate.md:3 inherits-higher", "fw/senior.md:3 inherits-self", "fw/staff.md:3 inherits-unknown"}},
		{"warnings become findings", fstest.MapFS{
			"fw/_index.md":    index,
			"fw/associate.md": lvl("Associate", pillar("Ownership", a)+"\n\n{{$ include \"includes/x.md\" %}}\n\n{{% include \"includes/gone.md\" %}}"),
			"fw/senior.md":    lvl("Senior", pillar("Ownership", a)),
			"fw/staff.md":     lvl("Staff", pillar("Ownership", a)),
		}, []string{"fw/associate.md:9 bad-shortcode", "fw/associate.md:11 missing-include"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if g := got(t, tt.fs); fmt.Sprint(g) != fmt.Sprint(tt.want) {
				t.Errorf("findings %v, want %v", g, tt.want)
			}
		})
	}
}

func TestExampleIsClean(t *testing.T) {
	fw, err := framework.Load(example.FS(), example.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if fs := lint.Check(fw); len(fs) != 0 {
		t.Errorf("the example framework has findings: %+v", fs)
	}
}

// TestRealPages pins what lint finds on the real handbook pages; each is
// a real problem there (see the issue note).
func TestRealPages(t *testing.T) {
	root := "../../../shared/handbook"
	if _, err := os.Stat(root); err != nil {
		t.Skipf("real handbook data not found at %s; skipping", root)
	}
	const m = "content/handbook/engineering/careers/matrix"
	inc := "assets/includes/engineering-careers/"
	want := map[string][]string{
		m:                     {m + "/principal.md:12 inherits-self"},
		m + "/infrastructure": nil,
		m + "/development": {
			m + "/development/intern.md:1 index-missing", // its _index.md lists no Intern
			m + "/development/intern.md:16 toc-missing-entry",
			inc + "development-intermediate-leadership-competency.md:8 dropped-item",
			inc + "development-staff-technical-competency.md:13 duplicate-item",
		},
	}
	for dir, w := range want {
		fw, err := framework.Load(os.DirFS(root), dir)
		if err != nil {
			t.Fatal(err)
		}
		var g []string
		for _, f := range lint.Check(fw) {
			g = append(g, fmt.Sprintf("%s %s", f.Source, f.Code))
		}
		if fmt.Sprint(g) != fmt.Sprint(w) {
			t.Errorf("%s: findings %v, want %v", dir, g, w)
		}
	}
}

// TestIndexMissing: a level page the department's _index.md list leaves
// out is a finding; a department without _index.md has none.
func TestIndexMissing(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("### Technical\n\n- Fixes bugs.\n")}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want []string
	}{
		{"one left out", fstest.MapFS{
			"d/_index.md": {Data: []byte("- [Senior](senior/)\n- [Staff](staff/)\n")},
			"d/senior.md": page, "d/staff.md": page, "d/principal.md": page,
		}, []string{"d/principal.md:1 index-missing"}},
		{"all listed", fstest.MapFS{
			"d/_index.md": {Data: []byte("- [Senior](senior/)\n- [Staff](staff/)\n")},
			"d/senior.md": page, "d/staff.md": page,
		}, nil},
		{"no index", fstest.MapFS{"d/senior.md": page, "d/staff.md": page}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fw, err := framework.Load(tt.fsys, "d")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range lint.Check(fw) {
				if f.Code == "index-missing" {
					got = append(got, f.Source.String()+" "+f.Code)
				}
			}
			if strings.Join(got, ";") != strings.Join(tt.want, ";") {
				t.Errorf("findings %q, want %q", got, tt.want)
			}
		})
	}
}
