package scene

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/assets/art/arttest"
	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/shooter"
	"github.com/playhall/playhall/levels"
)

// busyShooter returns a shooter round with at least n live entities: a
// level whose one wave throws items every 30 ms at a quarter speed.
func busyShooter(tb testing.TB, n int) *shooter.Game {
	p := pack(tb)
	base := *levelOf(tb, p, levels.ModeShooter)
	w := levels.Wave{At: 0, Duration: 120, Every: 0.03, Speed: 60, Traffickers: 40, LookalikeShare: 0.5}
	for _, d := range p.Drugs {
		w.Drugs = append(w.Drugs, d.ID)
	}
	for _, l := range p.Lookalikes {
		w.Lookalikes = append(w.Lookalikes, l.ID)
	}
	base.Waves = []levels.Wave{w}
	base.Duration = 300
	base.Difficulty.Health = 10
	base.Difficulty.SpeedScale = 0.25
	g, err := shooter.New(shooter.Config{Pack: p, Level: &base, Band: levels.BandSenior, Seed: 1, Canvas: game.Landscape})
	if err != nil {
		tb.Fatal(err)
	}
	for g.Live() < n && !g.Done() && g.Tick() < game.Seconds(120) {
		g.Step(nil)
	}
	if g.Live() < n {
		tb.Fatalf("only %d live entities after %d ticks", g.Live(), g.Tick())
	}
	return g
}

// BenchmarkShooterBusyFrame draws the busiest wave (300+ entities) at
// 1920×1080, one frame per op, effects included. Compare with
// BenchmarkBaselineSprites, Ebitengine drawing the same number of sprites
// with one reused DrawImageOptions.
func BenchmarkShooterBusyFrame(b *testing.B) {
	g := busyShooter(b, 300)
	v := NewShooter(pack(b), 1920, 1080)
	var dst *ebiten.Image
	arttest.Frame(func() { dst = ebiten.NewImage(1920, 1080) })
	draw := func() { dst.Clear(); v.Draw(dst, g, 0.5) }
	benchFrames(b, draw)
	b.ReportMetric(float64(g.Live()), "entities")
	arttest.Frame(func() { v.Dispose(); dst.Deallocate() })
}

// BenchmarkBaselineSprites draws 420 icon sprites (about what a busy frame
// draws: entities plus scenery) with one reused DrawImageOptions.
func BenchmarkBaselineSprites(b *testing.B) {
	var a *art.Atlas
	var dst *ebiten.Image
	var sps []*art.Sprite
	arttest.Frame(func() {
		a = art.NewAtlas(1)
		dst = ebiten.NewImage(1920, 1080)
		for _, s := range levels.IconShapes {
			sps = append(sps, a.Icon(levels.Icon{Shape: s}, false))
		}
	})
	op := &ebiten.DrawImageOptions{}
	draw := func() {
		dst.Clear()
		for i := 0; i < 420; i++ {
			op.GeoM.Reset()
			op.GeoM.Translate(float64(i*37%1920), float64(i*53%1080))
			dst.DrawImage(sps[i%len(sps)].Img, op)
		}
	}
	benchFrames(b, draw)
	arttest.Frame(func() { a.Dispose(); dst.Deallocate() })
}

// BenchmarkShooterDrawSubmit measures only the CPU cost of Draw's
// submission for the busiest wave (no GPU wait): the clock runs only while
// Draw queues its draw calls.
func BenchmarkShooterDrawSubmit(b *testing.B) {
	g := busyShooter(b, 300)
	v := NewShooter(pack(b), 1920, 1080)
	var dst *ebiten.Image
	arttest.Frame(func() { dst = ebiten.NewImage(1920, 1080) })
	for range 5 {
		arttest.Frame(func() { v.Draw(dst, g, 0.5) })
	}
	b.StopTimer()
	// One Ebitengine frame per iteration, as in the kiosk: the command
	// queue is flushed (and software GL renders it) between iterations, off
	// the clock. Drawn thousands of times inside one frame, the queue grew
	// without bound and the figure measured its growth.
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		arttest.Frame(func() {
			b.StartTimer()
			v.Draw(dst, g, 0.5)
			b.StopTimer()
		})
	}
	arttest.Frame(func() { v.Dispose(); dst.Deallocate() })
}

// benchFrames runs draw in five frames to warm up, then once a frame per
// iteration of b, reporting allocations.
func benchFrames(b *testing.B, draw func()) {
	for range 5 {
		arttest.Frame(draw)
	}
	b.ReportAllocs()
	for b.Loop() {
		arttest.Frame(draw)
	}
}
