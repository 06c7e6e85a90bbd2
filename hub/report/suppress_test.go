package report

import (
	"fmt"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/playhall/playhall/hub/store"
)

func TestSuppressTable(t *testing.T) {
	all := func(n int) []int {
		g := make([]int, n)
		for i := range g {
			g[i] = i
		}
		return g
	}
	cases := []struct {
		name       string
		values     []int64
		groups     [][]int
		k          int
		small, hid []int
	}{
		{"nothing small", []int64{10, 20, 30}, [][]int{all(3)}, 10, nil, nil},
		{"one small needs a partner", []int64{3, 20, 30}, [][]int{all(3)}, 10, []int{0}, []int{0, 1}},
		{"two small but sum too low", []int64{3, 4, 30, 40}, [][]int{all(4)}, 10, []int{0, 1}, []int{0, 1, 2}},
		{"two small 9+9 would reveal both", []int64{9, 9, 30}, [][]int{all(3)}, 10, []int{0, 1}, []int{0, 1, 2}},
		{"three small with enough sum", []int64{7, 6, 8, 30}, [][]int{all(4)}, 10, []int{0, 1, 2}, []int{0, 1, 2}},
		{"lone cell in its group", []int64{3}, [][]int{all(1)}, 10, []int{0}, []int{0}},
		{"partners chosen smallest first", []int64{50, 2, 11, 40, 9}, [][]int{all(5)}, 10, []int{1, 4}, []int{1, 2, 4}},
		{"two groups", []int64{3, 20, 30, 25}, [][]int{{0, 1}, {2, 3}, {0, 2}, {1, 3}}, 10, []int{0}, []int{0, 1, 2, 3}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			small, hidden := Suppress(c.values, c.groups, c.k)
			if got := which(small); fmt.Sprint(got) != fmt.Sprint(c.small) {
				t.Errorf("small %v, want %v", got, c.small)
			}
			if got := which(hidden); fmt.Sprint(got) != fmt.Sprint(c.hid) {
				t.Errorf("hidden %v, want %v", got, c.hid)
			}
		})
	}
}

func which(b []bool) []int {
	var out []int
	for i, x := range b {
		if x {
			out = append(out, i)
		}
	}
	return out
}

