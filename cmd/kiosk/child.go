package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
)

// runChild runs exe with args, passing stdio through, and returns its exit
// code (1 when it could not start).
func runChild(exe string, args []string, stderr io.Writer) int {
	cmd := exec.Command(exe, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, stderr
	err := cmd.Run()
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
