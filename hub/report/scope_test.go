package report

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// scopeCells is the fixture of TestSuppressedCellCannotBeRecovered: A/junior
// (2) and C/senior (3) are small, so by=school,band also hides A/senior,
// C/adult and others to protect them.
var scopeCells = map[[2]string]int64{
	{"A", "junior"}: 2, {"A", "senior"}: 40,
	{"B", "junior"}: 30, {"B", "senior"}: 35,
	{"C", "junior"}: 50, {"C", "senior"}: 3, {"C", "adult"}: 12,
	{"E", "junior"}: 22, {"E", "adult"}: 18,
}

// shown is a row's plays as a reader sees it: the number, "<K" or "suppressed".
func shown(t *Table, r *Row) any { return t.Values(r, nil)[len(t.Columns())-len(playColumns)] }

func TestFilteredReportRowsAreUnfilteredRows(t *testing.T) {
	const k = 5
	st := seed(t, scopeCells)
	district := map[string]string{"A": "D1", "B": "D1", "C": "D2", "E": "D2"}
	run := func(raw string) (*Table, map[string]any) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			t.Fatal(err)
		}
		q, err := ParseQuery(v, k)
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		tab := Build(st, q)
		out := map[string]any{}
		for i := range tab.Rows {
			r := &tab.Rows[i]
			var key []string
			for _, d := range Dimensions {
				if x := slices.Index(q.By, d); x >= 0 {
					key = append(key, d+"="+r.Keys[x])
				} else if f, ok := q.Filter[d]; ok {
					key = append(key, d+"="+f)
				}
			}
			out[strings.Join(key, "&")] = shown(tab, r)
		}
		return tab, out
	}
	// The reviewer's case: cells by=school,band hides must not be numbers
	// in a filtered report.
	_, grid := run("by=school,band")
	hiddenBig := 0
	for c, n := range scopeCells {
		key := "school=" + c[0] + "&band=" + c[1]
		if _, isNum := grid[key].(int64); isNum {
			continue
		}
		if n >= k {
			hiddenBig++
		}
		for _, raw := range []string{"school=" + c[0] + "&band=" + c[1], "by=band&school=" + c[0], "by=school&band=" + c[1],
			"by=school&district=" + district[c[0]] + "&band=" + c[1], "by=band,school&school=" + c[0]} {
			_, got := run(raw)
			if v, isNum := got[key].(int64); isNum {
				t.Errorf("%s shows %s = %d, which by=school,band hides as %v", raw, key, v, grid[key])
			}
		}
	}
	if hiddenBig == 0 {
		t.Fatal("fixture should have complementary-suppressed cells")
	}
	// Every filtered row is the row of the unfiltered report over by ∪
	// filter dimensions, and the total row (no by) is that report's cell.
	for _, c := range []struct{ filtered, full string }{
		{"school=A&band=senior", "by=school,band"},
		{"school=A", "by=school"},
		{"band=adult", "by=band"},
		{"district=D2", "by=district"},
		{"district=D2&band=adult", "by=district,band"},
		{"by=band&school=A", "by=school,band"},
		{"by=band&school=C", "by=band,school"},
		{"by=school&band=junior", "by=school,band"},
		{"by=school&district=D2", "by=district,school"},
		{"by=band&district=D1", "by=district,band"},
		{"by=band,school&district=D2", "by=district,school,band"},
		{"by=level&school=C&band=adult", "by=school,band,level"},
		{"by=school&band=nonsense", "by=school,band"},
	} {
		_, got := run(c.filtered)
		_, want := run(c.full)
		for key, v := range got {
			if w, ok := want[key]; !ok || w != v {
				t.Errorf("%s: row %s = %v, but %s shows %v", c.filtered, key, v, c.full, w)
			}
		}
		if strings.Contains(c.filtered, "nonsense") != (len(got) == 0) {
			t.Errorf("%s: %d rows", c.filtered, len(got))
		}
	}
	if _, got := run("school=A&band=senior"); got["school=A&band=senior"] != "suppressed" {
		t.Errorf("school=A&band=senior total = %v, want suppressed (it protects A/junior)", got)
	}
	if _, got := run("school=A&band=junior"); got["school=A&band=junior"] != "<5" {
		t.Errorf("school=A&band=junior total = %v, want <5", got)
	}
	// The dimension order of by does not change what is hidden.
	a, _ := run("by=school,band")
	b, _ := run("by=band,school")
	if len(a.Rows) != len(b.Rows) {
		t.Fatalf("%d vs %d rows", len(a.Rows), len(b.Rows))
	}
	seen := map[string]bool{}
	for i := range a.Rows {
		seen[fmt.Sprint(a.Rows[i].Keys, a.Rows[i].Hidden, a.Rows[i].Small)] = true
	}
	for i := range b.Rows {
		r := &b.Rows[i]
		if !seen[fmt.Sprint([]string{r.Keys[1], r.Keys[0]}, r.Hidden, r.Small)] {
			t.Errorf("by=band,school row %v hidden=%v differs from by=school,band", r.Keys, r.Hidden)
		}
		if i > 0 && slices.Compare(b.Rows[i-1].Keys, r.Keys) >= 0 {
			t.Errorf("by=band,school rows out of order at %d: %v", i, r.Keys)
		}
	}
}

func TestQueryTooManyDimensionsWithFilters(t *testing.T) {
	v := url.Values{"by": {"day,district,school,kiosk,band,level,language,source"}, "school": {"A"}}
	if _, err := ParseQuery(v, 5); err != nil {
		t.Errorf("filter on a by dimension: %v", err)
	}
	v.Set("by", "day,week,district,school,kiosk,band,level,language")
	if _, err := ParseQuery(v, 5); err != nil {
		t.Errorf("filter on a by dimension: %v", err)
	}
	v.Set("source", "web")
	if _, err := ParseQuery(v, 5); err == nil || !strings.Contains(err.Error(), "more than 8") {
		t.Errorf("9 dimensions: %v", err)
	}
}
