package compare

import (
	"cmp"
	"slices"
	"strings"

	"github.com/ladder-cli/ladder/framework"
)

// aligner compares two levels pillar by pillar.
type aligner struct {
	cfg config
	v   *vocab
}

// unitSet is a pillar's alignment units and the texts they are scored by.
type unitSet struct {
	units []*framework.Item
	texts []string
}

// side is one pillar's items on one side, prepared for scoring.
type side struct {
	pillar *framework.Pillar
	units  []*framework.Item // what is aligned: items, theme children
	docs   []*doc
	pair   []int // index of the paired item on the other side, or -1
	score  []float64
	moved  []moveRef // for items paired across pillars
}

type moveRef struct {
	pillar int // index into the other side's pillar list, -1 if none
	item   int
	score  float64
}

// ItemText is what an item is compared by, on one line: its text, then
// its children's; "" for no item.
func ItemText(it *framework.Item) string { return itemText(it) }

// itemText is ItemText.
func itemText(it *framework.Item) string {
	if it == nil {
		return ""
	}
	if len(it.Children) == 0 {
		return it.Text
	}
	var b strings.Builder
	b.WriteString(it.Text)
	var walk func([]*framework.Item)
	walk = func(items []*framework.Item) {
		for _, c := range items {
			b.WriteString(" ")
			b.WriteString(c.Text)
			walk(c.Children)
		}
	}
	walk(it.Children)
	return b.String()
}

// units are the items a pillar is aligned by. A top-level item that is
// only a short theme label ("Troubleshooting") with nested items under it
// stands for those nested items: each is aligned on its own, shown as
// "Theme › expectation", so a change to one expectation is not a
// rewording of the whole theme. texts are what the units are scored by:
// a theme's words are left out, or every item of a theme would look
// alike.
func units(items []*framework.Item, texts []string) (out []*framework.Item, _ []string) {
	themes := false
	for _, it := range items {
		if isTheme(it) {
			themes = true
			break
		}
	}
	if !themes {
		// Each item is a unit: the pillar's own list serves.
		for _, it := range items {
			texts = append(texts, itemText(it))
		}
		return items, texts
	}
	for _, it := range items {
		if !isTheme(it) {
			out = append(out, it)
			texts = append(texts, itemText(it))
			continue
		}
		for _, c := range it.Children {
			texts = append(texts, itemText(c))
			out = append(out, &framework.Item{
				Text:     it.Text + " › " + c.Text,
				Markdown: it.Markdown + " › " + c.Markdown,
				Group:    it.Group,
				Source:   c.Source,
				Children: c.Children,
			})
		}
	}
	return out, texts
}

// isTheme reports whether an item is a theme label over nested items: a
// few words, no sentence.
func isTheme(it *framework.Item) bool {
	if len(it.Children) == 0 {
		return false
	}
	t := strings.TrimSpace(it.Text)
	return wordsAtMost(t, 4) && !strings.HasSuffix(t, ".")
}

// sides makes the sides of a level's pillars, and lists the texts of
// their units, pillar by pillar.
func sides(pillars []*framework.Pillar, cache map[*framework.Pillar]unitSet) (out []*side, texts []string) {
	all := make([]side, len(pillars))
	out = make([]*side, len(pillars))
	n := 0
	for _, p := range pillars {
		n += len(p.Items)
	}
	texts = make([]string, 0, n) // more if there are themes
	for i, p := range pillars {
		all[i].pillar = p
		if us, ok := cache[p]; ok {
			// The same units as before (Gap): their identities link one
			// comparison to the next.
			all[i].units = us.units
			texts = append(texts, us.texts...)
		} else {
			at := len(texts)
			all[i].units, texts = units(p.Items, texts)
			if cache != nil {
				cache[p] = unitSet{all[i].units, texts[at:len(texts):len(texts)]}
			}
		}
		out[i] = &all[i]
	}
	return out, texts
}

