package kiosk

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/assets/sounds"
	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/ai"
	"github.com/playhall/playhall/kiosk/config"
	"github.com/playhall/playhall/kiosk/flow"
	"github.com/playhall/playhall/levels"
	"github.com/playhall/playhall/version"
)

// processStart is when the process started, for the start-up figure.
var processStart = time.Now()

// glyphEvictionsPerFrame is how many of the last screen's glyph images of
// each weight a frame frees (art.EvictUndrawnGlyphs): a results screen
// leaves about 240, which in one frame held 15 MiB of llvmpipe's memory for
// that frame; 16 a frame clear them in about 15 frames (a quarter second)
// for at most 2 MiB.
const glyphEvictionsPerFrame = 16

// App is the running kiosk: an ebiten.Game.
type App struct {
	opt  Options
	cfg  *config.Config
	logf func(string, ...any)

	m      *flow.Machine
	view   *view
	in     *pointers
	snd    *soundSystem
	plog   *playLog // play log (storage_desktop.go) or the web poster (storage_web.go)
	sink   *logSink
	canvas flow.Canvas
	sw, sh float64 // screen size in pixels

	content  *contentState
	pilot    *flow.Autopilot
	player   *flow.Player
	rec      *flow.Recorder
	recFile  *os.File
	staff    *staffUI
	stats    frameStats
	play     frameStats    // frames drawn on the play screen
	mem      memWatch      // --bench: resident memory while running
	gc       gcTuner       // the Go heap's soft limit (memory.go)
	today    func() string // the local date for visits; nil: wallDay (tests fix it)
	waveDesc string        // the wave --bench-wave plays
	benchAt  time.Time     // first Update, for --bench-wave's wall clock
	// playUpdate: the last Update began on the play screen (a frame that
	// entered play from a menu is not a play frame)
	playUpdate bool
	slow       slowFrames // --bench: why frames over 16.7 ms were slow
	fx         effects

	volume      float64
	quietOff    bool
	showFPS     bool
	frames      int
	quitting    bool
	exitErr     error
	firstFrame  time.Duration
	lastScreen  flow.Screen
	drawnScreen flow.Screen // the screen the last drawn frame showed
	evictGlyphs bool        // the last screen's glyphs are still leaving the atlas
	lastTickSec int
	updateStart time.Time
	updateDur   time.Duration
	fpsText     string
	syncer      syncClient
	stopSync    func()
	ticks       int // ticks run, the harness clock (the flow pauses under the staff menu; this does not)
	lastReport  int

	stop *stopWatch // stop signals, during Run (stop.go)
}

// ErrExit is returned by Run when the staff menu's Exit was used.
var ErrExit = errors.New("kiosk: exit from the staff menu")

func (a *App) now() time.Time {
	if !a.opt.VirtualStart.IsZero() {
		return a.opt.VirtualStart.Add(time.Duration(a.ticks) * time.Second / game.TPS)
	}
	return time.Now()
}

