package compare

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/framework/example"
)

func TestInherited(t *testing.T) {
	lower := func() *framework.Level {
		lv := level("intermediate", map[string][]string{
			"Technical": {"Writes automated tests alongside each change.", "Reads the dashboards before and after a deploy."},
			"Values":    {"Writes decisions down in the issue."},
		}, "Technical", "Values")
		lv.File = "d/intermediate.md"
		return lv
	}
	higher := func(inherits ...string) *framework.Level {
		lv := level("senior", map[string][]string{
			"Technical": {"Writes automated tests alongside each change, and sets the testing approach of the team."},
		}, "Technical")
		lv.File, lv.Inherits = "d/senior.md", inherits
		return lv
	}
	tests := []struct {
		name      string
		from, to  *framework.Level
		opts      []Option
		want      Summary
		valuesWas PillarStatus
	}{
		{"statement keeps the rest", lower(), higher("intermediate"), nil, Summary{Reworded: 1, Inherited: 2}, PillarInherited},
		{"as written", lower(), higher("intermediate"), []Option{WithoutInheritance()}, Summary{Reworded: 1, Removed: 2}, PillarRemoved},
		{"no statement", lower(), higher(), nil, Summary{Reworded: 1, Removed: 2}, PillarRemoved},
		{"statement names another level", lower(), higher("associate"), nil, Summary{Reworded: 1, Removed: 2}, PillarRemoved},
		{"caller follows the chain", lower(), higher("associate"), []Option{WithInheritedFrom("associate", "intermediate")}, Summary{Reworded: 1, Inherited: 2}, PillarInherited},
		{"caller says none", lower(), higher("intermediate"), []Option{WithInheritedFrom()}, Summary{Reworded: 1, Removed: 2}, PillarRemoved},
		{"another department", lower(), func() *framework.Level { lv := higher("intermediate"); lv.File = "e/senior.md"; return lv }(), nil, Summary{Reworded: 1, Removed: 2}, PillarRemoved},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Levels(tt.from, tt.to, tt.opts...)
			if r.Summary != tt.want {
				t.Errorf("summary %+v, want %+v", r.Summary, tt.want)
			}
			for _, p := range r.Pillars {
				if p.Key == "values" && p.Status != tt.valuesWas {
					t.Errorf("values pillar %s, want %s", p.Status, tt.valuesWas)
				}
			}
			if tt.want.Inherited > 0 && r.Changed() != (tt.want.Reworded > 0) {
				t.Errorf("Changed() = %v", r.Changed())
			}
			g := Gap([]*framework.Level{tt.from, tt.to}, tt.opts...)
			if g.Summary.Carried != tt.want.Same+tt.want.Moved+tt.want.Inherited || g.Summary.Dropped != tt.want.Removed {
				t.Errorf("gap %+v disagrees with %+v", g.Summary, tt.want)
			}
		})
	}
}

