package store

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// School is one registered school. Enrolment maps a grade label ("7",
// "初一", ...) to the number of students enrolled in it.
type School struct {
	Code      string         `json:"code"`
	Name      string         `json:"name"`
	District  string         `json:"district"`
	Enrolment map[string]int `json:"enrolment,omitempty"`
}

// Students is the school's total enrolment.
func (s School) Students() int {
	n := 0
	for _, v := range s.Enrolment {
		n += v
	}
	return n
}

var schoolCode = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$`)

// Validate checks a school's fields.
func (s School) Validate() error {
	switch {
	case !schoolCode.MatchString(s.Code):
		return fmt.Errorf("%w: school code %q must be 1–32 letters, digits, _ or -", ErrBadInput, s.Code)
	case strings.TrimSpace(s.Name) == "" || len([]rune(s.Name)) > 100:
		return fmt.Errorf("%w: school %s: name must be 1–100 characters", ErrBadInput, s.Code)
	case strings.TrimSpace(s.District) == "" || len([]rune(s.District)) > 100:
		return fmt.Errorf("%w: school %s: district must be 1–100 characters", ErrBadInput, s.Code)
	}
	for g, n := range s.Enrolment {
		if g == "" || len([]rune(g)) > 20 || n < 0 || n > 100000 {
			return fmt.Errorf("%w: school %s: enrolment %q=%d out of range", ErrBadInput, s.Code, g, n)
		}
	}
	return nil
}

// PutSchool adds a school or replaces the one with the same code.
func (s *Store) PutSchool(sc School) error {
	if err := sc.Validate(); err != nil {
		return err
	}
	b, _ := json.Marshal(sc)
	err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bSchools).Put([]byte(sc.Code), b) })
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.mem.schools[sc.Code] = sc
	s.mu.Unlock()
	return nil
}

// PutSchools adds or replaces many schools in one transaction: all or none.
func (s *Store) PutSchools(list []School) error {
	for _, sc := range list {
		if err := sc.Validate(); err != nil {
			return err
		}
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, sc := range list {
			b, _ := json.Marshal(sc)
			if err := tx.Bucket(bSchools).Put([]byte(sc.Code), b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.mu.Lock()
	for _, sc := range list {
		s.mem.schools[sc.Code] = sc
	}
	s.mu.Unlock()
	return nil
}

// Schools lists the registered schools sorted by code.
func (s *Store) Schools() []School {
	s.mu.RLock()
	out := make([]School, 0, len(s.mem.schools))
	for _, sc := range s.mem.schools {
		out = append(out, sc)
	}
	s.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// School returns one school.
func (s *Store) School(code string) (School, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sc, ok := s.mem.schools[code]
	return sc, ok
}
