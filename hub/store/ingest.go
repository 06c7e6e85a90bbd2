package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"regexp"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/playhall/playhall/record"
)

// Time sanity bounds for incoming records (after clock correction).
const (
	// MaxRecordAge is how old a record may be: a kiosk may be offline for
	// weeks, never for more than this.
	MaxRecordAge = 400 * 24 * time.Hour
	// MaxFuture is how far past the hub's clock a record may end.
	MaxFuture = 5 * time.Minute
	// SkewTolerance: a kiosk clock within this of the hub's is not corrected.
	SkewTolerance = 2 * time.Minute
)

var epochRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// IngestStats says what one batch did.
type IngestStats struct {
	Plays, Visits, Quarantined, Duplicates int
	// Corrupt and Lost count the quarantined entries the kiosk itself sent
	// bodiless as KindCorrupt or KindLost (included in Quarantined).
	Corrupt, Lost int
}

// Bodiless entry kinds a kiosk sends for a sequence it cannot send (see
// record.Entry). record/wire.go names them in a comment only; these are the
// exact strings.
const (
	KindCorrupt = "corrupt" // the kiosk's stored record failed its checksum
	KindLost    = "lost"    // pruned on the kiosk after this hub acknowledged it
)

// Quarantine reasons of the bodiless kinds, as the ack and
// /api/v1/admin/quarantine report them.
const (
	ReasonCorrupt = "corrupt on the kiosk: its stored record failed the checksum; the kiosk sent no body"
	ReasonLost    = "lost on the kiosk: pruned there after this hub acknowledged it, and this hub (restored from an older backup) no longer holds it"
)

// value prefixes in the per-epoch record buckets.
const (
	valPlay       = 'P'
	valVisit      = 'V'
	valQuarantine = 'Q'
)

func seqKey(seq uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], seq)
	return b[:]
}

// Skew returns how far the kiosk clock is behind the hub (add it to kiosk
// times), rounded to whole minutes; zero when within SkewTolerance or when
// sentAt is unknown.
func Skew(sentAt, received time.Time) time.Duration {
	if sentAt.IsZero() {
		return 0
	}
	d := received.Sub(sentAt)
	if d > -SkewTolerance && d < SkewTolerance {
		return 0
	}
	return d.Round(time.Minute)
}

