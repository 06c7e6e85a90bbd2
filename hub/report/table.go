package report

import (
	"fmt"
	"math"
	"slices"

	"github.com/playhall/playhall/hub/store"
)

// Row is one aggregated report row.
type Row struct {
	Keys   []string // one value per Query.By dimension
	Counts store.Counts
	Drug   store.DrugCounts
	Kind   string // drug rows: "drug" or "lookalike"
	Small  bool   // under K: shown as "<K"
	Hidden bool   // Small, or hidden to protect another cell
	ids    gkey
}

// Plays is the row's play count (plays in which the item appeared, for drug rows).
func (r *Row) Plays(drug bool) int64 {
	if drug {
		return r.Drug[store.DPlays]
	}
	return r.Counts[store.CPlays]
}

// MaxBy is the most dimensions one report groups by.
const MaxBy = 8

// gkey is a row's dimension values as integers: interned ids for stored
// strings, day numbers for periods, local ids for districts.
type gkey [MaxBy]uint32

const all = ^uint32(0)

// Table is a computed, suppressed report.
type Table struct {
	Query Query
	Rows  []Row
	// names for labels
	schoolName, schoolDistrict, kioskName, kioskSchool map[string]string
	// integer parents for the suppression groups
	districtOfSchool map[uint32]uint32 // school id → district id
	schoolOfKiosk    map[uint32]uint32 // kiosk id → school id
}

// dimension codes, so the per-cell loop switches on integers.
const (
	dDay = iota
	dWeek
	dMonth
	dDistrict
	dSchool
	dKiosk
	dBand
	dLevel
	dLanguage
	dSource
	dDrug
)

var dimCode = map[string]int{"day": dDay, "week": dWeek, "month": dMonth, "district": dDistrict, "school": dSchool,
	"kiosk": dKiosk, "band": dBand, "level": dLevel, "language": dLanguage, "source": dSource, "drug": dDrug}

// mondayOf is the day number of the Monday of day's ISO week (1970-01-01
// was a Thursday).
func mondayOf(day int32) int32 { return day - ((day%7 + 7 + 3) % 7) }

// build aggregates the roll-ups for q exactly as asked (q.By in its order,
// q.Filter applied before grouping) and applies the small-cell rule within
// the result. Reports go through Build, which calls build only for the
// unfiltered table over canonically ordered dimensions.
// It holds the store's read lock only while aggregating: one linear scan of
// the in-memory cells in the date range, grouping by integer keys.
func build(s *store.Store, q Query) *Table { return buildPart(s, q, nil, 0) }

