// Command kiosk runs the Playhall exhibit on a hall's touch screen: the
// attract loop, the visitor flow, the staff menu and the play log. See
// README.md (The kiosk) for kiosk.toml, the flags and deployment.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/playhall/playhall/kiosk"
	"github.com/playhall/playhall/kiosk/config"
	"github.com/playhall/playhall/kiosk/supervise"
	"github.com/playhall/playhall/version"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 1 && args[0] == kiosk.ProbeAudioFlag {
		return kiosk.ProbeAudioChild()
	}
	fs := flag.NewFlagSet("kiosk", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		cfgPath     = fs.String("config", "", "kiosk.toml to load (default: ./kiosk.toml if it exists, else built-in defaults)")
		content     = fs.String("content", "", "content folder (overrides kiosk.content)")
		data        = fs.String("data", "", "data folder for the play log (overrides kiosk.data)")
		fullscreen  = fs.Bool("fullscreen", false, "kiosk mode: fullscreen, cursor hidden, window close ignored")
		mute        = fs.Bool("mute", false, "no sound (the kiosk also runs silent when no audio device exists)")
		autoplay    = fs.Bool("autoplay", false, "the built-in autopilot plays the whole visitor flow (virtual clock)")
		quitAfter   = fs.Duration("quit-after", 0, "quit after this much flow time, e.g. 90s (virtual in autoplay/replay)")
		screenshot  = fs.String("screenshot", "", "write a PNG of the last frame here at exit")
		every       = fs.Int("screenshot-every", 0, "write a PNG every N frames into --screenshot-dir")
		shotDir     = fs.String("screenshot-dir", "", "folder for --screenshot-every")
		record      = fs.String("record", "", "record every pointer event into this replay file")
		replay      = fs.String("replay", "", "play this replay file instead of live input, then quit")
		screenshots = fs.String("screenshots", "", "write every screen at 1920x1080 and 1080x1920 into this folder, then quit")
		speed       = fs.Int("speed", 1, "flow ticks per frame in autoplay/replay (fast-forward)")
		drawEvery   = fs.Int("draw-every", 0, "in autoplay/replay draw one frame in N (default 1; the screenshot frames are always drawn)")
		window      = fs.String("window", "", "window size WxH, e.g. 960x540 (default 1280x720)")
		seed        = fs.Uint64("seed", 1, "random seed of the autopilot and the rounds")
		walkAway    = fs.Int("walk-away", 0, "in autoplay, every N-th visitor walks away mid-round (0 never)")
		bench       = fs.Bool("bench", false, "print first-frame, frame-time and memory figures at exit")
		benchDraw   = fs.Int("bench-draw", 0, "draw N sprites via the scene path and via plain Ebitengine; print the ratio")
		benchWave   = fs.Duration("bench-wave", 0, "autoplay the content's busiest shooter wave for this much wall-clock time (window 1920x1080 unless --window), then print the --bench figures")
		supervise   = fs.Bool("supervise", false, "run the kiosk as a child and restart it when it stops (Windows)")
		cpuProfile  = fs.String("cpuprofile", "", "write a CPU profile here (diagnostics)")
		memProfile  = fs.String("memprofile", "", "write an allocation profile here at exit (diagnostics)")
		showVersion = fs.Bool("version", false, "print the version and exit")
	)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *showVersion {
		fmt.Fprintln(stdout, version.String("kiosk"))
		return 0
	}
	if *supervise {
		return superviseChild(args, stderr)
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		fmt.Fprintf(stderr, "kiosk: %v\n", err)
		return exitUsage
	}
	if *content != "" {
		cfg.Kiosk.Content = *content
	}
	if *data != "" {
		cfg.Kiosk.Data = *data
	}
	crashAfter, err := armCrash(cfg.Kiosk.Data, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "kiosk: %v\n", err)
		return exitUsage
	}
	if *benchDraw > 0 {
		if err := kiosk.BenchDraw(*benchDraw, stdout); err != nil {
			fmt.Fprintf(stderr, "kiosk: %v\n", err)
			return 1
		}
		return 0
	}
	var ww, wh int
	if *window != "" {
		if n, err := fmt.Sscanf(*window, "%dx%d", &ww, &wh); n != 2 || err != nil || ww < 160 || wh < 160 {
			fmt.Fprintf(stderr, "kiosk: --window %q is not WIDTHxHEIGHT\n", *window)
			return exitUsage
		}
	}
	if *benchWave > 0 {
		*autoplay, *bench = true, true
		if *window == "" {
			ww, wh = 1920, 1080
		}
	}
	opt := kiosk.Options{
		WindowW: ww, WindowH: wh, BenchWave: *benchWave,
		Config: cfg, Fullscreen: *fullscreen, Mute: *mute,
		Autoplay: *autoplay, QuitAfter: *quitAfter, Screenshot: *screenshot,
		ScreenshotEvery: *every, ScreenshotDir: *shotDir, Record: *record, Replay: *replay,
		Screenshots: *screenshots, Speed: *speed, DrawEvery: *drawEvery, Seed: *seed, Bench: *bench, WalkAway: *walkAway,
		CrashAfter: crashAfter, Log: stderr,
	}
	if *autoplay && *replay == "" {
		// The autopilot's virtual clock ends about now, so the plays it logs
		// are never in the future for a hub (which quarantines records ending
		// more than 5 minutes ahead of its clock).
		opt.VirtualStart = time.Now().Add(-*quitAfter).Truncate(time.Minute)
	}
	if *cpuProfile != "" {
		if f, err := os.Create(*cpuProfile); err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	if *memProfile != "" {
		runtime.MemProfileRate = 64 << 10 // finer than the default 512 KiB, for start-up allocations
		defer func() {
			runtime.GC() // the profile shows the heap as of the last GC: make that now
			if f, err := os.Create(*memProfile); err == nil {
				pprof.Lookup("heap").WriteTo(f, 0)
				f.Close()
			}
		}()
	} else {
		// No allocation sampling: at Go's default rate the profile's
		// buckets alone held 1.45 MiB after a minute of the busiest wave
		// (runtime/metrics /memory/classes/profiling/buckets:bytes).
		runtime.MemProfileRate = 0
	}
	err = kiosk.Run(opt)
	var stopped *kiosk.StopError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, kiosk.ErrExit):
		return exitByStaff
	case errors.As(err, &stopped):
		return stopped.ExitCode() // 143, 130: restarted by a supervisor, success to systemd
	default:
		fmt.Fprintf(stderr, "kiosk: %v\n", err)
		return 1
	}
}

