package kiosk

import (
	"math"
	"testing"
)

// The bench's split of the resident set adds up to what the kernel reports
// for the whole process, and finds the test binary's own pages.
func TestReadMemPartsAddsUpToTheResidentSet(t *testing.T) {
	p := readMemParts()
	rss := rssMB()
	if rss == 0 {
		t.Fatal("no VmRSS in /proc/self/status")
	}
	if math.Abs(p.total-rss) > 0.1*rss {
		t.Errorf("smaps' Rss lines add up to %.1f MiB, VmRSS says %.1f", p.total, rss)
	}
	if p.binary <= 0 {
		t.Errorf("none of the resident set is the executable's: %+v", p)
	}
	if p.goHeap <= 0 {
		t.Errorf("no Go heap: %+v", p)
	}
	if parts := p.binary + p.llvm + p.driver; parts > p.total {
		t.Errorf("the parts (%.1f MiB) exceed the total (%.1f)", parts, p.total)
	}
	if n := leadingInt([]byte("1234 kB")); n != 1234 {
		t.Errorf("leadingInt(\"1234 kB\") = %d", n)
	}
}
