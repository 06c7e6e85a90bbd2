package scene

import (
	"image"
	"image/color"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art/arttest"
	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/ai"
	"github.com/playhall/playhall/game/shooter"
	sortgame "github.com/playhall/playhall/game/sort"
	"github.com/playhall/playhall/levels"
)

func pack(t testing.TB) *levels.Pack {
	p, err := levels.Default()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func levelOf(t testing.TB, p *levels.Pack, m levels.Mode) *levels.Level {
	for i := range p.Levels {
		if p.Levels[i].Mode == m {
			return &p.Levels[i]
		}
	}
	t.Fatalf("default pack has no %s level", m)
	return nil
}

func near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(a.R, b.R)+d(a.G, b.G)+d(a.B, b.B) <= tol
}

// count returns how many pixels of r (in image pixels) are near c.
func count(px *image.RGBA, r image.Rectangle, c color.RGBA, tol int) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if near(px.RGBAAt(x, y), c, tol) {
				n++
			}
		}
	}
	return n
}

// shooterRun plays a shooter round with the expert AI, calling at(g, ev)
// after every Step; at returns false to stop.
func shooterRun(t testing.TB, c game.Canvas, v *ShooterView, at func(g *shooter.Game, ev []game.Event) bool) *shooter.Game {
	p := pack(t)
	g, err := shooter.New(shooter.Config{Pack: p, Level: levelOf(t, p, levels.ModeShooter), Band: levels.BandSenior, Seed: 11, Canvas: c})
	if err != nil {
		t.Fatal(err)
	}
	pl := ai.New(11, ai.Expert)
	var buf []game.PointerEvent
	for !g.Done() {
		buf = pl.Next(g, buf[:0])
		g.Step(buf)
		v.Feed(g.Events())
		if !at(g, g.Events()) {
			break
		}
	}
	return g
}

func TestShooterFrames(t *testing.T) {
	for _, c := range []game.Canvas{game.Landscape, game.Portrait} {
		p := pack(t)
		v := NewShooter(p, int(c.W), int(c.H))
		var dst *ebiten.Image
		arttest.Frame(func() { dst = ebiten.NewImage(int(c.W/2), int(c.H/2)) })
		shots := map[string]bool{}
		shooterRun(t, c, v, func(g *shooter.Game, ev []game.Event) bool {
			for _, e := range ev {
				switch e.Kind {
				case game.PlayerHit, game.DrugSeized, game.BossAppeared, game.TraffickerArrested, game.LookalikeHit:
					name := e.Kind.String()
					if shots[name] {
						continue
					}
					shots[name] = true
					arttest.Frame(func() {
						before := g.Hash()
						dst.Clear()
						v.Draw(dst, g, 0.5)
						if g.Hash() != before {
							t.Errorf("%s: Draw changed the game state", name)
						}
						checkShooterFrame(t, c, name, arttest.Pixels(dst), g, &e)
					})
				}
			}
			return len(shots) < 5
		})
		for _, k := range []string{"drug_seized", "trafficker_arrested"} {
			if !shots[k] {
				t.Errorf("%v: the expert round never produced %s to draw", c, k)
			}
		}
		arttest.Frame(func() { v.Dispose(); dst.Deallocate() })
	}
}

func checkShooterFrame(t *testing.T, c game.Canvas, name string, px *image.RGBA, g *shooter.Game, e *game.Event) {
	t.Helper()
	w, h := px.Bounds().Dx(), px.Bounds().Dy()
	// dusk sky (top middle, below the HUD) and teal water (middle)
	sky := px.RGBAAt(w/2, int(g.Layout().RiverTop/2*0.75))
	if sky.R < 0xC0 || sky.B > 0xB0 {
		t.Errorf("%v %s: sky pixel %v is not dusk", c, name, sky)
	}
	water := px.RGBAAt(w/2, int((g.Layout().RiverTop+g.Layout().RiverBot)/4)+40)
	if water.G < water.R {
		t.Errorf("%v %s: water pixel %v is not teal", c, name, water)
	}
	// the HUD's score card in the top-left corner
	if n := count(px, image.Rect(24, 24, 180, 76), hudFill, 60); n < 500 {
		t.Errorf("%v %s: %d HUD card pixels", c, name, n)
	}
	// hearts in the top-right: red for health left, grey for health lost
	hearts := image.Rect(w-24-g.MaxHealth()*32, 24, w-24, 76)
	red := count(px, hearts, color.RGBA{0xF0, 0x3E, 0x5A, 0xFF}, 60)
	if g.Health() > 0 && red < 50 {
		t.Errorf("%v %s: %d red heart pixels with %d health", c, name, red, g.Health())
	}
	switch e.Kind {
	case game.PlayerHit:
		// the edge pulses red and the harm card (cream, red header) shows
		edge := px.RGBAAt(2, h/2)
		if edge.R < edge.G+40 {
			t.Errorf("%v %s: left edge %v does not pulse red", c, name, edge)
		}
		if n := count(px, px.Bounds(), harmRed, 40); n < 400 {
			t.Errorf("%v %s: %d harm-card header pixels", c, name, n)
		}
	case game.LookalikeHit:
		if n := count(px, px.Bounds(), safeGrn, 40); n < 400 {
			t.Errorf("%v %s: %d safe-card pixels", c, name, n)
		}
	case game.DrugSeized, game.TraffickerArrested:
		// a stamp pops near the item: white stamp paper around (x, y-70)
		r := image.Rect(int(e.X/2)-60, int(e.Y/2)-80, int(e.X/2)+60, int(e.Y/2)).Intersect(px.Bounds())
		if n := count(px, r, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}, 90); n < 150 {
			t.Errorf("%v %s: %d stamp pixels near (%.0f, %.0f)", c, name, n, e.X, e.Y)
		}
	}
}

