package main

import "syscall"

// childAttr makes Linux send the kiosk SIGTERM when the supervisor dies,
// however it dies (SIGKILL, the OOM killer, a crash), so a supervisor started
// again never finds the old kiosk still holding the data folder.
//
// SIGTERM rather than SIGKILL: the kiosk handles it (kiosk/stop.go). At its
// next frame it logs the play on screen as "crashed" with its state at the
// signal and closes the play log. Nobody is left to send SIGKILL after it, so
// the kiosk exits on its own if the stop is not done within 5 s; the play
// log's bbolt transactions keep the file whole either way, and the next
// start then logs the interrupted play from its checkpoint (README.md, Crash
// recovery).
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}

// bindChildren does nothing on Linux: childAttr does the job per child.
func bindChildren() error { return nil }
