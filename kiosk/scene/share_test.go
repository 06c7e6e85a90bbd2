package scene

import (
	"slices"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/assets/art/arttest"
	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/shooter"
	sortgame "github.com/playhall/playhall/game/sort"
	"github.com/playhall/playhall/levels"
)

func TestSharedArtIsOneAtlas(t *testing.T) {
	p := pack(t)
	s := NewArt(p)
	amb := NewAmbient(p, 1920, 1080)
	sh := NewShooter(p, 1920, 1080)
	amb.Share(s)
	sh.Share(s)
	g := shooterRun(t, game.Landscape, sh, func(g *shooter.Game, _ []game.Event) bool { return g.Tick() < game.Seconds(3) })
	var dst *ebiten.Image
	arttest.Frame(func() {
		dst = ebiten.NewImage(960, 540)
		amb.Draw(dst, 0, true)
		sh.Draw(dst, g, 0)
	})
	if amb.atlas == nil || amb.atlas != sh.atlas || amb.atlas != s.atlas {
		t.Fatalf("views draw from %p and %p, shared atlas %p: want one", amb.atlas, sh.atlas, s.atlas)
	}
	arttest.Frame(func() { amb.Dispose(); sh.Dispose() })
	if s.atlas == nil {
		t.Fatal("a view's Dispose freed the shared atlas its owner still holds")
	}
	arttest.Frame(func() { s.Dispose(); dst.Deallocate() })
	if s.atlas != nil || s.Warmed() {
		t.Fatal("Dispose left the atlas")
	}
}

func TestWarmRendersAFewPerCallAndRestartsOnScale(t *testing.T) {
	p := pack(t)
	s := NewArt(p)
	want := int(art.NumIDs) + len(p.Drugs) + len(p.Lookalikes)
	if s.Left() != want {
		t.Fatalf("queue holds %d sprites, want %d (fixed, drugs, look-alikes)", s.Left(), want)
	}
	if s.Warm(2) || s.Left() != want {
		t.Fatalf("Warm before any draw rendered something (left %d)", s.Left())
	}
	v := NewAmbient(p, 1920, 1080)
	v.Share(s)
	var half, third *ebiten.Image
	arttest.Frame(func() {
		half, third = ebiten.NewImage(960, 540), ebiten.NewImage(640, 360)
		v.Draw(half, 0, true)
		s.Warm(2)
	})
	if s.Left() != want-2 {
		t.Fatalf("after Warm(2): %d left, want %d", s.Left(), want-2)
	}
	arttest.Frame(func() {
		if !s.Warm(s.Left()) {
			t.Error("Warm(all that is left) did not finish")
		}
	})
	arttest.Frame(func() { v.Draw(third, 0, true) })
	if s.Warmed() || s.Left() != want {
		t.Fatalf("a new scale kept the old warm state: warmed %v, left %d", s.Warmed(), s.Left())
	}
	arttest.Frame(func() { v.Dispose(); s.Dispose(); half.Deallocate(); third.Deallocate() })
}

// The attract loop shows the river alone until the shared atlas is warm,
// then the whole scene.
func TestCalmWaitsForWarmArt(t *testing.T) {
	p, s := gradualArt(t)
	v := NewShooter(p, 1920, 1080)
	v.Share(s)
	v.SetCalm(true)
	g := shooterRun(t, game.Landscape, v, func(g *shooter.Game, _ []game.Event) bool { return g.Tick() < game.Seconds(8) })
	var dst, bg *ebiten.Image
	diff := func() int {
		a, b := arttest.Pixels(dst), arttest.Pixels(bg)
		n := 0
		for i := 0; i+3 < len(a.Pix); i += 4 {
			if a.Pix[i] != b.Pix[i] || a.Pix[i+1] != b.Pix[i+1] || a.Pix[i+2] != b.Pix[i+2] {
				n++
			}
		}
		return n
	}
	var first, cold, warm int
	arttest.Frame(func() {
		dst, bg = ebiten.NewImage(960, 540), ebiten.NewImage(960, 540)
		v.Draw(dst, g, 0)
		// the first frame: the scenery's gradients, its shapes still to paint
		pic, _ := v.atlas.BackgroundStep(v.geom)
		pic.DrawGradients(bg, 0, 0)
	})
	arttest.Frame(func() { first = diff() })
	// The scenery paints a cell a frame, then the deck renders a part a
	// frame; 40 frames is more than both take at this size.
	for range 40 {
		arttest.Frame(func() { dst.Clear(); v.Draw(dst, g, 0) })
	}
	arttest.Frame(func() {
		bg.Clear()
		var d art.Drawer
		v.atlas.Background(v.geom).Draw(&d, bg, 0, 0)
	})
	arttest.Frame(func() { cold = diff() })
	arttest.Frame(func() { s.Warm(s.Left()) })
	arttest.Frame(func() { dst.Clear(); v.Draw(dst, g, 0) })
	arttest.Frame(func() { warm = diff() })
	if first != 0 {
		t.Errorf("first calm frame differs from the scenery's gradients in %d pixels", first)
	}
	if cold != 0 {
		t.Errorf("calm frame before warm-up differs from the bare river in %d pixels", cold)
	}
	if warm < 5000 {
		t.Errorf("calm frame after warm-up differs from the bare river in only %d pixels; want boats, figures, clouds", warm)
	}
	arttest.Frame(func() { v.Dispose(); s.Dispose(); dst.Deallocate(); bg.Deallocate() })
}

