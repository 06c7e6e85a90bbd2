package fonts

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"os"
	"strings"
	"testing"
)

// mappingRSS is the resident size in KiB of the mapping that holds address a
// (from /proc/self/smaps).
func mappingRSS(t *testing.T, a uintptr) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	in := false
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(strings.Fields(line)[0], "%x-%x", &lo, &hi); n == 2 && !strings.HasSuffix(strings.Fields(line)[0], ":") {
			in = lo <= a && a < hi
			continue
		}
		if in && strings.HasPrefix(line, "Rss:") {
			var kb int
			fmt.Sscanf(strings.TrimPrefix(line, "Rss:"), "%d", &kb)
			return kb
		}
	}
	t.Fatalf("no mapping holds %#x", a)
	return 0
}

// Release drops the fonts' pages from the resident set, and the bytes read
// the same afterwards.
func TestReleaseDropsTheFontPagesAndKeepsTheBytes(t *testing.T) {
	before := [2][32]byte{sha256.Sum256(Regular), sha256.Sum256(Bold)} // reads every page
	touched := mappingRSS(t, addr(Regular))
	Release()
	released := mappingRSS(t, addr(Regular))
	page := os.Getpagesize()
	// every whole page of both fonts, less one at each end, in KiB
	want := (len(Regular) + len(Bold) - 4*page) / 1024
	if addr(Bold) < addr(Regular) || addr(Bold) > addr(Regular)+uintptr(len(Regular))+uintptr(64<<10) {
		// the two fonts in different mappings: count Regular alone
		want = (len(Regular) - 2*page) / 1024
	}
	if touched-released < want {
		t.Errorf("resident %d KiB before Release, %d after: want at least %d KiB less", touched, released, want)
	}
	after := [2][32]byte{sha256.Sum256(Regular), sha256.Sum256(Bold)}
	if before != after {
		t.Error("the fonts read differently after Release")
	}
}
