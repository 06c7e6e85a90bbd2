package game

import (
	"math"
	"testing"
)

func TestShapeHit(t *testing.T) {
	circle := CircleShape(50)
	rect := RoundRectShape(200, 100, 20) // half 100×50
	capsule := CapsuleShape(200, 30)     // segment y ±70, radius 30
	// a "C": concave, the notch on the right is outside
	cshape := PolygonShape(Vec{-50, -50}, Vec{50, -50}, Vec{50, -20}, Vec{-10, -20}, Vec{-10, 20}, Vec{50, 20}, Vec{50, 50}, Vec{-50, 50})
	const tol = 10
	cases := []struct {
		name   string
		s      Shape
		px, py float64
		rot    float64
		want   bool
	}{
		{"circle centre", circle, 0, 0, 0, true},
		{"circle inside edge", circle, 49, 0, 0, true},
		{"circle within tolerance", circle, 58, 0, 0, true},
		{"circle outside", circle, 61, 0, 0, false},
		{"circle diagonal outside box corner", circle, 45, 45, 0, false}, // inside the bounding box, outside the circle+tol
		{"rect inside", rect, 90, 40, 0, true},
		{"rect within tolerance on side", rect, 108, 0, 0, true},
		{"rect outside side", rect, 111, 0, 0, false},
		{"rect rounded corner cut", rect, 99, 49, 0, true},
		{"rect corner beyond rounding+tol", rect, 108, 58, 0, false}, // bounding box+tol would take it
		{"rect rotated 90: tall now", rect, 0, 95, math.Pi / 2, true},
		{"rect rotated 90: wide is gone", rect, 95, 0, math.Pi / 2, false},
		{"capsule body", capsule, 25, 0, 0, true},
		{"capsule cap", capsule, 0, 95, 0, true},
		{"capsule cap tolerance", capsule, 0, 108, 0, true},
		{"capsule beside cap corner", capsule, 30, 100, 0, false},
		{"capsule outside", capsule, 45, 0, 0, false},
		{"polygon solid part", cshape, -30, 0, 0, true},
		{"polygon notch centre", cshape, 30, 0, 0, false},
		{"polygon notch near edge within tol", cshape, 30, 12, 0, true},
		{"polygon outside", cshape, 70, 0, 0, false},
		{"polygon rotated 180: notch on left", cshape, -30, 0, math.Pi, false},
	}
	for _, c := range cases {
		if got := c.s.Hit(c.px+500, c.py+300, 500, 300, c.rot, tol); got != c.want {
			t.Errorf("%s: Hit = %v, want %v (dist %.2f)", c.name, got, c.want, c.s.Dist(c.px+500, c.py+300, 500, 300, c.rot))
		}
	}
}

func TestShapeDistSign(t *testing.T) {
	for _, s := range []Shape{CircleShape(40), RoundRectShape(80, 60, 10), CapsuleShape(120, 20), PolygonShape(Vec{-30, -30}, Vec{30, -30}, Vec{0, 40})} {
		if d := s.Dist(0, 0, 0, 0, 0.3); d >= 0 {
			t.Errorf("kind %d: centre distance %v, want negative", s.Kind, d)
		}
		if d := s.Dist(500, 0, 0, 0, 0.3); d <= 0 || d > 500 {
			t.Errorf("kind %d: far distance %v", s.Kind, d)
		}
		if s.Bound <= 0 {
			t.Errorf("kind %d: Bound not set", s.Kind)
		}
	}
	if d := (&Shape{}).Dist(0, 0, 0, 0, 0); !math.IsInf(d, 1) {
		t.Error("zero shape must never hit")
	}
}

func TestShapeHitAllocs(t *testing.T) {
	s := PolygonShape(Vec{-30, -30}, Vec{30, -30}, Vec{0, 40})
	if n := testing.AllocsPerRun(100, func() { s.Hit(1, 2, 0, 0, 0.5, 10) }); n != 0 {
		t.Fatalf("Hit allocates %v", n)
	}
}
