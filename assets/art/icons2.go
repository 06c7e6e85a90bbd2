package art

import (
	"image/color"
	"math"
)

func drawBlotter(p *pen, s iconSpec) {
	// a sheet of tiny perforated squares, each printed with a cartoon motif
	p.begin().rrect(-50, -40, 100, 80, 3).part(s.c0)
	const cols, rows = 4, 3
	cw, ch := 100.0/cols, 80.0/rows
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			x := -50 + cw*float64(c) + cw/2
			y := -40 + ch*float64(r) + ch/2
			m := s.c1
			if (r+c)%2 == 1 {
				m = mix(s.c1, color.RGBA{0xFF, 0x8A, 0x3D, 0xFF}, 0.6)
			}
			switch (r*cols + c) % 3 {
			case 0: // smiley
				p.begin().circle(x, y, 8).paint(m)
				p.begin().circle(x-3, y-2, 1.5).paint(s.c0)
				p.begin().circle(x+3, y-2, 1.5).paint(s.c0)
				p.begin().moveTo(x-4, y+2).quadTo(x, y+6, x+4, y+2).line(s.c0, 1.6)
			case 1: // star
				p.begin().star(x, y, 9, 4, 5, 0).paint(m)
			default: // spiral sun
				p.begin().star(x, y, 9, 6, 8, 0.2).paint(m)
				p.begin().circle(x, y, 4).paint(s.c0)
			}
		}
	}
	// perforations between squares
	perf := Alpha(shade(s.c0, 0.45), 0.9)
	for c := 1; c < cols; c++ {
		x := -50 + cw*float64(c)
		for y := -36.0; y < 40; y += 6 {
			p.begin().circle(x, y, 1.2).paint(perf)
		}
	}
	for r := 1; r < rows; r++ {
		y := -40 + ch*float64(r)
		for x := -46.0; x < 50; x += 6 {
			p.begin().circle(x, y, 1.2).paint(perf)
		}
	}
}

func drawBottle(p *pen, s iconSpec) {
	glass := color.RGBA{0xDD, 0xEE, 0xF2, 0xFF}
	p.begin().rrect(-13, -52, 26, 16, 4).part(shade(s.c1, 0.2)) // cap
	p.begin().rrect(-9, -38, 18, 16, 3).part(glass)             // neck
	p.begin().rrect(-24, -24, 48, 76, 14).part(glass)
	p.begin().rrect(-20, -8, 40, 56, 11).paint(s.c0) // liquid
	p.begin().ellipse(0, -8, 20, 3).paint(tint(s.c0, 0.3))
	p.begin().rrect(-24, 4, 48, 28, 2).paint(s.c1) // label
	if s.label != "" {
		p.text(s.label, 0, 18, 14, true, inkOn(s.c1))
	} else {
		p.begin().star(0, 18, 9, 4, 5, 0).paint(s.c0)
	}
	p.begin().rrect(-18, -18, 6, 60, 3).paint(Alpha(White, 0.55))
	for i := 0; i < 4; i++ {
		p.begin().moveTo(-10+float64(i)*6, -51).lineTo(-10+float64(i)*6, -38).line(shade(s.c1, 0.4), 1.5)
	}
}

func drawTwigs(p *pen, s iconSpec) {
	type twig struct{ x1, y1, x2, y2, r float64 }
	twigs := []twig{{-50, 22, 40, -18, 6}, {-44, -20, 48, 6, 5.5}, {-30, 40, 50, 30, 6}, {-52, 0, 10, 44, 5}}
	for _, t := range twigs {
		p.begin().capsule(t.x1, t.y1, t.x2, t.y2, t.r).part(s.c0)
		// a side nub
		mx, my := (t.x1*0.6 + t.x2*0.4), (t.y1*0.6 + t.y2*0.4)
		p.begin().capsule(mx, my, mx+8, my-10, 2.5).part(s.c0)
	}
	for _, t := range twigs {
		dx, dy := t.x2-t.x1, t.y2-t.y1
		l := math.Hypot(dx, dy)
		nx, ny := -dy/l, dx/l
		p.begin().moveTo(t.x1+nx*2, t.y1+ny*2).lineTo(t.x2+nx*2, t.y2+ny*2).line(tint(s.c0, 0.25), 1.6)
		for k := 0.25; k < 1; k += 0.3 {
			x, y := t.x1+dx*k, t.y1+dy*k
			p.begin().moveTo(x-nx*t.r*0.8, y-ny*t.r*0.8).lineTo(x+nx*t.r*0.3, y+ny*t.r*0.3).line(s.c1, 1.8)
		}
	}
}

