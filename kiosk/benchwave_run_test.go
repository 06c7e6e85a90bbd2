package kiosk

import (
	"testing"
	"time"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/ai"
	"github.com/playhall/playhall/kiosk/config"
	"github.com/playhall/playhall/kiosk/flow"
	"github.com/playhall/playhall/levels"
)

// --bench-wave hurries through the menus (a second of ticks a frame) but
// not into the round: the frame that reaches the play screen stops there,
// the round is played from its first tick, and that frame, whose update
// ran menu ticks, is not counted as a play frame.
func TestBenchWaveHurriesUpToTheRoundOnly(t *testing.T) {
	p, err := levels.Default()
	if err != nil {
		t.Fatal(err)
	}
	p, _, err = benchPack(p)
	if err != nil {
		t.Fatal(err)
	}
	c := config.Default()
	ticks := func(d config.Duration) int { return int(d.Seconds() * game.TPS) }
	m := flow.New(flow.Env{Pack: p, Canvas: flow.Canvas{W: 1920, H: 1080}, NewRound: flow.NewRound,
		NewAI:    func(seed uint64) game.Source { return ai.New(seed, ai.Visitor) },
		PlayIdle: ticks(c.Timeouts.PlayIdle), MenuIdle: ticks(c.Timeouts.MenuIdle), StillThere: ticks(c.Timeouts.StillThere),
		StuckTouch: ticks(c.Timeouts.StuckTouch), HowTo: ticks(c.Timeouts.HowTo), Pledge: ticks(c.Timeouts.Pledge)})
	pilot := &flow.Autopilot{M: m, AI: func(seed uint64) game.Source { return ai.New(seed, ai.Visitor) }}
	a := &App{opt: Options{Speed: 1, BenchWave: time.Hour}, m: m}
	tick := func() { m.Tick(pilot.Next()) }
	for f := 0; f < 300; f++ {
		a.ticksOfFrame(tick)
		if m.Screen() != flow.ScreenPlay {
			continue
		}
		if g := m.Round(); g == nil || g.Tick() > 1 {
			t.Fatalf("the frame that entered play ran the round to tick %d; want it to stop at the round's start", g.Tick())
		}
		if a.playUpdate {
			t.Fatal("the frame that entered play from a menu counts as a play frame")
		}
		before := m.Round().Tick()
		a.ticksOfFrame(tick)
		if !a.playUpdate || m.Round().Tick() != before+1 {
			t.Fatalf("next frame: play frame %v, round tick %d after %d; want a play frame of one tick", a.playUpdate, m.Round().Tick(), before)
		}
		return
	}
	t.Fatalf("no round after 300 hurried frames (screen %s)", m.Screen())
}

// Nothing is hurried while the shared atlas warms: the measured round
// starts, as in the hall, with every sprite rendered.
func TestBenchWaveWaitsForTheWarmAtlas(t *testing.T) {
	p, err := levels.Default()
	if err != nil {
		t.Fatal(err)
	}
	m := flow.New(flow.Env{Pack: p, Canvas: flow.Canvas{W: 1920, H: 1080}, NewRound: flow.NewRound})
	a := &App{opt: Options{Speed: 1, BenchWave: time.Hour}, m: m, view: &view{sc: &scenes{}}}
	a.view.sc.ensure(p, flow.Canvas{W: 1920, H: 1080}) // an Art that has drawn nothing: not warm
	n := 0
	a.ticksOfFrame(func() { n++ })
	if n != 1 {
		t.Fatalf("a frame before the atlas is warm ran %d ticks, want 1", n)
	}
}