// Ingest stores a batch from kiosk kioskID (the token's kiosk; the caller
// checked it equals b.KioskID). It is idempotent on (kiosk, epoch, seq):
// a record already stored is skipped. A bad record is quarantined (stored
// as rejected, counted as stored for the ack) and listed in Ack.Rejected;
// it never blocks the rest of the batch. Record times are shifted by the
// kiosk's clock skew (Skew of b.SentAt). Roll-ups are updated in the same
// transaction and in memory after it commits. Errors are ErrBadInput
// (batch-level problem: nothing stored), ErrNotFound / ErrRevoked (kiosk).
func (s *Store) Ingest(kioskID string, b *record.Batch) (record.Ack, IngestStats, error) {
	var st IngestStats
	ack := record.Ack{Epoch: b.Epoch}
	if !epochRE.MatchString(b.Epoch) {
		return ack, st, fmt.Errorf("%w: epoch %q must be 1–64 letters, digits, _ or -", ErrBadInput, b.Epoch)
	}
	if len(b.Entries) > record.MaxBatchRecords {
		return ack, st, fmt.Errorf("%w: %d entries; a batch holds at most %d", ErrBadInput, len(b.Entries), record.MaxBatchRecords)
	}
	now := s.Now().UTC()
	skew := Skew(b.SentAt, now)
	offset := b.Health.UTCOffsetMins
	if offset < -14*60 || offset > 14*60 {
		offset = 0
	}
	delta := NewDelta()
	visits := map[string]VisitInfo{}
	var kiosk Kiosk
	err := s.db.Update(func(tx *bolt.Tx) error {
		kb := tx.Bucket(bKiosks)
		kv := kb.Get([]byte(kioskID))
		if kv == nil || json.Unmarshal(kv, &kiosk) != nil {
			return fmt.Errorf("kiosk %q: %w", kioskID, ErrNotFound)
		}
		if kiosk.Revoked {
			return fmt.Errorf("kiosk %q: %w", kioskID, ErrRevoked)
		}
		kb2, err := tx.Bucket(bRecords).CreateBucketIfNotExists([]byte(kioskID))
		if err != nil {
			return err
		}
		eb, err := kb2.CreateBucketIfNotExists([]byte(b.Epoch))
		if err != nil {
			return err
		}
		eb.FillPercent = 0.95 // sequences mostly arrive in order: pack pages full
		qb, vb := tx.Bucket(bQuarantine), tx.Bucket(bVisits)
		for i := range b.Entries {
			e := &b.Entries[i]
			if e.Seq == 0 {
				ack.Rejected = append(ack.Rejected, record.Rejected{Seq: 0, Reason: fmt.Sprintf("entries[%d]: seq must start at 1", i)})
				continue
			}
			key := seqKey(e.Seq)
			if eb.Get(key) != nil {
				st.Duplicates++
				continue
			}
			val, vi, reason := s.checkEntry(e, b.KioskID, skew, offset, now, kiosk.School)
			if reason != "" {
				ack.Rejected = append(ack.Rejected, record.Rejected{Seq: e.Seq, Reason: reason})
				st.Quarantined++
				switch reason {
				case ReasonCorrupt:
					st.Corrupt++
				case ReasonLost:
					st.Lost++
				}
				raw, _ := json.Marshal(struct {
					Reason   string        `json:"reason"`
					Received time.Time     `json:"received"`
					Entry    *record.Entry `json:"entry"`
				}{reason, now, e})
				qk := append([]byte(kioskID+"\x00"+b.Epoch+"\x00"), key...)
				if err := qb.Put(qk, raw); err != nil {
					return err
				}
				if err := eb.Put(key, append([]byte{valQuarantine}, reason...)); err != nil {
					return err
				}
				continue
			}
			if err := eb.Put(key, val); err != nil {
				return err
			}
			if e.Kind == record.KindPlay {
				st.Plays++
				delta.AddPlay(e.Play, kiosk.School, offset)
			} else {
				st.Visits++
				visits[e.Visit.ID] = vi
				vj, _ := json.Marshal(vi)
				if err := vb.Put([]byte(e.Visit.ID), vj); err != nil {
					return err
				}
			}
		}
		// Highest contiguous sequence.
		ekey := []byte(kioskID + "\x00" + b.Epoch)
		epb := tx.Bucket(bEpochs)
		var acked uint64
		if v := epb.Get(ekey); len(v) == 8 {
			acked = binary.BigEndian.Uint64(v)
		}
		c := eb.Cursor()
		for k, _ := c.Seek(seqKey(acked + 1)); k != nil && binary.BigEndian.Uint64(k) == acked+1; k, _ = c.Next() {
			acked++
		}
		ack.AckedSeq = acked
		if err := epb.Put(ekey, seqKey(acked)); err != nil {
			return err
		}
		if err := writeDelta(tx, delta); err != nil {
			return err
		}
		kiosk.LastSeen = now
		kiosk.Health = b.Health
		kj, _ := json.Marshal(kiosk)
		return kb.Put([]byte(kioskID), kj)
	})
	if err != nil {
		return record.Ack{Epoch: b.Epoch}, IngestStats{}, err
	}
	s.mu.Lock()
	s.mem.applyDelta(delta)
	for id, vi := range visits {
		s.mem.visits[id] = vi
	}
	s.mem.kiosks[kioskID] = kiosk
	s.mu.Unlock()
	return ack, st, nil
}

