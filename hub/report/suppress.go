package report

import (
	"cmp"
	"slices"
)

// Suppress decides which cells to hide so that no cell under k can be
// worked out from the others and the totals.
//
// values[i] is a cell's count (every cell is > 0: a zero cell is not a
// row). groups lists index sets whose sums are published (or derivable)
// elsewhere: for every dimension, the rows that share all other keys (the
// marginal total along that dimension), plus hierarchy parents (the days of
// one week or month, the schools of one district, the kiosks of a school).
//
// Rule (complementary suppression): a cell under k is primary-suppressed.
// Then, until nothing changes, every group that hides any cell must hide at
// least two cells whose sum is at least 2k−1; otherwise its smallest shown
// cell is hidden too. So from a group's total, the shown cells and the
// knowledge that each primary cell is in 1..k−1, every hidden cell still
// has at least k−1 possible values. A group whose only cell is small cannot
// be protected inside the table; its total is then small as well and is
// itself suppressed wherever that total is a cell.
//
// It returns small[i] (primary: shown as "<k") and hidden[i] (primary or
// complementary). It reorders the members of each group. Cost: O(iterations × Σ|group| log |group|).
func Suppress(values []int64, groups [][]int, k int) (small, hidden []bool) {
	small = make([]bool, len(values))
	hidden = make([]bool, len(values))
	any := false
	for i, v := range values {
		if v < int64(k) {
			small[i], hidden[i] = true, true
			any = true
		}
	}
	if !any {
		return small, hidden
	}
	need := int64(2*k - 1)
	// Sort each group's members by value once (in place), so the smallest
	// shown cell is found by a forward walk.
	byValue := func(a, b int) int { return cmp.Compare(values[a], values[b]) }
	for _, g := range groups {
		slices.SortFunc(g, byValue)
	}
	sorted := groups
	for changed := true; changed; {
		changed = false
		for _, g := range sorted {
			if len(g) < 2 {
				continue
			}
			var n int
			var sum int64
			for _, i := range g {
				if hidden[i] {
					n++
					sum += values[i]
				}
			}
			if n == 0 {
				continue
			}
			for _, i := range g {
				if n >= 2 && sum >= need {
					break
				}
				if !hidden[i] {
					hidden[i] = true
					n++
					sum += values[i]
					changed = true
				}
			}
		}
	}
	return small, hidden
}
