package playlog

import (
	"fmt"
	"time"

	"github.com/playhall/playhall/record"
)

// QuarantineWarnFor is how long Status.Warnings mentions a quarantined
// database.
const QuarantineWarnFor = 7 * 24 * time.Hour

// Status is what the staff menu shows about the log. Status() is cheap (no
// disk access) and may be called every frame.
type Status struct {
	Epoch      string
	TodayPlays int    // plays whose start is today in Options.Location
	Records    int    // records stored in the database
	Backlog    int    // records the hub has not acknowledged, stored or queued
	Queued     int    // records waiting in memory (disk full or write error)
	LastSeq    uint64 // last stored sequence
	AckedSeq   uint64 // last sequence the hub acknowledged
	Cap        int
	NearCap    bool // backlog ≥ WarnFraction × Cap
	OverCap    bool // backlog ≥ Cap: unacknowledged records are kept past the cap
	DiskFull   bool
	Damaged    bool // the file could not be read while running: restart the kiosk
	Dropped    int  // plays refused since Open because the memory queue was full
	// LostToHub counts records the hub acknowledged, then lost (restored
	// from an older backup), after they were pruned here: they can never
	// reach the hub again. Kept in the database, so it survives restarts.
	LostToHub int
	// LastQuarantine is the last database moved aside (kept in the new
	// database's meta bucket, so it survives restarts), or nil.
	LastQuarantine *Quarantine
	// QuarantineRecent is true for QuarantineWarnFor after the event; the
	// staff menu warns only then.
	QuarantineRecent bool
	LastError        string
	LastErrorAt      time.Time
	Visit            *record.Visit // the open class visit, or nil
}

// Warnings returns short English lines for the staff menu, worst first.
func (s Status) Warnings() []string {
	var w []string
	if s.Dropped > 0 {
		w = append(w, fmt.Sprintf("%d plays could not be saved (disk full)", s.Dropped))
	}
	if s.LostToHub > 0 {
		w = append(w, fmt.Sprintf("%d plays lost to the hub (it was restored from an older backup)", s.LostToHub))
	}
	if s.Damaged {
		w = append(w, "play log damaged: restart the kiosk to repair it")
	}
	if s.DiskFull {
		w = append(w, fmt.Sprintf("disk full: %d plays waiting in memory", s.Queued))
	}
	if s.OverCap {
		w = append(w, fmt.Sprintf("%d plays not synced: over the %d cap, sync now", s.Backlog, s.Cap))
	} else if s.NearCap {
		w = append(w, fmt.Sprintf("%d plays not synced (cap %d): sync soon", s.Backlog, s.Cap))
	}
	if s.LastQuarantine != nil && s.QuarantineRecent {
		w = append(w, fmt.Sprintf("play log was damaged and restarted on %s (%s)",
			s.LastQuarantine.Time.Format("2006-01-02 15:04"), s.LastQuarantine.File))
	}
	return w
}

func (l *Log) setErrLocked(err error) {
	l.lastErr = err.Error()
	l.lastErrAt = l.opts.Clock.Now()
}

// Status returns the log's current state.
func (l *Log) Status() Status {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := Status{
		Epoch:       l.epoch,
		TodayPlays:  l.days[l.opts.Clock.Now().In(l.opts.Location).Format("2006-01-02")],
		Queued:      l.queuedRecs,
		LastSeq:     l.last,
		AckedSeq:    l.ackWant,
		Cap:         l.opts.MaxRecords,
		DiskFull:    l.diskFull,
		Damaged:     l.damaged,
		Dropped:     l.dropped,
		LostToHub:   int(l.lost),
		LastError:   l.lastErr,
		LastErrorAt: l.lastErrAt,
	}
	if l.first != 0 {
		s.Records = int(l.last - l.first + 1)
	}
	s.Backlog = int(l.last-min(l.ackWant, l.last)) + l.queuedRecs
	s.NearCap = float64(s.Backlog) >= l.opts.WarnFraction*float64(l.opts.MaxRecords)
	s.OverCap = s.Backlog >= l.opts.MaxRecords
	if l.quarantine != nil {
		q := *l.quarantine
		s.LastQuarantine = &q
		s.QuarantineRecent = l.opts.Clock.Now().Sub(q.Time) < QuarantineWarnFor
	}
	if l.visit != nil {
		v := *l.visit
		s.Visit = &v
	}
	return s
}

// Backlog returns the number of records not yet acknowledged by the hub,
// including those waiting in memory.
func (l *Log) Backlog() int { return l.Status().Backlog }

// Unsent returns the number of stored records not yet acknowledged: what
// Pending still has to give.
func (l *Log) Unsent() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return int(l.last - min(l.ackWant, l.last))
}