// TestGapOriginAcrossLevels: an item that appears at b and is reworded
// at c is new at b and strengthened at c, with b's wording as origin.
func TestGapOriginAcrossLevels(t *testing.T) {
	a := level("a", map[string][]string{"Technical": {"Fixes small bugs in their own area."}}, "Technical")
	b := level("b", map[string][]string{"Technical": {"Fixes small bugs in their own area.", "Takes part in the on-call rotation and handles routine pages."}}, "Technical")
	c := level("c", map[string][]string{"Technical": {"Fixes small bugs in their own area.", "Takes part in the on-call rotation, handles complex pages and leads incidents."}}, "Technical")
	g := Gap([]*framework.Level{a, b, c})
	var got []string
	for _, p := range g.Pillars {
		for _, gi := range p.Items {
			origin := ""
			if gi.Origin != nil {
				origin = gi.Origin.Text
			}
			got = append(got, fmt.Sprintf("%s since=%s strengthened=%v origin=%q item=%q", gi.Kind, gi.Since, gi.Strengthened, origin, gi.Item.Text))
		}
	}
	want := []string{
		`carried since= strengthened=[] origin="Fixes small bugs in their own area." item="Fixes small bugs in their own area."`,
		`new since=b strengthened=[c] origin="Takes part in the on-call rotation and handles routine pages." item="Takes part in the on-call rotation, handles complex pages and leads incidents."`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("gap:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// agreeRows describes a comparison and a gap of the same two levels as
// rows "kind | from | to", kinds in gap terms.
func agreeRows(r *Report, g *GapReport) (fromCompare, fromGap []string) {
	src := func(it *framework.Item) string {
		if it == nil {
			return ""
		}
		return it.Source.String() + " " + ItemText(it)
	}
	for _, p := range r.Pillars {
		for _, c := range p.Changes {
			k := map[Kind]GapKind{Added: GapNew, Reworded: GapStrengthened, Same: GapCarried, Moved: GapCarried, Inherited: GapCarried, Removed: GapDropped}[c.Kind]
			to := c.To
			if c.Kind == Inherited {
				to = c.From // kept as it is
			}
			fromCompare = append(fromCompare, fmt.Sprintf("%s | %s | %s", k, src(c.From), src(to)))
		}
	}
	for _, p := range g.Pillars {
		for _, gi := range p.Items {
			from, to := gi.Origin, gi.Item
			switch gi.Kind {
			case GapNew:
				from = nil
			case GapDropped:
				from, to = gi.Item, nil
			}
			fromGap = append(fromGap, fmt.Sprintf("%s | %s | %s", gi.Kind, src(from), src(to)))
		}
	}
	slices.Sort(fromCompare)
	slices.Sort(fromGap)
	return fromCompare, fromGap
}

// departmentsOf lists the loaded departments of a framework folder and
// every department below it.
func departmentsOf(t *testing.T, fsys fs.FS, dir string) map[string]*framework.Framework {
	t.Helper()
	out := map[string]*framework.Framework{}
	subs, err := framework.FindDepartments(fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range append([]string{"."}, subs...) {
		fw, err := framework.Load(fsys, path.Join(dir, d))
		if err != nil {
			if d == "." {
				continue // a folder with departments only
			}
			t.Fatal(err)
		}
		out[path.Join(dir, d)] = fw
	}
	return out
}

// TestGapAgreesWithCompare: for two adjacent levels, gap's new,
// strengthened, carried and dropped are compare's added, reworded,
// same+moved+inherited and removed, item for item, in every department
// of every framework the project has.
func TestGapAgreesWithCompare(t *testing.T) {
	all := map[string]*framework.Framework{}
	add := func(name string, m map[string]*framework.Framework) {
		for k, v := range m {
			all[name+":"+k] = v
		}
	}
	add("example", departmentsOf(t, example.FS(), example.Dir))
	for _, site := range []string{"support", "toml", "nested"} {
		root := "../testdata/sites/" + site
		add(site, departmentsOf(t, os.DirFS(root), "content"))
	}
	shared := "../../shared/handbook"
	if _, err := os.Stat(shared); err == nil {
		add("handbook", departmentsOf(t, os.DirFS(shared), "content/handbook/engineering/careers/matrix"))
	} else {
		t.Log("../shared/handbook is absent: checking the project's own frameworks only")
	}
	pairs := 0
	for name, fw := range all {
		for i := 0; i+1 < len(fw.Levels); i++ {
			a, b := fw.Levels[i], fw.Levels[i+1]
			for _, asWritten := range []bool{false, true} {
				var opts []Option
				if asWritten {
					opts = append(opts, WithoutInheritance())
				}
				fromCompare, fromGap := agreeRows(Levels(a, b, opts...), Gap([]*framework.Level{a, b}, opts...))
				if !slices.Equal(fromCompare, fromGap) {
					t.Errorf("%s %s → %s (as written %v): compare and gap disagree\ncompare:\n%s\ngap:\n%s", name, a.Slug, b.Slug, asWritten,
						strings.Join(fromCompare, "\n"), strings.Join(fromGap, "\n"))
				}
			}
			pairs++
		}
	}
	if pairs < 10 {
		t.Fatalf("only %d adjacent pairs checked", pairs)
	}
	t.Logf("%d adjacent pairs in %d departments agree", pairs, len(all))
}

// TestEmptyHeadingIsNoPillar: a section heading with no items (and no
// note) under it is not a pillar of the comparison, added or removed;
// one with a note still is.
func TestEmptyHeadingIsNoPillar(t *testing.T) {
	a := level("senior", map[string][]string{"Technical": {"Fixes bugs."}}, "Technical")
	b := level("staff", map[string][]string{"Technical": {"Fixes bugs."}}, "Technical", "Collaboration")
	for _, pair := range [][2]*framework.Level{{a, b}, {b, a}} {
		r := Levels(pair[0], pair[1])
		if len(r.Pillars) != 1 || r.Changed() {
			t.Errorf("%s → %s: %d pillars, changed %v; want the one with items, unchanged", pair[0].Slug, pair[1].Slug, len(r.Pillars), r.Changed())
		}
	}
	b.Pillars[1].Note = "TBD"
	if r := Levels(a, b); len(r.Pillars) != 2 || r.Pillars[1].Status != PillarAdded {
		t.Errorf("a heading with a note: %d pillars", len(r.Pillars))
	}
}

// TestGapDroppedAfterInheritance: an item a level keeps only by its
// "all competencies of" statement is last expected at that level, not
// below it, when the level above stops inheriting.
func TestGapDroppedAfterInheritance(t *testing.T) {
	a := level("intermediate", map[string][]string{"Technical": {"Fixes small bugs in their own area.", "Reads the dashboards before and after a deploy."}}, "Technical")
	b := level("senior", map[string][]string{"Technical": {"Fixes small bugs in their own area, and the bugs others leave behind."}}, "Technical")
	b.Inherits = []string{"intermediate"}
	c := level("staff", map[string][]string{"Technical": {"Sets how the department finds and fixes its bugs."}}, "Technical")
	tests := []struct {
		name  string
		path  []*framework.Level
		since string
	}{
		{"inherited, then not", []*framework.Level{a, b, c}, "senior"},
		{"inherited to the end is carried", []*framework.Level{a, b}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := Gap(tc.path)
			var found *GapItem
			for _, p := range g.Pillars {
				for i, gi := range p.Items {
					if gi.Origin != nil && strings.HasPrefix(gi.Origin.Text, "Reads the dashboards") || gi.Item != nil && strings.HasPrefix(gi.Item.Text, "Reads the dashboards") {
						found = &p.Items[i]
					}
				}
			}
			if found == nil {
				t.Fatal("the dashboards item is not in the gap")
			}
			switch {
			case tc.since == "" && found.Kind != GapCarried:
				t.Errorf("kind %s since %s, want carried", found.Kind, found.Since)
			case tc.since != "" && (found.Kind != GapDropped || found.Since != tc.since):
				t.Errorf("kind %s since %s, want dropped since %s", found.Kind, found.Since, tc.since)
			}
		})
	}
}
