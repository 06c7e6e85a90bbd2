package art

import (
	"image"
	"math"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art/arttest"
)

// A trimmed sprite draws exactly what the whole one does: the pen's record
// of what it painted (fills, strokes, the dilated outline, text, gradients)
// never cuts off paint. Fails if any of them is left out of the ink bounds.
func TestTrimmedSpritesDrawLikeWholeOnes(t *testing.T) {
	for _, sc := range []float64{1, 4.0 / 3} {
		arttest.Frame(func() {
			trimmed, whole := NewAtlas(sc), NewAtlas(sc)
			whole.untrimmed = true
			defer trimmed.Dispose()
			defer whole.Dispose()
			ts, ws := renderPack(t, trimmed), renderPack(t, whole)
			var d Drawer
			cut, kept := 0, 0
			for i := range ts {
				tb, wb := ts[i].Img.Bounds(), ws[i].Img.Bounds()
				kept += tb.Dx() * tb.Dy()
				cut += wb.Dx()*wb.Dy() - tb.Dx()*tb.Dy()
				if tb.Dx() > wb.Dx() || tb.Dy() > wb.Dy() {
					t.Errorf("scale %.2f sprite %d: trimmed %v is larger than whole %v", sc, i, tb.Size(), wb.Size())
				}
				// Draw both with the anchor at the same whole pixel (plus
				// the anchor's fraction, the same in both) and compare.
				w, h := wb.Dx()+2, wb.Dy()+2
				x, y := math.Floor(ws[i].AX)+1, math.Floor(ws[i].AY)+1
				a, b := ebiten.NewImage(w, h), ebiten.NewImage(w, h)
				d.Draw(a, ts[i], x, y, 1, 0, 1)
				d.Draw(b, ws[i], x, y, 1, 0, 1)
				if n, worst := differ(pixels(a), pixels(b)); n > 0 {
					t.Errorf("scale %.2f sprite %d (%v whole, %v trimmed): %d pixels differ, by up to %d", sc, i, wb.Size(), tb.Size(), n, worst)
				}
				a.Deallocate()
				b.Deallocate()
			}
			t.Logf("scale %.2f: %d sprites, %.2f Mpx kept, %.2f Mpx of margin cut", sc, len(ts), float64(kept)/1e6, float64(cut)/1e6)
			// The icons sit in square boxes with room to spare: trimming
			// must save at least a third of the pixels.
			if cut*2 < kept {
				t.Errorf("scale %.2f: trimming cut %.2f Mpx of %.2f; want at least a third", sc, float64(cut)/1e6, float64(cut+kept)/1e6)
			}
		})
	}
}

// A sprite with nothing in the outline pass (only paint, line or text) is
// trimmed to its paint: an empty rectangle grown by the outline's reach is
// not empty, and once stretched the box to the image's corner.
func TestTrimHugsSpritesWithoutOutline(t *testing.T) {
	arttest.Frame(func() {
		a := NewAtlas(1)
		defer a.Dispose()
		// a disc 20 px across in the middle of a 200 px box
		sp := a.render(1, 200, 200, 100, 100, func(p *pen) { p.begin().circle(0, 0, 10).paint(Ink) })
		// the disc, a pixel of anti-aliasing a side, the margin
		want := 20 + 2*(1+trimMargin)
		if b := sp.Img.Bounds(); b.Dx() > want || b.Dy() > want {
			t.Errorf("a 20 px disc became a %v sprite; want at most %d×%d", b.Size(), want, want)
		}
		if pb := paintedBounds(pixels(sp.Img)); pb.Empty() {
			t.Error("the trimmed sprite has no paint")
		}
	})
}

// paintedBounds returns the bounds of img's pixels with any alpha.
func paintedBounds(img *image.RGBA) image.Rectangle {
	var r image.Rectangle
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.RGBAAt(x, y).A != 0 {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r
}

// differ counts the pixels of a and b whose channels differ by more than 1,
// and the largest difference.
func differ(a, b *image.RGBA) (n int, worst int) {
	for i := 0; i < len(a.Pix); i += 4 {
		bad := false
		for c := range 4 {
			d := int(a.Pix[i+c]) - int(b.Pix[i+c])
			d = max(d, -d)
			worst = max(worst, d)
			bad = bad || d > 1
		}
		if bad {
			n++
		}
	}
	return n, worst
}

// The sheet after the first is half as wide and a quarter as tall; later
// ones are full width and double in height.
func TestLaterSheetsStartSmall(t *testing.T) {
	arttest.Frame(func() {
		var s sheets
		defer s.dispose()
		for len(s.list) < 5 {
			if s.place(500, 200) == nil {
				t.Fatal("a 500×200 sprite found no place")
			}
		}
		var got []image.Point
		for _, sh := range s.list {
			b := sh.img.Bounds()
			if b.Dx() != sh.width() || b.Dy() != sh.height() {
				t.Errorf("sheet image %v, want %dx%d", b.Size(), sh.width(), sh.height())
			}
			got = append(got, b.Size())
		}
		want := []image.Point{{sheetW, sheetH}, {sheetW / 2, sheetH / 4}, {sheetW, sheetH / 2}, {sheetW, sheetH}, {sheetW, sheetH}}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("sheet sizes %v, want %v", got, want)
			}
		}
		// A sprite taller than a quarter sheet gets a sheet it fits, and
		// one wider than half a sheet a full-width one.
		var t2 sheets
		defer t2.dispose()
		for len(t2.list) < 2 {
			t2.place(sheetW-sheetGap, 300)
		}
		if b := t2.list[1].img.Bounds(); b.Dx() != sheetW || b.Dy() != sheetH/2 {
			t.Errorf("the second sheet for a %dx300 sprite is %v, want %dx%d", sheetW-sheetGap, b.Size(), sheetW, sheetH/2)
		}
	})
}
