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
// parses one or two levels (parseLevels: a comparison's pages, or one
// level), and lets it run again once they are built, when the trees are
// garbage: about 6% off a compare of two generated levels of 10,000
// items (docs/performance.md). More levels parse in turns, each tree
// garbage before the last is built, so they parse with the collector on.
//
// The same holds for compare writing its result as JSON or Markdown, the
// last thing it does: those writers stream, so what they allocate is a
// few buffers, and a collection then only frees memory that the
// process's exit frees anyway. (The table and HTML writers build their
// output first: they write with the collector on.)
//
// A pause lets the heap grow by its headroom (a memory limit above what
// the runtime holds when it starts, debug.SetMemoryLimit); past it the
// collector runs to keep the heap there, so a pause must not be used
// where the live heap may outgrow its headroom. The environment's GOGC
// or GOMEMLIMIT, when set, is the user's say and is left alone.

// writeHeadroom is the headroom of compare's streaming writers.
const writeHeadroom = 16 << 20

// parseHeadroom is the headroom for parsing two pages of at most
// maxFile bytes each: their trees and the parse's garbage take up to
// about twelve times a page.
func parseHeadroom(maxFile int64) int64 { return max(512<<20, 24*maxFile) }

// gcPause counts the pauses in effect, so that commands running at once
// (in one test process) restore the settings only when the last ends.
var gcPause struct {
	sync.Mutex
	n       int
	percent int
	limit   int64
}

// pauseGC holds the collector off until resume is called, letting the
// heap grow by headroom, unless getenv gives GOGC or GOMEMLIMIT; resume
// lets it run again as it was once every pause has resumed.
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
	} else {
		// Another pause holds it: give this one its headroom too.
		now := debug.SetMemoryLimit(-1)
		debug.SetMemoryLimit(min(gcPause.limit, max(now, runtimeMemory()+headroom)))
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