// New builds the kiosk from opt: opens the play log, loads content and the
// audio probe, lays out the flow. Disk, content and audio problems are
// logged and shown in the staff menu; only a bad replay file is an error.
func New(opt Options) (*App, error) {
	if opt.Config == nil {
		opt.Config = config.Default()
	}
	if opt.Speed < 1 {
		opt.Speed = 1
	}
	if opt.Log == nil {
		opt.Log = os.Stderr
	}
	a := &App{opt: opt, cfg: opt.Config, view: newView(), volume: opt.Config.Sound.Volume, showFPS: opt.Config.Screen.FPSOverlay}
	if opt.Screenshots == "" && opt.DrawEvery <= 1 {
		a.view.sc.perFrame = 1 // see scenes.perFrame; harness runs that skip frames warm all at once
	}
	a.logf = func(f string, args ...any) {
		fmt.Fprintf(opt.Log, "%s kiosk: %s\n", time.Now().Format("15:04:05.000"), fmt.Sprintf(f, args...))
	}
	a.logf("%s starting (config %q)", version.String("kiosk"), a.cfg.Path)
	if a.cfg.Staff.PINHash == "" {
		a.logf("warning: no staff PIN set; the staff menu opens with %s (set one: kioskctl pin set --config FILE)", config.DefaultPIN)
	}
	a.content = newContentState(a.cfg.Kiosk.Content, a.logf)
	if opt.BenchWave > 0 {
		p, desc, err := benchPack(a.content.pack)
		if err != nil {
			return nil, err
		}
		a.content.pack, a.waveDesc = p, desc
		a.logf("bench: %s, for %s", desc, opt.BenchWave)
	}
	a.snd = newSoundSystem(!opt.Mute && opt.Screenshots == "", a.logf)
	a.sink = &logSink{logf: a.logf}
	if opt.Screenshots == "" {
		a.openLog()
		a.startSync()
	}
	a.canvas = flow.Canvas{W: 1920, H: 1080}
	if a.cfg.Screen.Orientation == config.OrientPortrait {
		a.canvas = flow.Canvas{W: 1080, H: 1920}
	}
	a.in = newPointers(a.view.toCanvas)
	if opt.Replay != "" {
		f, err := os.Open(opt.Replay)
		if err != nil {
			return nil, err
		}
		h, ticks, err := flow.ReadReplay(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", opt.Replay, err)
		}
		a.player = flow.NewPlayer(ticks)
		a.canvas = flow.Canvas{W: h.Canvas[0], H: h.Canvas[1]}
		a.opt.Seed = h.Seed
		if !h.Start.IsZero() {
			a.opt.VirtualStart = h.Start
		}
	}
	if (opt.Autoplay || opt.Replay != "") && a.opt.VirtualStart.IsZero() {
		a.opt.VirtualStart = time.Date(2026, 11, 30, 10, 0, 0, 0, time.Local)
	}
	a.m = flow.New(a.env(a.canvas))
	if opt.Autoplay {
		a.pilot = &flow.Autopilot{M: a.m, Seed: a.opt.Seed, WalkAwayEvery: opt.WalkAway,
			AI: func(seed uint64) game.Source { return ai.New(seed, ai.Visitor) }}
	}
	if opt.Record != "" {
		f, err := os.Create(opt.Record)
		if err != nil {
			return nil, err
		}
		a.recFile = f
		a.rec = flow.NewRecorder(f, flow.ReplayHeader{Canvas: [2]float64{a.canvas.W, a.canvas.H}, Seed: a.opt.Seed, Start: a.opt.VirtualStart})
	}
	a.staff = newStaffUI(a)
	a.restoreSettings() // staff-menu overrides in DATA/settings.toml (settings.go)
	if a.cfg.Kiosk.Logo != "" {
		a.view.logo = loadLogo(a.cfg.Kiosk.Logo, a.logf)
	}
	return a, nil
}

// env builds the flow's environment for canvas c.
func (a *App) env(c flow.Canvas) flow.Env {
	t := a.cfg.Timeouts
	ticks := func(d config.Duration) int { return int(d.Seconds() * game.TPS) }
	bands := a.cfg.Bands()
	pl := map[levels.Band][]string{}
	for b, ids := range a.cfg.Playlist {
		pl[levels.Band(b)] = ids
	}
	return flow.Env{
		Pack:       a.content.pack,
		Canvas:     c,
		Now:        a.now,
		NewRound:   flow.NewRound,
		NewAI:      func(seed uint64) game.Source { return ai.New(seed, ai.Visitor) },
		Sink:       a.sink,
		Seed:       a.opt.Seed,
		AppVersion: version.Version,
		VisitGroup: a.visitLabel,
		PlayIdle:   ticks(t.PlayIdle), MenuIdle: ticks(t.MenuIdle), StillThere: ticks(t.StillThere),
		StuckTouch: ticks(t.StuckTouch), HowTo: ticks(t.HowTo), Pledge: ticks(t.Pledge),
		Languages:   a.cfg.Language.Languages,
		DefaultLang: a.cfg.Language.Default,
		Bands:       bands,
		Playlist:    pl,
		IsOpen:      a.cfg.Hours.IsOpen,
		StaffGesture: flow.Gesture{Corner: a.cfg.Staff.Corner, Size: float64(a.cfg.Staff.CornerSize),
			Taps: a.cfg.Staff.Taps, Window: ticks(a.cfg.Staff.TapWindow)},
	}
}