// prepare adds the texts of the sides' units (from sides) to the
// vocabulary; the arrays of all pillars are allocated together. docs
// lists every doc.
func (a *aligner) prepare(ss []*side, texts []string) (docs []*doc) {
	n := len(texts)
	docs = make([]*doc, n)
	prepared := make([]doc, n)
	pair := make([]int, n)
	score := make([]float64, n)
	moved := make([]moveRef, n)
	a.v.addAll(prepared, texts)
	for k := range prepared {
		docs[k] = &prepared[k]
		pair[k] = -1
		moved[k].pillar = -1
	}
	at := 0
	for _, s := range ss {
		end := at + len(s.units)
		s.docs = docs[at:end:end]
		s.pair = pair[at:end:end]
		s.score = score[at:end:end]
		s.moved = moved[at:end:end]
		at = end
	}
	return docs
}

func (a *aligner) run(from, to *framework.Level, r *Report) {
	fs, fromTexts := sides(from.Pillars, a.cfg.units)
	ts, toTexts := sides(to.Pillars, a.cfg.units)
	a.v.reserve(fromTexts, toTexts)
	fromDocs := a.prepare(fs, fromTexts)
	toDocs := a.prepare(ts, toTexts)
	a.v.finish(fromDocs, toDocs)
	m := &matcher{v: a.v, threshold: a.cfg.threshold, exhaustive: a.cfg.exhaustive, ordered: true}

	// Pair pillars by key.
	toOf := make([]int, len(fs))
	fromOf := make([]int, len(ts))
	for i := range fromOf {
		fromOf[i] = -1
	}
	for i, f := range fs {
		toOf[i] = -1
		for j, t := range ts {
			if fromOf[j] < 0 && t.pillar.Key == f.pillar.Key {
				toOf[i], fromOf[j] = j, i
				break
			}
		}
	}
	a.pairRenamed(m, fs, ts, toOf, fromOf)
	// Align items inside paired pillars.
	for i, f := range fs {
		j := toOf[i]
		if j < 0 {
			continue
		}
		t := ts[j]
		pairs, scores := m.match(f.docs, t.docs)
		for k, p := range pairs {
			if p >= 0 {
				f.pair[k], f.score[k] = p, scores[k]
				t.pair[p], t.score[p] = k, scores[k]
			}
		}
	}
	// Items left over on both sides may have moved between pillars.
	if a.cfg.moveAcrossKeys {
		type ref struct{ p, i int }
		unpaired := func(ss []*side) (n int) {
			for _, s := range ss {
				for _, p := range s.pair {
					if p < 0 {
						n++
					}
				}
			}
			return n
		}
		na, nb := unpaired(fs), unpaired(ts)
		la, lb := make([]*doc, 0, na), make([]*doc, 0, nb)
		ra, rb := make([]ref, 0, na), make([]ref, 0, nb)
		for pi, f := range fs {
			for k := range f.docs {
				if f.pair[k] < 0 {
					la, ra = append(la, f.docs[k]), append(ra, ref{pi, k})
				}
			}
		}
		for pj, t := range ts {
			for k := range t.docs {
				if t.pair[k] < 0 {
					lb, rb = append(lb, t.docs[k]), append(rb, ref{pj, k})
				}
			}
		}
		mm := &matcher{v: a.v, threshold: a.cfg.moveThreshold, exhaustive: a.cfg.exhaustive}
		pairs, scores := mm.match(la, lb)
		for x, y := range pairs {
			if y < 0 {
				continue
			}
			fa, tb := ra[x], rb[y]
			fs[fa.p].moved[fa.i] = moveRef{pillar: tb.p, item: tb.i, score: scores[x]}
			ts[tb.p].moved[tb.i] = moveRef{pillar: fa.p, item: fa.i, score: scores[x]}
		}
	}

	// Build pillar reports in the higher level's order, pillars only in
	// the lower level where they stood.
	emitFrom := func(i int) PillarReport {
		f := fs[i]
		pr := PillarReport{Key: f.pillar.Key, Name: f.pillar.Name, Path: f.pillar.Path, Status: PillarRemoved}
		for k, it := range f.units {
			if f.moved[k].pillar >= 0 {
				continue
			}
			pr.Changes = append(pr.Changes, Change{Kind: Removed, From: it, FromPillar: f.pillar.Name})
		}
		return pr
	}
	done := make([]bool, len(fs))
	nextFrom := 0
	flushFromOnly := func(upto int) {
		for ; nextFrom < upto; nextFrom++ {
			if toOf[nextFrom] < 0 && !done[nextFrom] {
				done[nextFrom] = true
				r.Pillars = append(r.Pillars, emitFrom(nextFrom))
			}
		}
	}
	for j, t := range ts {
		i := fromOf[j]
		if i >= 0 {
			flushFromOnly(i)
		}
		r.Pillars = append(r.Pillars, a.pillarChanges(fs, t, i))
	}
	flushFromOnly(len(fs))
}

