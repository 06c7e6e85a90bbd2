package kiosk

import (
	"image/color"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/kiosk/flow"
)

// view maps logical canvas units to screen pixels: x·S+OX, y·S+OY. Every
// shape and glyph is drawn at screen resolution (no offscreen canvas is
// scaled up), so the exhibit stays crisp at 3840×2160. One view is reused
// for a whole frame; it keeps one vector.Path and option structs so drawing
// allocates little.
type view struct {
	S, OX, OY float64
	path      vector.Path
	dop       vector.DrawPathOptions
	fop       vector.FillOptions
	fill1     art.Filler     // every fill goes through it: bounded stencil batches
	rounds    art.RoundRects // panels and buttons: nine slices of a cached mask
	w         art.Writer
	white     *ebiten.Image
	verts     [4]ebiten.Vertex
	idx       [6]uint16
	wrapCache map[wrapKey][]string
	sc        *scenes       // kiosk/scene's views, for the river and item pictures
	canvasImg *ebiten.Image // the letterboxed canvas area of this frame's dst
	logo      *ebiten.Image // the hall's logo (kiosk.logo), nil for none
}

type wrapKey struct {
	s     string
	size  float64
	width float64
}

func newView() *view {
	v := &view{S: 1, wrapCache: map[wrapKey][]string{}, sc: &scenes{}}
	v.white = ebiten.NewImage(3, 3)
	v.white.Fill(color.White)
	v.idx = [6]uint16{0, 1, 2, 1, 2, 3}
	v.dop.AntiAlias = true
	return v
}

// fit sets the transform that letterboxes canvas c into a w×h screen.
func (v *view) fit(c flow.Canvas, w, h float64) {
	v.S = math.Min(w/c.W, h/c.H)
	v.OX = (w - c.W*v.S) / 2
	v.OY = (h - c.H*v.S) / 2
}

func (v *view) px(x, y float64) (float32, float32) {
	return float32(x*v.S + v.OX), float32(y*v.S + v.OY)
}

// toCanvas maps a screen pixel back to canvas units.
func (v *view) toCanvas(x, y float64) (float64, float64) {
	return (x - v.OX) / v.S, (y - v.OY) / v.S
}

func rgba(c color.RGBA) ebiten.ColorScale {
	var cs ebiten.ColorScale
	cs.ScaleWithColor(c)
	return cs
}

func (v *view) fill(dst *ebiten.Image, c color.RGBA) {
	v.dop.ColorScale = rgba(c)
	v.fill1.Fill(dst, &v.path, nil, &v.dop)
}

// fillEvenOdd fills the path with the even-odd rule (rings, outlines).
func (v *view) fillEvenOdd(dst *ebiten.Image, c color.RGBA) {
	v.dop.ColorScale = rgba(c)
	v.fop.FillRule = vector.FillRuleEvenOdd
	v.fill1.Fill(dst, &v.path, &v.fop, &v.dop)
}

// Outlines are filled shapes (an outer and an inner sub-path, even-odd),
// never vector.StrokePath: stroking curves with round joins costs tens of
// times more vertices and memory, which software GL feels at once.

// panel draws a rounded card with a soft shadow and an outline.
func (v *view) panel(dst *ebiten.Image, r flow.Rect, rad float64, fill, outline color.RGBA) {
	v.rrect(dst, flow.Rect{X: r.X + 6, Y: r.Y + 12, W: r.W, H: r.H}, rad, color.RGBA{0, 0, 0, 70})
	if outline.A > 0 {
		v.rrect(dst, flow.Rect{X: r.X - 3, Y: r.Y - 3, W: r.W + 6, H: r.H + 6}, rad+3, outline)
		v.rrect(dst, flow.Rect{X: r.X + 2, Y: r.Y + 2, W: r.W - 4, H: r.H - 4}, max(rad-2, 0), fill)
		return
	}
	v.rrect(dst, r, rad, fill)
}

// rrect fills a rounded rectangle: 36 vertices whatever its size (see
// art.RoundRects), where a vector path cost thousands.
func (v *view) rrect(dst *ebiten.Image, r flow.Rect, rad float64, c color.RGBA) {
	x0, y0 := v.px(r.X, r.Y)
	x1, y1 := v.px(r.X+r.W, r.Y+r.H)
	v.rounds.Fill(dst, float64(x0), float64(y0), float64(x1), float64(y1), rad*v.S, c)
}

func (v *view) circle(dst *ebiten.Image, x, y, r float64, c color.RGBA) {
	v.path.Reset()
	cx, cy := v.px(x, y)
	art.Arc(&v.path, cx, cy, float32(r*v.S), 0, 2*math.Pi)
	v.path.Close()
	v.fill(dst, c)
}