// Without Gradual (screenshots, harness runs that warm all at once) the
// attract loop draws the whole scene from its first frame.
func TestCalmDrawsAllWhenNotGradual(t *testing.T) {
	p := pack(t)
	s := NewArt(p)
	v := NewShooter(p, 1920, 1080)
	v.Share(s)
	v.SetCalm(true)
	g := shooterRun(t, game.Landscape, v, func(g *shooter.Game, _ []game.Event) bool { return g.Tick() < game.Seconds(8) })
	var dst, bg *ebiten.Image
	n := 0
	arttest.Frame(func() {
		dst, bg = ebiten.NewImage(960, 540), ebiten.NewImage(960, 540)
		v.Draw(dst, g, 0)
		var d art.Drawer
		v.atlas.Background(v.geom).Draw(&d, bg, 0, 0)
	})
	arttest.Frame(func() {
		a, b := arttest.Pixels(dst), arttest.Pixels(bg)
		for i := 0; i+3 < len(a.Pix); i += 4 {
			if a.Pix[i] != b.Pix[i] || a.Pix[i+1] != b.Pix[i+1] || a.Pix[i+2] != b.Pix[i+2] {
				n++
			}
		}
	})
	if s.Warmed() {
		t.Fatal("the atlas warmed without Warm")
	}
	if n < 5000 {
		t.Errorf("first calm frame differs from the bare river in only %d pixels; want the whole scene", n)
	}
	arttest.Frame(func() { v.Dispose(); s.Dispose(); dst.Deallocate(); bg.Deallocate() })
}

// WarmStep warms the whole queue a part of a sprite at a time: with a
// budget of one path, more calls than sprites (each takes a step per pass
// at least), and Warmed at the end.
func TestWarmStepWarmsEverySprite(t *testing.T) {
	p := pack(t)
	s := NewArt(p)
	v := NewShooter(p, 1920, 1080)
	v.Share(s)
	g := shooterRun(t, game.Landscape, v, func(g *shooter.Game, _ []game.Event) bool { return g.Tick() < game.Seconds(1) })
	var dst *ebiten.Image
	arttest.Frame(func() { dst = ebiten.NewImage(960, 540); v.Draw(dst, g, 0) })
	sprites := s.Left()
	steps := 0
	for done := false; !done && steps < 20*sprites; steps++ {
		arttest.Frame(func() { done = s.WarmStep(1) })
	}
	if !s.Warmed() {
		t.Fatalf("not warm after %d steps for %d sprites", steps, sprites)
	}
	if steps <= sprites {
		t.Errorf("%d sprites warmed in %d steps: not a part at a time", sprites, steps)
	}
	arttest.Frame(func() { v.Dispose(); s.Dispose(); dst.Deallocate() })
}

// With a sort level in the pack the shared atlas paints the sort game's
// scenery after the sprites, a cell a WarmStep, and is not warm until it
// has; without one it leaves it alone.
func TestWarmStepPaintsTheSortScenery(t *testing.T) {
	p := pack(t)
	s := NewArt(p)
	v := NewSort(p, 1920, 1080)
	v.Share(s)
	arttest.Frame(func() { s.at(1) })
	for s.Left() > 1 {
		arttest.Frame(func() { s.Warm(1) })
	}
	arttest.Frame(func() { s.WarmStep(8) }) // the last sprite's first step
	if s.atlas.BackgroundPainted(v.scenery()) || s.Left() != 1 {
		t.Fatalf("the sort scenery was painted before the sprites were done (%d left)", s.Left())
	}
	steps := 0
	for done := false; !done && steps < 500; steps++ {
		arttest.Frame(func() { done = s.WarmStep(8) })
	}
	if !s.atlas.BackgroundPainted(v.scenery()) || !s.Warmed() {
		t.Fatalf("after %d steps: sort scenery painted %v, warmed %v", steps, s.atlas.BackgroundPainted(v.scenery()), s.Warmed())
	}
	if steps < 4 {
		t.Errorf("the sort scenery took %d steps: not a cell at a time", steps)
	}
	arttest.Frame(func() { s.Dispose() })

	noSort := *p
	noSort.Levels = slices.DeleteFunc(slices.Clone(p.Levels), func(l levels.Level) bool { return l.Mode == levels.ModeSort })
	s2 := NewArt(&noSort)
	NewSort(&noSort, 1920, 1080).Share(s2)
	if len(s2.scenery) != 0 {
		t.Errorf("a pack without sort levels warms %d sceneries", len(s2.scenery))
	}
}

// A sort round that starts before the warm-up is done paints its scenery a
// cell a frame behind the gradients, never all in one frame.
func TestSortViewPaintsUnwarmedSceneryACellAFrame(t *testing.T) {
	p, s := gradualArt(t)
	v := NewSort(p, 1920, 1080)
	v.Share(s)
	g, err := sortgame.New(sortgame.Config{Pack: p, Level: levelOf(t, p, levels.ModeSort), Band: levels.BandJunior, Seed: 5, Canvas: game.Landscape})
	if err != nil {
		t.Fatal(err)
	}
	var dst *ebiten.Image
	arttest.Frame(func() { dst = ebiten.NewImage(1920, 1080); v.Draw(dst, g, 0) })
	if s.atlas.BackgroundPainted(v.scenery()) {
		t.Fatal("the first frame painted the whole sort scenery")
	}
	frames := 1
	for ; !s.atlas.BackgroundPainted(v.scenery()) && frames < 500; frames++ {
		arttest.Frame(func() { v.Draw(dst, g, 0) })
	}
	if !s.atlas.BackgroundPainted(v.scenery()) {
		t.Fatalf("the sort scenery is not painted after %d frames", frames)
	}
	arttest.Frame(func() { s.Dispose(); dst.Deallocate() })
}

// gradualArt returns the default pack and a shared atlas that warms a part
// a frame, as the kiosk's does.
func gradualArt(t *testing.T) (*levels.Pack, *Art) {
	p := pack(t)
	s := NewArt(p)
	s.Gradual = true
	return p, s
}
