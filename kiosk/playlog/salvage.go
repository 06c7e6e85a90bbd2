package playlog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"github.com/playhall/playhall/record"
)

// DamagedFile marks a database found damaged while running (bbolt panicked
// reading it). The next Open verifies the whole file and quarantines it if
// the damage is real.
const DamagedFile = "playlog.damaged"

// ErrDamaged means the database could not be read while running; restart
// the kiosk to have it checked, quarantined and salvaged.
var ErrDamaged = errors.New("playlog: database damaged; it is checked and replaced at the next start")

// markDamaged records runtime damage for the next Open and in Status.
func (l *Log) markDamaged(what string, r any) error {
	err := fmt.Errorf("%w (%s: %v)", ErrDamaged, what, r)
	os.WriteFile(filepath.Join(l.dir, DamagedFile), []byte(err.Error()+"\n"), 0o644)
	l.mu.Lock()
	l.damaged = true
	l.setErrLocked(err)
	l.mu.Unlock()
	l.opts.Logf("%v", err)
	return err
}

// verify runs the full check (bbolt's tx.Check and every record) on an open
// database and returns the first problem, or nil.
func verify(db *bolt.DB) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("bbolt panicked checking the file: %v", r)
		}
	}()
	return db.View(func(tx *bolt.Tx) error {
		var first error
		for e := range tx.Check() { // drain: the checker goroutine must finish
			if first == nil {
				first = fmt.Errorf("bbolt check: %v", e)
			}
		}
		if first != nil {
			return first
		}
		recs := tx.Bucket(bucketRecords)
		if recs == nil {
			return errors.New("records bucket missing")
		}
		return recs.ForEach(func(k, v []byte) error {
			if _, err := decodeEntry(v); err != nil {
				return fmt.Errorf("record %d: %w", keySeq(k), err)
			}
			return nil
		})
	})
}

// salvage reads what it can of a quarantined database: the records after
// its acknowledged sequence that still decode, in order, stopping at the
// first unreadable page. Records the hub already acknowledged are left (the
// new epoch would send them again). Without a readable meta bucket nothing
// is salvaged, for the same reason.
func salvage(path string, opts Options) (out []record.Entry) {
	defer func() {
		if r := recover(); r != nil {
			opts.Logf("playlog: salvage of %s stopped: %v", path, r)
		}
	}()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: opts.LockTimeout})
	if err != nil {
		opts.Logf("playlog: salvage of %s: %v", path, err)
		return nil
	}
	defer db.Close()
	db.View(func(tx *bolt.Tx) error {
		meta, recs := tx.Bucket(bucketMeta), tx.Bucket(bucketRecords)
		if meta == nil || recs == nil || len(meta.Get(keyAcked)) != 8 {
			return nil
		}
		acked := keySeq(meta.Get(keyAcked))
		c := recs.Cursor()
		for k, v := c.Seek(seqKey(acked + 1)); k != nil; k, v = c.Next() {
			if e, err := decodeEntry(v); err == nil {
				out = append(out, e)
			}
		}
		return nil
	})
	return out
}
