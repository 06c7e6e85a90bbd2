package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"sync"
	"syscall"
	"time"
)

// stopGrace is how long a supervisor asked to stop waits for the kiosk to
// end after passing the signal on, before it kills the kiosk.
const stopGrace = 10 * time.Second

// childRunner starts the kiosk for `kiosk --supervise`, one child at a time,
// and makes sure no kiosk outlives its supervisor, so a supervisor started
// again never runs a second kiosk on the same data folder:
//
//   - killed outright (SIGKILL, Task Manager), the OS ends the child:
//     Pdeathsig on Linux (child_linux.go), a job object on Windows
//     (child_windows.go);
//   - asked to stop (SIGINT, SIGTERM; Ctrl+C or a shutdown on Windows), the
//     supervisor passes the signal to the child, waits for it to exit (at
//     most stopGrace, then kills it) and exits with 128+signal, restarting
//     nothing.
type childRunner struct {
	exe  string
	args []string
	log  io.Writer

	mu    sync.Mutex
	cmd   *exec.Cmd // the kiosk running now; nil between runs
	began time.Time
	stop  os.Signal // the signal that asked the supervisor to stop; nil until then
}

// watchSignals turns SIGINT and SIGTERM into a stop of the supervisor (see
// childRunner). Call it once, before the first run.
func (r *childRunner) watchSignals() {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go r.stopOn(sigs)
}

// run runs the kiosk once, passing stdio through, and returns its exit code
// (1 when it could not start or was killed by a signal). After a stop signal
// it does not return: the supervisor exits once the child has.
func (r *childRunner) run() int {
	// Pdeathsig fires when the thread that started the child ends, not the
	// process; a goroutine locked to its thread keeps that thread alive until
	// Wait has returned.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cmd := exec.Command(r.exe, r.args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, r.log
	cmd.SysProcAttr = childAttr()
	r.mu.Lock()
	if r.stop != nil { // the signal came during the wait before this run
		r.exitLocked("no kiosk running")
	}
	err := cmd.Start()
	if err != nil {
		r.mu.Unlock()
		r.logf("cannot start the kiosk: %v", err)
		return 1
	}
	r.cmd, r.began = cmd, time.Now()
	r.mu.Unlock()
	r.logf("kiosk started, pid %d", cmd.Process.Pid)
	code := exitCode(cmd.Wait())
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cmd = nil
	if r.stop != nil {
		r.exitLocked(fmt.Sprintf("kiosk exited with %d after %s", code, time.Since(r.began).Round(time.Millisecond)))
	}
	return code
}

// stopOn waits for the first signal on sigs and stops the supervisor: at
// once between runs, else by passing the signal to the kiosk and killing it
// after stopGrace or at a second signal. run exits the process once the
// kiosk's Wait returns.
func (r *childRunner) stopOn(sigs <-chan os.Signal) {
	sig := <-sigs
	r.mu.Lock()
	r.stop = sig
	cmd := r.cmd
	if cmd == nil {
		r.exitLocked("no kiosk running")
	}
	r.mu.Unlock()
	r.logf("%v: passing it on to the kiosk (pid %d); stopping when it has exited", sig, cmd.Process.Pid)
	if err := cmd.Process.Signal(sig); err != nil {
		// Windows cannot send a signal; the kiosk shares the console and
		// gets the same Ctrl+C or shutdown event itself.
		r.logf("cannot pass %v on: %v", sig, err)
	}
	grace := time.NewTimer(stopGrace)
	select {
	case <-grace.C:
		r.logf("kiosk still running %s after %v; killing it", stopGrace, sig)
	case sig = <-sigs:
		r.logf("%v again: killing the kiosk", sig)
	}
	cmd.Process.Kill()
}

// exitLocked ends the supervisor after a stop signal with 128+signal (the
// shell's convention), saying why. r.mu is held, so no kiosk starts after it.
func (r *childRunner) exitLocked(what string) {
	code := 1
	if s, ok := r.stop.(syscall.Signal); ok {
		code = 128 + int(s)
	}
	r.logf("%s; stopped by %v, exit %d", what, r.stop, code)
	os.Exit(code)
}

// logf writes one line in the format of kiosk/supervise's log.
func (r *childRunner) logf(format string, args ...any) {
	fmt.Fprintf(r.log, "%s kiosk --supervise: %s\n", time.Now().Format("15:04:05.000"), fmt.Sprintf(format, args...))
}

// exitCode is the child's exit code from Wait's error: 1 when it was killed
// by a signal.
func exitCode(err error) int {
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		if c := ee.ExitCode(); c >= 0 {
			return c
		}
		return 1 // killed by a signal
	default:
		return 1
	}
}
