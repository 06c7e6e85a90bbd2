//go:build unix

package kiosk

import (
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// stopRun is one stopWatch under test: its log and the exit code it chose.
type stopRun struct {
	w     *stopWatch
	lines chan string
	codes chan int
	clock atomic.Int64 // the watch's clock, in nanoseconds
}

// newStopRun catches the stop signals for the test's process; a signal it
// sends itself then reaches the watch, not Go's default.
func newStopRun(t *testing.T, wait time.Duration) *stopRun {
	r := &stopRun{lines: make(chan string, 8), codes: make(chan int, 1)}
	now := func() time.Time { return time.Unix(0, r.clock.Load()) }
	r.w = newStopWatch(func(f string, a ...any) { r.lines <- fmt.Sprintf(f, a...) }, wait, func(c int) { r.codes <- c }, now)
	t.Cleanup(r.w.release)
	return r
}

func raise(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := syscall.Kill(os.Getpid(), sig); err != nil {
		t.Fatal(err)
	}
}

// TestStopWatch checks the two ways a stop ends the process without the
// game loop: a second signal at once, and a stop that outlasts its wait.
// (The game loop's own stop is TestStopSignalLogsPlayAsCrashed.)
func TestStopWatch(t *testing.T) {
	t.Run("second signal", func(t *testing.T) {
		r := newStopRun(t, time.Hour)
		raise(t, syscall.SIGTERM)
		if sig := <-r.w.asked; sig != syscall.SIGTERM {
			t.Fatalf("game loop asked to stop by %v, want SIGTERM", sig)
		}
		r.clock.Add(int64(2 * stopEcho))
		raise(t, syscall.SIGINT)
		if code := <-r.codes; code != 130 {
			t.Errorf("exit %d after a second signal SIGINT, want 130", code)
		}
		if l := <-r.lines; l != "SIGINT again while stopping: exiting at once, exit 130" {
			t.Errorf("log %q", l)
		}
	})
	t.Run("echo of the first signal", func(t *testing.T) {
		// Ctrl+C under --supervise: the terminal's SIGINT and the
		// supervisor's come together; the second is not a second stop.
		r := newStopRun(t, time.Hour)
		raise(t, syscall.SIGINT)
		<-r.w.asked
		r.clock.Add(int64(stopEcho / 10))
		raise(t, syscall.SIGINT)
		if l := <-r.lines; !strings.HasPrefix(l, "SIGINT again 100ms after the first: the same stop") {
			t.Errorf("log %q", l)
		}
		select {
		case code := <-r.codes:
			t.Errorf("exit %d on the echo of the first signal", code)
		default:
		}
		r.clock.Add(int64(stopEcho))
		raise(t, syscall.SIGINT)
		if code := <-r.codes; code != 130 {
			t.Errorf("exit %d after a real second SIGINT, want 130", code)
		}
	})
	t.Run("stuck game loop", func(t *testing.T) {
		r := newStopRun(t, time.Millisecond)
		raise(t, syscall.SIGTERM)
		<-r.w.asked
		if code := <-r.codes; code != 143 {
			t.Errorf("exit %d after a stuck SIGTERM stop, want 143", code)
		}
		if l := <-r.lines; l != "stop by SIGTERM not done after 1ms: exiting without closing the play log, exit 143" {
			t.Errorf("log %q", l)
		}
	})
}
