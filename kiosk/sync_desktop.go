//go:build !js

package kiosk

import (
	"context"
	"fmt"
	"strings"
	"time"

	ksync "github.com/playhall/playhall/kiosk/sync"
	"github.com/playhall/playhall/record"
	"github.com/playhall/playhall/version"
)

// syncClient is the background sync client (nil when not syncing).
type syncClient = *ksync.Client

// startSync runs kiosk/sync's client in the background once the play log
// is open: it sends plays to the hub whenever the log gains records, backs
// off after errors and never blocks a frame. It does nothing useful until
// the kiosk is enrolled (`kioskctl enroll`), and starts syncing without a
// restart once it is. Harness runs (autoplay, replay, screenshots) do not
// sync.
func (a *App) startSync() {
	if a.plog == nil || a.opt.Autoplay || a.opt.Replay != "" || a.opt.Screenshots != "" {
		return
	}
	c := ksync.New(ksync.Config{
		DataDir: a.cfg.Kiosk.Data,
		Log:     a.plog,
		Health:  a.health,
	})
	a.syncer = c
	ctx, cancel := context.WithCancel(context.Background())
	a.stopSync = cancel
	go c.Run(ctx)
	a.sink.kioskID = func() string { return c.Status().KioskID }
}

// health is what the kiosk reports to the hub with every batch.
func (a *App) health() record.Health {
	h := record.Health{AppVersion: version.Version, ContentVersion: a.content.version()}
	var spans []string
	for _, s := range a.cfg.Hours.Open {
		spans = append(spans, s.String())
	}
	h.OpeningHours = strings.Join(spans, ",")
	_, off := time.Now().Zone()
	h.UTCOffsetMins = off / 60
	return h
}

// syncState is the staff menu's sync line.
func (a *App) syncState() string {
	if a.syncer == nil {
		if a.cfg.Hub.URL == "" {
			return "离线 offline (no hub.url)"
		}
		return "off in this run"
	}
	st := a.syncer.Status()
	s := fmt.Sprintf("%s  backlog %d", st.State, st.Backlog)
	if st.KioskID != "" {
		s += "  kiosk " + st.KioskID
	}
	if !st.LastSuccess.IsZero() {
		s += "  last " + st.LastSuccess.Local().Format("15:04")
	}
	if st.LastError != "" {
		s += "  error: " + st.LastError
	}
	return s
}
