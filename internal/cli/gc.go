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
// Once the pages are built, their trees (about five times the levels
// built from them: 34 MB of heap for 7 MB that lives on, on two levels of
// 10,000 items) are memory the process has already taken from the system
// and touched. With the collector back at GOGC=100, the heap's goal falls
// to twice the levels, the collector runs again as the comparison
// allocates, and the runtime's scavenger hands the freed pages back to
// the system, which the comparison then takes and faults in anew: two
// more collections and 7% of a comparison's time on levels of 10,000 and
// 40,000 items. So compare aligns its levels in a room (roomGC): GOGC at
// least keepParsedPercent, which puts the heap's goal at about what the
// parse reached and leaves the peak where the parse put it (45 and 150
// MiB on those levels, with or without). The room ends with the
// alignment: the table and HTML writers, which build their output,
// would grow the heap past that peak under it (at 40,000 items, 155 to
// 340 MiB for the table).
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

// keepParsedPercent is the least GOGC of roomGC: a goal of five times the
// live heap is about the heap that parsing the levels reached.
const keepParsedPercent = 400

// gcState counts the pauses and rooms in effect, so that commands running
// at once (in one test process) restore the settings only when the last
// ends. percent and limit are the settings from before the first.
var gcState struct {
	sync.Mutex
	pauses, rooms int
	percent       int
	limit         int64
}

// saveGC records the settings, when no pause or room is in effect. (The
// percent is read, not swapped: setting it to off waits for a collection
// under way to finish marking.)
func saveGC() {
	if gcState.pauses == 0 && gcState.rooms == 0 {
		gcState.limit = debug.SetMemoryLimit(-1) // reads it
		s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
		metrics.Read(s)
		gcState.percent = int(int64(s[0].Value.Uint64())) // off reads as -1
	}
}

// runningPercent is the GOGC when no pause is in effect: the saved one,
// at least keepParsedPercent in a room (unless the collector was off).
func runningPercent() int {
	if gcState.rooms > 0 && gcState.percent >= 0 {
		return max(gcState.percent, keepParsedPercent)
	}
	return gcState.percent
}

// userGC reports whether the environment sets GOGC or GOMEMLIMIT: then
// they are the user's say, and left alone.
func userGC(getenv func(string) string) bool {
	return getenv != nil && (getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "")
}

// pauseGC holds the collector off until resume is called, letting the
// heap grow by headroom, unless the environment sets GOGC or GOMEMLIMIT;
// resume lets it run again as it was once every pause has resumed.
func pauseGC(getenv func(string) string, headroom int64) (resume func()) {
	if userGC(getenv) {
		return func() {}
	}
	gcState.Lock()
	defer gcState.Unlock()
	saveGC()
	if gcState.pauses == 0 {
		debug.SetMemoryLimit(min(gcState.limit, runtimeMemory()+headroom))
		debug.SetGCPercent(-1)
	} else {
		// Another pause holds it: give this one its headroom too.
		now := debug.SetMemoryLimit(-1)
		debug.SetMemoryLimit(min(gcState.limit, max(now, runtimeMemory()+headroom)))
	}
	gcState.pauses++
	return sync.OnceFunc(func() {
		gcState.Lock()
		defer gcState.Unlock()
		if gcState.pauses--; gcState.pauses == 0 {
			debug.SetGCPercent(runningPercent())
			debug.SetMemoryLimit(gcState.limit)
		}
	})
}

// roomGC runs the collector with GOGC at least keepParsedPercent until
// restore is called (a pause in between still holds it off), unless the
// environment sets GOGC or GOMEMLIMIT. Calling restore again does nothing.
func roomGC(getenv func(string) string) (restore func()) {
	if userGC(getenv) {
		return func() {}
	}
	gcState.Lock()
	defer gcState.Unlock()
	saveGC()
	gcState.rooms++
	if gcState.pauses == 0 {
		debug.SetGCPercent(runningPercent())
	}
	return sync.OnceFunc(func() {
		gcState.Lock()
		defer gcState.Unlock()
		if gcState.rooms--; gcState.pauses == 0 {
			debug.SetGCPercent(runningPercent())
		}
	})
}

// runtimeMemory is the memory the Go runtime holds, as its memory limit
// counts it: all it has mapped, less what it has given back.
func runtimeMemory() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64() - s[1].Value.Uint64())
}
