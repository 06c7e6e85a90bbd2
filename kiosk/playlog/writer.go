package playlog

import (
	"errors"
	"strings"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/playhall/playhall/record"
)

// snapshot is what one commit writes, taken under l.mu.
type snapshot struct {
	ops        []*op
	ack        uint64
	lost       uint64
	ckpt       *record.Play
	ckptDirty  bool
	visit      *record.Visit
	visitDirty bool
}

// stored is the state a commit leaves, applied to the mirror afterwards.
type stored struct {
	first, last, acked, lost uint64
	seqs                     []uint64
	days                     map[string]int
}

func (s snapshot) empty() bool {
	return len(s.ops) == 0 && !s.ckptDirty && !s.visitDirty
}

// writer is the only goroutine that writes the database.
func (l *Log) writer() {
	defer close(l.stopped)
	failing := false
	for {
		l.mu.Lock()
		s := snapshot{ack: l.ackWant, lost: l.lost, ckpt: l.ckpt, ckptDirty: l.ckptDirty, visit: l.visit, visitDirty: l.visitDirty}
		n := min(len(l.queue), maxOpsPerCommit)
		s.ops = append([]*op(nil), l.queue[:n]...)
		ackDirty := s.ack != l.ackStored || s.lost != l.lostStored
		l.ckptDirty, l.visitDirty = false, false
		closing := l.closed
		tight := failing && l.diskFull
		l.mu.Unlock()

		if !s.empty() || ackDirty {
			st, err := l.commit(s, tight)
			recovered := false
			l.mu.Lock()
			if err != nil {
				// keep the control state dirty for the retry
				if s.ckptDirty && !l.ckptDirty {
					l.ckptDirty = true
				}
				if s.visitDirty && !l.visitDirty {
					l.visitDirty = true
				}
				l.diskFull = isDiskFull(err)
				l.setErrLocked(err)
				failing = true
				if l.failHook != nil {
					select {
					case l.failHook <- err:
					default:
					}
				}
			} else {
				l.queue = l.queue[len(s.ops):]
				l.queuedRecs -= len(s.ops)
				l.first, l.last, l.ackStored, l.lostStored = st.first, st.last, st.acked, st.lost
				for d, c := range st.days {
					l.days[d] = c
				}
				recovered, l.diskFull = l.diskFull, false
				failing = false
				if len(s.ops) > 0 {
					close(l.changed)
					l.changed = make(chan struct{})
				}
			}
			more := len(l.queue) > 0 || l.ckptDirty || l.visitDirty || l.ackWant != l.ackStored || l.lost != l.lostStored
			l.mu.Unlock()
			if recovered {
				l.opts.Logf("playlog: disk has space again; %d queued records written", len(s.ops))
			}
			if err == nil {
				for i, o := range s.ops {
					o.finish(st.seqs[i], nil)
				}
				if more {
					continue
				}
			}
		}
		if closing && !failing {
			l.mu.Lock()
			idle := len(l.queue) == 0 && !l.ckptDirty && !l.visitDirty && l.ackWant == l.ackStored && l.lost == l.lostStored
			l.mu.Unlock()
			if idle {
				l.closeChanged()
				return
			}
			continue
		}
		if closing && failing {
			l.closeChanged()
			return
		}
		var retry <-chan time.Time // nil (never) unless a write failed
		if failing {
			retry = l.opts.Clock.After(l.opts.RetryEvery)
		}
		select {
		case <-l.wake:
		case <-retry:
		case <-l.stop:
		}
	}
}

func (l *Log) closeChanged() {
	l.mu.Lock()
	defer l.mu.Unlock()
	close(l.changed)
	l.changed = make(chan struct{})
}

