package art

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// Bounds on what Ebitengine's vector package renders in one batch.
//
// The package queues the paths filled on one image and renders them
// together through a stencil image, a managed ebiten.Image that packs every
// path's bounds (rounded up to 16 px, twice as wide with anti-aliasing) in
// rows up to 4093 pixels wide. The image only ever grows, it is rounded up
// to a power of 1.5 and lands on one of Ebitengine's texture pages, which
// grow by doubling. One full-screen menu panel or scenery gradient made it
// 4093×1477, on a 4096×2048 page; many small fills a frame spread it to an
// 8192×1024 page: 32 MB that software GL keeps in RAM for the life of the
// process. A Filler cuts big paths into tiles of at most fillTile pixels a
// side and renders the batch whenever its paths, side by side, would pass
// fillRow pixels: every batch then fits one row, so the stencil image stays
// within 657×438 pixels, on a 1024×512 page (2 MiB). The extra draw calls
// cost little: the pixels filled are the same. With 480 px tiles the image
// was 986×657 on a 1024×1024 page; with 320, staged renders (renderJob) cut
// sprites into cells of that size too, and the kiosk's resident set went
// from p50 195 / max 198 to 194/195 MiB (bin/kiosk --bench-wave 150s).
const (
	fillTile = 320
	fillRow  = 656
)

// Filler fills and strokes vector paths in bounded batches (see fillRow). The zero value is ready to use; keep one per goroutine that
// draws (it is not safe for concurrent use) and route every fill of the
// images it draws on through it.
type Filler struct {
	on     *ebiten.Image // the image the pending batch draws on
	queued int           // width of the pending batch's row, stencil pixels
	// Ink gathers the pixel bounds of every fill and stroke, on any
	// image, anti-aliasing included; clear it to start again. The sprite
	// atlas trims sprites to it.
	Ink image.Rectangle

	// dry, when set, makes the Filler draw nothing and append each path's
	// pixel bounds (before clipping to an image) to it instead.
	dry *[]image.Rectangle

	// clip, when not empty, limits what the Filler paints to its pixels,
	// one fillTile cell of the tile grid (see renderJob).
	clip image.Rectangle
}

// Fill fills path on dst, like vector.FillPath.
func (f *Filler) Fill(dst *ebiten.Image, path *vector.Path, fo *vector.FillOptions, do *vector.DrawPathOptions) {
	f.draw(dst, path, 1, fo, nil, do)
}

// Stroke strokes path on dst, like vector.StrokePath.
func (f *Filler) Stroke(dst *ebiten.Image, path *vector.Path, so *vector.StrokeOptions, do *vector.DrawPathOptions) {
	grow := 1
	if so != nil {
		grow = int(so.Width)/2 + 2
		if so.LineJoin == vector.LineJoinMiter {
			grow = int(so.Width*max(so.MiterLimit, 1))/2 + 2
		}
	}
	f.draw(dst, path, grow, nil, so, do)
}

// primed is set once the vector package's stencil image has its final size.
var primed bool

// prime makes the vector package allocate its stencil image at the largest
// size a Filler's batch needs, once, before any other batch: grown batch by
// batch, each larger image is a new allocation on Ebitengine's texture
// atlas, and the freed smaller ones leave holes that made its page double.
func prime() {
	if primed {
		return
	}
	primed = true
	// A path about one anti-aliased tile in size: the vector package rounds
	// its bounds up to 16 px and doubles the width (608 of fillRow's 656),
	// and makes its image 657×438, the most any Filler batch needs.
	const w, h = fillTile - 16, fillTile
	img := ebiten.NewImageWithOptions(image.Rect(0, 0, w, h), &ebiten.NewImageOptions{Unmanaged: true})
	var p vector.Path
	p.MoveTo(0, 0)
	p.LineTo(w, 0)
	p.LineTo(w, h)
	p.Close()
	vector.FillPath(img, &p, nil, &vector.DrawPathOptions{AntiAlias: true})
	img.DrawImage(blankPixel(), nil) // render the batch now
	img.Deallocate()
}

// Done renders the pending batch and forgets the image it drew on: call it
// before that image is deallocated (drawing the flush's pixel on it would
// allocate it again) and at the end of a frame.
func (f *Filler) Done() {
	f.Flush()
	f.on = nil
}

// Flush renders the pending batch now.
func (f *Filler) Flush() {
	if f.on != nil && f.queued > 0 {
		// Any use of an image makes the vector package render its batch;
		// a transparent pixel changes nothing.
		f.on.DrawImage(blankPixel(), nil)
	}
	f.queued = 0
}

// draw fills (so nil) or strokes path on dst: whole when its bounds, grown
// by grow pixels, fit a tile, else tile by tile through sub-images of dst,
// which the vector package clips to.
func (f *Filler) draw(dst *ebiten.Image, path *vector.Path, grow int, fo *vector.FillOptions, so *vector.StrokeOptions, do *vector.DrawPathOptions) {
	pb := path.Bounds()
	if f.dry != nil {
		if pb != (image.Rectangle{}) {
			*f.dry = append(*f.dry, pb.Inset(-grow))
		}
		return
	}
	b := pb.Inset(-grow).Intersect(dst.Bounds())
	if !f.clip.Empty() {
		b = b.Intersect(f.clip)
	}
	if b.Empty() {
		return
	}
	if pb != (image.Rectangle{}) { // zero: no sub-path (a flat stroke's bounds are empty, not zero)
		f.Ink = f.Ink.Union(b)
	}
	if f.clip.Empty() && b.Dx() <= fillTile && b.Dy() <= fillTile {
		f.account(dst, b.Dx(), do)
		fillOrStroke(dst, path, fo, so, do)
		return
	}
	o := dst.Bounds().Min
	y0 := o.Y + (b.Min.Y-o.Y)/fillTile*fillTile
	x0 := o.X + (b.Min.X-o.X)/fillTile*fillTile
	for y := y0; y < b.Max.Y; y += fillTile {
		for x := x0; x < b.Max.X; x += fillTile {
			t := image.Rect(x, y, x+fillTile, y+fillTile).Intersect(b)
			if t.Empty() {
				continue
			}
			f.account(dst, t.Dx(), do)
			sub := dst.RecyclableSubImage(t)
			fillOrStroke(sub, path, fo, so, do)
			sub.Recycle()
		}
	}
}

// account adds a path w pixels wide to the batch on dst, rendering the
// batch so far first when dst is another image or the batch's row would
// pass fillRow.
func (f *Filler) account(dst *ebiten.Image, w int, do *vector.DrawPathOptions) {
	prime()
	if dst != f.on {
		f.Flush()
		f.on = dst
	}
	w = (w + 15) &^ 15
	if do != nil && do.AntiAlias {
		w *= 2
	}
	if f.queued > 0 && f.queued+w > fillRow {
		f.Flush()
	}
	f.queued += w
}

func fillOrStroke(dst *ebiten.Image, path *vector.Path, fo *vector.FillOptions, so *vector.StrokeOptions, do *vector.DrawPathOptions) {
	if so != nil {
		vector.StrokePath(dst, path, so, do)
		return
	}
	vector.FillPath(dst, path, fo, do)
}
