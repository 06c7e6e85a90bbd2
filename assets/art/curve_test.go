package art

import (
	"image"
	"math"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"github.com/playhall/playhall/assets/art/arttest"
)

// The pieces an arc takes: few, more for bigger circles, and each within
// cubicTol of the circle by the error formula.
func TestArcPieces(t *testing.T) {
	cases := []struct {
		r, sweep float64
		want     int
	}{
		{50, 2 * math.Pi, 9},
		{8, 2 * math.Pi, 6},
		{400, 2 * math.Pi, 15},
		{50, math.Pi / 2, 3},
		{2, 0.1, 1},
	}
	for _, c := range cases {
		n := arcPieces(c.r, c.sweep)
		if n != c.want {
			t.Errorf("arcPieces(%v, %.2f) = %d, want %d", c.r, c.sweep, n, c.want)
		}
		cos := math.Cos(c.sweep / float64(n) / 2)
		if e := c.r * (1 - cos) * (1 - cos) / (2 * cos); e > cubicTol {
			t.Errorf("arcPieces(%v, %.2f): a piece strays %.3f px, more than %v", c.r, c.sweep, e, cubicTol)
		}
	}
}

// A disc filled from Arc covers what the circle covers: inside the circle
// less 1 px is opaque, outside it plus 1 px is clear, and the total alpha
// is the disc's area within a percent. A ring from two arcs (even-odd), a
// quarter sector, a sector made as a ring without a hole, and Capsule's
// round-ended lines come out the same way.
func TestArcFillsTheCircle(t *testing.T) {
	const cx, cy, r, ri = 120.5, 110.25, 90.0, 50.0
	type shape struct {
		name   string
		build  func(p *vector.Path)
		rule   vector.FillRule
		inside func(d, a float64) float64 // signed distance to the edge (>0 inside)
	}
	angle := func(a float64) float64 { return math.Mod(a+2*math.Pi, 2*math.Pi) }
	shapes := []shape{
		{"disc", func(p *vector.Path) { Arc(p, cx, cy, r, 0, 2*math.Pi); p.Close() }, vector.FillRuleNonZero,
			func(d, _ float64) float64 { return r - d }},
		{"ring", func(p *vector.Path) {
			Arc(p, cx, cy, r, 0, 2*math.Pi)
			p.Close()
			p.MoveTo(cx+ri, cy)
			Arc(p, cx, cy, ri, 0, 2*math.Pi)
			p.Close()
		}, vector.FillRuleEvenOdd, func(d, _ float64) float64 { return math.Min(r-d, d-ri) }},
		{"quarter", func(p *vector.Path) {
			p.MoveTo(cx, cy)
			Arc(p, cx, cy, r, 0, math.Pi/2)
			p.Close()
		}, vector.FillRuleNonZero, func(d, a float64) float64 {
			if angle(a) > math.Pi/2 {
				return -1
			}
			return r - d
		}},
		// a partial ring whose hole is 0 wide (view.ring with width ≥ 2r):
		// the inner arc of radius 0 still joins the centre
		{"pie", func(p *vector.Path) {
			Arc(p, cx, cy, r, 0, math.Pi/2)
			Arc(p, cx, cy, 0, math.Pi/2, 0)
			p.Close()
		}, vector.FillRuleNonZero, func(d, a float64) float64 {
			if angle(a) > math.Pi/2 {
				return -1
			}
			return r - d
		}},
		// round-ended lines, filled together with the non-zero rule: the
		// ends must not cancel the body
		{"capsule", func(p *vector.Path) { Capsule(p, 60, 110, 180, 110, 20) }, vector.FillRuleNonZero,
			func(float64, float64) float64 { return 0 }},
		{"diagonal capsule", func(p *vector.Path) { Capsule(p, 190, 40, 50, 190, 14) }, vector.FillRuleNonZero,
			func(float64, float64) float64 { return 0 }},
		{"dot", func(p *vector.Path) { Capsule(p, 120, 120, 120, 120, 30) }, vector.FillRuleNonZero,
			func(float64, float64) float64 { return 0 }},
	}
	capsules := map[string][5]float64{
		"capsule":          {60, 110, 180, 110, 20},
		"diagonal capsule": {190, 40, 50, 190, 14},
		"dot":              {120, 120, 120, 120, 30},
	}
	for _, s := range shapes {
		var got *image.RGBA
		arttest.Frame(func() {
			img := ebiten.NewImageWithOptions(image.Rect(0, 0, 240, 240), &ebiten.NewImageOptions{Unmanaged: true})
			var p vector.Path
			s.build(&p)
			op := &vector.DrawPathOptions{AntiAlias: true}
			vector.FillPath(img, &p, &vector.FillOptions{FillRule: s.rule}, op)
			got = arttest.Pixels(img)
			img.Deallocate()
		})
		wrong, sum, area := 0, 0.0, 0.0
		for y := 0; y < 240; y++ {
			for x := 0; x < 240; x++ {
				dx, dy := float64(x)+0.5-cx, float64(y)+0.5-cy
				in := s.inside(math.Hypot(dx, dy), math.Atan2(dy, dx))
				if c, ok := capsules[s.name]; ok {
					in = c[4] - segmentDistance(float64(x)+0.5, float64(y)+0.5, c[0], c[1], c[2], c[3])
				}
				a := got.Pix[got.PixOffset(x, y)+3]
				sum += float64(a) / 255
				if in > 0 {
					area++
				}
				// away from the quarter's straight sides, which the
				// distance to the arc does not describe
				if (s.name == "quarter" || s.name == "pie") && (math.Abs(dx) < 1.5 || math.Abs(dy) < 1.5) {
					continue
				}
				if in >= 1 && a != 255 || in <= -1 && a != 0 {
					wrong++
				}
			}
		}
		if wrong > 0 {
			t.Errorf("%s: %d pixels a pixel or more inside or outside the edge have the wrong alpha", s.name, wrong)
		}
		if math.Abs(sum-area)/area > 0.01 {
			t.Errorf("%s: covers %.0f px², the shape %.0f", s.name, sum, area)
		}
	}
}

// segmentDistance is the distance from (px, py) to the segment (x0, y0)–(x1, y1).
func segmentDistance(px, py, x0, y0, x1, y1 float64) float64 {
	dx, dy := x1-x0, y1-y0
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = math.Max(0, math.Min(1, ((px-x0)*dx+(py-y0)*dy)/l2))
	}
	return math.Hypot(px-(x0+t*dx), py-(y0+t*dy))
}
