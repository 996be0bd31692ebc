package cli

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Two level pages parse at once (framework.Loader.Levels), and each
// page's goldmark tree, about five times the page, stays live until its
// level is built: a collection while they parse frees little, marks the
// trees built so far, and slows the parsers with its assists, at every
// doubling of the heap. So a command holds the collector off while it
// parses the two pages of a comparison (parseLevels), and lets it run
// again once their levels are built, when the trees are garbage: about
// 6% off a compare of two generated levels of 10,000 items
// (docs/performance.md). More pages than two parse in turns, each tree
// garbage before the last is built, so they parse with the collector on.
//
// The same holds for writing the result, the last thing a command does:
// a collection then only frees memory that the process's exit frees
// anyway, so compare writes with the collector off too.
//
// Either pause lets the heap grow by at most its headroom (a memory
// limit, debug.SetMemoryLimit); past it the collector runs to keep the
// heap there. The environment's GOGC or GOMEMLIMIT, when set, is the
// user's say and is left alone.

// Headroom of the pauses: parsing two pages of up to the file size limit
// may take a few hundred megabytes; writing a report takes little, and
// a table of thousands of rows that takes more is collected every
// writeHeadroom as usual.
const (
	parseHeadroom = 512 << 20
	writeHeadroom = 16 << 20
)

// gcPause counts the pauses in effect, so that commands running at once
// (in one test process) restore the settings only when the last ends.
var gcPause struct {
	sync.Mutex
	n       int
	percent int
	limit   int64
}

// pauseGC holds the collector off until resume is called, or until the
// heap has grown by headroom; unless getenv gives GOGC or GOMEMLIMIT.
// resume lets it run again as it was.
func pauseGC(getenv func(string) string, headroom int64) (resume func()) {
	if getenv != nil && (getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "") {
		return func() {}
	}
	gcPause.Lock()
	defer gcPause.Unlock()
	if gcPause.n == 0 {
		gcPause.limit = debug.SetMemoryLimit(-1) // reads it
		debug.SetMemoryLimit(min(gcPause.limit, runtimeMemory()+headroom))
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

// runtimeMemory is the memory the Go runtime holds, as its memory limit
// counts it: all it has mapped, less what it has given back.
func runtimeMemory() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64() - s[1].Value.Uint64())
}
