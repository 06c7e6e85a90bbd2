package store

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/playhall/playhall/record"
)

// Kiosk is an enrolled (or awaiting enrolment) kiosk and its last health.
type Kiosk struct {
	ID       string        `json:"id"`
	School   string        `json:"school"`
	Name     string        `json:"name"`
	Created  time.Time     `json:"created"`
	Enrolled bool          `json:"enrolled"`
	Revoked  bool          `json:"revoked"`
	LastSeen time.Time     `json:"last_seen,omitzero"`
	Health   record.Health `json:"health"`
}

// codeAlphabet is Crockford's base32: no I, L, O or U to misread.
const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// newCode returns a one-time enrolment code such as "7KQ2-M9XD-3RTA-PW6C" (80 bits).
func newCode() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	var sb strings.Builder
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(codeAlphabet[c&31])
	}
	return sb.String()
}

// normCode upper-cases a typed code and drops spaces and dashes.
func normCode(c string) string {
	c = strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(c))
	return c
}

// AddKiosk registers a kiosk at a registered school and returns it with a
// one-time enrolment code (stored hashed; shown only now).
func (s *Store) AddKiosk(school, name string) (Kiosk, string, error) {
	if strings.TrimSpace(name) == "" || len([]rune(name)) > 100 {
		return Kiosk{}, "", fmt.Errorf("%w: kiosk name must be 1–100 characters", ErrBadInput)
	}
	code := newCode()
	var k Kiosk
	err := s.db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bSchools).Get([]byte(school)) == nil {
			return fmt.Errorf("%w %q: add it first with: hub school add --data DIR %s --name NAME --district NAME",
				ErrUnknownSchool, school, school)
		}
		kb := tx.Bucket(bKiosks)
		n, _ := kb.NextSequence()
		k = Kiosk{ID: fmt.Sprintf("k%04d", n), School: school, Name: name, Created: s.Now().UTC()}
		b, _ := json.Marshal(k)
		if err := kb.Put([]byte(k.ID), b); err != nil {
			return err
		}
		return tx.Bucket(bCodes).Put(tokenKey(normCode(code)), []byte(k.ID))
	})
	if err != nil {
		return Kiosk{}, "", err
	}
	s.mu.Lock()
	s.mem.kiosks[k.ID] = k
	s.mu.Unlock()
	return k, code, nil
}

// Enroll trades a one-time code for a kiosk token. The code is deleted, so
// a second use fails with ErrNotFound.
func (s *Store) Enroll(code string) (record.EnrollResponse, error) {
	var resp record.EnrollResponse
	tok := NewSecret()
	var k Kiosk
	err := s.db.Update(func(tx *bolt.Tx) error {
		cb := tx.Bucket(bCodes)
		key := tokenKey(normCode(code))
		id := cb.Get(key)
		if id == nil {
			return fmt.Errorf("enrolment code: %w (used already, or mistyped)", ErrNotFound)
		}
		kb := tx.Bucket(bKiosks)
		v := kb.Get(id)
		if v == nil || json.Unmarshal(v, &k) != nil {
			return fmt.Errorf("kiosk %s: %w", id, ErrNotFound)
		}
		if k.Revoked {
			return fmt.Errorf("kiosk %s: %w", id, ErrRevoked)
		}
		if err := cb.Delete(key); err != nil {
			return err
		}
		k.Enrolled = true
		b, _ := json.Marshal(k)
		if err := kb.Put([]byte(k.ID), b); err != nil {
			return err
		}
		tb, _ := json.Marshal(Token{Role: RoleKiosk, Subject: k.ID, Created: s.Now().UTC()})
		return tx.Bucket(bTokens).Put(tokenKey(tok), tb)
	})
	if err != nil {
		return resp, err
	}
	s.mu.Lock()
	s.mem.kiosks[k.ID] = k
	s.mu.Unlock()
	return record.EnrollResponse{KioskID: k.ID, Token: tok, SchoolCode: k.School, KioskName: k.Name}, nil
}

// RevokeKiosk marks a kiosk revoked: its token stops working at once and its
// unused enrolment code too. Its stored records stay.
func (s *Store) RevokeKiosk(id string) (Kiosk, error) {
	var k Kiosk
	err := s.db.Update(func(tx *bolt.Tx) error {
		kb := tx.Bucket(bKiosks)
		v := kb.Get([]byte(id))
		if v == nil {
			return fmt.Errorf("kiosk %q: %w (see: hub kiosk list --data DIR)", id, ErrNotFound)
		}
		if err := json.Unmarshal(v, &k); err != nil {
			return err
		}
		k.Revoked = true
		b, _ := json.Marshal(k)
		return kb.Put([]byte(id), b)
	})
	if err != nil {
		return k, err
	}
	s.mu.Lock()
	s.mem.kiosks[k.ID] = k
	s.mu.Unlock()
	return k, nil
}

// Kiosks lists kiosks sorted by id, with their last health.
func (s *Store) Kiosks() []Kiosk {
	s.mu.RLock()
	out := make([]Kiosk, 0, len(s.mem.kiosks))
	for _, k := range s.mem.kiosks {
		out = append(out, k)
	}
	s.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Kiosk returns one kiosk.
func (s *Store) Kiosk(id string) (Kiosk, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	k, ok := s.mem.kiosks[id]
	return k, ok
}
