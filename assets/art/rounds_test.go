package art

import (
	"fmt"
	"image"
	"image/color"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"github.com/playhall/playhall/assets/art/arttest"
)

// refRoundRect fills the same rounded rectangle as a vector path, the way
// the menus drew panels before RoundRects.
func refRoundRect(dst *ebiten.Image, x0, y0, x1, y1, r float32, c color.RGBA) {
	var p vector.Path
	p.MoveTo(x0+r, y0)
	p.LineTo(x1-r, y0)
	p.ArcTo(x1, y0, x1, y0+r, r)
	p.LineTo(x1, y1-r)
	p.ArcTo(x1, y1, x1-r, y1, r)
	p.LineTo(x0+r, y1)
	p.ArcTo(x0, y1, x0, y1-r, r)
	p.LineTo(x0, y0+r)
	p.ArcTo(x0, y0, x0+r, y0, r)
	p.Close()
	op := &vector.DrawPathOptions{AntiAlias: true}
	op.ColorScale.ScaleWithColor(c)
	vector.FillPath(dst, &p, nil, op)
}

// A rounded rectangle drawn from the nine-slice masks matches the vector
// path it replaces, for exact mask radii, radii between masks (scaled down),
// radii above the largest mask (scaled up), pills and plain rectangles.
func TestRoundRectsMatchVectorPaths(t *testing.T) {
	cases := []struct{ w, h, r int }{
		{300, 120, 0},
		{300, 120, 4},
		{300, 120, 16},
		{300, 120, 23}, // from the 32 px mask
		{640, 170, 85}, // a pill: from the 128 px mask
		{900, 500, 36},
		{600, 600, 128},
		{700, 460, 200}, // from the 256 px mask
		{800, 700, 300}, // above maskMax: scaled up
		{40, 300, 60},   // radius cut to half the width
		{200, 45, 100},  // odd height: a pill whose corners must not overlap
		{45, 200, 100},  // odd width
		{201, 51, 25},
	}
	// The share of the shape's edge pixels that may differ by more than a
	// quarter in alpha: where an arc meets a straight edge, a tenth of a
	// pixel moves a long run of pixels. Radii above maskMax are drawn from
	// a magnified mask and come out softer.
	const maxBad, maxBadScaledUp = 0.012, 0.05
	for _, c := range cases {
		name := fmt.Sprintf("%dx%d r%d", c.w, c.h, c.r)
		var got, want *image.RGBA
		fill := color.RGBA{0x20, 0x60, 0xA0, 0xFF}
		arttest.Frame(func() {
			var rr RoundRects
			defer rr.Dispose()
			b := image.Rect(0, 0, c.w+40, c.h+40)
			a := ebiten.NewImageWithOptions(b, &ebiten.NewImageOptions{Unmanaged: true})
			ref := ebiten.NewImageWithOptions(b, &ebiten.NewImageOptions{Unmanaged: true})
			rr.Fill(a, 20, 20, float64(20+c.w), float64(20+c.h), float64(c.r), fill)
			refRoundRect(ref, 20, 20, float32(20+c.w), float32(20+c.h), float32(min(c.r, c.w/2, c.h/2)), fill)
			got, want = arttest.Pixels(a), arttest.Pixels(ref)
			a.Deallocate()
			ref.Deallocate()
		})
		bad, inside, edge := 0, 0, 0
		for i := 3; i < len(got.Pix); i += 4 {
			ga, wa := int(got.Pix[i]), int(want.Pix[i])
			if wa == 255 {
				inside++
			}
			if wa > 0 && wa < 255 || ga > 0 && ga < 255 {
				edge++
			}
			if d := ga - wa; d > 64 || d < -64 {
				bad++
			}
		}
		if inside < c.w*c.h*3/4 {
			t.Errorf("%s: reference has only %d opaque pixels", name, inside)
		}
		share := maxBad
		if min(c.r, c.w/2, c.h/2) > maskMax {
			share = maxBadScaledUp
		}
		if lim := int(share*float64(edge)) + 2; bad > lim {
			t.Errorf("%s: %d pixels differ by more than 64/255 in alpha from the vector path (allowed %d of %d edge pixels)", name, bad, lim, edge)
		}
		// Outside the bounds nothing is painted; the corner pixel is clear
		// when the radius is more than a few pixels.
		if a := got.RGBAAt(19, 19+c.h/2).A; a != 0 {
			t.Errorf("%s: paint left of the rectangle (alpha %d)", name, a)
		}
		if c.r >= 8 {
			if a := got.RGBAAt(20, 20).A; a > 16 {
				t.Errorf("%s: corner pixel alpha %d, want about 0", name, a)
			}
		}
		if p := got.RGBAAt(20+c.w/2, 20+c.h/2); p != fill {
			t.Errorf("%s: middle is %v, want %v", name, p, fill)
		}
	}
}