// checkEntry validates and time-corrects one entry. It returns the value to
// store, or a reason for quarantine.
func (s *Store) checkEntry(e *record.Entry, kioskID string, skew time.Duration, offset int, now time.Time, school string) ([]byte, VisitInfo, string) {
	switch e.Kind {
	case record.KindPlay:
		p := e.Play
		if p == nil || e.Visit != nil {
			return nil, VisitInfo{}, "kind play needs a play and no visit"
		}
		if err := p.Validate(); err != nil {
			return nil, VisitInfo{}, err.Error()
		}
		if p.KioskID != kioskID {
			return nil, VisitInfo{}, fmt.Sprintf("play kiosk_id %q is not the batch's kiosk %q", p.KioskID, kioskID)
		}
		if p.Source == record.SourceWeb {
			return nil, VisitInfo{}, "a kiosk cannot send web plays"
		}
		if reason := s.checkIDs(p); reason != "" {
			return nil, VisitInfo{}, reason
		}
		p.Start = p.Start.Add(skew).UTC().Truncate(time.Minute)
		if reason := timeSane(p.Start, p.Start.Add(time.Duration(p.Duration*float64(time.Second))), now); reason != "" {
			return nil, VisitInfo{}, reason
		}
		return AppendPlayJSON([]byte{valPlay}, p), VisitInfo{}, ""
	case record.KindVisit:
		v := e.Visit
		if v == nil || e.Play != nil {
			return nil, VisitInfo{}, "kind visit needs a visit and no play"
		}
		if err := v.Validate(); err != nil {
			return nil, VisitInfo{}, err.Error()
		}
		if v.KioskID != kioskID {
			return nil, VisitInfo{}, fmt.Sprintf("visit kiosk_id %q is not the batch's kiosk %q", v.KioskID, kioskID)
		}
		v.Start = v.Start.Add(skew).UTC()
		end := v.Start
		if !v.End.IsZero() {
			v.End = v.End.Add(skew).UTC()
			end = v.End
		}
		if reason := timeSane(v.Start, end, now); reason != "" {
			return nil, VisitInfo{}, reason
		}
		j, err := json.Marshal(v)
		if err != nil {
			return nil, VisitInfo{}, err.Error()
		}
		vi := VisitInfo{School: school, Kiosk: kioskID, Label: v.Label, Day: DayOf(v.Start, offset), Students: v.Students}
		return append([]byte{valVisit}, j...), vi, ""
	case KindCorrupt, KindLost:
		if e.Play != nil || e.Visit != nil {
			return nil, VisitInfo{}, fmt.Sprintf("kind %s carries no body, but this entry has one", e.Kind)
		}
		if e.Kind == KindCorrupt {
			return nil, VisitInfo{}, ReasonCorrupt
		}
		return nil, VisitInfo{}, ReasonLost
	default:
		return nil, VisitInfo{}, fmt.Sprintf("kind %q is not play, visit, corrupt or lost", e.Kind)
	}
}

func timeSane(start, end, now time.Time) string {
	switch {
	case end.After(now.Add(MaxFuture)):
		return fmt.Sprintf("ends %s, after the hub's clock %s even after clock correction", end.Format(time.RFC3339), now.Format(time.RFC3339))
	case start.Before(now.Add(-MaxRecordAge)):
		return fmt.Sprintf("starts %s, more than %d days ago", start.Format(time.RFC3339), int(MaxRecordAge/(24*time.Hour)))
	}
	return ""
}

// WebKiosk is the kiosk id of web-edition plays.
const WebKiosk = "web"

// IngestWeb stores one anonymous web play, idempotent on its id (stored is
// false for a repeat). The play must have source web and kiosk_id "web".
// The browser's clock is not trusted: a start more than ten minutes away
// from "now minus duration" is replaced by that.
func (s *Store) IngestWeb(p *record.Play) (stored bool, err error) {
	if err := p.Validate(); err != nil {
		return false, fmt.Errorf("%w: %v", ErrBadInput, err)
	}
	if p.Source != record.SourceWeb || p.KioskID != WebKiosk {
		return false, fmt.Errorf("%w: a web play needs source \"web\" and kiosk_id \"web\"", ErrBadInput)
	}
	if reason := s.checkIDs(p); reason != "" {
		return false, fmt.Errorf("%w: %s", ErrBadInput, reason)
	}
	now := s.Now().UTC()
	expect := now.Add(-time.Duration(p.Duration * float64(time.Second))).Truncate(time.Minute)
	if d := p.Start.Sub(expect); d > 10*time.Minute || d < -10*time.Minute {
		p.Start = expect
	}
	delta := NewDelta()
	err = s.db.Update(func(tx *bolt.Tx) error {
		wb := tx.Bucket(bWeb)
		if wb.Get([]byte(p.ID)) != nil {
			return nil
		}
		if err := wb.Put([]byte(p.ID), AppendPlayJSON([]byte{valPlay}, p)); err != nil {
			return err
		}
		stored = true
		delta.AddPlay(p, WebSchool, WebOffsetMins)
		return writeDelta(tx, delta)
	})
	if err != nil || !stored {
		return false, err
	}
	s.mu.Lock()
	s.mem.applyDelta(delta)
	s.mu.Unlock()
	return true, nil
}
