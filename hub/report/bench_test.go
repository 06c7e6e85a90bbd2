package report

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/playhall/playhall/hub/store"
)

var (
	benchOnce  sync.Once
	benchStore *store.Store
	benchPlays int64
	benchDir   string
)

// seedMillion writes roll-ups for about 1,050,000 plays straight into a
// store (no ingest): 365 days × 20 schools (one kiosk each, 4 districts) ×
// 4 bands × 3 levels × 2 languages, 1–11 plays a cell, plus 10 drugs per
// day × school × band and 200 class visits.
func seedMillion(b *testing.B) *store.Store {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "hub-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
		st, err := store.Open(dir, time.Second)
		if err != nil {
			b.Fatal(err)
		}
		var schools []store.School
		for s := 0; s < 20; s++ {
			schools = append(schools, store.School{Code: fmt.Sprintf("S%02d", s), Name: fmt.Sprintf("学校%02d", s),
				District: fmt.Sprintf("区%d", s%4), Enrolment: map[string]int{"7": 300, "8": 300, "9": 300}})
		}
		if err := st.PutSchools(schools); err != nil {
			b.Fatal(err)
		}
		bands := []string{"primary", "junior", "senior", "adult"}
		first := store.DayOf(time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC), 0)
		i := 0
		for day := first; day < first+365; day++ {
			d := store.NewDelta()
			for s := 0; s < 20; s++ {
				school := fmt.Sprintf("S%02d", s)
				for _, band := range bands {
					for lv := 0; lv < 3; lv++ {
						for _, lang := range []string{"zh", "en"} {
							n := int64(1 + i%11)
							i++
							c := &store.Counts{}
							c[store.CPlays], c[store.CCompleted], c[store.CAbandoned] = n, n*3/4, n-n*3/4
							c[store.CDurationMs] = n * 150000
							c[store.CQuizPlays], c[store.CQuizAnswered], c[store.CQuizCorrect] = n, 3*n, 2*n
							c[store.CQuizPass], c[store.CQuizFull] = n/2, n/4
							benchPlays += n
							d.Cells[store.CellKey{Day: day, School: school, Kiosk: fmt.Sprintf("k%02d", s), Band: band,
								Level: fmt.Sprintf("level-%d", lv), Source: "kiosk", Lang: lang}] = c
						}
					}
					for dr := 0; dr < 10; dr++ {
						dc := &store.DrugCounts{}
						dc[store.DPlays], dc[store.DSeen], dc[store.DSeized], dc[store.DMissed] = 20, 40, 30, 10
						d.Drugs[store.DrugKey{Day: day, School: school, Band: band, Item: fmt.Sprintf("drug-%d", dr), Kind: "drug"}] = dc
					}
				}
			}
			if err := st.AddRollups(d); err != nil {
				b.Fatal(err)
			}
		}
		benchStore = st
	})
	if benchStore == nil {
		b.Fatal("seeding failed")
	}
	return benchStore
}

// p95 runs fn b.N times and reports the 95th percentile in ms.
func p95(b *testing.B, fn func()) {
	d := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := time.Now()
		fn()
		d = append(d, time.Since(t))
	}
	b.StopTimer()
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	b.ReportMetric(float64(d[len(d)*95/100].Microseconds())/1000, "p95-ms")
}

// BenchmarkReport1M: every report kind over ≈1.05 million stored plays,
// computed and encoded as the API sends it (JSON to io.Discard).
func BenchmarkReport1M(b *testing.B) {
	st := seedMillion(b)
	b.Logf("seeded %d plays", benchPlays)
	for _, by := range []string{"", "day", "week", "month", "district", "school", "kiosk", "band", "level", "language", "source",
		"school,band", "month,district", "day,school", "drug", "drug,band", "drug,school,band"} {
		b.Run("by="+by, func(b *testing.B) {
			q, err := ParseQuery(url.Values{"by": {by}}, 10)
			if err != nil {
				b.Fatal(err)
			}
			p95(b, func() {
				if err := WriteJSON(io.Discard, Build(st, q)); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
	// Filtered reports are the unfiltered report over by ∪ filter
	// dimensions, then selected (see Build): the dashboard's total and
	// series with a district and a band chosen, and a school's bands.
	for _, raw := range []string{"district=区1&band=junior", "by=day&district=区1&band=junior", "by=band&school=S03",
		"by=day,school&band=junior"} {
		b.Run(raw, func(b *testing.B) {
			v, _ := url.ParseQuery(raw)
			q, err := ParseQuery(v, 10)
			if err != nil {
				b.Fatal(err)
			}
			p95(b, func() {
				if err := WriteJSON(io.Discard, Build(st, q)); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
	b.Run("summary", func(b *testing.B) {
		p95(b, func() {
			if _, err := BuildSummary(st, url.Values{}, 10); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("summary-filtered", func(b *testing.B) { // the dashboard's headline with district and band chosen
		p95(b, func() {
			if _, err := BuildSummary(st, url.Values{"district": {"区1"}, "band": {"junior"}}, 10); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("participation", func(b *testing.B) {
		p95(b, func() {
			if _, err := BuildParticipation(st, url.Values{"by": {"district"}}, 10); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// BenchmarkExport1M: the finest export (day × school × kiosk × band ×
// level) over ≈1.05 million plays, written as CSV and XLSX to io.Discard.
// peak-heap-MB is the largest heap in use seen while exporting (GC target
// 10 %, so it tracks live memory); base-heap-MB is the store's roll-ups.
func BenchmarkExport1M(b *testing.B) {
	st := seedMillion(b)
	q, err := ParseQuery(url.Values{"by": {"day,school,kiosk,band,level"}}, 10)
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range []string{"csv", "xlsx"} {
		b.Run(format, func(b *testing.B) {
			// A tight GC target makes the sampled heap track live memory
			// rather than the collector's pacing.
			defer debug.SetGCPercent(debug.SetGCPercent(10))
			runtime.GC()
			var base runtime.MemStats
			runtime.ReadMemStats(&base)
			stop := make(chan struct{})
			peak := make(chan uint64)
			go func() {
				var m runtime.MemStats
				var max uint64
				tick := time.NewTicker(20 * time.Millisecond)
				defer tick.Stop()
				for {
					select {
					case <-stop:
						peak <- max
						return
					case <-tick.C:
						runtime.ReadMemStats(&m)
						if m.HeapInuse > max {
							max = m.HeapInuse
						}
					}
				}
			}()
			b.ReportAllocs()
			b.ResetTimer()
			var rows int
			for i := 0; i < b.N; i++ {
				t := Build(st, q)
				rows = len(t.Rows)
				var err error
				if format == "csv" {
					err = WriteCSV(io.Discard, t, "zh")
				} else {
					err = WriteXLSX(io.Discard, t, "zh")
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			close(stop)
			b.ReportMetric(float64(rows), "rows")
			b.ReportMetric(float64(<-peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(base.HeapInuse)/(1<<20), "base-heap-MB")
		})
	}
}

// TestMain removes the benchmarks' seeded database after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchStore != nil {
		benchStore.Close()
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}