// buildPart is build over the cells of batch b of pl only (all cells when pl
// is nil); see parts.
func buildPart(s *store.Store, q Query, pl *parts, b int) *Table {
	t := &Table{Query: q, schoolName: map[string]string{}, schoolDistrict: map[string]string{},
		kioskName: map[string]string{}, kioskSchool: map[string]string{},
		districtOfSchool: map[uint32]uint32{}, schoolOfKiosk: map[uint32]uint32{}}
	codes := make([]int, len(q.By))
	for i, d := range q.By {
		codes[i] = dimCode[d]
	}
	idx := map[gkey]int{}
	var districts []string // local ids → names
	districtID := map[string]uint32{}
	months := map[int32]uint32{}
	monthOf := func(day int32) uint32 {
		m, ok := months[day]
		if !ok {
			tm := store.DayTime(day)
			m = uint32(tm.Year()*12 + int(tm.Month()) - 1)
			months[day] = m
		}
		return m
	}
	s.View(func(v *store.Snapshot) {
		names := v.Dict.Names
		if pl != nil {
			pl.begin()
		}
		for code, sc := range v.Schools {
			t.schoolName[code] = sc.Name
			t.schoolDistrict[code] = sc.District
		}
		t.schoolName[store.WebSchool] = "网络版 (web)"
		t.schoolDistrict[store.WebSchool] = store.WebSchool
		for id, k := range v.Kiosks {
			t.kioskName[id] = k.Name
			t.kioskSchool[id] = k.School
		}
		t.kioskName[store.WebKiosk] = "网络版 (web)"
		t.kioskSchool[store.WebKiosk] = store.WebSchool
		// district of every interned string that is a school code
		distOf := func(schoolID uint32) uint32 {
			if d, ok := t.districtOfSchool[schoolID]; ok {
				return d
			}
			name := t.district(names[schoolID])
			d, ok := districtID[name]
			if !ok {
				d = uint32(len(districts))
				districtID[name] = d
				districts = append(districts, name)
			}
			t.districtOfSchool[schoolID] = d
			return d
		}
		// filters as ids; a value nobody stored matches nothing
		type filt struct {
			code int
			id   uint32
			name string
		}
		var filters []filt
		for d, want := range q.Filter {
			c := dimCode[d]
			if c == dDistrict {
				filters = append(filters, filt{c, 0, want})
				continue
			}
			id, ok := v.Dict.Lookup(want)
			if !ok {
				return
			}
			filters = append(filters, filt{c, id, want})
		}
		var key, lastKey gkey
		last := -1
		dense := t.denseIndex(v, codes, monthOf)
		get := func() *Row {
			if last >= 0 && key == lastKey {
				return &t.Rows[last]
			}
			var r int
			if dense != nil {
				c := 0
				for x := range codes {
					c += (int(key[x]) - dense.base[x]) / dense.div[x] * dense.stride[x]
				}
				r = int(dense.slot[c]) - 1
				if r < 0 {
					r = len(t.Rows)
					dense.slot[c] = int32(r + 1)
					t.Rows = appendRow(t.Rows, Row{ids: key})
				}
			} else {
				var ok bool
				r, ok = idx[key]
				if !ok {
					r = len(t.Rows)
					idx[key] = r
					t.Rows = appendRow(t.Rows, Row{ids: key})
				}
			}
			last, lastKey = r, key
			return &t.Rows[r]
		}
		if q.IsDrug() {
			val := func(c int, r *store.DrugRow) uint32 {
				switch c {
				case dDay:
					return uint32(r.Day)
				case dWeek:
					return uint32(mondayOf(r.Day))
				case dMonth:
					return monthOf(r.Day)
				case dDistrict:
					return distOf(r.School)
				case dSchool:
					return r.School
				case dBand:
					return r.Band
				case dDrug:
					return r.Item
				}
				return 0
			}
		drugs:
			for i := range v.Drugs {
				r := &v.Drugs[i]
				if r.Day < q.From || r.Day > q.To {
					continue
				}
				for _, f := range filters {
					if f.code == dDistrict {
						if districts[distOf(r.School)] != f.name {
							continue drugs
						}
					} else if val(f.code, r) != f.id {
						continue drugs
					}
				}
				if pl != nil && !pl.keep(v, r.School, 0, b) {
					continue
				}
				for x, c := range codes {
					key[x] = val(c, r)
				}
				row := get()
				row.Kind = names[r.Kind]
				for j := range r.C {
					row.Drug[j] += r.C[j]
				}
			}
		} else {
			val := func(c int, r *store.CellRow) uint32 {
				switch c {
				case dDay:
					return uint32(r.Day)
				case dWeek:
					return uint32(mondayOf(r.Day))
				case dMonth:
					return monthOf(r.Day)
				case dDistrict:
					return distOf(r.School)
				case dSchool:
					return r.School
				case dKiosk:
					return r.Kiosk
				case dBand:
					return r.Band
				case dLevel:
					return r.Level
				case dLanguage:
					return r.Lang
				case dSource:
					return r.Source
				}
				return 0
			}
		cells:
			for i := range v.Cells {
				r := &v.Cells[i]
				if r.Day < q.From || r.Day > q.To {
					continue
				}
				for _, f := range filters {
					if f.code == dDistrict {
						if districts[distOf(r.School)] != f.name {
							continue cells
						}
					} else if val(f.code, r) != f.id {
						continue cells
					}
				}
				if pl != nil && !pl.keep(v, r.School, r.Kiosk, b) {
					continue
				}
				for x, c := range codes {
					key[x] = val(c, r)
				}
				row := get()
				for j := range r.C {
					row.Counts[j] += r.C[j]
				}
				if _, ok := t.schoolOfKiosk[r.Kiosk]; !ok {
					t.schoolOfKiosk[r.Kiosk] = r.School
				}
			}
		}
		// labels: one backing array for all rows' keys; a period's label is
		// formatted once
		keys := make([]string, len(t.Rows)*len(codes))
		periods := map[[2]uint32]string{}
		period := func(c int, id uint32) string {
			if l, ok := periods[[2]uint32{uint32(c), id}]; ok {
				return l
			}
			var l string
			switch c {
			case dDay:
				l = DayLabel(int32(id))
			case dWeek:
				l = WeekLabel(int32(id))
			default:
				l = fmt.Sprintf("%04d-%02d", id/12, id%12+1)
			}
			periods[[2]uint32{uint32(c), id}] = l
			return l
		}
		for i := range t.Rows {
			r := &t.Rows[i]
			r.Keys = keys[i*len(codes) : (i+1)*len(codes) : (i+1)*len(codes)]
			for x, c := range codes {
				id := r.ids[x]
				switch c {
				case dDay, dWeek, dMonth:
					r.Keys[x] = period(c, id)
				case dDistrict:
					r.Keys[x] = districts[id]
				default:
					r.Keys[x] = names[id]
				}
			}
		}
		for _, sch := range t.schoolOfKiosk {
			distOf(sch)
		}
		// Every school of the rows needs its district for the
		// school-within-district groups: a drug table has no kiosks to
		// bring them in, and a school's kiosks may all have been seen
		// first at another school.
		if x := slices.Index(codes, dSchool); x >= 0 {
			last := all
			for i := range t.Rows {
				if id := t.Rows[i].ids[x]; id != last {
					distOf(id)
					last = id
				}
			}
		}
	})
	sortRows(t.Rows)
	t.suppress(codes, monthOf)
	return t
}

