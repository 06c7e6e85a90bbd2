package scene

import (
	"fmt"
	"image"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/assets/art/arttest"
	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/ai"
	"github.com/playhall/playhall/game/shooter"
	sortgame "github.com/playhall/playhall/game/sort"
	"github.com/playhall/playhall/levels"
)

// differs counts pixels of box r whose colour differs from bg by more than
// 40 (sum of channel differences).
func differs(px, bg *image.RGBA, r image.Rectangle) int {
	r = r.Intersect(px.Bounds())
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if !near(px.RGBAAt(x, y), bg.RGBAAt(x, y), 40) {
				n++
			}
		}
	}
	return n
}

// TestEveryShooterStateDrawn plays rounds with a novice and an expert AI
// and, the first time each entity kind is seen in each state, draws the
// frame and checks that the entity's area differs from the bare scenery.
func TestEveryShooterStateDrawn(t *testing.T) {
	p := pack(t)
	seen := map[string]bool{}
	// a third round nobody plays: traffickers go back into cover and the
	// boss, arriving early, settles into his patrol
	idle := *levelOf(t, p, levels.ModeShooter)
	idle.Difficulty.Health = 10
	idle.Waves = []levels.Wave{
		{At: 0, Duration: 20, Every: 2, Speed: 60, Traffickers: 4, Drugs: []string{p.Drugs[0].ID}},
		{At: 1, Duration: 20, Every: 5, Speed: 60, Drugs: []string{p.Drugs[0].ID}, Boss: true},
	}
	for run, sk := range []ai.Skill{ai.Novice, ai.Expert, {}} {
		lv := levelOf(t, p, levels.ModeShooter)
		if run == 2 {
			lv = &idle
		}
		g, err := shooter.New(shooter.Config{Pack: p, Level: lv, Band: levels.BandAdult, Seed: 5, Canvas: game.Landscape})
		if err != nil {
			t.Fatal(err)
		}
		v := NewShooter(p, 1920, 1080)
		var dst *ebiten.Image
		var bg *image.RGBA
		arttest.Frame(func() {
			dst = ebiten.NewImage(960, 540)
			v.Draw(dst, g, 0)
			img := ebiten.NewImage(960, 540)
			var d art.Drawer
			v.atlas.Background(v.geom).Draw(&d, img, 0, 0)
			bg = arttest.Pixels(img)
			img.Deallocate()
		})
		pl := ai.New(5, sk)
		var buf []game.PointerEvent
		for !g.Done() && g.Tick() < game.Seconds(200) {
			buf = buf[:0]
			if run < 2 {
				buf = pl.Next(g, buf)
			}
			g.Step(buf)
			v.Feed(g.Events())
			ents := g.Entities()
			for i := range ents {
				e := &ents[i]
				if !e.Alive {
					continue
				}
				key := fmt.Sprintf("%v/%v", e.Kind, e.State)
				if seen[key] || e.X < 60 || e.X > 1860 || e.Y < 60 || e.Y > 1020 || (e.State == shooter.Appearing && g.Tick()-e.StateTick < 20 && e.Kind != shooter.Boss) {
					continue // let a rising trafficker show above his cover first
				}
				seen[key] = true
				x, y := e.X/2, e.Y/2
				arttest.Frame(func() {
					dst.Clear()
					v.Draw(dst, g, 0)
					n := differs(arttest.Pixels(dst), bg, image.Rect(int(x)-30, int(y)-30, int(x)+30, int(y)+30))
					if n < 500 {
						t.Errorf("%s at (%.0f, %.0f): only %d of 3600 pixels differ from the scenery", key, e.X, e.Y, n)
					}
				})
			}
		}
		arttest.Frame(func() { v.Dispose(); dst.Deallocate() })
	}
	for _, want := range []string{
		"trafficker/appearing", "trafficker/active", "trafficker/leaving", "trafficker/arrested",
		"package/flying", "package/seized", "package/hit_player",
		"lookalike/flying", "lookalike/revealed",
		"boss/appearing", "boss/active", "boss/arrested",
	} {
		if !seen[want] {
			t.Errorf("state %s never occurred in the test rounds, so it was not checked", want)
		}
	}
}

// TestEverySortStateDrawn does the same for the sort game's items.
func TestEverySortStateDrawn(t *testing.T) {
	p := pack(t)
	seen := map[string]bool{}
	for run, sk := range []ai.Skill{ai.Novice, ai.Visitor, {}} { // the last round nobody plays: items ride the belt
		g, err := sortgame.New(sortgame.Config{Pack: p, Level: levelOf(t, p, levels.ModeSort), Band: levels.BandJunior, Seed: 9, Canvas: game.Portrait})
		if err != nil {
			t.Fatal(err)
		}
		v := NewSort(p, 1080, 1920)
		var dst *ebiten.Image
		var empty *image.RGBA
		arttest.Frame(func() {
			dst = ebiten.NewImage(540, 960)
			v.Draw(dst, g, 0) // nothing on the belt yet
			empty = arttest.Pixels(dst)
		})
		pl := ai.New(9, sk)
		var buf []game.PointerEvent
		for !g.Done() && len(seen) < 5 && g.Tick() < game.Seconds(120) {
			buf = buf[:0]
			if run < 2 {
				buf = pl.Next(g, buf)
			}
			g.Step(buf)
			v.Feed(g.Events())
			items := g.Items()
			for i := range items {
				it := &items[i]
				key := it.State.String()
				if !it.Alive || seen[key] || it.X < 50 || it.X > 1030 || (g.Paused() && it.State == sortgame.OnBelt) {
					continue
				}
				seen[key] = true
				x, y := it.X/2, it.Y/2
				arttest.Frame(func() {
					dst.Clear()
					v.Draw(dst, g, 0)
					n := differs(arttest.Pixels(dst), empty, image.Rect(int(x)-25, int(y)-25, int(x)+25, int(y)+25))
					if n < 400 {
						t.Errorf("sort %s at (%.0f, %.0f): only %d of 2500 pixels differ from the empty scene", key, it.X, it.Y, n)
					}
				})
			}
		}
		arttest.Frame(func() { v.Dispose(); dst.Deallocate() })
	}
	for _, want := range []string{"on_belt", "held", "binned"} {
		if !seen[want] {
			t.Errorf("sort state %s never occurred, so it was not checked (saw %v)", want, seen)
		}
	}
}
