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

var letters = []string{"A", "B", "C", "D", "E", "F"}

func drawQuestion(dst *ebiten.Image, v *view, m *flow.Machine) {
	c := m.Canvas()
	q, n, of, choice := m.Question()
	if q == nil {
		return
	}
	lang := m.Lang()
	tag := levels.Text{Zh: "开始前想一想", En: "Before you play"}
	if m.Screen() == flow.ScreenQuiz {
		tag = levels.Text{Zh: "知识问答", En: "Quiz"}
	}
	tagS := fmt.Sprintf("%s · %s  %d / %d", tag.Zh, tag.En, n+1, of)
	top := 60.0
	if c.Portrait() {
		top = 140
	}
	v.rrect(dst, rectOf(c.W/2-330, top, 660, 70), 35, art.Police)
	v.text(dst, tagS, c.W/2, top+35, 34, true, art.White, center, center)
	// Prompt card.
	pw := c.W - 2*flow.Margin - 120
	prompt := q.Prompt.Get(lang)
	size := 56.0
	if len(v.wrap(prompt, size, pw-80)) > 2 && !c.Portrait() {
		size = 46
	}
	ph := 80 + float64(len(v.wrap(prompt, size, pw-80)))*size*1.35
	if lang == "zh" && q.Prompt.En != "" {
		ph += float64(len(v.wrap(q.Prompt.En, 30, pw-80)))*30*1.35 + 6
	}
	pr := rectOf(flow.Margin+60, top+100, pw, max(ph, 160))
	if c.Portrait() {
		pr.H = max(pr.H, 440)
	}
	v.panel(dst, pr, 32, cardFill, cardLine)
	y := pr.Y + 40
	y = v.paragraph(dst, prompt, pr.X+40, y, size, pr.W-80, true, ink, start)
	if lang == "zh" && q.Prompt.En != "" && y+40 < pr.Y+pr.H {
		v.paragraph(dst, q.Prompt.En, pr.X+40, y+6, 30, pr.W-80, false, muted, start)
	}
	if m.Screen() == flow.ScreenQuiz && choice >= 0 {
		drawExplanations(dst, v, m, q, choice, pr.Y+pr.H+30)
		for _, b := range m.Buttons() {
			button(dst, v, b, art.Gold, 56)
		}
		return
	}
	for _, b := range m.Buttons() {
		if b.Kind != flow.BtnOption {
			continue
		}
		r := b.Rect
		v.panel(dst, r, 28, art.White, cardLine)
		v.circle(dst, r.X+70, r.Y+r.H/2, 44, art.Police)
		v.text(dst, letters[b.Index%len(letters)], r.X+70, r.Y+r.H/2, 48, true, art.White, center, center)
		t := b.Label.Get(lang)
		lines := v.wrap(t, 44, r.W-170)
		yy := r.Y + r.H/2 - float64(len(lines))*44*1.35/2
		v.paragraph(dst, t, r.X+140, yy, 44, r.W-170, true, ink, start)
	}
}

// drawExplanations lists every option with a ✓ or × badge (never colour
// alone) and why it is right or wrong.
func drawExplanations(dst *ebiten.Image, v *view, m *flow.Machine, q *levels.Question, choice int, y float64) {
	c := m.Canvas()
	lang := m.Lang()
	x := float64(flow.Margin + 60)
	w := c.W - 2*x
	bottom := c.H - flow.Margin - 190
	n := len(q.Options)
	h := math.Min(230, (bottom-y)/float64(n)-16)
	for i, o := range q.Options {
		r := rectOf(x, y, w, h)
		fill := art.White
		if i == choice {
			fill = chosen
		}
		v.panel(dst, r, 24, fill, cardLine)
		bx, by := r.X+56, r.Y+h/2
		if o.Correct {
			v.circle(dst, bx, by, 36, goodGreen)
			v.line(dst, bx-16, by+2, bx-4, by+14, 9, art.White)
			v.line(dst, bx-4, by+14, bx+18, by-12, 9, art.White)
		} else {
			v.circle(dst, bx, by, 36, badRed)
			v.line(dst, bx-13, by-13, bx+13, by+13, 9, art.White)
			v.line(dst, bx+13, by-13, bx-13, by+13, 9, art.White)
		}
		label := letters[i%len(letters)] + ". " + o.Text.Get(lang)
		if i == choice {
			if lang == "en" {
				label += "  (your answer)"
			} else {
				label += " (你的选择)"
			}
		}
		tw := r.W - 130
		yy := r.Y + 18
		size := 40.0
		if h < 190 {
			size = 36
		}
		yy = v.paragraph(dst, label, r.X+110, yy, size, tw, true, ink, start)
		v.paragraph(dst, o.Why.Get(lang), r.X+110, yy+2, 34, tw, false, muted, start)
		y += h + 16
	}
}

