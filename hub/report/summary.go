package report

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"time"

	"github.com/playhall/playhall/hub/store"
)

// Summary is the headline of a date range.
type Summary struct {
	From     string         `json:"from,omitempty"`
	To       string         `json:"to,omitempty"`
	Plays    any            `json:"plays"`     // int64: every stored play in the range (filtered: see BuildSummary)
	Kiosks   int            `json:"kiosks"`    // kiosks (not web) with plays in the range
	Schools  int            `json:"schools"`   // schools with plays in the range
	Enrolled int            `json:"enrolled"`  // kiosks enrolled and not revoked
	BySource map[string]any `json:"by_source"` // counts, with the small-cell rule
	K        int            `json:"k"`
	Filter   []string       `json:"filter,omitempty"` // the filters applied, "district=东区"
}

// BuildSummary counts the stored plays between from and to (dates,
// inclusive). Without filters plays is exact (an int64) and by_source
// follows the small-cell rule. With district, school or band filters (see
// AreaFilters) plays is the cell the report by those dimensions shows for
// them — "<K" or "suppressed" when that report hides it — so a filtered
// headline reveals nothing the reports do not; see buildFilteredSummary.
func BuildSummary(s *store.Store, v url.Values, k int) (Summary, error) {
	q, err := areaQuery(v, k, AreaFilters...)
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{From: v.Get("from"), To: v.Get("to"), BySource: map[string]any{}, K: k}
	if len(q.Filter) > 0 {
		for _, f := range AreaFilters {
			if x, ok := q.Filter[f]; ok {
				sum.Filter = append(sum.Filter, f+"="+x)
			}
		}
		return buildFilteredSummary(s, q, sum), nil
	}
	var plays int64
	var kiosks, schools int
	s.View(func(sn *store.Snapshot) {
		web, hasWeb := sn.Dict.Lookup(store.WebKiosk)
		seenK := make([]bool, len(sn.Dict.Names))
		seenS := make([]bool, len(sn.Dict.Names))
		for i := range sn.Cells {
			r := &sn.Cells[i]
			if r.Day < q.From || r.Day > q.To {
				continue
			}
			plays += r.C[store.CPlays]
			if (!hasWeb || r.Kiosk != web) && !seenK[r.Kiosk] {
				seenK[r.Kiosk] = true
				kiosks++
				if !seenS[r.School] {
					seenS[r.School] = true
					schools++
				}
			}
		}
		for _, k := range sn.Kiosks {
			if k.Enrolled && !k.Revoked {
				sum.Enrolled++
			}
		}
	})
	sum.Plays, sum.Kiosks, sum.Schools = plays, kiosks, schools
	q.By = []string{"source"}
	t := Build(s, q)
	for i := range t.Rows {
		r := &t.Rows[i]
		vals := t.Values(r, nil)
		sum.BySource[r.Keys[0]] = vals[1]
	}
	return sum, nil
}

// Participation is the 参与 table for schools or districts.
type Participation struct {
	By      string           `json:"by"` // "school" or "district"
	K       int              `json:"k"`
	Columns []Column         `json:"columns"`
	Rows    []map[string]any `json:"rows"`
	Total   map[string]any   `json:"total"`
	Filter  []string         `json:"filter,omitempty"` // the filters applied, "district=东区"
}

// BuildParticipation counts class visits (the groups kiosks report, never
// individual children) against enrolment. Students per school or district
// follow the small-cell rule (complementary within a district and overall).
// The district and school filters (band is an ErrQuery: visits have no age
// band) keep the rows of the matching schools (by=school) or of their
// districts (by=district), suppressed as in the unfiltered table; the total
// is then the filtered schools' row as the unfiltered table shows it (the
// school's row for school=, the district's row for district=).
func BuildParticipation(s *store.Store, v url.Values, k int) (Participation, error) {
	q, err := areaQuery(v, k, "district", "school")
	if err != nil {
		return Participation{}, err
	}
	by := v.Get("by")
	if by == "" {
		by = "school"
	}
	if by != "school" && by != "district" {
		return Participation{}, fmt.Errorf("%w: participation by must be school or district", ErrQuery)
	}
	p := buildParticipation(s, q, by, k)
	if len(q.Filter) == 0 {
		return p, nil
	}
	return filterParticipation(s, q, p, k), nil
}