// ring draws a circle's outline of the given width, or the part frac of it
// clockwise from twelve o'clock.
func (v *view) ring(dst *ebiten.Image, x, y, r, width float64, c color.RGBA, frac float64) {
	if frac <= 0 {
		return
	}
	v.path.Reset()
	cx, cy := v.px(x, y)
	ro, ri := float32((r+width/2)*v.S), float32(math.Max(r-width/2, 0)*v.S)
	if frac >= 1 {
		art.Arc(&v.path, cx, cy, ro, 0, 2*math.Pi)
		v.path.Close()
		art.Arc(&v.path, cx, cy, ri, 0, 2*math.Pi)
		v.path.Close()
		v.fillEvenOdd(dst, c)
		return
	}
	a0 := -math.Pi / 2
	a1 := a0 + 2*math.Pi*frac
	art.Arc(&v.path, cx, cy, ro, a0, a1)
	art.Arc(&v.path, cx, cy, ri, a1, a0)
	v.path.Close()
	v.fill(dst, c)
}

// line draws a segment of the given width with round ends.
func (v *view) line(dst *ebiten.Image, x0, y0, x1, y1, width float64, c color.RGBA) {
	v.path.Reset()
	ax, ay := v.px(x0, y0)
	bx, by := v.px(x1, y1)
	art.Capsule(&v.path, ax, ay, bx, by, float32(width/2*v.S))
	v.fill(dst, c)
}

// poly fills a polygon given as x0,y0,x1,y1...
func (v *view) poly(dst *ebiten.Image, c color.RGBA, xy ...float64) {
	v.path.Reset()
	v.path.MoveTo(v.px(xy[0], xy[1]))
	for i := 2; i+1 < len(xy); i += 2 {
		v.path.LineTo(v.px(xy[i], xy[i+1]))
	}
	v.path.Close()
	v.fill(dst, c)
}

// gradient fills r with a vertical gradient from top to bottom.
func (v *view) gradient(dst *ebiten.Image, r flow.Rect, top, bottom color.RGBA) {
	x0, y0 := v.px(r.X, r.Y)
	x1, y1 := v.px(r.X+r.W, r.Y+r.H)
	set := func(i int, x, y float32, c color.RGBA) {
		v.verts[i] = ebiten.Vertex{DstX: x, DstY: y, SrcX: 1, SrcY: 1,
			ColorR: float32(c.R) / 255, ColorG: float32(c.G) / 255, ColorB: float32(c.B) / 255, ColorA: float32(c.A) / 255}
	}
	set(0, x0, y0, top)
	set(1, x1, y0, top)
	set(2, x0, y1, bottom)
	set(3, x1, y1, bottom)
	dst.DrawTriangles(v.verts[:], v.idx[:], v.white, nil)
}

// Text alignment shorthands.
const (
	start  = text.AlignStart
	center = text.AlignCenter
	end    = text.AlignEnd
)

// text draws s with its anchor at canvas (x, y); size is in canvas units.
func (v *view) text(dst *ebiten.Image, s string, x, y, size float64, bold bool, c color.RGBA, ax, ay text.Align) {
	px, py := v.px(x, y)
	v.w.Text(dst, s, float64(px), float64(py), art.TextOptions{Size: size * v.S, Bold: bold, Color: c, AlignX: ax, AlignY: ay})
}

// outlined draws s with a dark outline for text over scenery.
func (v *view) outlined(dst *ebiten.Image, s string, x, y, size float64, bold bool, c, oc color.RGBA, ow float64, ax, ay text.Align) {
	px, py := v.px(x, y)
	v.w.Outlined(dst, s, float64(px), float64(py), ow*v.S, oc, art.TextOptions{Size: size * v.S, Bold: bold, Color: c, AlignX: ax, AlignY: ay})
}

// wrap breaks s into lines no wider than width canvas units at size. CJK
// text breaks between any two characters, Latin text at spaces. Results are
// cached (text on screen repeats every frame).
func (v *view) wrap(s string, size, width float64) []string {
	k := wrapKey{s, size, width}
	if l, ok := v.wrapCache[k]; ok {
		return l
	}
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		lines = append(lines, wrapPara(para, size, width)...)
	}
	if len(v.wrapCache) > 4000 {
		clear(v.wrapCache)
	}
	v.wrapCache[k] = lines
	return lines
}

func wrapPara(s string, size, width float64) []string {
	var lines []string
	rs := []rune(s)
	for len(rs) > 0 {
		lo := 1
		for lo < len(rs) {
			w, _ := art.Measure(string(rs[:lo+1]), size, false)
			if w > width {
				break
			}
			lo++
		}
		cut := lo
		if cut < len(rs) {
			// Prefer a space for Latin text; keep closing punctuation on the line.
			for i := cut; i > cut/2; i-- {
				if rs[i-1] == ' ' {
					cut = i
					break
				}
			}
			if cut < len(rs) && strings.ContainsRune(",.!?;:,。!?;:、」)", rs[cut]) && cut+1 <= len(rs) {
				cut++
			}
		}
		lines = append(lines, strings.TrimSpace(string(rs[:cut])))
		rs = rs[cut:]
		for len(rs) > 0 && rs[0] == ' ' {
			rs = rs[1:]
		}
	}
	return lines
}

// paragraph draws wrapped text from (x, y) and returns the y below it.
func (v *view) paragraph(dst *ebiten.Image, s string, x, y, size, width float64, bold bool, c color.RGBA, ax text.Align) float64 {
	lh := size * 1.35
	for _, l := range v.wrap(s, size, width) {
		v.text(dst, l, x, y, size, bold, c, ax, start)
		y += lh
	}
	return y
}
