package art

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// Scene geometry the background is painted for, in canvas units. The
// shooter's Layout gives the same numbers; they are fractions of the canvas
// so the landscape and portrait canvases both work.
type SceneGeom struct {
	W, H      float64 // canvas size
	RiverTop  float64 // far bank meets the water
	RiverBot  float64 // near water meets the patrol boat's deck
	BankLeft  float64 // x of the left bank's cover
	BankRight float64 // x of the right bank's cover
}

var whitePix *ebiten.Image

// white returns a 1×1 white source for gradients (made on first use, so
// importing the package creates no image).
func white() *ebiten.Image {
	if whitePix == nil {
		img := ebiten.NewImage(3, 3)
		img.Fill(color.White)
		whitePix = img.SubImage(rectWH(3, 3).Inset(1)).(*ebiten.Image)
	}
	return whitePix
}

// gradient fills the pixel rectangle (x, y, w, h) with a vertical gradient.
func gradient(dst *ebiten.Image, x, y, w, h float32, top, bot color.RGBA) {
	vs, is := appendGradient(nil, nil, gradientRect{x, y, w, h, top, bot, false}, 0, 0)
	dst.DrawTriangles(vs, is, white(), nil)
}

// appendGradient appends g's quad, moved by (dx, dy), to vs and is.
func appendGradient(vs []ebiten.Vertex, is []uint16, g gradientRect, dx, dy float32) ([]ebiten.Vertex, []uint16) {
	v := func(px, py float32, c color.RGBA) ebiten.Vertex {
		return ebiten.Vertex{DstX: px + dx, DstY: py + dy, SrcX: 1, SrcY: 1, ColorR: float32(c.R) / 255, ColorG: float32(c.G) / 255, ColorB: float32(c.B) / 255, ColorA: float32(c.A) / 255}
	}
	n := uint16(len(vs))
	vs = append(vs, v(g.x, g.y, g.top), v(g.x+g.w, g.y, g.top), v(g.x, g.y+g.h, g.bot), v(g.x+g.w, g.y+g.h, g.bot))
	return vs, append(is, n, n+1, n+2, n+1, n+3, n+2)
}

// drawBackground paints the static scenery in one piece: what a Picture of
// it draws (see sceneryPicture), kept for tests to compare against. It
// paints the picture shifted by (-ox, -oy) pixels.
func drawBackground(dst *ebiten.Image, g SceneGeom, s, ox, oy float64) {
	for _, gr := range sceneryGradients(g, s) {
		if gr.sky {
			gradient(dst, gr.x-float32(ox), gr.y-float32(oy), gr.w, gr.h, gr.top, gr.bot)
		}
	}
	drawSkyShapes(newPen(dst, s, -ox, -oy), g)
	for _, gr := range sceneryGradients(g, s) {
		if !gr.sky {
			gradient(dst, gr.x-float32(ox), gr.y-float32(oy), gr.w, gr.h, gr.top, gr.bot)
		}
	}
	drawRiverShapes(newPen(dst, s, -ox, -oy), g)
}

// gradientRect is one of the scenery's vertical gradients, in pixels.
type gradientRect struct {
	x, y, w, h float32
	top, bot   color.RGBA
	sky        bool // painted before the sky's shapes; the river's after them
}

// sceneryGradients lists the scenery's gradients at s pixels a unit: the
// dusk sky, and the river, which is opaque and covers the lowest rows of
// the sky's shapes (the hills and the sun's glow).
func sceneryGradients(g SceneGeom, s float64) []gradientRect {
	W, H, top := g.W, g.H, g.RiverTop
	return []gradientRect{
		{0, 0, float32(W * s), float32(top*s) + 2, color.RGBA{0xEE, 0x8E, 0x55, 0xFF}, SkyLow, true},
		{0, 0, float32(W * s), float32(top * s * 0.5), color.RGBA{0xD9, 0x7A, 0x5E, 0xFF}, SkyTop, true},
		{0, float32(top * s), float32(W * s), float32((H - top) * s), WaterLight, WaterDeep, false},
		{0, float32(top * s), float32(W * s), float32(12 * s), color.RGBA{0x2A, 0x5E, 0x58, 0xFF}, WaterLight, false},
	}
}

// riverClip is the first pixel row the river's gradient covers: its top
// edge is at top×s, and a row is covered when its centre is on or below it.
func riverClip(g SceneGeom, s float64) int {
	return int(math.Ceil(float64(float32(g.RiverTop*s)) - 0.5))
}

