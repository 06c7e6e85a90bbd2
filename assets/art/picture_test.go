package art

import (
	"image"
	"slices"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art/arttest"
)

func TestSplitPow2(t *testing.T) {
	for _, c := range []struct {
		n    int
		want []int
	}{
		{1920, []int{1920}},     // a 2048 texture wastes 6 %
		{1080, []int{1024, 56}}, // not 2048: 90 % more
		{2160, []int{2048, 112}},
		{3840, []int{3840}},
		{700, []int{512, 128, 60}},
		{1024, []int{1024}},
		{10, []int{10}},
	} {
		got := splitPow2(c.n)
		if !slices.Equal(got, c.want) {
			t.Errorf("splitPow2(%d) = %v, want %v", c.n, got, c.want)
		}
		sum, tex := 0, 0
		for _, p := range got {
			sum += p
			q := 16
			for q < p {
				q <<= 1
			}
			tex += q
		}
		if sum != c.n || tex*4 > c.n*5+64 {
			t.Errorf("splitPow2(%d) = %v: sums to %d, textures %d px", c.n, got, sum, tex)
		}
	}
}

// The scenery drawn from its tiles matches the scenery painted in one
// piece: no seam where the tiles meet.
func TestBackgroundTilesHaveNoSeam(t *testing.T) {
	g := SceneGeom{W: 1920, H: 1080, RiverTop: 0.28 * 1080, RiverBot: 0.82 * 1080, BankLeft: 0.07 * 1920, BankRight: 0.93 * 1920}
	var whole, tiled *image.RGBA
	var tiles int
	arttest.Frame(func() {
		a := NewAtlas(1)
		defer a.Dispose()
		pic := a.Background(g)
		tiles = len(pic.tiles)
		one := ebiten.NewImageWithOptions(image.Rect(0, 0, 1920, 1080), &ebiten.NewImageOptions{Unmanaged: true})
		drawBackground(one, g, 1, 0, 0)
		dst := ebiten.NewImageWithOptions(image.Rect(0, 0, 1920, 1080), &ebiten.NewImageOptions{Unmanaged: true})
		var d Drawer
		pic.Draw(&d, dst, 0, 0)
		whole, tiled = pixels(one), pixels(dst)
		one.Deallocate()
		dst.Deallocate()
	})
	if tiles != 2 {
		t.Errorf("1920x1080 scenery in %d tiles, want 2 (1920x1024 and 1920x56)", tiles)
	}
	bad := 0
	for i := range whole.Pix {
		d := int(whole.Pix[i]) - int(tiled.Pix[i])
		if d > 3 || d < -3 {
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%d channel values differ by more than 3 between the tiled and the whole scenery", bad)
	}
}