func (a *App) visitLabel() string {
	if v := a.endStaleVisit(); v != nil { // settings.go: a visit lasts one day
		return v.Label
	}
	return ""
}

// Run opens the window and runs the kiosk until it quits. It returns nil
// for a normal end (quit-after, replay done), ErrExit for the staff menu's
// Exit, a *StopError after SIGINT or SIGTERM (stop.go), or the error that
// stopped it.
func Run(opt Options) error {
	if opt.Screenshots != "" {
		return runScreenshots(opt)
	}
	a, err := New(opt)
	if err != nil {
		return err
	}
	a.stop = watchStop(a.logf)
	defer a.stop.release() // after close: a second signal during close still exits at once
	defer a.close()
	a.logf("%s", a.gc.tuneGC(os.Getenv))
	if tuneMalloc() {
		a.logf("C heap: freed textures and buffers go back to the system")
	}
	ebiten.SetWindowTitle("Playhall 抓捕糯康")
	w, h := 1280, 720
	if a.canvas.W < a.canvas.H {
		w, h = 608, 1080
	}
	if opt.WindowW > 0 && opt.WindowH > 0 {
		w, h = opt.WindowW, opt.WindowH
	}
	ebiten.SetWindowSize(w, h)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	if opt.Fullscreen || a.cfg.Screen.Fullscreen {
		ebiten.SetFullscreen(true)
		ebiten.SetCursorMode(ebiten.CursorModeHidden)
		ebiten.SetWindowClosingHandled(true) // close and Alt+F4 do nothing
	}
	ebiten.SetRunnableOnUnfocused(true)
	if opt.Autoplay || opt.Replay != "" {
		ebiten.SetTPS(ebiten.SyncWithFPS)
		ebiten.SetVsyncEnabled(false)
	}
	ebiten.SetScreenClearedEveryFrame(a.drawEvery() == 1)
	if err := ebiten.RunGameWithOptions(a, &ebiten.RunGameOptions{SingleThread: true}); err != nil && !errors.Is(err, ebiten.Termination) {
		return err
	}
	if opt.Bench {
		a.printBench()
	}
	return a.exitErr
}

func (a *App) close() {
	if a.stopSync != nil {
		a.stopSync()
	}
	if a.rec != nil {
		if err := a.rec.Close(); err != nil {
			a.logf("record: %v", err)
		}
		a.recFile.Close()
	}
	a.staff.set.close()
	if a.plog != nil {
		if err := a.plog.Close(); err != nil {
			a.logf("play log close: %v", err)
		}
	}
	a.content.stop()
	a.logf("stopped after %d ticks; %d plays logged this run", a.ticks, a.sink.Logged)
}

// Layout returns the screen in device pixels so everything draws crisp.
func (a *App) Layout(ow, oh int) (int, int) { return ow, oh }

// LayoutF implements ebiten.LayoutFer.
func (a *App) LayoutF(ow, oh float64) (float64, float64) {
	s := ebiten.Monitor().DeviceScaleFactor()
	a.sw, a.sh = ow*s, oh*s
	return a.sw, a.sh
}

// Update advances the kiosk one frame (Speed flow ticks in autoplay).
func (a *App) Update() error {
	a.updateStart = time.Now()
	defer func() { a.updateDur = time.Since(a.updateStart) }()
	a.gc.adjust()
	if a.quitting || a.stopIfAsked() {
		return ebiten.Termination
	}
	if a.opt.BenchWave > 0 {
		if a.benchAt.IsZero() {
			a.benchAt = a.updateStart
		}
		if a.updateStart.Sub(a.benchAt) >= a.opt.BenchWave {
			a.quitting = true
		}
	}
	if ebiten.IsWindowBeingClosed() && !(a.opt.Fullscreen || a.cfg.Screen.Fullscreen) {
		return ebiten.Termination
	}
	a.snd.update()
	a.chooseCanvas()
	a.content.poll(a.m)
	a.ticksOfFrame(a.tick)
	a.sound()
	if a.frames > 0 && a.frames%600 == 0 && a.lastReport != a.frames {
		a.lastReport = a.frames
		a.logf("frame %d tick %d screen %s fps %.1f rss %.0f MB", a.frames, a.ticks, a.m.Screen(), ebiten.ActualFPS(), rssMB())
	}
	return nil
}

