package kiosk

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestTuneGCLeavesTheEnvironmentsSettings(t *testing.T) {
	oldPct := debug.SetGCPercent(100)
	oldLim := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetGCPercent(oldPct); debug.SetMemoryLimit(oldLim) })

	env := map[string]string{}
	getenv := func(k string) string { return env[k] }

	line := tuneGC(getenv)
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Errorf("GOGC unset: GC percent %d, want %d", got, gcPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != memoryLimit {
		t.Errorf("GOMEMLIMIT unset: limit %d, want %d", got, memoryLimit)
	}
	if !strings.Contains(line, "GOGC 50") || !strings.Contains(line, "64 MiB") {
		t.Errorf("log line %q", line)
	}

	// Set by the staff or a test: the runtime already applied them, and
	// tuneGC must not override them.
	env["GOGC"], env["GOMEMLIMIT"] = "200", "1GiB"
	debug.SetGCPercent(200)
	debug.SetMemoryLimit(1 << 30)
	line = tuneGC(getenv)
	if got := debug.SetGCPercent(200); got != 200 {
		t.Errorf("GOGC=200 set: GC percent became %d", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("GOMEMLIMIT=1GiB set: limit became %d", got)
	}
	if !strings.Contains(line, "GOGC=200") || !strings.Contains(line, "GOMEMLIMIT=1GiB") {
		t.Errorf("log line %q", line)
	}
}
