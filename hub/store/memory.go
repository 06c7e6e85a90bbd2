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

// memory is the in-memory copy of registry and roll-ups that reports read.
type memory struct {
	schools map[string]School
	kiosks  map[string]Kiosk
	cells   map[CellKey]*Counts
	drugs   map[DrugKey]*DrugCounts
	quests  map[QuestKey]*QuestCounts
	visits  map[string]VisitInfo
}

func (s *Store) loadMemory() (*memory, error) {
	m := &memory{
		schools: map[string]School{}, kiosks: map[string]Kiosk{},
		cells: map[CellKey]*Counts{}, drugs: map[DrugKey]*DrugCounts{},
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
			m.cells[CellKey{day, p[0], p[1], p[2], p[3], p[4], p[5]}] = c
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
			m.drugs[DrugKey{day, p[0], p[1], p[2], p[3]}] = c
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
		t := m.cells[k]
		if t == nil {
			t = new(Counts)
			m.cells[k] = t
		}
		for i := range c {
			t[i] += c[i]
		}
	}
	for k, c := range d.Drugs {
		t := m.drugs[k]
		if t == nil {
			t = new(DrugCounts)
			m.drugs[k] = t
		}
		for i := range c {
			t[i] += c[i]
		}
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
		Schools: s.mem.schools, Kiosks: s.mem.kiosks, Cells: s.mem.cells,
		Drugs: s.mem.drugs, Quests: s.mem.quests, Visits: s.mem.visits,
	})
}

// Snapshot exposes the in-memory state to View's callback (read only).
type Snapshot struct {
	Schools map[string]School
	Kiosks  map[string]Kiosk
	Cells   map[CellKey]*Counts
	Drugs   map[DrugKey]*DrugCounts
	Quests  map[QuestKey]*QuestCounts
	Visits  map[string]VisitInfo
}
