package art

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// Ink is the outline colour of every sprite: a deep navy, softer than black.
var Ink = color.RGBA{0x1B, 0x26, 0x36, 0xFF}

// OutlineWidth is the width of the ink outline around every sprite's body,
// in logical units.
const OutlineWidth = 5

// pen draws vector shapes in a sprite's logical units onto an image at a
// scale. A sprite is drawn in two passes: the outline pass paints every
// body part (part) in Ink, dilated by the outline width, so the silhouette
// gets one clean thick outline; the colour pass paints the parts' colours,
// then shading and details (paint, line) on top.
type pen struct {
	dst     *ebiten.Image
	s       float32 // pixels per logical unit
	ox, oy  float32 // pixel position of the logical origin
	outline bool    // true during the outline pass
	ow      float32 // outline width, logical units
	rot     float64 // rotation of path points, radians, about (rx, ry)
	rx, ry  float64
	path    vector.Path
	dpo     vector.DrawPathOptions
	so      vector.StrokeOptions
	f       Filler          // bounds the vector package's batches (see fillRow)
	sil     *ebiten.Image   // outline pass: the body parts' silhouette, in Ink
	ink     image.Rectangle // pixels painted other than by p.f (text)
	cx, cy  float32         // the path's current point, pixels
	sx, sy  float32         // where its current sub-path started, pixels
}

// dilate draws the silhouette p.sil onto p.dst shifted to every point of
// three rings of radius r, 2r/3 and r/3 pixels (at most 1.5 px apart) and
// at the centre: the silhouette grown by r, the sprite's outline. The outer
// ring sits half a pixel further out: linear filtering of the shifted copies
// softens their edge by about that much.
//
// Why not vector.StrokePath: stroking every body part with round joins
// made up most of the triangles of the art (a flattened curve gets a round
// join at every point), 670,000 indices for the patrol boat's deck alone,
// and Ebitengine keeps its command buffers at the largest frame's size for
// good. The dilation is a few hundred quads.
func (p *pen) dilate(r float64) {
	var op ebiten.DrawImageOptions
	op.Filter = ebiten.FilterLinear
	for _, k := range [...]float64{1, 2.0 / 3, 1.0 / 3} {
		rr := r * k
		if k == 1 {
			rr += 0.5
		}
		n := max(8, int(math.Ceil(2*math.Pi*rr/1.5)))
		for i := range n {
			sn, cs := math.Sincos(2 * math.Pi * float64(i) / float64(n))
			op.GeoM.Reset()
			op.GeoM.Translate(rr*cs, rr*sn)
			p.dst.DrawImage(p.sil, &op)
		}
	}
	op.GeoM.Reset()
	p.dst.DrawImage(p.sil, &op)
}

var blank *ebiten.Image

// blankPixel is a 1×1 transparent image.
func blankPixel() *ebiten.Image {
	if blank == nil {
		blank = ebiten.NewImage(1, 1)
	}
	return blank
}

func newPen(dst *ebiten.Image, s, ox, oy float64) *pen {
	p := &pen{dst: dst, s: float32(s), ox: float32(ox), oy: float32(oy), ow: OutlineWidth}
	p.dpo.AntiAlias = true
	// Mitred joins (bevelled past 4× the width): the curves' pieces meet
	// almost straight, where a round join looks the same but costs an arc
	// each; round joins made the khat leaves' 2 px veins and edges 63,000
	// of the icon's 92,000 vertices. The sprite gallery changed in 58 of
	// 3 million pixels.
	p.so.LineJoin = vector.LineJoinMiter
	p.so.MiterLimit = 4
	p.so.LineCap = vector.LineCapRound
	return p
}

// pt maps a logical point through the pen's rotation (about (rx, ry)),
// scale and offset to pixels.
func (p *pen) pt(x, y float64) (float32, float32) {
	if p.rot != 0 {
		s, c := math.Sincos(p.rot)
		dx, dy := x-p.rx, y-p.ry
		x, y = p.rx+dx*c-dy*s, p.ry+dx*s+dy*c
	}
	return p.ox + float32(x)*p.s, p.oy + float32(y)*p.s
}