func TestSortFrames(t *testing.T) {
	for _, c := range []game.Canvas{game.Landscape, game.Portrait} {
		p := pack(t)
		g, err := sortgame.New(sortgame.Config{Pack: p, Level: levelOf(t, p, levels.ModeSort), Band: levels.BandJunior, Seed: 5, Canvas: c})
		if err != nil {
			t.Fatal(err)
		}
		v := NewSort(p, int(c.W), int(c.H))
		var dst *ebiten.Image
		arttest.Frame(func() { dst = ebiten.NewImage(int(c.W/2), int(c.H/2)) })
		pl := ai.New(5, ai.Expert)
		var buf []game.PointerEvent
		cue := false
		for !g.Done() && g.Tick() < game.Seconds(120) && !cue {
			buf = pl.Next(g, buf[:0])
			g.Step(buf)
			v.Feed(g.Events())
			for _, e := range g.Events() {
				if e.Kind == game.CueShown {
					cue = true
				}
			}
		}
		if !cue {
			t.Fatalf("%v: no cue in two minutes of expert play", c)
		}
		for k := 0; k < 20; k++ { // let the card slide in
			g.Step(nil)
			v.Feed(g.Events())
		}
		arttest.Frame(func() {
			dst.Clear()
			v.Draw(dst, g, 0)
			px := arttest.Pixels(dst)
			bins := g.Bins()
			for _, b := range bins {
				r := image.Rect(int(b.X-b.W/2)/2, int(b.Y-b.H/2)/2, int(b.X+b.W/2)/2, int(b.Y+b.H/2)/2)
				want := policeBin
				if b.Kind == sortgame.Safe {
					want = safeBin
				}
				if n := count(px, r, want, 50); n < r.Dx()*r.Dy()/4 {
					t.Errorf("%v: bin %v has %d of its colour pixels", c, b.Kind, n)
				}
				if n := count(px, r, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}, 30); n < 300 {
					t.Errorf("%v: bin %v has %d white label pixels", c, b.Kind, n)
				}
			}
			if n := count(px, px.Bounds(), cardFill, 12); n < 5000 {
				t.Errorf("%v: cue card has %d pixels", c, n)
			}
			// ✓ or ✗ badge on the card header: green or red with white
			if n := count(px, px.Bounds(), safeGrn, 40) + count(px, px.Bounds(), harmRed, 40); n < 400 {
				t.Errorf("%v: the card header shows %d accent pixels", c, n)
			}
			v.Dispose()
			dst.Deallocate()
		})
	}
}

// TestDrawScalesAndOffsets draws a 1920×1080 canvas into a letterboxed
// sub-image at scale 2 (4K) and checks the margins stay untouched.
func TestDrawScalesAndOffsets(t *testing.T) {
	p := pack(t)
	v := NewShooter(p, 1920, 1080)
	g := shooterRun(t, game.Landscape, v, func(g *shooter.Game, _ []game.Event) bool { return g.Tick() < 300 })
	arttest.Frame(func() {
		screen := ebiten.NewImage(3840, 2400)
		defer screen.Deallocate()
		area := screen.SubImage(image.Rect(0, 120, 3840, 2280)).(*ebiten.Image)
		v.Draw(area, g, 0)
		if v.atlas.Scale() != 2 {
			t.Errorf("atlas scale %v, want 2", v.atlas.Scale())
		}
		px := arttest.Pixels(screen)
		if a := px.RGBAAt(1920, 60).A; a != 0 {
			t.Errorf("letterbox bar above the canvas was drawn on (alpha %d)", a)
		}
		if a := px.RGBAAt(1920, 2340).A; a != 0 {
			t.Errorf("letterbox bar below the canvas was drawn on (alpha %d)", a)
		}
		if a := px.RGBAAt(1920, 1200).A; a != 255 {
			t.Errorf("canvas centre not drawn (alpha %d)", a)
		}
		v.Dispose()
	})
}

