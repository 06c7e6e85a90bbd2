package sync

import (
	"testing"
)

// BenchmarkDrain100k drains a backlog of 100,000 plays from a kiosk's play
// log to the real hub binary on loopback, with the hub's default ingest rate
// limit (50 requests/s per kiosk). Filling the log is not timed.
func BenchmarkDrain100k(b *testing.B) {
	const n = 100_000
	h := newHub(b, "--kiosk-rate", "50")
	total := 0
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		k := newKiosk(b, h, h.URL)
		k.fill(b, n)
		c := New(Config{DataDir: k.dir, Log: k.log, Health: health})
		b.StartTimer()
		if err := c.SyncNow(b.Context(), nil); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		total += n
		if got := h.plays(); got != total || k.log.Backlog() != 0 {
			b.Fatalf("hub holds %d plays, want %d; kiosk backlog %d", got, total, k.log.Backlog())
		}
		b.StartTimer()
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/drain")
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "plays/s")
}