// rotate makes later path points turn by a radians about (x, y); call
// rotate(0, 0, 0) to stop.
func (p *pen) rotate(a, x, y float64) *pen { p.rot, p.rx, p.ry = a, x, y; return p }

func (p *pen) begin() *pen { p.path.Reset(); p.cx, p.cy, p.sx, p.sy = 0, 0, 0, 0; return p }

func (p *pen) moveTo(x, y float64) *pen {
	p.cx, p.cy = p.pt(x, y)
	p.sx, p.sy = p.cx, p.cy
	p.path.MoveTo(p.cx, p.cy)
	return p
}
func (p *pen) lineTo(x, y float64) *pen {
	p.cx, p.cy = p.pt(x, y)
	p.path.LineTo(p.cx, p.cy)
	return p
}
func (p *pen) quadTo(cx, cy, x, y float64) *pen {
	a, b := p.pt(cx, cy)
	p.cx, p.cy = p.pt(x, y)
	p.path.QuadTo(a, b, p.cx, p.cy)
	return p
}
func (p *pen) close() *pen { p.path.Close(); p.cx, p.cy = p.sx, p.sy; return p }

// circle adds a closed circle.
func (p *pen) circle(cx, cy, r float64) *pen { return p.ellipse(cx, cy, r, r) }

// capsule adds a stadium from (x1, y1) to (x2, y2) with radius r.
func (p *pen) capsule(x1, y1, x2, y2, r float64) *pen {
	dx, dy := x2-x1, y2-y1
	l := math.Hypot(dx, dy)
	if l == 0 {
		return p.circle(x1, y1, r)
	}
	nx, ny := -dy/l*r, dx/l*r // normal
	tx, ty := dx/l*r, dy/l*r  // tangent
	const k = 0.5523
	p.moveTo(x1+nx, y1+ny).lineTo(x2+nx, y2+ny)
	p.cubicTo(x2+nx+tx*k, y2+ny+ty*k, x2+tx+nx*k, y2+ty+ny*k, x2+tx, y2+ty)
	p.cubicTo(x2+tx-nx*k, y2+ty-ny*k, x2-nx+tx*k, y2-ny+ty*k, x2-nx, y2-ny)
	p.lineTo(x1-nx, y1-ny)
	p.cubicTo(x1-nx-tx*k, y1-ny-ty*k, x1-tx-nx*k, y1-ty-ny*k, x1-tx, y1-ty)
	p.cubicTo(x1-tx+nx*k, y1-ty+ny*k, x1+nx-tx*k, y1+ny-ty*k, x1+nx, y1+ny)
	return p.close()
}

// text draws s centred at logical (x, y) in the colour pass only.
func (p *pen) text(s string, x, y, size float64, bold bool, c color.RGBA) {
	if p.outline || s == "" {
		return
	}
	px, py := p.pt(x, y)
	tw, th := Measure(s, size*float64(p.s), bold)
	box := image.Rect(int(float64(px)-tw/2)-2, int(float64(py)-th/2)-2, int(float64(px)+tw/2)+2, int(float64(py)+th/2)+2)
	if p.f.dry != nil {
		*p.f.dry = append(*p.f.dry, box)
		return
	}
	dst := p.dst
	if c := p.f.clip; !c.Empty() {
		// a cell at a time: the part of the text in the cell, so that what
		// later paths paint over it in other cells keeps its order
		if !box.Overlaps(c) {
			return
		}
		dst = p.dst.SubImage(c).(*ebiten.Image)
	}
	p.mark(float64(px)-tw/2, float64(py)-th/2, float64(px)+tw/2, float64(py)+th/2)
	var w Writer
	w.Text(dst, s, float64(px), float64(py), TextOptions{Size: size * float64(p.s), Bold: bold, Color: c, AlignX: text.AlignCenter, AlignY: text.AlignCenter})
}

