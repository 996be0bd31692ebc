package cli

import (
	"runtime/debug"
	"runtime/metrics"
	"testing"
)

// gcSettings reads the collector's GOGC percent and memory limit.
func gcSettings() (percent, limit int64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
}

func TestPauseGC(t *testing.T) {
	const small, large = 16 << 20, 512 << 20
	percent, limit := gcSettings()
	// paused checks the collector is off with a limit between what the
	// runtime held at the pause (at) plus headroom, and what it holds now
	// plus headroom, and never above the limit from before.
	paused := func(at, headroom int64) {
		t.Helper()
		p, l := gcSettings()
		lo, hi := min(limit, at+headroom), min(limit, runtimeMemory()+headroom)
		if p != -1 || l < lo || l > hi {
			t.Fatalf("paused: GOGC %d, limit %d; want off (-1) and a limit in [%d, %d]", p, l, lo, hi)
		}
	}
	resumed := func() {
		t.Helper()
		if p, l := gcSettings(); p != percent || l != limit {
			t.Fatalf("resumed: GOGC %d, limit %d; want %d and %d as before", p, l, percent, limit)
		}
	}
	at := runtimeMemory()
	a := pauseGC(nil, small)
	paused(at, small)
	// A second pause with more headroom gets it; the first resuming
	// leaves the collector off for the second.
	at = runtimeMemory()
	b := pauseGC(func(string) string { return "" }, large)
	paused(at, large)
	a()
	paused(at, large)
	b()
	resumed()
	// The user's GOGC or GOMEMLIMIT is left alone.
	for _, v := range []string{"GOGC", "GOMEMLIMIT"} {
		r := pauseGC(func(k string) string {
			if k == v {
				return "200"
			}
			return ""
		}, small)
		resumed()
		r()
		resumed()
	}
}

func TestRoomGC(t *testing.T) {
	percent, limit := gcSettings()
	t.Cleanup(func() { debug.SetGCPercent(int(percent)) })
	check := func(what string, want int64) {
		t.Helper()
		if p, l := gcSettings(); p != want || (want != -1 && l != limit) {
			t.Fatalf("%s: GOGC %d, limit %d; want %d and %d", what, p, l, want, limit)
		}
	}
	for _, tc := range []struct {
		before, in int64
	}{
		{100, keepParsedPercent},
		{keepParsedPercent + 100, keepParsedPercent + 100}, // never lowered
		{-1, -1}, // off stays off
	} {
		debug.SetGCPercent(int(tc.before))
		room := roomGC(nil)
		check("in a room", tc.in)
		// A pause in the room holds the collector off, and gives it
		// back to the room.
		resume := pauseGC(nil, 16<<20)
		check("paused in a room", -1)
		resume()
		check("resumed in a room", tc.in)
		// A room that ends under a pause leaves the pause's resume
		// to restore what was before both.
		resume = pauseGC(nil, 16<<20)
		room()
		check("paused after the room", -1)
		resume()
		check("after both", tc.before)
		// A room opened under a pause, and rooms one inside another:
		// the collector leaves the room only when the last ends.
		resume = pauseGC(nil, 16<<20)
		outer := roomGC(nil)
		resume()
		check("resumed into a room opened under the pause", tc.in)
		inner := roomGC(nil)
		outer()
		check("inner room after the outer ended", tc.in)
		outer() // a second call does nothing
		check("inner room after the outer ended twice", tc.in)
		inner()
		check("after the rooms", tc.before)
	}
	// The user's GOGC is left alone.
	debug.SetGCPercent(100)
	room := roomGC(func(k string) string {
		if k == "GOGC" {
			return "100"
		}
		return ""
	})
	check("room with GOGC in the environment", 100)
	room()
	check("after it", 100)
}
