package server

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestQuestionsRefusesUnsupportedFilters (against a real hub): the
// per-question roll-up has no kiosk, level, language or source and no by=,
// so those parameters are a 400 JSON error naming the parameter and the
// filters the questions report takes, never a report that ignores them;
// the supported filters and empty values still answer 200.
func TestQuestionsRefusesUnsupportedFilters(t *testing.T) {
	h := startHub(t, Config{})
	k1, t1 := h.enrol("S1")
	fill(t, h, t1, k1, time.Now().Add(-2*time.Hour), map[string]int{"junior": 12})

	for _, c := range []struct{ query, names string }{
		{"kiosk=" + k1, "kiosk="},
		{"level=mekong-1", "level="},
		{"language=zh", "language="},
		{"source=kiosk", "source="},
		{"by=school", "by="},
		{"lang=en", "lang="},
		{"band=junior&source=web&kiosk=" + k1, "kiosk=, source="},
	} {
		code, b, hdr := h.do("GET", "/api/v1/questions?"+c.query, h.office, nil)
		var e struct{ Error string }
		if code != 400 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") || json.Unmarshal(b, &e) != nil {
			t.Errorf("questions?%s: %d %s %s, want 400 JSON", c.query, code, hdr.Get("Content-Type"), b)
			continue
		}
		if !strings.Contains(e.Error, "cannot use "+c.names+";") || !strings.Contains(e.Error, "district, school and band") {
			t.Errorf("questions?%s: error %q should name %s and the supported filters", c.query, e.Error, c.names)
		}
	}

	var all, empty, junior struct {
		K    int
		Rows []map[string]any
	}
	h.getJSON("/api/v1/questions", h.office, &all)
	h.getJSON("/api/v1/questions?kiosk=&level=&by=", h.office, &empty)
	h.getJSON("/api/v1/questions?band=junior&school=S1&district=东区&from=2000-01-01&k=11", h.office, &junior)
	if len(all.Rows) != 3 || all.Rows[0]["answered"] != float64(12) {
		t.Fatalf("unfiltered questions: %+v", all)
	}
	a, _ := json.Marshal(all)
	if e, _ := json.Marshal(empty); string(a) != string(e) {
		t.Errorf("empty unsupported parameters changed the report: %s, want %s", e, a)
	}
	if junior.K != 11 || len(junior.Rows) != 3 || junior.Rows[0]["answered"] != float64(12) {
		t.Errorf("questions with every supported parameter: %+v", junior)
	}
}
