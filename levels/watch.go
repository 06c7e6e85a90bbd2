package levels

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Update is the result of one (re)load of a watched content folder.
type Update struct {
	// Pack is the new valid pack, or nil when the folder does not validate
	// (the last good pack stays current; see Watcher.Current).
	Pack *Pack
	// Problems lists the errors that refused the folder, or the warnings of
	// a valid pack; each formats as path:line:column: message.
	Problems []Problem
	// Forced is true for the result of Reload (the staff menu's "reload").
	Forced bool
}

// WatchOptions tunes a Watcher. The zero value is usable.
type WatchOptions struct {
	// Debounce is how long the folder must stay quiet after a change before
	// it is loaded (an editor's save is several events). Default 300ms.
	Debounce time.Duration
	// Check is passed to the loader (glyph set, file name prefix).
	Check CheckOptions
}

// Watcher watches a content folder (and its subfolders) with fsnotify and
// delivers a new Update after each burst of changes, and on Reload. It never
// swaps anything itself: the kiosk reads Updates and swaps packs only at the
// attract screen, never mid-play.
//
// Delivery: Updates has a buffer of one and the newest update replaces an
// unread older one, so a slow reader sees the latest state, never a stale
// one; Current always answers with the last valid pack. A change that leaves
// the files' content version equal to the current valid pack (a touch, a
// save without edits) is not delivered unless the previous update was a
// refusal; Reload always delivers.
type Watcher struct {
	dir     string
	opt     WatchOptions
	fsw     *fsnotify.Watcher
	updates chan Update
	reload  chan struct{}
	done    chan struct{}
	exited  chan struct{}
	once    sync.Once

	mu        sync.Mutex
	current   *Pack
	lastValid bool
}

// NewWatcher loads dir once, starts watching it and returns the Watcher; the
// first load's result is already waiting on Updates. It fails only when the
// folder cannot be watched (missing, unreadable, no inotify left); an
// invalid pack is not an error but an Update with Problems.
func NewWatcher(dir string, opt WatchOptions) (*Watcher, error) {
	if opt.Debounce <= 0 {
		opt.Debounce = 300 * time.Millisecond
	}
	if opt.Check.Prefix == "" {
		opt.Check.Prefix = filepath.ToSlash(filepath.Clean(dir)) + "/"
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{
		dir: dir, opt: opt, fsw: fsw,
		updates: make(chan Update, 1),
		reload:  make(chan struct{}, 1),
		done:    make(chan struct{}),
		exited:  make(chan struct{}),
	}
	if err := w.watchTree(dir); err != nil {
		fsw.Close()
		return nil, err
	}
	w.load(false) // first load: always delivered (nothing current yet)
	go w.run()
	return w, nil
}

// Updates delivers load results; it is closed by Close.
func (w *Watcher) Updates() <-chan Update { return w.updates }

// Current returns the last valid pack loaded from the folder, or nil when
// the folder has never validated (the kiosk then keeps its built-in pack).
func (w *Watcher) Current() *Pack {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.current
}

// Reload asks for an immediate load whose Update has Forced set, whether or
// not anything changed. It does not block.
func (w *Watcher) Reload() {
	select {
	case w.reload <- struct{}{}:
	default: // one is already pending
	}
}

// Close stops watching and closes Updates. Safe to call more than once.
func (w *Watcher) Close() error {
	var err error
	w.once.Do(func() {
		close(w.done)
		<-w.exited
		err = w.fsw.Close()
	})
	return err
}

// watchTree adds dir and its subfolders (skipping hidden and _ folders,
// which the loader skips too).
func (w *Watcher) watchTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && skipName(d.Name()) {
			return filepath.SkipDir
		}
		return w.fsw.Add(p)
	})
}

func skipName(base string) bool {
	return strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_")
}

func (w *Watcher) run() {
	defer close(w.exited)
	defer close(w.updates)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-w.done:
			timer.Stop()
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() && !skipName(filepath.Base(ev.Name)) {
					_ = w.watchTree(ev.Name) // a new subfolder: watch it too
				}
			}
			if !w.relevant(ev) {
				continue
			}
			timer.Reset(w.opt.Debounce)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			w.send(Update{Problems: []Problem{{File: strings.TrimSuffix(w.opt.Check.Prefix, "/"), Severity: SeverityError,
				Msg: "watching the content folder failed: " + err.Error() + " (use reload after fixing)"}}})
		case <-w.reload:
			timer.Stop()
			w.load(true)
		case <-timer.C:
			w.load(false)
		}
	}
}

// relevant reports whether an event can change the pack: a .toml file or
// a folder (a removed or renamed folder takes its files with it).
func (w *Watcher) relevant(ev fsnotify.Event) bool {
	base := filepath.Base(ev.Name)
	if skipName(base) {
		return false
	}
	return strings.HasSuffix(base, ".toml") || filepath.Ext(base) == ""
}

// load reads the folder and delivers the result (see the Watcher doc for
// when an unchanged pack is not delivered).
func (w *Watcher) load(forced bool) {
	p, probs := LoadDirWith(w.dir, w.opt.Check)
	w.mu.Lock()
	if p != nil && !forced && w.lastValid && w.current != nil && w.current.Version == p.Version {
		w.mu.Unlock()
		return
	}
	if p != nil {
		w.current = p
	}
	w.lastValid = p != nil
	w.mu.Unlock()
	w.send(Update{Pack: p, Problems: probs, Forced: forced})
}

// send puts u on the channel, replacing an unread older update.
func (w *Watcher) send(u Update) {
	for {
		select {
		case w.updates <- u:
			return
		default:
		}
		select {
		case <-w.updates:
		default:
		}
	}
}
