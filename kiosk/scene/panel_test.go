package scene

import (
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/assets/art/arttest"
)

// A panel drawn at scale 2 into a sub-image lands where the view's transform
// puts it and has the panel sprites' layers: an ink outline OutlineWidth
// outside the card, a drop shadow below it, the fill in the middle, a
// lighter top, the border ring inside the edge, and nothing beyond.
func TestPanelLayers(t *testing.T) {
	fill := color.RGBA{0x30, 0x80, 0x40, 0xFF}
	border := color.RGBA{0xE0, 0x20, 0x20, 0xFF}
	// The canvas is 480×270 drawn at 960×540 from pixel (20, 10) of the
	// image: scale 2. The card, 240×140 around canvas (200, 120), spans
	// pixels x 180..660, y 110..390; its outline reaches 10 px further and
	// its shadow 16 px below it.
	const x0, y0, x1, y1 = 180, 110, 660, 390
	const ow = 2 * art.OutlineWidth
	for _, tc := range []struct {
		name   string
		border color.RGBA
		a      float32
	}{
		{"border", border, 1},
		{"plain", color.RGBA{}, 1},
		{"half", border, 0.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			px := drawPanel(200, 120, 240, 140, 30, fill, tc.border, tc.a)
			at := func(x, y int) color.RGBA { return px.RGBAAt(x, y) }
			midY := (y0 + y1) / 2
			if tc.a < 1 {
				// Every layer fades: the outline, alone left of the
				// card, is Ink at half alpha.
				if p := at(x0-ow/2, midY); p.A < 120 || p.A > 136 || !near(p, art.Alpha(art.Ink, 0.5), 6) {
					t.Errorf("half-faded outline is %v, want %v", p, art.Alpha(art.Ink, 0.5))
				}
				return
			}
			for _, c := range []struct {
				what string
				x, y int
			}{
				{"left", x0 - ow/2, midY}, {"right", x1 + ow/2, midY},
				{"top", (x0 + x1) / 2, y0 - ow/2}, {"bottom", (x0 + x1) / 2, y1 + ow/2},
			} {
				if p := at(c.x, c.y); p.A != 255 || !near(p, art.Ink, 6) {
					t.Errorf("outline %s of the card at (%d, %d) is %v, want Ink %v", c.what, c.x, c.y, p, art.Ink)
				}
			}
			if p := at((x0+x1)/2, midY+40); !near(p, fill, 6) || p.A != 255 {
				t.Errorf("middle of the card is %v, want the fill %v", p, fill)
			}
			// The highlight covers the top 45%: 0.12 white over the fill.
			top := at((x0+x1)/2, y0+30)
			if top.R < fill.R+20 || top.G < fill.G+14 || top.B < fill.B+20 || top.A != 255 {
				t.Errorf("top of the card is %v, want lighter than the fill %v", top, fill)
			}
			// It ends at 0.45 × 280 = 126 px below the card's top.
			if p := at((x0+x1)/2, y0+122); !near(p, top, 6) {
				t.Errorf("highlight ends above %d px: %v, top %v", 122, p, top)
			}
			if p := at((x0+x1)/2, y0+130); !near(p, fill, 6) {
				t.Errorf("highlight reaches 130 px down: %v, want the fill %v", p, fill)
			}
			// The shadow shows below the outline: Ink at 1-(1-0.25)².
			if p := at((x0+x1)/2, y1+ow+3); p.A < 104 || p.A > 120 || !near(p, art.Alpha(art.Ink, 0.4375), 8) {
				t.Errorf("shadow below the outline is %v, want Ink at alpha about 112", p)
			}
			// The border covers inset 1..5 units: pixels 2..10 inside.
			want := tc.border
			if tc.border.A == 0 {
				want = fill
			}
			for _, c := range []struct {
				what string
				x, y int
			}{
				{"left", x0 + 6, midY + 40}, {"right", x1 - 7, midY + 40}, {"bottom", (x0 + x1) / 2, y1 - 7},
			} {
				if p := at(c.x, c.y); !near(p, want, 6) {
					t.Errorf("%s edge at (%d, %d) is %v, want %v", c.what, c.x, c.y, p, want)
				}
			}
			if p := at((x0+x1)/2, y0+6); tc.border.A != 0 && !near(p, border, 6) {
				t.Errorf("top border at y %d is %v, want %v", y0+6, p, border)
			}
			// Nothing beyond the outline and the shadow; the outline's
			// corners are round.
			paint := image.Rect(x0-ow-1, y0-ow-1, x1+ow+1, y1+16+1)
			n := 0
			for y := range px.Rect.Dy() {
				for x := range px.Rect.Dx() {
					if !image.Pt(x, y).In(paint) && px.RGBAAt(x, y).A != 0 {
						n++
					}
				}
			}
			if n > 0 {
				t.Errorf("%d pixels painted outside %v", n, paint)
			}
			if p := at(x0-ow+2, y0-ow+2); p.A != 0 {
				t.Errorf("outline's top-left corner pixel is %v, want clear", p)
			}
		})
	}
}

