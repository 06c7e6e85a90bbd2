package server

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/playhall/playhall/hub/report"
	"github.com/playhall/playhall/hub/store"
	"github.com/playhall/playhall/record"
)

// TestExportStreamedInPartsEqualsReport: with one school per batch, the
// hub streams exports with school and kiosk through its spill file; every
// format carries exactly /api/v1/report's rows and hidden cells, in order,
// as a download, and the spill file is gone after each request.
func TestExportStreamedInPartsEqualsReport(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // the hub runs in this process: its os.TempDir()
	defer func(n int) { exportBatchCells = n }(exportBatchCells)
	exportBatchCells = 1
	h := startHub(t, Config{})
	now := time.Now()
	for i, school := range []string{"S1", "S1", "S2", "S3"} {
		k, tok := h.enrol(school)
		var plays []*record.Play
		for day := 0; day < 3; day++ {
			for b, band := range []string{"junior", "senior", "adult"} {
				for n := 0; n < (i*7+day*5+b*11)%23+1; n++ {
					end := record.EndCompleted
					if n%3 == 2 {
						end = record.EndAbandoned
					}
					plays = append(plays, play(k, now.Add(-time.Duration(day)*24*time.Hour-time.Hour), band, end))
				}
			}
		}
		if code, ack, body := h.send(tok, batch(k, "e", 1, plays...)); code != 200 || len(ack.Rejected) > 0 {
			t.Fatalf("send: %d %s", code, body)
		}
	}
	queries := []string{"by=day,school,kiosk,band", "by=day,kiosk,band&school=S1", "by=day,school,kiosk&band=senior"}
	for _, query := range queries {
		t.Run(query, func(t *testing.T) {
			code, want, _ := h.do("GET", "/api/v1/report?"+query, h.office, nil)
			if code != 200 {
				t.Fatalf("report %d %s", code, want)
			}
			var rep struct {
				Columns []struct{ Key string }
				Rows    []map[string]any
			}
			if err := json.Unmarshal(want, &rep); err != nil {
				t.Fatal(err)
			}
			hidden := 0
			for _, r := range rep.Rows {
				if _, isNum := r["plays"].(float64); !isNum {
					hidden++
				}
			}
			if len(rep.Rows) < 3 || hidden == 0 {
				t.Fatalf("fixture too thin: %d rows, %d hidden", len(rep.Rows), hidden)
			}
			// The report's rows as strings, as CSV and XLSX show them.
			var rows [][]string
			for _, r := range rep.Rows {
				var rec []string
				for _, c := range rep.Columns {
					switch v := r[c.Key].(type) {
					case nil:
						rec = append(rec, "")
					case float64:
						rec = append(rec, fmt.Sprint(v))
					default:
						rec = append(rec, v.(string))
					}
				}
				rows = append(rows, rec)
			}
			get := func(format string) []byte {
				code, b, hdr := h.do("GET", "/api/v1/export?format="+format+"&lang=en&"+query, h.office, nil)
				if code != 200 {
					t.Fatalf("%s: %d %s", format, code, b)
				}
				if d := hdr.Get("Content-Disposition"); !strings.HasPrefix(d, "attachment;") || !strings.Contains(d, "."+format+`"`) {
					t.Errorf("%s disposition %q", format, d)
				}
				if left, _ := os.ReadDir(tmp); len(left) > 0 {
					t.Errorf("%s left %s in the temp folder", format, left[0].Name())
				}
				return b
			}
			if got := get("json"); !bytes.Equal(got, want) {
				t.Errorf("json export differs from the report:\n%s\n%s", got, want)
			}
			b := get("csv")
			if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
				t.Fatalf("csv without BOM: %q", b[:min(len(b), 10)])
			}
			recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(recs[1:]) != fmt.Sprint(rows) {
				t.Errorf("csv rows differ from the report:\n%v\n%v", recs[1:], rows)
			}
			f, err := excelize.OpenReader(bytes.NewReader(get("xlsx")))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			xrows, err := f.GetRows("Report")
			if err != nil {
				t.Fatal(err)
			}
			for i := range xrows[1:] { // GetRows drops a row's trailing empty cells
				for len(xrows[i+1]) < len(rows[0]) {
					xrows[i+1] = append(xrows[i+1], "")
				}
			}
			if fmt.Sprint(xrows[1:]) != fmt.Sprint(rows) {
				t.Errorf("xlsx rows differ from the report:\n%v\n%v", xrows[1:], rows)
			}
		})
	}
	// Those exports did take the spill path: the same store, once the hub
	// has let go of it, splits into parts at one cell a batch.
	h.stop()
	st, err := store.Open(h.dir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, query := range queries {
		v, _ := url.ParseQuery(query)
		q, err := report.ParseQuery(v, 10)
		if err != nil {
			t.Fatal(err)
		}
		ex := report.NewExport(st, q, report.ExportOptions{BatchCells: exportBatchCells})
		if !ex.Spilled() {
			t.Errorf("%s was not streamed in parts", query)
		}
		ex.Close()
	}
}
