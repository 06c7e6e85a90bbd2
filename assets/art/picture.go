package art

import (
	"image"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"
)

// Picture is the static scenery, kept as little texture as it can be.
//
// Why: a texture of the whole picture was the biggest the kiosk kept after
// the screen's own (1920×1080: 8 MiB, 32 at 3840×2160), and most of it was
// sky and river, which are only gradients. A Picture draws its gradients
// every frame (one draw call of four quads) and keeps only the patches
// where shapes are painted over them (the sun, the hills, the banks), packed
// on one texture: at 1920×1080 that is a third of the pixels. Drawn over
// the gradients, the patches give the picture painted in one piece (see
// drawBackground), up to rounding.
type Picture struct {
	W, H    int
	grads   []gradientRect
	vs      []ebiten.Vertex // the gradients' quads, at the last Draw's offset
	is      []uint16
	at      [2]float64 // the offset vs is at
	sheet   *ebiten.Image
	patches []picturePatch

	// what is left to paint (see paintNext)
	s      float64
	layers []pictureLayer
	cells  []image.Rectangle
	next   int
}

// picturePatch is a rectangle of the picture's shapes, kept on the sheet.
type picturePatch struct {
	img  *ebiten.Image // a sub-image of the sheet
	x, y int           // where it goes in the picture
}

// in is the patch's rectangle in the picture.
func (t picturePatch) in() image.Rectangle {
	return image.Rectangle{Min: image.Pt(t.x, t.y), Max: image.Pt(t.x, t.y).Add(t.img.Bounds().Size())}
}

// pictureLayer is a pass of shapes over a Picture's gradients.
type pictureLayer struct {
	rows  int          // the layer paints rows above this one only; 0: every row
	paint func(p *pen) // draws the layer's shapes with p
}

// Patches are made of patchCell×patchCell pixel squares, at most
// patchRun of them wide: narrow patches pack tightly, where a band the
// picture's width left the sheet beside it empty. At 1920×1080 the
// scenery's shapes take 0.6 Mpx of patches on a 1024×628 sheet; in
// patches as wide as their shapes they took a 1920×532 one. Drawn from one
// texture, the patches cost one draw call.
const (
	patchCell = 16
	patchRun  = 8
)

// newPicture makes a w×h picture at s pixels a unit: grads drawn each frame,
// then layers, whose shapes are painted once onto patches of a sheet.
func newPicture(w, h int, s float64, grads []gradientRect, layers ...pictureLayer) *Picture {
	bounds := image.Rect(0, 0, w, h)
	var boxes []image.Rectangle
	for _, l := range layers {
		var marked []image.Rectangle // what paint draws, in picture pixels
		p := newPen(nil, s, 0, 0)
		p.f.dry = &marked
		l.paint(p)
		clip := bounds
		if l.rows > 0 {
			clip.Max.Y = min(clip.Max.Y, l.rows)
		}
		for _, b := range marked {
			// anti-aliasing reaches a pixel past a path's bounds
			boxes = append(boxes, b.Inset(-2).Intersect(clip))
		}
	}
	rects := planPatches(boxes, bounds, patchCell, patchRun)
	area := 0
	for _, r := range rects {
		area += (r.Dx() + sheetGap) * (r.Dy() + sheetGap)
	}
	sw := 256 // a power of two near the side of a square of the patches' area
	for sw*sw < area {
		sw *= 2
	}
	pos, sh := packPatches(rects, sw)
	pic := &Picture{W: w, H: h, grads: grads}
	pic.at = [2]float64{-1, -1}
	if sh > 0 {
		pic.sheet = ebiten.NewImageWithOptions(image.Rect(0, 0, sw, sh), &ebiten.NewImageOptions{Unmanaged: true})
	}
	bottom := 0
	for i, r := range rects {
		q := image.Rectangle{Min: pos[i], Max: pos[i].Add(r.Size())}
		pic.patches = append(pic.patches, picturePatch{pic.sheet.SubImage(q).(*ebiten.Image), r.Min.X, r.Min.Y})
		bottom = max(bottom, r.Max.Y)
	}
	pic.s, pic.layers = s, layers
	pic.cells = cellsOf(rects, image.Rect(0, 0, w, bottom), fillTile)
	return pic
}

// paintNext paints the patches' part in the next of the picture's cells,
// and reports whether every cell is painted. The layers are painted over
// the cell on a scratch image, and the patches' parts copied out of it.
// Painted patch by patch, every path was sent once for each patch it
// crossed (149,000 vertices in one frame); cell by cell, each is sent once
// per fillTile cell it crosses, as the Filler would for the whole picture,
// and each cell can be its own frame (see Atlas.BackgroundStep).
func (p *Picture) paintNext() bool {
	if p.next >= len(p.cells) {
		return true
	}
	c := p.cells[p.next]
	p.next++
	scratch := ebiten.NewImageWithOptions(image.Rect(0, 0, c.Dx(), c.Dy()), &ebiten.NewImageOptions{Unmanaged: true})
	for _, l := range p.layers {
		dst := scratch
		if l.rows > 0 {
			r := image.Rect(0, 0, c.Dx(), min(c.Dy(), l.rows-c.Min.Y))
			if r.Empty() {
				continue
			}
			dst = scratch.SubImage(r).(*ebiten.Image)
		}
		pn := newPen(dst, p.s, float64(-c.Min.X), float64(-c.Min.Y))
		l.paint(pn)
		pn.f.Done()
	}
	var op ebiten.DrawImageOptions
	op.Blend = ebiten.BlendCopy
	for _, t := range p.patches {
		r := t.in()
		part := r.Intersect(c)
		if part.Empty() {
			continue
		}
		// a sub-image draws with its top-left corner at the origin
		at := t.img.Bounds().Min.Add(part.Min.Sub(r.Min))
		op.GeoM.Translate(float64(at.X), float64(at.Y))
		p.sheet.DrawImage(scratch.SubImage(part.Sub(c.Min)).(*ebiten.Image), &op)
		op.GeoM.Reset()
	}
	scratch.Deallocate()
	return p.next >= len(p.cells)
}

