package report

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/playhall/playhall/hub/store"
)

// seedRealistic writes a store shaped like a county's: 3 districts, 9
// schools with 1–3 kiosks each, 30 days, 4 bands, 3 levels (and a rarely
// played fourth), 2 languages, kiosk and web plays, per-drug cells; counts
// skewed so that many cells are under K=10 and complementary suppression
// has work to do. Kiosk k-S04-1 moved from S04 to S07 halfway (its cells
// lie in two schools, which joins the two schools' parts); school S08 is
// not in the registry and has few plays.
func seedRealistic(t testing.TB) *store.Store {
	st, err := store.Open(t.TempDir(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var schools []store.School
	for s := 0; s < 8; s++ {
		schools = append(schools, store.School{Code: fmt.Sprintf("S%02d", s), Name: fmt.Sprintf("学校%02d", s),
			District: fmt.Sprintf("区%d", s%3)})
	}
	if err := st.PutSchools(schools); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	bands := []string{"primary", "junior", "senior", "adult"}
	first := store.DayOf(time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), 0)
	for day := first; day < first+30; day++ {
		d := store.NewDelta()
		for s := 0; s < 9; s++ {
			for k := 0; k < 1+s%3; k++ {
				school, kiosk := fmt.Sprintf("S%02d", s), fmt.Sprintf("k-S%02d-%d", s, k)
				if kiosk == "k-S04-1" && day >= first+15 {
					school = "S07"
				}
				for _, band := range bands {
					for lv := 0; lv < 4; lv++ {
						for _, lang := range []string{"zh", "en"} {
							if rng.IntN(3) == 0 || (lv == 3 || s == 8) && rng.IntN(40) > 0 {
								continue // sparse, as real days are
							}
							n := int64(1 + rng.IntN(4))
							if rng.IntN(5) == 0 {
								n += int64(rng.IntN(40))
							}
							c := &store.Counts{}
							c[store.CPlays], c[store.CCompleted], c[store.CAbandoned] = n, n*2/3, n-n*2/3
							c[store.CDurationMs] = n * 120000
							c[store.CQuizPlays], c[store.CQuizAnswered], c[store.CQuizCorrect] = n/2, 3*(n/2), n/2
							d.Cells[store.CellKey{Day: day, School: school, Kiosk: kiosk, Band: band,
								Level: fmt.Sprintf("level-%d", lv), Source: "kiosk", Lang: lang}] = c
						}
					}
					if rng.IntN(2) == 0 {
						item := fmt.Sprintf("drug-%d", rng.IntN(6))
						if rng.IntN(10) == 0 {
							item = "drug-rare"
						}
						dc := &store.DrugCounts{}
						dc[store.DPlays], dc[store.DSeen], dc[store.DSeized] = int64(1+rng.IntN(8)), 3, 2
						dc[store.DMissed] = 1
						d.Drugs[store.DrugKey{Day: day, School: school, Band: band, Item: item, Kind: "drug"}] = dc
					}
				}
			}
		}
		for _, band := range bands[2:] {
			c := &store.Counts{}
			c[store.CPlays] = int64(1 + rng.IntN(12))
			d.Cells[store.CellKey{Day: day, School: store.WebSchool, Kiosk: store.WebKiosk, Band: band,
				Level: "level-0", Source: "web", Lang: "zh"}] = c
		}
		if err := st.AddRollups(d); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// TestExportEqualsBuild: the streamed export writes exactly the bytes the
// all-in-memory table writes (CSV, JSON; XLSX cell by cell), for the finest
// export, the dashboard's exports and filtered ones, with batches small
// enough that every table with parts is computed a few parts at a time.
func TestExportEqualsBuild(t *testing.T) {
	st := seedRealistic(t)
	cases := []struct {
		raw     string
		spilled bool // the table has parts: streamed through the spill file
	}{
		{"by=day,school,kiosk,band,level", true},
		{"by=school,kiosk,band,level,language", true},
		{"by=kiosk,day,school", true}, // by not in canonical order
		{"by=district,school,level", true},
		{"by=district,kiosk,day", true},
		{"by=day,kiosk&school=S08", true}, // a filter dimension joins the scope
		{"by=day,kiosk&school=S07&band=junior", true},
		{"by=day,school,kiosk,level&district=区1", true},
		{"by=band,level&school=S02&kiosk=k-S02-0", true},
		{"by=drug,district,school,band", true},
		{"by=drug,school,day&district=区0", true},
		{"by=day,kiosk,band&school=S00&kiosk=k-S00-0", true},
		{"by=day,band,level&district=区2&school=S05", true}, // both filters are places of the parts
		{"by=drug,school,band&district=区1", true},
		{"by=day,kiosk&school=none", true}, // no such school: no rows, no batch computed
		{"by=school", false},
		{"by=school,band", false},
		{"by=day", false},
		{"by=drug,band", false},
		{"by=kiosk,band", false},
	}
	for _, c := range cases {
		t.Run(c.raw, func(t *testing.T) {
			v, err := url.ParseQuery(c.raw)
			if err != nil {
				t.Fatal(err)
			}
			q, err := ParseQuery(v, 10)
			if err != nil {
				t.Fatal(err)
			}
			want := Build(st, q)
			hidden := 0
			for i := range want.Rows {
				if want.Rows[i].Hidden {
					hidden++
				}
			}
			ex := NewExport(st, q, ExportOptions{TempDir: t.TempDir(), BatchCells: 400})
			defer ex.Close()
			if err := ex.SpillErr(); err != nil {
				t.Fatal(err)
			}
			if ex.Spilled() != c.spilled {
				t.Fatalf("spilled %v, want %v", ex.Spilled(), c.spilled)
			}
			if c.spilled && !strings.Contains(c.raw, "=none") && (len(want.Rows) < 10 || hidden == 0) {
				t.Fatalf("fixture too thin: %d rows, %d hidden", len(want.Rows), hidden)
			}
			for _, lang := range []string{"zh", "en"} {
				var a, b bytes.Buffer
				if err := WriteCSV(&a, want, lang); err != nil {
					t.Fatal(err)
				}
				if err := WriteCSV(&b, ex, lang); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a.Bytes(), b.Bytes()) {
					t.Fatalf("csv %s differs:\n%s", lang, firstDiff(a.String(), b.String()))
				}
			}
			var a, b bytes.Buffer
			if err := WriteJSON(&a, want); err != nil {
				t.Fatal(err)
			}
			if err := WriteJSON(&b, ex); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatalf("json differs:\n%s", firstDiff(a.String(), b.String()))
			}
			if !slices.Equal(xlsxRows(t, want), xlsxRows(t, ex)) {
				t.Fatal("xlsx differs")
			}
		})
	}
}

// xlsxRows is the workbook's cells, one string per row.
func xlsxRows(t *testing.T, src Source) []string {
	var b bytes.Buffer
	if err := WriteXLSX(&b, src, "zh"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("报表")
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.Join(r, "\t")
	}
	return out
}

// firstDiff shows the first differing line of two outputs.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < min(len(la), len(lb)); i++ {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n  table:  %.300s\n  export: %.300s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(la), len(lb))
}

