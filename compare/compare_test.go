package compare

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/ladder-cli/ladder/framework"
	"github.com/ladder-cli/ladder/internal/gen"
)

func level(slug string, pillars map[string][]string, order ...string) *framework.Level {
	lv := &framework.Level{Slug: slug, Name: slug}
	for _, name := range order {
		p := &framework.Pillar{Name: name, Key: framework.PillarKey(name), Path: []string{name}}
		for i, t := range pillars[name] {
			p.Items = append(p.Items, &framework.Item{Text: t, Markdown: t, Source: framework.Source{File: slug + ".md", Line: i + 1}})
		}
		lv.Pillars = append(lv.Pillars, p)
	}
	return lv
}

type row struct {
	kind     Kind
	from, to string
}

func rows(r *Report) map[string][]row {
	out := map[string][]row{}
	for _, p := range r.Pillars {
		for _, c := range p.Changes {
			var f, t string
			if c.From != nil {
				f = c.From.Text
			}
			if c.To != nil {
				t = c.To.Text
			}
			out[p.Key] = append(out[p.Key], row{c.Kind, f, t})
		}
	}
	return out
}

func TestLevels(t *testing.T) {
	tests := []struct {
		name     string
		from, to map[string][]string
		order    []string
		want     map[string][]row
	}{
		{
			name:  "identical ignoring case and punctuation",
			from:  map[string][]string{"Ownership": {"Owns their tasks."}},
			to:    map[string][]string{"Ownership": {"owns their tasks"}},
			order: []string{"Ownership"},
			want:  map[string][]row{"ownership": {{Same, "Owns their tasks.", "owns their tasks"}}},
		},
		{
			name:  "symbols count, case and punctuation do not",
			from:  map[string][]string{"Craft": {"Keeps test coverage > 80%.", "Writes C++ services."}},
			to:    map[string][]string{"Craft": {"keeps test coverage < 80%", "Writes C# services"}},
			order: []string{"Craft"},
			want: map[string][]row{"craft": {
				{Reworded, "Keeps test coverage > 80%.", "keeps test coverage < 80%"},
				{Reworded, "Writes C++ services.", "Writes C# services"}}},
		},
		{
			name:  "shared topic word is not enough",
			from:  map[string][]string{"Team": {"Participates in the on-call rotations.", "Keeps runbooks current."}},
			to:    map[string][]string{"Team": {"Supports colleagues who are currently on-call.", "Writes postmortems."}},
			order: []string{"Team"},
			want: map[string][]row{"team": {
				{Removed, "Participates in the on-call rotations.", ""},
				{Removed, "Keeps runbooks current.", ""},
				{Added, "", "Supports colleagues who are currently on-call."},
				{Added, "", "Writes postmortems."}}},
		},
		{
			// A pillar that states one expectation per level: the lone
			// item continues the lone item below, as a line diff's
			// one-line hunk is a changed line, when they share a word.
			name:  "the only item of a pillar on both sides, sharing a word",
			from:  map[string][]string{"Team": {"Participates in the on-call rotations."}},
			to:    map[string][]string{"Team": {"Supports colleagues who are currently on-call."}},
			order: []string{"Team"},
			want: map[string][]row{"team": {
				{Reworded, "Participates in the on-call rotations.", "Supports colleagues who are currently on-call."}}},
		},
		{
			name:  "the only item of a pillar on both sides, sharing no word",
			from:  map[string][]string{"Team": {"Participates in the on-call rotations."}},
			to:    map[string][]string{"Team": {"Mentors new hires."}},
			order: []string{"Team"},
			want: map[string][]row{"team": {
				{Removed, "Participates in the on-call rotations.", ""},
				{Added, "", "Mentors new hires."}}},
		},
		{
			name:  "one item changed between identical neighbours",
			from:  map[string][]string{"Craft": {"Writes tests.", "Reviews merge requests from the team promptly.", "Documents decisions."}},
			to:    map[string][]string{"Craft": {"Writes tests.", "Sets the review standard other engineers follow.", "Documents decisions."}},
			order: []string{"Craft"},
			want: map[string][]row{"craft": {
				{Same, "Writes tests.", "Writes tests."},
				{Reworded, "Reviews merge requests from the team promptly.", "Sets the review standard other engineers follow."},
				{Same, "Documents decisions.", "Documents decisions."}}},
		},
		{
			name: "reworded, added, removed where it stood",
			from: map[string][]string{"Execution": {
				"Writes tests for the code they change.",
				"Ships small changes through the standard merge request workflow.",
				"Asks questions in public channels.",
				"Responds to review comments promptly."}},
			to: map[string][]string{"Execution": {
				"Writes tests for the code they change.",
				"Ships medium-sized changes through the standard merge request workflow.",
				"Breaks large work into small deployable merge requests.",
				"Responds to review comments promptly."}},
			order: []string{"Execution"},
			want: map[string][]row{"execution": {
				{Same, "Writes tests for the code they change.", "Writes tests for the code they change."},
				{Reworded, "Ships small changes through the standard merge request workflow.", "Ships medium-sized changes through the standard merge request workflow."},
				{Removed, "Asks questions in public channels.", ""},
				{Added, "", "Breaks large work into small deployable merge requests."},
				{Same, "Responds to review comments promptly.", "Responds to review comments promptly."}}},
		},
		{
			name: "moved between pillars",
			from: map[string][]string{
				"Execution": {"Deploys their own changes to production using the standard pipeline."},
				"Ownership": {"Owns their tasks."}},
			to: map[string][]string{
				"Execution": {},
				"Ownership": {"Owns their tasks.", "Deploys their own changes to production using the standard pipeline."}},
			order: []string{"Ownership", "Execution"},
			want: map[string][]row{
				"ownership": {{Same, "Owns their tasks.", "Owns their tasks."},
					{Moved, "Deploys their own changes to production using the standard pipeline.", "Deploys their own changes to production using the standard pipeline."}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Levels(level("a", tt.from, tt.order...), level("b", tt.to, tt.order...))
			got := rows(r)
			for key, want := range tt.want {
				if fmt.Sprint(got[key]) != fmt.Sprint(want) {
					t.Errorf("pillar %s:\n got %v\nwant %v", key, got[key], want)
				}
			}
		})
	}
}

func TestPillarAddedAndRemoved(t *testing.T) {
	r := Levels(level("a", map[string][]string{"Old": {"x y z"}, "Both": {"a b"}}, "Old", "Both"),
		level("b", map[string][]string{"New": {"p q"}, "Both": {"a b"}}, "Both", "New"))
	var got []string
	for _, p := range r.Pillars {
		got = append(got, p.Key+":"+string(p.Status))
	}
	if want := "[old:removed both:same new:added]"; fmt.Sprint(got) != want {
		t.Errorf("got %v, want %s", got, want)
	}
	if r.Summary != (Summary{Same: 1, Added: 1, Removed: 1}) {
		t.Errorf("summary %+v", r.Summary)
	}
}

func TestPillarRenamed(t *testing.T) {
	items := []string{"Owns the deploy pipeline for their service.", "Writes runbooks for every alert they add.", "Reviews incident timelines with the team."}
	r := Levels(level("a", map[string][]string{"Responsibility": items, "Craft": {"x y z"}}, "Responsibility", "Craft"),
		level("b", map[string][]string{"Ownership": append(items[:2:2], "Plans capacity for the next quarter."), "Craft": {"x y z"}}, "Ownership", "Craft"))
	p := r.Pillars[0]
	if p.Key != "ownership" || p.RenamedFrom != "Responsibility" || p.Status != PillarChanged {
		t.Fatalf("first pillar %s renamed from %q status %s; want ownership renamed from Responsibility, changed", p.Key, p.RenamedFrom, p.Status)
	}
	if p.Summary != (Summary{Same: 2, Added: 1, Removed: 1}) {
		t.Errorf("summary %+v", p.Summary)
	}
	if len(r.Pillars) != 2 {
		t.Errorf("%d pillars, want 2 (no added/removed pair for the rename)", len(r.Pillars))
	}
}

func TestWordDiffKeepsWordsWhole(t *testing.T) {
	tests := [][2]string{
		{"Ships small changes, carefully.", "Ships smaller changes carefully!"},
		{"", "new text"},
		{"old text", ""},
		{"Owns the on-call rota", "Owns the on-call rotation for the team"},
		{"日本語 テキスト", "日本語 の テキスト"},
	}
	for _, tt := range tests {
		ops := WordDiff(tt[0], tt[1])
		var from, to strings.Builder
		for _, op := range ops {
			if op.Op != OpInsert {
				from.WriteString(op.Text)
			}
			if op.Op != OpDelete {
				to.WriteString(op.Text)
			}
		}
		if from.String() != tt[0] || to.String() != tt[1] {
			t.Errorf("%q -> %q: ops %v do not rebuild the texts", tt[0], tt[1], ops)
		}
		words := map[string]bool{}
		for _, w := range strings.Fields(tt[0] + " " + tt[1]) {
			words[strings.Trim(w, ",.!")] = true
		}
		for _, op := range ops {
			for _, w := range strings.Fields(op.Text) {
				if w = strings.Trim(w, ",.!"); w != "" && !words[w] {
					t.Errorf("%q -> %q: op %q splits a word (%q)", tt[0], tt[1], op.Text, w)
				}
			}
		}
	}
}

// TestIndexMatchesExhaustive: the inverted index proposes every pair that
// shares a rare stem as long as no item has more than candidateBudget
// such partners (on real pillars, tens of items, none has); the generated
// pillars here reach a few hundred, and the result must still equal
// scoring every pair. TestIndexBudgetAgreement bounds the difference
// where the budget cuts deeper.
func TestIndexMatchesExhaustive(t *testing.T) {
	for _, n := range []int{5, 20, 60, 200} {
		for seed := int64(1); seed <= 3; seed++ {
			a, b, err := gen.Levels(gen.Options{Pillars: 3, Items: n, Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			fast := rows(Levels(a, b))
			slow := rows(Levels(a, b, WithExhaustive()))
			if fmt.Sprint(fast) != fmt.Sprint(slow) {
				t.Fatalf("n=%d seed=%d: indexed alignment differs from exhaustive", n, seed)
			}
		}
	}
}

// TestIndexBudgetAgreement bounds what the candidate budget changes on a
// pillar of 2,000 generated items, where most items share a verb, an
// object and a qualifier with hundreds of others. Each generated item
// names one system ("the billing-api3"), which rewording and
// strengthening keep: a pairing of two items naming the same system is
// a true one, a pairing of items naming different systems is a
// lookalike. The index must make every true pairing that scoring every
// pair makes; it may pair lookalikes differently, for at most 2% of the
// items.
func TestIndexBudgetAgreement(t *testing.T) {
	if testing.Short() {
		t.Skip("scores 4 million pairs")
	}
	a, b, err := gen.Levels(gen.Options{Pillars: 1, Items: 2000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	system := regexp.MustCompile(`of the ([a-z]+-[a-z]+[0-9]+) `)
	same := func(from, to *framework.Item) bool {
		x, y := system.FindStringSubmatch(from.Text), system.FindStringSubmatch(to.Text)
		return x != nil && y != nil && x[1] == y[1]
	}
	partner := func(r *Report) map[*framework.Item]*framework.Item {
		m := map[*framework.Item]*framework.Item{}
		for _, p := range r.Pillars {
			for _, c := range p.Changes {
				if c.To != nil {
					m[c.To] = c.From
				}
			}
		}
		return m
	}
	pf, ps := partner(Levels(a, b)), partner(Levels(a, b, WithExhaustive()))
	differ, truePairs, lost := 0, 0, 0
	for to, from := range ps {
		if from != nil && same(from, to) {
			truePairs++
			if pf[to] != from {
				lost++
				t.Errorf("true pairing lost: %q -> %q", from.Text, to.Text)
			}
		}
		if pf[to] != from {
			differ++
		}
	}
	t.Logf("%d true pairings, %d lost; %d of %d items paired differently from exhaustive scoring", truePairs, lost, differ, len(ps))
	if differ*50 > len(ps) {
		t.Errorf("%d of %d items paired differently from exhaustive scoring; want at most 2%%", differ, len(ps))
	}
}

// BenchmarkAlign aligns two adjacent generated levels with one pillar
// of N items each (kept, reworded, strengthened, added, removed, moved).
// The sizes from 1,000 up are the scaling curve of docs/performance.md.
// Run: go test ./compare -run '^$' -bench Align -benchmem -cpu 1
func BenchmarkAlign(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 2000, 5000, 10000, 20000, 40000} {
		from, to, err := gen.Levels(gen.Options{Pillars: 1, Items: n, Seed: 42})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				Levels(from, to)
			}
		})
	}
}

// TestThemeLists: where a top-level bullet is a theme and its children
// the expectations, the children are aligned one by one.
func TestThemeLists(t *testing.T) {
	theme := func(slug string, children ...string) *framework.Level {
		it := &framework.Item{Text: "Troubleshooting", Markdown: "Troubleshooting"}
		for _, c := range children {
			it.Children = append(it.Children, &framework.Item{Text: c, Markdown: c})
		}
		return &framework.Level{Slug: slug, Pillars: []*framework.Pillar{{Name: "Technical", Key: "technical", Items: []*framework.Item{it}}}}
	}
	r := Levels(
		theme("a", "Reproduces customer problems in a sandbox account.", "Collects request IDs for every escalation."),
		theme("b", "Reproduces customer problems in a sandbox account.", "Collects request IDs and timestamps for every escalation.", "Writes scripts that gather diagnostics."))
	var got []string
	for _, c := range r.Pillars[0].Changes {
		var txt string
		if c.To != nil {
			txt = c.To.Text
		} else {
			txt = c.From.Text
		}
		got = append(got, string(c.Kind)+": "+txt)
	}
	want := []string{
		"same: Troubleshooting › Reproduces customer problems in a sandbox account.",
		"reworded: Troubleshooting › Collects request IDs and timestamps for every escalation.",
		"added: Troubleshooting › Writes scripts that gather diagnostics.",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