func drawCartridge(p *pen, s iconSpec) {
	p.begin().rrect(-12, -54, 24, 24, 8).part(shade(s.c0, 0.3)) // mouthpiece
	p.begin().rrect(-20, -34, 40, 86, 12).part(s.c0)
	p.begin().rrect(-12, -24, 24, 36, 6).paint(shade(s.c0, 0.35)) // window
	p.begin().rrect(-12, -10, 24, 22, 6).paint(s.c1)              // liquid
	p.begin().rrect(-10, -22, 4, 30, 2).paint(Alpha(White, 0.5))
	p.begin().circle(0, 34, 4).paint(color.RGBA{0x6F, 0xE3, 0xFF, 0xFF})
	p.begin().rrect(-16, -30, 5, 76, 2.5).paint(Alpha(White, 0.2))
	if s.label != "" {
		p.text(s.label, 0, 22, 10, true, inkOn(s.c0))
	}
}

func drawCapsule(p *pen, s iconSpec) {
	caps := func(cx, cy, ang, r, l float64) {
		p.rotate(ang, cx, cy)
		p.begin().capsule(cx, cy-l, cx, cy+l, r).part(s.c1)
		p.begin().moveTo(cx-r, cy).lineTo(cx-r, cy-l).cubicTo(cx-r, cy-l-r*1.33, cx+r, cy-l-r*1.33, cx+r, cy-l).lineTo(cx+r, cy).close().paint(s.c0)
		p.begin().moveTo(cx-r, cy).lineTo(cx+r, cy).line(shade(s.c0, 0.35), 2)
		p.begin().capsule(cx-r*0.45, cy-l, cx-r*0.45, cy+l*0.8, r*0.18).paint(Alpha(White, 0.6))
		p.rotate(0, 0, 0)
	}
	caps(-16, 0, -0.5, 17, 26)
	caps(26, 8, 0.35, 15, 22)
	if s.label != "" {
		p.text(s.label, 0, 44, 12, true, Ink)
	}
}

func drawCanister(p *pen, s iconSpec) {
	// party balloon tied to the nozzle, then the cream-charger canister
	bal := color.RGBA{0xFF, 0x6F, 0x91, 0xFF}
	p.begin().moveTo(0, -46).quadTo(18, -40, 30, -30).line(Ink, 1.5)
	p.begin().ellipse(40, -42, 16, 19).part(bal)
	p.begin().poly(34, -24, 40, -22, 36, -20).part(bal)
	p.begin().ellipse(34, -48, 5, 7).paint(Alpha(White, 0.6))
	p.begin().rrect(-6, -54, 12, 12, 3).part(shade(s.c1, 0.2)) // nozzle
	p.begin().moveTo(-22, 44).lineTo(-22, -18).cubicTo(-22, -40, 22, -40, 22, -18).lineTo(22, 44).quadTo(22, 52, 14, 52).lineTo(-14, 52).quadTo(-22, 52, -22, 44).close().part(s.c0)
	p.begin().rrect(8, -26, 10, 74, 5).paint(s.c1)
	p.begin().rrect(-16, -26, 7, 72, 3.5).paint(Alpha(White, 0.7))
	p.begin().moveTo(-22, 30).lineTo(22, 30).line(shade(s.c0, 0.3), 2)
	if s.label != "" {
		p.text(s.label, 0, 8, 11, true, Ink)
	}
}

func drawCandy(p *pen, s iconSpec) {
	// a twist-wrapped sweet with two fanned ends
	p.begin().poly(-26, 0, -54, -22, -48, 0, -54, 22).part(s.c0)
	p.begin().poly(26, 0, 54, -22, 48, 0, 54, 22).part(s.c0)
	p.begin().ellipse(0, 0, 32, 24).part(s.c0)
	for _, x := range []float64{-14, 0, 14} {
		p.begin().poly(x-6, -22, x+2, -22, x+8, 22, x, 22).paint(s.c1)
	}
	p.begin().ellipse(0, 0, 32, 24).line(shade(s.c0, 0.2), 1)
	p.begin().moveTo(-48, -12).lineTo(-30, -2).line(shade(s.c0, 0.3), 1.5)
	p.begin().moveTo(48, 12).lineTo(30, 2).line(shade(s.c0, 0.3), 1.5)
	p.begin().ellipse(-10, -12, 12, 5).paint(Alpha(White, 0.6))
	if s.label != "" {
		p.text(s.label, 0, 36, 12, true, Ink)
	}
}