func drawHowTo(dst *ebiten.Image, v *view, m *flow.Machine) {
	c := m.Canvas()
	t := float64(m.ScreenTicks()) / game.TPS
	top := 60.0
	if c.Portrait() {
		top = 120
	}
	header(dst, v, c, "怎么玩", "How to play", top)
	panels := []struct {
		zh, en string
	}{
		{"点毒贩,抓捕他", "Tap traffickers to arrest them"},
		{"点毒品包裹,查获它", "Tap drug packages to seize them"},
		{"正常物品不要点", "Leave everyday things alone"},
	}
	var rs []flow.Rect
	if c.Portrait() {
		h := (c.H - 330 - 260 - 2*32) / 3
		for i := range 3 {
			rs = append(rs, rectOf(flow.Margin+40, 330+float64(i)*(h+32), c.W-2*flow.Margin-80, h))
		}
	} else {
		w := (c.W - 2*flow.Margin - 80 - 2*40) / 3
		for i := range 3 {
			rs = append(rs, rectOf(flow.Margin+40+float64(i)*(w+40), 250, w, 640))
		}
	}
	pack := m.Pack()
	for i, r := range rs {
		v.panel(dst, r, 32, cardFill, cardLine)
		stage := rectOf(r.X+24, r.Y+24, r.W-48, r.H*0.56)
		if c.Portrait() {
			stage = rectOf(r.X+110, r.Y+20, r.W*0.45, r.H-40)
		}
		v.gradient(dst, stage, art.WaterLight, art.WaterDeep)
		demoPanel(dst, v, i, stage, t, pack)
		v.circle(dst, r.X+50, r.Y+50, 36, art.Police)
		v.text(dst, fmt.Sprint(i+1), r.X+50, r.Y+50, 42, true, art.White, center, center)
		tx, ty, tw := r.X+r.W/2, r.Y+r.H*0.62, r.W-40
		if c.Portrait() {
			tx, ty, tw = stage.X+stage.W+(r.X+r.W-stage.X-stage.W)/2, r.Y+r.H*0.36, r.X+r.W-stage.X-stage.W-30
		}
		zh, en := panels[i].zh, panels[i].en
		if m.Lang() == "en" {
			zh, en = en, zh
		}
		y := v.paragraph(dst, zh, tx, ty, 42, tw, true, ink, center)
		v.paragraph(dst, en, tx, y+4, 32, tw, false, muted, center)
	}
	// Time bar.
	total := 10.0
	frac := math.Min(1, t/total)
	bar := rectOf(flow.Margin+40, c.H-flow.Margin-110, c.W-2*flow.Margin-80-360, 28)
	v.rrect(dst, bar, 14, color.RGBA{0xFF, 0xFF, 0xFF, 0x50})
	bar.W *= frac
	v.rrect(dst, bar, 14, art.Gold)
	for _, b := range m.Buttons() {
		button(dst, v, b, art.White, 52)
	}
}

