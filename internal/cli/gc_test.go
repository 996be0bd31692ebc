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
	const headroom = 64 << 20
	percent, limit := gcSettings()
	paused := func(want bool) {
		t.Helper()
		p, l := gcSettings()
		if want && (p != -1 || l >= limit || l > runtimeMemory()+headroom) {
			t.Fatalf("paused: GOGC %d, limit %d; want off (-1) and at most %d above the %d in use", p, l, headroom, runtimeMemory())
		}
		if !want && (p != percent || l != limit) {
			t.Fatalf("resumed: GOGC %d, limit %d; want %d and %d as before", p, l, percent, limit)
		}
	}
	a := pauseGC(nil, headroom)
	paused(true)
	b := pauseGC(func(string) string { return "" }, headroom)
	a()
	paused(true) // b still holds it
	b()
	paused(false)
	// The user's GOGC or GOMEMLIMIT is left alone.
	for _, v := range []string{"GOGC", "GOMEMLIMIT"} {
		r := pauseGC(func(k string) string {
			if k == v {
				return "200"
			}
			return ""
		}, headroom)
		paused(false)
		r()
		paused(false)
	}
}
