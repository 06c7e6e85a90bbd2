package kiosk

import (
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

func TestTuneGCLeavesTheEnvironmentsSettings(t *testing.T) {
	oldPct := debug.SetGCPercent(100)
	oldLim := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetGCPercent(oldPct); debug.SetMemoryLimit(oldLim) })

	env := map[string]string{}
	getenv := func(k string) string { return env[k] }

	var g gcTuner
	line := g.tuneGC(getenv)
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Errorf("GOGC unset: GC percent %d, want %d", got, gcPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != memoryLimit {
		t.Errorf("GOMEMLIMIT unset: limit %d, want %d", got, memoryLimit)
	}
	if !strings.Contains(line, "GOGC "+strconv.Itoa(gcPercent)) || !strings.Contains(line, "64 MiB") {
		t.Errorf("log line %q", line)
	}

	// Set by the staff or a test: the runtime already applied them, and
	// tuneGC must not override them.
	env["GOGC"], env["GOMEMLIMIT"] = "200", "1GiB"
	debug.SetGCPercent(200)
	debug.SetMemoryLimit(1 << 30)
	g = gcTuner{}
	line = g.tuneGC(getenv)
	if got := debug.SetGCPercent(200); got != 200 {
		t.Errorf("GOGC=200 set: GC percent became %d", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("GOMEMLIMIT=1GiB set: limit became %d", got)
	}
	if !strings.Contains(line, "GOGC=200") || !strings.Contains(line, "GOMEMLIMIT=1GiB") {
		t.Errorf("log line %q", line)
	}
	g.adjust() // not the kiosk's limit: left alone
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("GOMEMLIMIT=1GiB set: adjust changed the limit to %d", got)
	}
}

func TestGCTunerFollowsTheLiveHeap(t *testing.T) {
	oldLim := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(oldLim) })
	var g gcTuner
	g.tuneGC(func(string) string { return "" })
	const mib = 1 << 20
	for _, c := range []struct{ live, want int64 }{
		{10 * mib, memoryLimit}, // a small heap: the floor
		{50 * mib, 100 * mib},   // 3840×2160: twice the live heap
		{52 * mib, 100 * mib},   // a small change: left alone
		{80 * mib, 160 * mib},
		{20 * mib, memoryLimit}, // back down
	} {
		g.set(c.live)
		if got := debug.SetMemoryLimit(-1); got != c.want {
			t.Errorf("live heap %d MiB: limit %d MiB, want %d", c.live/mib, got/mib, c.want/mib)
		}
	}
	g.adjust() // reads the real live heap: a test binary's is small
	if got := debug.SetMemoryLimit(-1); got < memoryLimit {
		t.Errorf("after adjust: limit %d, below the floor", got)
	}
	if n := testing.AllocsPerRun(100, g.adjust); n != 0 {
		t.Errorf("adjust allocates %.0f times; it runs every frame", n)
	}
}
