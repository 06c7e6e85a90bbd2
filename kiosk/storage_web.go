//go:build js

package kiosk

import (
	"errors"
	"fmt"
	"time"

	"github.com/playhall/playhall/record"
	"github.com/playhall/playhall/web/poster"
)

// playLog is the web edition's play log: a browser has no bbolt file, so a
// finished play goes straight to the hub's anonymous web endpoint (see
// web/poster) as source "web", kiosk id "web". Nothing about the visitor is
// kept in the browser: no cookie, no local storage, no play history.
type playLog struct {
	post  *poster.Poster
	today int
	day   string
}

// webStatus mirrors the fields of playlog.Status the staff menu reads (the
// web edition has no staff menu; this keeps the shared code building).
type webStatus struct {
	TodayPlays, Backlog, Records int
	Visit                        *record.Visit
	warnings                     []string
}

func (s webStatus) Warnings() []string { return s.warnings }

var errNoVisits = errors.New("the web edition has no class visits")

// openLog starts the poster for the configured hub URL (the page's origin
// unless the page says otherwise; see web/main.js) and, when the page asked
// for it, the test hook.
func (a *App) openLog() {
	installTestHook(a)
	if a.cfg.Hub.URL == "" {
		a.logf("web: no hub URL; plays will not be sent")
		return
	}
	l := &playLog{post: poster.New(a.cfg.Hub.URL, poster.Options{Logf: a.logf})}
	a.logf("web: plays go to %s", l.post.URL())
	a.plog = l
	a.sink.log = l
}

// Begin keeps the flow's own random play id.
func (l *playLog) Begin(record.Play) (string, error) { return "", nil }

// Checkpoint does nothing: an unfinished web play is simply not counted
// (the flow logs an abandoned play itself after the idle timeout).
func (l *playLog) Checkpoint(record.Play) error { return nil }

// Append queues the finished play for the hub; it never blocks.
func (l *playLog) Append(p record.Play) (struct{}, error) {
	if d := time.Now().Format(time.DateOnly); d != l.day {
		l.day, l.today = d, 0
	}
	l.today++
	return struct{}{}, l.post.Post(p)
}

func (l *playLog) CurrentVisit() *record.Visit { return nil }

func (l *playLog) StartVisit(string, int) (record.Visit, error) {
	return record.Visit{}, errNoVisits
}

func (l *playLog) EndVisit() (struct{}, error) { return struct{}{}, errNoVisits }

func (l *playLog) Status() webStatus {
	st := l.post.Stats()
	s := webStatus{TodayPlays: l.today, Backlog: st.Pending, Records: st.Sent}
	if st.Last != "" {
		s.warnings = []string{fmt.Sprintf("%d web plays not sent: %s", st.Dropped, st.Last)}
	}
	return s
}

func (l *playLog) Close() error {
	l.post.Close()
	return nil
}
