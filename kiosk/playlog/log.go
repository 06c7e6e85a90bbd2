package playlog

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/playhall/playhall/record"
)

// File names inside the data folder.
const (
	DBFile        = "playlog.db"
	QuarantineDir = "quarantine"
	EventsFile    = "events.log" // inside QuarantineDir, one JSON Quarantine per line
)

// Defaults for Options.
const (
	DefaultMaxRecords   = 1_000_000
	DefaultWarnFraction = 0.8
	DefaultQueueLimit   = 10_000
	DefaultRetryEvery   = 10 * time.Second
	DefaultLockTimeout  = 2 * time.Second
	maxOpsPerCommit     = 1000
)

// Errors.
var (
	ErrClosed    = errors.New("playlog: log is closed")
	ErrQueueFull = errors.New("playlog: disk full and memory queue full; play refused")
	ErrLocked    = errors.New("playlog: database is in use by another process (is the kiosk running?)")
	ErrEpoch     = errors.New("playlog: acknowledgement for another log epoch")
	ErrNoVisit   = errors.New("playlog: no visit is open")
	// ErrAckBeyondLog: the hub acknowledged sequences the log never wrote;
	// the acknowledgement was clamped to the last stored record.
	ErrAckBeyondLog = errors.New("playlog: hub acknowledged records the log does not hold")
	// ErrHubBehind: the hub acknowledged less than it had before (a hub
	// restored from an older backup); the outbox now starts after the hub's
	// answer. Records already pruned are sent as KindLost and counted in
	// Status().LostToHub.
	ErrHubBehind = errors.New("playlog: hub acknowledged less than it had before")
)

var (
	bucketMeta    = []byte("meta")
	bucketRecords = []byte("records")
	bucketDays    = []byte("days")
	keyEpoch      = []byte("epoch")
	keyAcked      = []byte("acked")
	keyNext       = []byte("next")
	keyCreated    = []byte("created")
	keyQuarantine = []byte("quarantine")
	keyCheckpoint = []byte("checkpoint")
	keyVisit      = []byte("visit")
	keyKiosk      = []byte("kiosk") // kiosk id the epoch's acknowledgements belong to
	keyBase       = []byte("base")  // local sequence that is wire sequence 0 in this epoch
	keyLost       = []byte("lost")  // records pruned here before a hub that lost them got them again
)

// Options tune a Log. The zero value is the production setting.
type Options struct {
	Clock        Clock          // default SystemClock
	Location     *time.Location // for "today"; default time.Local
	MaxRecords   int            // cap on stored records; default DefaultMaxRecords
	WarnFraction float64        // backlog/cap that raises a warning; default 0.8
	QueueLimit   int            // plays held in memory when the disk is full
	RetryEvery   time.Duration  // retry of a failed write; default 10 s
	MaxSize      int            // bbolt's MaxSize in bytes; 0 = the disk's size
	LockTimeout  time.Duration  // wait for another process's lock; default 2 s
	Logf         func(format string, args ...any)

	tuneBolt func(*bolt.Options) // benchmarks: try other bbolt options
}

func (o *Options) fill() {
	if o.Clock == nil {
		o.Clock = SystemClock{}
	}
	if o.Location == nil {
		o.Location = time.Local
	}
	if o.MaxRecords <= 0 {
		o.MaxRecords = DefaultMaxRecords
	}
	if o.WarnFraction <= 0 || o.WarnFraction > 1 {
		o.WarnFraction = DefaultWarnFraction
	}
	if o.QueueLimit <= 0 {
		o.QueueLimit = DefaultQueueLimit
	}
	if o.RetryEvery <= 0 {
		o.RetryEvery = DefaultRetryEvery
	}
	if o.LockTimeout <= 0 {
		o.LockTimeout = DefaultLockTimeout
	}
	if o.Logf == nil {
		o.Logf = log.Printf
	}
}

// Quarantine records a database moved aside at Open.
type Quarantine struct {
	Time   time.Time `json:"time"`
	File   string    `json:"file"` // path of the moved file
	Reason string    `json:"reason"`
	// Salvaged counts unacknowledged records copied from the damaged file
	// into the new log (they are sent under the new epoch).
	Salvaged int `json:"salvaged"`
}