// TestPartsFollowTheData: a kiosk seen in two schools puts both schools in
// one part; a kiosk that appears in a second school after planning makes
// the plan stale, so the batch is not used.
func TestPartsFollowTheData(t *testing.T) {
	st := seedRealistic(t)
	q := Query{By: []string{"day", "school", "kiosk"}, From: minDay, To: maxDay, K: 10, Filter: map[string]string{}}
	pl := planParts(st, q, 1)
	if pl == nil {
		t.Fatal("no parts")
	}
	var ids map[string]uint32
	st.View(func(v *store.Snapshot) {
		ids = map[string]uint32{}
		for i, n := range v.Dict.Names {
			ids[n] = uint32(i)
		}
	})
	batch := func(school string) int32 { return pl.batchOf[pl.root[ids[school]]] }
	if batch("S04") != batch("S07") {
		t.Errorf("S04 and S07 share kiosk k-S04-1 but are in batches %d and %d", batch("S04"), batch("S07"))
	}
	if batch("S01") == batch("S02") || batch("S04") == batch("S05") {
		t.Errorf("with one cell a batch, separate schools share a batch: %d %d %d %d",
			batch("S01"), batch("S02"), batch("S04"), batch("S05"))
	}
	if pl.nBatches != 9 { // S00..S08 and web, with S04 and S07 joined
		t.Errorf("%d batches, want 9", pl.nBatches)
	}
	for _, c := range []struct {
		filter map[string]string
		want   string // batches that may hold matching rows
	}{
		{map[string]string{"school": "S04"}, fmt.Sprint(batch("S04"))},
		{map[string]string{"kiosk": "k-S04-1"}, fmt.Sprint(batch("S04"))},
		{map[string]string{"school": "S02", "kiosk": "k-S02-1"}, fmt.Sprint(batch("S02"))},
		{map[string]string{"school": "S02", "kiosk": "k-S04-1"}, ""},
		{map[string]string{"school": "none"}, ""},
		{map[string]string{"band": "junior"}, "all"},
	} {
		only := pl.batchesFor(st, c.filter)
		got := "all"
		if only != nil {
			var in []string
			for b, ok := range only {
				if ok {
					in = append(in, fmt.Sprint(b))
				}
			}
			got = strings.Join(in, ",")
		}
		if got != c.want {
			t.Errorf("batches for %v: %q, want %q", c.filter, got, c.want)
		}
	}
	if buildPart(st, q, pl, 0); pl.stale {
		t.Fatal("stale before any change")
	}
	d := store.NewDelta()
	c := &store.Counts{}
	c[store.CPlays] = 3
	d.Cells[store.CellKey{Day: store.DayOf(time.Date(2026, 9, 3, 0, 0, 0, 0, time.UTC), 0), School: "S01",
		Kiosk: "k-S02-0", Band: "junior", Level: "level-0", Source: "kiosk", Lang: "zh"}] = c
	if err := st.AddRollups(d); err != nil {
		t.Fatal(err)
	}
	if buildPart(st, q, pl, 0); !pl.stale {
		t.Fatal("a kiosk newly seen in a second school did not make the plan stale")
	}
	// The export plans again and still equals the table.
	ex := NewExport(st, q, ExportOptions{TempDir: t.TempDir(), BatchCells: 1})
	defer ex.Close()
	var a, b bytes.Buffer
	if err := WriteCSV(&a, Build(st, q), "en"); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&b, ex, "en"); err != nil {
		t.Fatal(err)
	}
	if !ex.Spilled() || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("after the change: spilled %v, equal %v", ex.Spilled(), bytes.Equal(a.Bytes(), b.Bytes()))
	}
}

// TestExportWithoutSpillFile: when the spill file cannot be made, the
// export holds the table whole and still writes Build's rows.
func TestExportWithoutSpillFile(t *testing.T) {
	st := seedRealistic(t)
	q := Query{By: []string{"day", "school", "kiosk"}, From: minDay, To: maxDay, K: 10, Filter: map[string]string{}}
	ex := NewExport(st, q, ExportOptions{TempDir: filepath.Join(t.TempDir(), "missing"), BatchCells: 400})
	defer ex.Close()
	if ex.Spilled() || ex.SpillErr() == nil {
		t.Fatalf("spilled %v, error %v: want the whole table and the reason", ex.Spilled(), ex.SpillErr())
	}
	var a, b bytes.Buffer
	if err := WriteCSV(&a, Build(st, q), "zh"); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&b, ex, "zh"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal(firstDiff(a.String(), b.String()))
	}
}
