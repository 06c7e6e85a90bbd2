// Package supervise keeps the kiosk running where no service manager does
// (Windows: `kiosk --supervise`): it starts the kiosk, and when the kiosk
// stops it decides whether and when to start it again. On Linux systemd
// does the same job (deploy/playhall-kiosk.service).
//
// The policy (Next) is a pure function and the loop (Supervisor.Run) takes
// its clock and its sleep from the caller, so both are tested without a
// process or a wait. The package never imports Ebitengine.
package supervise

import (
	"fmt"
	"io"
	"time"
)

// Exit codes the kiosk ends with on purpose. Neither is restarted: after the
// staff menu's Exit staff are servicing the PC, and restarting cannot fix a
// bad flag or kiosk.toml. A Go panic exits with 2 and is restarted.
const (
	ExitByStaff = 10
	ExitUsage   = 64
)

// The restart policy's numbers.
const (
	// Healthy is how long a run must last to count as healthy: the next
	// crash is restarted at once and the backoff starts again from FirstDelay.
	Healthy = time.Minute
	// FirstDelay is the wait after a run shorter than Healthy; it doubles
	// with each further short run, up to MaxDelay.
	FirstDelay = time.Second
	MaxDelay   = 30 * time.Second
)

// Next is the restart policy. The kiosk just exited with code after running
// for ran; last is the delay that came before that run (0 for the first run
// and for a restart at once). Next says whether to start the kiosk again and
// how long to wait first:
//
//   - 0 (a harness run's normal end), ExitByStaff and ExitUsage: no restart.
//   - any other code after a healthy run (ran ≥ Healthy): restart at once.
//     A crash after minutes or hours of good service is most likely a
//     one-off, and every second of black screen is a second a visitor sees;
//     if it was not a one-off, the next short run starts the backoff.
//   - after a short run: FirstDelay, then double the last delay, capped at
//     MaxDelay, so a kiosk that cannot start (no display, broken driver)
//     neither spins the CPU nor floods the log, yet is tried twice a minute.
func Next(code int, ran, last time.Duration) (restart bool, delay time.Duration) {
	switch code {
	case 0, ExitByStaff, ExitUsage:
		return false, 0
	}
	if ran >= Healthy {
		return true, 0
	}
	if last <= 0 {
		return true, FirstDelay
	}
	return true, min(2*last, MaxDelay)
}

// Supervisor runs the kiosk again and again under the Next policy.
type Supervisor struct {
	// Start runs the kiosk once, waits for it to end and returns its exit
	// code (1 when it could not be started, or was killed by a signal).
	Start func() int
	Now   func() time.Time    // time.Now, or a test clock
	Sleep func(time.Duration) // time.Sleep, or a test clock
	Log   io.Writer           // one line per exit and per decision
}

// Run starts the kiosk and restarts it until Next says stop, then returns
// the kiosk's last exit code (the supervisor's own exit code).
func (s Supervisor) Run() int {
	var last time.Duration
	for {
		began := s.Now()
		code := s.Start()
		ran := s.Now().Sub(began)
		again, delay := Next(code, ran, last)
		switch {
		case !again:
			s.logf("kiosk exited with %d after %s; not restarted (%s)", code, ran.Round(time.Millisecond), why(code))
			return code
		case delay == 0:
			s.logf("kiosk exited with %d after %s; restarting now", code, ran.Round(time.Millisecond))
		default:
			s.logf("kiosk exited with %d after %s; restarting in %s", code, ran.Round(time.Millisecond), delay)
		}
		s.Sleep(delay)
		last = delay
	}
}

func why(code int) string {
	switch code {
	case ExitByStaff:
		return "the staff menu's Exit"
	case ExitUsage:
		return "bad flags or kiosk.toml"
	}
	return "normal end"
}

func (s Supervisor) logf(format string, args ...any) {
	fmt.Fprintf(s.Log, "%s kiosk --supervise: %s\n", s.Now().Format("15:04:05.000"), fmt.Sprintf(format, args...))
}
