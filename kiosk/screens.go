package kiosk

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/kiosk/flow"
	"github.com/playhall/playhall/levels"
)

// Colours of the shell (the art package holds the exhibit palette).
var (
	navy      = color.RGBA{0x10, 0x2A, 0x4A, 0xFF}
	ink       = art.Ink
	cardFill  = color.RGBA{0xFF, 0xFB, 0xF3, 0xFF}
	cardLine  = color.RGBA{0x1B, 0x26, 0x36, 0xFF}
	muted     = color.RGBA{0x4A, 0x55, 0x66, 0xFF}
	dim       = color.RGBA{0x06, 0x14, 0x22, 0x9A}
	chosen    = color.RGBA{0xFF, 0xE3, 0x8A, 0xFF}
	goodGreen = color.RGBA{0x1F, 0x8A, 0x45, 0xFF}
	badRed    = color.RGBA{0xC8, 0x32, 0x2B, 0xFF}
)

func rectOf(x, y, w, h float64) flow.Rect { return flow.Rect{X: x, Y: y, W: w, H: h} }

// secs is the flow time in seconds, for animation.
func secs(m *flow.Machine) float64 { return float64(m.Now()) / game.TPS }

// drawScreen draws the machine's current screen and its overlays.
func drawScreen(dst *ebiten.Image, v *view, m *flow.Machine, fx *effects, now int) {
	c := m.Canvas()
	dst.Fill(color.Black) // letterbox bars
	v.sc.ensure(m.Pack(), c)
	v.canvasImg = canvasImage(dst, v, c)
	switch m.Screen() {
	case flow.ScreenClosed:
		drawClosed(dst, v, m)
	case flow.ScreenAttract:
		if !v.sc.drawRound(v.canvasImg, m) {
			v.sc.amb.Draw(v.canvasImg, 0, true)
		}
		drawAttract(dst, v, m)
	case flow.ScreenPlay:
		if !v.sc.drawRound(v.canvasImg, m) {
			v.sc.amb.Draw(v.canvasImg, 0, true)
		}
	default:
		v.sc.amb.Draw(v.canvasImg, 0, m.Screen() == flow.ScreenPledge)
		v.gradient(dst, rectOf(0, 0, c.W, c.H), color.RGBA{0x06, 0x16, 0x2A, 0x60}, color.RGBA{0x06, 0x16, 0x2A, 0xA8})
		switch m.Screen() {
		case flow.ScreenLanguage:
			drawLanguage(dst, v, m)
		case flow.ScreenBand:
			drawBand(dst, v, m)
		case flow.ScreenPreQuiz, flow.ScreenQuiz:
			drawQuestion(dst, v, m)
		case flow.ScreenHowTo:
			drawHowTo(dst, v, m)
		case flow.ScreenResults:
			drawResults(dst, v, m)
		case flow.ScreenPledge:
			drawPledge(dst, v, m)
		}
	}
	fx.draw(dst, v, now)
	if still, left := m.StillThere(); still {
		drawStillThere(dst, v, m, left)
	}
	// Letterbox: cover anything drawn outside the canvas.
	drawBars(dst, v, c)
	v.sc.warm()
}

func drawBars(dst *ebiten.Image, v *view, c flow.Canvas) {
	w, h := float64(dst.Bounds().Dx()), float64(dst.Bounds().Dy())
	if v.OX > 0.5 {
		v.gradient(dst, flow.Rect{X: -v.OX / v.S, Y: 0, W: v.OX / v.S, H: c.H}, color.RGBA{0, 0, 0, 255}, color.RGBA{0, 0, 0, 255})
		v.gradient(dst, flow.Rect{X: c.W, Y: 0, W: (w - v.OX - c.W*v.S) / v.S, H: c.H}, color.RGBA{0, 0, 0, 255}, color.RGBA{0, 0, 0, 255})
	}
	if v.OY > 0.5 {
		v.gradient(dst, flow.Rect{X: 0, Y: -v.OY / v.S, W: c.W, H: v.OY / v.S}, color.RGBA{0, 0, 0, 255}, color.RGBA{0, 0, 0, 255})
		v.gradient(dst, flow.Rect{X: 0, Y: c.H, W: c.W, H: (h - v.OY - c.H*v.S) / v.S}, color.RGBA{0, 0, 0, 255}, color.RGBA{0, 0, 0, 255})
	}
}

// header draws a bilingual screen title at y.
func header(dst *ebiten.Image, v *view, c flow.Canvas, zh, en string, y float64) {
	v.outlined(dst, zh, c.W/2, y, 80, true, art.White, navy, 5, center, start)
	v.text(dst, en, c.W/2, y+108, 42, false, color.RGBA{0xE8, 0xF1, 0xF6, 0xFF}, center, start)
}

