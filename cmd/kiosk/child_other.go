//go:build !linux && !windows

package main

import "syscall"

// childAttr is nil here: only Linux (child_linux.go) and Windows
// (child_windows.go) end the kiosk when its supervisor is killed. Elsewhere
// a killed supervisor leaves the kiosk running; a stop signal is still
// passed on (child.go).
func childAttr() *syscall.SysProcAttr { return nil }

// bindChildren does nothing here (see childAttr).
func bindChildren() error { return nil }
