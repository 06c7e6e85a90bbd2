package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// VisitInfo is what the hub keeps of a class visit for participation.
type VisitInfo struct {
	School   string `json:"school"`
	Kiosk    string `json:"kiosk"`
	Label    string `json:"label"`
	Day      int32  `json:"day"`
	Students int    `json:"students"`
}

// Dict interns the strings of roll-up keys (school codes, kiosk ids,
// bands, levels, ...) as small integers, so reports group by integers.
// Names[id] is the string; ids are never reused.
type Dict struct {
	ids   map[string]uint32
	Names []string
}

func newDict() *Dict { return &Dict{ids: map[string]uint32{}} }

func (d *Dict) id(s string) uint32 {
	if i, ok := d.ids[s]; ok {
		return i
	}
	i := uint32(len(d.Names))
	d.ids[s] = i
	d.Names = append(d.Names, s)
	return i
}

// Lookup returns the id of s, if any roll-up holds it.
func (d *Dict) Lookup(s string) (uint32, bool) {
	i, ok := d.ids[s]
	return i, ok
}

// CellRow is one play roll-up cell in memory, its strings interned.
type CellRow struct {
	Day                                      int32
	School, Kiosk, Band, Level, Source, Lang uint32
	C                                        Counts
}

// DrugRow is one per-drug roll-up cell in memory.
type DrugRow struct {
	Day                      int32
	School, Band, Item, Kind uint32
	C                        DrugCounts
}

// memory is the in-memory copy of registry and roll-ups that reports read.
// Cells and drug cells sit in flat slices (a report is one linear scan);
// the index maps serve ingest's updates.
type memory struct {
	schools map[string]School
	kiosks  map[string]Kiosk
	dict    *Dict
	cells   []CellRow
	cellIdx map[CellKey]int
	drugs   []DrugRow
	drugIdx map[DrugKey]int
	quests  map[QuestKey]*QuestCounts
	visits  map[string]VisitInfo
}

func (m *memory) addCell(k CellKey, c *Counts) {
	i, ok := m.cellIdx[k]
	if !ok {
		i = len(m.cells)
		m.cellIdx[k] = i
		d := m.dict
		m.cells = append(m.cells, CellRow{Day: k.Day, School: d.id(k.School), Kiosk: d.id(k.Kiosk), Band: d.id(k.Band),
			Level: d.id(k.Level), Source: d.id(k.Source), Lang: d.id(k.Lang)})
	}
	t := &m.cells[i].C
	for j := range c {
		t[j] += c[j]
	}
}

func (m *memory) addDrug(k DrugKey, c *DrugCounts) {
	i, ok := m.drugIdx[k]
	if !ok {
		i = len(m.drugs)
		m.drugIdx[k] = i
		d := m.dict
		m.drugs = append(m.drugs, DrugRow{Day: k.Day, School: d.id(k.School), Band: d.id(k.Band), Item: d.id(k.Item), Kind: d.id(k.Kind)})
	}
	t := &m.drugs[i].C
	for j := range c {
		t[j] += c[j]
	}
}

