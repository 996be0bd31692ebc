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
	// Item is the target level's item (the starting level's for dropped).
	Item *framework.Item
	// Origin is the starting level's version (strengthened, carried).
	Origin *framework.Item
	// Since is the slug of the level where a new item first appears, or
	// where a dropped item is last expected.
	Since string
	// Diff is the word diff from Origin to Item (strengthened).
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

// Gap walks the levels in path (lowest first) and traces every item of
// the last level back through each adjacent comparison.
func Gap(path []*framework.Level, opts ...Option) *GapReport {
	g := &GapReport{Path: path}
	if len(path) < 2 {
		return g
	}
	n := len(path) - 1
	pred := make([]map[*framework.Item]*framework.Item, n)
	succ := make([]map[*framework.Item]*framework.Item, n)
	for k := 0; k < n; k++ {
		pred[k], succ[k] = map[*framework.Item]*framework.Item{}, map[*framework.Item]*framework.Item{}
		r := Levels(path[k], path[k+1], opts...)
		for _, p := range r.Pillars {
			for _, c := range p.Changes {
				if c.From != nil && c.To != nil {
					pred[k][c.To] = c.From
					succ[k][c.From] = c.To
				}
			}
		}
	}
	from, to := path[0], path[n]
	reached := map[*framework.Item]bool{}
	byKey := map[string]int{}
	for _, p := range to.Pillars {
		gp := GapPillar{Key: p.Key, Name: p.Name}
		for _, it := range p.Items {
			cur, k := it, n-1
			for k >= 0 && pred[k][cur] != nil {
				cur = pred[k][cur]
				k--
			}
			gi := GapItem{Item: it}
			switch {
			case k >= 0:
				gi.Kind, gi.Since = GapNew, path[k+1].Slug
				g.Summary.New++
			case sameNormalized(itemText(cur), itemText(it)):
				gi.Kind, gi.Origin = GapCarried, cur
				g.Summary.Carried++
				reached[cur] = true
			default:
				gi.Kind, gi.Origin, gi.Diff = GapStrengthened, cur, WordDiff(itemText(cur), itemText(it))
				g.Summary.Strengthened++
				reached[cur] = true
			}
			gp.Items = append(gp.Items, gi)
		}
		byKey[p.Key] = len(g.Pillars)
		g.Pillars = append(g.Pillars, gp)
	}
	for _, p := range from.Pillars {
		for _, it := range p.Items {
			if reached[it] {
				continue
			}
			last, k := it, 0
			for k < n && succ[k][last] != nil {
				last = succ[k][last]
				k++
			}
			gi := GapItem{Kind: GapDropped, Item: it, Since: path[k].Slug}
			g.Summary.Dropped++
			i, ok := byKey[p.Key]
			if !ok {
				i = len(g.Pillars)
				byKey[p.Key] = i
				g.Pillars = append(g.Pillars, GapPillar{Key: p.Key, Name: p.Name})
			}
			g.Pillars[i].Items = append(g.Pillars[i].Items, gi)
		}
	}
	return g
}
