package levels

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// next waits for the watcher's next update; the deadline only turns a
// missing update into a failure instead of a hung test.
func next(t *testing.T, w *Watcher) Update {
	t.Helper()
	select {
	case u, ok := <-w.Updates():
		if !ok {
			t.Fatal("Updates closed")
		}
		return u
	case <-time.After(20 * time.Second):
		t.Fatal("no update from the watcher")
	}
	return Update{}
}

func writePack(t *testing.T, dir string) {
	t.Helper()
	for name, f := range minimalFS(t, nil) {
		if err := os.WriteFile(filepath.Join(dir, name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	// Write a hidden temporary file and rename it into place, as editors
	// do, so the watcher never sees a half-written file.
	tmp := filepath.Join(filepath.Dir(path), ".edit-"+filepath.Base(path))
	if err := os.WriteFile(tmp, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func TestWatcherSwapsValidRefusesInvalid(t *testing.T) {
	dir := t.TempDir()
	writePack(t, dir)
	w, err := NewWatcher(dir, WatchOptions{Debounce: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	first := next(t, w)
	if first.Pack == nil || first.Forced || w.Current() != first.Pack {
		t.Fatalf("first update: pack %v forced %v problems %v", first.Pack != nil, first.Forced, first.Problems)
	}

	// A valid edit is delivered as a new pack.
	editFile(t, filepath.Join(dir, "levels.toml"), `title = { zh = "抓捕"`, `title = { zh = "抓捕毒贩"`)
	u := next(t, w)
	if u.Pack == nil || u.Pack.Version == first.Pack.Version || u.Pack.Level("shoot").Title.Zh != "抓捕毒贩" {
		t.Fatalf("valid edit: pack %v problems %v", u.Pack != nil, u.Problems)
	}
	good := u.Pack
	if w.Current() != good {
		t.Fatal("Current is not the new valid pack")
	}

	// An invalid edit is refused with file:line, and the last good pack stays.
	editFile(t, filepath.Join(dir, "levels.toml"), "health = 3", "health = 99")
	u = next(t, w)
	if u.Pack != nil {
		t.Fatal("invalid edit delivered a pack")
	}
	wantPrefix := filepath.ToSlash(dir) + "/levels.toml:11:3: level.difficulty.health: expected 1 to 10, found 99"
	if len(u.Problems) != 1 || u.Problems[0].String() != wantPrefix {
		t.Fatalf("invalid edit problems = %v, want %q", u.Problems, wantPrefix)
	}
	if w.Current() != good {
		t.Fatal("the last good pack was not kept")
	}

	// Reload re-reads on demand and says so; still refused.
	w.Reload()
	u = next(t, w)
	if !u.Forced || u.Pack != nil || len(u.Problems) != 1 {
		t.Fatalf("reload: forced %v pack %v problems %v", u.Forced, u.Pack != nil, u.Problems)
	}

	// Fixing the file delivers the pack again, even though its version is
	// the last good one's.
	editFile(t, filepath.Join(dir, "levels.toml"), "health = 99", "health = 3")
	u = next(t, w)
	if u.Pack == nil || u.Pack.Version != good.Version {
		t.Fatalf("fix: pack %v problems %v", u.Pack != nil, u.Problems)
	}

	// A subfolder moved in with a new level file is loaded (and watched).
	staged := filepath.Join(t.TempDir(), "more")
	if err := os.Mkdir(staged, 0o755); err != nil {
		t.Fatal(err)
	}
	extra := strings.Replace(strings.Replace(mustRead(t, "levels.toml"), `id = "shoot"`, `id = "shoot2"`, 1), `id = "sort"`, `id = "sort2"`, 1)
	if err := os.WriteFile(filepath.Join(staged, "extra.toml"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(staged, filepath.Join(dir, "more")); err != nil {
		t.Fatal(err)
	}
	for {
		u = next(t, w)
		if u.Pack != nil && u.Pack.Level("shoot2") != nil {
			break
		}
		if u.Pack == nil {
			t.Fatalf("new subfolder refused: %v", u.Problems)
		}
	}

	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for range w.Updates() { // drains and ends: Close closed the channel
	}
	if err := w.Close(); err != nil {
		t.Fatal("second Close:", err)
	}
}

func TestWatcherStartsInvalid(t *testing.T) {
	dir := t.TempDir()
	writePack(t, dir)
	editFile(t, filepath.Join(dir, "drugs.toml"), "sources = [", "srcs = [")
	w, err := NewWatcher(dir, WatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	u := next(t, w)
	if u.Pack != nil || w.Current() != nil || len(u.Problems) == 0 {
		t.Fatalf("invalid start: pack %v current %v problems %v", u.Pack != nil, w.Current() != nil, u.Problems)
	}
	if _, err := NewWatcher(filepath.Join(dir, "nope"), WatchOptions{}); err == nil {
		t.Fatal("watching a missing folder did not fail")
	}
}
