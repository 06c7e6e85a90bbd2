package playlog

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/playhall/playhall/record"
)

// Receipt tracks one appended record until it is durable.
type Receipt struct {
	done chan struct{}
	seq  uint64
	err  error
}

// Done is closed once the record is committed and fsync'd, or has failed.
func (r *Receipt) Done() <-chan struct{} { return r.done }

// Seq is the record's sequence; valid once Done is closed and Err is nil.
func (r *Receipt) Seq() uint64 { <-r.done; return r.seq }

// Err is nil once the record is durable; ErrClosed if Close came first.
func (r *Receipt) Err() error { <-r.done; return r.err }

// Wait blocks until the record is durable or ctx ends.
func (r *Receipt) Wait(ctx context.Context) (uint64, error) {
	select {
	case <-r.done:
		return r.seq, r.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

type op struct {
	entry   record.Entry
	receipt *Receipt
}

func (o *op) finish(seq uint64, err error) {
	if o.receipt != nil {
		o.receipt.seq, o.receipt.err = seq, err
		close(o.receipt.done)
	}
}

// normalise fills what the kiosk may leave empty and checks the play: a new
// random id, Start truncated to the minute in UTC, source "kiosk". The kiosk
// id may be empty before enrolment (the sync client stamps it on sending).
func (l *Log) normalise(p *record.Play) error {
	if p.ID == "" {
		p.ID = NewID()
	}
	if p.Start.IsZero() {
		p.Start = l.opts.Clock.Now()
	}
	p.Start = p.Start.UTC().Truncate(time.Minute)
	if p.Source == "" {
		p.Source = record.SourceKiosk
	}
	check := *p
	if check.KioskID == "" {
		check.KioskID = "unenrolled"
	}
	return check.Validate()
}

// Append queues a finished play and returns at once; the writer goroutine
// commits it. The Receipt tells when it is durable; the kiosk may ignore it.
// It also clears the in-progress checkpoint (one play at a time per kiosk).
// Errors: record.ErrInvalid (nothing queued), ErrQueueFull, ErrClosed.
func (l *Log) Append(p record.Play) (*Receipt, error) {
	if err := l.normalise(&p); err != nil {
		return nil, err
	}
	return l.enqueue(record.Entry{Kind: record.KindPlay, Play: &p}, true)
}

// AppendSync appends a play and waits until it is durable; it returns the
// play's sequence. For tools (kioskctl simulate) and tests, not the game loop.
func (l *Log) AppendSync(p record.Play) (uint64, error) {
	r, err := l.Append(p)
	if err != nil {
		return 0, err
	}
	return r.Seq(), r.Err()
}

func (l *Log) enqueue(e record.Entry, clearCkpt bool) (*Receipt, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil, ErrClosed
	}
	if l.queuedRecs >= l.opts.QueueLimit {
		l.dropped++
		l.setErrLocked(fmt.Errorf("%w (%d waiting)", ErrQueueFull, l.queuedRecs))
		return nil, ErrQueueFull
	}
	r := &Receipt{done: make(chan struct{})}
	l.queue = append(l.queue, &op{entry: e, receipt: r})
	l.queuedRecs++
	if clearCkpt {
		l.ckpt, l.ckptDirty = nil, true
	}
	l.kick()
	return r, nil
}

func (l *Log) kick() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// Begin records the start of a play as the in-progress checkpoint and
// returns its id (set p.ID to it for Checkpoint and Append). If the kiosk
// dies before Append, the next Open logs the last checkpoint as "crashed".
// Like Append it never waits for the disk.
func (l *Log) Begin(p record.Play) (string, error) {
	if p.End == "" {
		p.End = record.EndCrashed
	}
	if err := l.normalise(&p); err != nil {
		return "", err
	}
	l.setCheckpoint(&p)
	return p.ID, nil
}

// Checkpoint replaces the in-progress play with its current state (score,
// items, answers so far). Only the latest checkpoint is ever written.
func (l *Log) Checkpoint(p record.Play) error {
	if p.End == "" {
		p.End = record.EndCrashed
	}
	if err := l.normalise(&p); err != nil {
		return err
	}
	l.setCheckpoint(&p)
	return nil
}

// Abort forgets the in-progress checkpoint without logging a play.
func (l *Log) Abort() { l.setCheckpoint(nil) }

func (l *Log) setCheckpoint(p *record.Play) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ckpt, l.ckptDirty = p, true
	l.kick()
}

