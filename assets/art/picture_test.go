package art

import (
	"image"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art/arttest"
)

func TestPlanPatchesCoversBoxesWithDisjointRects(t *testing.T) {
	bounds := image.Rect(0, 0, 300, 200)
	boxes := []image.Rectangle{
		image.Rect(10, 10, 50, 40),     // two cells wide, two high
		image.Rect(40, 35, 100, 70),    // overlaps the first
		image.Rect(250, 150, 400, 260), // runs past the right and bottom edges
		image.Rect(-20, -20, -5, -5),   // outside
		image.Rect(130, 100, 130, 140), // empty
	}
	rects := planPatches(boxes, bounds, 32, 100)
	for i, r := range rects {
		if !r.In(bounds) || r.Empty() {
			t.Errorf("rect %v is empty or leaves %v", r, bounds)
		}
		for _, o := range rects[i+1:] {
			if r.Overlaps(o) {
				t.Errorf("rects %v and %v overlap", r, o)
			}
		}
	}
	covered := func(x, y int) bool {
		for _, r := range rects {
			if image.Pt(x, y).In(r) {
				return true
			}
		}
		return false
	}
	area := 0
	for _, r := range rects {
		area += r.Dx() * r.Dy()
	}
	for _, b := range boxes {
		b = b.Intersect(bounds)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if !covered(x, y) {
					t.Fatalf("pixel (%d, %d) of box %v is in no patch", x, y, b)
				}
			}
		}
	}
	// cells: (0..1)×(0..1) and (1..3)×(1..2) for the first two boxes, and
	// the bottom-right corner's (7..9)×(4..6), cut at 300×200
	want := 4*32*32 + 6*32*32 - 32*32 + (300-224)*(200-128)
	if area != want {
		t.Errorf("patches cover %d px, want %d (only the cells the boxes touch)", area, want)
	}
	if got := planPatches(nil, bounds, 32, 100); len(got) != 0 {
		t.Errorf("no boxes gave %v", got)
	}
}

func TestPackPatchesPlacesWithoutOverlap(t *testing.T) {
	rs := []image.Rectangle{image.Rect(0, 0, 100, 30), image.Rect(0, 0, 250, 60), image.Rect(0, 0, 80, 60), image.Rect(0, 0, 300, 10), image.Rect(0, 0, 40, 45)}
	pos, h := packPatches(rs, 300)
	var placed []image.Rectangle
	area := 0
	for i, r := range rs {
		q := image.Rectangle{Min: pos[i], Max: pos[i].Add(r.Size())}
		if q.Min.X < 0 || q.Min.Y < 0 || q.Max.X > 300 || q.Max.Y > h {
			t.Errorf("rect %d at %v leaves 300×%d", i, q, h)
		}
		for _, o := range placed {
			if q.Overlaps(o) {
				t.Errorf("rect %d at %v overlaps %v", i, q, o)
			}
		}
		placed = append(placed, q)
		area += r.Dx() * r.Dy()
	}
	// 41,880 px of rectangles; stacked they would take 205 rows
	if h*300 > area*3/2 {
		t.Errorf("rows take %d px for %d px of rectangles", h, area)
	}
}

// The scenery drawn as gradients and patches matches the scenery painted
// in one piece, and keeps far less texture than the whole picture.
func TestBackgroundPatchesMatchWholePainting(t *testing.T) {
	for _, c := range []struct {
		name string
		g    SceneGeom
		s    float64
	}{
		{"landscape", SceneGeom{W: 1920, H: 1080, RiverTop: 0.28 * 1080, RiverBot: 0.82 * 1080, BankLeft: 0.07 * 1920, BankRight: 0.93 * 1920}, 1},
		{"portrait", SceneGeom{W: 1080, H: 1920, RiverTop: 0.22 * 1920, RiverBot: 0.85 * 1920, BankLeft: 0.06 * 1080, BankRight: 0.94 * 1080}, 1},
		{"scaled", SceneGeom{W: 1920, H: 1080, RiverTop: 0.28 * 1080, RiverBot: 0.82 * 1080, BankLeft: 0.07 * 1920, BankRight: 0.93 * 1920}, 0.75},
	} {
		t.Run(c.name, func(t *testing.T) {
			var whole, drawn *image.RGBA
			var texture, w, h int
			arttest.Frame(func() {
				a := NewAtlas(c.s)
				defer a.Dispose()
				pic := a.Background(c.g)
				w, h, texture = pic.W, pic.H, pic.texturePixels()
				one := ebiten.NewImageWithOptions(image.Rect(0, 0, w, h), &ebiten.NewImageOptions{Unmanaged: true})
				drawBackground(one, c.g, c.s, 0, 0)
				dst := ebiten.NewImageWithOptions(image.Rect(0, 0, w, h), &ebiten.NewImageOptions{Unmanaged: true})
				var d Drawer
				pic.Draw(&d, dst, 0, 0)
				pic.Draw(&d, dst, 0, 0) // again: the cached quads draw the same
				whole, drawn = pixels(one), pixels(dst)
				one.Deallocate()
				dst.Deallocate()
			})
			if texture == 0 || texture*9 > w*h*4 {
				t.Errorf("the %dx%d scenery keeps %d px of texture, want some but at most 44%%", w, h, texture)
			}
			// Rounding differs where anti-aliased edges of several shapes
			// overlap: there the patch holds their blend in 8 bits before it
			// meets the gradient. A shape missing or misplaced would change
			// thousands of values, by far more.
			bad, worst := channelDiff(whole, drawn, 3)
			if bad > 12 || worst > 16 {
				t.Errorf("%d channel values differ by more than 3 between the patched and the whole scenery (want at most 12), by up to %d (want at most 16)", bad, worst)
			}
		})
	}
}
