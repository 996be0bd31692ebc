package compare

import (
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
		cands = m.indexedPairs(a, b, toB, usedB, bonus, prevB, nextB)
	}
	assignBestFirst(cands, toB, scores, usedB)
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

// assignBestFirst pairs candidates greedily in bestFirst order: a pair
// is taken when neither of its items is taken yet. cands holds each
// a-item's candidates as one contiguous group (as allPairs and
// indexedPairs give them). Instead of sorting every candidate, it sorts
// each group (at most candidateCap; indexedPairs gives them sorted) and
// merges the groups through a heap of their best remaining pair: that
// visits the pairs in the same order as one sort would, and drops a
// group once its item is paired, whose remaining pairs the sorted scan
// would skip anyway. Before that, a pair that is the best candidate of
// both its items is taken at once: every other pair of either item comes
// after it in that order, so the scan would take it too; most items of a
// large pillar pair so, and the heap merges only the contested rest.
func assignBestFirst(cands []pair, toB []int, scores []float64, usedB []bool) {
	type head struct{ next, end int } // a group's best remaining pair and its end
	var heads []head
	// bestOf[j] is the index in cands of b-item j's best candidate, +1.
	bestOf := make([]int, len(usedB))
	for start := 0; start < len(cands); {
		end := start + 1
		for end < len(cands) && cands[end].i == cands[start].i {
			end++
		}
		if g := cands[start:end]; !slices.IsSortedFunc(g, bestFirst) {
			slices.SortFunc(g, bestFirst)
		}
		for x := start; x < end; x++ {
			if b := bestOf[cands[x].j]; b == 0 || bestFirst(cands[x], cands[b-1]) < 0 {
				bestOf[cands[x].j] = x + 1
			}
		}
		heads = append(heads, head{start, end})
		start = end
	}
	contested := heads[:0]
	for _, h := range heads {
		if c := cands[h.next]; bestOf[c.j] == h.next+1 && !usedB[c.j] && toB[c.i] < 0 {
			toB[c.i], scores[c.i] = c.j, c.score
			usedB[c.j] = true
			continue
		}
		contested = append(contested, h)
	}
	heads = contested
	better := func(x, y head) bool { return bestFirst(cands[x.next], cands[y.next]) < 0 }
	for k := len(heads)/2 - 1; k >= 0; k-- {
		siftDown(heads, k, better)
	}
	for len(heads) > 0 {
		h := &heads[0]
		c := cands[h.next]
		if !usedB[c.j] && toB[c.i] < 0 {
			toB[c.i], scores[c.i] = c.j, c.score
			usedB[c.j] = true
			h.next = h.end // the item is paired: its group is done
		} else {
			h.next++
		}
		if h.next == h.end {
			heads[0] = heads[len(heads)-1]
			heads = heads[:len(heads)-1]
		}
		siftDown(heads, 0, better)
	}
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
		sc := m.v.scorer(da)
		for j, db := range b {
			if usedB[j] || !m.v.shareRare(da, db) {
				continue
			}
			bn := bonus(i, j)
			if s, ok := sc.scoreAbove(db, m.threshold-bn); ok && s > 0 && s+bn >= m.threshold {
				out = append(out, pair{i, j, min(s+bn, 0.999)})
			}
		}
	}
	return capPerItem(out)
}

// indexedPairs finds candidates without looking at every pair, in work
// that grows with the number of items, not its square:
//
//  1. the unpaired items of b in i's in-order gap (between the b-items of
//     the identical pairs around i, see orderBounds), when the gap holds
//     at most gapWidth items: where a reworded item most likely is;
//  2. then, through an inverted index, items sharing a rare stem of a[i]
//     (see vocab.rare), the stems used by the fewest items first (they
//     say most about which expectation an item is), until
//     candidateBudget items have been proposed this way.
//
// Each proposed pair that shares a rare stem is scored. When no item of a
// has more than candidateBudget such partners, the result equals allPairs
// (TestIndexMatchesExhaustive); above that, the items proposed first are
// the likeliest partners, and the budget bounds the work per item.
//
// The items of a are independent of each other here, so on large pillars
// they pick their candidates on every processor at once (forBlocks),
// each goroutine with its own scratch space, each item into its own room
// of the result; the rooms then close up in item order, as one pass
// would give them.
func (m *matcher) indexedPairs(a, b []*doc, toB []int, usedB []bool, bonus func(i, j int) float64, prevB, nextB []int) []pair {
	post := m.v.postings(b, usedB)
	var items []int // the unpaired items of a
	for i, j := range toB {
		if j < 0 {
			items = append(items, i)
		}
	}
	// pick adds at most candidateCap pairs an item (keepBest), each with
	// another b-item: room for all, grown never.
	per := min(candidateCap, len(b))
	all := make([]pair, len(items)*per)
	got := make([]uint8, len(items)) // pairs in each item's room
	workers := workersFor(len(items))
	for len(m.v.picks) < workers {
		m.v.picks = append(m.v.picks, &pickScratch{})
	}
	forBlocks(workers, len(items), func(k, x int) {
		room := all[x*per : x*per : (x+1)*per]
		got[x] = uint8(len(m.pick(room, m.v.picks[k], items[x], a[items[x]], b, usedB, bonus, prevB, nextB, post)))
	})
	n := 0
	for x, g := range got {
		n += copy(all[n:], all[x*per:x*per+int(g)])
	}
	return all[:n]
}

// got counts an item's pairs in a byte.
const _ = uint8(candidateCap)

// pickScratch is the scratch space of one goroutine of matcher.pick.
type pickScratch struct {
	seen    []bool // per b-item: proposed for the item at hand
	touched []int32
	order   []int32
	group   []pair
	marks   marks
}