// drawSkyShapes draws what stands in the sky: the sun and its glow, two
// ranges of far hills and the far shore's tree line.
func drawSkyShapes(p *pen, g SceneGeom) {
	W, top := g.W, g.RiverTop
	// sun with a soft glow
	sx, sy := W*0.62, top*0.62
	for i := 5; i >= 1; i-- {
		p.begin().circle(sx, sy, 50+float64(i)*26).always(Alpha(color.RGBA{0xFF, 0xE9, 0xA8, 0xFF}, 0.07))
	}
	p.begin().circle(sx, sy, 52).always(color.RGBA{0xFF, 0xF1, 0xC4, 0xFF})
	// far hills: a hazy violet range, then a nearer green-blue one
	hills := func(base, amp, freq, phase float64, c color.RGBA) {
		p.begin().moveTo(0, top+4)
		for x := 0.0; x <= W+20; x += 20 {
			y := base - amp*(0.6*math.Sin(x/W*freq+phase)+0.4*math.Sin(x/W*freq*2.3+phase*1.7))
			p.lineTo(x, y)
		}
		p.lineTo(W, top+4).close().always(c)
	}
	hills(top-top*0.18, top*0.22, 7, 0.5, color.RGBA{0xC0, 0x86, 0x80, 0xFF})
	hills(top-top*0.06, top*0.16, 11, 2.1, color.RGBA{0x7E, 0x7A, 0x7E, 0xFF})
	// far shore tree line
	p.begin().moveTo(0, top+6)
	for x := 0.0; x <= W+30; x += 30 {
		p.quadTo(x+15, top-22-10*math.Sin(x*0.37), x+30, top-4)
	}
	p.lineTo(W, top+6).close().always(color.RGBA{0x3D, 0x6B, 0x4E, 0xFF})
}

// drawRiverShapes draws what is painted over the river: the sun's
// reflection and the jungle banks on both sides.
func drawRiverShapes(p *pen, g SceneGeom) {
	W, top := g.W, g.RiverTop
	sx := W * 0.62
	// the sun's reflection: warm streaks below it
	for i := 0; i < 14; i++ {
		y := top + 10 + float64(i)*float64(i)*2.2
		w := 70 - float64(i)*3.5
		p.begin().rrect(sx-w/2+8*math.Sin(float64(i)*1.7), y, w, 4+float64(i)*0.3, 2).always(Alpha(color.RGBA{0xFF, 0xE2, 0x9A, 0xFF}, 0.5-float64(i)*0.03))
	}
	// jungle banks: wedges on both sides from the far shore to mid river
	bank := func(flip bool) {
		f := func(x float64) float64 {
			if flip {
				return W - x
			}
			return x
		}
		edge := g.BankLeft * 2.2
		bot := top + (g.RiverBot-top)*0.55
		p.begin().moveTo(f(0), top-30).lineTo(f(edge*1.1), top-10).quadTo(f(edge*1.4), (top+bot)/2, f(edge*0.9), bot).lineTo(f(0), bot+30).close().always(JungleDark)
		p.begin().moveTo(f(0), top-20).lineTo(f(edge*0.9), top-4).quadTo(f(edge*1.15), (top+bot)/2, f(edge*0.7), bot-6).lineTo(f(0), bot+10).close().always(Jungle)
		// palms and round trees on the bank
		for i := 0; i < 3; i++ {
			x := f(edge * (0.2 + 0.3*float64(i)))
			ty := top - 40 + float64(i)*30
			p.begin().rrect(x-5, ty, 10, 90, 4).always(Wood)
			for k := 0; k < 5; k++ {
				a := -math.Pi/2 + (float64(k)-2)*0.55
				p.begin().moveTo(x, ty).quadTo(x+60*math.Cos(a-0.3), ty+60*math.Sin(a-0.3)-10, x+80*math.Cos(a), ty+80*math.Sin(a)+20).quadTo(x+50*math.Cos(a+0.2), ty+50*math.Sin(a+0.2), x, ty).close().always(mix(Jungle, JungleLight, 0.3+0.1*float64(k%2)))
			}
		}
		// reeds at the waterline
		for i := 0; i < 9; i++ {
			x := f(edge*0.5 + float64(i)*edge*0.08)
			y := bot - 10 - float64(i%3)*8
			p.begin().moveTo(x, y+30).quadTo(x+4, y, x+10, y-20).line(JungleLight, 4)
		}
	}
	bank(false)
	bank(true)
}

// drawCloud draws a puffy dusk cloud, 260 wide.
func drawCloud(p *pen, v int) {
	c := color.RGBA{0xFF, 0xF3, 0xE2, 0xFF}
	bl := [][3]float64{{-80, 10, 40}, {-30, -10, 56}, {30, -4, 48}, {84, 12, 36}}
	if v == 1 {
		bl = [][3]float64{{-60, 8, 34}, {-10, -6, 44}, {46, 8, 32}}
	}
	for _, b := range bl {
		p.begin().circle(b[0], b[1], b[2]).always(c)
	}
	p.begin().rrect(-110, 10, 220, 36, 18).always(c)
	p.begin().rrect(-100, 30, 200, 16, 8).always(color.RGBA{0xF8, 0xC9, 0xA8, 0xFF})
}

// drawRipple draws one short curved highlight on the water, 60 wide.
func drawRipple(p *pen) {
	p.begin().moveTo(-30, 4).quadTo(-15, -6, 0, 2).quadTo(15, 8, 30, -2).line(Alpha(White, 0.8), 4)
}

// drawSparkle draws a four-pointed glint, 24 across.
func drawSparkle(p *pen) {
	p.begin().star(0, 0, 12, 2.5, 4, 0).always(White)
	p.begin().circle(0, 0, 3).always(color.RGBA{0xFF, 0xF6, 0xC8, 0xFF})
}

