package art

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"
)

// Picture is a big static picture (the scenery) kept as a few textures
// whose sides are powers of two or close to them.
//
// Why: Ebitengine gives every texture power-of-two sides, so one 1920×1080
// picture took a 2048×2048 texture, 16 MB of which 8 MB was never drawn,
// and one at 3840×2160 took 64 MB. Cut into 1920×1024 and 1920×56 it takes
// 8.5 MB (34 MB at 3840×2160); the cost is a second draw call.
type Picture struct {
	W, H  int
	tiles []pictureTile
}

type pictureTile struct {
	img  *ebiten.Image
	x, y int
}

// newPicture makes a w×h picture, painting each of its tiles with paint,
// which draws the whole picture onto dst shifted by (-ox, -oy) pixels.
func newPicture(w, h int, paint func(dst *ebiten.Image, ox, oy float64)) *Picture {
	p := &Picture{W: w, H: h}
	y := 0
	for _, th := range splitPow2(h) {
		x := 0
		for _, tw := range splitPow2(w) {
			img := ebiten.NewImageWithOptions(image.Rect(0, 0, tw, th), &ebiten.NewImageOptions{Unmanaged: true})
			paint(img, float64(x), float64(y))
			p.tiles = append(p.tiles, pictureTile{img, x, y})
			x += tw
		}
		y += th
	}
	return p
}

// Draw draws the picture unscaled with its top-left corner at pixel (x, y).
func (p *Picture) Draw(d *Drawer, dst *ebiten.Image, x, y float64) {
	for _, t := range p.tiles {
		d.Image(dst, t.img, x+float64(t.x), y+float64(t.y))
	}
}

// Deallocate frees the picture's textures.
func (p *Picture) Deallocate() {
	for _, t := range p.tiles {
		t.img.Deallocate()
	}
}

// splitPow2 cuts a side of n pixels into parts whose power-of-two texture
// sides waste at most a quarter of each part: the largest power of two
// that fits, then the rest, cut the same way.
func splitPow2(n int) []int {
	var parts []int
	for n > 0 {
		p := 1
		for p < n {
			p <<= 1
		}
		if p*4 <= n*5 || p <= 16 {
			return append(parts, n)
		}
		parts = append(parts, p/2)
		n -= p / 2
	}
	return parts
}