// bilingual draws a zh/en pair centred on a button or card at (x, y).
func bilingual(dst *ebiten.Image, v *view, t levels.Text, x, y, size float64, col color.RGBA) {
	v.text(dst, t.Zh, x, y, size, true, col, center, center)
	if t.En != "" && t.En != t.Zh {
		v.text(dst, t.En, x, y+size*0.95, size*0.5, false, art.Alpha(col, 0.85), center, center)
	}
}

// button draws a flow button as a card with a bilingual label.
func button(dst *ebiten.Image, v *view, b flow.Button, fill color.RGBA, size float64) {
	v.panel(dst, b.Rect, 28, fill, cardLine)
	x, y := b.Rect.Center()
	col := ink
	if luminance(fill) < 0.5 {
		col = art.White
	}
	if b.Label.En != "" && b.Label.En != b.Label.Zh {
		bilingual(dst, v, b.Label, x, y-size*0.25, size, col)
	} else {
		v.text(dst, b.Label.Zh, x, y, size, true, col, center, center)
	}
}

func luminance(c color.RGBA) float64 {
	return (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) / 255
}

// title returns the pack's title texts, with the exhibit's defaults.
func title(p *levels.Pack) (levels.Text, levels.Text) {
	t := levels.Text{Zh: "抓捕糯康", En: "Catch Naw Kham"}
	s := levels.Text{Zh: "湄公河缉毒行动", En: "Mekong River Anti-Drug Patrol"}
	if p != nil && p.Story.Title.Zh != "" {
		t = p.Story.Title
	}
	if p != nil && p.Story.Subtitle.Zh != "" {
		s = p.Story.Subtitle
	}
	return t, s
}

func drawAttract(dst *ebiten.Image, v *view, m *flow.Machine) {
	c := m.Canvas()
	t := secs(m)
	v.gradient(dst, rectOf(0, 0, c.W, c.H), color.RGBA{0x04, 0x12, 0x22, 0xA0}, color.RGBA{0x04, 0x12, 0x22, 0xB8})
	// The whole block drifts slowly so no pixel holds one colour for hours.
	dx := 36 * math.Sin(t/23)
	dy := 18 * math.Sin(t/17)
	ty := c.H * 0.26
	if c.Portrait() {
		ty = c.H * 0.25
	}
	tt, st := title(m.Pack())
	x := c.W/2 + dx
	// Badge behind the title.
	bw := math.Min(c.W-2*flow.Margin, 1180)
	v.panel(dst, rectOf(x-bw/2, ty+dy-40, bw, 400), 48, color.RGBA{0x10, 0x2A, 0x4A, 0xD8}, art.Gold)
	v.outlined(dst, tt.Zh, x, ty+dy+14, 150, true, art.Gold, ink, 7, center, start)
	v.text(dst, st.Zh, x, ty+dy+210, 62, true, art.White, center, start)
	en := tt.En + " · " + st.En
	v.text(dst, en, x, ty+dy+298, fitSize(en, 34, bw-60), false, color.RGBA{0xD6, 0xE4, 0xEE, 0xFF}, center, start)
	// Pulsing call to action.
	p := 0.5 + 0.5*math.Sin(t*2.4)
	py := c.H * 0.72
	if c.Portrait() {
		py = c.H * 0.66
	}
	pw, ph := 780.0+20*p, 170.0+6*p
	if c.Portrait() {
		pw = math.Min(pw, c.W-2*flow.Margin)
	}
	r := rectOf(c.W/2-pw/2-dx*0.5, py-ph/2+dy*0.5, pw, ph)
	v.rrect(dst, rectOf(r.X-14*p, r.Y-14*p, r.W+28*p, r.H+28*p), ph/2+14*p, art.Alpha(art.Gold, 0.25*(1-p)+0.1))
	v.panel(dst, r, ph/2, art.Gold, ink)
	cx, cy := r.Center()
	v.text(dst, "触摸屏幕开始", cx+36, cy-22, 66, true, ink, center, center)
	v.text(dst, "Touch to start", cx+36, cy+46, 36, false, ink, center, center)
	drawHand(dst, v, r.X+96, cy+4+8*p, 0.9)
	if v.logo != nil {
		// The hall's logo, top right (the top-left corner is the staff
		// gesture's), at most 320×160 canvas units.
		b := v.logo.Bounds()
		k := math.Min(320/float64(b.Dx()), 160/float64(b.Dy()))
		var op ebiten.DrawImageOptions
		op.GeoM.Scale(k*v.S, k*v.S)
		lx, ly := v.px(c.W-flow.Margin-float64(b.Dx())*k, flow.Margin)
		op.GeoM.Translate(float64(lx), float64(ly))
		op.Filter = ebiten.FilterLinear
		dst.DrawImage(v.logo, &op)
	}
}