// demoPanel animates one how-to mini demo inside stage.
func demoPanel(dst *ebiten.Image, v *view, i int, s flow.Rect, t float64, pack *levels.Pack) {
	cx, cy := s.X+s.W/2, s.Y+s.H/2
	k := math.Min(s.W, s.H) / 300
	cyc := math.Mod(t, 2.5) / 2.5 // 0..1 every 2.5 s
	tapAt := 0.55
	switch i {
	case 0: // trafficker in a boat; the finger taps; handcuffs
		v.rrect(dst, rectOf(cx-90*k, cy+40*k, 180*k, 44*k), 20*k, art.Wood)
		v.circle(dst, cx, cy-40*k, 30*k, art.Skin)
		v.rrect(dst, rectOf(cx-34*k, cy-12*k, 68*k, 60*k), 18*k, art.Olive)
		if cyc > tapAt {
			v.ring(dst, cx-14*k, cy+28*k, 14*k, 6*k, art.Gold, 1)
			v.ring(dst, cx+14*k, cy+28*k, 14*k, 6*k, art.Gold, 1)
			v.text(dst, "抓获!", cx, cy-100*k, 40*k, true, art.Gold, center, center)
		}
	case 1: // a package flies in; tapped; bagged
		var d *levels.Drug
		if pack != nil && len(pack.Drugs) > 0 {
			d = &pack.Drugs[0]
		}
		x := s.X + s.W*0.15 + (s.W*0.55)*math.Min(cyc/tapAt, 1)
		y := s.Y + s.H*0.7 - math.Sin(math.Min(cyc/tapAt, 1)*math.Pi)*s.H*0.4
		if cyc <= tapAt {
			drawItemIcon(dst, v, d, nil, x, y, 70*k)
		} else {
			v.rrect(dst, rectOf(cx-50*k, cy-30*k, 100*k, 110*k), 16*k, color.RGBA{0xD8, 0xE8, 0xF4, 0xFF})
			v.text(dst, "查获!", cx, cy-70*k, 40*k, true, art.Gold, center, center)
		}
	case 2: // a look-alike drifts past untouched
		var l *levels.Lookalike
		if pack != nil && len(pack.Lookalikes) > 0 {
			l = &pack.Lookalikes[0]
		}
		x := s.X + s.W*(0.1+0.8*cyc)
		drawItemIcon(dst, v, nil, l, x, cy+10*k, 70*k)
		v.circle(dst, cx, s.Y+40*k, 26*k, goodGreen)
		v.line(dst, cx-11*k, s.Y+41*k, cx-3*k, s.Y+50*k, 6*k, art.White)
		v.line(dst, cx-3*k, s.Y+50*k, cx+12*k, s.Y+31*k, 6*k, art.White)
	}
	if i < 2 {
		hp := math.Min(cyc/tapAt, 1)
		hx := cx + 40*k + (1-hp)*80*k
		hy := cy + 60*k + (1-hp)*60*k
		if i == 1 {
			hx, hy = s.X+s.W*0.7+30*k+(1-hp)*60*k, s.Y+s.H*0.7+40*k+(1-hp)*40*k
		}
		if cyc > tapAt && cyc < tapAt+0.2 {
			v.ring(dst, hx-10*k, hy-50*k, 30*k*(cyc-tapAt)*8, 5*k, art.White, 1)
		}
		drawHand(dst, v, hx, hy, k)
	}
}

// drawItemIcon draws a drug or look-alike with the art package's picture
// (through kiosk/scene), or, when the scene has none, as a tile coloured
// from its content icon with its name's first character.
func drawItemIcon(dst *ebiten.Image, v *view, d *levels.Drug, l *levels.Lookalike, x, y, size float64) {
	if v.sc != nil && v.sc.amb != nil && v.canvasImg != nil && (d != nil || l != nil) {
		v.sc.drawItem(v.canvasImg, d, l, x, y, size)
		return
	}
	var ic levels.Icon
	name := "?"
	switch {
	case d != nil:
		ic, name = d.Icon, d.Name.Zh
	case l != nil:
		ic, name = l.Icon, l.Name.Zh
	}
	c0 := color.RGBA{0xE0, 0xE0, 0xE0, 0xFF}
	if len(ic.Colors) > 0 {
		c0 = art.Hex(ic.Colors[0], c0)
	}
	r := rectOf(x-size/2, y-size/2, size, size)
	v.panel(dst, r, size*0.25, c0, cardLine)
	rs := []rune(name)
	if len(rs) > 0 {
		col := ink
		if luminance(c0) < 0.45 {
			col = art.White
		}
		v.text(dst, string(rs[0]), x, y, size*0.5, true, col, center, center)
	}
}