// Translucent colours come out premultiplied like the vector path's.
func TestRoundRectsTranslucent(t *testing.T) {
	var px color.RGBA
	arttest.Frame(func() {
		var rr RoundRects
		defer rr.Dispose()
		img := ebiten.NewImage(100, 100)
		rr.Fill(img, 10, 10, 90, 90, 12, color.RGBA{0, 0, 0, 70})
		px = arttest.Pixels(img).RGBAAt(50, 50)
		img.Deallocate()
	})
	if px.A < 68 || px.A > 72 || px.R != 0 {
		t.Errorf("translucent black fill reads %v, want alpha 70", px)
	}
}

// A translucent pill of odd height is painted once everywhere: its two
// corners meet and never overlap (an overlapping row came out at alpha 158
// for a fill of 70).
func TestRoundRectsOddPillPaintsOnce(t *testing.T) {
	for _, c := range []struct{ w, h int }{{200, 45}, {45, 200}, {200, 101}, {200, 46}} {
		var img *image.RGBA
		arttest.Frame(func() {
			var rr RoundRects
			defer rr.Dispose()
			dst := ebiten.NewImage(c.w+20, c.h+20)
			rr.Fill(dst, 10, 10, float64(10+c.w), float64(10+c.h), 1000, color.RGBA{0, 0, 0, 70})
			img = arttest.Pixels(dst)
			dst.Deallocate()
		})
		over := 0
		for i := 3; i < len(img.Pix); i += 4 {
			if img.Pix[i] > 72 {
				over++
			}
		}
		if over > 0 {
			t.Errorf("%dx%d pill: %d pixels painted more than once (alpha above 70)", c.w, c.h, over)
		}
		if a := img.RGBAAt(10+c.w/2, 10+c.h/2).A; a < 68 {
			t.Errorf("%dx%d pill: middle alpha %d, want 70", c.w, c.h, a)
		}
	}
}

// The masks all fit the mask texture without overlapping.
func TestMaskLayout(t *testing.T) {
	w, h := maskTexture()
	if w > 512 || h > 512 {
		t.Errorf("mask texture %dx%d, want it within 512x512", w, h)
	}
	var seen []image.Rectangle
	for k := maskMin; k <= maskMax; k *= 2 {
		o := maskOrigin(k)
		r := image.Rect(o.X, o.Y, o.X+maskSide(k), o.Y+maskSide(k))
		if !r.In(image.Rect(0, 0, w, h)) {
			t.Errorf("mask %d at %v outside the %dx%d texture", k, r, w, h)
		}
		for _, s := range seen {
			if r.Inset(-sheetGap + 1).Overlaps(s) {
				t.Errorf("mask %d at %v overlaps %v or its gap", k, r, s)
			}
		}
		seen = append(seen, r)
	}
	for _, c := range []struct {
		k    float64
		want int
	}{{0, 4}, {3, 4}, {4, 4}, {5, 8}, {33, 64}, {128, 128}, {200, 256}, {400, 256}} {
		if got := maskFor(c.k); got != c.want {
			t.Errorf("maskFor(%v) = %d, want %d", c.k, got, c.want)
		}
	}
}
