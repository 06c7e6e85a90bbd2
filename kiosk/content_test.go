package kiosk

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/playhall/playhall/levels"
)

// copyPack writes the default pack's files into a new folder.
func copyPack(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(levels.DefaultFS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, p), 0o755)
		}
		b, err := fs.ReadFile(levels.DefaultFS(), p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// next waits for the watcher's next load result (the watcher debounces
// fsnotify events; this is a blocking receive, not a sleep).
func next(t *testing.T, c *contentState) loadResult {
	t.Helper()
	select {
	case r := <-c.results:
		return r
	case <-time.After(30 * time.Second):
		t.Fatal("no content update within 30 s")
	}
	return loadResult{}
}

func TestContentReloadRefusesBadPackKeepsLastGood(t *testing.T) {
	dir := copyPack(t)
	c := newContentState(dir, t.Logf)
	defer c.stop()
	if c.err != "" || c.pack == nil {
		t.Fatalf("valid folder refused: %s", c.err)
	}
	good := c.pack
	story := filepath.Join(dir, "story.toml")
	b, err := os.ReadFile(story)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(story, append(b, []byte("\nbogus_key = 1\n")...), 0o644)
	r := next(t, c)
	if r.pack != nil || !strings.Contains(r.err, "story.toml:") {
		t.Fatalf("bad pack not refused with a file position: %+v", r)
	}
	// The flow keeps the last good pack: poll would only log the refusal.
	if c.pack != good {
		t.Fatal("current pack changed on a refusal")
	}
	os.WriteFile(story, b, 0o644)
	if r := next(t, c); r.pack == nil {
		t.Fatalf("fixed pack not loaded: %s", r.err)
	}
}