// A round plate (radius half its side, as the cards' icon plates) keeps its
// highlight inside: the outline and the border ring on the diagonal, where
// a highlight of the plate's width with smaller corners would reach, keep
// their colours, and nothing is painted outside the outline's circle or
// the shadow's.
func TestPanelGlossStaysInside(t *testing.T) {
	border := color.RGBA{0xE0, 0x20, 0x20, 0xFF}
	px := drawPanel(200, 120, 170, 170, 85, art.White, border, 1)
	// At scale 2 the plate's centre is pixel (420, 250), its radius 170
	// px; the outline reaches 180, the border ring covers 160..168.
	const cx, cy = 420.0, 250.0
	diag := func(d float64) color.RGBA {
		k := d / math.Sqrt2
		return px.RGBAAt(int(cx-k), int(cy-k))
	}
	if p := diag(175); !near(p, art.Ink, 6) {
		t.Errorf("outline up and left of the plate is %v, want Ink %v", p, art.Ink)
	}
	if p := diag(164); !near(p, border, 6) {
		t.Errorf("border ring up and left of the plate is %v, want %v", p, border)
	}
	if p := px.RGBAAt(int(cx), int(cy-120)); p.R != 255 || p.A != 255 {
		t.Errorf("top of the plate is %v, want white", p)
	}
	n := 0
	for y := range px.Rect.Dy() {
		for x := range px.Rect.Dx() {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			if math.Hypot(fx-cx, fy-cy) > 181 && math.Hypot(fx-cx-8, fy-cy-16) > 171 && px.RGBAAt(x, y).A != 0 {
				n++
			}
		}
	}
	if n > 0 {
		t.Errorf("%d pixels painted outside the outline and the shadow", n)
	}
}

// BenchmarkPanel draws, one frame per op at 3840×2160, a HUD-like panel
// of one size every frame ("same") or of a size no frame drew before
// ("new", as the time tip's width follows its text): the whole cost of a
// frame, GPU included; the difference is what a new size costs.
func BenchmarkPanel(b *testing.B) {
	for _, bc := range []struct {
		name string
		step float64
	}{{"same", 0}, {"new", 0.25}} {
		b.Run(bc.name, func(b *testing.B) {
			var dst *ebiten.Image
			v := newBase(nil, 1920, 1080)
			arttest.Frame(func() { dst = ebiten.NewImage(3840, 2160) })
			w := 400.0
			draw := func() {
				dst.Clear()
				v.begin(dst, 0)
				w += bc.step
				v.panel(dst, 960, 540, w, 120, 28, hudFill, hudBorder, 0.92)
			}
			benchFrames(b, draw)
			arttest.Frame(func() { v.Dispose(); dst.Deallocate() })
		})
	}
}

// drawPanel draws one panel with base.panel at scale 2 (a 480×270 canvas
// in a 960×540 sub-image at (20, 10) of a 1000×560 image) and reads the
// whole image back.
func drawPanel(x, y, w, h, r float64, fill, border color.RGBA, a float32) *image.RGBA {
	var px *image.RGBA
	arttest.Frame(func() {
		img := ebiten.NewImage(1000, 560)
		defer img.Deallocate()
		b := newBase(nil, 480, 270)
		defer b.Dispose()
		dst := img.SubImage(image.Rect(20, 10, 980, 550)).(*ebiten.Image)
		b.begin(dst, 0)
		b.panel(dst, x, y, w, h, r, fill, border, a)
		px = arttest.Pixels(img)
	})
	return px
}
