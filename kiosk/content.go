package kiosk

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/playhall/playhall/kiosk/flow"
	"github.com/playhall/playhall/levels"
)

// contentState holds the content pack in use and watches the content folder
// with levels.Watcher (fsnotify; a 2 s poll of file stamps when the folder
// cannot be watched). A changed folder is loaded off the game loop; a pack
// that fails to load is refused (the last good one keeps running) and its
// first problems are kept for the staff menu and the log. A good pack goes
// to the flow, which swaps it in at the attract screen only.
type contentState struct {
	dir     string
	watcher *levels.Watcher
	pack    *levels.Pack
	err     string // last refusal, "" when the last load was good
	loaded  time.Time
	results chan loadResult
	quit    chan struct{}
	reload  chan struct{}
	logf    func(string, ...any)
}

type loadResult struct {
	pack *levels.Pack
	err  string
}

// PollEvery is how often the content folder's files are checked for changes.
const PollEvery = 2 * time.Second

func newContentState(dir string, logf func(string, ...any)) *contentState {
	c := &contentState{dir: dir, logf: logf, results: make(chan loadResult, 1), quit: make(chan struct{}), reload: make(chan struct{}, 1)}
	def, err := levels.Default()
	if err != nil {
		// The embedded pack is checked by tests; this is a broken build.
		c.err = "built-in content: " + err.Error()
		logf("%s", c.err)
	}
	c.pack = def
	if dir != "" {
		if w, err := levels.NewWatcher(dir, levels.WatchOptions{}); err == nil {
			c.watcher = w
			go c.relay()
			r := <-c.results // the first load is waiting already
			if r.pack != nil {
				c.pack = r.pack
				logf("content %s loaded from %s (watching for changes)", r.pack.Version, dir)
			} else {
				c.err = r.err
				logf("content folder %s refused, using the built-in pack: %s", dir, r.err)
			}
			c.loaded = time.Now()
			return c
		} else {
			logf("content folder %s cannot be watched (%v); checking it every %s", dir, err, PollEvery)
		}
		r := load(dir)
		if r.pack != nil {
			c.pack = r.pack
			logf("content %s loaded from %s", r.pack.Version, dir)
		} else {
			c.err = r.err
			logf("content folder %s refused, using the built-in pack: %s", dir, r.err)
		}
		go c.watch()
	}
	c.loaded = time.Now()
	return c
}

// relay turns the watcher's updates into load results for poll.
func (c *contentState) relay() {
	for u := range c.watcher.Updates() {
		r := loadResult{pack: u.Pack}
		if u.Pack == nil {
			r.err = problemsText(u.Problems)
		}
		select {
		case c.results <- r:
		case <-c.quit:
			return
		}
	}
}

func problemsText(probs []levels.Problem) string {
	var lines []string
	for _, p := range probs {
		if p.Severity != levels.SeverityError && len(probs) > 1 {
			continue
		}
		lines = append(lines, p.String())
		if len(lines) == 3 {
			break
		}
	}
	if len(lines) == 0 {
		lines = append(lines, "no pack loaded")
	}
	return strings.Join(lines, "\n")
}

func load(dir string) (r loadResult) {
	defer func() {
		if p := recover(); p != nil { // a loader bug must not take the kiosk down
			r = loadResult{err: fmt.Sprintf("loader failed: %v", p)}
		}
	}()
	pack, probs := levels.LoadDir(dir)
	if pack == nil || levels.HasErrors(probs) {
		return loadResult{err: problemsText(probs)}
	}
	return loadResult{pack: pack}
}

// stamp summarises the folder's TOML files (names, sizes, times).
func stamp(dir string) string {
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".toml") {
			return nil
		}
		if info, err := d.Info(); err == nil {
			fmt.Fprintf(&b, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
		}
		return nil
	})
	return b.String()
}

func (c *contentState) watch() {
	last := stamp(c.dir)
	t := time.NewTicker(PollEvery)
	defer t.Stop()
	for {
		force := false
		select {
		case <-c.quit:
			return
		case <-t.C:
		case <-c.reload:
			force = true
		}
		s := stamp(c.dir)
		if s == last && !force {
			continue
		}
		last = s
		r := load(c.dir)
		select {
		case c.results <- r:
		case <-c.quit:
			return
		}
	}
}

// requestReload asks for a load now (staff menu).
func (c *contentState) requestReload() {
	if c.dir == "" {
		return
	}
	if c.watcher != nil {
		c.watcher.Reload()
		return
	}
	if _, err := os.Stat(c.dir); err != nil {
		c.err = err.Error()
		return
	}
	select {
	case c.reload <- struct{}{}:
	default:
	}
}

// poll applies a finished load; called on the game loop.
func (c *contentState) poll(m *flow.Machine) {
	select {
	case r := <-c.results:
		if r.pack == nil {
			c.err = r.err
			c.logf("content change refused, keeping %s: %s", c.version(), r.err)
			return
		}
		if c.pack != nil && r.pack.Version == c.pack.Version {
			c.err = ""
			return
		}
		c.pack, c.err, c.loaded = r.pack, "", time.Now()
		c.logf("content %s loaded; it starts at the next attract screen", r.pack.Version)
		m.SetPack(r.pack)
	default:
	}
}

func (c *contentState) version() string {
	if c.pack == nil {
		return "none"
	}
	return c.pack.Version
}

func (c *contentState) stop() {
	select {
	case <-c.quit:
	default:
		close(c.quit)
	}
	if c.watcher != nil {
		c.watcher.Close()
	}
}