// buildParticipation is the unfiltered table of BuildParticipation.
func buildParticipation(s *store.Store, q Query, by string, k int) Participation {
	type school struct {
		store.School
		visits   int
		students int64
	}
	var list []*school
	s.View(func(sn *store.Snapshot) {
		m := map[string]*school{}
		for code, sc := range sn.Schools {
			x := &school{School: sc}
			m[code] = x
			list = append(list, x)
		}
		for _, vi := range sn.Visits {
			if vi.Day < q.From || vi.Day > q.To {
				continue
			}
			if x := m[vi.School]; x != nil {
				x.visits++
				x.students += int64(vi.Students)
			}
		}
	})
	sort.Slice(list, func(i, j int) bool { return list[i].Code < list[j].Code })
	p := Participation{By: by, K: k}
	lt := "<" + strconv.Itoa(k)
	show := func(val int64, small, hidden bool) any {
		switch {
		case small:
			return lt
		case hidden:
			return "suppressed"
		}
		return val
	}
	var totStudents int64
	var totEnrol, totSchools, totPart int
	for _, x := range list {
		totStudents += x.students
		totEnrol += x.Students()
		totSchools++
		if x.visits > 0 {
			totPart++
		}
	}
	p.Total = map[string]any{"schools": totSchools, "schools_participating": totPart,
		"school_rate": ratio(int64(totPart), int64(totSchools)), "students": totStudents,
		"enrolment": totEnrol, "student_rate": ratio(totStudents, int64(totEnrol))}
	if by == "school" {
		p.Columns = []Column{{"school", "学校代码", "School code"}, {"school_name", "学校", "School"}, {"district", "区县", "District"},
			{"visits", "来访班次", "Class visits"}, {"students", "参与学生数", "Students participating"},
			{"enrolment", "在校学生数", "Enrolment"}, {"student_rate", "学生参与率", "Student participation rate"}}
		counts := make([]int64, len(list))
		for i, x := range list {
			counts[i] = x.students
		}
		hid := suppressCounts(counts, func(i int) string { return list[i].District }, k)
		for i, x := range list {
			h := hid[i]
			row := map[string]any{"school": x.Code, "school_name": x.Name, "district": x.District,
				"visits": x.visits, "students": show(x.students, h[0], h[1]), "enrolment": x.Students(),
				"student_rate": ratio(x.students, int64(x.Students()))}
			if h[1] {
				row["student_rate"] = nil
			}
			p.Rows = append(p.Rows, row)
		}
		return p
	}
	p.Columns = []Column{{"district", "区县", "District"}, {"schools", "学校数", "Schools"},
		{"schools_participating", "参与学校数", "Schools participating"}, {"school_rate", "学校参与率", "School participation rate"},
		{"students", "参与学生数", "Students participating"}, {"enrolment", "在校学生数", "Enrolment"},
		{"student_rate", "学生参与率", "Student participation rate"}}
	type dist struct {
		name                 string
		schools, part, enrol int
		students             int64
	}
	dm := map[string]*dist{}
	var dl []*dist
	for _, x := range list {
		d := dm[x.District]
		if d == nil {
			d = &dist{name: x.District}
			dm[x.District] = d
			dl = append(dl, d)
		}
		d.schools++
		if x.visits > 0 {
			d.part++
		}
		d.enrol += x.Students()
		d.students += x.students
	}
	sort.Slice(dl, func(i, j int) bool { return dl[i].name < dl[j].name })
	counts := make([]int64, len(dl))
	for i, d := range dl {
		counts[i] = d.students
	}
	hid := suppressCounts(counts, nil, k)
	for i, d := range dl {
		h := hid[i]
		row := map[string]any{"district": d.name, "schools": d.schools, "schools_participating": d.part,
			"school_rate": ratio(int64(d.part), int64(d.schools)), "students": show(d.students, h[0], h[1]),
			"enrolment": d.enrol, "student_rate": ratio(d.students, int64(d.enrol))}
		if h[1] {
			row["student_rate"] = nil
		}
		p.Rows = append(p.Rows, row)
	}
	return p
}

