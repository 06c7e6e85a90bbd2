package kiosk_test

// Scenario tests: each runs the real kiosk binary (internal/testbin) in its
// own process under the display build.sh provides (Xvfb) with null audio,
// drives it with --autoplay or a --replay file, and checks what a visitor or
// the office would see: the play in the bbolt log, the screen reached in the
// kiosk's log, pixels of the last frame.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/internal/testbin"
	"github.com/playhall/playhall/kiosk/config"
	"github.com/playhall/playhall/kiosk/flow"
	"github.com/playhall/playhall/kiosk/playlog"
	"github.com/playhall/playhall/levels"
	"github.com/playhall/playhall/record"
)

// fast are the flags that keep a scenario quick on a shared machine: a
// small window, many flow ticks per frame, few drawn frames.
var fast = []string{"--window", "480x270", "--draw-every", "30", "--mute"}

// runKiosk runs the binary with args and returns its exit code and log.
func runKiosk(t *testing.T, env []string, args ...string) (int, string) {
	t.Helper()
	bin, err := testbin.Path("kiosk")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Dir = t.TempDir()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), out.String()
	}
	t.Fatalf("kiosk %v: %v\n%s", args, err, out.String())
	return -1, ""
}

// plays reads every play in the log at dir.
func plays(t testing.TB, dir string) []record.Play {
	t.Helper()
	l, err := playlog.Open(dir, playlog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var out []record.Play
	err = l.Each(func(e record.Entry) error {
		if e.Play != nil {
			out = append(out, *e.Play)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAutoplayLogsPlays(t *testing.T) {
	data := t.TempDir()
	shot := filepath.Join(t.TempDir(), "last.png")
	code, log := runKiosk(t, nil, append(fast, "--autoplay", "--speed", "16", "--quit-after", "420s",
		"--data", data, "--screenshot", shot)...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, log)
	}
	ps := plays(t, data)
	if len(ps) < 2 {
		t.Fatalf("%d plays logged, want at least 2\n%s", len(ps), log)
	}
	finished := 0
	for _, p := range ps {
		if err := p.Validate(); err != nil && !strings.Contains(err.Error(), "kiosk_id") {
			t.Errorf("play %s invalid: %v", p.ID, err)
		}
		if p.End == record.EndCompleted || p.End == record.EndTimedOut {
			finished++
			if len(p.Items) == 0 || len(p.Answers) == 0 {
				t.Errorf("finished play without items or answers: %+v", p)
			}
		}
	}
	if finished == 0 {
		t.Fatalf("no play reached the pledge: %+v", ps)
	}
	for _, s := range []string{"screen band", "screen howto", "screen play", "screen results", "screen quiz", "screen pledge"} {
		if !strings.Contains(log, s) {
			t.Errorf("log never shows %q", s)
		}
	}
	if notBlank(t, shot, image.Rect(0, 0, 480, 270)) < 20 {
		t.Error("last frame is blank")
	}
}

// notBlank returns how many distinct colours the region of the PNG holds.
func notBlank(t *testing.T, path string, r image.Rectangle) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[[4]uint32]bool{}
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			c0, c1, c2, c3 := img.At(x, y).RGBA()
			seen[[4]uint32{c0 >> 10, c1 >> 10, c2 >> 10, c3 >> 10}] = true
		}
	}
	return len(seen)
}

func TestAttractTitleDrawn(t *testing.T) {
	shot := filepath.Join(t.TempDir(), "attract.png")
	code, log := runKiosk(t, nil, "--window", "960x540", "--mute", "--autoplay", "--quit-after", "3s",
		"--data", t.TempDir(), "--screenshot", shot)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, log)
	}
	f, _ := os.Open(shot)
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	// The title 「抓捕糯康」 is gold (#FFC82E) in the upper middle.
	gold := 0
	for y := 100; y < 250; y++ {
		for x := 280; x < 680; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r>>8 > 0xE0 && g>>8 > 0xB0 && g>>8 < 0xE0 && b>>8 < 0x70 {
				gold++
			}
		}
	}
	if gold < 2000 {
		t.Fatalf("title area has %d gold pixels, want a drawn title", gold)
	}
}

// script builds a replay by pressing buttons of a flow machine that runs
// the same content, canvas and timeouts as the kiosk's defaults.
type script struct {
	t     *testing.T
	m     *flow.Machine
	ticks []flow.ReplayTick
}

