package art

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// Rounded rectangles as nine slices of a cached mask.
//
// The menus are made of rounded panels and buttons: a dozen a screen, each
// drawn three times (shadow, outline, fill), many of them screen-sized.
// Filled as vector paths, every one of them was tessellated again each
// frame, once per Filler tile, sixteen times over for anti-aliasing:
// about 115,000 vertices on the quiz screen. Ebitengine keeps its vertex
// buffers at the largest frame's size for good, so that one screen cost
// 11 MB of Go heap in two command queues, and software GL binned every one
// of those triangles. A RoundRects draws each rectangle as 36 vertices
// instead (nine quads): the corners come from a white anti-aliased corner
// (a mask), drawn once; the edges and the middle are the mask's straight
// pixels, stretched.
//
// One mask per power-of-two radius from maskMin to maskMax pixels, all on
// one small texture; a radius in between is drawn from the next larger
// mask, scaled down by at most half (corners under 4 px: more) with linear
// filtering, so corners keep their anti-aliasing. A mask holds one corner and two straight pixels; the
// other three corners are the same pixels, mirrored. The largest radius the
// kiosk draws is the attract button's, about 200 px at 3840×2160; a larger
// one is scaled up, which softens its corners.
const (
	maskMin = 4
	maskMax = 256
)

// RoundRects fills anti-aliased rounded rectangles. The zero value is ready
// to use. It belongs to the goroutine that draws. Every RoundRects draws
// from the same mask texture (sharedMasks): the masks do not depend on the
// screen size or the owner, so the menus and each game view need not
// render their own.
type RoundRects struct {
	mask *ebiten.Image // sharedMasks, once this RoundRects has drawn
	vs   [36]ebiten.Vertex
	is   [54]uint16
	op   ebiten.DrawTrianglesOptions
}

// maskSide is the side in pixels of the mask of corner radius k: the
// corner and two straight pixels.
func maskSide(k int) int { return k + 2 }

// maskOrigin is where the mask of radius k (a power of two in [maskMin,
// maskMax]) sits on the mask texture: the largest at the top left, the
// others in a column to its right.
func maskOrigin(k int) image.Point {
	if k >= maskMax {
		return image.Point{}
	}
	y := 0
	for m := maskMax / 2; m > k; m /= 2 {
		y += maskSide(m) + sheetGap
	}
	return image.Pt(maskSide(maskMax)+sheetGap, y)
}

// maskTexture is the size of the texture that holds every mask.
func maskTexture() (w, h int) {
	o := maskOrigin(maskMin)
	return o.X + maskSide(maskMax/2), max(maskSide(maskMax), o.Y+maskSide(maskMin))
}

// maskFor returns the radius of the mask a corner of k pixels is drawn
// from.
func maskFor(k float64) int {
	m := maskMin
	for m < maskMax && float64(m) < k {
		m *= 2
	}
	return m
}

// sharedMasks is the texture of every mask, rendered by the first Fill of
// any RoundRects and kept for the life of the process (390×274 pixels, on
// a 512×512 texture: 1 MiB).
var sharedMasks *ebiten.Image

// ensureMasks readies rr to draw: the shared masks, rendered once, and the
// quads' indices.
func (rr *RoundRects) ensureMasks() {
	if rr.mask != nil {
		return
	}
	if sharedMasks == nil {
		sharedMasks = renderMasks()
	}
	rr.mask = sharedMasks
	for q := range 9 {
		i, v := q*6, uint16(q*4)
		rr.is[i], rr.is[i+1], rr.is[i+2] = v, v+1, v+2
		rr.is[i+3], rr.is[i+4], rr.is[i+5] = v+1, v+3, v+2
	}
	rr.op.Filter = ebiten.FilterLinear
	rr.op.ColorScaleMode = ebiten.ColorScaleModePremultipliedAlpha
}

// renderMasks renders every mask: the top-left corner of a rounded square
// of radius k, clipped to the mask's region.
func renderMasks() *ebiten.Image {
	w, h := maskTexture()
	mask := ebiten.NewImageWithOptions(image.Rect(0, 0, w, h), &ebiten.NewImageOptions{Unmanaged: true})
	var f Filler
	var p vector.Path
	op := &vector.DrawPathOptions{AntiAlias: true}
	for k := maskMin; k <= maskMax; k *= 2 {
		o := maskOrigin(k)
		r := float32(k)
		x0, y0 := float32(o.X), float32(o.Y)
		x1, y1 := x0+3*r, y0+3*r // well past the region: only the corner shows
		p.Reset()
		p.MoveTo(x0+r, y0)
		p.LineTo(x1, y0)
		p.LineTo(x1, y1)
		p.LineTo(x0, y1)
		p.LineTo(x0, y0+r)
		p.ArcTo(x0, y0, x0+r, y0, r)
		p.Close()
		sub := mask.SubImage(image.Rect(o.X, o.Y, o.X+maskSide(k), o.Y+maskSide(k))).(*ebiten.Image)
		f.Fill(sub, &p, nil, op)
	}
	f.Done()
	return mask
}

// Fill fills the rectangle from (x0, y0) to (x1, y1), in pixels of dst,
// with corners of radius r pixels, in c. Edges are snapped to whole pixels,
// so straight edges are sharp; the radius is cut to half the shorter side.
func (rr *RoundRects) Fill(dst *ebiten.Image, x0, y0, x1, y1, r float64, c color.RGBA) {
	x0, y0, x1, y1 = math.Round(x0), math.Round(y0), math.Round(x1), math.Round(y1)
	if x1 <= x0 || y1 <= y0 || c.A == 0 {
		return
	}
	rr.ensureMasks()
	// Whole pixels, and at most half of each side rounded down: a larger
	// k would overlap the two corners of an odd side and paint its middle
	// row twice.
	k := max(min(math.Round(r), math.Floor((x1-x0)/2), math.Floor((y1-y0)/2)), 0)
	m := float32(maskFor(k))
	o := maskOrigin(int(m))
	// Three spans a side: the corner (mask pixels 0..m), the straight
	// middle (the middle of the mask's two straight pixels, stretched) and
	// the corner again, mirrored.
	type span struct{ d0, d1, s0, s1 float32 }
	spans := func(a0, a1 float64, org int) [3]span {
		b0, b1 := float32(a0), float32(a1)
		kk, so := float32(k), float32(org)
		return [3]span{
			{b0, b0 + kk, so, so + m},
			{b0 + kk, b1 - kk, so + m + 0.5, so + m + 1.5},
			{b1 - kk, b1, so + m, so},
		}
	}
	xs, ys := spans(x0, x1, o.X), spans(y0, y1, o.Y)
	cr, cg, cb, ca := float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(c.A)/255
	n := 0
	for _, y := range ys {
		for _, x := range xs {
			for _, v := range [4][4]float32{
				{x.d0, y.d0, x.s0, y.s0}, {x.d1, y.d0, x.s1, y.s0},
				{x.d0, y.d1, x.s0, y.s1}, {x.d1, y.d1, x.s1, y.s1},
			} {
				rr.vs[n] = ebiten.Vertex{DstX: v[0], DstY: v[1], SrcX: v[2], SrcY: v[3],
					ColorR: cr, ColorG: cg, ColorB: cb, ColorA: ca}
				n++
			}
		}
	}
	dst.DrawTriangles(rr.vs[:], rr.is[:], rr.mask, &rr.op)
}

// Dispose lets go of the shared masks. It frees nothing: the texture is
// the process's (see sharedMasks); the next Fill uses it again.
func (rr *RoundRects) Dispose() {
	rr.mask = nil
}