// KioskHealth is one kiosk's state for the health table.
type KioskHealth struct {
	ID             string    `json:"id"`
	Name           string    `json:"name"`
	School         string    `json:"school"`
	SchoolName     string    `json:"school_name"`
	Enrolled       bool      `json:"enrolled"`
	Revoked        bool      `json:"revoked"`
	LastSeen       time.Time `json:"last_seen,omitzero"`
	AppVersion     string    `json:"app_version"`
	ContentVersion string    `json:"content_version"`
	Backlog        int       `json:"backlog"`
	UptimeSeconds  float64   `json:"uptime_seconds"`
	LastError      string    `json:"last_error,omitempty"`
	OpeningHours   string    `json:"opening_hours"`
	Flagged        bool      `json:"flagged"`
	FlagReason     string    `json:"flag_reason,omitempty"`
}

// Health lists kiosks with the silent-for-two-opening-hours flag, those of
// the schools that pass v's district and school filters (band is an
// ErrQuery: kiosks have no age band).
func Health(s *store.Store, v url.Values, now time.Time) ([]KioskHealth, error) {
	q, err := areaQuery(v, MinK, "district", "school")
	if err != nil {
		return nil, err
	}
	out := []KioskHealth{}
	for _, k := range s.Kiosks() {
		sc, _ := s.School(k.School)
		if f, ok := q.Filter["school"]; ok && f != k.School {
			continue
		}
		if f, ok := q.Filter["district"]; ok && f != sc.District {
			continue
		}
		h := KioskHealth{ID: k.ID, Name: k.Name, School: k.School, SchoolName: sc.Name, Enrolled: k.Enrolled,
			Revoked: k.Revoked, LastSeen: k.LastSeen, AppVersion: k.Health.AppVersion,
			ContentVersion: k.Health.ContentVersion, Backlog: k.Health.Backlog, UptimeSeconds: k.Health.UptimeSeconds,
			LastError: k.Health.LastError, OpeningHours: k.Health.OpeningHours}
		h.Flagged, h.FlagReason = Flag(k, now)
		out = append(out, h)
	}
	return out, nil
}

// suppressCounts applies Suppress to the non-zero counts of rows grouped
// overall and, when groupOf is not nil, by groupOf(row) (groups in name
// order, so the result does not depend on map order). It returns, per row,
// [under K, hidden]; a zero count is neither.
func suppressCounts(counts []int64, groupOf func(row int) string, k int) [][2]bool {
	var vals []int64
	var rows, all []int
	byGroup := map[string][]int{}
	for i, c := range counts {
		if c > 0 {
			all = append(all, len(vals))
			if groupOf != nil {
				g := groupOf(i)
				byGroup[g] = append(byGroup[g], len(vals))
			}
			rows = append(rows, i)
			vals = append(vals, c)
		}
	}
	groups := [][]int{all}
	names := make([]string, 0, len(byGroup))
	for g := range byGroup {
		names = append(names, g)
	}
	sort.Strings(names)
	for _, g := range names {
		groups = append(groups, byGroup[g])
	}
	small, hidden := Suppress(vals, groups, k)
	out := make([][2]bool, len(counts))
	for j, i := range rows {
		out[i] = [2]bool{small[j], hidden[j]}
	}
	return out
}