// mark records that the pixels in [x0, x1)×[y0, y1), plus a pixel of
// anti-aliasing around them, got paint by other means than p.f.
func (p *pen) mark(x0, y0, x1, y1 float64) {
	r := image.Rect(int(math.Floor(x0))-1, int(math.Floor(y0))-1, int(math.Ceil(x1))+1, int(math.Ceil(y1))+1)
	p.ink = p.ink.Union(r)
}

// ellipse adds a closed ellipse (four cubic arcs).
func (p *pen) ellipse(cx, cy, rx, ry float64) *pen {
	const k = 0.5523
	p.moveTo(cx+rx, cy)
	p.cubicTo(cx+rx, cy+ry*k, cx+rx*k, cy+ry, cx, cy+ry)
	p.cubicTo(cx-rx*k, cy+ry, cx-rx, cy+ry*k, cx-rx, cy)
	p.cubicTo(cx-rx, cy-ry*k, cx-rx*k, cy-ry, cx, cy-ry)
	p.cubicTo(cx+rx*k, cy-ry, cx+rx, cy-ry*k, cx+rx, cy)
	return p.close()
}

// rrect adds a rounded rectangle with top-left (x, y).
func (p *pen) rrect(x, y, w, h, r float64) *pen {
	r = math.Min(r, math.Min(w, h)/2)
	if r <= 0 {
		return p.moveTo(x, y).lineTo(x+w, y).lineTo(x+w, y+h).lineTo(x, y+h).close()
	}
	p.moveTo(x+r, y)
	p.lineTo(x+w-r, y).quadTo(x+w, y, x+w, y+r)
	p.lineTo(x+w, y+h-r).quadTo(x+w, y+h, x+w-r, y+h)
	p.lineTo(x+r, y+h).quadTo(x, y+h, x, y+h-r)
	p.lineTo(x, y+r).quadTo(x, y, x+r, y)
	return p.close()
}

// poly adds a closed polygon through xy pairs.
func (p *pen) poly(xy ...float64) *pen {
	p.moveTo(xy[0], xy[1])
	for i := 2; i+1 < len(xy); i += 2 {
		p.lineTo(xy[i], xy[i+1])
	}
	return p.close()
}

// star adds an n-pointed star.
func (p *pen) star(cx, cy, r1, r2 float64, n int, rot float64) *pen {
	for i := 0; i < 2*n; i++ {
		r := r1
		if i%2 == 1 {
			r = r2
		}
		a := rot - math.Pi/2 + float64(i)*math.Pi/float64(n)
		x, y := cx+r*math.Cos(a), cy+r*math.Sin(a)
		if i == 0 {
			p.moveTo(x, y)
		} else {
			p.lineTo(x, y)
		}
	}
	return p.close()
}

func (p *pen) setColor(c color.Color) {
	p.dpo.ColorScale.Reset()
	p.dpo.ColorScale.ScaleWithColor(c)
}

// part fills the current path as a body part: Ink dilated by the outline
// width in the outline pass, c in the colour pass.
func (p *pen) part(c color.Color) {
	if p.outline {
		// Without anti-aliasing: a thin point (a leaf's tooth) then counts
		// whole in the silhouette, and the shifted copies' linear filtering
		// smooths the grown edge.
		p.setColor(Ink)
		p.dpo.AntiAlias = false
		p.f.Fill(p.sil, &p.path, nil, &p.dpo)
		p.dpo.AntiAlias = true
		return
	}
	p.setColor(c)
	p.f.Fill(p.dst, &p.path, nil, &p.dpo)
}

// paint fills the current path in the colour pass only (shading, details).
func (p *pen) paint(c color.Color) {
	if p.outline {
		return
	}
	p.setColor(c)
	p.f.Fill(p.dst, &p.path, nil, &p.dpo)
}

