package kiosk

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/kiosk/flow"
	"github.com/playhall/playhall/levels"
)

var gradeColors = map[string]color.RGBA{
	"S": {0xFF, 0xC8, 0x2E, 0xFF}, "A": {0x2E, 0xA0, 0x4F, 0xFF},
	"B": {0x3A, 0x7B, 0xD5, 0xFF}, "C": {0x8A, 0x6D, 0xC9, 0xFF},
}

func drawResults(dst *ebiten.Image, v *view, m *flow.Machine) {
	c := m.Canvas()
	t := m.Tally()
	lang := m.Lang()
	g := t.Grade()
	// Summary column (landscape) or band (portrait).
	var sr flow.Rect
	if c.Portrait() {
		sr = rectOf(flow.Margin+20, 60, c.W-2*flow.Margin-40, 640)
	} else {
		sr = rectOf(flow.Margin+20, 200, 520, 620)
	}
	v.panel(dst, sr, 36, cardFill, cardLine)
	v.text(dst, "行动结果", sr.X+sr.W/2, sr.Y+50, 52, true, ink, center, center)
	v.text(dst, "Mission results", sr.X+sr.W/2, sr.Y+100, 30, false, muted, center, center)
	// The stamp lands with a little bounce.
	age := float64(m.ScreenTicks()) / 60
	k := 1 + 0.6*math.Max(0, 1-age*3)
	sx, sy := sr.X+sr.W/2, sr.Y+225
	if c.Portrait() {
		sx = sr.X + 200
	}
	gc := gradeColors[g]
	v.circle(dst, sx, sy, 88*k, art.Alpha(gc, 0.18))
	v.ring(dst, sx, sy, 88*k, 10, gc, 1)
	v.ring(dst, sx, sy, 70*k, 4, gc, 1)
	v.text(dst, g, sx, sy, 112*k, true, gc, center, center)
	rows := []struct {
		zh, en, val string
	}{
		{"得分", "Score", fmt.Sprint(t.Score)},
		{"准确率", "Accuracy", fmt.Sprintf("%.0f%%", t.Accuracy()*100)},
		{"查获毒品", "Drugs seized", fmt.Sprint(t.Seized)},
		{"抓获毒贩", "Arrests", fmt.Sprint(t.Arrests)},
	}
	if t.BossCaught {
		rows = append(rows, struct{ zh, en, val string }{"糯康落网", "Naw Kham caught", "✓"})
	}
	rx, ry, rw := sr.X+40, sr.Y+350, sr.W-80
	if c.Portrait() {
		rx, ry, rw = sr.X+380, sr.Y+170, sr.W-420
	}
	for _, r := range rows {
		label := r.zh
		if lang == "en" {
			label = r.en
		}
		v.text(dst, label, rx, ry, fitSize(label, 34, rw-130), false, muted, start, center)
		v.text(dst, r.val, rx+rw, ry, 44, true, ink, end, center)
		ry += 52
	}
	drawLearningCard(dst, v, m)
	for _, b := range m.Buttons() {
		switch b.Kind {
		case flow.BtnPrev, flow.BtnNext:
			v.panel(dst, b.Rect, 30, art.White, cardLine)
			x, y := b.Rect.Center()
			d := 1.0
			if b.Kind == flow.BtnPrev {
				d = -1
			}
			v.poly(dst, art.Police, x+d*26, y, x-d*18, y-34, x-d*18, y+34)
		default:
			button(dst, v, b, art.Gold, 52)
		}
	}
}

