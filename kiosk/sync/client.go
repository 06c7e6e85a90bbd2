// Package sync sends the kiosk's play log to the hub: enrolment, batches of
// at most record.MaxBatchRecords records or record.MaxBatchBytes, resending
// from the hub's highest contiguous sequence until everything is
// acknowledged, with backoff that never gives up. See record/wire.go for the
// protocol. No bbolt transaction is open during a network call: a batch is
// copied out of the log (playlog.Pending) first, and the acknowledgement is
// handed back afterwards (playlog.Ack).
//
// The package never imports Ebitengine.
package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	stdsync "sync"
	"time"

	"github.com/playhall/playhall/kiosk/playlog"
	"github.com/playhall/playhall/record"
)

// ErrNoProgress means the hub answered but did not acknowledge the first
// record sent (for example it lost its data); the client backs off.
var ErrNoProgress = errors.New("sync: hub did not acknowledge the records sent")

// ErrWrongEpoch means the hub's answer names another log epoch than the
// batch it answers; nothing is acknowledged and the client backs off.
var ErrWrongEpoch = errors.New("sync: hub acknowledged another epoch")

// State of the client, for the staff menu.
type State string

// States.
const (
	StateNotEnrolled  State = "not_enrolled"
	StateIdle         State = "synced"       // nothing left to send
	StateSyncing      State = "syncing"      // a batch is on the way
	StateWaiting      State = "waiting"      // backing off after an error
	StateUnauthorized State = "unauthorized" // token revoked: retries hourly
)

// Config wires a Client.
type Config struct {
	DataDir string       // holds enrollment.json
	Log     *playlog.Log // the open play log
	Clock   playlog.Clock
	// Health returns the kiosk's app/content version and opening hours; the
	// client fills Backlog, UptimeSeconds (if 0) and LastError. May be nil.
	Health func() record.Health
	// HTTP overrides the client built from the enrolment's CA file (tests).
	HTTP *http.Client
	// Rand returns numbers in [0,1) for the backoff jitter; default math/rand.
	Rand func() float64
	// IdlePoll is how often a synced kiosk still reports its health; default 1 min.
	IdlePoll time.Duration
}

// Status is the sync state for the staff menu.
type Status struct {
	State       State
	KioskID     string
	HubURL      string
	Backlog     int // records not yet acknowledged
	LastSuccess time.Time
	LastError   string
	LastErrorAt time.Time
	NextTry     time.Time // when Run tries again (zero while syncing or idle on changes)
	Failures    int       // consecutive failures
}

// Client syncs one play log to its hub. Safe for concurrent use; sends are
// serialised, so SyncNow from the staff menu and Run never overlap.
type Client struct {
	cfg     Config
	started time.Time

	sendMu stdsync.Mutex // one sync at a time

	mu      stdsync.Mutex
	enr     *Enrollment
	hc      *http.Client
	status  Status
	lastErr string
}

// New returns a client; it reads the enrolment lazily, so a kiosk enrolled
// while running starts syncing without a restart.
func New(cfg Config) *Client {
	if cfg.Clock == nil {
		cfg.Clock = playlog.SystemClock{}
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Float64
	}
	if cfg.IdlePoll <= 0 {
		cfg.IdlePoll = IdlePoll
	}
	return &Client{cfg: cfg, started: cfg.Clock.Now(), status: Status{State: StateNotEnrolled}}
}

// Status returns the current sync state; cheap, for every frame.
func (c *Client) Status() Status {
	c.mu.Lock()
	s := c.status
	c.mu.Unlock()
	s.Backlog = c.cfg.Log.Backlog()
	return s
}

func (c *Client) enrollment() (Enrollment, *http.Client, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.enr != nil {
		return *c.enr, c.hc, nil
	}
	e, err := LoadEnrollment(c.cfg.DataDir)
	if err != nil {
		return e, nil, err
	}
	hc := c.cfg.HTTP
	if hc == nil {
		if hc, err = httpClient(e.CAFile); err != nil {
			return e, nil, err
		}
	}
	c.enr, c.hc = &e, hc
	c.status.KioskID, c.status.HubURL = e.KioskID, e.HubURL
	return e, hc, nil
}