// seed writes plays[school][band] = n into a fresh store as roll-ups.
func seed(t testing.TB, cells map[[2]string]int64) *store.Store {
	st, err := store.Open(t.TempDir(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, sc := range []store.School{{Code: "A", Name: "A", District: "D1"}, {Code: "B", Name: "B", District: "D1"},
		{Code: "C", Name: "C", District: "D2"}, {Code: "E", Name: "E", District: "D2"}} {
		if err := st.PutSchool(sc); err != nil {
			t.Fatal(err)
		}
	}
	d := store.NewDelta()
	day := store.DayOf(time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC), 0)
	for k, n := range cells {
		c := new(store.Counts)
		c[store.CPlays] = n
		c[store.CCompleted] = n
		d.Cells[store.CellKey{Day: day, School: k[0], Kiosk: "k1", Band: k[1], Level: "l", Source: "kiosk", Lang: "zh"}] = c
	}
	if err := st.AddRollups(d); err != nil {
		t.Fatal(err)
	}
	return st
}

// published returns what a reader can see: cell value or -1 (hidden).
func published(t *testing.T, st *store.Store, by string, k int) map[string]int64 {
	q, err := ParseQuery(url.Values{"by": {by}}, k)
	if err != nil {
		t.Fatal(err)
	}
	tab := Build(st, q)
	out := map[string]int64{}
	for i := range tab.Rows {
		r := &tab.Rows[i]
		key := fmt.Sprint(r.Keys)
		if r.Hidden {
			out[key] = -1
		} else {
			out[key] = r.Plays(false)
		}
	}
	return out
}

// TestSuppressedCellCannotBeRecovered publishes the school×band table, the
// school, band and district×band tables and the grand total, then searches
// every assignment of the hidden school×band cells that agrees with all of
// them (a reader knows a "<K" cell is 1..K−1). Each small cell must keep at
// least two possible values.
func TestSuppressedCellCannotBeRecovered(t *testing.T) {
	const k = 5
	cells := map[[2]string]int64{
		{"A", "junior"}: 2, {"A", "senior"}: 40,
		{"B", "junior"}: 30, {"B", "senior"}: 35,
		{"C", "junior"}: 50, {"C", "senior"}: 3, {"C", "adult"}: 12,
		{"E", "junior"}: 22, {"E", "adult"}: 18,
	}
	district := map[string]string{"A": "D1", "B": "D1", "C": "D2", "E": "D2"}
	st := seed(t, cells)
	grid := published(t, st, "school,band", k)
	var list [][2]string
	for c := range cells {
		list = append(list, c)
	}
	// Published constraints: (member cells, sum).
	type cons struct {
		members []int
		sum     int64
	}
	var constraints []cons
	addFrom := func(by string, key func(c [2]string) string) {
		for pk, v := range published(t, st, by, k) {
			if v < 0 {
				continue
			}
			var m []int
			for i, c := range list {
				if key(c) == pk {
					m = append(m, i)
				}
			}
			constraints = append(constraints, cons{m, v})
		}
	}
	addFrom("school", func(c [2]string) string { return fmt.Sprint([]string{c[0]}) })
	addFrom("band", func(c [2]string) string { return fmt.Sprint([]string{c[1]}) })
	addFrom("district,band", func(c [2]string) string { return fmt.Sprint([]string{district[c[0]], c[1]}) })
	addFrom("district", func(c [2]string) string { return fmt.Sprint([]string{district[c[0]]}) })
	var total int64
	all := make([]int, len(list))
	for i, c := range list {
		total += cells[c]
		all[i] = i
	}
	constraints = append(constraints, cons{all, total})

	val := make([]int64, len(list))
	known := make([]bool, len(list))
	var hidden []int
	for i, c := range list {
		if grid[fmt.Sprint([]string{c[0], c[1]})] == -1 {
			hidden = append(hidden, i)
		} else {
			if cells[c] < k {
				t.Fatalf("cell %v = %d under K is shown", c, cells[c])
			}
			val[i], known[i] = cells[c], true
		}
	}
	t.Logf("hidden: %d of %d cells", len(hidden), len(list))
	ok := func() bool {
		for _, c := range constraints {
			var s int64
			full := true
			for _, m := range c.members {
				if !known[m] {
					full = false
				} else {
					s += val[m]
				}
			}
			if s > c.sum || (full && s != c.sum) {
				return false
			}
		}
		return true
	}
	feasible := map[int]map[int64]bool{}
	for _, i := range hidden {
		feasible[i] = map[int64]bool{}
	}
	var walk func(j int)
	walk = func(j int) {
		if j == len(hidden) {
			for _, i := range hidden {
				feasible[i][val[i]] = true
			}
			return
		}
		i := hidden[j]
		hi := total
		for _, c := range constraints {
			if slices.Contains(c.members, i) && c.sum < hi {
				hi = c.sum
			}
		}
		if cells[list[i]] < k {
			hi = k - 1
		}
		known[i] = true
		for v := int64(1); v <= hi; v++ {
			val[i] = v
			if ok() {
				walk(j + 1)
			}
		}
		known[i] = false
	}
	walk(0)
	small := 0
	for _, i := range hidden {
		c := list[i]
		if cells[c] >= k {
			continue
		}
		small++
		f := feasible[i]
		if !f[cells[c]] {
			t.Fatalf("true value %d of %v not among feasible %v", cells[c], c, f)
		}
		if len(f) < 2 {
			t.Errorf("cell %v = %d can be recovered from the published totals (feasible %v)", c, cells[c], f)
		}
	}
	if small != 2 {
		t.Fatalf("fixture should have 2 small cells, has %d", small)
	}
}

// TestDrugSchoolsProtectedWithinDistrict: by=drug,district publishes each
// district's total, so by=drug,school must protect a small school within
// its district, not only among all schools. Here A (3) is small; hiding C
// (the smallest other school) would protect it among all schools, but D1's
// total minus B would still give A: B must be hidden too.
func TestDrugSchoolsProtectedWithinDistrict(t *testing.T) {
	st := seed(t, nil)
	d := store.NewDelta()
	day := store.DayOf(time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC), 0)
	for school, n := range map[string]int64{"A": 3, "B": 50, "C": 40, "E": 45} {
		c := new(store.DrugCounts)
		c[store.DPlays], c[store.DSeen], c[store.DSeized] = n, n, n
		d.Drugs[store.DrugKey{Day: day, School: school, Band: "junior", Item: "meth", Kind: "drug"}] = c
	}
	if err := st.AddRollups(d); err != nil {
		t.Fatal(err)
	}
	q, err := ParseQuery(url.Values{"by": {"drug,school"}}, 5)
	if err != nil {
		t.Fatal(err)
	}
	tab := Build(st, q)
	hidden := map[string]bool{}
	for i := range tab.Rows {
		hidden[tab.Rows[i].Keys[1]] = tab.Rows[i].Hidden
	}
	if !hidden["A"] || !hidden["B"] {
		t.Errorf("hidden %v: A is small and B is its only district partner (D1's total is published)", hidden)
	}
}