func (a *App) chooseCanvas() {
	if a.sw == 0 || a.player != nil {
		return
	}
	c := a.canvas
	switch a.cfg.Screen.Orientation {
	case config.OrientAuto:
		if a.sw >= a.sh {
			c = flow.Canvas{W: 1920, H: 1080}
		} else {
			c = flow.Canvas{W: 1080, H: 1920}
		}
	}
	if c != a.canvas {
		a.canvas = c
		a.m.SetCanvas(c)
	}
	a.view.fit(a.canvas, a.sw, a.sh)
}

// tick runs one flow tick with this tick's input.
func (a *App) tick() {
	a.ticks++
	var evs []game.PointerEvent
	switch {
	case a.player != nil:
		evs = a.player.At(a.ticks)
		if a.player.Done(a.ticks) && a.opt.QuitAfter == 0 {
			a.quitting = true
		}
	case a.pilot != nil && !a.staff.open:
		evs = a.pilot.Next()
		evs = append(evs, a.in.poll(ebiten.Monitor().DeviceScaleFactor())...)
	default:
		evs = a.in.poll(ebiten.Monitor().DeviceScaleFactor())
	}
	if a.rec != nil {
		a.rec.Tick(a.ticks, evs)
	}
	for _, e := range evs {
		if e.Kind == game.Down && a.m.Screen() != flow.ScreenPlay {
			a.fx.ring(e.X, e.Y, a.ticks)
		}
	}
	if a.staff.open {
		a.staff.update(evs)
	} else {
		a.m.Tick(evs)
		a.crashIfDue()
		a.view.sc.step(a.m)
		if s := a.m.Screen(); s == flow.ScreenPlay {
			for _, e := range evs {
				if e.Kind == game.Down {
					a.view.sc.tap(a.m, e.X, e.Y)
				}
			}
		}
		if a.m.TakeStaffRequest() {
			a.staff.openPad()
		}
	}
	if a.opt.QuitAfter > 0 && time.Duration(a.ticks)*time.Second/game.TPS >= a.opt.QuitAfter {
		a.quitting = true
	}
	if a.quitting && a.m.InSession() && (a.pilot != nil || a.player != nil) {
		// A harness run cut off mid-visit ends like a visitor walking away,
		// so every run's log is complete and reproducible.
		a.logf("quitting mid-session: the play is logged as abandoned")
		a.m.Reset()
	}
}

// sound maps what happened this frame to effects and the theme.
func (a *App) sound() {
	vol := a.volume
	if !a.quietOff && a.cfg.Sound.Quiet(a.now()) {
		vol = a.cfg.Sound.QuietVolume
	}
	a.snd.setVolume(vol)
	s := a.m.Screen()
	switch s {
	case flow.ScreenAttract:
		if a.cfg.Sound.Music {
			a.snd.music(sounds.ThemeAttract)
		}
	case flow.ScreenPlay:
		if a.cfg.Sound.Music {
			a.snd.music(sounds.ThemePlay)
		}
	default:
		a.snd.music(-1)
	}
	if s != a.lastScreen {
		if a.opt.Bench {
			a.logf("screen %s (rss %.0f MB)", s, rssMB())
		} else {
			a.logf("screen %s", s)
		}
		if s == flow.ScreenResults {
			a.snd.play(sounds.Fanfare)
		} else if a.lastScreen != 0 && s != flow.ScreenAttract && s != flow.ScreenClosed {
			a.snd.play(sounds.Tap)
		}
		a.lastScreen = s
	}
	if still, left := a.m.StillThere(); still {
		sec := (left + game.TPS - 1) / game.TPS
		if sec != a.lastTickSec {
			a.lastTickSec = sec
			if sec <= 1 {
				a.snd.play(sounds.TickLast)
			} else {
				a.snd.play(sounds.Tick)
			}
		}
	} else {
		a.lastTickSec = 0
	}
	if s != flow.ScreenPlay {
		return
	}
	for _, e := range a.m.RoundEvents() {
		switch e.Kind {
		case game.DrugSeized:
			a.snd.play(sounds.Seize)
		case game.TraffickerArrested, game.BossHit:
			a.snd.play(sounds.Arrest)
		case game.LookalikeHit:
			a.snd.play(sounds.Bump)
		case game.PlayerHit:
			a.snd.play(sounds.Harm)
		case game.BossAppeared:
			a.snd.play(sounds.BossHorn)
		case game.BossCaught:
			a.snd.play(sounds.Fanfare)
		}
	}
}

