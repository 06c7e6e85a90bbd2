package art

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/playhall/playhall/assets/art/arttest"
)

// common is 120 distinct common characters, all in the font subset.
const common = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全"

// glyphImage returns the image text/v2 caches for the first glyph of s.
func glyphImage(t *testing.T, s string, f *text.GoTextFace) *ebiten.Image {
	t.Helper()
	gs := text.AppendGlyphs(nil, s, f, nil)
	if len(gs) == 0 || gs[0].Image == nil {
		t.Fatalf("no glyph image for %q", s)
	}
	return gs[0].Image
}

func inked(img *ebiten.Image) bool {
	for i, v := range arttest.Pixels(img).Pix {
		if i%4 == 3 && v > 0 {
			return true
		}
	}
	return false
}

// The kiosk's glyph limits (see glyphsPerSize): a glyph not drawn for a
// second leaves the cache, and its texture is freed at once, as soon as a
// size holds more than the limit; a glyph drawn meanwhile stays.
func TestUnusedGlyphsAreFreedPastTheLimit(t *testing.T) {
	f := Face(41, false) // a size no other test draws
	var old, kept *ebiten.Image
	arttest.Frame(func() {
		old = glyphImage(t, "永", f)
		kept = glyphImage(t, "梦", f)
	})
	arttest.Frame(func() {
		if !inked(old) || !inked(kept) {
			t.Fatal("the glyph images are blank before any eviction")
		}
	})
	for i := 0; i < 70; i++ { // more than 60 ticks: a second at 60 TPS
		arttest.Frame(func() {
			if i%10 == 0 {
				glyphImage(t, "梦", f) // drawn every few frames: stays
			}
		})
	}
	dst := ebiten.NewImage(4000, 100)
	defer dst.Deallocate()
	arttest.Frame(func() {
		// 120 new glyphs: the size passes glyphsPerSize × its 2 subpixel steps
		text.Draw(dst, common, f, nil)
	})
	arttest.Frame(func() {
		// the cache cleans up at most once a tick, when a new glyph comes
		// and the size is over its limit
		text.Draw(dst, "龙", f, nil)
	})
	arttest.Frame(func() {
		if inked(old) {
			t.Error("a glyph unused for 70 ticks still holds its texture after its size passed the limit")
		}
		if !inked(kept) {
			t.Error("a glyph drawn 10 ticks ago was freed")
		}
	})
}

// A new screen's first frame drops every glyph it did not draw, at once
// and at any size, and keeps the ones it drew.
func TestEvictUndrawnGlyphsKeepsOnlyThisFramesGlyphs(t *testing.T) {
	f, other := Face(43, false), Face(47, true) // sizes no other test draws
	var gone, otherSize, kept *ebiten.Image
	arttest.Frame(func() {
		gone = glyphImage(t, "永", f)
		otherSize = glyphImage(t, "永", other)
	})
	arttest.Frame(func() {
		kept = glyphImage(t, "梦", f)
		if !inked(gone) || !inked(otherSize) {
			t.Fatal("the glyph images are blank before the eviction")
		}
		EvictUndrawnGlyphs(0)
	})
	arttest.Frame(func() {
		if inked(gone) {
			t.Error("a glyph drawn one frame before the eviction still holds its texture")
		}
		if inked(otherSize) {
			t.Error("a glyph of a size the frame did not draw still holds its texture")
		}
		if !inked(kept) {
			t.Error("a glyph drawn in the evicting frame was freed")
		}
		if again := glyphImage(t, "永", f); again == gone || !inked(again) {
			t.Error("an evicted glyph did not come back as a new image")
		}
	})
}

// With a cap the eviction goes a few glyphs a frame, reports how many are
// left, and never takes a glyph the frame drew.
func TestEvictUndrawnGlyphsSpreadsTheWorkOverFrames(t *testing.T) {
	f := Face(45, false) // a size no other test draws
	const old = "永梦龙虎山"
	var gone []*ebiten.Image
	var kept *ebiten.Image
	arttest.Frame(func() {
		EvictUndrawnGlyphs(0) // other tests' glyphs: every one is undrawn yet
		for _, r := range old {
			gone = append(gone, glyphImage(t, string(r), f))
		}
	})
	inkedOld := func() int {
		n := 0
		for _, img := range gone {
			if inked(img) {
				n++
			}
		}
		return n
	}
	for i, want := range []int{3, 1, 0} {
		var left int
		arttest.Frame(func() {
			kept = glyphImage(t, "水", f)
			left = EvictUndrawnGlyphs(2)
		})
		if left != want {
			t.Errorf("frame %d: %d undrawn glyphs left, want %d", i+2, left, want)
		}
		if n := inkedOld(); n != want {
			t.Errorf("frame %d: %d of the old glyphs hold their texture, want %d", i+2, n, want)
		}
		if !inked(kept) {
			t.Fatalf("frame %d: the glyph the frame drew was freed", i+2)
		}
	}
}
