package game

import "math"

// ShapeKind names a hit shape.
type ShapeKind uint8

// Hit shapes.
const (
	Circle    ShapeKind = iota + 1 // radius R
	RoundRect                      // half extents HW×HH, corner radius R
	Capsule                        // segment from (0,-HH) to (0,HH), radius R
	Polygon                        // Pts[:N], in order, local coordinates
)

// MaxPolygon is the most points a Polygon shape holds.
const MaxPolygon = 10

// Vec is a point or offset in canvas units.
type Vec struct{ X, Y float64 }

// Shape is an item's hit area in its own frame: centred on the entity's
// position, rotated by the entity's rotation. Shapes are values with no
// pointers, so a table of them costs no GC work. Hit testing uses the real
// outline plus a tolerance radius, never a bounding box.
type Shape struct {
	Kind   ShapeKind
	R      float64 // circle and capsule radius; corner radius of a RoundRect
	HW, HH float64 // RoundRect half width and height; Capsule half length
	N      int     // Polygon point count
	Pts    [MaxPolygon]Vec
	// Bound is the radius of a circle around the origin that holds the
	// whole shape; Finish sets it. It makes the broad phase one compare.
	Bound float64
}

// CircleShape returns a circle of radius r.
func CircleShape(r float64) Shape { return Shape{Kind: Circle, R: r}.Finish() }

// RoundRectShape returns a w×h rectangle with corner radius r.
func RoundRectShape(w, h, r float64) Shape {
	r = math.Min(r, math.Min(w, h)/2)
	return Shape{Kind: RoundRect, HW: w / 2, HH: h / 2, R: r}.Finish()
}

// CapsuleShape returns an upright capsule of total height h and radius r.
func CapsuleShape(h, r float64) Shape {
	hh := math.Max(h/2-r, 0)
	return Shape{Kind: Capsule, HH: hh, R: r}.Finish()
}

// PolygonShape returns a polygon through pts (at most MaxPolygon; extra
// points are dropped).
func PolygonShape(pts ...Vec) Shape {
	s := Shape{Kind: Polygon}
	s.N = copy(s.Pts[:], pts)
	return s.Finish()
}

// Finish computes Bound and returns s.
func (s Shape) Finish() Shape {
	switch s.Kind {
	case Circle:
		s.Bound = s.R
	case RoundRect:
		s.Bound = hypot(s.HW, s.HH)
	case Capsule:
		s.Bound = s.HH + s.R
	case Polygon:
		b := 0.0
		for _, p := range s.Pts[:s.N] {
			b = math.Max(b, hypot(p.X, p.Y))
		}
		s.Bound = b
	}
	return s
}

// Dist returns the signed distance from point (px, py) to the outline of s
// placed at (cx, cy) and rotated by rot radians: negative inside, positive
// outside. It never allocates.
func (s *Shape) Dist(px, py, cx, cy, rot float64) float64 {
	dx, dy := px-cx, py-cy
	if rot != 0 && s.Kind != Circle {
		sn, cs := math.Sincos(-rot)
		dx, dy = dx*cs-dy*sn, dx*sn+dy*cs
	}
	switch s.Kind {
	case Circle:
		return hypot(dx, dy) - s.R
	case RoundRect:
		qx := math.Abs(dx) - (s.HW - s.R)
		qy := math.Abs(dy) - (s.HH - s.R)
		out := hypot(math.Max(qx, 0), math.Max(qy, 0))
		in := math.Min(math.Max(qx, qy), 0)
		return out + in - s.R
	case Capsule:
		y := math.Max(-s.HH, math.Min(s.HH, dy))
		return hypot(dx, dy-y) - s.R
	case Polygon:
		return polyDist(s.Pts[:s.N], dx, dy)
	}
	return math.Inf(1)
}

// hypot is sqrt(x²+y²) without math.Hypot's overflow care (canvas
// distances never come near overflow); it is several times faster.
func hypot(x, y float64) float64 { return math.Sqrt(x*x + y*y) }

// Hit reports whether (px, py) lies inside s placed at (cx, cy) rotated by
// rot, or within tol of its outline.
func (s *Shape) Hit(px, py, cx, cy, rot, tol float64) bool {
	dx, dy := px-cx, py-cy
	b := s.Bound + tol
	if dx*dx+dy*dy > b*b {
		return false
	}
	return s.Dist(px, py, cx, cy, rot) <= tol
}

// polyDist is the signed distance to a simple polygon (even-odd rule).
func polyDist(pts []Vec, x, y float64) float64 {
	n := len(pts)
	if n < 3 {
		return math.Inf(1)
	}
	best := math.Inf(1)
	inside := false
	j := n - 1
	for i := 0; i < n; i++ {
		a, b := pts[j], pts[i]
		ex, ey := b.X-a.X, b.Y-a.Y
		wx, wy := x-a.X, y-a.Y
		t := 0.0
		if l := ex*ex + ey*ey; l > 0 {
			t = math.Max(0, math.Min(1, (wx*ex+wy*ey)/l))
		}
		d := hypot(wx-ex*t, wy-ey*t)
		best = math.Min(best, d)
		if (a.Y > y) != (b.Y > y) && x < a.X+(y-a.Y)*ex/ey {
			inside = !inside
		}
		j = i
	}
	if inside {
		return -best
	}
	return best
}