func (c *Client) setState(s State) {
	c.mu.Lock()
	c.status.State = s
	c.mu.Unlock()
}

func (c *Client) fail(err error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lastErr = err.Error()
	c.status.LastError, c.status.LastErrorAt = err.Error(), c.cfg.Clock.Now()
	c.status.Failures++
	var he *HTTPError
	switch {
	case errors.Is(err, ErrNotEnrolled):
		c.status.State = StateNotEnrolled
	case errors.As(err, &he) && he.Unauthorized():
		c.status.State = StateUnauthorized
	default:
		c.status.State = StateWaiting
	}
	return err
}

// SyncNow sends everything not yet acknowledged, batch by batch, and
// returns nil once the hub has acknowledged it all (it always sends at least
// one batch, so the hub gets the kiosk's health). progress, if not nil, is
// called after each batch with the records acknowledged so far and the
// backlog at the start. A 429 is honoured in place: it waits Retry-After (or
// the backoff) on the clock and goes on. Any other error stops it; the caller
// decides when to try again (Run backs off). If the hub answers less than
// it had acknowledged before (restored from an older backup), SyncNow
// resends from the hub's answer (playlog.ErrHubBehind, in Status().LastError);
// a second such answer within one call is returned as the error.
func (c *Client) SyncNow(ctx context.Context, progress func(sent, total int)) error {
	c.sendMu.Lock()
	defer c.sendMu.Unlock()
	e, hc, err := c.enrollment()
	if err != nil {
		return c.fail(err)
	}
	if err := c.cfg.Log.BindKiosk(e.KioskID); err != nil {
		return c.fail(err)
	}
	c.setState(StateSyncing)
	total := c.cfg.Log.Unsent()
	rewinds := 0
	for {
		epoch, entries, err := c.cfg.Log.Pending(record.MaxBatchRecords, record.MaxBatchBytes-4096)
		if err != nil {
			return c.fail(err)
		}
		body, err := c.encode(e, epoch, entries)
		if err != nil {
			return c.fail(err)
		}
		var ack record.Ack
		if err := postBody(ctx, hc, e.HubURL+"/api/v1/ingest", e.Token, body, &ack, c.cfg.Clock.Now); err != nil {
			var he *HTTPError
			if errors.As(err, &he) && he.Status == http.StatusTooManyRequests {
				// The hub asks us to slow down: wait as told and go on.
				c.fail(err)
				wait := he.RetryAfter
				if wait <= 0 {
					wait = Backoff(c.Status().Failures, c.cfg.Rand())
				}
				c.mu.Lock()
				c.status.NextTry = c.cfg.Clock.Now().Add(wait)
				c.mu.Unlock()
				select {
				case <-ctx.Done():
					return c.fail(ctx.Err())
				case <-c.cfg.Clock.After(wait):
				}
				c.setState(StateSyncing)
				continue
			}
			return c.fail(err)
		}
		if ack.Epoch != epoch {
			return c.fail(fmt.Errorf("%w: %q, sent %q", ErrWrongEpoch, ack.Epoch, epoch))
		}
		err = c.cfg.Log.Ack(epoch, ack.AckedSeq)
		rewound := errors.Is(err, playlog.ErrHubBehind)
		switch {
		case rewound && rewinds > 0:
			// The hub lost records twice within one sync: it is losing
			// data right now; back off rather than resend in a loop.
			return c.fail(err)
		case rewound:
			rewinds++
			c.mu.Lock()
			c.status.LastError, c.status.LastErrorAt = err.Error(), c.cfg.Clock.Now()
			c.mu.Unlock()
		case err != nil:
			c.fail(err) // clamped; keep going with what is known
		}
		left := c.cfg.Log.Unsent()
		if progress != nil {
			total = max(total, left)
			progress(total-left, total)
		}
		if rewound {
			continue // resend from the hub's answer
		}
		if len(entries) > 0 && ack.AckedSeq < entries[0].Seq {
			return c.fail(fmt.Errorf("%w: sent %d–%d, hub holds up to %d", ErrNoProgress,
				entries[0].Seq, entries[len(entries)-1].Seq, ack.AckedSeq))
		}
		if len(entries) == 0 || left == 0 {
			c.mu.Lock()
			c.status.State, c.status.LastSuccess, c.status.Failures = StateIdle, c.cfg.Clock.Now(), 0
			c.status.NextTry = time.Time{}
			c.lastErr = ""
			c.mu.Unlock()
			return nil
		}
	}
}

