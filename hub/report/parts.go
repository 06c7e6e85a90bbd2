package report

import (
	"slices"

	"github.com/playhall/playhall/hub/store"
)

// Partitioning a table for export.
//
// Complementary suppression (see Table.suppress) ties a row to every row it
// shares a group with, so in general it needs the whole table. But when a
// table has two or more place dimensions (district ⊃ school ⊃ kiosk), every
// group keeps the second-finest of them fixed, except the groups along that
// dimension itself, which keep the finest fixed. A kiosk lies in one school
// and a school in one district, so those groups are single rows and the
// table falls apart into independent parts: one per school when by has
// school and kiosk, one per district when it has district and school (or
// district and kiosk). Suppressing each part alone gives exactly the rows
// the whole table gives (the parts share no group, and each part's groups
// keep their relative order; TestExportEqualsBuild checks it).
//
// The data decides, not the assumption: parts are the classes of a
// union-find that joins each cell's coarse place (P) with its fine place
// (F), so a kiosk that moved school joins both schools into one part.

// DefaultBatchCells is the most roll-up cells an export computes at once
// (more only when one part alone is larger). A row costs about 1 KB while
// it is computed, suppressed and sorted, and rows ≤ cells, so this bounds an
// export's working set near 30 MB whatever the number of rows.
const DefaultBatchCells = 1 << 15

// parts assigns every place of a table to a batch of whole parts.
type parts struct {
	pDim, fDim int // dimension codes: dDistrict, dSchool or dKiosk
	from, to   int32
	drug       bool
	nNames     int              // dictionary size when planned
	district   map[string]int32 // district name → node (after the dict ids)
	batchOf    []int32          // node → its part's batch; -1: no cell in the plan
	root       []int32          // node → its part's root
	nBatches   int

	// per View: school id → district node + 1 (0 = not looked up)
	distNode []int32
	stale    bool // a cell that does not fit the plan was seen
}

// placeDims returns the coarse (P) and fine (F) place dimension codes of
// dims when it holds two or more of district, school and kiosk.
func placeDims(dims []string) (p, f int, ok bool) {
	var places []int
	for _, d := range []string{"district", "school", "kiosk"} {
		if slices.Contains(dims, d) {
			places = append(places, dimCode[d])
		}
	}
	if len(places) < 2 {
		return 0, 0, false
	}
	return places[len(places)-2], places[len(places)-1], true
}

// planParts splits the unfiltered table q (over its By, with no Filter)
// into batches of whole parts of at most batchCells roll-up cells (a larger
// part is a batch alone). It returns nil when the table has no parts or
// fits one batch: then it is computed whole.
func planParts(s *store.Store, q Query, batchCells int) *parts {
	p, f, ok := placeDims(q.By)
	if !ok || len(q.Filter) > 0 {
		return nil
	}
	pl := &parts{pDim: p, fDim: f, from: q.From, to: q.To, drug: q.IsDrug(), district: map[string]int32{}}
	var up []int32
	var cells []int
	find := func(x int32) int32 {
		for up[x] != x {
			up[x] = up[up[x]]
			x = up[x]
		}
		return x
	}
	see := func(v *store.Snapshot, school, kiosk uint32) {
		pn, fn := pl.nodes(v, school, kiosk)
		for int(max(pn, fn)) >= len(up) {
			up = append(up, int32(len(up)))
			cells = append(cells, 0)
		}
		cells[pn]++
		if a, b := find(pn), find(fn); a != b {
			up[max(a, b)] = min(a, b)
		}
	}
	s.View(func(v *store.Snapshot) {
		pl.nNames = len(v.Dict.Names)
		up = make([]int32, pl.nNames)
		cells = make([]int, pl.nNames)
		for i := range up {
			up[i] = int32(i)
		}
		if pl.drug {
			for i := range v.Drugs {
				if r := &v.Drugs[i]; r.Day >= q.From && r.Day <= q.To {
					see(v, r.School, 0)
				}
			}
			return
		}
		for i := range v.Cells {
			if r := &v.Cells[i]; r.Day >= q.From && r.Day <= q.To {
				see(v, r.School, r.Kiosk)
			}
		}
	})
	// Sum cells per part, then fill batches with parts in node order.
	perRoot := make([]int, len(up))
	pl.root = make([]int32, len(up))
	for x := range up {
		pl.root[x] = find(int32(x))
		perRoot[pl.root[x]] += cells[x]
	}
	pl.batchOf = make([]int32, len(up))
	batch, fill := int32(-1), 0
	for x := range up {
		pl.batchOf[x] = -1
		if n := perRoot[x]; n > 0 {
			if batch < 0 || fill+n > batchCells {
				batch++
				fill = 0
			}
			fill += n
			pl.batchOf[x] = batch
		}
	}
	for x := range up {
		if perRoot[pl.root[x]] == 0 {
			pl.root[x] = -1 // a place with no cell in the plan
		}
	}
	pl.nBatches = int(batch) + 1
	if pl.nBatches < 2 {
		return nil
	}
	return pl
}