// Log is an open play log. Its methods are safe for concurrent use.
type Log struct {
	dir  string
	opts Options
	db   *bolt.DB

	wake    chan struct{} // writer has work
	stop    chan struct{} // Close was called
	stopped chan struct{} // writer returned

	bindMu sync.Mutex // one BindKiosk at a time; held while it writes

	mu         sync.Mutex // guards the fields below; never held during disk I/O
	closed     bool
	queue      []*op
	queuedRecs int
	ckpt       *record.Play // desired checkpoint (nil = none)
	ckptDirty  bool
	visit      *record.Visit // open visit
	visitDirty bool
	ackWant    uint64 // highest sequence the hub acknowledged (maybe not stored yet)
	changed    chan struct{}

	// mirror of the stored state, updated after each commit
	epoch      string
	base       uint64 // wire sequence = local sequence - base
	kiosk      string // kiosk id bound to the epoch ("" before the first sync)
	first      uint64 // 0 when no record is stored
	last       uint64
	ackStored  uint64
	lost       uint64 // records lost to the hub (see ErrHubBehind)
	lostStored uint64
	days       map[string]int
	diskFull   bool
	dropped    int
	lastErr    string
	lastErrAt  time.Time
	quarantine *Quarantine

	damaged  bool       // bbolt panicked reading while running
	failHook chan error // tests: receives each failed commit (non-blocking)
}

// NewID returns 32 random lowercase hex digits from crypto/rand.
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("playlog: crypto/rand failed: " + err.Error()) // never happens on supported systems
	}
	return hex.EncodeToString(b[:])
}

// Open opens (or creates) the log in dir. A database that cannot be opened or
// read is quarantined and a fresh one with a new epoch is started; only
// ErrLocked (another process holds it) and errors creating the folder or the
// fresh file are returned. A checkpoint left from a crashed run is logged as a
// play that ended "crashed" before Open returns.
func Open(dir string, opts Options) (*Log, error) {
	opts.fill()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("playlog: %w", err)
	}
	l := &Log{dir: dir, opts: opts, wake: make(chan struct{}, 1), stop: make(chan struct{}),
		stopped: make(chan struct{}), changed: make(chan struct{}), days: map[string]int{}}
	path := filepath.Join(dir, DBFile)
	var q *Quarantine
	var saved []record.Entry
	marker := filepath.Join(dir, DamagedFile)
	_, statErr := os.Stat(marker)
	suspect := statErr == nil
	for attempt := 0; ; attempt++ {
		db, err := openBolt(path, opts)
		if err == nil && suspect && attempt == 0 {
			if err = verify(db); err != nil {
				db.Close()
			}
		}
		if err == nil {
			err = l.load(db, q, saved)
			if err == nil {
				l.db = db
				break
			}
			db.Close()
		}
		if errors.Is(err, berrors.ErrTimeout) {
			return nil, ErrLocked
		}
		if attempt > 0 {
			return nil, fmt.Errorf("playlog: fresh database %s: %w", path, err)
		}
		if q, err = l.quarantineFile(path, err.Error()); err != nil {
			return nil, err
		}
		saved = salvage(q.File, opts)
		q.Salvaged = len(saved)
		l.logQuarantine(q)
	}
	if suspect {
		os.Remove(marker)
	}
	go l.writer()
	return l, nil
}

func openBolt(path string, opts Options) (db *bolt.DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, fmt.Errorf("bbolt panicked opening the file: %v", r)
		}
	}()
	bo := &bolt.Options{Timeout: opts.LockTimeout, MaxSize: opts.MaxSize}
	if opts.tuneBolt != nil {
		opts.tuneBolt(bo)
	}
	return bolt.Open(path, 0o600, bo)
}

