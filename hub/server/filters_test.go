package server

import (
	"strings"
	"testing"
	"time"

	"github.com/playhall/playhall/record"
)

// TestSummaryParticipationKiosksFilters: /api/v1/summary, /participation
// and /kiosks take the report's district / school / band filters; a
// filtered headline shows what the report by those dimensions shows for
// the cell (never a number that report hides), and filters that cannot
// apply are a 400 naming them.
func TestSummaryParticipationKiosksFilters(t *testing.T) {
	h := startHub(t, Config{})
	kio, tok := enrolThree(t, h, map[string]int{"junior": 40, "senior": 3}, map[string]int{"junior": 25, "senior": 30}, map[string]int{"junior": 12})
	k1, k2, k3, t1, t2, t3 := kio[0], kio[1], kio[2], tok[0], tok[1], tok[2]
	for _, v := range []struct {
		tok, id string
		n       int
	}{{t1, k1, 40}, {t2, k2, 4}, {t3, k3, 50}} {
		b := batch(v.id, "v", 1)
		b.Entries = []record.Entry{{Seq: 1, Kind: record.KindVisit, Visit: &record.Visit{ID: hexID(), KioskID: v.id,
			Label: "初一(2)班", Students: v.n, Start: time.Now().Add(-time.Hour)}}}
		if code, _, body := h.send(v.tok, b); code != 200 {
			t.Fatalf("visit: %d %s", code, body)
		}
	}

	type summary struct {
		Plays                     any
		Kiosks, Schools, Enrolled int
		BySource                  map[string]any `json:"by_source"`
	}
	for _, c := range []struct {
		query           string
		plays, kiosk    any
		kiosks, enroled int
	}{
		{"", float64(110), float64(110), 3, 3},
		{"school=S1", float64(43), float64(43), 1, 1},
		{"district=西区", float64(12), float64(12), 1, 1},
		{"band=senior", float64(33), float64(33), 2, 3},
		{"school=S1&band=senior", "<10", "<10", 1, 1},
		// by=school,band hides S1/junior (40) to protect S1/senior, so the
		// filtered headline must not show it either.
		{"school=S1&band=junior", "suppressed", "suppressed", 1, 1},
		{"district=东区&school=S3", float64(0), nil, 0, 0},
	} {
		var s summary
		h.getJSON("/api/v1/summary?"+c.query, h.office, &s)
		if s.Plays != c.plays || s.BySource["kiosk"] != c.kiosk || s.Kiosks != c.kiosks || s.Enrolled != c.enroled {
			t.Errorf("summary?%s = %+v, want plays %v, kiosk %v, kiosks %d, enrolled %d", c.query, s, c.plays, c.kiosk, c.kiosks, c.enroled)
		}
	}
	// The cell the filtered summary hid is hidden in the report too.
	var rep struct{ Rows []map[string]any }
	h.getJSON("/api/v1/report?by=school,band", h.office, &rep)
	for _, r := range rep.Rows {
		if r["school"] == "S1" && r["band"] == "junior" && r["plays"] != "suppressed" {
			t.Errorf("report S1/junior %v", r["plays"])
		}
	}

	type part struct {
		Rows   []map[string]any
		Total  map[string]any
		Filter []string
	}
	var p part
	h.getJSON("/api/v1/participation?by=school&district="+"东区", h.office, &p)
	got := map[string]any{}
	for _, r := range p.Rows {
		got[r["school"].(string)] = r["students"]
	}
	// S2's 4 students are small and S1 is hidden to protect them, as in the
	// unfiltered table; the total is 东区's row of by=district (44).
	if len(got) != 2 || got["S1"] != "suppressed" || got["S2"] != "<10" || p.Total["students"] != float64(44) ||
		p.Total["schools"] != float64(2) || len(p.Filter) != 1 {
		t.Errorf("participation by school in 东区: rows %v total %v filter %v", got, p.Total, p.Filter)
	}
	p = part{}
	h.getJSON("/api/v1/participation?by=school&school=S2", h.office, &p)
	if len(p.Rows) != 1 || p.Total["students"] != "<10" || p.Total["enrolment"] != float64(200) {
		t.Errorf("participation school=S2: %v total %v", p.Rows, p.Total)
	}
	p = part{}
	h.getJSON("/api/v1/participation?by=district&school=S3", h.office, &p)
	if len(p.Rows) != 1 || p.Rows[0]["district"] != "西区" || p.Total["students"] != float64(50) || p.Total["schools_participating"] != float64(1) {
		t.Errorf("participation by district, school=S3: %v total %v", p.Rows, p.Total)
	}

	var ks struct{ Kiosks []struct{ ID, School string } }
	for q, want := range map[string]string{"district=西区": k3, "school=S2": k2, "district=东区&school=S1": k1} {
		ks.Kiosks = nil
		h.getJSON("/api/v1/kiosks?"+q, h.office, &ks)
		if len(ks.Kiosks) != 1 || ks.Kiosks[0].ID != want {
			t.Errorf("kiosks?%s = %+v, want %s", q, ks.Kiosks, want)
		}
	}
	h.getJSON("/api/v1/kiosks?district=北区", h.office, &ks)
	if ks.Kiosks == nil || len(ks.Kiosks) != 0 {
		t.Errorf("kiosks in an unknown district: %+v", ks.Kiosks)
	}

	for _, path := range []string{"/api/v1/participation?band=junior", "/api/v1/kiosks?band=junior", "/api/v1/summary?from=never"} {
		code, b, _ := h.do("GET", path, h.office, nil)
		if code != 400 || !strings.Contains(string(b), `"error"`) {
			t.Errorf("%s: %d %s", path, code, b)
		}
	}
}
