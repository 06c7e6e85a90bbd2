package fonts

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"os"
	"strings"
	"testing"
)

// mapping is the start address of the mapping that holds address a and its
// resident size in KiB (from /proc/self/smaps).
func mapping(t *testing.T, a uintptr) (start uintptr, rssKiB int) {
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
		first := strings.Fields(line)[0]
		var lo, hi uintptr
		if !strings.HasSuffix(first, ":") {
			if n, _ := fmt.Sscanf(first, "%x-%x", &lo, &hi); n == 2 {
				in = lo <= a && a < hi
				start = lo
			}
			continue
		}
		if in && first == "Rss:" {
			fmt.Sscanf(strings.TrimPrefix(line, "Rss:"), "%d", &rssKiB)
			return start, rssKiB
		}
	}
	t.Fatalf("no mapping holds %#x", a)
	return 0, 0
}

// Release drops the fonts' pages from the resident set, and the bytes read
// the same afterwards.
func TestReleaseDropsTheFontPagesAndKeepsTheBytes(t *testing.T) {
	page := uintptr(os.Getpagesize())
	before := [2][32]byte{sha256.Sum256(Regular), sha256.Sum256(Bold)} // reads every page
	// KiB of whole pages inside the fonts, per mapping (the linker puts
	// both in the executable's data, usually in one mapping)
	inside := map[uintptr]int{}
	touched := map[uintptr]int{}
	for _, b := range [][]byte{Regular, Bold} {
		lo, hi := addr(b), addr(b)+uintptr(len(b))
		n := 0
		for p := lo &^ (page - 1); p+page <= hi; p += page {
			if p >= lo {
				n++
			}
		}
		m, rss := mapping(t, lo)
		inside[m] += n * int(page) / 1024
		touched[m] = rss
	}
	Release()
	for m, kib := range inside {
		_, released := mapping(t, m)
		// a tenth of slack: the collector may page in other data that
		// shares the mapping between the two readings
		if want := kib * 9 / 10; touched[m]-released < want {
			t.Errorf("mapping %#x: resident %d KiB before Release, %d after: want at least %d KiB less (%d KiB of font pages)", m, touched[m], released, want, kib)
		}
	}
	after := [2][32]byte{sha256.Sum256(Regular), sha256.Sum256(Bold)}
	if before != after {
		t.Error("the fonts read differently after Release")
	}
}
