package report

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sort"
	"testing"
	"time"

	"github.com/playhall/playhall/hub/store"
)

// benchStores are the seeded stores by number of days, each seeded once
// per run and removed by TestMain.
var benchStores = map[int]*benchStore{}

type benchStore struct {
	st    *store.Store
	plays int64
	dir   string
}

// seedMillion writes roll-ups for about 1,050,000 plays straight into a
// store (no ingest): 365 days × 20 schools (one kiosk each, 4 districts) ×
// 4 bands × 3 levels × 2 languages, 1–11 plays a cell, plus 10 drugs per
// day × school × band.
func seedMillion(b *testing.B) *store.Store { return seedDays(b, 365).st }

// seedDays is seedMillion's store over the first days days (36 days: about
// 100,000 plays).
func seedDays(b *testing.B, days int) *benchStore {
	if bs, ok := benchStores[days]; ok {
		return bs
	}
	bs := &benchStore{}
	dir, err := os.MkdirTemp("", "hub-bench-")
	if err != nil {
		b.Fatal(err)
	}
	bs.dir = dir
	st, err := store.Open(dir, time.Second)
	if err != nil {
		b.Fatal(err)
	}
	bs.st = st
	benchStores[days] = bs
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
	for day := first; day < first+int32(days); day++ {
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
						bs.plays += n
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
	return bs
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
	b.Logf("seeded %d plays", seedDays(b, 365).plays)
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
// level) over ≈105,000 and ≈1.05 million plays (36 and 365 days: 8,640 and
// 87,600 rows), streamed by NewExport as CSV, XLSX and JSON to io.Discard,
// and for comparison as CSV from the whole table (Build, as before
// exports streamed) and as CSV by day × kiosk × band × level (no school:
// one place dimension, so no parts, and NewExport holds the whole table).
// extra-live-MB is the largest live heap seen while
// exporting (see heapPeak) minus the live heap before (base-live-MB: the
// stores' roll-ups): what one export holds in memory.
func BenchmarkExport1M(b *testing.B) {
	q, err := ParseQuery(url.Values{"by": {"day,school,kiosk,band,level"}}, 10)
	if err != nil {
		b.Fatal(err)
	}
	noParts, err := ParseQuery(url.Values{"by": {"day,kiosk,band,level"}}, 10)
	if err != nil {
		b.Fatal(err)
	}
	for _, size := range []struct {
		name string
		days int
	}{{"100k", 36}, {"1M", 365}} {
		bs := seedDays(b, size.days)
		for _, format := range []string{"csv", "xlsx", "json", "csv-whole-table", "csv-no-parts"} {
			b.Run("plays="+size.name+"/"+format, func(b *testing.B) {
				b.Logf("%d plays", bs.plays)
				var rows int
				peak, base := heapPeak(b, func() {
					var src Source
					if format == "csv-whole-table" {
						t := Build(bs.st, q)
						src = t
					} else {
						q := q
						if format == "csv-no-parts" {
							q = noParts
						}
						ex := NewExport(bs.st, q, ExportOptions{})
						defer ex.Close()
						if err := ex.SpillErr(); err != nil {
							b.Fatal(err)
						}
						src = ex
					}
					cr := &countingDiscard{}
					var err error
					switch format {
					case "xlsx":
						err = WriteXLSX(cr, src, "zh")
					case "json":
						err = WriteJSON(cr, src)
					default:
						err = WriteCSV(cr, src, "zh")
					}
					if err != nil {
						b.Fatal(err)
					}
					rows = cr.lines
				})
				if format != "xlsx" && format != "json" {
					b.ReportMetric(float64(rows-1), "rows")
				}
				b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N), "s/op")
				b.ReportMetric(float64(peak-base)/(1<<20), "extra-live-MB")
				b.ReportMetric(float64(base)/(1<<20), "base-live-MB")
			})
		}
	}
}

// heapPeak runs fn b.N times, timed, and returns the largest live heap
// (runtime/metrics /gc/heap/live:bytes, the heap marked live by the last
// collection) seen meanwhile, sampled every 5 ms with GC target 10 % so
// that collections are frequent, and the live heap before.
func heapPeak(b *testing.B, fn func()) (peak, base uint64) {
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	live := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	runtime.GC()
	base = live()
	stop := make(chan struct{})
	done := make(chan uint64)
	go func() {
		var max uint64
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				done <- max
				return
			case <-tick.C:
				max = maxU(max, live())
			}
		}
	}()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fn()
	}
	b.StopTimer()
	close(stop)
	return maxU(<-done, base), base
}

func maxU(a, b uint64) uint64 { return max(a, b) }

// countingDiscard discards what is written and counts the newlines.
type countingDiscard struct{ lines int }

func (c *countingDiscard) Write(p []byte) (int, error) {
	c.lines += bytes.Count(p, []byte{'\n'})
	return len(p), nil
}

// TestMain removes the benchmarks' seeded database after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, bs := range benchStores {
		bs.st.Close()
		os.RemoveAll(bs.dir)
	}
	os.Exit(code)
}
