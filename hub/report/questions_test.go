package report

import (
	"net/url"
	"testing"
	"time"

	"github.com/playhall/playhall/hub/store"
)

// TestQuestionsFilterHidesNoSmallCell: q1/post has 40 answers in D1 (A 37,
// B 3) and 3 in D2 (C), so the unfiltered total (43) minus
// questions?district=D1 would give D2's 3 if the filtered report showed D1's
// 40; filtered rows must be the cells of the split over the filter
// dimensions, suppressed there with their complements.
func TestQuestionsFilterHidesNoSmallCell(t *testing.T) {
	const k = 5
	st := seed(t, nil)
	d := store.NewDelta()
	day := store.DayOf(time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC), 0)
	for _, c := range []struct {
		school, band, q string
		n               int64
	}{
		{"A", "junior", "q1", 30}, {"A", "senior", "q1", 7}, {"B", "junior", "q1", 3}, {"C", "junior", "q1", 3},
		{"A", "junior", "q2", 20}, {"B", "junior", "q2", 20}, {"C", "junior", "q2", 20}, {"E", "senior", "q2", 20},
	} {
		qc := new(store.QuestCounts)
		qc[store.QAnswered], qc[store.QCorrect] = c.n, c.n/2
		d.Quests[store.QuestKey{Day: day, School: c.school, Band: c.band, Question: c.q, Phase: "post"}] = qc
	}
	if err := st.AddRollups(d); err != nil {
		t.Fatal(err)
	}
	answered := func(raw string) map[string]any {
		t.Helper()
		v, err := url.ParseQuery(raw)
		if err != nil {
			t.Fatal(err)
		}
		q, err := ParseQuery(v, k)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]any{}
		for _, r := range Questions(st, q) {
			out[r["question"].(string)] = r["answered"]
			if _, num := r["answered"].(int64); !num && (r["correct"] != nil || r["correct_rate"] != nil) {
				t.Errorf("%s: %s hidden but shows correct %v rate %v", raw, r["question"], r["correct"], r["correct_rate"])
			}
		}
		return out
	}
	total := answered("")
	if total["q1"] != int64(43) || total["q2"] != int64(80) {
		t.Fatalf("unfiltered = %v", total)
	}
	// No filtered q1 total may let a small cell be worked out: D1 (40)
	// would give D2 = 3 from the unfiltered 43, school=A (37) would give
	// B = 3 from D1 or B+C = 6 from the total.
	for raw, want := range map[string]any{
		"district=D2": "<5", "district=D1": "suppressed",
		"school=C": "<5", "school=B": "<5", "school=A": "suppressed",
		"district=D1&school=A": "suppressed", "school=A&band=junior": "suppressed",
		"band=senior": int64(7), "band=junior": int64(36),
	} {
		if got := answered(raw)["q1"]; got != want {
			t.Errorf("questions?%s q1 answered = %v, want %v", raw, got, want)
		}
	}
	// No cell under K: the filtered totals are shown.
	for raw, want := range map[string]int64{"district=D2": 40, "school=E": 20, "band=senior": 20, "school=A&band=junior": 20} {
		if got := answered(raw)["q2"]; got != want {
			t.Errorf("questions?%s q2 answered = %v, want %d", raw, got, want)
		}
	}
	if got := answered("school=Z"); len(got) != 0 {
		t.Errorf("questions?school=Z = %v, want no rows", got)
	}
}
