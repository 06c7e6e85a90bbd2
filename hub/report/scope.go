package report

import (
	"slices"

	"github.com/playhall/playhall/hub/store"
)

// Build computes the report q asks for with the small-cell rule applied so
// that no cell differs from what another report shows for it:
//
//   - The table is always computed unfiltered over the dimensions
//     q.By ∪ filter dimensions, in Dimensions order, and suppressed there:
//     exactly the table report?by=<those dimensions> shows (whatever order
//     by lists them in, since complementary suppression can depend on the
//     order of its groups).
//   - The rows matching q.Filter are kept, the filter dimensions that q.By
//     lacks are dropped (each has one value in the kept rows, so the rows
//     stay distinct), and the keys are put in q.By's order.
//
// So a filtered report's rows are rows of an unfiltered report, hidden as
// they are there, and a filtered report without by (one total row) is the
// cell report?by=<filter dims> shows: a number, "<K" or "suppressed".
// Suppression inside a filtered subset alone would let a reader difference
// the filtered and unfiltered tables. ParseQuery keeps |by ∪ filters| ≤ MaxBy;
// a query built in code with more dimensions loses the filter dimensions
// past MaxBy from the union (they are then applied before grouping).
func Build(s *store.Store, q Query) *Table {
	dims := scopeDims(q)
	if len(q.Filter) == 0 && slices.Equal(dims, q.By) {
		return build(s, q)
	}
	fq := Query{By: dims, From: q.From, To: q.To, K: q.K, Filter: map[string]string{}}
	for f, v := range q.Filter {
		if !slices.Contains(dims, f) {
			fq.Filter[f] = v // only when over MaxBy (see above)
		}
	}
	return project(build(s, fq), q)
}

// scopeDims is q.By ∪ the filter dimensions in Dimensions order, at most
// MaxBy of them (q.By first).
func scopeDims(q Query) []string {
	var dims []string
	for _, d := range Dimensions {
		if slices.Contains(q.By, d) {
			dims = append(dims, d)
		}
	}
	extra := 0
	for _, d := range Dimensions {
		if _, ok := q.Filter[d]; ok && !slices.Contains(q.By, d) && len(q.By)+extra < MaxBy {
			extra++
			dims = append(dims, d)
		}
	}
	slices.SortStableFunc(dims, func(a, b string) int {
		return slices.Index(Dimensions, a) - slices.Index(Dimensions, b)
	})
	return dims
}

// project selects full's rows matching q.Filter (on full's dimensions) and
// re-keys them to q.By, keeping each row's counts and Small/Hidden as full
// computed them. Rows are sorted by their keys in q.By order, as build sorts
// (already so when q.By keeps full's order: the dropped dimensions have one
// value each among the kept rows).
func project(full *Table, q Query) *Table {
	fb := full.Query.By
	pos := make([]int, len(q.By))
	for i, d := range q.By {
		pos[i] = slices.Index(fb, d)
	}
	type match struct {
		at   int
		want string
	}
	var filters []match
	for f, v := range q.Filter {
		if at := slices.Index(fb, f); at >= 0 {
			filters = append(filters, match{at, v})
		}
	}
	t := &Table{Query: q, schoolName: full.schoolName, schoolDistrict: full.schoolDistrict,
		kioskName: full.kioskName, kioskSchool: full.kioskSchool,
		districtOfSchool: full.districtOfSchool, schoolOfKiosk: full.schoolOfKiosk}
	keep := func(r *Row) bool {
		for _, f := range filters {
			if r.Keys[f.at] != f.want {
				return false
			}
		}
		return true
	}
	n := 0
	for i := range full.Rows {
		if keep(&full.Rows[i]) {
			n++
		}
	}
	t.Rows = make([]Row, 0, n) // rows are large: no regrowth
	keys := make([]string, n*len(pos))
	for i := range full.Rows {
		r := &full.Rows[i]
		if !keep(r) {
			continue
		}
		nr := Row{Keys: keys[:len(pos):len(pos)], Counts: r.Counts, Drug: r.Drug, Kind: r.Kind, Small: r.Small, Hidden: r.Hidden}
		for x, p := range pos {
			nr.Keys[x] = r.Keys[p]
			nr.ids[x] = r.ids[p]
		}
		keys = keys[len(pos):]
		t.Rows = append(t.Rows, nr)
	}
	if !slices.IsSorted(pos) { // an increasing pos keeps build's order
		sortRows(t.Rows)
	}
	return t
}
