package report

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/playhall/playhall/hub/store"
)

// questionFilters are the filters the per-question roll-up carries.
var questionFilters = []string{"district", "school", "band"}

// Questions totals answers per question and phase in q's date range (and
// its school, district and band filters), with the small-cell rule applied
// the way Build applies it: the answers are totalled unfiltered per
// question, phase and filter dimension (scopeDims), suppressed there with
// complementary suppression (Suppress; the groups are the marginals along
// each filter dimension, whose sums the unfiltered questions report and
// the other filters publish, and the schools of one district), and only
// then are the rows matching the filters kept. So questions?district=X
// shows for each question the cell the district split shows, and no
// hidden cell can be worked out by differencing it with the unfiltered
// report or other filters. Rows under K answers show answered as "<K",
// rows hidden to protect them "suppressed"; both show no correct or rate.
func Questions(s *store.Store, q Query) []map[string]any {
	fq := Query{Filter: map[string]string{}}
	for _, f := range questionFilters {
		if v, ok := q.Filter[f]; ok {
			fq.Filter[f] = v
		}
	}
	dims := scopeDims(fq) // the filter dimensions, in Dimensions order
	type key struct {
		q, phase string
		d        [3]string // dims' values, in dims order
	}
	agg := map[key]*store.QuestCounts{}
	schoolDistrict := map[string]string{}
	s.View(func(v *store.Snapshot) {
		for k, c := range v.Quests {
			if k.Day < q.From || k.Day > q.To {
				continue
			}
			district := v.Schools[k.School].District
			schoolDistrict[k.School] = district
			ck := key{q: k.Question, phase: k.Phase}
			for i, d := range dims {
				switch d {
				case "district":
					ck.d[i] = district
				case "school":
					ck.d[i] = k.School
				case "band":
					ck.d[i] = k.Band
				}
			}
			a := agg[ck]
			if a == nil {
				a = new(store.QuestCounts)
				agg[ck] = a
			}
			a[store.QAnswered] += c[store.QAnswered]
			a[store.QCorrect] += c[store.QCorrect]
		}
	})
	keys := make([]key, 0, len(agg))
	for k := range agg {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.q, b.q), cmp.Compare(a.phase, b.phase),
			cmp.Compare(a.d[0], b.d[0]), cmp.Compare(a.d[1], b.d[1]), cmp.Compare(a.d[2], b.d[2]))
	})
	values := make([]int64, len(keys))
	for i, k := range keys {
		values[i] = agg[k][store.QAnswered]
	}
	// Marginal groups: for each filter dimension the cells sharing all
	// other keys (with that dimension "all", or for school its district).
	var groups [][]int
	addGroups := func(dim int, parent func(string) string) {
		ids := map[key][]int{}
		var order []key
		for i, k := range keys {
			k.d[dim] = parent(k.d[dim])
			if _, ok := ids[k]; !ok {
				order = append(order, k)
			}
			ids[k] = append(ids[k], i)
		}
		for _, k := range order {
			if g := ids[k]; len(g) > 1 {
				groups = append(groups, g)
			}
		}
	}
	for i, d := range dims {
		addGroups(i, func(string) string { return "\x00all" })
		if d == "school" {
			addGroups(i, func(code string) string { return "\x00district " + schoolDistrict[code] })
		}
	}
	small, hidden := Suppress(values, groups, q.K)
	out := []map[string]any{}
	for i, k := range keys {
		match := true
		for x, d := range dims {
			match = match && k.d[x] == fq.Filter[d]
		}
		if !match {
			continue
		}
		c := agg[k]
		row := map[string]any{"question": k.q, "phase": k.phase}
		switch {
		case small[i]:
			row["answered"] = "<" + strconv.Itoa(q.K)
			row["correct"], row["correct_rate"] = nil, nil
		case hidden[i]:
			row["answered"] = "suppressed"
			row["correct"], row["correct_rate"] = nil, nil
		default:
			row["answered"] = c[store.QAnswered]
			row["correct"] = c[store.QCorrect]
			row["correct_rate"] = ratio(c[store.QCorrect], c[store.QAnswered])
		}
		out = append(out, row)
	}
	return out
}
