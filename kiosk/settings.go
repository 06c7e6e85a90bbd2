package kiosk

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/playhall/playhall/kiosk/config"
	"github.com/playhall/playhall/levels"
	"github.com/playhall/playhall/record"
)

// staffSettings are the staff menu's lasting changes over kiosk.toml
// (config.Overrides), kept in DATA/settings.toml. A change applies at once
// and is saved off the game loop by one writer goroutine (the latest
// change wins); close waits for the last save. Only the game loop calls
// its methods, except the writer's own fields under mu.
type staffSettings struct {
	path    string           // "" keeps nothing (--screenshots, the web edition)
	o       config.Overrides // in force, resolved against kiosk.toml and the pack
	notices []string         // for the staff menu: a file ignored, overrides dropped, a visit ended
	logf    func(string, ...any)

	mu      sync.Mutex
	pending *config.Overrides
	saveErr error
	closed  bool
	wake    chan struct{}
	done    chan struct{}
}

// maxNotices is how many settings notices the staff menu shows; the log
// has them all.
const maxNotices = 2

// wallDay is the computer's local date (wallNow's). The play log stamps a
// visit with the wall clock even under the harness's virtual clock, so
// "the same day" is decided by the wall clock too.
func wallDay() string { return wallNow().Format(time.DateOnly) }

// todayEnv is a test hook: PLAYHALL_TODAY=YYYY-MM-DD puts the kiosk's wall
// clock on that date, so scenario tests that start several kiosks and
// compare days do not fail when they run across midnight. Like
// PLAYHALL_CRASH_AFTER it is an environment variable, never a flag, so it
// does not show in --help.
const todayEnv = "PLAYHALL_TODAY"

// wallToday is todayEnv's date at noon, local time; zero when it is unset
// or not a date (openSettings logs that).
var wallToday = sync.OnceValues(func() (time.Time, error) {
	v := os.Getenv(todayEnv)
	if v == "" {
		return time.Time{}, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, v, time.Local)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s=%q is not a date like 2026-11-30; the computer's clock is in use", todayEnv, v)
	}
	return d.Add(12 * time.Hour), nil
})

// wallNow is the computer's local time. Under todayEnv it is noon of that
// date plus the time since the process started: it moves on, and a run
// would have to last twelve hours to reach the next day.
func wallNow() time.Time {
	if d, _ := wallToday(); !d.IsZero() {
		return d.Add(time.Since(processStart))
	}
	return time.Now()
}

// wallClock is the play log's clock: wallNow, with real timers.
type wallClock struct{}