// commit writes one snapshot in one fsync'd transaction. When the disk was
// full (tight) it first frees space: up to max(2×batch, 1000) of the oldest
// acknowledged records are pruned in their own transaction.
func (l *Log) commit(s snapshot, tight bool) (st stored, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = l.markDamaged("writing", strings.TrimSpace(strings.Split(errString(r), "\n")[0]))
		}
	}()
	if tight && len(s.ops) > 0 {
		// Free room: drop acknowledged records, oldest first, in a small
		// transaction of its own, before the real write.
		_ = l.db.Update(func(tx *bolt.Tx) error {
			_, err := pruneAcked(tx, max(2*len(s.ops), 1000), s.ack)
			return err
		})
	}
	st.days = map[string]int{}
	err = l.db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		recs := tx.Bucket(bucketRecords)
		for _, o := range s.ops {
			seq, err := l.put(tx, o.entry)
			if err != nil {
				return err
			}
			st.seqs = append(st.seqs, seq)
			if o.entry.Play != nil {
				day := o.entry.Play.Start.In(l.opts.Location).Format("2006-01-02")
				st.days[day] = int(keySeq(tx.Bucket(bucketDays).Get([]byte(day))))
			}
		}
		// The acknowledgement may also go down (ErrHubBehind).
		if s.ack != keySeq(meta.Get(keyAcked)) {
			if err := meta.Put(keyAcked, seqKey(s.ack)); err != nil {
				return err
			}
		}
		if s.lost != keySeq(meta.Get(keyLost)) {
			if err := meta.Put(keyLost, seqKey(s.lost)); err != nil {
				return err
			}
		}
		st.lost = s.lost
		if s.ckptDirty {
			if err := putEntry(meta, keyCheckpoint, s.ckpt, nil); err != nil {
				return err
			}
		}
		if s.visitDirty {
			if err := putEntry(meta, keyVisit, nil, s.visit); err != nil {
				return err
			}
		}
		st.acked = keySeq(meta.Get(keyAcked))
		c := recs.Cursor()
		first, last := keySeq(firstKey(c)), keySeq(lastKey(c))
		if first != 0 && int(last-first+1) > l.opts.MaxRecords {
			if _, err := pruneAcked(tx, int(last-first+1)-l.opts.MaxRecords, st.acked); err != nil {
				return err
			}
		}
		st.first, st.last = keySeq(firstKey(c)), keySeq(lastKey(c))
		return nil
	})
	return st, err
}

func errString(r any) string {
	if e, ok := r.(error); ok {
		return e.Error()
	}
	if s, ok := r.(string); ok {
		return s
	}
	return "panic"
}

// put stores e under the next sequence and counts a play in its day.
func (l *Log) put(tx *bolt.Tx, e record.Entry) (uint64, error) {
	meta := tx.Bucket(bucketMeta)
	seq := keySeq(meta.Get(keyNext))
	e.Seq = seq
	v, err := encodeValue(e)
	if err != nil {
		return 0, err
	}
	if err := tx.Bucket(bucketRecords).Put(seqKey(seq), v); err != nil {
		return 0, err
	}
	if err := meta.Put(keyNext, seqKey(seq+1)); err != nil {
		return 0, err
	}
	if e.Play != nil {
		days := tx.Bucket(bucketDays)
		day := []byte(e.Play.Start.In(l.opts.Location).Format("2006-01-02"))
		if err := days.Put(day, seqKey(keySeq(days.Get(day))+1)); err != nil {
			return 0, err
		}
	}
	return seq, nil
}

func putEntry(meta *bolt.Bucket, key []byte, p *record.Play, v *record.Visit) error {
	if p == nil && v == nil {
		return meta.Delete(key)
	}
	e := record.Entry{Kind: record.KindPlay, Play: p}
	if v != nil {
		e = record.Entry{Kind: record.KindVisit, Visit: v}
	}
	b, err := encodeValue(e)
	if err != nil {
		return err
	}
	return meta.Put(key, b)
}

// pruneAcked deletes up to n of the oldest records with sequence ≤ acked.
func pruneAcked(tx *bolt.Tx, n int, acked uint64) (int, error) {
	recs := tx.Bucket(bucketRecords)
	c := recs.Cursor()
	deleted := 0
	for k, _ := c.First(); k != nil && deleted < n && keySeq(k) <= acked; k, _ = c.First() {
		if err := c.Delete(); err != nil {
			return deleted, err
		}
		deleted++
	}
	return deleted, nil
}

// isDiskFull reports a write that failed for lack of space: ENOSPC, EDQUOT,
// Windows' ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL, or bbolt's MaxSize (some
// bbolt paths keep only the message, hence the text matches).
func isDiskFull(err error) bool {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.Errno(diskFullErrno)) ||
		errors.Is(err, syscall.Errno(diskFullErrno2)) || errors.Is(err, berrors.ErrMaxSizeReached) {
		return true
	}
	msg := strings.ToLower(err.Error())
	for _, s := range []string{"no space left on device", "disk quota exceeded", "not enough space on the disk",
		"disk is full", "file too large", strings.ToLower(berrors.ErrMaxSizeReached.Error())} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
