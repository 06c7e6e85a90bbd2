package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// crashEnv turns on the crash harness, which tests crash recovery
// (README.md, Crash recovery): PLAYHALL_CRASH_AFTER=D makes the kiosk
// panic mid-round once D has passed since it started (kiosk.Options.CrashAfter).
// It is an environment variable, not a flag, so it never shows in --help
// and a `kiosk --supervise` passes it to every child it starts.
const crashEnv = "PLAYHALL_CRASH_AFTER"

// crashMarker, in the data folder, records that the harness has been armed
// once there: the kiosk the supervisor starts after the crash runs normally.
const crashMarker = "crash-harness.armed"

// armCrash returns the CrashAfter to run with: 0 when crashEnv is unset or
// this data folder has already been armed, else its duration, after leaving
// the marker. A value that is not a positive duration is an error.
func armCrash(dataDir string, log io.Writer) (time.Duration, error) {
	v := os.Getenv(crashEnv)
	if v == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s=%q is not a positive duration like 2s", crashEnv, v)
	}
	marker := filepath.Join(dataDir, crashMarker)
	if _, err := os.Stat(marker); err == nil {
		fmt.Fprintf(log, "kiosk: crash harness: %s exists, running normally\n", marker)
		return 0, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return 0, fmt.Errorf("crash harness: %w", err)
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return 0, fmt.Errorf("crash harness: %w", err)
	}
	if err := os.WriteFile(marker, []byte("armed "+time.Now().UTC().Format(time.RFC3339)+"\n"), 0o644); err != nil {
		return 0, fmt.Errorf("crash harness: %w", err)
	}
	fmt.Fprintf(log, "kiosk: crash harness: armed, will panic in the first round after %s\n", d)
	return d, nil
}
