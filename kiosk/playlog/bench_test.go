package playlog

import (
	"sort"
	"testing"
	"time"
)

// BenchmarkAppendCommit measures one play from Append to its durable
// (fsync'd) acknowledgement, one at a time as a kiosk logs them, and reports
// the p50/p99 commit latency and the p99 time Append itself takes on the
// caller's (game loop's) goroutine.
func BenchmarkAppendCommit(b *testing.B) {
	l := open(b, b.TempDir(), Options{})
	defer l.Close()
	p := play(1)
	commit := make([]time.Duration, 0, b.N)
	call := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.ID = ""
		t0 := time.Now()
		r, err := l.Append(p)
		t1 := time.Now()
		if err != nil {
			b.Fatal(err)
		}
		if err := r.Err(); err != nil {
			b.Fatal(err)
		}
		commit = append(commit, time.Since(t0))
		call = append(call, t1.Sub(t0))
	}
	b.StopTimer()
	b.ReportMetric(pct(commit, 50).Seconds()*1000, "p50-commit-ms")
	b.ReportMetric(pct(commit, 99).Seconds()*1000, "p99-commit-ms")
	b.ReportMetric(float64(pct(call, 99).Microseconds()), "p99-append-call-µs")
}

// BenchmarkAppendBurst appends without waiting (group commit) and reports
// plays per second through the writer.
func BenchmarkAppendBurst(b *testing.B) {
	l := open(b, b.TempDir(), Options{QueueLimit: b.N + 1})
	defer l.Close()
	p := play(1)
	b.ReportAllocs()
	b.ResetTimer()
	var last *Receipt
	for i := 0; i < b.N; i++ {
		p.ID = ""
		r, err := l.Append(p)
		if err != nil {
			b.Fatal(err)
		}
		last = r
	}
	if err := last.Err(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "plays/s")
}

func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, len(s)*p/100)]
}