func drawCup(p *pen, s iconSpec) {
	p.begin().rrect(6, -62, 7, 36, 3).part(color.RGBA{0xF2, 0x6B, 0x5B, 0xFF}) // straw
	p.begin().poly(-30, -30, 30, -30, 24, 50, -24, 50).part(Alpha(tint(s.c0, 0.6), 1))
	p.begin().poly(-28, -14, 28, -14, 24, 48, -24, 48).paint(s.c0) // tea
	for _, b := range [][2]float64{{-14, 40}, {-4, 42}, {8, 40}, {16, 42}, {-10, 32}, {2, 33}, {13, 32}} {
		p.begin().circle(b[0], b[1], 4).paint(color.RGBA{0x3A, 0x24, 0x18, 0xFF})
	}
	p.begin().ellipse(0, -30, 34, 8).part(s.c1)                                  // lid
	p.begin().ellipse(0, -32, 28, 5).paint(tint(s.c1, 0.5))                      // sealed film
	p.begin().rrect(-26, 0, 52, 18, 2).paint(color.RGBA{0x2E, 0x8B, 0x57, 0xFF}) // sleeve
	p.text(orDefault(s.label, "奶茶店"), 0, 9, 11, true, White)                     // shop brand
	p.begin().poly(-24, -26, -18, -26, -14, 44, -20, 44).paint(Alpha(White, 0.35))
}

func drawEnvelope(p *pen, s iconSpec) {
	p.begin().rrect(-52, -34, 104, 70, 4).part(s.c0)
	p.begin().moveTo(-52, -34).lineTo(0, 4).lineTo(52, -34).line(shade(s.c0, 0.25), 2)
	// airmail border stripes
	for i := 0; i < 10; i++ {
		x := -48 + float64(i)*10
		c := s.c1
		if i%2 == 1 {
			c = Police
		}
		p.begin().poly(x, 30, x+5, 30, x+9, 34, x+4, 34).paint(c)
	}
	// stamp with postmark
	p.begin().rrect(24, -28, 22, 26, 1).paint(White)
	p.begin().rrect(27, -25, 16, 20, 1).paint(s.c1)
	p.begin().poly(29, -8, 35, -20, 41, -8).paint(White)
	p.begin().circle(24, -12, 11).line(Alpha(Ink, 0.6), 1.5)
	for i := 0; i < 3; i++ {
		y := -16 + float64(i)*4
		p.begin().moveTo(2, y).quadTo(8, y-3, 14, y).line(Alpha(Ink, 0.5), 1.2)
	}
	for i := 0; i < 3; i++ {
		p.begin().moveTo(-34, 8+float64(i)*7).lineTo(6-float64(i)*6, 8+float64(i)*7).line(Alpha(Ink, 0.55), 2)
	}
	if s.label != "" {
		p.text(s.label, -30, -20, 12, true, Ink)
	}
}

func drawBox(p *pen, s iconSpec) {
	// a retail box in three-quarter view
	p.begin().poly(-44, -24, -28, -42, 50, -42, 34, -24).part(tint(s.c0, 0.3)) // top
	p.begin().poly(34, -24, 50, -42, 50, 30, 34, 48).part(shade(s.c0, 0.2))    // side
	p.begin().rrect(-44, -24, 78, 72, 0).part(s.c0)                            // front
	p.begin().rrect(-44, -6, 78, 24, 0).paint(s.c1)
	if s.label != "" {
		p.text(s.label, -5, 6, 15, true, inkOn(s.c1))
	} else {
		p.begin().rrect(-10, -2, 10, 16, 1).paint(White)
		p.begin().rrect(-13, 1, 16, 10, 1).paint(White)
	}
	for i := 0; i < 2; i++ {
		p.begin().moveTo(-38, 26+float64(i)*6).lineTo(0, 26+float64(i)*6).line(Alpha(Ink, 0.5), 1.8)
	}
	for i := 0; i < 6; i++ {
		p.begin().moveTo(8+float64(i)*3.5, 26).lineTo(8+float64(i)*3.5, 40).line(Ink, 1+float64(i%2))
	}
	p.begin().rrect(-40, -20, 4, 64, 2).paint(Alpha(White, 0.4))
}