func (s *Store) loadMemory() (*memory, error) {
	m := &memory{
		schools: map[string]School{}, kiosks: map[string]Kiosk{},
		dict: newDict(), cellIdx: map[CellKey]int{}, drugIdx: map[DrugKey]int{},
		quests: map[QuestKey]*QuestCounts{}, visits: map[string]VisitInfo{},
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bSchools).ForEach(func(k, v []byte) error {
			var sc School
			if err := json.Unmarshal(v, &sc); err != nil {
				return fmt.Errorf("school %s: %w", k, err)
			}
			m.schools[sc.Code] = sc
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket(bKiosks).ForEach(func(k, v []byte) error {
			var ki Kiosk
			if err := json.Unmarshal(v, &ki); err != nil {
				return fmt.Errorf("kiosk %s: %w", k, err)
			}
			m.kiosks[ki.ID] = ki
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket(bVisits).ForEach(func(k, v []byte) error {
			var vi VisitInfo
			if err := json.Unmarshal(v, &vi); err != nil {
				return fmt.Errorf("visit %s: %w", k, err)
			}
			m.visits[string(k)] = vi
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket(bRoll).ForEach(func(k, v []byte) error {
			day, p, err := splitKey(k, 6)
			if err != nil {
				return err
			}
			c := new(Counts)
			decodeAdd(c[:], v)
			m.addCell(CellKey{day, p[0], p[1], p[2], p[3], p[4], p[5]}, c)
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket(bDrugRoll).ForEach(func(k, v []byte) error {
			day, p, err := splitKey(k, 4)
			if err != nil {
				return err
			}
			c := new(DrugCounts)
			decodeAdd(c[:], v)
			m.addDrug(DrugKey{day, p[0], p[1], p[2], p[3]}, c)
			return nil
		}); err != nil {
			return err
		}
		return tx.Bucket(bQuestRoll).ForEach(func(k, v []byte) error {
			day, p, err := splitKey(k, 4)
			if err != nil {
				return err
			}
			c := new(QuestCounts)
			decodeAdd(c[:], v)
			m.quests[QuestKey{day, p[0], p[1], p[2], p[3]}] = c
			return nil
		})
	})
	return m, err
}

// writeDelta adds d to the roll-up buckets inside tx.
func writeDelta(tx *bolt.Tx, d *Delta) error {
	rb, db, qb := tx.Bucket(bRoll), tx.Bucket(bDrugRoll), tx.Bucket(bQuestRoll)
	for k, c := range d.Cells {
		key := k.bytes()
		sum := *c
		decodeAdd(sum[:], rb.Get(key))
		if err := rb.Put(key, encodeCounts(sum[:])); err != nil {
			return err
		}
	}
	for k, c := range d.Drugs {
		key := k.bytes()
		sum := *c
		decodeAdd(sum[:], db.Get(key))
		if err := db.Put(key, encodeCounts(sum[:])); err != nil {
			return err
		}
	}
	for k, c := range d.Quests {
		key := k.bytes()
		sum := *c
		decodeAdd(sum[:], qb.Get(key))
		if err := qb.Put(key, encodeCounts(sum[:])); err != nil {
			return err
		}
	}
	return nil
}

// applyDelta adds a committed delta to memory. Caller holds s.mu.
func (m *memory) applyDelta(d *Delta) {
	for k, c := range d.Cells {
		m.addCell(k, c)
	}
	for k, c := range d.Drugs {
		m.addDrug(k, c)
	}
	for k, c := range d.Quests {
		t := m.quests[k]
		if t == nil {
			t = new(QuestCounts)
			m.quests[k] = t
		}
		for i := range c {
			t[i] += c[i]
		}
	}
}

// AddRollups writes a delta straight into the roll-ups (durable and in
// memory). Ingest uses the same path; benchmarks use it to seed millions of
// plays without sending them.
func (s *Store) AddRollups(d *Delta) error {
	if err := s.db.Update(func(tx *bolt.Tx) error { return writeDelta(tx, d) }); err != nil {
		return err
	}
	s.mu.Lock()
	s.mem.applyDelta(d)
	s.mu.Unlock()
	return nil
}

// View runs fn with read access to the in-memory roll-ups, registry and
// visits. fn must not keep the maps or call other Store methods that lock.
// It holds a read lock: keep it short (ingest waits for it).
func (s *Store) View(fn func(v *Snapshot)) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	fn(&Snapshot{
		Schools: s.mem.schools, Kiosks: s.mem.kiosks, Dict: s.mem.dict, Cells: s.mem.cells,
		Drugs: s.mem.drugs, Quests: s.mem.quests, Visits: s.mem.visits,
	})
}

// Snapshot exposes the in-memory state to View's callback (read only).
type Snapshot struct {
	Schools map[string]School
	Kiosks  map[string]Kiosk
	Dict    *Dict
	Cells   []CellRow
	Drugs   []DrugRow
	Quests  map[QuestKey]*QuestCounts
	Visits  map[string]VisitInfo
}
