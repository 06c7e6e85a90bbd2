package playlog

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// BenchmarkFsyncFloor is the disk's floor for one commit, without bbolt:
// what a bbolt commit of one record does to the file, a 4 KiB data page
// written and fdatasync'd, then a 4 KiB meta page written and fdatasync'd.
// Its p99 next to BenchmarkAppendCommit's (run right after it) says how much
// of the commit tail is the disk's.
func BenchmarkFsyncFloor(b *testing.B) {
	f, err := os.OpenFile(filepath.Join(b.TempDir(), "floor"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	page := make([]byte, 4096)
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		for _, off := range []int64{int64(2+i%4096) * 4096, int64(i%2) * 4096} {
			if _, err := f.WriteAt(page, off); err != nil {
				b.Fatal(err)
			}
			if err := syscall.Fdatasync(int(f.Fd())); err != nil {
				b.Fatal(err)
			}
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	b.ReportMetric(pct(lat, 50).Seconds()*1000, "p50-commit-ms")
	b.ReportMetric(pct(lat, 99).Seconds()*1000, "p99-commit-ms")
}
