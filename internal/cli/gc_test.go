package cli

import (
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