// pick appends the candidates of a[i] (da), at most candidateCap of them
// best first, to out; see indexedPairs.
func (m *matcher) pick(out []pair, ps *pickScratch, i int, da *doc, b []*doc, usedB []bool, bonus func(i, j int) float64, prevB, nextB []int, post postingLists) []pair {
	v := m.v
	if len(ps.seen) < len(b) {
		ps.seen = make([]bool, len(b))
	}
	seen := ps.seen
	touched := ps.touched[:0]
	if prevB != nil {
		if lo, hi := prevB[i]+1, nextB[i]; hi-lo <= gapWidth {
			for j := lo; j < hi; j++ {
				if !usedB[j] && !seen[j] && v.shareRare(da, b[j]) {
					seen[j] = true
					touched = append(touched, int32(j))
				}
			}
		}
	}
	// a[i]'s rare stems, fewest items first (sets are small).
	order := ps.order[:0]
	for _, id := range da.set {
		if v.rare(id) {
			order = append(order, id)
		}
	}
	for x := 1; x < len(order); x++ {
		for y := x; y > 0 && v.rarer(order[y], order[y-1]); y-- {
			order[y], order[y-1] = order[y-1], order[y]
		}
	}
	budget := len(touched) + candidateBudget
stems:
	for _, id := range order {
		for e := post.first(id); e >= 0; e = post.entries[e].next {
			if len(touched) == budget {
				break stems
			}
			if j := post.entries[e].j; !seen[j] {
				seen[j] = true
				touched = append(touched, j)
			}
		}
	}
	// capPerItem, one item at a time: group keeps the best
	// candidateCap so far, and once it is full a candidate whose
	// upper bound cannot beat the worst of them is not scored. The
	// candidates are scored as proposed, in-order gap first, then by
	// rarest stem: the likeliest partners fill the group first, so more
	// of the rest are cut by the bound. The group kept does not depend on
	// the order (keepBest orders by score, then item).
	sc := v.scorerIn(&ps.marks, da)
	group := ps.group[:0]
	for _, j := range touched {
		seen[j] = false
		bn := bonus(i, int(j))
		need := m.threshold - bn
		if len(group) == candidateCap {
			// Less a margin far above rounding: a pair that could
			// tie the worst (and win on j) is always scored.
			need = max(need, group[0].score-bn-1e-9)
		}
		if s, ok := sc.scoreAbove(b[j], need); ok && s > 0 && s+bn >= m.threshold {
			group = keepBest(group, pair{i, int(j), min(s+bn, 0.999)})
		}
	}
	ps.touched, ps.order, ps.group = touched, order, group
	// Sorted here, where the items run at once, the group is in the
	// order assignBestFirst takes it.
	slices.SortFunc(group, bestFirst)
	return append(out, group...)
}

// candidateBudget is how many items of the other side the inverted index
// proposes for one item, at most; gapWidth the widest in-order gap whose
// items are all proposed besides. Real pillars (tens of items) never
// reach either: there the index proposes every item that shares a rare
// stem. On generated levels of 2,000 items per pillar, where most items
// share a verb or an object with hundreds of others, the budget loses no
// true pairing and pairs 1.4% of the items with other lookalikes than
// scoring every pair does (TestIndexBudgetAgreement).
const (
	candidateBudget = 64
	gapWidth        = 16
)

// postingLists index the unused items of b by their rare stems: each
// stem's items are a chain through entries, first item first.
type postingLists struct {
	v       *vocab
	stamp   int32 // v.postStamp[id] == stamp: v.postHead[id] is this index's
	entries []postingEntry
}

type postingEntry struct {
	j    int32 // the item
	next int32 // the next entry of the stem, -1 at the end
}

// first is the entry of a stem's first item, -1 if it has none.
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
	for j := len(b) - 1; j >= 0; j-- {
		if usedB[j] {
			continue
		}
		for _, id := range b[j].set {
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

// bestFirst orders pairs by score, highest first, then by i and j.
// Scores are never NaN, so plain comparisons order them as cmp.Compare
// would, for less than the cost of its NaN checks.
func bestFirst(x, y pair) int {
	switch {
	case x.score > y.score:
		return -1
	case x.score < y.score:
		return 1
	case x.i != y.i:
		return x.i - y.i
	}
	return x.j - y.j
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
		out = append(out, capGroup(ps[start:end])...)
		start = end
	}
	return out
}

// keepBest adds p to one item's best candidates, at most candidateCap of
// them: once full, group is a heap whose root is the worst (the last in
// bestFirst order), which p replaces if it is better. The set kept is
// capGroup's.
func keepBest(group []pair, p pair) []pair {
	worse := func(x, y pair) bool { return bestFirst(x, y) > 0 }
	if len(group) < candidateCap {
		group = append(group, p)
		if len(group) == candidateCap {
			for k := candidateCap/2 - 1; k >= 0; k-- {
				siftDown(group, k, worse)
			}
		}
		return group
	}
	if worse(p, group[0]) {
		return group
	}
	group[0] = p
	siftDown(group, 0, worse)
	return group
}

// siftDown restores the heap below k: no child comes before its parent
// (first(child, parent) is false), so h[0] comes first of all. keepBest
// keeps the worst first, assignBestFirst the best.
func siftDown[T any](h []T, k int, first func(x, y T) bool) {
	for {
		c := 2*k + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && first(h[c+1], h[c]) {
			c++
		}
		if !first(h[c], h[k]) {
			return
		}
		h[k], h[c] = h[c], h[k]
		k = c
	}
}

// capGroup is the best candidateCap of one item's candidates.
func capGroup(group []pair) []pair {
	if len(group) > candidateCap {
		slices.SortFunc(group, bestFirst) // one i: by score, then j
		group = group[:candidateCap]
	}
	return group
}
