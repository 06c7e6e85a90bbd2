package report

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/playhall/playhall/hub/store"
)

// AreaFilters are the filters /api/v1/summary, /api/v1/participation and
// /api/v1/kiosks take, named as /api/v1/report's. Participation and kiosk
// health take district and school only (visits and kiosks have no age band).
var AreaFilters = []string{"district", "school", "band"}

// areaQuery parses from, to and the given filters of v (other parameters
// are ignored). A filter not in allowed is an ErrQuery naming it.
func areaQuery(v url.Values, k int, allowed ...string) (Query, error) {
	qv := url.Values{"from": {v.Get("from")}, "to": {v.Get("to")}}
	for _, f := range AreaFilters {
		x := v.Get(f)
		if x == "" {
			continue
		}
		ok := false
		for _, a := range allowed {
			ok = ok || a == f
		}
		if !ok {
			return Query{}, fmt.Errorf("%w: %s: this report cannot be filtered by %s (visits and kiosks have no age band)", ErrQuery, f, f)
		}
		qv.Set(f, x)
	}
	return ParseQuery(qv, k)
}

// filteredCell is what a published table shows for the cell the filters of
// q pick out: Build's total row for q without by, which is the row of
// report?by=<the filtered dimensions> over q's dates with no filter,
// suppressed as that report is. It returns the cell's plays as shown there
// (a number, "<K" or "suppressed"; 0 when no row matches), and whether the
// number is shown. So a filtered headline never reveals more than the
// report table that holds it.
func filteredCell(s *store.Store, q Query) (shown any, visible bool, plays int64) {
	t := Build(s, Query{From: q.From, To: q.To, K: q.K, Filter: q.Filter})
	if len(t.Rows) == 0 {
		return int64(0), true, 0
	}
	r := &t.Rows[0]
	switch {
	case r.Small:
		return "<" + strconv.Itoa(q.K), false, 0
	case r.Hidden:
		return "suppressed", false, 0
	}
	return r.Plays(false), true, r.Plays(false)
}

// buildFilteredSummary is BuildSummary with district / school / band
// filters: plays is the matching cell as filteredCell shows it; kiosks and
// schools count those with matching plays (counts of places, not of
// children); enrolled counts the enrolled, unrevoked kiosks of the matching
// schools (band does not narrow it); by_source is the filtered report by
// source (see Build: the rows of report?by=<filters>,source) and entirely hidden ("<K" or "suppressed" as plays) when
// plays itself is hidden.
func buildFilteredSummary(s *store.Store, q Query, sum Summary) Summary {
	var visible bool
	sum.Plays, visible, _ = filteredCell(s, q)
	kq := q
	kq.By = []string{"kiosk"}
	kt := Build(s, kq)
	schools := map[string]bool{}
	for i := range kt.Rows {
		id := kt.Rows[i].Keys[0]
		if id == store.WebKiosk {
			continue
		}
		sum.Kiosks++
		schools[kt.kioskSchool[id]] = true
	}
	sum.Schools = len(schools)
	for _, k := range s.Kiosks() {
		if k.Enrolled && !k.Revoked && matchesArea(kt, q, k.School) {
			sum.Enrolled++
		}
	}
	sq := q
	sq.By = []string{"source"}
	st := Build(s, sq)
	for i := range st.Rows {
		r := &st.Rows[i]
		if !visible {
			sum.BySource[r.Keys[0]] = sum.Plays
			continue
		}
		sum.BySource[r.Keys[0]] = st.Values(r, nil)[1]
	}
	return sum
}

// matchesArea reports whether school passes q's district and school filters.
func matchesArea(t *Table, q Query, school string) bool {
	if f, ok := q.Filter["school"]; ok && f != school {
		return false
	}
	if f, ok := q.Filter["district"]; ok && f != t.district(school) {
		return false
	}
	return true
}

// filterParticipation narrows an unfiltered participation table p to the
// schools passing q's district and school filters (by=district: to their
// districts) and replaces its total with the row that covers exactly those
// schools in the unfiltered table of the matching level, so no figure is
// shown that the unfiltered tables hide.
func filterParticipation(s *store.Store, q Query, p Participation, k int) Participation {
	schoolF, bySchool := q.Filter["school"]
	districtF, hasDistrict := q.Filter["district"]
	districtOf := map[string]string{}
	for _, sc := range s.Schools() {
		districtOf[sc.Code] = sc.District
	}
	if bySchool {
		d, known := districtOf[schoolF]
		if !known || (hasDistrict && d != districtF) {
			districtF, hasDistrict = "\x00none", true // the filters match no school
		} else {
			districtF, hasDistrict = d, true
		}
	}
	keep := func(row map[string]any) bool {
		if sc, ok := row["school"].(string); ok && bySchool && sc != schoolF {
			return false
		}
		d, _ := row["district"].(string)
		return !hasDistrict || d == districtF
	}
	rows := []map[string]any{}
	for _, row := range p.Rows {
		if keep(row) {
			rows = append(rows, row)
		}
	}
	p.Rows = rows
	// The total: the one row of the unfiltered table at the filters' level.
	level := "district"
	if bySchool {
		level = "school"
	}
	src := p
	if level != p.By {
		src = buildParticipation(s, q, level, k)
	}
	p.Total = map[string]any{"schools": 0, "schools_participating": 0, "school_rate": nil,
		"students": int64(0), "enrolment": 0, "student_rate": nil}
	for _, row := range src.Rows {
		if !keep(row) {
			continue
		}
		t := map[string]any{}
		for key, val := range row {
			t[key] = val
		}
		if level == "school" {
			visited := 0
			if n, _ := row["visits"].(int); n > 0 {
				visited = 1
			}
			t["schools"], t["schools_participating"] = 1, visited
			t["school_rate"] = ratio(int64(visited), 1)
		}
		delete(t, "school")
		delete(t, "school_name")
		delete(t, "district")
		delete(t, "visits")
		p.Total = t
		break
	}
	var applied []string
	for _, f := range []string{"district", "school"} {
		if x, ok := q.Filter[f]; ok {
			applied = append(applied, f+"="+x)
		}
	}
	p.Filter = applied
	return p
}
