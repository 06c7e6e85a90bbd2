package scene

import (
	"image"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/assets/art/arttest"
	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/shooter"
	"github.com/playhall/playhall/levels"
)

// TestCardFollowsResize opens the shooter's harm and safe-cue cards in a
// half-size window, then draws them full size, as when the kiosk's window
// is resized with a card on screen. The shared atlas starts over at the
// new scale and disposes the old one, so the card must take its icon from
// the new atlas (a sprite of the disposed one draws blank) and wrap its
// body at the new scale.
func TestCardFollowsResize(t *testing.T) {
	p := pack(t)
	drug, look := &p.Drugs[0], &p.Lookalikes[0]
	band := levels.BandSenior
	for _, tc := range []struct {
		name string
		ev   game.Event
		card func(v *ShooterView) *card
		icon func(a *art.Atlas) *art.Sprite
		body string
	}{
		{"harm", game.Event{Kind: game.PlayerHit, Item: drug.ID, ItemKind: game.Drug},
			func(v *ShooterView) *card { return &v.harm },
			func(a *art.Atlas) *art.Sprite { return a.Icon(drug.Icon, false) },
			drug.HarmFor(band).Zh},
		{"safe", game.Event{Kind: game.LookalikeHit, Item: look.ID, ItemKind: game.Lookalike, X: 900, Y: 500},
			func(v *ShooterView) *card { return &v.safe },
			func(a *art.Atlas) *art.Sprite { return a.Icon(look.Icon, true) },
			look.SafeCue.Zh},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := shooter.New(shooter.Config{Pack: p, Level: levelOf(t, p, levels.ModeShooter), Band: band, Seed: 3, Canvas: game.Landscape})
			if err != nil {
				t.Fatal(err)
			}
			shared := NewArt(p)
			v := NewShooter(p, 1920, 1080)
			v.Share(shared)
			v.band = band
			v.Feed([]game.Event{tc.ev})
			for k := 0; k < 20; k++ { // let the card slide in
				v.Feed(nil)
			}
			var small, full *ebiten.Image
			var old *art.Sprite
			arttest.Frame(func() {
				small, full = ebiten.NewImage(960, 540), ebiten.NewImage(1920, 1080)
				v.Draw(small, g, 0)
				c := tc.card(v)
				if !c.open || c.icon == nil {
					t.Fatalf("the card did not open (open %v, icon %v)", c.open, c.icon)
				}
				old = c.icon
			})
			arttest.Frame(func() {
				v.Draw(full, g, 0)
				c := tc.card(v)
				if c.icon == old {
					t.Errorf("the card kept the icon of the disposed scale-0.5 atlas")
				}
				if want := tc.icon(v.atlas); c.icon != want {
					t.Errorf("card icon %p, want the new atlas's %p (scale %v)", c.icon, want, want.Scale)
				}
				if c.sc != 1 {
					t.Errorf("card body wrapped at scale %v, want 1", c.sc)
				}
				w := 860.0 - 260 // the landscape card's text column
				if want := wrap(tc.body, 36, w); c.body != want {
					t.Errorf("card body\n%q\nwant\n%q", c.body, want)
				}
				for _, line := range splitLines(c.body) {
					if lw, _ := measure(line, 36); lw > w {
						t.Errorf("body line %q is %.0f px wide, the column %.0f", line, lw, w)
					}
				}
				// the icon in its round white plate, centred at
				// (cw-margin-860+110, ch-360+34): a blank (disposed) sprite
				// leaves the plate white
				cx, cy := int(1920-margin-860+110), int(1080-360+34)
				box := image.Rect(cx-50, cy-50, cx+50, cy+50)
				px := arttest.Pixels(full)
				if n := box.Dx()*box.Dy() - count(px, box, art.White, 30); n < 2000 {
					t.Errorf("only %d of %d pixels of the icon plate are not white: the icon is missing", n, box.Dx()*box.Dy())
				}
			})
			arttest.Frame(func() {
				v.Dispose()
				shared.Dispose()
				small.Deallocate()
				full.Deallocate()
			})
		})
	}
}
