package main

import "syscall"

// childAttr makes Linux send the kiosk SIGTERM when the supervisor dies,
// however it dies (SIGKILL, the OOM killer, a crash), so a supervisor started
// again never finds the old kiosk still holding the data folder.
//
// SIGTERM rather than SIGKILL: the kiosk installs no SIGTERM handler today,
// so SIGTERM ends it at once, exactly as SIGKILL would and as the crash
// harness does — no deferred cleanup, the play log not closed. That is safe:
// the play log commits every record and the open play's checkpoint in bbolt
// transactions, so the file is never left half-written and the next start
// logs the interrupted play as "crashed" (README.md, Crash recovery). SIGTERM
// also leaves the kiosk free to close the play log itself should it ever
// handle the signal, as systemd's stop already expects. Whoever adds such a
// handler must keep it short: nobody is left to send SIGKILL after it.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}

// bindChildren does nothing on Linux: childAttr does the job per child.
func bindChildren() error { return nil }
