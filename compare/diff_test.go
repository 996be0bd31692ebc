package compare

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/ladder-cli/ladder/framework"
)

func page(name, body string) string {
	return "---\ntitle: " + name + "\n---\n\n## " + name + "\n\n" + name + " engineers do things.\n\n" + body
}

var baseSite = fstest.MapFS{
	"content/eng/_index.md": {Data: []byte("1. [Associate](/eng/associate/)\n1. [Senior](/eng/senior/)\n1. [Staff](/eng/staff/)\n")},
	"content/eng/associate.md": {Data: []byte(page("Associate",
		"## Ownership\n\n1. Owns small tasks to completion.\n1. Follows the [runbooks](/rb/) when deploying.\n\n## Craft\n\n{{% include \"includes/craft.md\" %}}\n"))},
	"content/eng/senior.md": {Data: []byte(page("Senior",
		"## Responsibility\n\n1. Owns projects across services from design to rollout.\n1. Writes change plans for risky deploys.\n1. Mentors one or two engineers.\n\n## Craft\n\n{{% include \"includes/craft.md\" %}}\n"))},
	"content/eng/staff.md": {Data: []byte(page("Staff",
		"## Ownership\n\n1. Sets direction for a group of teams.\n"))},
	"assets/includes/craft.md": {Data: []byte("##### Company\n\n* Writes tests for the code they change.\n* Keeps dashboards for their services current.\n")},
}

func clone(m fstest.MapFS) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range m {
		c := *v
		out[k] = &c
	}
	return out
}

func loadSide(t *testing.T, fsys fstest.MapFS) Side {
	t.Helper()
	fw, err := framework.Load(fsys, "content/eng")
	if err != nil {
		t.Fatal(err)
	}
	return Side{Departments: []Department{{Name: "eng", Framework: fw}}, ReadFile: func(p string) ([]byte, error) { return fs.ReadFile(fsys, p) }}
}

func TestFrameworksDiff(t *testing.T) {
	newSite := clone(baseSite)
	// An include item reworded: affects associate and senior, reported once.
	newSite["assets/includes/craft.md"].Data = []byte("##### Company\n\n* Writes tests for every change they make.\n* Keeps dashboards for their services current.\n")
	// Senior: pillar renamed, whitespace-only change, summary changed.
	newSite["content/eng/senior.md"].Data = []byte(page("Senior",
		"## Ownership\n\n1. Owns projects across  services from design to rollout.\n1. Writes change plans for risky deploys.\n1. Mentors one or two engineers.\n\n## Craft\n\n{{% include \"includes/craft.md\" %}}\n"))
	// Associate: a link target changed only.
	newSite["content/eng/associate.md"].Data = []byte(page("Associate",
		"## Ownership\n\n1. Owns small tasks to completion.\n1. Follows the [runbooks](/runbooks/) when deploying.\n\n## Craft\n\n{{% include \"includes/craft.md\" %}}\n"))
	// A new level page.
	newSite["content/eng/principal.md"] = &fstest.MapFile{Data: []byte(page("Principal", "## Ownership\n\n1. Shapes the department's technical strategy.\n"))}

	d := Frameworks(loadSide(t, baseSite), loadSide(t, newSite))
	status := map[string]LevelStatus{}
	for _, l := range d.Levels {
		status[l.Ref] = l.Status
	}
	want := map[string]LevelStatus{"eng/associate": LevelChanged, "eng/senior": LevelChanged, "eng/staff": LevelUnchanged, "eng/principal": LevelAdded}
	for ref, st := range want {
		if status[ref] != st {
			t.Errorf("%s: status %s, want %s", ref, status[ref], st)
		}
	}
	if len(d.Includes) != 1 || d.Includes[0].Path != "assets/includes/craft.md" || d.Includes[0].Status != "changed" {
		t.Fatalf("includes = %+v", d.Includes)
	}
	inc := d.Includes[0]
	if len(inc.Affects) != 2 || inc.Affects[0] != "eng/associate" || inc.Affects[1] != "eng/senior" {
		t.Errorf("include affects %v", inc.Affects)
	}
	if len(inc.Changes) != 1 || inc.Changes[0].Kind != Reworded {
		t.Errorf("include changes = %d, want one reworded item reported once", len(inc.Changes))
	}
	for _, l := range d.Levels {
		if l.Report == nil || l.Status != LevelChanged {
			continue
		}
		for _, p := range l.Report.Pillars {
			for _, c := range p.Changes {
				if c.Kind != Same {
					t.Errorf("%s: change %s %q left in the level; it belongs to the include", l.Ref, c.Kind, itemText(c.To))
				}
			}
			if l.Ref == "eng/senior" && p.Key == "ownership" && p.RenamedFrom != "Responsibility" {
				t.Errorf("senior ownership renamed_from %q, want Responsibility", p.RenamedFrom)
			}
		}
	}
	if d.Ignored != (Ignored{Whitespace: 1, Links: 1}) {
		t.Errorf("ignored %+v, want 1 whitespace and 1 link change", d.Ignored)
	}
	if !d.Changed() {
		t.Error("Changed() false")
	}
	if same := Frameworks(loadSide(t, baseSite), loadSide(t, clone(baseSite))); same.Changed() {
		t.Error("identical versions reported as changed")
	}
}
