package compare

import (
	"runtime"
	"sync"
)

// minParallel is the fewest pieces of work forEach spreads over
// goroutines: below it (every real pillar, every real level) starting
// them costs more than it saves.
const minParallel = 256

// forEach calls f(i) for every i in [0, n), over forChunks; f must
// touch nothing that f of another i touches.
func forEach(n int, f func(i int)) {
	forChunks(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			f(i)
		}
	})
}

// forChunks splits [0, n) into contiguous runs and calls f(lo, hi) for
// each: one run when n is under minParallel or there is one processor,
// else one run per processor, all at once. The runs come in order, so a
// caller that keeps each run's results apart and joins them in run order
// gets what one run would give, as long as f(lo, hi) writes nothing
// another run reads.
func forChunks(n int, f func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n/minParallel)
	if workers <= 1 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(lo, hi)
		}()
	}
	wg.Wait()
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
