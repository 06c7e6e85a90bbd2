package art

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2/vector"
)

// cubicTol is how far, in pixels, the quadratic curves that stand in for a
// cubic one may stray from it.
const cubicTol = 0.1

// cubicTo adds the cubic Bézier curve from the current point (x0, y0) through
// control points (x1, y1), (x2, y2) to (x3, y3), all in pixels, as the
// fewest equal-parameter quadratic pieces that stay within cubicTol.
//
// Why not vector.Path.CubicTo: it splits a curve until each piece is within
// 1/1024 of the curve's size, so every circle became dozens of quadratic
// pieces, and a stroke puts a round join at each: the khat leaves, twelve
// leaves outlined with cubic curves, queued 190,000 vertices in one frame,
// and Ebitengine keeps its vertex buffer at the largest frame's size.
// The error of one piece shrinks with the cube of the number of pieces; a
// circle of radius 50 px needs three a quarter.
func (p *pen) cubicTo(c1x, c1y, c2x, c2y, x, y float64) *pen {
	x1, y1 := p.pt(c1x, c1y)
	x2, y2 := p.pt(c2x, c2y)
	x3, y3 := p.pt(x, y)
	bx := [4]float64{float64(p.cx), float64(x1), float64(x2), float64(x3)}
	by := [4]float64{float64(p.cy), float64(y1), float64(y2), float64(y3)}
	// one quadratic's error: √3/36 · |P3 − 3P2 + 3P1 − P0|
	dx := bx[3] - 3*bx[2] + 3*bx[1] - bx[0]
	dy := by[3] - 3*by[2] + 3*by[1] - by[0]
	err := math.Sqrt(3) / 36 * math.Hypot(dx, dy)
	n := max(1, int(math.Ceil(math.Cbrt(err/cubicTol))))
	at := func(b [4]float64, t float64) float64 {
		u := 1 - t
		return u*u*u*b[0] + 3*u*u*t*b[1] + 3*u*t*t*b[2] + t*t*t*b[3]
	}
	slope := func(b [4]float64, t float64) float64 {
		u := 1 - t
		return 3*u*u*(b[1]-b[0]) + 6*u*t*(b[2]-b[1]) + 3*t*t*(b[3]-b[2])
	}
	for i := range n {
		t0, t1 := float64(i)/float64(n), float64(i+1)/float64(n)
		h := (t1 - t0) / 3
		// the piece's cubic control points, then the quadratic control
		// point that matches it at its middle: (3(Q1+Q2) − Q0 − Q3)/4
		q0x, q0y := at(bx, t0), at(by, t0)
		q3x, q3y := at(bx, t1), at(by, t1)
		q1x, q1y := q0x+h*slope(bx, t0), q0y+h*slope(by, t0)
		q2x, q2y := q3x-h*slope(bx, t1), q3y-h*slope(by, t1)
		cx, cy := (3*(q1x+q2x)-q0x-q3x)/4, (3*(q1y+q2y)-q0y-q3y)/4
		p.path.QuadTo(float32(cx), float32(cy), float32(q3x), float32(q3y))
	}
	p.cx, p.cy = x3, y3
	return p
}

// Arc adds to path a circular arc around (cx, cy) of radius r, in pixels,
// from angle a0 to a1 (radians, clockwise on screen when a1 > a0), as the
// fewest equal quadratic pieces that stay within cubicTol of the circle. Like
// vector.Path.Arc, it first joins the current point to the arc's start with
// a line (to the centre when r is 0). A sweep of more than a turn draws one
// turn.
//
// Why not vector.Path.Arc: it makes a cubic curve of every sixth of a turn
// and splits each until it is within 1/1024 of its size: 76 quadratic
// pieces for a circle of 50 px or more, five vertices each per
// anti-aliasing pass. The kiosk's menus draw their icons, rings and round
// line ends this way every frame: the age-band screen queued 45,000
// vertices a frame, and Ebitengine keeps its vertex buffers at the largest
// frame's size. A circle of radius 50 px needs 9 pieces here.
func Arc(path *vector.Path, cx, cy, r float32, a0, a1 float64) {
	sweep := a1 - a0
	if !(r >= 0) || math.IsInf(float64(r), 0) || math.IsNaN(sweep) || math.IsInf(sweep, 0) {
		return
	}
	x, y, rf := float64(cx), float64(cy), float64(r)
	path.LineTo(float32(x+rf*math.Cos(a0)), float32(y+rf*math.Sin(a0)))
	if r == 0 || sweep == 0 {
		return
	}
	sweep = math.Max(-2*math.Pi, math.Min(2*math.Pi, sweep))
	n := arcPieces(rf, math.Abs(sweep))
	d := sweep / float64(n)
	// a piece's control point lies where the tangents at its ends meet:
	// r / cos(d/2) from the centre along its middle
	k := rf / math.Cos(d/2)
	for i := range n {
		am := a0 + (float64(i)+0.5)*d
		ae := a0 + float64(i+1)*d
		path.QuadTo(float32(x+k*math.Cos(am)), float32(y+k*math.Sin(am)),
			float32(x+rf*math.Cos(ae)), float32(y+rf*math.Sin(ae)))
	}
}

// Capsule adds to path, as one closed sub-path, the segment from (x0, y0) to
// (x1, y1) drawn r pixels thick on each side with round ends: a line with
// round caps, ready to fill. One outline, not a body and two discs: filled
// together with the non-zero rule, a disc wound the other way from the body
// cancels it where they overlap.
func Capsule(path *vector.Path, x0, y0, x1, y1, r float32) {
	dx, dy := float64(x1-x0), float64(y1-y0)
	l := math.Hypot(dx, dy)
	if l == 0 {
		path.MoveTo(x0+r, y0)
		Arc(path, x0, y0, r, 0, 2*math.Pi)
		path.Close()
		return
	}
	nx, ny := -dy/l*float64(r), dx/l*float64(r) // the left side, r long
	a := math.Atan2(ny, nx)
	path.MoveTo(x0+float32(nx), y0+float32(ny))
	path.LineTo(x1+float32(nx), y1+float32(ny))
	Arc(path, x1, y1, r, a, a-math.Pi) // around the far end
	path.LineTo(x0-float32(nx), y0-float32(ny))
	Arc(path, x0, y0, r, a-math.Pi, a-2*math.Pi) // around the near end
	path.Close()
}

// arcPieces is how many equal quadratic pieces an arc of radius r and sweep
// (radians, 0 < sweep ≤ 2π) needs to stay within cubicTol: a piece of angle
// θ strays at most r(1−c)²/(2c) outward, c = cos(θ/2), at its middle.
func arcPieces(r, sweep float64) int {
	n := max(1, int(math.Ceil(sweep/(math.Pi/2)))) // a piece turns at most 90°
	for n < 256 {
		c := math.Cos(sweep / float64(n) / 2)
		if r*(1-c)*(1-c)/(2*c) <= cubicTol {
			break
		}
		n++
	}
	return n
}