// pillarChanges lists the changes of one higher-level pillar, with the
// removed items of its lower-level counterpart fs[fi] (if any) placed
// after the item that preceded them.
func (a *aligner) pillarChanges(fs []*side, t *side, fi int) PillarReport {
	pr := PillarReport{Key: t.pillar.Key, Name: t.pillar.Name, Path: t.pillar.Path, Status: PillarAdded}
	anchored := map[int][]int{} // to-index (-1: start) -> removed from-indices
	nRemoved := 0
	var f *side
	if fi >= 0 {
		f = fs[fi]
		pr.Status = PillarSame
		if f.pillar.Key != t.pillar.Key {
			pr.RenamedFrom = f.pillar.Name
		}
		anchor := -1
		for k := range f.units {
			if f.pair[k] >= 0 {
				anchor = f.pair[k]
				continue
			}
			if f.moved[k].pillar >= 0 {
				continue
			}
			anchored[anchor] = append(anchored[anchor], k)
			nRemoved++
		}
	}
	if n := len(t.units) + nRemoved; n > 0 {
		pr.Changes = make([]Change, 0, n)
	}
	removed := func(anchor int) {
		for _, k := range anchored[anchor] {
			pr.Changes = append(pr.Changes, Change{Kind: Removed, From: f.units[k], FromPillar: f.pillar.Name})
		}
	}
	removed(-1)
	for j, it := range t.units {
		switch {
		case t.pair[j] >= 0:
			from := f.units[t.pair[j]]
			ch := Change{Kind: Same, From: from, To: it, FromPillar: f.pillar.Name, ToPillar: t.pillar.Name, Score: t.score[j]}
			if f.docs[t.pair[j]].norm != t.docs[j].norm {
				ch.Kind = Reworded // its Diff comes later (fillWordDiffs)
			} else {
				ch.Score = 1
			}
			pr.Changes = append(pr.Changes, ch)
		case t.moved[j].pillar >= 0:
			mv := t.moved[j]
			src := fs[mv.pillar]
			from := src.units[mv.item]
			pr.Changes = append(pr.Changes, Change{Kind: Moved, From: from, To: it, FromPillar: src.pillar.Name,
				ToPillar: t.pillar.Name, Score: mv.score}) // its Diff comes later (fillWordDiffs)
		default:
			pr.Changes = append(pr.Changes, Change{Kind: Added, To: it, ToPillar: t.pillar.Name})
		}
		removed(j)
	}
	return pr
}

// pairRenamed pairs pillars that kept their items under a new name: of
// the pillars left without a partner by key, a lower-level and a
// higher-level pillar pair when at least half the items of the smaller
// one pair with items of the other. Best ratio first.
func (a *aligner) pairRenamed(m *matcher, fs, ts []*side, toOf, fromOf []int) {
	type cand struct {
		i, j  int
		ratio float64
	}
	var cands []cand
	for i, f := range fs {
		if toOf[i] >= 0 || len(f.docs) == 0 {
			continue
		}
		for j, t := range ts {
			if fromOf[j] >= 0 || len(t.docs) == 0 {
				continue
			}
			pairs, _ := m.match(f.docs, t.docs)
			n := 0
			for _, p := range pairs {
				if p >= 0 {
					n++
				}
			}
			if r := float64(n) / float64(min(len(f.docs), len(t.docs))); r >= 0.5 {
				cands = append(cands, cand{i, j, r})
			}
		}
	}
	slices.SortStableFunc(cands, func(x, y cand) int { return cmp.Compare(y.ratio, x.ratio) })
	for _, c := range cands {
		if toOf[c.i] < 0 && fromOf[c.j] < 0 {
			toOf[c.i], fromOf[c.j] = c.j, c.i
		}
	}
}
