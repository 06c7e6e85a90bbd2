//go:build !js

package kiosk

import (
	"os"

	"github.com/playhall/playhall/kiosk/playlog"
)

// playLog is where the kiosk's plays go. On a desktop it is the bbolt play
// log (kiosk/playlog); the web edition (storage_web.go) posts plays to the
// hub instead, since bbolt does not build for js/wasm.
type playLog = playlog.Log

// openLog opens the play log in the configured data folder. A problem is
// logged and the kiosk runs on without saving plays: a disk fault must not
// stop the exhibit.
func (a *App) openLog() {
	dir := a.cfg.Kiosk.Data
	if err := os.MkdirAll(dir, 0o755); err != nil {
		a.logf("data folder %s: %v (plays will not be saved)", dir, err)
		return
	}
	l, err := playlog.Open(dir, playlog.Options{Logf: a.logf, Clock: wallClock{}})
	if err != nil {
		a.logf("play log %s: %v (plays will not be saved)", dir, err)
		return
	}
	a.plog = l
	a.sink.log = l
}