// load prepares buckets, reads the stored state into the mirror, and turns a
// leftover checkpoint into a crashed play. Any sign of corruption is an error.
func (l *Log) load(db *bolt.DB, q *Quarantine, saved []record.Entry) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("bbolt panicked reading the file: %v", r)
		}
	}()
	return db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		recs := tx.Bucket(bucketRecords)
		if meta == nil {
			if recs != nil {
				return errors.New("records without a meta bucket")
			}
			var err error
			if meta, err = tx.CreateBucket(bucketMeta); err != nil {
				return err
			}
			if recs, err = tx.CreateBucket(bucketRecords); err != nil {
				return err
			}
			if _, err = tx.CreateBucket(bucketDays); err != nil {
				return err
			}
			now := l.opts.Clock.Now().UTC()
			if err := putAll(meta, keyEpoch, []byte(NewID()), keyNext, seqKey(1), keyAcked, seqKey(0),
				keyCreated, []byte(now.Format(time.RFC3339))); err != nil {
				return err
			}
			if q != nil {
				b, _ := json.Marshal(q)
				if err := meta.Put(keyQuarantine, b); err != nil {
					return err
				}
			}
			for _, e := range saved {
				if _, err := l.put(tx, e); err != nil {
					return err
				}
			}
		}
		if recs == nil || tx.Bucket(bucketDays) == nil {
			return errors.New("missing records or days bucket")
		}
		if len(meta.Get(keyEpoch)) == 0 || len(meta.Get(keyNext)) != 8 || len(meta.Get(keyAcked)) != 8 {
			return errors.New("meta bucket incomplete")
		}
		l.epoch = string(meta.Get(keyEpoch))
		l.base = keySeq(meta.Get(keyBase))
		l.kiosk = string(meta.Get(keyKiosk))
		l.ackStored = keySeq(meta.Get(keyAcked))
		l.ackWant = l.ackStored
		l.lost = keySeq(meta.Get(keyLost))
		l.lostStored = l.lost
		if b := meta.Get(keyQuarantine); b != nil {
			var mq Quarantine
			if json.Unmarshal(b, &mq) == nil {
				l.quarantine = &mq
			}
		}
		c := recs.Cursor()
		for _, k := range [][]byte{firstKey(c), lastKey(c)} {
			if k == nil {
				continue
			}
			if _, err := decodeEntry(recs.Get(k)); err != nil {
				return fmt.Errorf("record %d: %w", keySeq(k), err)
			}
		}
		if err := tx.Bucket(bucketDays).ForEach(func(k, v []byte) error {
			l.days[string(k)] = int(keySeq(v))
			return nil
		}); err != nil {
			return err
		}
		if b := meta.Get(keyVisit); b != nil {
			e, err := decodeEntry(b)
			if err != nil || e.Visit == nil {
				return fmt.Errorf("open visit: %v", err)
			}
			l.visit = e.Visit
		}
		if b := meta.Get(keyCheckpoint); b != nil {
			e, err := decodeEntry(b)
			if err != nil || e.Play == nil {
				return fmt.Errorf("checkpoint: %v", err)
			}
			p := *e.Play
			p.End = record.EndCrashed
			if _, err := l.put(tx, record.Entry{Kind: record.KindPlay, Play: &p}); err != nil {
				return err
			}
			if err := meta.Delete(keyCheckpoint); err != nil {
				return err
			}
		}
		l.first, l.last = keySeq(firstKey(c)), keySeq(lastKey(c))
		return nil
	})
}

func firstKey(c *bolt.Cursor) []byte { k, _ := c.First(); return k }
func lastKey(c *bolt.Cursor) []byte  { k, _ := c.Last(); return k }

func putAll(b *bolt.Bucket, kv ...[]byte) error {
	for i := 0; i+1 < len(kv); i += 2 {
		if err := b.Put(kv[i], kv[i+1]); err != nil {
			return err
		}
	}
	return nil
}