// Ack records that the hub holds every record of epoch up to wire sequence
// seq (as Pending numbers them). Records up to it leave the outbox at once
// (Pending skips them); the acknowledgement is stored by the writer with its
// next commit. Errors:
//   - ErrEpoch: seq belongs to another epoch; nothing changes.
//   - ErrAckBeyondLog: seq is past the last stored record; it is clamped.
//   - ErrHubBehind: seq is below an earlier acknowledgement (the hub was
//     restored from an older backup). The outbox moves back to seq+1 so
//     the hub gets every record it lost; those already pruned here are
//     sent as KindLost, added to Status().LostToHub and logged. The error
//     text says which range is resent; the caller just syncs on.
func (l *Log) Ack(epoch string, seq uint64) error {
	l.mu.Lock()
	err := l.ackLocked(epoch, seq)
	l.mu.Unlock()
	if errors.Is(err, ErrHubBehind) {
		l.opts.Logf("%v", err)
	}
	return err
}

func (l *Log) ackLocked(epoch string, seq uint64) error {
	if epoch != l.epoch {
		return fmt.Errorf("%w: got %q, log is %q", ErrEpoch, epoch, l.epoch)
	}
	seq += l.base
	var err error
	if seq > l.last {
		err = fmt.Errorf("%w: seq %d, the log ends at %d", ErrAckBeyondLog, seq-l.base, l.last-l.base)
		seq = l.last
	}
	switch {
	case seq > l.ackWant:
		l.ackWant = seq
		l.kick()
	case seq < l.ackWant:
		err = l.rewindLocked(seq)
	}
	return err
}

// rewindLocked moves the outbox back to local sequence seq+1 (ErrHubBehind).
func (l *Log) rewindLocked(seq uint64) error {
	old := l.ackWant
	// Only acknowledged records are ever pruned, and always the oldest, so
	// the records lost to the hub are seq+1 .. first-1 (all of them up to
	// old when nothing is stored).
	prunedTo := old
	if l.first != 0 {
		prunedTo = min(old, l.first-1)
	}
	var lost uint64
	if prunedTo > seq {
		lost = prunedTo - seq
	}
	l.ackWant = seq
	l.lost += lost
	l.kick()
	err := fmt.Errorf("%w: epoch %s: hub holds up to %d, had acknowledged %d (restored from an older backup?); resending %d–%d",
		ErrHubBehind, l.epoch, seq-l.base, old-l.base, seq-l.base+1, old-l.base)
	if lost > 0 {
		err = fmt.Errorf("%w; %d of them were already pruned here and are lost to the hub (sent as kind %q)", err, lost, KindLost)
	}
	l.setErrLocked(err)
	return err
}

// StartVisit opens a class visit (label such as 初二(3)班, number of
// students). An open visit is kept across restarts until EndVisit; starting
// a visit while one is open ends the open one first.
func (l *Log) StartVisit(label string, students int) (record.Visit, error) {
	v := record.Visit{ID: NewID(), KioskID: "unenrolled", Label: label, Students: students,
		Start: l.opts.Clock.Now().UTC().Truncate(time.Minute)}
	if err := v.Validate(); err != nil {
		return record.Visit{}, err
	}
	v.KioskID = ""
	if _, err := l.EndVisit(); err != nil && err != ErrNoVisit {
		return record.Visit{}, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return record.Visit{}, ErrClosed
	}
	l.visit, l.visitDirty = &v, true
	l.kick()
	return v, nil
}

// EndVisit closes the open visit and logs it as a record synced like plays.
// An end before the start (the clock jumped back) is set to the start.
func (l *Log) EndVisit() (*Receipt, error) {
	l.mu.Lock()
	v := l.visit
	if v == nil {
		l.mu.Unlock()
		return nil, ErrNoVisit
	}
	done := *v
	done.End = l.opts.Clock.Now().UTC().Truncate(time.Minute)
	if done.End.Before(done.Start) {
		done.End = done.Start
	}
	l.visit, l.visitDirty = nil, true
	l.mu.Unlock()
	return l.enqueue(record.Entry{Kind: record.KindVisit, Visit: &done}, false)
}

// CurrentVisit returns the open visit, or nil. The kiosk copies its Label
// into each play's VisitGroup.
func (l *Log) CurrentVisit() *record.Visit {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.visit == nil {
		return nil
	}
	v := *l.visit
	return &v
}

// Changed returns a channel closed at the next commit that adds records or
// when the log closes; the sync client waits on it.
func (l *Log) Changed() <-chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.changed
}