// drawHand draws a pointing finger icon (outline first, then the fill).
func drawHand(dst *ebiten.Image, v *view, x, y, k float64) {
	v.rrect(dst, rectOf(x-18*k, y-64*k, 36*k, 78*k), 18*k, ink)
	v.rrect(dst, rectOf(x-34*k, y-8*k, 72*k, 64*k), 26*k, ink)
	v.rrect(dst, rectOf(x-14*k, y-60*k, 28*k, 70*k), 14*k, art.White)
	v.rrect(dst, rectOf(x-30*k, y-4*k, 64*k, 56*k), 22*k, art.White)
}

func drawClosed(dst *ebiten.Image, v *view, m *flow.Machine) {
	c := m.Canvas()
	t := secs(m)
	v.gradient(dst, rectOf(0, 0, c.W, c.H), color.RGBA{0x08, 0x1A, 0x30, 0xFF}, color.RGBA{0x0E, 0x4D, 0x5C, 0xFF})
	for i := 0; i < 40; i++ {
		x := math.Mod(float64(i*733), c.W)
		y := math.Mod(float64(i*389), c.H*0.55)
		a := 0.4 + 0.3*math.Sin(t*0.5+float64(i))
		v.circle(dst, x, y, 3, art.Alpha(art.White, a))
	}
	mx, my := c.W*0.72+20*math.Sin(t/40), c.H*0.2
	v.circle(dst, mx, my, 80, color.RGBA{0xFF, 0xF3, 0xC4, 0xFF})
	v.circle(dst, mx+34, my-20, 72, color.RGBA{0x08, 0x1A, 0x30, 0xFF})
	y := c.H*0.42 + 12*math.Sin(t/19)
	v.text(dst, "展馆休息中", c.W/2, y, 110, true, art.White, center, center)
	v.text(dst, "We are closed now", c.W/2, y+110, 50, false, color.RGBA{0xD6, 0xE4, 0xEE, 0xFF}, center, center)
	msg := "欢迎在开放时间再来 · Please come back during opening hours"
	v.text(dst, msg, c.W/2, y+220, fitSize(msg, 34, c.W-2*flow.Margin), false, color.RGBA{0xB0, 0xC4, 0xD2, 0xFF}, center, center)
}

func drawLanguage(dst *ebiten.Image, v *view, m *flow.Machine) {
	c := m.Canvas()
	y := 150.0
	if c.Portrait() {
		y = 420
	}
	header(dst, v, c, "请选择语言", "Choose your language", y)
	for _, b := range m.Buttons() {
		fill := cardFill
		if m.LangOf(b) == m.Lang() {
			fill = chosen
		}
		v.panel(dst, b.Rect, 36, fill, cardLine)
		x, yy := b.Rect.Center()
		name := b.Label.Zh
		sub := "Chinese"
		if m.LangOf(b) == "en" {
			name, sub = "English", "英文"
		}
		v.text(dst, name, x, yy-30, 104, true, ink, center, center)
		v.text(dst, sub, x, yy+70, 44, false, muted, center, center)
	}
}

var bandAges = map[levels.Band]levels.Text{
	levels.BandPrimary: {Zh: "10–12 岁", En: "age 10–12"},
	levels.BandJunior:  {Zh: "12–15 岁", En: "age 12–15"},
	levels.BandSenior:  {Zh: "15–18 岁", En: "age 15–18"},
	levels.BandAdult:   {Zh: "老师 · 家长", En: "teachers · parents"},
}

var bandColors = map[levels.Band]color.RGBA{
	levels.BandPrimary: {0xFF, 0xB3, 0x47, 0xFF},
	levels.BandJunior:  {0x4C, 0xB0, 0x8C, 0xFF},
	levels.BandSenior:  {0x4A, 0x8F, 0xE0, 0xFF},
	levels.BandAdult:   {0xA3, 0x7B, 0xE0, 0xFF},
}

func drawBand(dst *ebiten.Image, v *view, m *flow.Machine) {
	c := m.Canvas()
	y := 90.0
	if c.Portrait() {
		y = 260
	}
	en := m.Lang() == "en"
	zh, e := "你是哪个年级的同学?", "Who is playing?"
	if en {
		zh, e = "Who is playing?", "你是哪个年级的同学?"
	}
	header(dst, v, c, zh, e, y)
	for _, b := range m.Buttons() {
		if b.Kind == flow.BtnBack {
			button(dst, v, b, color.RGBA{0xE6, 0xEE, 0xF5, 0xFF}, 44)
			continue
		}
		band := m.BandOf(b)
		r := b.Rect
		v.panel(dst, r, 36, cardFill, cardLine)
		v.rrect(dst, rectOf(r.X+10, r.Y+10, r.W-20, r.H*0.48), 28, art.Alpha(bandColors[band], 0.9))
		cx := r.X + r.W/2
		drawBandIcon(dst, v, band, cx, r.Y+r.H*0.26, r.H*0.3)
		name := flow.BandNames[band]
		age := bandAges[band]
		if en {
			name = levels.Text{Zh: name.En, En: name.Zh}
			age = levels.Text{Zh: age.En, En: age.Zh}
		}
		v.text(dst, name.Zh, cx, r.Y+r.H*0.64, 60, true, ink, center, center)
		v.text(dst, name.En, cx, r.Y+r.H*0.76, 34, false, muted, center, center)
		v.text(dst, age.Zh, cx, r.Y+r.H*0.88, 32, false, muted, center, center)
	}
}

