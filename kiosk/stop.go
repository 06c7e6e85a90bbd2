package kiosk

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/playhall/playhall/record"
)

// stopSignals ask the kiosk to stop: SIGINT (Ctrl+C; os.Interrupt on
// Windows too) and SIGTERM (systemctl stop, a shutdown, `kiosk --supervise`
// passing its own stop on, Linux's Pdeathsig when the supervisor dies; on
// Windows the console's close event: logoff and shutdown events are not
// sent to a process that has windows).
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// stopWait is how long a stop may take from the signal to the play log
// closed. The game loop notices the signal at its next Update, a frame
// later; if it is stuck (a hung driver, a window the OS stopped drawing),
// the kiosk exits anyway once stopWait has passed, without closing the play
// log, as Go's default for the signal would have at once: the open play's
// last checkpoint is then logged as crashed at the next start. A supervisor
// that died sent its SIGTERM with nobody left to send SIGKILL, so this must
// stay short; `kiosk --supervise` kills its kiosk 10 s after passing a
// signal on, systemd 90 s after its stop.
const stopWait = 5 * time.Second

// StopError is what Run returns when a stop signal ended the kiosk: the
// play in progress, if any, was logged as crashed with its state at the
// signal, and the play log was closed.
type StopError struct {
	Signal os.Signal
}

func (e *StopError) Error() string { return "kiosk: stopped by " + signalName(e.Signal) }

// ExitCode is the shell's code for a process ended by the signal:
// 128+signal, 143 for SIGTERM and 130 for SIGINT. It is not one of the
// codes kiosk/supervise treats as final, so a supervisor restarts a kiosk
// that was stopped on its own; systemd's unit lists 130 and 143 as
// success, so `systemctl stop` leaves the unit inactive, not failed.
func (e *StopError) ExitCode() int { return signalExitCode(e.Signal) }

// stopEcho is how soon after the first stop signal another one counts as
// the same stop, not a second one. Ctrl+C in a terminal signals the whole
// process group, and systemd's stop signals every process of the unit, so a
// kiosk under `kiosk --supervise` gets the signal twice at once: from the
// terminal or systemd and from its supervisor passing it on. Taken as a
// second signal, that echo ended the kiosk before it logged the play.
const stopEcho = time.Second

// stopWatch catches stopSignals for one Run: the first goes to the game
// loop (asked), a second one (more than stopEcho later) or stopWait without
// Run finishing ends the process at once.
type stopWatch struct {
	sigs  chan os.Signal // from signal.Notify
	asked chan os.Signal // the first signal, for the game loop; capacity 1
	done  chan struct{}  // closed by release
	logf  func(string, ...any)
	wait  time.Duration    // stopWait; tests shorten it
	exit  func(int)        // os.Exit; tests record the code
	now   func() time.Time // time.Now; tests set the clock
}

// watchStop starts catching stopSignals; release them with release.
func watchStop(logf func(string, ...any)) *stopWatch {
	return newStopWatch(logf, stopWait, os.Exit, time.Now)
}

func newStopWatch(logf func(string, ...any), wait time.Duration, exit func(int), now func() time.Time) *stopWatch {
	w := &stopWatch{sigs: make(chan os.Signal, 2), asked: make(chan os.Signal, 1), done: make(chan struct{}),
		logf: logf, wait: wait, exit: exit, now: now}
	signal.Notify(w.sigs, stopSignals...)
	go w.watch()
	return w
}

func (w *stopWatch) watch() {
	var sig os.Signal
	select {
	case sig = <-w.sigs:
	case <-w.done:
		return
	}
	first := w.now()
	w.asked <- sig
	timer := time.NewTimer(w.wait)
	defer timer.Stop()
	for {
		select {
		case <-w.done:
			return
		case again := <-w.sigs:
			if w.now().Sub(first) < stopEcho {
				w.logf("%s again %s after the first: the same stop (a process group or a supervisor passing it on)", signalName(again), w.now().Sub(first).Round(time.Millisecond))
				continue
			}
			code := signalExitCode(again)
			w.logf("%s again while stopping: exiting at once, exit %d", signalName(again), code)
			w.exit(code)
			return
		case <-timer.C:
			code := signalExitCode(sig)
			w.logf("stop by %s not done after %s: exiting without closing the play log, exit %d", signalName(sig), w.wait, code)
			w.exit(code)
			return
		}
	}
}

// release stops catching the signals (Go's default, ending the process at
// once, applies again) and ends the watch. Call it once Run has closed the
// play log.
func (w *stopWatch) release() {
	signal.Stop(w.sigs)
	close(w.done)
}

// stopIfAsked is called by Update before anything else runs in the frame.
// When a stop signal has come it ends the play in progress now, as crashed
// with its current score and duration (flow.Machine.EndSession), logs
// "stopped by SIGTERM", makes Run return a *StopError and reports true:
// Update then ends the game loop, and Run's deferred close flushes and
// closes the play log.
func (a *App) stopIfAsked() bool {
	if a.stop == nil {
		return false
	}
	var sig os.Signal
	select {
	case sig = <-a.stop.asked:
	default:
		return false
	}
	e := &StopError{Signal: sig}
	what := "no play in progress"
	if a.m.InSession() {
		p := a.m.Play()
		what = fmt.Sprintf("play %s cut off on screen %s, logged as crashed", p.ID, a.m.Screen())
	}
	a.m.EndSession(record.EndCrashed)
	a.logf("stopped by %s (%s); exit %d", signalName(sig), what, e.ExitCode())
	a.quitting, a.exitErr = true, e
	return true
}

// signalName is the signal as a shell names it: SIGTERM, SIGINT.
func signalName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}

// signalExitCode is 128+signal (1 for a signal with no number).
func signalExitCode(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 1
}