// encode builds the batch body, halving the entries until it fits
// record.MaxBatchBytes. Records carry the enrolled kiosk id (the log may hold
// plays from before enrolment, with none).
func (c *Client) encode(e Enrollment, epoch string, entries []record.Entry) ([]byte, error) {
	for i := range entries {
		if p := entries[i].Play; p != nil {
			p.KioskID = e.KioskID
		}
		if v := entries[i].Visit; v != nil {
			v.KioskID = e.KioskID
		}
	}
	var h record.Health
	if c.cfg.Health != nil {
		h = c.cfg.Health()
	}
	h.Backlog = c.cfg.Log.Backlog()
	if h.UptimeSeconds == 0 {
		h.UptimeSeconds = c.cfg.Clock.Now().Sub(c.started).Seconds()
	}
	if h.UTCOffsetMins == 0 {
		_, off := c.cfg.Clock.Now().Zone()
		h.UTCOffsetMins = off / 60
	}
	c.mu.Lock()
	if h.LastError == "" {
		h.LastError = c.lastErr
	}
	c.mu.Unlock()
	if s := c.cfg.Log.Status().LastError; h.LastError == "" && s != "" {
		h.LastError = "playlog: " + s
	}
	for {
		b := record.Batch{KioskID: e.KioskID, Epoch: epoch, SentAt: c.cfg.Clock.Now().UTC(), Health: h, Entries: entries}
		if b.Entries == nil {
			b.Entries = []record.Entry{}
		}
		body, err := json.Marshal(b)
		if err != nil {
			return nil, err
		}
		if len(body) <= record.MaxBatchBytes || len(entries) <= 1 {
			return body, nil
		}
		entries = entries[:len(entries)/2]
	}
}

// Run syncs in the background until ctx ends: right away, then whenever the
// log gains records (and every IdlePoll for health), backing off after
// errors (Backoff; hourly after 401/403; re-reading the
// enrolment every IdlePoll while not enrolled). It never gives up.
//
// When Run returns, the client's idle connections to the hub are closed:
// no goroutine of the HTTP transport outlives it.
func (c *Client) Run(ctx context.Context) {
	defer c.forget()
	for {
		changed := c.cfg.Log.Changed()
		err := c.SyncNow(ctx, nil)
		if ctx.Err() != nil {
			return
		}
		wait, onChange := c.cfg.IdlePoll, err == nil
		var he *HTTPError
		switch {
		case err == nil:
		case errors.Is(err, ErrNotEnrolled):
			c.forget()
		case errors.As(err, &he) && he.Unauthorized():
			wait = UnauthorizedRetry
			c.forget() // re-read: staff may have re-enrolled
		case errors.As(err, &he) && he.RetryAfter > 0:
			wait = he.RetryAfter
		default:
			c.mu.Lock()
			n := c.status.Failures
			c.mu.Unlock()
			wait = Backoff(n, c.cfg.Rand())
		}
		c.mu.Lock()
		c.status.NextTry = c.cfg.Clock.Now().Add(wait)
		c.mu.Unlock()
		if !onChange {
			changed = nil
		}
		select {
		case <-ctx.Done():
			return
		case <-c.cfg.Clock.After(wait):
		case <-changed:
		}
	}
}

// forget drops the loaded enrolment, so the next sync reads
// enrollment.json again, and closes the idle connections of its HTTP client.
func (c *Client) forget() {
	c.mu.Lock()
	hc := c.hc
	c.enr, c.hc = nil, nil
	c.mu.Unlock()
	if hc != nil {
		hc.CloseIdleConnections()
	}
}
