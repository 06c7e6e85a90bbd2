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
	// 1940×405 px with padding: a row of 5 cells of 480 px, in each of
	// two passes, a step to end each pass, the outline's growth and the
	// placing: 14
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
	// Paths cut at a cell's edge are anti-aliased there as the Filler's
	// tiles are: the same, up to rounding.
	if bad > 20 || worst > 16 {
		t.Errorf("%d channel values differ by more than 3 between the staged and the whole deck, by up to %d", bad, worst)
	}
	t.Logf("%d steps; %d values off by more than 3, worst %d", steps, bad, worst)
}