// nodes returns the union-find nodes of a cell's P and F places: dictionary
// ids for schools and kiosks, ids after them for district names. While
// planning a new district gets a node; after it a place the plan does not
// know is -1.
func (pl *parts) nodes(v *store.Snapshot, school, kiosk uint32) (pn, fn int32) {
	node := func(code int) int32 {
		id := school
		switch code {
		case dKiosk:
			id = kiosk
		case dDistrict:
			return pl.districtNode(v, school)
		}
		if int(id) >= pl.nNames {
			return -1 // interned after the plan
		}
		return int32(id)
	}
	return node(pl.pDim), node(pl.fDim)
}

// districtNode is the node of the district the registry gives school (as
// Table.district names it), -1 when the plan has no such district.
func (pl *parts) districtNode(v *store.Snapshot, school uint32) int32 {
	if int(school) < len(pl.distNode) && pl.distNode[school] != 0 {
		return pl.distNode[school] - 1
	}
	name := districtIn(v, v.Dict.Names[school])
	n, ok := pl.district[name]
	if !ok {
		if pl.root != nil { // planned: a district the plan has not seen
			return -1
		}
		n = int32(pl.nNames + len(pl.district))
		pl.district[name] = n
	}
	for int(school) >= len(pl.distNode) {
		pl.distNode = append(pl.distNode, 0)
	}
	pl.distNode[school] = n + 1
	return n
}

// districtIn is the district the registry gives a school code, as
// Table.district names it.
func districtIn(v *store.Snapshot, school string) string {
	if school == store.WebSchool {
		return store.WebSchool
	}
	if sc, ok := v.Schools[school]; ok {
		return sc.District
	}
	return "(unknown)"
}

// begin starts a batch's View: district lookups are redone, since the
// registry may have changed since the plan.
func (pl *parts) begin() { clear(pl.distNode) }

// keep reports whether a cell in the date range belongs to batch b. A cell
// whose places the plan does not know, or whose P and F now lie in
// different parts, marks the plan stale: the store changed since planning
// in a way that could join parts, and the export starts over.
func (pl *parts) keep(v *store.Snapshot, school, kiosk uint32, b int) bool {
	pn, fn := pl.nodes(v, school, kiosk)
	if pn < 0 || fn < 0 || pl.root[pn] < 0 || pl.root[pn] != pl.root[fn] {
		pl.stale = true
		return false
	}
	return int(pl.batchOf[pl.root[pn]]) == b
}

// batchesFor returns which batches can hold a row matching filter: only
// the part of a filtered school, kiosk or district when that is the P or F
// dimension (none when the store has no such place), nil for all.
func (pl *parts) batchesFor(s *store.Store, filter map[string]string) []bool {
	var only []bool
	narrow := func(node int32) {
		want := make([]bool, pl.nBatches)
		if node >= 0 && int(node) < len(pl.root) && pl.root[node] >= 0 {
			want[pl.batchOf[pl.root[node]]] = true
		}
		if only == nil {
			only = want
			return
		}
		for b := range only {
			only[b] = only[b] && want[b]
		}
	}
	s.View(func(v *store.Snapshot) {
		for _, code := range []int{pl.pDim, pl.fDim} {
			want, ok := filter[Dimensions[code]] // codes follow Dimensions' order
			if !ok {
				continue
			}
			if code == dDistrict {
				node, known := pl.district[want]
				if !known {
					node = -1
				}
				narrow(node)
				continue
			}
			id, known := v.Dict.Lookup(want)
			if !known || int(id) >= pl.nNames {
				narrow(-1)
				continue
			}
			narrow(int32(id))
		}
	})
	return only
}
