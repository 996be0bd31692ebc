package compare

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// minParallel is the fewest pieces of work forEach spreads over
// goroutines: below it (every real pillar, every real level) starting
// them costs more than it saves.
const minParallel = 256

// forEach calls f(i) for every i in [0, n), on workersFor(n) goroutines;
// f must touch nothing that f of another i touches (see forBlocks).
func forEach(n int, f func(i int)) {
	forBlocks(workersFor(n), n, func(_, i int) { f(i) })
}

// forBlocks calls f(k, i) for every i in [0, n), on the given number of
// goroutines (one, the caller's, when it is 1 or less), k being the
// goroutine's number, 0 to workers-1, for scratch space of its own. The
// goroutines take the indexes in blocks of eachBlock, the next block to
// whichever is free, so one that meets the costly pieces (word diffs of
// long items, items with many candidates), or starts late, does not keep
// the others waiting. A caller sizing scratch by workers passes the same
// number here: GOMAXPROCS may change between two calls of workersFor.
func forBlocks(workers, n int, f func(k, i int)) {
	if workers <= 1 {
		for i := range n {
			f(0, i)
		}
		return
	}
	var next atomic.Int64
	onGoroutines(workers, func(k int) {
		for {
			lo := int(next.Add(eachBlock)) - eachBlock
			if lo >= n {
				return
			}
			for i := lo; i < min(lo+eachBlock, n); i++ {
				f(k, i)
			}
		}
	})
}

// onGoroutines calls f(k) for each k in [0, n), each on a goroutine of
// its own, and returns when all have returned.
func onGoroutines(n int, f func(k int)) {
	var wg sync.WaitGroup
	for k := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(k)
		}()
	}
	wg.Wait()
}

// eachBlock is how many indexes a goroutine of forEach takes at a time.
const eachBlock = 64

// span is a run [lo, hi) of indexes.
type span struct{ lo, hi int }

// workersFor is how many goroutines n pieces of work are spread over:
// one per processor, but one when n is under 2*minParallel.
func workersFor(n int) int {
	return max(1, min(runtime.GOMAXPROCS(0), n/minParallel))
}

// splitRuns splits [0, n) into contiguous runs, one per workersFor(n).
func splitRuns(n int) []span {
	workers := workersFor(n)
	if workers == 1 {
		return []span{{0, n}}
	}
	runs := make([]span, workers)
	for w := range runs {
		runs[w] = span{n * w / workers, n * (w + 1) / workers}
	}
	return runs
}

// forRuns calls f(k, lo, hi) for each run k of runs, all at once (a
// single run in the calling goroutine). A caller that keeps run k's
// results in slot k and joins them in order gets what one run would
// give, as long as f writes nothing another run reads.
func forRuns(runs []span, f func(k, lo, hi int)) {
	if len(runs) == 1 {
		f(0, runs[0].lo, runs[0].hi)
		return
	}
	onGoroutines(len(runs), func(k int) { f(k, runs[k].lo, runs[k].hi) })
}

// fillWordDiffs gives every reworded and moved change of r its word
// diff. The diffs are independent of each other and, on levels of
// thousands of items, a fifth of a comparison's time, so they run on
// every processor (forEach).
func fillWordDiffs(r *Report) {
	var chs []*Change
	for i := range r.Pillars {
		for j := range r.Pillars[i].Changes {
			if ch := &r.Pillars[i].Changes[j]; ch.Kind == Reworded || ch.Kind == Moved {
				chs = append(chs, ch)
			}
		}
	}
	forEach(len(chs), func(i int) {
		chs[i].Diff = WordDiff(itemText(chs[i].From), itemText(chs[i].To))
	})
}
