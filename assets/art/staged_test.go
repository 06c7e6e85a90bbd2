package art

import (
	"image"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art/arttest"
	"github.com/playhall/playhall/levels"
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
	bad, worst := channelDiff(whole, staged, 3)
	// A path cut at a cell's edge is anti-aliased there a little
	// differently, and cells end the vector package's batches (see
	// TestStagedSpritesMatchWholeOnes): a few pixels differ; a path missing
	// or drawn twice changes thousands.
	if bad > 20 {
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
		bad, worst := channelDiff(whole, staged, 3)
		// As for the deck. And the vector package renders the paths of one
		// batch together: where two of one colour overlap at an
		// anti-aliased edge, one batch gives that pixel less paint than two
		// (the net's ropes: alpha 29 whole, 57 staged). Cells end batches,
		// so a few pixels differ by more, up to 109 seen.
		if bad > 20 {
			t.Errorf("sprite %d: %d channel values differ by more than 3 between staged and whole, by up to %d", id, bad, worst)
		}
	}
}

// Half is each 2×2 block of the sprite averaged, anchored at half the
// sprite's anchor.
func TestHalfAveragesBlocks(t *testing.T) {
	var full, half *image.RGBA
	var sp, hs *Sprite
	arttest.Frame(func() {
		a := NewAtlas(1)
		defer a.Dispose()
		sp = a.Icon(levels.Icon{Shape: "pills", Colors: []string{"#E84A8A", "#FFD23F"}, Label: "WY"}, false)
		hs = a.Half(sp)
		full, half = pixels(sp.Img), pixels(hs.Img)
	})
	if hs == sp || hs.AX != sp.AX/2 || hs.AY != sp.AY/2 || hs.Scale != sp.Scale/2 {
		t.Fatalf("half sprite %+v of %+v", *hs, *sp)
	}
	if want := image.Pt((full.Rect.Dx()+1)/2, (full.Rect.Dy()+1)/2); half.Rect.Size() != want {
		t.Fatalf("half is %v, want %v", half.Rect.Size(), want)
	}
	bad := 0
	for y := 0; y < full.Rect.Dy()/2; y++ {
		for x := 0; x < full.Rect.Dx()/2; x++ {
			for c := 0; c < 4; c++ {
				sum := 0
				for _, d := range [4][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
					sum += int(full.Pix[(2*y+d[1])*full.Stride+(2*x+d[0])*4+c])
				}
				if diff := sum/4 - int(half.Pix[y*half.Stride+x*4+c]); diff > 2 || diff < -2 {
					bad++
				}
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d channel values of the half sprite are not the average of their 2×2 block", bad)
	}
}

// Drawing a sprite below half size makes no mipmaps: Ebitengine's texture
// total does not grow.
func TestDrawerMakesNoMipmaps(t *testing.T) {
	var before, after int64
	arttest.Frame(func() {
		a := NewAtlas(1)
		defer a.Dispose()
		sp := a.Get(Trafficker)
		dst := ebiten.NewImage(200, 200)
		defer dst.Deallocate()
		var d Drawer
		d.Draw(dst, sp, 100, 100, 1, 0, 1) // every texture in use
		dst.ReadPixels(make([]byte, 4*200*200))
		var di ebiten.DebugInfo
		ebiten.ReadDebugInfo(&di)
		before = di.TotalGPUImageMemoryUsageInBytes
		d.Draw(dst, sp, 100, 100, 0.2, 0, 1)
		dst.ReadPixels(make([]byte, 4*200*200)) // runs the draw
		ebiten.ReadDebugInfo(&di)
		after = di.TotalGPUImageMemoryUsageInBytes
	})
	if after != before {
		t.Errorf("drawing at a fifth of the size took %d bytes more texture", after-before)
	}
}

// channelDiff counts the channel values of a and b (the same size) that
// differ by more than tol, and returns the largest difference.
func channelDiff(a, b *image.RGBA, tol int) (bad, worst int) {
	for i := range a.Pix {
		d := int(a.Pix[i]) - int(b.Pix[i])
		worst = max(worst, d, -d)
		if d > tol || d < -tol {
			bad++
		}
	}
	return bad, worst
}
