package playlog

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/playhall/playhall/record"
)

// KindCorrupt marks an outbox entry whose stored bytes fail their checksum.
// It is sent with no body so that the hub rejects (quarantines) that
// sequence and the acknowledged range can move past it.
const KindCorrupt = "corrupt"

// KindLost marks an outbox entry for a record pruned here (the hub had
// acknowledged it) that the hub no longer holds (see ErrHubBehind). It is
// sent with no body, like KindCorrupt, so the hub quarantines that sequence
// and its contiguous range can move past it.
const KindLost = "lost"

// Pending returns the oldest unacknowledged stored records, numbered with
// their wire sequence in the returned epoch (see BindKiosk): at most
// maxRecords, and at most maxBytes of encoded entries (always at least one
// record when any is pending). After ErrHubBehind the first entries may be
// KindLost (no body) for sequences already pruned. It holds a read
// transaction only while copying; the caller may then spend as long as it
// likes on the network.
func (l *Log) Pending(maxRecords, maxBytes int) (epoch string, entries []record.Entry, err error) {
	defer func() {
		if r := recover(); r != nil {
			entries, err = nil, l.markDamaged("reading the outbox", r)
		}
	}()
	l.mu.Lock()
	from, epoch, base := l.ackWant+1, l.epoch, l.base
	l.mu.Unlock()
	err = l.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketRecords).Cursor()
		k, v := c.Seek(seqKey(from))
		// Sequences before the first stored record were pruned; they are
		// pending only after ErrHubBehind.
		held := keySeq(tx.Bucket(bucketMeta).Get(keyNext))
		if k != nil {
			held = keySeq(k)
		}
		for seq := from; seq < held && len(entries) < maxRecords; seq++ {
			entries = append(entries, record.Entry{Seq: seq - base, Kind: KindLost})
		}
		size := 32 * len(entries)
		for ; k != nil && len(entries) < maxRecords; k, v = c.Next() {
			size += len(v) + 16
			if len(entries) > 0 && size > maxBytes {
				break
			}
			e, derr := decodeEntry(v)
			if derr != nil {
				e = record.Entry{Kind: KindCorrupt}
				l.mu.Lock()
				l.setErrLocked(fmt.Errorf("record %d unreadable: %w", keySeq(k), derr))
				l.mu.Unlock()
			}
			e.Seq = keySeq(k) - base
			entries = append(entries, e)
		}
		return nil
	})
	return epoch, entries, err
}

// Each calls fn for every stored record in sequence order inside one read
// transaction; a record that fails its checksum is passed with Kind
// KindCorrupt. fn's error stops the walk and is returned.
func (l *Log) Each(fn func(record.Entry) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = l.markDamaged("reading records", r)
		}
	}()
	return l.db.View(func(tx *bolt.Tx) error { return eachEntry(tx, fn) })
}

func eachEntry(tx *bolt.Tx, fn func(record.Entry) error) error {
	recs := tx.Bucket(bucketRecords)
	if recs == nil {
		return errors.New("playlog: no records bucket")
	}
	return recs.ForEach(func(k, v []byte) error {
		e, err := decodeEntry(v)
		if err != nil {
			e = record.Entry{Kind: KindCorrupt}
		}
		e.Seq = keySeq(k)
		return fn(e)
	})
}
