package art

import (
	"image"
	"testing"

	"github.com/playhall/playhall/assets/art/arttest"
)

// The deck rendered a cell and a pass at a time, one step a frame
// (DeckStep), is the deck rendered at once (Deck, when no DeckStep began
// it), and it takes several steps.
func TestStagedDeckMatchesWholeDeck(t *testing.T) {
	const w, h = 1920, 195
	var whole, staged *image.RGBA
	steps := 0
	var wb, sb image.Rectangle
	arttest.Frame(func() {
		a := NewAtlas(1)
		defer a.Dispose()
		sp := a.Deck(w, h)
		wb = sp.Img.Bounds()
		whole = pixels(sp.Img)
	})
	a := NewAtlas(1)
	for done := false; !done && steps < 100; steps++ {
		arttest.Frame(func() { done = a.DeckStep(w, h) })
	}
	arttest.Frame(func() {
		sp := a.Deck(w, h)
		sb = sp.Img.Bounds()
		staged = pixels(sp.Img)
		a.Dispose()
	})
	// 1940×405 px with padding: a row of 5 cells of 480 px, the busiest
	// quartered (see splitBusy), in each of two passes: 22
	if steps < 6 || steps >= 100 {
		t.Errorf("the staged deck took %d steps, want several", steps)
	}
	if wb.Size() != sb.Size() {
		t.Fatalf("staged deck is %v, whole %v", sb.Size(), wb.Size())
	}
	bad, worst := 0, 0
	for i := range whole.Pix {
		d := int(whole.Pix[i]) - int(staged.Pix[i])
		worst = max(worst, d, -d)
		if d > 3 || d < -3 {
			bad++
		}
	}
	// A path cut at a cell's edge is anti-aliased there a little
	// differently in a few pixels (up to 25 levels seen); a path missing or
	// drawn twice changes thousands.
	if bad > 20 || worst > 40 {
		t.Errorf("%d channel values differ by more than 3 between the staged and the whole deck, by up to %d", bad, worst)
	}
	t.Logf("%d steps; %d values off by more than 3, worst %d", steps, bad, worst)
}

// Every fixed sprite rendered a step at a time (GetStep) is the sprite
// rendered at once (Get), in two steps or more but Pixel and Glow.
func TestStagedSpritesMatchWholeOnes(t *testing.T) {
	for id := ID(0); id < NumIDs; id++ {
		var whole, staged *image.RGBA
		steps := 0
		arttest.Frame(func() {
			a := NewAtlas(1)
			defer a.Dispose()
			whole = pixels(a.Get(id).Img)
		})
		a := NewAtlas(1)
		for done := false; !done && steps < 100; steps++ {
			arttest.Frame(func() { _, done = a.GetStep(id, 0) })
		}
		arttest.Frame(func() {
			staged = pixels(a.Get(id).Img)
			a.Dispose()
		})
		if id != Pixel && id != Glow && (steps < 2 || steps >= 100) {
			t.Errorf("sprite %d took %d steps, want 2 (a pass each) or more", id, steps)
		}
		if whole.Rect.Size() != staged.Rect.Size() {
			t.Errorf("sprite %d: staged %v, whole %v", id, staged.Rect.Size(), whole.Rect.Size())
			continue
		}
		bad, worst := 0, 0
		for i := range whole.Pix {
			d := int(whole.Pix[i]) - int(staged.Pix[i])
			worst = max(worst, d, -d)
			if d > 3 || d < -3 {
				bad++
			}
		}
		// as for the deck: anti-aliasing where a path is cut at a cell's edge
		if bad > 20 || worst > 40 {
			t.Errorf("sprite %d: %d channel values differ by more than 3 between staged and whole, by up to %d", id, bad, worst)
		}
	}
}
