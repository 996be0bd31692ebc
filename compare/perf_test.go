package compare

import (
	"os"
	"testing"

	"github.com/ladder-cli/ladder/framework"
)

// realLevels loads two levels of the real Infrastructure pages, or skips.
func realLevels(tb testing.TB, from, to string) (*framework.Level, *framework.Level) {
	tb.Helper()
	if _, err := os.Stat(sharedHandbook); err != nil {
		tb.Skipf("real handbook data not found at %s; skipping", sharedHandbook)
	}
	fw, err := framework.Load(os.DirFS(sharedHandbook), "content/handbook/engineering/careers/matrix/infrastructure")
	if err != nil {
		tb.Fatal(err)
	}
	var a, b *framework.Level
	for _, lv := range fw.Levels {
		switch lv.Slug {
		case from:
			a = lv
		case to:
			b = lv
		}
	}
	if a == nil || b == nil {
		tb.Skipf("levels %s and %s not found", from, to)
	}
	return a, b
}

// BenchmarkLevelsReal is the work `ladder compare associate intermediate`
// does in this package, on the real Infrastructure pages.
// Run: go test ./compare -run '^$' -bench LevelsReal -benchmem
func BenchmarkLevelsReal(b *testing.B) {
	from, to := realLevels(b, "associate", "intermediate")
	b.ReportAllocs()
	for b.Loop() {
		Levels(from, to)
	}
}

// BenchmarkWordDiffReal diffs the reworded pairs of the real pages.
func BenchmarkWordDiffReal(b *testing.B) {
	from, to := realLevels(b, "associate", "intermediate")
	var pairs [][2]string
	for _, p := range Levels(from, to).Pillars {
		for _, c := range p.Changes {
			if c.Diff != nil {
				pairs = append(pairs, [2]string{ItemText(c.From), ItemText(c.To)})
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pairs {
			WordDiff(p[0], p[1])
		}
	}
}

// BenchmarkPrepareReal prepares every item text of two real levels for
// scoring (normalize, words, stems).
func BenchmarkPrepareReal(b *testing.B) {
	from, to := realLevels(b, "associate", "intermediate")
	var texts []string
	for _, lv := range []*framework.Level{from, to} {
		for _, p := range lv.Pillars {
			_, ts := units(p.Items, nil)
			texts = append(texts, ts...)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		v := newVocab()
		v.reserve(texts)
		for _, t := range texts {
			v.add(t)
		}
	}
}