func TestWrap(t *testing.T) {
	arttest.Frame(func() {
		got := wrap("改变感觉,可引起可怕的幻觉,损害记忆和注意力,长期吸食可致精神疾病。", 36, 36*10.5)
		for _, line := range splitLines(got) {
			if n := len([]rune(line)); n > 11 {
				t.Errorf("line %q has %d runes, want ≤ 11", line, n)
			}
		}
		en := wrap("Changes how you see and feel and can cause frightening hallucinations.", 36, 400)
		for _, line := range splitLines(en) {
			if w, _ := measure(line, 36); w > 400 {
				t.Errorf("line %q is %.0f px wide", line, w)
			}
		}
	})
}

func TestAmbientAndItems(t *testing.T) {
	p := pack(t)
	v := NewAmbient(p, 1920, 1080)
	for range 30 {
		v.Step()
	}
	arttest.Frame(func() {
		dst := ebiten.NewImage(960, 540)
		defer dst.Deallocate()
		v.Draw(dst, 0.5, true)
		before := arttest.Pixels(dst)
		d := p.Drugs[0]
		v.DrawItem(dst, d.ID, game.Drug, 960, 540, 200)
		v.DrawItem(dst, "no-such-item", game.Drug, 200, 540, 200)
		v.DrawBadge(dst, true, 1400, 540, 100)
		after := arttest.Pixels(dst)
		changed := func(r image.Rectangle) int {
			n := 0
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					if before.RGBAAt(x, y) != after.RGBAAt(x, y) {
						n++
					}
				}
			}
			return n
		}
		if n := changed(image.Rect(430, 220, 530, 320)); n < 1500 {
			t.Errorf("DrawItem changed %d pixels where the item is", n)
		}
		if n := changed(image.Rect(50, 220, 150, 320)); n != 0 {
			t.Errorf("DrawItem of an unknown id changed %d pixels", n)
		}
		if n := count(after, image.Rect(670, 245, 730, 295), safeGrn, 80); n < 200 {
			t.Errorf("✓ badge: %d green pixels", n)
		}
		if sky := after.RGBAAt(480, 30); sky.R < 0xC0 {
			t.Errorf("ambient sky pixel %v", sky)
		}
		v.Dispose()
	})
}

func FuzzWrap(f *testing.F) {
	for _, s := range []string{"", "a b", "改变感觉,可引起可怕的幻觉。", "word word word word ", " ", "。。。。", "a\nb c"} {
		f.Add(s, 200.0)
	}
	f.Fuzz(func(t *testing.T, s string, w float64) {
		if w < 1 || w > 5000 || len(s) > 400 || !utf8.ValidString(s) {
			return
		}
		arttest.Frame(func() {
			got := wrap(s, 36, w)
			if strings.ReplaceAll(strings.ReplaceAll(got, "\n", ""), " ", "") != strings.ReplaceAll(strings.ReplaceAll(s, "\n", ""), " ", "") {
				t.Errorf("wrap(%q) = %q lost or added text", s, got)
			}
		})
	})
}

func TestCalmClockDoesNotJump(t *testing.T) {
	v := NewAmbient(nil, 1920, 1080)
	for range 600 {
		v.Step()
	}
	before := v.secs()
	v.SetCalm(true)
	if d := v.secs() - before; d != 0 {
		t.Errorf("switching to calm moved the ambient clock by %v s", d)
	}
	v.Step()
	if d := v.secs() - before; d <= 0 || d > 0.4/game.TPS+1e-9 {
		t.Errorf("a calm tick advanced the ambient clock by %v s, want %v", d, 0.4/game.TPS)
	}
}

// TestCalmDrawsNoHUD: the attract loop (calm mode) shows the river and the
// AI's play but no HUD; the score card's corner is scenery there.
func TestCalmDrawsNoHUD(t *testing.T) {
	for _, c := range []game.Canvas{game.Landscape, game.Portrait} {
		p := pack(t)
		v := NewShooter(p, int(c.W), int(c.H))
		var dst *ebiten.Image
		arttest.Frame(func() { dst = ebiten.NewImage(int(c.W/2), int(c.H/2)) })
		g := shooterRun(t, c, v, func(g *shooter.Game, _ []game.Event) bool {
			return g.Tick() < game.Seconds(5)
		})
		card := image.Rect(24, 24, 180, 76) // the score card, half scale
		var play, calm int
		arttest.Frame(func() {
			dst.Clear()
			v.Draw(dst, g, 0)
			play = count(arttest.Pixels(dst), card, hudFill, 60)
		})
		v.SetCalm(true)
		arttest.Frame(func() {
			dst.Clear()
			v.Draw(dst, g, 0)
			px := arttest.Pixels(dst)
			calm = count(px, card, hudFill, 60)
			w := px.Bounds().Dx()
			if water := px.RGBAAt(w/2, int((g.Layout().RiverTop+g.Layout().RiverBot)/4)+40); water.G < water.R {
				t.Errorf("%v calm: water pixel %v is not teal", c, water)
			}
		})
		if play < 500 {
			t.Errorf("%v play: %d score-card pixels, want the HUD", c, play)
		}
		if calm > 50 {
			t.Errorf("%v calm: %d score-card pixels, want scenery", c, calm)
		}
		arttest.Frame(func() { v.Dispose(); dst.Deallocate() })
	}
}
