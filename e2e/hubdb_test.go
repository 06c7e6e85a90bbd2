package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/playhall/playhall/hub/store"
	"github.com/playhall/playhall/record"
)

// storedPlays reads every play from a stopped hub's database, as an
// auditor would (store.ReadPlays), and returns the database file's bytes
// for the privacy checks.
func storedPlays(t *testing.T, hubDir string) ([]record.Play, []byte) {
	t.Helper()
	plays, err := store.ReadPlays(hubDir, 5*time.Second)
	if err != nil {
		t.Fatalf("read the hub's plays (is the hub still running?): %v", err)
	}
	raw, err := os.ReadFile(filepath.Join(hubDir, store.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	return plays, raw
}

// noClientTraces fails if the hub's database holds anything that could
// identify the browser or machine a play came from.
func noClientTraces(t *testing.T, raw []byte, extra ...string) {
	t.Helper()
	for _, s := range append([]string{"127.0.0.1", "[::1]", "Mozilla/", "HeadlessChrome", "Chromium", "playhall_session"}, extra...) {
		if bytes.Contains(raw, []byte(s)) {
			t.Errorf("the hub's database holds %q: a client address or browser trace was stored", s)
		}
	}
}