// drawBandIcon draws a friendly icon per band: backpack, book, mortarboard, family.
func drawBandIcon(dst *ebiten.Image, v *view, b levels.Band, x, y, s float64) {
	w := art.White
	switch b {
	case levels.BandPrimary: // backpack
		v.rrect(dst, rectOf(x-s*0.42, y-s*0.4, s*0.84, s*0.9), s*0.2, w)
		v.rrect(dst, rectOf(x-s*0.42, y-s*0.4, s*0.84, s*0.36), s*0.18, color.RGBA{0xFF, 0xE2, 0xB0, 0xFF})
		v.rrect(dst, rectOf(x-s*0.22, y+s*0.12, s*0.44, s*0.24), s*0.08, color.RGBA{0xFF, 0xE2, 0xB0, 0xFF})
		v.ring(dst, x, y-s*0.42, s*0.16, s*0.06, w, 0.5)
	case levels.BandJunior: // open book
		v.poly(dst, w, x-s*0.5, y-s*0.3, x-s*0.03, y-s*0.22, x-s*0.03, y+s*0.4, x-s*0.5, y+s*0.32)
		v.poly(dst, w, x+s*0.5, y-s*0.3, x+s*0.03, y-s*0.22, x+s*0.03, y+s*0.4, x+s*0.5, y+s*0.32)
		for i := 0; i < 3; i++ {
			yy := y - s*0.1 + float64(i)*s*0.14
			v.line(dst, x-s*0.4, yy, x-s*0.12, yy+s*0.03, s*0.03, color.RGBA{0x9C, 0xC9, 0xB6, 0xFF})
			v.line(dst, x+s*0.4, yy, x+s*0.12, yy+s*0.03, s*0.03, color.RGBA{0x9C, 0xC9, 0xB6, 0xFF})
		}
	case levels.BandSenior: // mortarboard
		v.poly(dst, w, x, y-s*0.42, x+s*0.58, y-s*0.16, x, y+s*0.1, x-s*0.58, y-s*0.16)
		v.rrect(dst, rectOf(x-s*0.3, y-s*0.06, s*0.6, s*0.36), s*0.12, w)
		v.line(dst, x+s*0.42, y-s*0.12, x+s*0.42, y+s*0.3, s*0.05, color.RGBA{0xFF, 0xD5, 0x4F, 0xFF})
	default: // two people
		v.circle(dst, x-s*0.22, y-s*0.22, s*0.17, w)
		v.rrect(dst, rectOf(x-s*0.48, y, s*0.52, s*0.42), s*0.2, w)
		v.circle(dst, x+s*0.24, y-s*0.12, s*0.14, color.RGBA{0xEE, 0xE4, 0xFF, 0xFF})
		v.rrect(dst, rectOf(x+s*0.02, y+s*0.06, s*0.44, s*0.36), s*0.18, color.RGBA{0xEE, 0xE4, 0xFF, 0xFF})
	}
}

func drawStillThere(dst *ebiten.Image, v *view, m *flow.Machine, left int) {
	c := m.Canvas()
	v.gradient(dst, rectOf(0, 0, c.W, c.H), dim, dim)
	w, h := math.Min(980, c.W-2*flow.Margin), 600.0
	r := rectOf(c.W/2-w/2, c.H/2-h/2, w, h)
	v.panel(dst, r, 40, cardFill, cardLine)
	v.text(dst, "还在吗?", c.W/2, r.Y+120, 100, true, ink, center, center)
	v.text(dst, "Still there?", c.W/2, r.Y+215, 50, false, muted, center, center)
	sec := (left + game.TPS - 1) / game.TPS
	v.circle(dst, c.W/2, r.Y+365, 86, color.RGBA{0xFF, 0xE3, 0x8A, 0xFF})
	v.ring(dst, c.W/2, r.Y+365, 86, 14, badRed, float64(left%game.TPS)/game.TPS)
	v.text(dst, fmt.Sprint(sec), c.W/2, r.Y+365, 90, true, ink, center, center)
	v.text(dst, "触摸屏幕继续 · Touch to continue", c.W/2, r.Y+520, 38, false, ink, center, center)
}