// DeckMasts are the x fractions (of the canvas width) and the logical
// height above the deck's top of the masts the flags fly from.
var DeckMasts = [2]float64{0.05, 0.9}

// MastHeight is how far above the deck's top edge the masts reach.
const MastHeight = 170

// deckLift is how far above the deck's top edge its paint reaches: the
// railing over the bow's crown (0.12h down), 39 up from the gunwale.
const deckLift = 40

// drawMast draws one of the deck's masts at x 0, from MastHeight above the
// deck's top edge down to 0.4h into a deck h deep, behind its gunwale.
func drawMast(p *pen, h float64) {
	p.begin().rrect(-5, -MastHeight, 10, MastHeight+h*0.4, 4).part(color.RGBA{0xB8, 0xC2, 0xCC, 0xFF})
	p.begin().circle(0, -MastHeight, 8).part(Gold)
}

// drawDeck draws the near layer: the bow of the joint-patrol boat the
// visitor stands on, w wide and h deep, its top edge at y 0. Its masts
// (drawMast) stand behind it.
func drawDeck(p *pen, w, h float64) {
	white := color.RGBA{0xF4, 0xF7, 0xFB, 0xFF}
	// the gunwale: a police-blue band curving up to the bow
	p.begin().moveTo(-20, h*0.42).quadTo(w/2, -h*0.18, w+20, h*0.42).lineTo(w+20, h+20).lineTo(-20, h+20).close().part(Police)
	p.begin().moveTo(-20, h*0.42).quadTo(w/2, -h*0.18, w+20, h*0.42).line(white, 10)
	// deck floor inside
	p.begin().moveTo(-20, h*0.62).quadTo(w/2, h*0.12, w+20, h*0.62).lineTo(w+20, h+20).lineTo(-20, h+20).close().paint(color.RGBA{0xD5, 0xDE, 0xE8, 0xFF})
	for i := 1; i < 5; i++ {
		y := h*0.3 + float64(i)*h*0.16
		p.begin().moveTo(-20, y+h*0.3).quadTo(w/2, y-h*0.22, w+20, y+h*0.3).line(color.RGBA{0xC1, 0xCC, 0xD8, 0xFF}, 2)
	}
	// railing posts along the bow
	for i := 0; i <= 16; i++ {
		t := float64(i) / 16
		x := -20 + (w+40)*t
		y := h*0.42 + (-h*0.18-h*0.42)*2*t*(1-t)
		p.begin().rrect(x-3, y-36, 6, 36, 2).part(white)
	}
	p.begin().moveTo(-20, h*0.42-34).quadTo(w/2, -h*0.18-34, w+20, h*0.42-34).line(Ink, 10)
	p.begin().moveTo(-20, h*0.42-34).quadTo(w/2, -h*0.18-34, w+20, h*0.42-34).line(white, 5)
	// markings: the patrol's name on the band, a life ring on each side
	p.text("中国执法", w/2, h*0.42, 34, true, White)
	for _, fx := range []float64{0.22, 0.78} {
		x, y := fx*w, h*0.72
		p.begin().circle(x, y, 30).part(color.RGBA{0xFF, 0x7A, 0x1A, 0xFF})
		p.begin().circle(x, y, 14).part(color.RGBA{0xD5, 0xDE, 0xE8, 0xFF})
		for k := 0; k < 4; k++ {
			a := float64(k)*math.Pi/2 + math.Pi/4
			p.begin().moveTo(x+16*math.Cos(a), y+16*math.Sin(a)).lineTo(x+28*math.Cos(a), y+28*math.Sin(a)).line(White, 9)
		}
	}
}

// drawPatrolBoat draws a distant joint-patrol boat, 200 wide, waterline at
// y 0, mast top at (PatrolMastX, PatrolMastY).
func drawPatrolBoat(p *pen) {
	white := color.RGBA{0xF4, 0xF7, 0xFB, 0xFF}
	p.begin().rrect(PatrolMastX-3, PatrolMastY, 6, -PatrolMastY-40, 2).part(color.RGBA{0xB8, 0xC2, 0xCC, 0xFF})
	p.begin().moveTo(-100, -30).lineTo(104, -36).quadTo(96, 0, 76, 10).lineTo(-86, 10).quadTo(-100, 0, -100, -30).close().part(white)
	p.begin().moveTo(-98, -6).lineTo(98, -10).line(Police, 10)
	p.begin().rrect(-50, -70, 80, 42, 8).part(white)
	p.begin().rrect(-42, -62, 64, 16, 4).paint(color.RGBA{0x6C, 0xB4, 0xE4, 0xFF})
	p.begin().rrect(-20, -84, 18, 14, 3).part(Police)
	p.begin().circle(-11, -86, 5).paint(color.RGBA{0xFF, 0x4D, 0x4D, 0xFF})
	p.text("中国执法", 0, -20, 14, true, Police)
}

// Where a distant patrol boat's flag flies, relative to its anchor.
const (
	PatrolMastX = 60.0
	PatrolMastY = -130.0
)
