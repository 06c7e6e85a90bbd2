// Package store is the hub's bbolt database: the schools registry, kiosks
// and their tokens, users, the raw records kiosks send (kept for re-deriving
// roll-ups, never served), and the roll-ups every report reads.
//
// One Store owns the file; bbolt locks it, so a second process cannot open a
// data folder that a running hub holds (Open then fails with ErrLocked and
// the caller should ask the running hub to do the work instead).
//
// Roll-ups live both in bbolt (durable) and in memory (a copy loaded at Open
// and updated after every committed ingest), so reports never touch the disk
// and never scan raw plays.
package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// DBFile is the database's name inside the data folder.
const DBFile = "hub.db"

// Sentinel errors; callers test them with errors.Is.
var (
	ErrLocked        = errors.New("the hub database is in use by a running hub")
	ErrNotFound      = errors.New("not found")
	ErrExists        = errors.New("already exists")
	ErrUnknownSchool = errors.New("unknown school")
	ErrBadInput      = errors.New("bad input")
	ErrRevoked       = errors.New("revoked")
)

var (
	bMeta       = []byte("meta")
	bSchools    = []byte("schools")
	bKiosks     = []byte("kiosks")
	bCodes      = []byte("codes")
	bUsers      = []byte("users")
	bTokens     = []byte("tokens")
	bRecords    = []byte("records")
	bEpochs     = []byte("epochs")
	bQuarantine = []byte("quarantine")
	bWeb        = []byte("web")
	bVisits     = []byte("visits")
	bRoll       = []byte("roll")
	bDrugRoll   = []byte("drugroll")
	bQuestRoll  = []byte("questroll")
	bSessions   = []byte("sessions")
)

var allBuckets = [][]byte{bMeta, bSchools, bKiosks, bCodes, bUsers, bTokens, bRecords, bEpochs,
	bQuarantine, bWeb, bVisits, bRoll, bDrugRoll, bQuestRoll, bSessions}

// Store is an open hub database. All methods are safe for concurrent use.
type Store struct {
	db  *bolt.DB
	dir string

	mu  sync.RWMutex // guards mem
	mem *memory

	packs packs

	// Now is the clock (tests replace it before use).
	Now func() time.Time
}

// Open opens (creating if needed) DIR/hub.db. It waits at most lockWait for
// bbolt's file lock and returns ErrLocked when another process holds it.
func Open(dir string, lockWait time.Duration) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("store: data folder %s: %w", dir, err)
	}
	if lockWait <= 0 {
		lockWait = 50 * time.Millisecond
	}
	db, err := bolt.Open(filepath.Join(dir, DBFile), 0o600, &bolt.Options{
		Timeout:        lockWait,
		FreelistType:   bolt.FreelistMapType,
		NoFreelistSync: true,
	})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("store: %s: %w", filepath.Join(dir, DBFile), ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", filepath.Join(dir, DBFile), err)
	}
	s := &Store{db: db, dir: dir, Now: time.Now}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		s.mem, err = s.loadMemory()
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: prepare %s: %w", dir, err)
	}
	return s, nil
}

// Close closes the database; in-flight transactions finish first.
func (s *Store) Close() error { return s.db.Close() }

// Dir is the data folder.
func (s *Store) Dir() string { return s.dir }

// Backup writes a consistent copy of the database to path (mode 0600) while
// the store stays in use. The copy is written to path+".tmp" and renamed, so
// path is never a half-written file.
func (s *Store) Backup(path string) error {
	tmp := path + ".tmp"
	err := s.db.View(func(tx *bolt.Tx) error { return tx.CopyFile(tmp, 0o600) })
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	return nil
}

// WriteBackup streams a consistent copy of the database to w (a read
// transaction is held while it runs; writers are not blocked).
func (s *Store) WriteBackup(w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}
