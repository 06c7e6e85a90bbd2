package report

import (
	"sort"
	"strconv"

	"github.com/playhall/playhall/hub/store"
)

// Questions totals answers per question and phase in q's date range (and
// its school, district and band filters). Rows with fewer than K answers
// show answered as "<K" and no rate. Question totals are not published
// anywhere else, so primary suppression suffices here.
func Questions(s *store.Store, q Query) []map[string]any {
	type key struct{ q, phase string }
	agg := map[key]*store.QuestCounts{}
	s.View(func(v *store.Snapshot) {
		district := func(code string) string { return v.Schools[code].District }
		for k, c := range v.Quests {
			if k.Day < q.From || k.Day > q.To {
				continue
			}
			if f, ok := q.Filter["school"]; ok && f != k.School {
				continue
			}
			if f, ok := q.Filter["band"]; ok && f != k.Band {
				continue
			}
			if f, ok := q.Filter["district"]; ok && f != district(k.School) {
				continue
			}
			a := agg[key{k.Question, k.Phase}]
			if a == nil {
				a = new(store.QuestCounts)
				agg[key{k.Question, k.Phase}] = a
			}
			a[store.QAnswered] += c[store.QAnswered]
			a[store.QCorrect] += c[store.QCorrect]
		}
	})
	keys := make([]key, 0, len(agg))
	for k := range agg {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].q != keys[j].q {
			return keys[i].q < keys[j].q
		}
		return keys[i].phase < keys[j].phase
	})
	out := []map[string]any{}
	for _, k := range keys {
		c := agg[k]
		row := map[string]any{"question": k.q, "phase": k.phase}
		if c[store.QAnswered] < int64(q.K) {
			row["answered"] = "<" + strconv.Itoa(q.K)
			row["correct"], row["correct_rate"] = nil, nil
		} else {
			row["answered"] = c[store.QAnswered]
			row["correct"] = c[store.QCorrect]
			row["correct_rate"] = ratio(c[store.QCorrect], c[store.QAnswered])
		}
		out = append(out, row)
	}
	return out
}