// exitByStaff is the exit code after the staff menu's Exit; the supervisor
// does not restart the kiosk then.
const exitByStaff = supervise.ExitByStaff

// exitUsage is the exit code for bad flags or a bad kiosk.toml; restarting
// cannot fix either, so the supervisor stops too. (A Go panic exits with 2
// and is restarted.)
const exitUsage = supervise.ExitUsage

func loadConfig(path string) (*config.Config, error) {
	if path == "" {
		if _, err := os.Stat("kiosk.toml"); err != nil {
			return config.Default(), nil
		}
		path = "kiosk.toml"
	}
	return config.Load(path)
}

// superviseChild runs the kiosk (same arguments minus --supervise) and
// starts it again whenever it stops, under the policy of kiosk/supervise:
// at once after a run of a minute or more, else after 1, 2, 4 ... 30 s; never
// after a normal end, the staff menu's Exit or a bad kiosk.toml. The kiosk
// never outlives the supervisor (childRunner): SIGINT and SIGTERM are passed
// on to it, and the OS ends it if the supervisor is killed.
func superviseChild(args []string, stderr io.Writer) int {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "kiosk --supervise: %v\n", err)
		return 1
	}
	var child []string
	for _, a := range args {
		if a != "--supervise" && a != "-supervise" {
			child = append(child, a)
		}
	}
	if err := bindChildren(); err != nil {
		fmt.Fprintf(stderr, "kiosk --supervise: %v; a killed supervisor will leave the kiosk running\n", err)
	}
	r := &childRunner{exe: exe, args: child, log: stderr}
	r.watchSignals()
	return supervise.Supervisor{
		Start: r.run,
		Now:   time.Now,
		Sleep: time.Sleep,
		Log:   stderr,
	}.Run()
}