// sortRows orders rows by their keys. Rows are large, so it sorts indices
// and moves each row once, in place.
func sortRows(rows []Row) {
	idx := make([]int32, len(rows))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int { return slices.Compare(rows[a].Keys, rows[b].Keys) })
	// rows[i] = old rows[idx[i]], in place, following each cycle once;
	// a moved slot is marked with -1.
	for i := range idx {
		if idx[i] < 0 || int(idx[i]) == i {
			continue
		}
		tmp := rows[i]
		j := i
		for {
			k := int(idx[j])
			idx[j] = -1
			if k == i {
				rows[j] = tmp
				break
			}
			rows[j] = rows[k]
			j = k
		}
	}
}

// appendRow grows rows by doubling (append's 1.25× growth for large slices
// would copy a big table five times over).
func appendRow(rows []Row, r Row) []Row {
	if len(rows) == cap(rows) {
		grown := make([]Row, len(rows), max(64, 2*cap(rows)))
		copy(grown, rows)
		rows = grown
	}
	return append(rows, r)
}

// denseGrid maps a row's integer keys to a slot in a flat table (mixed
// radix), so grouping needs no hashing. Used when the grid is small.
type denseGrid struct {
	base, div, stride [MaxBy]int
	slot              []int32 // row index + 1; 0 = no row yet
}

// maxDenseSlots bounds the flat table (4 bytes a slot).
const maxDenseSlots = 1 << 21

