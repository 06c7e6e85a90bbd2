package kiosk

import (
	"fmt"
	"time"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/kiosk/flow"
)

// crashIfDue is the crash harness (Options.CrashAfter), called once per
// flow tick. When CrashAfter has passed since the process started and a
// round has been on screen for a second of flow time, so a play is open and
// checkpointed, it logs "crash harness: panic" with the open play's id and
// panics on a fresh goroutine. No deferred cleanup runs — the play log is
// not closed, the window not torn down — as in a driver fault or a kill, so
// recovery relies only on what the play log had already committed. The
// game loop blocks until the panic ends the process (exit code 2).
func (a *App) crashIfDue() {
	if a.opt.CrashAfter <= 0 || a.m.Screen() != flow.ScreenPlay || a.m.ScreenTicks() < game.TPS ||
		time.Since(processStart) < a.opt.CrashAfter {
		return
	}
	id := a.m.Play().ID
	a.logf("crash harness: panic %d ticks into the round, play %s open", a.m.ScreenTicks(), id)
	go func() { panic(fmt.Sprintf("kiosk crash harness (PLAYHALL_CRASH_AFTER): play %s open", id)) }()
	select {}
}
