package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/playhall/playhall/record"
)

// ReadPlays opens DIR/hub.db read-only, as an auditor or an end-to-end test
// would, and returns every stored play (kiosk plays under
// records/<kiosk>/<epoch>, web plays under web; quarantined records are
// not plays). Each stored play is 'P' followed by its JSON (as
// encoding/json writes record.Play). The hub must not be running (it holds
// the file's lock): ReadPlays waits at most lockWait and then fails with
// ErrLocked.
func ReadPlays(dir string, lockWait time.Duration) ([]record.Play, error) {
	path := filepath.Join(dir, DBFile)
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: lockWait})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("store: %s: %w", path, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	defer db.Close()
	var plays []record.Play
	var walk func(b *bolt.Bucket) error
	walk = func(b *bolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			if v == nil {
				return walk(b.Bucket(k))
			}
			if len(v) < 2 || v[0] != valPlay {
				return nil
			}
			var p record.Play
			if err := json.Unmarshal(v[1:], &p); err != nil {
				return fmt.Errorf("stored play %x: %w", k, err)
			}
			plays = append(plays, p)
			return nil
		})
	}
	err = db.View(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bRecords, bWeb} {
			if b := tx.Bucket(name); b != nil {
				if err := walk(b); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return plays, err
}

// Quarantined is one record the hub refused, as kept for staff to inspect.
type Quarantined struct {
	Kiosk    string          `json:"kiosk"`
	Epoch    string          `json:"epoch"`
	Seq      uint64          `json:"seq"`
	Reason   string          `json:"reason"`
	Received time.Time       `json:"received"`
	Entry    json.RawMessage `json:"entry"`
}

// Quarantine lists quarantined records, newest kiosk/epoch order, at most
// limit of them (0: 1000).
func (s *Store) Quarantine(limit int) ([]Quarantined, error) {
	if limit <= 0 {
		limit = 1000
	}
	out := []Quarantined{}
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bQuarantine).Cursor()
		for k, v := c.Last(); k != nil && len(out) < limit; k, v = c.Prev() {
			var q Quarantined
			if err := json.Unmarshal(v, &q); err != nil {
				return err
			}
			parts := bytes.SplitN(k, []byte{0}, 3)
			if len(parts) == 3 && len(parts[2]) == 8 {
				q.Kiosk, q.Epoch, q.Seq = string(parts[0]), string(parts[1]), binary.BigEndian.Uint64(parts[2])
			}
			out = append(out, q)
		}
		return nil
	})
	return out, err
}
