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
	return a.newRenderJob(s, w, h, ox, oy, fn, false).render()
}

// render does the job's steps that are left and returns the sprite.
func (j *renderJob) render() *Sprite {
	for !j.step() {
	}
	return j.sp
}

// renderJob renders one sprite (see render) in steps: one pass a step, or,
// staged, one pass over one fillTile cell of the sprite's pixels a step, so
// that no frame queues more than that many triangles. Ebitengine keeps its
// vertex buffers, in Go and in the GL driver, at the size of the largest
// frame: the deck drawn in one frame queued 75,000 vertices, and the
// heaviest sprites 20,000 to 30,000, where no frame of play passes 8,000.
type renderJob struct {
	a       *Atlas
	s, w, h float64
	ax, ay  float64
	fn      func(p *pen)
	img     *ebiten.Image
	p       *pen
	cells   []image.Rectangle // the cells a pass draws, one per step; nil: a pass a step
	boxes   []image.Rectangle // the paths' bounds (staged only)
	cell    int
	ink     image.Rectangle // what the outline pass painted, grown
	sp      *Sprite         // the sprite, once done
}

func (a *Atlas) newRenderJob(s, w, h, ox, oy float64, fn func(p *pen), staged bool) *renderJob {
	pw := max(int(math.Ceil((w+2*pad)*s)), 1)
	ph := max(int(math.Ceil((h+2*pad)*s)), 1)
	j := &renderJob{a: a, s: s, w: w, h: h, ax: (ox + pad) * s, ay: (oy + pad) * s, fn: fn}
	j.img = ebiten.NewImageWithOptions(rectWH(pw, ph), &ebiten.NewImageOptions{Unmanaged: true})
	if staged {
		j.boxes = j.dryRun()
		j.cells = splitBusy(cellsOf(j.boxes, j.img.Bounds(), fillTile), j.boxes)
	}
	j.p = newPen(j.img, s, j.ax, j.ay)
	// Outline pass: the body parts' silhouette in Ink on a scratch image,
	// grown by the outline width onto the sprite (see pen.dilate).
	j.p.sil = ebiten.NewImageWithOptions(rectWH(pw, ph), &ebiten.NewImageOptions{Unmanaged: true})
	j.p.outline = true
	return j
}

// dryRun returns the pixel bounds of everything the sprite's passes draw.
func (j *renderJob) dryRun() []image.Rectangle {
	var boxes []image.Rectangle
	p := newPen(nil, j.s, j.ax, j.ay)
	p.f.dry = &boxes
	p.outline = true
	j.fn(p)
	p.outline = false
	j.fn(p)
	for i := range boxes {
		// the outline pass's parts grow by the outline width
		boxes[i] = boxes[i].Inset(-int(math.Ceil(float64(p.ow*p.s))) - 2)
	}
	return boxes
}

// cellsOf lists the cell×cell squares of bounds, aligned to its corner,
// that any of boxes meets.
func cellsOf(boxes []image.Rectangle, bounds image.Rectangle, cell int) []image.Rectangle {
	var cells []image.Rectangle
	for y := bounds.Min.Y; y < bounds.Max.Y; y += cell {
		for x := bounds.Min.X; x < bounds.Max.X; x += cell {
			c := image.Rect(x, y, x+cell, y+cell).Intersect(bounds)
			for _, b := range boxes {
				if b.Overlaps(c) {
					cells = append(cells, c)
					break
				}
			}
		}
	}
	return cells
}

// A staged render's cells are quartered, down to minCell pixels a side,
// while one meets more than busyCell of the paths it draws: the khat
// leaves' or a trafficker's 200 paths in one 240 px cell queued 30,000
// vertices in a step, where a frame of play queues under 8,000.
const (
	busyCell = 24
	minCell  = 40
)

