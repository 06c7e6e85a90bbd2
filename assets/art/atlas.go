// Package art draws every picture of the exhibit with Ebitengine's vector
// package: drug items and look-alikes (one drawing per levels.IconShapes
// entry, coloured from the pack), traffickers, the patrol and boss boats
// with the joint-patrol flags, the Mekong scenery and the UI pieces (buttons,
// cards, hearts, stamps, badges). Nothing is downloaded or loaded from disk.
//
// Sprites are rendered once per scale into an *ebiten.Image (an Atlas keeps
// them) and drawn each frame as plain images with one reused
// DrawImageOptions, so a frame costs one DrawImage per sprite and no
// allocation. Render at the scale of the target (pixels per logical canvas
// unit) and the art stays crisp at 3840×2160.
//
// An Atlas and everything it returns belong to the goroutine that runs the
// game (Ebitengine's Update/Draw); they are not safe for concurrent use.
package art

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// Sprite is a pre-rendered picture. Its anchor (AX, AY), in pixels of Img,
// is the point that DrawAt places; Scale is the pixels per logical unit it
// was rendered at.
type Sprite struct {
	Img    *ebiten.Image
	AX, AY float64
	Scale  float64
	// W, H are the logical size of the drawing, without padding.
	W, H float64
	// Nearest draws with nearest-neighbour filtering (flat fills that are
	// scaled up a lot, which linear filtering would smear at the edges).
	Nearest bool
}

// pad is the logical margin around every sprite for its outline and shadow.
const pad = 10

// render draws fn into a new sprite of logical size w×h whose logical origin
// sits at (ox, oy) from the box's top-left, at scale s. The sprite is drawn
// on a scratch texture of its own, then its painted part (what the pen
// recorded, plus trimMargin) is copied onto one of the atlas's sheets; a big
// one keeps its scratch texture as its image.
func (a *Atlas) render(s, w, h, ox, oy float64, fn func(p *pen)) *Sprite {
	pw := max(int(math.Ceil((w+2*pad)*s)), 1)
	ph := max(int(math.Ceil((h+2*pad)*s)), 1)
	img := ebiten.NewImageWithOptions(rectWH(pw, ph), &ebiten.NewImageOptions{Unmanaged: true})
	ax, ay := (ox+pad)*s, (oy+pad)*s
	p := newPen(img, s, ax, ay)
	// Outline pass: the body parts' silhouette in Ink on a scratch image,
	// grown by the outline width onto the sprite (see pen.dilate).
	p.sil = ebiten.NewImageWithOptions(rectWH(pw, ph), &ebiten.NewImageOptions{Unmanaged: true})
	p.outline = true
	fn(p)
	p.outline = false
	r := float64(p.ow * p.s)
	p.dilate(r)
	p.f.Done()
	p.sil.Deallocate()
	p.sil = nil
	// What the passes paint: the outline pass's parts grown by the
	// dilation (its outer ring sits r+0.5 out, plus a pixel of filtering),
	// then the colour pass's fills, strokes and text.
	var ink image.Rectangle
	if !p.f.Ink.Empty() { // (an empty rectangle grown is not empty)
		ink = p.f.Ink.Inset(-int(math.Ceil(r+0.5)) - 1)
	}
	p.f.Ink = image.Rectangle{}
	fn(p)
	p.f.Done()
	ink = ink.Union(p.f.Ink).Union(p.ink)
	if !big(pw, ph) {
		// Only the painted part goes on the sheet, with trimMargin
		// transparent pixels around it: the padding and the icons' square
		// boxes had left half of the sheets' pixels empty.
		r := ink.Inset(-trimMargin).Intersect(img.Bounds())
		if a.untrimmed {
			r = img.Bounds()
		}
		if r.Empty() {
			r = image.Rect(0, 0, 1, 1)
		}
		if slot := a.sheets.place(r.Dx(), r.Dy()); slot != nil {
			var op ebiten.DrawImageOptions
			op.GeoM.Translate(float64(slot.Bounds().Min.X), float64(slot.Bounds().Min.Y))
			op.Blend = ebiten.BlendCopy
			slot.DrawImage(img.SubImage(r).(*ebiten.Image), &op)
			img.Deallocate()
			img = slot
			ax -= float64(r.Min.X)
			ay -= float64(r.Min.Y)
		}
	}
	return &Sprite{Img: img, AX: ax, AY: ay, Scale: s, W: w, H: h}
}

// trimMargin is the transparent border, in pixels, a sprite keeps around
// its painted part on a sheet. With the sheet's gap between neighbours it
// keeps their paint out of each other down to an eighth of their size,
// where Ebitengine reads mipmap level 3
// (TestSmallDrawsDoNotBleedFromSheetNeighbours; at a tenth a little shows).
// The kiosk draws sprites at a fifth of their size and more, but for the
// first frames of an animation that grows one from nothing.
const trimMargin = 4

// big reports whether a w×h pixel picture should be a texture of its own
// rather than share a sprite sheet: the scenery, the deck.
// Sprites drawn many times a frame stay small and on sheets, so their draws
// batch.
func big(w, h int) bool { return w*h > 512*512 }

// Drawer draws sprites with one reused DrawImageOptions: zero allocations
// per sprite. The zero value is ready to use.
type Drawer struct {
	op ebiten.DrawImageOptions
}

// Draw places sp on dst with its anchor at pixel (x, y), scaled by k (1 =
// the size it was rendered at), rotated by rot radians, with colour scale
// cs (nil for none) and opacity a in [0, 1].
func (d *Drawer) Draw(dst *ebiten.Image, sp *Sprite, x, y, k, rot float64, a float32) {
	d.DrawTinted(dst, sp, x, y, k, k, rot, 1, 1, 1, a)
}

// DrawTinted is Draw with separate x and y scale and an RGB multiplier.
func (d *Drawer) DrawTinted(dst *ebiten.Image, sp *Sprite, x, y, kx, ky, rot float64, r, g, b, a float32) {
	if sp == nil || a <= 0 {
		return
	}
	op := &d.op
	op.GeoM.Reset()
	op.GeoM.Translate(-sp.AX, -sp.AY)
	if kx != 1 || ky != 1 {
		op.GeoM.Scale(kx, ky)
	}
	if rot != 0 {
		op.GeoM.Rotate(rot)
	}
	op.GeoM.Translate(x, y)
	op.ColorScale.Reset()
	if r != 1 || g != 1 || b != 1 || a != 1 {
		op.ColorScale.Scale(r*a, g*a, b*a, a)
	}
	op.Filter = ebiten.FilterLinear
	if sp.Nearest {
		op.Filter = ebiten.FilterNearest
	}
	dst.DrawImage(sp.Img, op)
}

// Image draws img with its top-left corner at pixel (x, y), unscaled.
func (d *Drawer) Image(dst, img *ebiten.Image, x, y float64) {
	op := &d.op
	op.GeoM.Reset()
	op.GeoM.Translate(x, y)
	op.ColorScale.Reset()
	op.Filter = ebiten.FilterNearest
	dst.DrawImage(img, op)
}

// RGBA returns c's components as floats for DrawTinted.
func RGBA(c color.RGBA) (r, g, b float32) {
	return float32(c.R) / 255, float32(c.G) / 255, float32(c.B) / 255
}