func (wallClock) Now() time.Time                         { return wallNow() }
func (wallClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// openSettings reads the overrides at path and resolves them against cfg
// and pack. An unreadable or bad file is never fatal: it is logged, noted
// for the staff menu and ignored (a bad one is moved to settings.bad.toml),
// and kiosk.toml's values stand.
func openSettings(path string, cfg *config.Config, pack *levels.Pack, logf func(string, ...any)) *staffSettings {
	s := &staffSettings{path: path, logf: logf}
	if _, err := wallToday(); err != nil {
		logf("settings: %v", err)
	}
	if path == "" {
		return s
	}
	s.wake, s.done = make(chan struct{}, 1), make(chan struct{})
	go s.writer()
	o, err := config.LoadOverrides(path)
	switch {
	case errors.Is(err, config.ErrBadOverrides):
		logf("settings: %v; file ignored, kiosk.toml values in use", err)
		kept := ""
		if bad, err := config.SetAsideOverrides(path); err != nil {
			logf("settings: cannot move the bad file aside: %v", err)
		} else {
			kept = ", kept as " + filepath.Base(bad)
			logf("settings: bad file kept as %s", bad)
		}
		s.note("设置文件无效, 已忽略 settings.toml ignored (bad file%s): %s", kept, firstLine(err))
	case err != nil:
		logf("settings: cannot read %s: %v; kiosk.toml values in use", path, err)
		s.note("设置文件读不了 settings.toml unreadable: %v", err)
	default:
		var notes []string
		s.o, notes = o.Resolve(cfg, pack, wallDay())
		for _, n := range notes {
			logf("settings: %s", n)
			s.note("%s", n)
		}
		if !s.o.Empty() {
			logf("settings: staff overrides from %s: %s", path, describe(s.o, cfg))
		}
	}
	return s
}

func firstLine(err error) string { return strings.SplitN(err.Error(), "\n", 2)[0] }

func (s *staffSettings) note(format string, args ...any) {
	s.notices = append(s.notices, fmt.Sprintf(format, args...))
}

// describe lists what o changes, for the log.
func describe(o config.Overrides, cfg *config.Config) string {
	var parts []string
	if o.Volume != nil {
		parts = append(parts, fmt.Sprintf("volume %.0f%% (kiosk.toml %.0f%%)", *o.Volume*100, cfg.Sound.Volume*100))
	}
	if o.QuietHours != nil {
		parts = append(parts, map[bool]string{true: "quiet hours on", false: "quiet hours off"}[*o.QuietHours])
	}
	bands := make([]string, 0, len(o.Playlist))
	for b := range o.Playlist {
		bands = append(bands, b)
	}
	slices.Sort(bands)
	for _, b := range bands {
		parts = append(parts, fmt.Sprintf("playlist %s → %s", b, strings.Join(o.Playlist[b], ", ")))
	}
	if v := o.Visit; v != nil {
		parts = append(parts, fmt.Sprintf("visit pickers %s(%d)班 %d students", v.Grade, v.Class, v.Students))
	}
	return strings.Join(parts, "; ")
}

// set puts o in force and saves it (an empty o removes the file).
func (s *staffSettings) set(o config.Overrides) {
	s.o = o
	if s.path == "" {
		return
	}
	c := o.Clone()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.pending = &c
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// writer saves the latest pending overrides until close.
func (s *staffSettings) writer() {
	defer close(s.done)
	for range s.wake {
		s.mu.Lock()
		o := s.pending
		s.pending = nil
		s.mu.Unlock()
		if o == nil {
			continue
		}
		err := config.SaveOverrides(s.path, *o)
		s.mu.Lock()
		s.saveErr = err
		s.mu.Unlock()
		switch {
		case err != nil:
			s.logf("settings: cannot save %s: %v (staff changes last until the kiosk restarts)", s.path, err)
		case o.Empty():
			s.logf("settings: %s removed; kiosk.toml values in use", s.path)
		default:
			s.logf("settings: saved %s", s.path)
		}
	}
}

// lastSaveErr is the last save's error, nil once a save succeeds.
func (s *staffSettings) lastSaveErr() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.saveErr
}

// close saves what is pending and stops the writer.
func (s *staffSettings) close() {
	if s.path == "" {
		return
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.wake)
	s.mu.Unlock()
	<-s.done
}

// settingsPath is where this kiosk keeps its staff overrides; "" when it
// keeps none (a --screenshots run, or the web edition, which has no data
// folder and no staff menu).
func (a *App) settingsPath() string {
	if a.opt.Screenshots != "" || runtime.GOOS == "js" {
		return ""
	}
	return filepath.Join(a.cfg.Kiosk.Data, config.OverridesFile)
}

// restoreSettings loads the staff overrides, puts them in force over
// kiosk.toml and ends a class visit left open from an earlier day. New
// calls it once the play log and the flow exist.
func (a *App) restoreSettings() {
	s := a.staff
	s.set = openSettings(a.settingsPath(), a.cfg, a.content.pack, a.logf)
	a.applySettings()
	if v := s.set.o.Visit; v != nil {
		if i := slices.Index(grades, v.Grade); i >= 0 {
			s.grade = i
		}
		s.class, s.count = v.Class, v.Students
	}
	if v := a.endStaleVisit(); v != nil {
		a.logf("staff: visit %s (%d students) of today still open", v.Label, v.Students)
	}
}

// applySettings sets volume, quiet hours and playlists from kiosk.toml with
// the overrides on top.
func (a *App) applySettings() {
	o := a.staff.set.o
	a.volume = a.cfg.Sound.Volume
	if o.Volume != nil {
		a.volume = *o.Volume
	}
	a.quietOff = o.QuietHours != nil && !*o.QuietHours
	a.m.SetPlaylist(a.playlist())
}

// playlist is kiosk.toml's [playlist] with the staff's levels in front: if
// a content reload drops the staff's level, kiosk.toml's comes next (and
// then the pack's own, see flow).
func (a *App) playlist() map[levels.Band][]string {
	pl := map[levels.Band][]string{}
	for b, ids := range a.cfg.Playlist {
		pl[levels.Band(b)] = ids
	}
	for b, ids := range a.staff.set.o.Playlist {
		pl[levels.Band(b)] = slices.Concat(ids, a.cfg.Playlist[b])
	}
	return pl
}

// endStaleVisit ends a class visit the play log kept open from an earlier
// day (the kiosk was switched off mid-visit, left on overnight, or staff
// forgot End visit), so the next day's plays do not carry yesterday's
// class. It returns the visit still open: one started today, which stays
// open across a crash or restart. Start calls it, and so does every play's
// start (visitLabel), for a kiosk that runs past midnight.
func (a *App) endStaleVisit() *record.Visit {
	if a.plog == nil {
		return nil
	}
	v := a.plog.CurrentVisit()
	if v == nil {
		return nil
	}
	day := v.Start.Local().Format(time.DateOnly)
	today := wallDay
	if a.today != nil {
		today = a.today
	}
	if day == today() {
		return v
	}
	if _, err := a.plog.EndVisit(); err != nil {
		a.logf("staff: visit %s of %s still open; ending it failed: %v", v.Label, day, err)
		return nil // its plays go without the stale label all the same
	}
	a.logf("staff: visit %s of %s was still open; ended (a visit lasts one day at most)", v.Label, day)
	a.staff.set.note("参观 %s (%s) 已结束 visit of an earlier day ended", v.Label, day)
	return nil
}

// roundVolume keeps volumes on whole percents, so ten steps of 0.1 land
// back on kiosk.toml's value exactly.
func roundVolume(v float64) float64 { return math.Round(min(1, max(0, v))*100) / 100 }