func drawJar(p *pen, s iconSpec) {
	glass := color.RGBA{0xDC, 0xEE, 0xF4, 0xFF}
	p.begin().rrect(-36, -32, 72, 84, 16).part(glass)
	// contents: rock-sugar lumps in the jar
	for i, c := range [][3]float64{{-20, 36, 10}, {0, 38, 11}, {20, 36, 10}, {-12, 22, 9}, {10, 22, 10}, {-24, 18, 7}, {24, 20, 8}, {0, 8, 8}} {
		k := s.c0
		if i%2 == 1 {
			k = mix(s.c0, s.c1, 0.5)
		}
		p.begin().poly(c[0]-c[2], c[1]+c[2]*0.6, c[0]-c[2]*0.5, c[1]-c[2], c[0]+c[2]*0.8, c[1]-c[2]*0.6, c[0]+c[2], c[1]+c[2]*0.7).paint(k)
	}
	p.begin().rrect(-40, -48, 80, 20, 6).part(s.c1) // lid
	for i := 0; i < 7; i++ {
		p.begin().moveTo(-34+float64(i)*11, -46).lineTo(-34+float64(i)*11, -30).line(shade(s.c1, 0.25), 1.5)
	}
	p.begin().rrect(-30, -18, 60, 26, 3).paint(White) // label
	p.begin().rrect(-30, -18, 60, 26, 3).line(s.c1, 2)
	p.text(orDefault(s.label, "食品"), 0, -5, 15, true, Ink)
	p.begin().rrect(-30, -26, 6, 70, 3).paint(Alpha(White, 0.6))
}

func drawCan(p *pen, s iconSpec) {
	p.begin().rrect(-27, -46, 54, 96, 10).part(s.c0)
	p.begin().ellipse(0, -44, 24, 6).paint(color.RGBA{0xC8, 0xCE, 0xD4, 0xFF})
	p.begin().rrect(-6, -48, 12, 6, 3).paint(color.RGBA{0x9A, 0xA2, 0xAA, 0xFF}) // ring pull
	p.begin().moveTo(-27, 4).cubicTo(-10, -14, 10, 20, 27, -2).lineTo(27, 10).cubicTo(10, 32, -10, -2, -27, 16).close().paint(s.c1)
	p.text(orDefault(s.label, "可乐"), 0, -18, 15, true, inkOn(s.c0))
	p.begin().rrect(-20, -36, 7, 80, 3.5).paint(Alpha(White, 0.45))
	p.begin().rrect(14, -36, 5, 80, 2.5).paint(Alpha(Ink, 0.15))
	p.begin().ellipse(0, 46, 24, 4).paint(shade(s.c0, 0.3))
}

func drawPostage(p *pen, s iconSpec) {
	// two genuine postage stamps: scalloped edges, a picture, a face value
	stamp := func(x, y, w, h float64, pic color.RGBA, val string, ang float64) {
		p.rotate(ang, x+w/2, y+h/2)
		p.begin()
		const r = 3.0
		// scalloped outline: bites along each edge
		p.moveTo(x, y)
		for cx := x + 2*r; cx <= x+w-r; cx += 2 * r {
			p.lineTo(cx-r, y).quadTo(cx, y+r*1.2, cx+r, y)
		}
		p.lineTo(x+w, y)
		for cy := y + 2*r; cy <= y+h-r; cy += 2 * r {
			p.lineTo(x+w, cy-r).quadTo(x+w-r*1.2, cy, x+w, cy+r)
		}
		p.lineTo(x+w, y+h)
		for cx := x + w - 2*r; cx >= x+r; cx -= 2 * r {
			p.lineTo(cx+r, y+h).quadTo(cx, y+h-r*1.2, cx-r, y+h)
		}
		p.lineTo(x, y+h)
		for cy := y + h - 2*r; cy >= y+r; cy -= 2 * r {
			p.lineTo(x, cy+r).quadTo(x+r*1.2, cy, x, cy-r)
		}
		p.close().part(White)
		// picture: sky, sun, mountains
		p.begin().rrect(x+7, y+7, w-14, h-24, 1).paint(tint(pic, 0.55))
		p.begin().circle(x+w-18, y+18, 6).paint(s.c1)
		p.begin().poly(x+7, y+h-17, x+w*0.35, y+h*0.35, x+w*0.6, y+h-17).paint(pic)
		p.begin().poly(x+w*0.4, y+h-17, x+w*0.7, y+h*0.45, x+w-7, y+h-17).paint(shade(pic, 0.25))
		p.text(val, x+w-14, y+h-10, 9, true, Red)
		p.text("中国邮政", x+20, y+h-10, 7, false, Ink)
		p.rotate(0, 0, 0)
	}
	stamp(-52, -40, 56, 68, s.c0, "80分", -0.08)
	stamp(-2, -26, 56, 68, mix(s.c0, JungleLight, 0.6), "1.20元", 0.1)
	// a postmark across the second stamp: a genuine, used stamp
	p.begin().circle(30, 12, 16).line(Alpha(Ink, 0.5), 1.5)
	for i := 0; i < 3; i++ {
		y := 6 + float64(i)*6
		p.begin().moveTo(-6, y).quadTo(4, y-4, 14, y).line(Alpha(Ink, 0.45), 1.3)
	}
}

