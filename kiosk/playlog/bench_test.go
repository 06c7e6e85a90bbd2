package playlog

import (
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
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

// BenchmarkCommitOptions compares bbolt's defaults with options that write
// less per commit, each commit still fsync'd: NoFreelistSync (the freelist
// is rebuilt by scanning the file at Open instead of written each commit)
// and that with the hashmap freelist. The logs take turns, one play each,
// so every variant sees the same load on a shared machine; it reports each
// one's p50 and p99 from Append to the durable acknowledgement.
func BenchmarkCommitOptions(b *testing.B) {
	variants := []struct {
		name string
		tune func(*bolt.Options)
	}{
		{"default", nil},
		{"nofreelistsync", func(o *bolt.Options) { o.NoFreelistSync = true }},
		{"nofreelistsync-map", func(o *bolt.Options) { o.NoFreelistSync, o.FreelistType = true, bolt.FreelistMapType }},
	}
	logs := make([]*Log, len(variants))
	lat := make([][]time.Duration, len(variants))
	for i, v := range variants {
		logs[i] = open(b, b.TempDir(), Options{tuneBolt: v.tune})
		defer logs[i].Close()
	}
	p := play(1)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for i, l := range logs {
			p.ID = ""
			t0 := time.Now()
			if _, err := l.AppendSync(p); err != nil {
				b.Fatal(err)
			}
			lat[i] = append(lat[i], time.Since(t0))
		}
	}
	b.StopTimer()
	for i, v := range variants {
		b.ReportMetric(pct(lat[i], 50).Seconds()*1000, v.name+"-p50-ms")
		b.ReportMetric(pct(lat[i], 99).Seconds()*1000, v.name+"-p99-ms")
	}
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
	// nearest rank: the smallest value with at least p % of the samples at or below it
	return s[max(0, (len(s)*p+99)/100-1)]
}

// BenchmarkOpenAtCap opens a log holding DefaultMaxRecords (1,000,000) plays
// (built once, not timed) and reads what a kiosk reads at start: Status and
// the first outbox batch. It also reports the file size per record.
func BenchmarkOpenAtCap(b *testing.B) {
	dir := fullLog(b)
	st, _ := os.Stat(filepath.Join(dir, DBFile))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		l := open(b, dir, Options{})
		if s := l.Status(); s.Records != DefaultMaxRecords || s.Backlog != DefaultMaxRecords {
			b.Fatalf("status %+v", s)
		}
		if _, es, err := l.Pending(500, 256<<10); err != nil || len(es) != 500 {
			b.Fatal(err)
		}
		l.Close()
	}
	b.ReportMetric(float64(st.Size())/DefaultMaxRecords, "file-bytes/record")
}

var (
	fullOnce sync.Once
	fullDir  string // removed by TestMain
)

// fullLog builds, once per test binary, a log holding DefaultMaxRecords plays.
func fullLog(b *testing.B) string {
	fullOnce.Do(func() {
		d, err := os.MkdirTemp("", "playlog-full-")
		if err != nil {
			b.Fatal(err)
		}
		fullDir = d
		l := open(b, d, Options{QueueLimit: DefaultMaxRecords + 1})
		var last *Receipt
		for i := range DefaultMaxRecords {
			if last, err = l.Append(play(i)); err != nil {
				b.Fatal(err)
			}
		}
		if err := last.Err(); err != nil {
			b.Fatal(err)
		}
		l.Close()
	})
	return fullDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fullDir != "" {
		os.RemoveAll(fullDir)
	}
	os.Exit(code)
}