func newScript(t *testing.T) *script {
	p, err := levels.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := config.Default()
	ticks := func(d config.Duration) int { return int(d.Seconds() * game.TPS) }
	m := flow.New(flow.Env{Pack: p, Canvas: flow.Canvas{W: 1920, H: 1080}, NewRound: flow.NewRound,
		PlayIdle: ticks(c.Timeouts.PlayIdle), MenuIdle: ticks(c.Timeouts.MenuIdle), StillThere: ticks(c.Timeouts.StillThere),
		StuckTouch: ticks(c.Timeouts.StuckTouch), HowTo: ticks(c.Timeouts.HowTo), Pledge: ticks(c.Timeouts.Pledge)})
	return &script{t: t, m: m}
}

func (s *script) wait(n int) {
	for range n {
		s.m.Tick(nil)
	}
}

func (s *script) tapAt(x, y float64) {
	evs := []game.PointerEvent{{Kind: game.Down, X: x, Y: y}, {Kind: game.Up, X: x, Y: y}}
	s.ticks = append(s.ticks, flow.ReplayTick{T: s.m.Now() + 1, E: evs})
	s.m.Tick(evs)
	s.wait(30)
}

func (s *script) press(k flow.ButtonKind, i int) {
	for _, b := range s.m.Buttons() {
		if b.Kind == k && b.Index == i {
			s.tapAt(b.Rect.Center())
			return
		}
	}
	s.t.Fatalf("no button %d/%d on %s", k, i, s.m.Screen())
}

func (s *script) write(path string) {
	f, err := os.Create(path)
	if err != nil {
		s.t.Fatal(err)
	}
	rec := flow.NewRecorder(f, flow.ReplayHeader{Canvas: [2]float64{1920, 1080}, Seed: 1,
		Start: time.Date(2026, 11, 30, 10, 0, 0, 0, time.Local)})
	for _, tk := range s.ticks {
		rec.Tick(tk.T, tk.E)
	}
	rec.Tick(s.m.Now(), []game.PointerEvent{{Kind: game.Move, ID: 9, X: 1, Y: 1}}) // marks the end
	if err := rec.Close(); err != nil {
		s.t.Fatal(err)
	}
	f.Close()
}

func TestReplayWalkAwayIsAbandoned(t *testing.T) {
	s := newScript(t)
	s.wait(60)
	s.tapAt(960, 700) // wakes the attract screen
	s.press(flow.BtnLanguage, 0)
	s.press(flow.BtnBand, 1)
	s.wait(150 * game.TPS) // walks away
	if s.m.Screen() != flow.ScreenAttract {
		t.Fatalf("script machine on %s after walking away", s.m.Screen())
	}
	rp := filepath.Join(t.TempDir(), "walkaway.jsonl")
	s.write(rp)
	data := t.TempDir()
	code, log := runKiosk(t, nil, append(fast, "--replay", rp, "--speed", "16", "--data", data)...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, log)
	}
	ps := plays(t, data)
	if len(ps) != 1 || ps[0].End != record.EndAbandoned || ps[0].Band != "junior" {
		t.Fatalf("plays %+v, want one abandoned junior play\n%s", ps, log)
	}
	if !strings.Contains(log, "screen band") || strings.Count(log, "screen attract") < 2 {
		t.Errorf("log does not show band → attract:\n%s", log)
	}
}

func TestRecordThenReplayReachesResults(t *testing.T) {
	dir := t.TempDir()
	rp := filepath.Join(dir, "run.jsonl")
	data1 := filepath.Join(dir, "d1")
	code, log1 := runKiosk(t, nil, append(fast, "--autoplay", "--seed", "5", "--speed", "16", "--quit-after", "300s",
		"--record", rp, "--data", data1)...)
	if code != 0 || !strings.Contains(log1, "screen results") {
		t.Fatalf("recording run: exit %d, results not reached\n%s", code, log1)
	}
	data2 := filepath.Join(dir, "d2")
	code, log2 := runKiosk(t, nil, append(fast, "--replay", rp, "--speed", "16", "--quit-after", "300s", "--data", data2)...)
	if code != 0 {
		t.Fatalf("replay: exit %d\n%s", code, log2)
	}
	if !strings.Contains(log2, "screen results") {
		t.Fatalf("replay never reached the results screen\n%s", log2)
	}
	p1, p2 := plays(t, data1), plays(t, data2)
	if len(p1) == 0 || len(p1) != len(p2) {
		t.Fatalf("recorded %d plays, replay %d", len(p1), len(p2))
	}
	for i := range p1 {
		if p1[i].Score != p2[i].Score || p1[i].End != p2[i].End || len(p1[i].Answers) != len(p2[i].Answers) {
			t.Errorf("play %d differs:\n%+v\n%+v", i, p1[i], p2[i])
		}
	}
}

