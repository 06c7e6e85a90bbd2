package kiosk_test

// Scenario tests of the staff menu's lasting settings (DATA/settings.toml):
// changes made by tapping through the real menu in one kiosk process are in
// force in the next, a visit from an earlier day is ended at start, Reset
// removes the file, and a bad file never stops the kiosk.

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/kiosk/config"
	"github.com/playhall/playhall/kiosk/flow"
	"github.com/playhall/playhall/kiosk/playlog"
	"github.com/playhall/playhall/kiosk/playlog/clocktest"
	"github.com/playhall/playhall/record"
)

// Staff menu buttons on the 1920×1080 canvas, in menu order (staff.go):
// three columns from x 900, y 60, 120 high with 24 gaps.
const (
	btnVolumeDown  = 1
	btnQuiet       = 3
	btnLevelJunior = 9
	btnGrade       = 12
	btnVisit       = 16
	btnReset       = 17
)

func menuButton(i int) (float64, float64) {
	bw := (1920 - 900 - float64(flow.Margin) - 2*24) / 3
	col, row := i%3, i/3
	return 900 + float64(col)*(bw+24) + bw/2, 60 + float64(row)*144 + 60
}

// staffReplay writes a replay that opens the staff menu with the default
// PIN 0000 and taps the given menu buttons, one every 20 ticks.
func staffReplay(t *testing.T, path string, buttons ...int) {
	t.Helper()
	var ticks []flow.ReplayTick
	t0 := 120
	tap := func(x, y float64) {
		ticks = append(ticks, flow.ReplayTick{T: t0, E: []game.PointerEvent{{Kind: game.Down, X: x, Y: y}, {Kind: game.Up, X: x, Y: y}}})
		t0 += 20
	}
	for range 5 {
		tap(60, 60) // the top-left corner
	}
	key := func(col, row int) (float64, float64) {
		return 640 + float64(col)*220 + 100, 280 + float64(row)*150 + 65
	}
	for range 4 {
		tap(key(1, 3)) // 0
	}
	tap(key(2, 3)) // OK
	t0 += 40
	for _, b := range buttons {
		tap(menuButton(b))
	}
	ticks = append(ticks, flow.ReplayTick{T: t0 + 120, E: []game.PointerEvent{{Kind: game.Move, ID: 9, X: 1, Y: 1}}})
	writeReplay(t, path, ticks)
}

// juniorWalkAway writes a replay of a visitor who picks junior and walks away.
func juniorWalkAway(t *testing.T, path string) {
	s := newScript(t)
	s.wait(60)
	s.tapAt(960, 700)
	s.press(flow.BtnLanguage, 0)
	s.press(flow.BtnBand, 1)
	s.wait(150 * game.TPS)
	s.write(path)
}

func writeKioskToml(t *testing.T, dir string) (cfg, data string) {
	t.Helper()
	cfg, data = filepath.Join(dir, "kiosk.toml"), filepath.Join(dir, "data")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf("[kiosk]\nname = \"settings-test\"\ndata = %q\n", data)), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg, data
}

func mustContain(t *testing.T, log string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(log, w) {
			t.Errorf("log lacks %q", w)
		}
	}
	if t.Failed() {
		t.Fatalf("log:\n%s", log)
	}
}

// today is the wall-clock date the kiosks of the settings scenarios run on
// (PLAYHALL_TODAY), so a test that runs across midnight still sees one day.
const today = "2027-03-01"

var onToday = []string{"PLAYHALL_TODAY=" + today}

