package kiosk

import (
	"runtime/debug"
	"runtime/metrics"
	"strconv"
)

// The Go heap's share of the kiosk's resident memory. The kiosk keeps
// about 30–40 MB of live Go heap (Ebitengine's command buffers, the fonts'
// tables, the content); with Go's defaults (GOGC=100, no limit) the heap
// then grew to about 105 MB resident on the busiest-wave bench, the
// largest single part of the process. The kiosk allocates little once
// running, so collecting at a tenth of the live heap's growth costs almost
// nothing: on the 90-second busiest-wave bench GOGC 25 collected 39 times
// against GOGC 50's 23, for 0.1 s of CPU either way, and the resident set
// was 8 MB lower (p50 249–251 MB against 258–259); on the 150-second bench
// GOGC 10 collected 113 times against GOGC 25's 46, for 0.47 s of CPU
// against 0.18 (0.3% of one core), Go's share fell from 42 to 39 MiB and
// the resident set from p50 215 / max 225 MiB to 211 / 220. The soft
// limit makes the collector work harder as the heap nears it. It is soft:
// a bigger content pack that needs more only collects more often (the
// runtime caps that at half the CPU); it never fails.
const (
	gcPercent   = 10
	memoryLimit = 64 << 20
)

// gcTuner holds the soft memory limit the kiosk set: memoryLimit, or twice
// the live heap when that is more. A fixed 64 MiB was too little at
// 3840×2160, where the live heap passes it and the runtime collected 2,566
// times in 40 s (half a core); twice the live heap leaves the collector
// GOGC's pace.
type gcTuner struct {
	active bool  // the kiosk owns the limit (GOMEMLIMIT unset)
	limit  int64 // the limit set last
	live   [1]metrics.Sample
}

// tuneGC applies the kiosk's GC settings, except where the staff (or a
// test) set GOGC or GOMEMLIMIT in the environment, which win. It returns a
// line for the log.
func (g *gcTuner) tuneGC(getenv func(string) string) string {
	gc, limit := "GOGC="+getenv("GOGC"), "GOMEMLIMIT="+getenv("GOMEMLIMIT")
	if getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
		gc = "GOGC " + strconv.Itoa(gcPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		g.active = true
		g.set(0)
		limit = "soft memory limit " + strconv.Itoa(memoryLimit>>20) + " MiB, or twice the live heap"
	}
	return "go heap: " + gc + ", " + limit
}

// adjust follows the live heap the last collection found. Call it once a
// frame: it reads one runtime metric and allocates nothing.
func (g *gcTuner) adjust() {
	if !g.active {
		return
	}
	if g.live[0].Name == "" {
		g.live[0].Name = "/gc/heap/live:bytes"
	}
	metrics.Read(g.live[:])
	if g.live[0].Value.Kind() == metrics.KindUint64 {
		g.set(int64(g.live[0].Value.Uint64()))
	}
}

// set makes the limit max(memoryLimit, 2×live), changing it only when it
// moves by more than a tenth.
func (g *gcTuner) set(live int64) {
	want := max(memoryLimit, 2*live)
	if g.limit == 0 || want > g.limit+g.limit/10 || want < g.limit-g.limit/10 {
		debug.SetMemoryLimit(want)
		g.limit = want
	}
}