// writeReplay writes ticks as a replay file at path: a 1920×1080 canvas,
// seed 1, the kiosk's clock (no virtual start).
func writeReplay(t *testing.T, path string, ticks []flow.ReplayTick) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rec := flow.NewRecorder(f, flow.ReplayHeader{Canvas: [2]float64{1920, 1080}, Seed: 1})
	for _, tk := range ticks {
		rec.Tick(tk.T, tk.E)
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestStaffGestureAndPIN(t *testing.T) {
	dir := t.TempDir()
	hash, err := config.HashPIN("2468")
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "kiosk.toml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("[kiosk]\nname = \"test\"\ndata = %q\n[staff]\npin_hash = %q\n", filepath.Join(dir, "data"), hash)), 0o600)
	// Five taps in the top-left corner within 3 s, then 2 4 6 8 OK on the pad.
	var ticks []flow.ReplayTick
	t0 := 120
	tap := func(x, y float64) {
		ticks = append(ticks, flow.ReplayTick{T: t0, E: []game.PointerEvent{{Kind: game.Down, X: x, Y: y}, {Kind: game.Up, X: x, Y: y}}})
		t0 += 20
	}
	for range 5 {
		tap(60, 60)
	}
	// Pad keys: 200×130 with 20 gaps, centred; rows start at y = 280.
	key := func(col, row int) (float64, float64) {
		return 640 + float64(col)*220 + 100, 280 + float64(row)*150 + 65
	}
	for _, k := range [][2]int{{1, 0}, {0, 1}, {2, 1}, {1, 2}, {2, 3}} { // 2 4 6 8 OK
		tap(key(k[0], k[1]))
	}
	ticks = append(ticks, flow.ReplayTick{T: t0 + 600, E: []game.PointerEvent{{Kind: game.Move, ID: 9, X: 1, Y: 1}}})
	rp := filepath.Join(dir, "staff.jsonl")
	writeReplay(t, rp, ticks)
	code, log := runKiosk(t, nil, append(fast, "--config", cfg, "--replay", rp, "--speed", "2")...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, log)
	}
	if !strings.Contains(log, "staff: PIN pad opened") || !strings.Contains(log, "staff: menu unlocked") {
		t.Fatalf("staff menu not unlocked:\n%s", log)
	}
}

func TestBadConfigFailsWithPosition(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "kiosk.toml")
	os.WriteFile(cfg, []byte("[kiosk]\nname = \"x\"\n\n[timeouts]\nplay_idel = \"30s\"\n"), 0o600)
	code, log := runKiosk(t, nil, "--config", cfg)
	if code != 64 {
		t.Fatalf("exit %d, want 64\n%s", code, log)
	}
	want := cfg + ":5:1: unknown key \"timeouts.play_idel\""
	if !strings.Contains(log, want) {
		t.Fatalf("stderr %q does not contain %q", log, want)
	}
}

func TestVersion(t *testing.T) {
	code, out := runKiosk(t, nil, "--version")
	if code != 0 || !strings.HasPrefix(out, "kiosk ") {
		t.Fatalf("--version: %d %q", code, out)
	}
}

func TestSuperviseStopsOnBadConfig(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "kiosk.toml")
	os.WriteFile(cfg, []byte("[sound]\nvolume = 3\n"), 0o600)
	code, log := runKiosk(t, nil, "--supervise", "--config", cfg)
	if code != 64 {
		t.Fatalf("supervisor exit %d, want 64 (no restart for a bad kiosk.toml)\n%s", code, log)
	}
	if !strings.Contains(log, cfg+":2:1: volume 3 must be between 0 and 1") || strings.Contains(log, "restarting") {
		t.Fatalf("log:\n%s", log)
	}
}