func TestStaffSettingsSurviveRestart(t *testing.T) {
	dir := t.TempDir()
	cfg, data := writeKioskToml(t, dir)
	settings := filepath.Join(data, config.OverridesFile)

	// Run 1: staff turn the volume down twice, quiet hours off, cycle
	// junior's level, step the grade to 初三 and start a visit; the kiosk
	// then stops.
	rp := filepath.Join(dir, "staff.jsonl")
	staffReplay(t, rp, btnVolumeDown, btnVolumeDown, btnQuiet, btnLevelJunior, btnGrade, btnVisit)
	code, log := runKiosk(t, onToday, append(fast, "--config", cfg, "--replay", rp, "--speed", "2")...)
	if code != 0 {
		t.Fatalf("run 1: exit %d\n%s", code, log)
	}
	mustContain(t, log, "staff: menu unlocked", "staff: volume 60%", "staff: quiet hours off", "staff: playlist junior → sort_junior",
		"staff: visit 初三(3)班 with 40 students started", "settings: saved "+settings)
	got, err := config.LoadOverrides(settings)
	if err != nil {
		t.Fatal(err)
	}
	vol, quiet := 0.6, false
	want := config.Overrides{Volume: &vol, QuietHours: &quiet, Playlist: map[string][]string{"junior": {"sort_junior"}},
		Visit: &config.VisitPicks{Day: today, Grade: "初三", Class: 3, Students: 40}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("settings.toml holds %+v\nwant %+v", got, want)
	}

	// Run 2, a new process on the same data folder: a junior visitor gets
	// the staff's level and the visit's label.
	walk := filepath.Join(dir, "walk.jsonl")
	juniorWalkAway(t, walk)
	code, log = runKiosk(t, onToday, append(fast, "--config", cfg, "--replay", walk, "--speed", "16")...)
	if code != 0 {
		t.Fatalf("run 2: exit %d\n%s", code, log)
	}
	mustContain(t, log, "settings: staff overrides from "+settings+": volume 60% (kiosk.toml 80%); quiet hours off; playlist junior → sort_junior; visit pickers 初三(3)班 40 students",
		"staff: visit 初三(3)班 (40 students) of today still open")
	ps := plays(t, data)
	if len(ps) != 1 || ps[0].Band != "junior" || ps[0].Level != "sort_junior" || ps[0].VisitGroup != "初三(3)班" {
		t.Fatalf("plays %+v, want one junior play of sort_junior in visit 初三(3)班\n%s", ps, log)
	}

	// Between runs the visit and the pickers age a day: the kiosk was
	// left on overnight with the class's visit open.
	day0, err := time.ParseInLocation(time.DateOnly, today, time.Local)
	if err != nil {
		t.Fatal(err)
	}
	yesterday := day0.Add(15*time.Hour).AddDate(0, 0, -1) // 15:00 the day before
	l, err := playlog.Open(data, playlog.Options{Clock: clocktest.New(yesterday)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.StartVisit("初一(5)班", 30); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	got.Visit.Day = yesterday.Format(time.DateOnly)
	if err := config.SaveOverrides(settings, got); err != nil {
		t.Fatal(err)
	}

	// Run 3: yesterday's visit is ended and its pickers dropped; staff
	// then reset everything to kiosk.toml.
	reset := filepath.Join(dir, "reset.jsonl")
	staffReplay(t, reset, btnReset)
	code, log = runKiosk(t, onToday, append(fast, "--config", cfg, "--replay", reset, "--speed", "2")...)
	if code != 0 {
		t.Fatalf("run 3: exit %d\n%s", code, log)
	}
	day := yesterday.Format(time.DateOnly)
	mustContain(t, log, "staff: visit 初一(5)班 of "+day+" was still open; ended",
		"settings: visit pickers of "+day+" dropped", "staff: settings reset to kiosk.toml",
		"settings: "+settings+" removed; kiosk.toml values in use")
	if _, err := os.Stat(settings); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("settings.toml still there after Reset: %v", err)
	}
	l, err = playlog.Open(data, playlog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if v := l.CurrentVisit(); v != nil {
		t.Fatalf("visit %+v still open", v)
	}
	var ended []record.Visit
	l.Each(func(e record.Entry) error {
		if e.Visit != nil {
			ended = append(ended, *e.Visit)
		}
		return nil
	})
	if len(ended) != 2 || ended[1].Label != "初一(5)班" || ended[1].End.IsZero() {
		t.Fatalf("visits logged %+v, want 初三(3)班 then 初一(5)班 ended", ended)
	}
}

func TestBadSettingsFileIgnored(t *testing.T) {
	dir := t.TempDir()
	cfg, data := writeKioskToml(t, dir)
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	settings := filepath.Join(data, config.OverridesFile)
	bad := "format = 1\nvolume = 0.2\nbrightness = 9\n[playlist]\njunior = [\"sort_junior\"]\n"
	if err := os.WriteFile(settings, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	walk := filepath.Join(dir, "walk.jsonl")
	juniorWalkAway(t, walk)
	code, log := runKiosk(t, nil, append(fast, "--config", cfg, "--replay", walk, "--speed", "16")...)
	if code != 0 {
		t.Fatalf("exit %d with a bad settings.toml\n%s", code, log)
	}
	mustContain(t, log, "settings: bad settings.toml: "+settings+":3:1: unknown key \"brightness\"; file ignored, kiosk.toml values in use",
		"settings: bad file kept as "+filepath.Join(data, "settings.bad.toml"))
	if b, err := os.ReadFile(filepath.Join(data, "settings.bad.toml")); err != nil || string(b) != bad {
		t.Fatalf("set-aside file: %q, %v", b, err)
	}
	ps := plays(t, data)
	if len(ps) != 1 || ps[0].Level != "shooter_junior" {
		t.Fatalf("plays %+v, want one play of kiosk.toml's (the pack's) shooter_junior", ps)
	}
}
