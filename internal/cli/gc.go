package cli

import (
	"runtime/debug"
	"sync"
)

// Two level pages parse at once (framework.Loader.Levels), and each
// page's goldmark tree, about five times the page, stays live until its
// level is built: a collection while they parse frees little, marks the
// trees built so far, and slows the parsers with its assists, at every
// doubling of the heap. So a command holds the collector off while it
// parses the two pages of a comparison (pauseGC), up to pausedHeapLimit
// of heap, and lets it run again once their levels are built, when the
// trees are garbage: about 6% off a compare of two generated levels of
// 10,000 items, and a lower peak memory (docs/performance.md). More
// pages than two parse in turns, each tree garbage before the last is
// built, so they parse with the collector on.
//
// The environment's GOGC or GOMEMLIMIT, when set, is the user's say and
// is left alone.

// pausedHeapLimit bounds the heap while the collector is held off: past
// it the collector runs to keep it there (debug.SetMemoryLimit).
const pausedHeapLimit = 512 << 20

// gcPause counts the parses holding the collector off, so that parses
// running at once (commands in one test process) restore the settings
// only when the last one ends.
var gcPause struct {
	sync.Mutex
	n       int
	percent int
	limit   int64
}

// pauseGC holds the collector off, unless getenv gives GOGC or
// GOMEMLIMIT; resume lets it run again as it was.
func pauseGC(getenv func(string) string) (resume func()) {
	if getenv != nil && (getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "") {
		return func() {}
	}
	gcPause.Lock()
	defer gcPause.Unlock()
	if gcPause.n == 0 {
		gcPause.limit = debug.SetMemoryLimit(-1) // reads it
		debug.SetMemoryLimit(min(gcPause.limit, pausedHeapLimit))
		gcPause.percent = debug.SetGCPercent(-1)
	}
	gcPause.n++
	return func() {
		gcPause.Lock()
		defer gcPause.Unlock()
		if gcPause.n--; gcPause.n == 0 {
			debug.SetGCPercent(gcPause.percent)
			debug.SetMemoryLimit(gcPause.limit)
		}
	}
}