// drawLeaves draws a small bunch of fresh leaves: thin stems tied at the
// base, each with smooth oval leaves in pairs and one at the tip (khat, a
// herb bunch). It must not read as the jagged finger leaf of drawLeaf:
// leaves are whole, smooth-edged and spread along the stems.
func drawLeaves(p *pen, s iconSpec) {
	type stem struct{ tx, ty float64 }
	const bx, by = 0.0, 48.0
	stems := []stem{{-36, -30}, {4, -50}, {38, -26}}
	type leafAt struct{ x, y, ang, l, w float64 }
	var leaves []leafAt
	for i, st := range stems {
		dx, dy := st.tx-bx, st.ty-by
		a := math.Atan2(dx, -dy) // 0 points up, positive turns clockwise
		for k, t := range []float64{0.38, 0.6, 0.8} {
			side := 1.0
			if (k+i)%2 == 1 {
				side = -1
			}
			l := 30 - 3*float64(k)
			leaves = append(leaves, leafAt{bx + dx*t, by + dy*t, a + side*0.75, l, l * 0.36})
		}
		leaves = append(leaves, leafAt{st.tx, st.ty + 10, a, 28, 10})
	}
	leafPath := func(f leafAt) {
		p.rotate(f.ang, f.x, f.y)
		p.moveTo(f.x, f.y)
		p.cubicTo(f.x+f.w*1.25, f.y-f.l*0.2, f.x+f.w*0.9, f.y-f.l*0.85, f.x, f.y-f.l)
		p.cubicTo(f.x-f.w*0.9, f.y-f.l*0.85, f.x-f.w*1.25, f.y-f.l*0.2, f.x, f.y)
		p.close()
		p.rotate(0, 0, 0)
	}
	// thin reddish stems, tied together at the base
	for _, st := range stems {
		p.begin().capsule(bx, by, st.tx, st.ty+10, 2.6).part(s.c1)
	}
	for _, f := range leaves {
		p.begin()
		leafPath(f)
		p.part(s.c0)
	}
	// colour pass details: each leaf gets a soft shaded half, a dark edge so
	// overlapping leaves stay apart, a midrib and a glint
	for _, f := range leaves {
		p.begin().rotate(f.ang, f.x, f.y)
		p.moveTo(f.x, f.y).cubicTo(f.x+f.w*1.25, f.y-f.l*0.2, f.x+f.w*0.9, f.y-f.l*0.85, f.x, f.y-f.l).close()
		p.rotate(0, 0, 0)
		p.paint(shade(s.c0, 0.22))
		p.begin()
		leafPath(f)
		p.line(shade(s.c0, 0.5), 2)
		p.begin().rotate(f.ang, f.x, f.y).moveTo(f.x, f.y-2).quadTo(f.x+1.5, f.y-f.l*0.5, f.x, f.y-f.l*0.85).line(tint(s.c0, 0.45), 1.6)
		p.begin().ellipse(f.x-f.w*0.45, f.y-f.l*0.55, f.w*0.18, f.l*0.16).paint(Alpha(White, 0.35))
		p.rotate(0, 0, 0)
	}
	// a twine band round the stems, with an optional paper tag
	band := color.RGBA{0xE3, 0xC9, 0x8A, 0xFF}
	p.begin().rrect(-10, 34, 20, 9, 3).paint(band)
	p.begin().moveTo(-10, 38.5).lineTo(10, 38.5).line(shade(band, 0.3), 1.5)
	if s.label != "" {
		p.begin().moveTo(10, 38).quadTo(18, 40, 22, 46).line(shade(band, 0.3), 1.5)
		p.begin().rrect(18, 40, 26, 18, 4).part(White)
		p.text(s.label, 31, 49, 13, true, Ink)
	}
}
