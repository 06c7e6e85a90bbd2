package server

import (
	"net/url"
	"strings"
	"testing"
)

// TestFilteredReportShowsNoHiddenCell (the reviewer's case, against a real
// hub): S1/junior (40) is hidden as "suppressed" in report?by=school,band to
// protect S1/senior (3), so no filtered report may show it as a number;
// every filtered row is the row of the unfiltered report over by ∪ filter
// dimensions.
func TestFilteredReportShowsNoHiddenCell(t *testing.T) {
	h := startHub(t, Config{})
	enrolThree(t, h, map[string]int{"junior": 40, "senior": 3}, map[string]int{"junior": 25, "senior": 30}, map[string]int{"junior": 12})

	// rows returns plays as shown, keyed by the by and filter values in
	// the order district, school, band.
	rows := func(query string) map[string]any {
		t.Helper()
		var rep struct{ Rows []map[string]any }
		h.getJSON("/api/v1/report?"+query, h.office, &rep)
		v, _ := url.ParseQuery(query)
		out := map[string]any{}
		for _, r := range rep.Rows {
			var key []string
			for _, d := range []string{"district", "school", "band"} {
				if x, ok := r[d].(string); ok {
					key = append(key, d+"="+x)
				} else if f := v.Get(d); f != "" {
					key = append(key, d+"="+f)
				}
			}
			out[strings.Join(key, "&")] = r["plays"]
		}
		return out
	}
	grid := rows("by=school,band")
	if grid["school=S1&band=junior"] != "suppressed" || grid["school=S1&band=senior"] != "<10" {
		t.Fatalf("fixture: by=school,band = %v", grid)
	}
	for _, q := range []string{"school=S1&band=junior", "by=band&school=S1", "by=school&band=junior", "by=band,school&district=东区"} {
		if got := rows(q); got["school=S1&band=junior"] != nil && got["school=S1&band=junior"] != "suppressed" {
			t.Errorf("report?%s shows S1/junior as %v; by=school,band hides it", q, got["school=S1&band=junior"])
		}
	}
	for _, c := range []struct{ filtered, full string }{
		{"school=S1&band=junior", "by=school,band"},
		{"school=S1&band=senior", "by=school,band"},
		{"by=band&school=S1", "by=school,band"},
		{"by=band&school=S2", "by=band,school"},
		{"by=school&band=junior", "by=school,band"},
		{"by=school&district=东区", "by=district,school"},
		{"by=band&district=东区", "by=district,band"},
		{"district=西区", "by=district"},
		{"school=S2", "by=school"},
	} {
		got, want := rows(c.filtered), rows(c.full)
		if len(got) != 1 && !strings.HasPrefix(c.filtered, "by=") {
			t.Errorf("report?%s: %d total rows, want 1: %v", c.filtered, len(got), got)
		}
		for key, v := range got {
			if w, ok := want[key]; !ok || w != v {
				t.Errorf("report?%s: %s = %v, but report?%s shows %v", c.filtered, key, v, c.full, w)
			}
		}
	}
	// The filtered total and the filtered summary headline agree.
	var s struct{ Plays any }
	h.getJSON("/api/v1/summary?school=S1&band=junior", h.office, &s)
	if total := rows("school=S1&band=junior")["school=S1&band=junior"]; s.Plays != "suppressed" || total != s.Plays {
		t.Errorf("school=S1&band=junior: summary %v, report total %v", s.Plays, total)
	}
}

// TestFilteredQuestionsShowNoHiddenCell (against a real hub): 西区 has 3
// answers per question, so questions?district=东区 must not show 东区's
// count as a number, or the unfiltered questions report minus it would
// give 西区's. Filtered rows are the cells of the split over the filter
// dimensions, complementary-suppressed there.
func TestFilteredQuestionsShowNoHiddenCell(t *testing.T) {
	h := startHub(t, Config{})
	enrolThree(t, h, map[string]int{"junior": 40}, map[string]int{"junior": 25, "senior": 30}, map[string]int{"junior": 3})

	// answered returns answered per question/phase as shown.
	answered := func(query string) map[string]any {
		t.Helper()
		var rep struct{ Rows []map[string]any }
		h.getJSON("/api/v1/questions?"+query, h.office, &rep)
		out := map[string]any{}
		for _, r := range rep.Rows {
			out[r["question"].(string)+"/"+r["phase"].(string)] = r["answered"]
			if _, num := r["answered"].(float64); !num && (r["correct"] != nil || r["correct_rate"] != nil) {
				t.Errorf("questions?%s: %v hidden but shows correct or rate", query, r)
			}
		}
		return out
	}
	if got := answered(""); got["q1/pre"] != float64(98) || len(got) != 3 {
		t.Fatalf("unfiltered questions = %v", got)
	}
	for query, want := range map[string]any{
		"district=西区": "<10", "district=东区": "suppressed", "school=S3": "<10",
		"school=S1": "suppressed", "school=S2": "suppressed", "band=senior": float64(30), "band=junior": float64(68),
	} {
		got := answered(query)
		for _, qp := range []string{"q1/pre", "q1/post", "q2/post"} {
			if got[qp] != want {
				t.Errorf("questions?%s %s answered = %v, want %v", query, qp, got[qp], want)
			}
		}
	}
}