// quarantineFile moves an unusable database aside and records why.
func (l *Log) quarantineFile(path, reason string) (*Quarantine, error) {
	qdir := filepath.Join(l.dir, QuarantineDir)
	if err := os.MkdirAll(qdir, 0o755); err != nil {
		return nil, fmt.Errorf("playlog: quarantine: %w", err)
	}
	now := l.opts.Clock.Now().UTC()
	dst := filepath.Join(qdir, now.Format("20060102T150405Z")+".db")
	for i := 2; ; i++ {
		if _, err := os.Stat(dst); errors.Is(err, os.ErrNotExist) {
			break
		}
		dst = filepath.Join(qdir, fmt.Sprintf("%s-%d.db", now.Format("20060102T150405Z"), i))
	}
	if err := os.Rename(path, dst); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("playlog: quarantine %s: %w", path, err)
	}
	return &Quarantine{Time: now, File: dst, Reason: reason}, nil
}

// logQuarantine reports a quarantine and appends it to events.log.
func (l *Log) logQuarantine(q *Quarantine) {
	l.opts.Logf("playlog: database unusable (%s); moved to %s, starting a new log epoch with %d unacknowledged records salvaged",
		q.Reason, q.File, q.Salvaged)
	if f, err := os.OpenFile(filepath.Join(l.dir, QuarantineDir, EventsFile), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
		b, _ := json.Marshal(q)
		f.Write(append(b, '\n'))
		f.Sync()
		f.Close()
	}
}

// Close writes what is queued (unless the disk is full), stops the writer and
// closes the file. Records still in the memory queue are lost and reported
// in the error; their Receipts fail with ErrClosed.
func (l *Log) Close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return ErrClosed
	}
	l.closed = true
	l.mu.Unlock()
	close(l.stop)
	<-l.stopped
	l.mu.Lock()
	lost := l.queuedRecs
	for _, o := range l.queue {
		o.finish(0, ErrClosed)
	}
	l.queue = nil
	l.mu.Unlock()
	err := l.db.Close()
	if lost > 0 {
		return fmt.Errorf("playlog: %d records could not be written before Close (disk full?): %w", lost, ErrClosed)
	}
	return err
}

// Dir returns the data folder.
func (l *Log) Dir() string { return l.dir }

// Epoch returns the log epoch, random hex, new for every fresh database and
// for every change of kiosk identity (BindKiosk).
func (l *Log) Epoch() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.epoch
}

// BindKiosk ties the log's acknowledgements to the kiosk id the hub gave at
// enrolment. The first call just records it. If the kiosk was enrolled again
// under another id (a revoked token replaced by a new kiosk), the hub holds
// nothing for that id, so a new epoch starts whose wire sequence 1 is the
// first record not yet acknowledged: records already at the hub under the
// old id are never sent again, and the rest are sent once under the new id.
//
// The sync client calls it before each sync, from the goroutine that calls
// Pending and Ack. It writes (one fsync'd transaction, directly, not through
// the writer queue) only when the id changes, and never holds the lock that
// Status and Append take while it writes.
func (l *Log) BindKiosk(kioskID string) error {
	l.bindMu.Lock()
	defer l.bindMu.Unlock()
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return ErrClosed
	}
	if l.kiosk == kioskID {
		l.mu.Unlock()
		return nil
	}
	oldKiosk, epoch, base, ack := l.kiosk, l.epoch, l.base, l.ackWant
	l.mu.Unlock()
	newEpoch := oldKiosk != ""
	if newEpoch {
		epoch, base = NewID(), ack
	}
	var stored uint64
	err := l.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if stored = keySeq(meta.Get(keyAcked)); newEpoch || stored < ack {
			if err := meta.Put(keyAcked, seqKey(ack)); err != nil {
				return err
			}
			stored = ack
		}
		return putAll(meta, keyEpoch, []byte(epoch), keyBase, seqKey(base), keyKiosk, []byte(kioskID))
	})
	if err != nil {
		return fmt.Errorf("playlog: binding kiosk %s: %w", kioskID, err)
	}
	if newEpoch {
		l.opts.Logf("playlog: kiosk id changed from %s to %s; new epoch %s from sequence %d", oldKiosk, kioskID, epoch, base+1)
	}
	l.mu.Lock()
	l.epoch, l.base, l.kiosk = epoch, base, kioskID
	l.ackStored = stored
	l.mu.Unlock()
	return nil
}