// denseIndex returns a grid for codes over the cells in t.Query's range, or
// nil when the grid would be too large (then a map is used).
func (t *Table) denseIndex(v *store.Snapshot, codes []int, monthOf func(int32) uint32) *denseGrid {
	q := t.Query
	minDay, maxDay := int32(math.MaxInt32), int32(math.MinInt32)
	periods := false
	for _, c := range codes {
		periods = periods || c == dDay || c == dWeek || c == dMonth
	}
	if periods {
		see := func(d int32) {
			if d >= q.From && d <= q.To {
				minDay, maxDay = min(minDay, d), max(maxDay, d)
			}
		}
		if q.IsDrug() {
			for i := range v.Drugs {
				see(v.Drugs[i].Day)
			}
		} else {
			for i := range v.Cells {
				see(v.Cells[i].Day)
			}
		}
		if minDay > maxDay || minDay < 0 {
			return nil
		}
	}
	g := &denseGrid{}
	size := 1
	names := len(v.Dict.Names) + 1
	for x := len(codes) - 1; x >= 0; x-- {
		card := names
		g.div[x] = 1
		switch codes[x] {
		case dDay:
			g.base[x], card = int(minDay), int(maxDay-minDay)+1
		case dWeek:
			lo, hi := mondayOf(minDay), mondayOf(maxDay)
			g.base[x], g.div[x], card = int(lo), 7, int(hi-lo)/7+1
		case dMonth:
			lo, hi := monthOf(minDay), monthOf(maxDay)
			g.base[x], card = int(lo), int(hi-lo)+1
		}
		g.stride[x] = size
		size *= card
		if size > maxDenseSlots {
			return nil
		}
	}
	g.slot = make([]int32, size)
	return g
}

func (t *Table) district(school string) string {
	if d, ok := t.schoolDistrict[school]; ok {
		return d
	}
	return "(unknown)"
}

// suppress builds the marginal groups and applies Suppress: for every
// dimension, the rows sharing all other keys; for day also within its week
// and month; for school within its district; for kiosk within its school
// and district.
func (t *Table) suppress(codes []int, monthOf func(int32) uint32) {
	q := t.Query
	values := make([]int64, len(t.Rows))
	for i := range t.Rows {
		values[i] = t.Rows[i].Plays(q.IsDrug())
	}
	anySmall := false
	for _, v := range values {
		if v < int64(q.K) {
			anySmall = true
			break
		}
	}
	if !anySmall {
		return
	}
	var groups [][]int
	n := len(t.Rows)
	gid := make([]int32, n)
	ids := map[gkey]int32{} // reused across calls: clear keeps its storage
	// addGroups assigns every row a group id (its keys with dim replaced by
	// its parent, or by "all"), then slices one backing array per group.
	addGroups := func(dim int, parent func(id uint32) uint32) {
		clear(ids)
		for i := range t.Rows {
			k := t.Rows[i].ids
			if parent == nil {
				k[dim] = all
			} else {
				k[dim] = parent(k[dim])
			}
			id, ok := ids[k]
			if !ok {
				id = int32(len(ids))
				ids[k] = id
			}
			gid[i] = id
		}
		off := make([]int, len(ids)+1)
		for _, g := range gid {
			off[g+1]++
		}
		for g := 1; g < len(off); g++ {
			off[g] += off[g-1]
		}
		backing := make([]int, n)
		fill := append([]int(nil), off[:len(ids)]...)
		for i, g := range gid {
			backing[fill[g]] = i
			fill[g]++
		}
		for g := 0; g < len(ids); g++ {
			if off[g+1]-off[g] > 1 {
				groups = append(groups, backing[off[g]:off[g+1]:off[g+1]])
			}
		}
	}
	for dim, c := range codes {
		addGroups(dim, nil)
		switch c {
		case dDay:
			addGroups(dim, func(id uint32) uint32 { return uint32(mondayOf(int32(id))) })
			addGroups(dim, func(id uint32) uint32 { return monthOf(int32(id)) })
		case dSchool:
			addGroups(dim, func(id uint32) uint32 { return t.districtOfSchool[id] })
		case dKiosk:
			addGroups(dim, func(id uint32) uint32 { return t.schoolOfKiosk[id] })
			addGroups(dim, func(id uint32) uint32 { return t.districtOfSchool[t.schoolOfKiosk[id]] })
		}
	}
	small, hidden := Suppress(values, groups, q.K)
	for i := range t.Rows {
		t.Rows[i].Small, t.Rows[i].Hidden = small[i], hidden[i]
	}
}
