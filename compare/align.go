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
	pairIdentical(a, b, toB, scores, usedB)
	// 2. Reworded pairs, best first.
	var prevB, nextB, sole []int
	if m.ordered {
		prevB, nextB = orderBounds(toB, len(b))
		sole = soleInGaps(toB, usedB, prevB, nextB)
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
	// 3. An item alone between the same two identical pairs on both
	// sides (or alone in its pillar on both sides) is the same item
	// rewritten, as a line diff's one-line hunk is a changed line: one
	// shared content word is evidence enough there.
	if m.ordered {
		for i, j := range sole {
			if j >= 0 && toB[i] < 0 && !usedB[j] && m.v.score(a[i], b[j]) > 0 {
				toB[i], scores[i] = j, m.v.score(a[i], b[j])
				usedB[j] = true
			}
		}
	}
	return toB, scores
}

// soleInGaps finds, for each unpaired a-item, the b-item it is alone
// with between the same two identical pairs (or a pillar's start and
// end): the one unpaired item on each side of a gap, as a line diff's
// one-line hunk. sole[i] is that j, or -1.
func soleInGaps(toB []int, usedB []bool, prevB, nextB []int) []int {
	sole := make([]int, len(toB))
	for i := range sole {
		sole[i] = -1
	}
	for i := 0; i < len(toB); {
		if toB[i] >= 0 {
			i++
			continue
		}
		k := i
		for k < len(toB) && toB[k] < 0 {
			k++
		}
		// a[i:k] is a run of unpaired items between the same anchors.
		if k-i == 1 {
			j, n := -1, 0
			for x := prevB[i] + 1; x < nextB[i] && x < len(usedB) && n < 2; x++ {
				if !usedB[x] {
					j, n = x, n+1
				}
			}
			if n == 1 {
				sole[i] = j
			}
		}
		i = k
	}
	return sole
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
	v := m.v
	post := v.postings(b, usedB)
	seen := make([]bool, len(b))
	touched := v.touched[:0]
	var out []pair
	for i, da := range a {
		if toB[i] >= 0 {
			continue
		}
		touched = touched[:0]
		for _, id := range da.set {
			for e := post.first(id); e >= 0; e = post.entries[e].next {
				if j := post.entries[e].j; !seen[j] {
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
			if s, ok := v.scoreAbove(da, db, m.threshold-bn); ok && s > 0 && s+bn >= m.threshold {
				out = append(out, pair{i, int(j), min(s+bn, 0.999)})
			}
		}
	}
	v.touched = touched
	return capPerItem(out)
}

// postingLists index the unused items of b by their rare stems: each
// stem's items are a chain through entries, last item first.
type postingLists struct {
	v       *vocab
	stamp   int32 // v.postStamp[id] == stamp: v.postHead[id] is this index's
	entries []postingEntry
}

type postingEntry struct {
	j    int32 // the item
	next int32 // the next entry of the stem, -1 at the end
}

// first is the entry of a stem's last item, -1 if it has none.
func (p *postingLists) first(id int32) int32 {
	if p.v.postStamp[id] != p.stamp {
		return -1
	}
	return p.v.postHead[id]
}

// postings indexes the unused items of b by rare stem, in scratch space
// that the vocabulary keeps from one call to the next: stamps, not
// clearing, tell this index's chains from earlier ones.
func (v *vocab) postings(b []*doc, usedB []bool) postingLists {
	if len(v.postHead) < len(v.df) {
		v.postHead = make([]int32, len(v.df))
		v.postStamp = make([]int32, len(v.df))
	}
	v.postGen++
	p := postingLists{v: v, stamp: v.postGen, entries: v.postEntries[:0]}
	for j, d := range b {
		if usedB[j] {
			continue
		}
		for _, id := range d.set {
			if !v.rare(id) {
				continue
			}
			next := int32(-1)
			if v.postStamp[id] == p.stamp {
				next = v.postHead[id]
			}
			v.postStamp[id], v.postHead[id] = p.stamp, int32(len(p.entries))
			p.entries = append(p.entries, postingEntry{int32(j), next})
		}
	}
	v.postEntries = p.entries
	return p
}

// pairIdentical pairs each a[i] with the first unused b[j] of the same
// normalized text, in order of i.
func pairIdentical(a, b []*doc, toB []int, scores []float64, usedB []bool) {
	if len(a)*len(b) <= 1024 {
		// Few items: looking through b beats building an index.
		pairIdenticalScan(a, b, toB, scores, usedB)
		return
	}
	pairIdenticalIndex(a, b, toB, scores, usedB)
}

func pairIdenticalScan(a, b []*doc, toB []int, scores []float64, usedB []bool) {
	for i, d := range a {
		for j, e := range b {
			if !usedB[j] && e.norm == d.norm {
				toB[i], scores[i] = j, 1
				usedB[j] = true
				break
			}
		}
	}
}

func pairIdenticalIndex(a, b []*doc, toB []int, scores []float64, usedB []bool) {
	// The items of b of each text, chained in order: head is the first
	// unused, next[j] the one after j.
	head := make(map[string]int32, len(b))
	next := make([]int32, len(b))
	for j := len(b) - 1; j >= 0; j-- {
		next[j] = -1
		if k, ok := head[b[j].norm]; ok {
			next[j] = k
		}
		head[b[j].norm] = int32(j)
	}
	for i, d := range a {
		if j, ok := head[d.norm]; ok && j >= 0 {
			toB[i], scores[i] = int(j), 1
			usedB[j] = true
			head[d.norm] = next[j]
		}
	}
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
