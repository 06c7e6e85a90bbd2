package main

import (
	"fmt"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// childAttr is nil on Windows: bindChildren does the job for every child.
func childAttr() *syscall.SysProcAttr { return nil }

// bindChildren puts the supervisor into a job object that kills every
// process in it when its last handle closes (JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE).
// The handle is never closed and not inherited, so the supervisor holds the
// only one for as long as it lives. Every kiosk it starts afterwards is in
// the job from its first instruction (no window between start and
// assignment), and so is the kiosk's own audio probe child. When the supervisor ends in any way, Task Manager's End task
// included, Windows closes the handle and ends the kiosk, the equivalent of
// SIGKILL: the next start logs the interrupted play as "crashed". The
// supervisor itself is killed by the job only when it is ending anyway.
func bindChildren() error {
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return fmt.Errorf("job object: %w", err)
	}
	info := windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}
	info.BasicLimitInformation.LimitFlags = windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
	if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		windows.CloseHandle(job)
		return fmt.Errorf("job object limits: %w", err)
	}
	if err := windows.AssignProcessToJobObject(job, windows.CurrentProcess()); err != nil {
		windows.CloseHandle(job)
		return fmt.Errorf("job object: %w", err)
	}
	return nil
}