// Painted reports whether every cell of the picture's shapes is painted.
func (p *Picture) Painted() bool { return p.next >= len(p.cells) }

// paintAll paints whatever paintNext has not.
func (p *Picture) paintAll() {
	for !p.paintNext() {
	}
}

// DrawGradients draws only the picture's gradients, the sky and the river.
func (p *Picture) DrawGradients(dst *ebiten.Image, x, y float64) {
	p.quadsAt(x, y)
	dst.DrawTriangles(p.vs, p.is, white(), nil)
}

// Draw draws the picture unscaled with its top-left corner at pixel (x, y).
// A picture not painted yet is painted first (see Atlas.BackgroundStep).
func (p *Picture) Draw(d *Drawer, dst *ebiten.Image, x, y float64) {
	p.paintAll()
	p.DrawGradients(dst, x, y)
	for _, t := range p.patches {
		d.Image(dst, t.img, x+float64(t.x), y+float64(t.y))
	}
}

// quadsAt moves the gradients' quads to (x, y) if they are not there.
func (p *Picture) quadsAt(x, y float64) {
	if p.at != [2]float64{x, y} {
		p.vs, p.is = p.vs[:0], p.is[:0]
		for _, g := range p.grads {
			p.vs, p.is = appendGradient(p.vs, p.is, g, float32(x), float32(y))
		}
		p.at = [2]float64{x, y}
	}
}

// texturePixels is how many pixels of texture the picture keeps.
func (p *Picture) texturePixels() int {
	if p.sheet == nil {
		return 0
	}
	return p.sheet.Bounds().Dx() * p.sheet.Bounds().Dy()
}

// Deallocate frees the picture's texture.
func (p *Picture) Deallocate() {
	if p.sheet != nil {
		p.sheet.Deallocate()
	}
}

// planPatches covers boxes, clipped to bounds, with disjoint rectangles
// made of cell×cell squares (cut at bounds' edges): the squares any box
// touches, in runs along each row of at most maxRun squares, a run merged
// with the one above it when they span the same columns. Short runs pack
// tighter: a long band would leave the sheet beside it empty.
func planPatches(boxes []image.Rectangle, bounds image.Rectangle, cell, maxRun int) []image.Rectangle {
	cols := (bounds.Dx() + cell - 1) / cell
	rows := (bounds.Dy() + cell - 1) / cell
	if cols == 0 || rows == 0 {
		return nil
	}
	used := make([]bool, cols*rows)
	for _, b := range boxes {
		b = b.Intersect(bounds).Sub(bounds.Min)
		if b.Empty() {
			continue
		}
		for cy := b.Min.Y / cell; cy <= (b.Max.Y-1)/cell; cy++ {
			for cx := b.Min.X / cell; cx <= (b.Max.X-1)/cell; cx++ {
				used[cy*cols+cx] = true
			}
		}
	}
	var out []image.Rectangle
	open := map[[2]int]int{} // a run's first and end column → its rectangle in out
	for cy := 0; cy < rows; cy++ {
		next := map[[2]int]int{}
		for cx := 0; cx < cols; {
			if !used[cy*cols+cx] {
				cx++
				continue
			}
			x0 := cx
			for cx < cols && cx-x0 < maxRun && used[cy*cols+cx] {
				cx++
			}
			k := [2]int{x0, cx}
			y1 := min((cy+1)*cell, bounds.Dy())
			if i, ok := open[k]; ok {
				out[i].Max.Y = y1
				next[k] = i
				continue
			}
			out = append(out, image.Rect(x0*cell, cy*cell, min(cx*cell, bounds.Dx()), y1))
			next[k] = len(out) - 1
		}
		open = next
	}
	for i := range out {
		out[i] = out[i].Add(bounds.Min)
	}
	return out
}

// packPatches places rectangles of rs's sizes, tallest first, on a sheet
// w pixels wide by the sprite sheets' skyline rule, and returns each one's
// top-left corner and the height they take. No rectangle may be wider
// than w.
func packPatches(rs []image.Rectangle, w int) ([]image.Point, int) {
	order := make([]int, len(rs))
	total := 0
	for i, r := range rs {
		order[i] = i
		total += r.Dy() + sheetGap
	}
	slices.SortStableFunc(order, func(a, b int) int { return rs[b].Dy() - rs[a].Dy() })
	sh := &sheet{w: w + sheetGap, h: total}
	pos := make([]image.Point, len(rs))
	used := 0
	for _, i := range order {
		q, _ := sh.alloc(rs[i].Dx(), rs[i].Dy()) // always fits: the sheet is as tall as all of them stacked
		pos[i] = q.Min
		used = max(used, q.Max.Y)
	}
	return pos, used
}
