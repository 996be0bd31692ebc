package compare

import "github.com/ladder-cli/ladder/framework"

// GapKind says how an expectation of the target level relates to the
// starting level.
type GapKind string

// The gap kinds.
const (
	// GapNew is expected at the target level and has no predecessor at
	// the starting level.
	GapNew GapKind = "new"
	// GapStrengthened is expected at both, reworded on the way.
	GapStrengthened GapKind = "strengthened"
	// GapCarried is expected at both, unchanged.
	GapCarried GapKind = "carried"
	// GapDropped is expected at the starting level and has no successor
	// at the target level.
	GapDropped GapKind = "dropped"
)

// GapItem is one expectation in a promotion gap.
type GapItem struct {
	// Kind says how the item relates to the starting level.
	Kind GapKind
	// Item is the target level's item (the starting level's for dropped,
	// the last level's that has it for one kept by inheritance).
	Item *framework.Item
	// Origin is the item's first version on the path: the starting
	// level's (strengthened, carried), or, for a new item reworded after
	// it appeared, the level's where it appeared.
	Origin *framework.Item
	// Since is the slug of the level where a new item first appears, or
	// where a dropped item is last expected.
	Since string
	// Strengthened lists the levels (slugs) where the item was reworded
	// on the way: for a new item, after it appeared.
	Strengthened []string
	// Inherited says a carried item is kept by an inheritance statement
	// ("All competencies exhibited by an Intermediate"), not restated.
	Inherited bool
	// Diff is the word diff from Origin to Item (strengthened, and new
	// items reworded after they appeared).
	Diff []Op
}

// GapPillar groups gap items by the target level's pillar.
type GapPillar struct {
	// Key and Name identify the pillar.
	Key, Name string
	// Items are in the target level's order, dropped items last.
	Items []GapItem
}

// GapSummary counts gap items by kind.
type GapSummary struct {
	New          int `json:"new"`
	Strengthened int `json:"strengthened"`
	Carried      int `json:"carried"`
	Dropped      int `json:"dropped"`
}

// GapReport answers "what does the target level expect that the
// starting level does not".
type GapReport struct {
	// Path is the levels walked, starting level first.
	Path []*framework.Level
	// Pillars are the target level's pillars, then pillars that only the
	// starting level had (for dropped items).
	Pillars []GapPillar
	// Summary counts the items.
	Summary GapSummary
}

// gapStep is one adjacent comparison of a gap: each unit's counterpart
// on the other side and the kind of the change between them.
type gapStep struct {
	pred, succ map[*framework.Item]*framework.Item
	kind       map[*framework.Item]Kind // by the higher level's unit
	inherited  map[*framework.Item]bool // lower-level units kept by inheritance
	inherits   bool                     // the higher level inherits the lower
}

// Gap walks the levels in path (lowest first) and traces every item of
// the last level back through each adjacent comparison. It aligns the
// same units as Levels (a theme's nested items one by one), so that for
// two adjacent levels new, strengthened, carried and dropped are
// exactly Levels' added, reworded, same+moved+inherited and removed.
func Gap(path []*framework.Level, opts ...Option) *GapReport {
	g := &GapReport{Path: path}
	if len(path) < 2 {
		return g
	}
	n := len(path) - 1
	cache := map[*framework.Pillar]unitSet{}
	opts = append(opts[:len(opts):len(opts)], func(c *config) { c.units, c.noDiffs = cache, true })
	cfg := newConfig(opts)
	steps := make([]gapStep, n)
	for k := 0; k < n; k++ {
		st := gapStep{pred: map[*framework.Item]*framework.Item{}, succ: map[*framework.Item]*framework.Item{},
			kind: map[*framework.Item]Kind{}, inherited: map[*framework.Item]bool{}, inherits: cfg.inherits(path[k], path[k+1])}
		r := Levels(path[k], path[k+1], opts...)
		for _, p := range r.Pillars {
			for _, c := range p.Changes {
				switch {
				case c.From != nil && c.To != nil:
					st.pred[c.To], st.succ[c.From], st.kind[c.To] = c.From, c.To, c.Kind
				case c.Kind == Inherited:
					st.inherited[c.From] = true
				}
			}
		}
		steps[k] = st
	}
	// pillarOf finds the pillar a unit stands in, level by level.
	pillarOf := map[*framework.Item]*framework.Pillar{}
	for _, lv := range path {
		for _, p := range lv.Pillars {
			for _, u := range cache[p].units {
				pillarOf[u] = p
			}
		}
	}
	from, to := path[0], path[n]
	reached := map[*framework.Item]bool{}
	byKey := map[string]int{}
	add := func(p *framework.Pillar, gi GapItem) {
		i, ok := byKey[p.Key]
		if !ok {
			i = len(g.Pillars)
			byKey[p.Key] = i
			g.Pillars = append(g.Pillars, GapPillar{Key: p.Key, Name: p.Name})
		}
		g.Pillars[i].Items = append(g.Pillars[i].Items, gi)
	}
	for _, p := range to.Pillars {
		if _, ok := byKey[p.Key]; !ok {
			byKey[p.Key] = len(g.Pillars)
			g.Pillars = append(g.Pillars, GapPillar{Key: p.Key, Name: p.Name})
		}
		for _, it := range cache[p].units {
			cur, k := it, n-1
			var reworded []string
			for k >= 0 && steps[k].pred[cur] != nil {
				if steps[k].kind[cur] == Reworded {
					reworded = append([]string{path[k+1].Slug}, reworded...)
				}
				cur = steps[k].pred[cur]
				k--
			}
			gi := GapItem{Item: it, Strengthened: reworded}
			switch {
			case k >= 0:
				gi.Kind, gi.Since = GapNew, path[k+1].Slug
				if cur != it {
					gi.Origin = cur
					if len(reworded) > 0 {
						gi.Diff = WordDiff(itemText(cur), itemText(it))
					}
				}
				g.Summary.New++
			case len(reworded) == 0:
				gi.Kind, gi.Origin = GapCarried, cur
				g.Summary.Carried++
				reached[cur] = true
			default:
				gi.Kind, gi.Origin, gi.Diff = GapStrengthened, cur, WordDiff(itemText(cur), itemText(it))
				g.Summary.Strengthened++
				reached[cur] = true
			}
			add(p, gi)
		}
	}
	for _, p := range from.Pillars {
		for _, it := range cache[p].units {
			if reached[it] {
				continue
			}
			last, k := it, 0
			for k < n && steps[k].succ[last] != nil {
				last = steps[k].succ[last]
				k++
			}
			// An item the next level keeps by inheritance is carried if
			// every level after it inherits the one below; otherwise it
			// is last expected at the last level of that chain.
			kept := false
			if k < n && steps[k].inherited[last] {
				k++
				for k < n && steps[k].inherits {
					k++
				}
				kept = k == n
			}
			at := p
			if q := pillarOf[last]; q != nil {
				at = q
			}
			if kept {
				g.Summary.Carried++
				add(at, GapItem{Kind: GapCarried, Item: last, Origin: it, Inherited: true})
				continue
			}
			g.Summary.Dropped++
			add(at, GapItem{Kind: GapDropped, Item: it, Since: path[k].Slug})
		}
	}
	return g
}
