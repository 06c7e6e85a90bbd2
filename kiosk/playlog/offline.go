package playlog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/playhall/playhall/record"
)

// Info describes a stored log without opening it for writing.
type Info struct {
	Path       string
	Epoch      string
	Records    int
	FirstSeq   uint64
	LastSeq    uint64
	AckedSeq   uint64
	Base       uint64 // local sequence that is wire sequence 0 of the epoch
	KioskID    string // kiosk id the epoch is bound to
	LostToHub  uint64 // see Status.LostToHub
	Checkpoint bool   // a play in progress (logged as crashed at the next Open)
	OpenVisit  bool
	FileBytes  int64
}

// openReadOnly opens DATA/playlog.db for reading; it never creates it and
// never changes it.
func openReadOnly(dir string) (db *bolt.DB, err error) {
	path := filepath.Join(dir, DBFile)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("playlog: %w", err)
	}
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, fmt.Errorf("playlog: %s: bbolt panicked: %v", path, r)
		}
	}()
	db, err = bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: DefaultLockTimeout})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, ErrLocked
	}
	if err != nil {
		return nil, fmt.Errorf("playlog: %s: %w", path, err)
	}
	return db, nil
}

func readInfo(tx *bolt.Tx, path string) (Info, error) {
	in := Info{Path: path, FileBytes: tx.Size()}
	meta, recs := tx.Bucket(bucketMeta), tx.Bucket(bucketRecords)
	if meta == nil || recs == nil {
		return in, errors.New("playlog: meta or records bucket missing")
	}
	in.Epoch = string(meta.Get(keyEpoch))
	in.AckedSeq = keySeq(meta.Get(keyAcked))
	in.Base = keySeq(meta.Get(keyBase))
	in.KioskID = string(meta.Get(keyKiosk))
	in.LostToHub = keySeq(meta.Get(keyLost))
	in.Checkpoint = meta.Get(keyCheckpoint) != nil
	in.OpenVisit = meta.Get(keyVisit) != nil
	c := recs.Cursor()
	in.FirstSeq, in.LastSeq = keySeq(firstKey(c)), keySeq(lastKey(c))
	if in.FirstSeq != 0 {
		in.Records = int(in.LastSeq - in.FirstSeq + 1)
	}
	return in, nil
}

// Walk calls fn for every stored record of the log in dir, in sequence
// order, from a read-only open (it never quarantines or writes). It fails
// with ErrLocked while the kiosk holds the file.
func Walk(dir string, fn func(record.Entry) error) (Info, error) {
	db, err := openReadOnly(dir)
	if err != nil {
		return Info{}, err
	}
	defer db.Close()
	var in Info
	err = db.View(func(tx *bolt.Tx) (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%w: bbolt panicked reading %s: %v (run kioskctl db check)", ErrDamaged, db.Path(), r)
			}
		}()
		if in, err = readInfo(tx, db.Path()); err != nil {
			return err
		}
		return eachEntry(tx, fn)
	})
	return in, err
}

// Check runs bbolt's consistency check (tx.Check) and verifies every record:
// version byte, checksum, decodable body, keys contiguous, meta consistent.
// It returns every problem found; an error means the check could not run.
func Check(dir string) (Info, []string, error) {
	db, err := openReadOnly(dir)
	if err != nil {
		return Info{}, nil, err
	}
	defer db.Close()
	var in Info
	var problems []string
	err = db.View(func(tx *bolt.Tx) (err error) {
		defer func() {
			if r := recover(); r != nil {
				problems = append(problems, fmt.Sprintf("bbolt panicked reading: %v", r))
			}
		}()
		for e := range tx.Check() {
			problems = append(problems, "bbolt: "+e.Error())
		}
		if in, err = readInfo(tx, db.Path()); err != nil {
			problems = append(problems, err.Error())
			return nil
		}
		meta := tx.Bucket(bucketMeta)
		next := keySeq(meta.Get(keyNext))
		if in.Epoch == "" || next == 0 {
			problems = append(problems, "meta: epoch or next sequence missing")
		}
		if in.LastSeq != 0 && next != in.LastSeq+1 {
			problems = append(problems, fmt.Sprintf("meta: next sequence %d but last record is %d", next, in.LastSeq))
		}
		if in.AckedSeq >= next && next != 0 {
			problems = append(problems, fmt.Sprintf("meta: acked %d beyond the log (next %d)", in.AckedSeq, next))
		}
		if in.Base > in.AckedSeq {
			problems = append(problems, fmt.Sprintf("meta: epoch base %d beyond acked %d", in.Base, in.AckedSeq))
		}
		for _, k := range [][]byte{keyCheckpoint, keyVisit} {
			if b := meta.Get(k); b != nil {
				if _, err := decodeEntry(b); err != nil {
					problems = append(problems, fmt.Sprintf("meta %s: %v", k, err))
				}
			}
		}
		want := in.FirstSeq
		return tx.Bucket(bucketRecords).ForEach(func(k, v []byte) error {
			seq := keySeq(k)
			if seq != want {
				problems = append(problems, fmt.Sprintf("records: expected seq %d, found key %x", want, k))
			}
			want = seq + 1
			e, err := decodeEntry(v)
			if err != nil {
				problems = append(problems, fmt.Sprintf("record %d: %v", seq, err))
			} else if e.Seq != seq {
				problems = append(problems, fmt.Sprintf("record %d: body says seq %d", seq, e.Seq))
			}
			if len(problems) > 1000 {
				return errors.New("more than 1000 problems; stopped")
			}
			return nil
		})
	})
	if err != nil {
		problems = append(problems, err.Error())
	}
	return in, problems, nil
}

// Compact rewrites DATA/playlog.db into a fresh file without free pages
// (bbolt's Compact), fsyncs it and replaces the original. The kiosk must not
// be running. It returns the sizes before and after.
func Compact(dir string) (before, after int64, err error) {
	path := filepath.Join(dir, DBFile)
	st, err := os.Stat(path)
	if err != nil {
		return 0, 0, fmt.Errorf("playlog: %w", err)
	}
	src, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: DefaultLockTimeout})
	if errors.Is(err, berrors.ErrTimeout) {
		return 0, 0, ErrLocked
	}
	if err != nil {
		return 0, 0, fmt.Errorf("playlog: %s: %w", path, err)
	}
	defer src.Close()
	tmp := path + ".compact-" + time.Now().UTC().Format("20060102T150405")
	dst, err := bolt.Open(tmp, 0o600, nil)
	if err != nil {
		return 0, 0, fmt.Errorf("playlog: %w", err)
	}
	if err := bolt.Compact(dst, src, 64<<20); err != nil {
		dst.Close()
		os.Remove(tmp)
		return 0, 0, fmt.Errorf("playlog: compact: %w", err)
	}
	if err := dst.Close(); err != nil {
		os.Remove(tmp)
		return 0, 0, fmt.Errorf("playlog: compact: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return 0, 0, fmt.Errorf("playlog: compact: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	nst, err := os.Stat(path)
	if err != nil {
		return st.Size(), 0, err
	}
	return st.Size(), nst.Size(), nil
}
