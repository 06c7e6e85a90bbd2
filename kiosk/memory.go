package kiosk

import (
	"runtime/debug"
	"strconv"
)

// The Go heap's share of the kiosk's resident memory. The kiosk keeps
// about 30–40 MB of live Go heap (Ebitengine's command buffers, the fonts'
// tables, the content); with Go's defaults (GOGC=100, no limit) the heap
// then grew to about 105 MB resident on the busiest-wave bench, the
// largest single part of the process. Collecting at half the live heap's
// growth, and harder as the heap nears a soft limit, keeps it near 60 MB
// for a collection every few seconds (67 in the ten-minute bench), off the
// game loop's thread. The limit is soft: a bigger content pack that needs
// more only collects more often (the runtime caps that at half the CPU);
// it never fails.
const (
	gcPercent   = 50
	memoryLimit = 64 << 20
)

// tuneGC applies the kiosk's GC settings, except where the staff (or a
// test) set GOGC or GOMEMLIMIT in the environment, which win. It returns a
// line for the log.
func tuneGC(getenv func(string) string) string {
	gc, limit := "GOGC="+getenv("GOGC"), "GOMEMLIMIT="+getenv("GOMEMLIMIT")
	if getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
		gc = "GOGC " + strconv.Itoa(gcPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
		limit = "soft memory limit " + strconv.Itoa(memoryLimit>>20) + " MiB"
	}
	return "go heap: " + gc + ", " + limit
}
