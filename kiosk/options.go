// Package kiosk is the Ebitengine shell a visitor meets: it feeds pointer
// input to the visitor flow (kiosk/flow), draws every screen, plays sound,
// writes plays to the play log, runs the staff menu and the test harness
// (--autoplay, --record/--replay, --screenshots, --bench).
//
// Importing this package needs a display (it imports Ebitengine); the flow's
// rules live in kiosk/flow, which plain `go test` runs.
package kiosk

import (
	"io"
	"time"

	"github.com/playhall/playhall/kiosk/config"
)

// Options are the kiosk's start-up choices: the loaded kiosk.toml plus the
// command-line flags of cmd/kiosk.
type Options struct {
	Config     *config.Config
	Fullscreen bool
	Mute       bool

	// Harness.
	Autoplay        bool          // the autopilot plays the whole flow
	QuitAfter       time.Duration // virtual time; 0 runs until exit
	Screenshot      string        // PNG of the last frame at exit
	ScreenshotEvery int           // frames between PNGs into ScreenshotDir
	ScreenshotDir   string
	Record          string // write the pointer events to this replay file
	Replay          string // read pointer events from this replay file
	Screenshots     string // write every screen in both orientations here, then exit
	Speed           int    // flow ticks per frame in autoplay/replay (default 1)
	DrawEvery       int    // in autoplay/replay draw one frame in this many (default 1)
	Seed            uint64
	// VirtualStart, when set, runs the kiosk on a virtual clock starting
	// there and advancing 1/60 s per tick (autoplay and replay set it so
	// runs are reproducible).
	VirtualStart time.Time
	// Bench prints start-up, frame time and memory figures at exit.
	Bench bool
	// BenchWave runs the content's busiest shooter wave (see benchPack)
	// with the autopilot for this much wall-clock time, then prints the
	// figures of Bench. It implies Autoplay and Bench.
	BenchWave time.Duration
	// WalkAway makes every n-th autoplay session walk away mid-round.
	WalkAway int
	// CrashAfter, when set, is the crash harness (kiosk/crash.go): the
	// kiosk panics in the first round it plays once this long has passed
	// since the process started. cmd/kiosk sets it from PLAYHALL_CRASH_AFTER.
	CrashAfter time.Duration

	// WindowW, WindowH size the window (0: 1280×720, or 608×1080 portrait).
	WindowW, WindowH int

	Log io.Writer // the kiosk's log (stderr)
}