func drawLearningCard(dst *ebiten.Image, v *view, m *flow.Machine) {
	c := m.Canvas()
	cards, i := m.Cards()
	r := flow.ResultsCardRect(c)
	lang := m.Lang()
	v.panel(dst, r, 36, cardFill, cardLine)
	if len(cards) == 0 {
		v.text(dst, "这次没有遇到毒品", r.X+r.W/2, r.Y+r.H/2-30, 52, true, ink, center, center)
		v.text(dst, "No drugs came your way this time", r.X+r.W/2, r.Y+r.H/2+40, 32, false, muted, center, center)
		return
	}
	cd := cards[i]
	pad := 40.0
	x, y, w := r.X+pad, r.Y+pad, r.W-2*pad
	// Badge: what happened, with an icon shape and words, never colour alone.
	badge, bcol := levels.Text{Zh: "查获 ✓", En: "Seized"}, goodGreen
	switch {
	case cd.Missed > 0:
		badge, bcol = levels.Text{Zh: "漏掉了 ×", En: "Missed"}, badRed
	case cd.Mistaken > 0:
		badge, bcol = levels.Text{Zh: "认错了 !", En: "Mistaken"}, color.RGBA{0xC2, 0x6A, 0x00, 0xFF}
	}
	bx, by := x+w-300, y
	if c.Portrait() {
		bx, by = x+w-300, y+150
	}
	v.rrect(dst, rectOf(bx, by, 300, 64), 32, bcol)
	v.text(dst, badge.Zh+"  "+badge.En, bx+150, by+32, 30, true, art.White, center, center)
	// Icon and names.
	drawItemIcon(dst, v, cd.Drug, cd.Lookalike, x+70, y+80, 140)
	var name levels.Text
	if cd.Lookalike != nil {
		name = cd.Lookalike.Name
	} else if cd.Drug != nil {
		name = cd.Drug.Name
	}
	v.text(dst, name.Zh, x+170, y+60, 62, true, ink, start, center)
	v.text(dst, name.En, x+170, y+122, 34, false, muted, start, center)
	y += 190
	if c.Portrait() {
		y += 50
	}
	bottom := r.Y + r.H - 60
	field := func(label levels.Text, body string) {
		size := 34.0
		lines := v.wrap(body, size, w)
		if body == "" || y+44+float64(len(lines))*size*1.35 > bottom {
			return
		}
		head := label.Zh + " " + label.En
		if lang == "en" {
			head = label.En
		}
		v.text(dst, head, x, y, 30, true, art.Police, start, start)
		y = v.paragraph(dst, body, x, y+44, size, w, false, ink, start) + 14
	}
	band := m.Band()
	if cd.Lookalike != nil {
		field(levels.Text{Zh: "其实是", En: "Actually"}, cd.Lookalike.SafeCue.Get(lang))
		if cd.Drug != nil {
			field(levels.Text{Zh: "容易被当成", En: "Looks like"}, cd.Drug.Name.Get(lang)+" — "+cd.Drug.Looks.Get(lang))
		}
	} else if cd.Drug != nil {
		field(levels.Text{Zh: "危害", En: "Harm"}, cd.Drug.HarmFor(band).Get(lang))
		field(levels.Text{Zh: "样子", En: "Looks"}, cd.Drug.Looks.Get(lang))
		field(levels.Text{Zh: "怎么拒绝", En: "Say no"}, cd.Drug.Refuse.Get(lang))
	}
	// Position dots.
	n := len(cards)
	dx := 30.0
	x0 := r.X + r.W/2 - float64(n-1)*dx/2
	for j := 0; j < n; j++ {
		col := color.RGBA{0xC0, 0xC8, 0xD0, 0xFF}
		rad := 9.0
		if j == i {
			col, rad = art.Police, 12
		}
		v.circle(dst, x0+float64(j)*dx, r.Y+r.H-30, rad, col)
	}
}

func drawPledge(dst *ebiten.Image, v *view, m *flow.Machine) {
	c := m.Canvas()
	t := float64(m.ScreenTicks()) / 60
	// Warm sunrise over the calm backdrop.
	v.gradient(dst, rectOf(0, 0, c.W, c.H*0.6), color.RGBA{0xF7, 0xC8, 0x73, 0x60}, color.RGBA{0, 0, 0, 0})
	cx := c.W / 2
	hy := c.H * 0.24
	if c.Portrait() {
		hy = c.H * 0.26
	}
	// Heart, gently beating; the hand comes to rest on it.
	beat := 1 + 0.06*math.Max(0, math.Sin(t*5))
	s := 150 * beat
	heart := color.RGBA{0xE8, 0x4A, 0x5F, 0xFF}
	v.circle(dst, cx-s*0.5, hy-s*0.2, s*0.58, heart)
	v.circle(dst, cx+s*0.5, hy-s*0.2, s*0.58, heart)
	v.poly(dst, heart, cx-s*1.05, hy-s*0.02, cx, hy+s*1.1, cx+s*1.05, hy-s*0.02, cx, hy-s*0.2)
	p := math.Min(1, t/1.2)
	p = 1 - (1-p)*(1-p)
	hx, hyy := cx+220-200*p, hy+200-170*p
	v.rrect(dst, rectOf(hx-80, hyy-60, 160, 150), 60, art.Skin)
	for f := 0; f < 4; f++ {
		v.rrect(dst, rectOf(hx-78+float64(f)*40, hyy-120+math.Abs(float64(f)-1.5)*12, 36, 110), 18, art.Skin)
	}
	ty := c.H * 0.5
	if c.Portrait() {
		ty = c.H * 0.47
	}
	pl := levels.Text{Zh: "珍爱生命,远离毒品", En: "Cherish life. Stay away from drugs."}
	if pk := m.Pack(); pk != nil && pk.Story.Pledge.Zh != "" {
		pl = pk.Story.Pledge
	}
	size := 110.0
	if c.Portrait() {
		size = 84
	}
	v.outlined(dst, pl.Zh, cx, ty, size, true, art.Gold, ink, 6, center, center)
	v.text(dst, pl.En, cx, ty+size*0.95, size*0.42, false, art.White, center, center)
	v.text(dst, "谢谢你完成了今天的缉毒行动!", cx, ty+size*1.7, 44, true, art.White, center, center)
	v.text(dst, "Thank you for joining today's patrol!", cx, ty+size*1.7+58, 32, false, color.RGBA{0xD6, 0xE4, 0xEE, 0xFF}, center, center)
	for _, b := range m.Buttons() {
		button(dst, v, b, art.Gold, 56)
	}
}