// line strokes the current path with width w (logical) in the colour pass
// only.
func (p *pen) line(c color.Color, w float64) {
	if p.outline {
		return
	}
	p.setColor(c)
	p.so.Width = float32(w) * p.s
	p.f.Stroke(p.dst, &p.path, &p.so, &p.dpo)
}

// always fills the current path in both passes (for effects drawn without
// an outline, such as glows, drawn before the outline pass has any effect).
func (p *pen) always(c color.Color) {
	p.setColor(c)
	p.f.Fill(p.dst, &p.path, nil, &p.dpo)
}

// alwaysEvenOdd fills the current path with the even-odd rule (rings).
func (p *pen) alwaysEvenOdd(c color.Color) {
	p.setColor(c)
	p.f.Fill(p.dst, &p.path, &evenOdd, &p.dpo)
}

var evenOdd = vector.FillOptions{FillRule: vector.FillRuleEvenOdd}

// Colour helpers.

// Hex parses "#RRGGBB"; anything else gives fallback.
func Hex(s string, fallback color.RGBA) color.RGBA {
	if len(s) != 7 || s[0] != '#' {
		return fallback
	}
	var v [3]uint8
	for i := 0; i < 3; i++ {
		hi, ok1 := hexVal(s[1+2*i])
		lo, ok2 := hexVal(s[2+2*i])
		if !ok1 || !ok2 {
			return fallback
		}
		v[i] = hi<<4 | lo
	}
	return color.RGBA{v[0], v[1], v[2], 0xFF}
}

func hexVal(c byte) (uint8, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// mix blends a toward b by t in [0, 1].
func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), f(a.A, b.A)}
}

// shade darkens c by t; tint lightens it.
func shade(c color.RGBA, t float64) color.RGBA { return mix(c, color.RGBA{0x10, 0x18, 0x30, 0xFF}, t) }
func tint(c color.RGBA, t float64) color.RGBA  { return mix(c, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}, t) }

// Alpha returns c at opacity a: every component of the premultiplied
// colour scaled by a.
func Alpha(c color.RGBA, a float64) color.RGBA {
	if a >= 1 {
		return c
	}
	return color.RGBA{uint8(float64(c.R) * a), uint8(float64(c.G) * a), uint8(float64(c.B) * a), uint8(float64(c.A) * a)}
}

// luminance is c's relative brightness in [0, 1].
func luminance(c color.RGBA) float64 {
	return (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) / 255
}

// Palette of the exhibit (art-direction.md).
var (
	White       = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
	Cream       = color.RGBA{0xFF, 0xF8, 0xEC, 0xFF}
	SkyTop      = color.RGBA{0xF4, 0xA2, 0x59, 0xFF}
	SkyLow      = color.RGBA{0xF7, 0xC8, 0x73, 0xFF}
	WaterDeep   = color.RGBA{0x0E, 0x4D, 0x5C, 0xFF}
	WaterLight  = color.RGBA{0x1F, 0x7A, 0x8C, 0xFF}
	Police      = color.RGBA{0x1D, 0x4E, 0x89, 0xFF}
	Jungle      = color.RGBA{0x2E, 0x7D, 0x4F, 0xFF}
	JungleDark  = color.RGBA{0x1E, 0x5B, 0x3A, 0xFF}
	JungleLight = color.RGBA{0x6A, 0xB0, 0x4C, 0xFF}
	Olive       = color.RGBA{0x5B, 0x61, 0x3A, 0xFF}
	Grey        = color.RGBA{0x6E, 0x74, 0x7C, 0xFF}
	Skin        = color.RGBA{0xE8, 0xB9, 0x8F, 0xFF}
	Wood        = color.RGBA{0x9A, 0x62, 0x3A, 0xFF}
	Red         = color.RGBA{0xE0, 0x3C, 0x31, 0xFF}
	Green       = color.RGBA{0x2E, 0xA0, 0x4F, 0xFF}
	Gold        = color.RGBA{0xFF, 0xC8, 0x2E, 0xFF}
	Hazard      = color.RGBA{0xFF, 0xC4, 0x00, 0xFF}
)
