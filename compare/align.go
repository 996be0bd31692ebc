package compare

import (
	"cmp"
	"slices"
)

// pair is a candidate pairing of from-item i with to-item j.
type pair struct {
	i, j  int
	score float64
}

// matcher pairs two lists of prepared texts one to one.
type matcher struct {
	v         *vocab
	threshold float64
	// exhaustive scores every pair instead of going through the index;
	// tests use it to prove the index changes nothing.
	exhaustive bool
	// ordered adds orderBonus to pairs that keep the order of the
	// identical items around them (items in one pillar rarely swap).
	ordered bool
}

// orderBonus is what keeping the order is worth in score.
const orderBonus = 0.08

// inOrder reports whether pairing i with j keeps the order of the
// identical pairs already made (prevB[i], nextB[i] bound j).
func inOrder(i, j int, prevB, nextB []int) bool {
	return j > prevB[i] && j < nextB[i]
}

// orderBounds gives, for each unpaired i, the b-index of the nearest
// paired item before and after it.
func orderBounds(toB []int, nb int) (prevB, nextB []int) {
	prevB = make([]int, len(toB))
	nextB = make([]int, len(toB))
	last := -1
	for i, j := range toB {
		if j >= 0 {
			last = j
		}
		prevB[i] = last
	}
	next := nb
	for i := len(toB) - 1; i >= 0; i-- {
		if toB[i] >= 0 {
			next = toB[i]
		}
		nextB[i] = next
	}
	return prevB, nextB
}

// match pairs a[i] with b[j]: identical texts first, in order, then the
// best-scoring remaining pairs above the threshold, best first. The
// result maps i -> j (-1 when unpaired) and gives each pair's score.
func (m *matcher) match(a, b []*doc) (toB []int, scores []float64) {
	toB = make([]int, len(a))
	scores = make([]float64, len(a))
	usedB := make([]bool, len(b))
	for i := range toB {
		toB[i] = -1
	}
	// 1. Identical normalized texts, in order.
	byNorm := map[string][]int{}
	for j, d := range b {
		byNorm[d.norm] = append(byNorm[d.norm], j)
	}
	for i, d := range a {
		if js := byNorm[d.norm]; len(js) > 0 {
			toB[i], scores[i] = js[0], 1
			usedB[js[0]] = true
			byNorm[d.norm] = js[1:]
		}
	}
	// 2. Reworded pairs, best first.
	var prevB, nextB []int
	if m.ordered {
		prevB, nextB = orderBounds(toB, len(b))
	}
	bonus := func(i, j int) float64 {
		if m.ordered && inOrder(i, j, prevB, nextB) {
			return orderBonus
		}
		return 0
	}
	var cands []pair
	if m.exhaustive {
		cands = m.allPairs(a, b, toB, usedB, bonus)
	} else {
		cands = m.indexedPairs(a, b, toB, usedB, bonus)
	}
	slices.SortFunc(cands, func(x, y pair) int {
		if c := cmp.Compare(y.score, x.score); c != 0 {
			return c
		}
		if c := cmp.Compare(x.i, y.i); c != 0 {
			return c
		}
		return cmp.Compare(x.j, y.j)
	})
	for _, c := range cands {
		if toB[c.i] >= 0 || usedB[c.j] {
			continue
		}
		toB[c.i], scores[c.i] = c.j, c.score
		usedB[c.j] = true
	}
	return toB, scores
}

func (m *matcher) allPairs(a, b []*doc, toB []int, usedB []bool, bonus func(i, j int) float64) []pair {
	var out []pair
	for i, da := range a {
		if toB[i] >= 0 {
			continue
		}
		for j, db := range b {
			if usedB[j] || !m.v.shareRare(da, db) {
				continue
			}
			bn := bonus(i, j)
			if s, ok := m.v.scoreAbove(da, db, m.threshold-bn); ok && s > 0 && s+bn >= m.threshold {
				out = append(out, pair{i, j, min(s+bn, 0.999)})
			}
		}
	}
	return capPerItem(out)
}

// indexedPairs finds candidates through an inverted index of stems: only
// items that share a stem that is not too common (see vocab.rare) are
// candidates, so most pairs are never looked at. The result equals
// allPairs.
func (m *matcher) indexedPairs(a, b []*doc, toB []int, usedB []bool, bonus func(i, j int) float64) []pair {
	postings := make(map[int32][]int32)
	for j, d := range b {
		if usedB[j] {
			continue
		}
		for _, id := range d.set {
			if m.v.rare(id) {
				postings[id] = append(postings[id], int32(j))
			}
		}
	}
	seen := make([]bool, len(b))
	var touched []int32
	var out []pair
	for i, da := range a {
		if toB[i] >= 0 {
			continue
		}
		touched = touched[:0]
		for _, id := range da.set {
			for _, j := range postings[id] {
				if !seen[j] {
					seen[j] = true
					touched = append(touched, j)
				}
			}
		}
		slices.Sort(touched)
		for _, j := range touched {
			seen[j] = false
			db := b[j]
			bn := bonus(i, int(j))
			if s, ok := m.v.scoreAbove(da, db, m.threshold-bn); ok && s > 0 && s+bn >= m.threshold {
				out = append(out, pair{i, int(j), min(s+bn, 0.999)})
			}
		}
	}
	return capPerItem(out)
}

// candidateCap is how many candidates each item keeps, best first: the
// best-first assignment rarely reaches further down, and the cap bounds
// memory on huge pillars whose items all look alike.
const candidateCap = 16

// capPerItem keeps each lower-level item's best candidates. Candidates
// arrive grouped by i in increasing order.
func capPerItem(ps []pair) []pair {
	out := ps[:0]
	for start := 0; start < len(ps); {
		end := start
		for end < len(ps) && ps[end].i == ps[start].i {
			end++
		}
		group := ps[start:end]
		if len(group) > candidateCap {
			slices.SortFunc(group, func(x, y pair) int {
				if c := cmp.Compare(y.score, x.score); c != 0 {
					return c
				}
				return cmp.Compare(x.j, y.j)
			})
			group = group[:candidateCap]
		}
		out = append(out, group...)
		start = end
	}
	return out
}