// splitBusy quarters the cells that meet more than busyCell boxes.
func splitBusy(cells, boxes []image.Rectangle) []image.Rectangle {
	var out []image.Rectangle
	for len(cells) > 0 {
		c := cells[len(cells)-1]
		cells = cells[:len(cells)-1]
		n := 0
		for _, b := range boxes {
			if b.Overlaps(c) {
				n++
			}
		}
		if n == 0 {
			continue
		}
		if n <= busyCell || c.Dx() < 2*minCell || c.Dy() < 2*minCell {
			out = append(out, c)
			continue
		}
		mx, my := (c.Min.X+c.Max.X)/2, (c.Min.Y+c.Max.Y)/2
		cells = append(cells,
			image.Rect(mx, my, c.Max.X, c.Max.Y), image.Rect(c.Min.X, my, mx, c.Max.Y),
			image.Rect(mx, c.Min.Y, c.Max.X, my), image.Rect(c.Min.X, c.Min.Y, mx, my))
	}
	return out
}

// cost is how many paths the next step draws, about: those that meet its
// cell, in both passes (at least 1).
func (j *renderJob) cost() int {
	if j.cells == nil {
		return max(len(j.boxes), 1)
	}
	n := 0
	for _, b := range j.boxes {
		if b.Overlaps(j.cells[j.cell]) {
			n++
		}
	}
	return max(n, 1)
}

// step does the job's next part and reports whether the sprite is done:
// staged, one cell of the outline pass (the last one also grows the
// outline), or one cell of the colour pass (the last one also places the
// sprite); unstaged, the outline pass, then the colour pass.
func (j *renderJob) step() bool {
	p := j.p
	if j.cells != nil {
		p.f.clip = j.cells[j.cell]
		j.fn(p)
		p.f.Done()
		p.f.clip = image.Rectangle{}
		if j.cell++; j.cell < len(j.cells) {
			return false
		}
		j.cell = 0
	} else {
		j.fn(p)
	}
	if p.outline {
		j.grow()
		return false
	}
	p.f.Done()
	j.finish()
	return true
}

// grow ends the outline pass: the silhouette, grown by the outline width,
// goes onto the sprite.
func (j *renderJob) grow() {
	p := j.p
	p.outline = false
	r := float64(p.ow * p.s)
	p.dilate(r)
	p.f.Done()
	p.sil.Deallocate()
	p.sil = nil
	// What the passes paint: the outline pass's parts grown by the
	// dilation (its outer ring sits r+0.5 out, plus a pixel of filtering),
	// then the colour pass's fills, strokes and text.
	if !p.f.Ink.Empty() { // (an empty rectangle grown is not empty)
		j.ink = p.f.Ink.Inset(-int(math.Ceil(r+0.5)) - 1)
	}
	p.f.Ink = image.Rectangle{}
}

// dispose frees the images of a job not done.
func (j *renderJob) dispose() {
	if j.p.sil != nil {
		j.p.sil.Deallocate()
	}
	j.img.Deallocate()
}

// finish places the rendered sprite: only its painted part goes on a sheet,
// with trimMargin transparent pixels around it (the padding and the icons'
// square boxes had left half of the sheets' pixels empty); a big one keeps
// its scratch texture as its image.
func (j *renderJob) finish() {
	img, ax, ay := j.img, j.ax, j.ay
	pw, ph := img.Bounds().Dx(), img.Bounds().Dy()
	ink := j.ink.Union(j.p.f.Ink).Union(j.p.ink)
	if !big(pw, ph) {
		r := ink.Inset(-trimMargin).Intersect(img.Bounds())
		if j.a.untrimmed {
			r = img.Bounds()
		}
		if r.Empty() {
			r = image.Rect(0, 0, 1, 1)
		}
		if slot := j.a.sheets.place(r.Dx(), r.Dy()); slot != nil {
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
	j.sp = &Sprite{Img: img, AX: ax, AY: ay, Scale: j.s, W: j.w, H: j.h}
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
	// Below half size Ebitengine would make half- and quarter-size copies
	// of the sprite's whole sheet (2.5 MiB at 1920×1080, kept for good).
	// What the kiosk draws that small is brief (a seized item shrinking
	// into the evidence bag, the bag growing) or uses Atlas.Half.
	op.DisableMipmaps = true
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