// Draw draws the frame; with a screenshot due it draws into an image first.
func (a *App) Draw(screen *ebiten.Image) {
	start := time.Now()
	a.frames++
	if a.firstFrame == 0 {
		a.firstFrame = time.Since(processStart)
		a.logf("first frame %.0f ms after process start", a.firstFrame.Seconds()*1000)
	}
	shot := ""
	if a.quitting && a.opt.Screenshot != "" {
		shot = a.opt.Screenshot
	} else if a.opt.ScreenshotEvery > 0 && a.frames%a.opt.ScreenshotEvery == 0 && a.opt.ScreenshotDir != "" {
		shot = filepath.Join(a.opt.ScreenshotDir, fmt.Sprintf("frame-%06d-%s.png", a.frames, a.m.Screen()))
	}
	// Autoplay and replay draw one frame in DrawEvery (and the last one):
	// the run's point is the flow and the log, and software GL under Xvfb
	// would otherwise set the pace. The screen keeps the last drawn frame.
	if (a.pilot != nil || a.player != nil) && a.drawEvery() > 1 && shot == "" && !a.quitting && a.frames%a.drawEvery() != 1 {
		a.stats.add(a.updateDur)
		return
	}
	a.view.fit(a.canvas, a.sw, a.sh)
	a.drawAll(screen)
	if s := a.m.Screen(); s != a.drawnScreen {
		// the first frame of a screen has drawn its glyphs: from now the
		// last screen's leave the texture atlas, a few a frame
		a.drawnScreen = s
		a.evictGlyphs = true
	}
	if a.evictGlyphs {
		// ends at the first frame that leaves no glyph undrawn; text this
		// screen stops drawing meanwhile goes too
		a.evictGlyphs = art.EvictUndrawnGlyphs(glyphEvictionsPerFrame) > 0
	}
	if shot != "" {
		if err := savePNG(screen, shot); err != nil {
			a.logf("screenshot %s: %v", shot, err)
		} else {
			a.logf("screenshot %s (%s)", shot, a.m.Screen())
		}
	}
	d := a.updateDur + time.Since(start)
	a.stats.add(d)
	if a.opt.Bench {
		a.slow.check(a, d)
	}
	if a.m.Screen() == flow.ScreenPlay && a.playUpdate {
		a.play.add(d)
	}
	if a.opt.Bench && a.frames%60 == 1 {
		a.mem.sample(a.frames, a.m.Screen())
	}
}

// drawEvery is how many frames autoplay and replay advance per drawn frame.
func (a *App) drawEvery() int {
	if a.opt.DrawEvery > 0 {
		return a.opt.DrawEvery
	}
	return 1
}

// drawAll draws the visitor screen, overlays, staff menu and figures.
func (a *App) drawAll(dst *ebiten.Image) {
	drawScreen(dst, a.view, a.m, &a.fx, a.ticks)
	if a.staff.open {
		a.staff.draw(dst)
	}
	if a.showFPS {
		a.drawFPS(dst)
	}
	a.view.fill1.Done() // the screen may be another image next frame
}

// loadLogo reads the hall's logo; a missing or broken file is logged and
// the attract screen shows no logo.
func loadLogo(path string, logf func(string, ...any)) *ebiten.Image {
	f, err := os.Open(path)
	if err != nil {
		logf("logo %s: %v (no logo shown)", path, err)
		return nil
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		logf("logo %s: not a PNG: %v (no logo shown)", path, err)
		return nil
	}
	return ebiten.NewImageFromImage(img)
}

// savePNG writes the pixels of img to path.
func savePNG(img *ebiten.Image, path string) error {
	b := img.Bounds()
	rgba := image.NewRGBA(b)
	img.ReadPixels(rgba.Pix)
	if dir := filepath.Dir(path); dir != "" {
		os.MkdirAll(dir, 0o755)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, rgba); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
