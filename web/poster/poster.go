// Package poster sends the web edition's finished plays to the hub's
// anonymous endpoint, POST /api/v1/web/plays (see record/wire.go).
//
// Contract:
//   - Post never blocks the game loop: it anonymises the play (Anonymise),
//     queues it and returns. A full queue refuses the play with ErrQueueFull.
//   - One goroutine sends the queue in order. A network error, a 5xx or a
//     429 is retried with a doubling wait (from Options.Retry, capped at one
//     minute; a 429's Retry-After wins) up to Options.Tries attempts; any
//     other 4xx is dropped at once, since resending cannot make a rejected
//     record valid. Every drop is logged and counted in Stats.
//   - Requests carry no credentials: in a browser fetch runs with
//     credentials "omit", so no cookie of the page's origin (such as a
//     dashboard session on the same hub) travels with a play; the body is
//     the record.Play and nothing else.
//
// The package never imports Ebitengine; it builds for js/wasm and for the
// host, where its tests run against a real hub.
package poster

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/playhall/playhall/record"
)

// Path is the hub's endpoint for web plays.
const Path = "/api/v1/web/plays"

// Errors.
var (
	ErrQueueFull = errors.New("poster: queue full, play dropped")
	ErrClosed    = errors.New("poster: closed")
)

// Options tune a Poster; zero values take the defaults.
type Options struct {
	Queue  int                                  // plays waiting to be sent (default 64)
	Tries  int                                  // attempts per play (default 8)
	Retry  time.Duration                        // first wait after a failure (default 2 s)
	Client *http.Client                         // default: a client with a 20 s timeout
	Logf   func(string, ...any)                 // default: discard
	Sleep  func(time.Duration) <-chan time.Time // default time.After (tests shorten waits)
}

// Stats counts what happened to the plays handed to Post.
type Stats struct {
	Sent    int    // stored by the hub (or already there: a repeat id)
	Dropped int    // refused by the hub, out of tries, or queue full
	Pending int    // queued or in flight
	Last    string // last error, "" when none
}

// Poster sends plays to one hub. Create with New; safe for concurrent use.
type Poster struct {
	url  string
	opt  Options
	q    chan record.Play
	quit chan struct{}
	done chan struct{}

	mu     sync.Mutex
	st     Stats
	idle   *sync.Cond
	closed bool
}

// New starts a poster for the hub at hubURL ("https://hub.example.org"; a
// trailing slash is fine).
func New(hubURL string, opt Options) *Poster {
	if opt.Queue <= 0 {
		opt.Queue = 64
	}
	if opt.Tries <= 0 {
		opt.Tries = 8
	}
	if opt.Retry <= 0 {
		opt.Retry = 2 * time.Second
	}
	if opt.Client == nil {
		opt.Client = &http.Client{Timeout: 20 * time.Second}
	}
	if opt.Logf == nil {
		opt.Logf = func(string, ...any) {}
	}
	if opt.Sleep == nil {
		opt.Sleep = time.After
	}
	p := &Poster{url: strings.TrimRight(hubURL, "/") + Path, opt: opt,
		q: make(chan record.Play, opt.Queue), quit: make(chan struct{}), done: make(chan struct{})}
	p.idle = sync.NewCond(&p.mu)
	go p.run()
	return p
}

// URL is the endpoint plays go to.
func (p *Poster) URL() string { return p.url }

// Anonymise returns the play as the web edition may send it: source "web",
// kiosk id "web", no visit group (a web visitor is never part of a kiosk's
// class visit), start truncated to the minute in UTC.
func Anonymise(pl record.Play) record.Play {
	pl.Source = record.SourceWeb
	pl.KioskID = "web"
	pl.VisitGroup = ""
	pl.Start = pl.Start.UTC().Truncate(time.Minute)
	return pl
}

// Post queues a finished play. It returns at once.
func (p *Poster) Post(pl record.Play) error {
	pl = Anonymise(pl)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return ErrClosed
	}
	select {
	case p.q <- pl:
		p.st.Pending++
		return nil
	default:
		p.st.Dropped++
		p.st.Last = ErrQueueFull.Error()
		p.opt.Logf("web play %s dropped: %v", pl.ID, ErrQueueFull)
		return ErrQueueFull
	}
}

// Stats returns the counts so far.
func (p *Poster) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.st
}

// Wait blocks until nothing is queued or in flight, or ctx ends.
func (p *Poster) Wait(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() {
		p.mu.Lock()
		p.idle.Broadcast()
		p.mu.Unlock()
	})
	defer stop()
	p.mu.Lock()
	defer p.mu.Unlock()
	for p.st.Pending > 0 && ctx.Err() == nil {
		p.idle.Wait()
	}
	return ctx.Err()
}

// Close stops taking plays and stops the sender; plays still queued are
// dropped (a browser tab closing cannot wait for them).
func (p *Poster) Close() {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	p.mu.Unlock()
	close(p.quit)
	<-p.done
}

func (p *Poster) run() {
	defer close(p.done)
	for {
		select {
		case <-p.quit:
			return
		case pl := <-p.q:
			err := p.send(pl)
			p.mu.Lock()
			p.st.Pending--
			if err != nil {
				p.st.Dropped++
				p.st.Last = err.Error()
			} else {
				p.st.Sent++
			}
			p.idle.Broadcast()
			p.mu.Unlock()
			if err != nil {
				p.opt.Logf("web play %s not sent: %v", pl.ID, err)
			}
		}
	}
}

// permanent marks an answer that resending cannot change.
type permanent struct{ error }

// send posts one play, retrying as the package doc says.
func (p *Poster) send(pl record.Play) error {
	body, err := json.Marshal(pl)
	if err != nil {
		return err
	}
	wait := p.opt.Retry
	var last error
	for try := 1; try <= p.opt.Tries; try++ {
		retryAfter, err := p.once(body)
		if err == nil {
			return nil
		}
		var perm permanent
		if errors.As(err, &perm) {
			return perm.error
		}
		last = err
		if try == p.opt.Tries {
			break
		}
		d := wait
		if retryAfter > 0 {
			d = retryAfter
		}
		p.opt.Logf("web play %s: %v; retry %d in %s", pl.ID, err, try, d)
		select {
		case <-p.quit:
			return fmt.Errorf("closed while retrying: %w", last)
		case <-p.opt.Sleep(d):
		}
		wait = min(wait*2, time.Minute)
	}
	return fmt.Errorf("gave up after %d tries: %w", p.opt.Tries, last)
}

// once makes one request. It returns the hub's Retry-After on a 429.
func (p *Poster) once(body []byte) (time.Duration, error) {
	req, err := http.NewRequest(http.MethodPost, p.url, bytes.NewReader(body))
	if err != nil {
		return 0, permanent{err}
	}
	req.Header.Set("Content-Type", "application/json")
	fetchOptions(req)
	resp, err := p.opt.Client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	switch {
	case resp.StatusCode == http.StatusOK:
		var ack record.WebAck
		if err := json.Unmarshal(msg, &ack); err != nil {
			return 0, fmt.Errorf("hub answered 200 with %q: %v", short(msg), err)
		}
		return 0, nil
	case resp.StatusCode == http.StatusTooManyRequests:
		ra, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		return time.Duration(ra) * time.Second, fmt.Errorf("hub: %s: %s", resp.Status, short(msg))
	case resp.StatusCode >= 500:
		return 0, fmt.Errorf("hub: %s: %s", resp.Status, short(msg))
	default:
		return 0, permanent{fmt.Errorf("hub refused the play: %s: %s", resp.Status, short(msg))}
	}
}

func short(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
