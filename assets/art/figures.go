package art

import (
	"image/color"
	"math"
)

// Figures: traffickers, Naw Kham, boats and flags. Traffickers are cartoon
// smugglers in dark olive and grey: round faces, sheepish rather than
// menacing, no weapons.

var (
	jacket   = Olive
	trousers = color.RGBA{0x4F, 0x55, 0x5E, 0xFF}
	hat      = color.RGBA{0x7C, 0x83, 0x6B, 0xFF}
	boots    = color.RGBA{0x3A, 0x2E, 0x26, 0xFF}
	steel    = color.RGBA{0xC9, 0xD2, 0xDC, 0xFF}
	parcel   = color.RGBA{0xC9, 0xA2, 0x6B, 0xFF}
)

// head draws a round cartoon head at (x, y) with radius r; mood 0 neutral
// grumble, 1 sheepish (arrested: eyes down, sweat drop).
func head(p *pen, x, y, r float64, hatC color.RGBA, mood int, boss bool) {
	p.begin().ellipse(x-r*0.95, y+r*0.05, r*0.2, r*0.26).part(Skin) // ears
	p.begin().ellipse(x+r*0.95, y+r*0.05, r*0.2, r*0.26).part(Skin)
	p.begin().circle(x, y, r).part(Skin)
	p.begin().ellipse(x+r*0.35, y+r*0.3, r*0.55, r*0.5).paint(Alpha(shade(Skin, 0.2), 0.35)) // cheek shade
	p.begin().circle(x-r*0.5, y+r*0.35, r*0.16).paint(Alpha(Red, 0.25))
	p.begin().circle(x+r*0.5, y+r*0.35, r*0.16).paint(Alpha(Red, 0.25))
	if boss {
		// sunglasses and a moustache
		p.begin().rrect(x-r*0.7, y-r*0.22, r*0.6, r*0.34, r*0.12).paint(Ink)
		p.begin().rrect(x+r*0.1, y-r*0.22, r*0.6, r*0.34, r*0.12).paint(Ink)
		p.begin().moveTo(x-r*0.1, y-r*0.1).lineTo(x+r*0.1, y-r*0.1).line(Ink, r*0.08)
		p.begin().moveTo(x-r*0.45, y+r*0.42).quadTo(x, y+r*0.18, x+r*0.45, y+r*0.42).quadTo(x, y+r*0.3, x-r*0.45, y+r*0.42).close().paint(Ink)
	} else {
		ey := y - r*0.05
		if mood == 1 {
			ey = y + r*0.08
		}
		p.begin().ellipse(x-r*0.35, ey, r*0.1, r*0.14).paint(Ink)
		p.begin().ellipse(x+r*0.35, ey, r*0.1, r*0.14).paint(Ink)
		if mood == 0 {
			// a sly, sneaky look rather than a menacing one: one brow up,
			// a lopsided smirk
			p.begin().moveTo(x-r*0.55, y-r*0.3).quadTo(x-r*0.35, y-r*0.36, x-r*0.18, y-r*0.28).line(Ink, r*0.08)
			p.begin().moveTo(x+r*0.18, y-r*0.36).quadTo(x+r*0.38, y-r*0.46, x+r*0.56, y-r*0.36).line(Ink, r*0.08)
			p.begin().moveTo(x-r*0.22, y+r*0.46).quadTo(x+r*0.05, y+r*0.52, x+r*0.3, y+r*0.38).line(Ink, r*0.08)
		} else {
			p.begin().moveTo(x-r*0.22, y+r*0.55).quadTo(x, y+r*0.42, x+r*0.22, y+r*0.55).line(Ink, r*0.08)
			p.begin().moveTo(x+r*0.85, y-r*0.5).quadTo(x+r*1.05, y-r*0.2, x+r*0.85, y-r*0.1).quadTo(x+r*0.7, y-r*0.25, x+r*0.85, y-r*0.5).close().paint(color.RGBA{0x8F, 0xD3, 0xF5, 0xFF})
		}
		// stubble
		p.begin().moveTo(x-r*0.6, y+r*0.55).quadTo(x, y+r*1.1, x+r*0.6, y+r*0.55).quadTo(x, y+r*0.85, x-r*0.6, y+r*0.55).close().paint(Alpha(Ink, 0.15))
	}
	// hat
	if boss {
		p.begin().moveTo(x-r*1.0, y-r*0.35).quadTo(x-r*0.9, y-r*1.25, x, y-r*1.2).quadTo(x+r*0.9, y-r*1.25, x+r*1.0, y-r*0.35).close().part(hatC)
		p.begin().moveTo(x+r*0.6, y-r*0.45).quadTo(x+r*1.5, y-r*0.5, x+r*1.6, y-r*0.3).lineTo(x+r*0.7, y-r*0.3).close().part(shade(hatC, 0.2))
		p.begin().moveTo(x-r*0.95, y-r*0.5).lineTo(x+r*0.95, y-r*0.5).line(Red, r*0.14)
	} else {
		p.begin().moveTo(x-r*1.3, y-r*0.4).quadTo(x, y-r*0.7, x+r*1.3, y-r*0.4).quadTo(x, y-r*0.2, x-r*1.3, y-r*0.4).close().part(shade(hatC, 0.15))
		p.begin().moveTo(x-r*0.8, y-r*0.45).quadTo(x-r*0.75, y-r*1.15, x, y-r*1.15).quadTo(x+r*0.75, y-r*1.15, x+r*0.8, y-r*0.45).close().part(hatC)
		p.begin().moveTo(x-r*0.78, y-r*0.6).lineTo(x+r*0.78, y-r*0.6).line(shade(hatC, 0.35), r*0.12)
	}
}

// drawTrafficker draws a standing smuggler centred on (0, 0), 230 tall.
// throw raises the right arm with a parcel.
func drawTrafficker(p *pen, throw bool) {
	// legs
	p.begin().capsule(-14, 50, -16, 96, 12).part(trousers)
	p.begin().capsule(14, 50, 16, 96, 12).part(trousers)
	p.begin().ellipse(-20, 104, 18, 9).part(boots)
	p.begin().ellipse(20, 104, 18, 9).part(boots)
	// arms behind the body
	if throw {
		p.begin().capsule(30, -20, 52, -70, 11).part(jacket)
		p.begin().circle(54, -78, 11).part(Skin)
		p.begin().rrect(38, -112, 34, 26, 5).part(parcel)
		p.begin().moveTo(38, -99).lineTo(72, -99).line(shade(parcel, 0.3), 2.5)
	} else {
		p.begin().capsule(32, -18, 40, 30, 11).part(jacket)
		p.begin().circle(40, 38, 11).part(Skin)
	}
	p.begin().capsule(-32, -18, -40, 30, 11).part(jacket)
	p.begin().circle(-40, 38, 11).part(Skin)
	// body: a rounded jacket
	p.begin().moveTo(-36, 60).lineTo(-38, -14).quadTo(-36, -34, -14, -36).lineTo(14, -36).quadTo(36, -34, 38, -14).lineTo(36, 60).quadTo(0, 66, -36, 60).close().part(jacket)
	p.begin().moveTo(8, -34).lineTo(36, -12).lineTo(34, 60).quadTo(20, 63, 8, 63).close().paint(shade(jacket, 0.18))
	p.begin().moveTo(0, -34).lineTo(0, 62).line(shade(jacket, 0.4), 2.5)
	p.begin().rrect(-28, 14, 18, 14, 3).paint(shade(jacket, 0.3)) // pocket
	p.begin().rrect(10, 14, 18, 14, 3).paint(shade(jacket, 0.3))
	p.begin().moveTo(-12, -36).lineTo(0, -22).lineTo(12, -36).line(tint(jacket, 0.3), 3) // collar
	head(p, 0, -70, 34, hat, 0, false)
}

// drawArrested draws a smuggler sitting on the ground, hands cuffed in
// front, looking sheepish. Centred like drawTrafficker; sits lower.
func drawArrested(p *pen, boss bool) {
	top, hatC, coat := 0.0, hat, jacket
	if boss {
		hatC, coat = Ink, color.RGBA{0x8A, 0x2B, 0x2B, 0xFF}
	}
	// legs folded in front, knees apart
	p.begin().capsule(-16, 70, -30, 100, 13).part(trousers)
	p.begin().capsule(16, 70, 30, 100, 13).part(trousers)
	p.begin().ellipse(-34, 108, 18, 9).part(boots)
	p.begin().ellipse(34, 108, 18, 9).part(boots)
	// body, slumped
	p.begin().moveTo(-38, 80).lineTo(-40, top+2).quadTo(-36, top-16, -14, top-18).lineTo(14, top-18).quadTo(36, top-16, 38, top+2).lineTo(36, 80).quadTo(0, 88, -38, 80).close().part(coat)
	p.begin().moveTo(8, top-16).lineTo(36, top+2).lineTo(34, 80).quadTo(20, 84, 8, 84).close().paint(shade(coat, 0.18))
	// arms forward to the cuffed hands
	p.begin().capsule(-30, top, -6, 50, 11).part(coat)
	p.begin().capsule(30, top, 8, 50, 11).part(coat)
	p.begin().circle(-8, 56, 10).part(Skin)
	p.begin().circle(10, 56, 10).part(Skin)
	// handcuffs: two steel rings and a short chain
	p.begin().circle(-8, 52, 9).line(Ink, 7)
	p.begin().circle(10, 52, 9).line(Ink, 7)
	p.begin().circle(-8, 52, 9).line(steel, 4)
	p.begin().circle(10, 52, 9).line(steel, 4)
	p.begin().moveTo(0, 52).lineTo(2, 52).line(steel, 4)
	head(p, 0, top-52, 34, hatC, 1, boss)
}

// drawNet draws a rope net closing over a figure (the arrest effect).
func drawNet(p *pen) {
	rope := color.RGBA{0xE8, 0xD3, 0x9A, 0xFF}
	p.begin().moveTo(-70, 110).quadTo(-90, -40, 0, -120).quadTo(90, -40, 70, 110).line(rope, 6)
	for i := -3; i <= 3; i++ {
		x := float64(i) * 20
		p.begin().moveTo(x*0.3, -116).quadTo(x*1.3, 0, x, 110).line(Alpha(rope, 0.9), 3)
	}
	for j := 0; j < 5; j++ {
		y := -80 + float64(j)*42
		w := 40 + float64(j)*9
		p.begin().moveTo(-w, y).quadTo(0, y+12, w, y).line(Alpha(rope, 0.9), 3)
	}
	for j := 0; j < 5; j++ {
		y := -80 + float64(j)*42
		for i := -3; i <= 3; i++ {
			p.begin().circle(float64(i)*(12+float64(j)*3), y+5, 2.5).paint(shade(rope, 0.3))
		}
	}
}

// drawSmallBoat draws a wooden long-tail boat, 220 wide, waterline at y 0.
func drawSmallBoat(p *pen) {
	p.begin().moveTo(-110, -34).lineTo(110, -40).quadTo(96, 8, 70, 14).lineTo(-80, 14).quadTo(-104, 4, -110, -34).close().part(Wood)
	p.begin().moveTo(-104, -18).lineTo(104, -22).line(shade(Wood, 0.3), 4)
	p.begin().moveTo(-100, -4).quadTo(0, 4, 94, -8).line(tint(Wood, 0.25), 3)
	p.begin().moveTo(-96, 6).lineTo(80, 8).line(shade(Wood, 0.45), 5)
	p.begin().rrect(-126, -50, 20, 18, 4).part(Grey) // motor
	p.begin().moveTo(-116, -34).lineTo(-130, 12).line(Ink, 4)
}

// drawBush draws a jungle bush that hides a trafficker's legs, 240 wide.
func drawBush(p *pen, flip bool) {
	f := 1.0
	if flip {
		f = -1
	}
	blobs := [][3]float64{{-80, 10, 42}, {-30, -18, 52}, {30, -8, 50}, {80, 14, 40}, {0, 24, 46}}
	for _, b := range blobs {
		p.begin().circle(b[0]*f, b[1], b[2]).part(Jungle)
	}
	for _, b := range blobs {
		p.begin().circle(b[0]*f-b[2]*0.25*f, b[1]-b[2]*0.3, b[2]*0.55).paint(JungleLight)
	}
	p.begin().rrect(-120, 30, 240, 40, 0).part(JungleDark)
	// broad banana leaves
	for i, a := range []float64{-0.9, -0.3, 0.4} {
		x := (-40 + float64(i)*50) * f
		p.rotate(a*f, x, 10)
		p.begin().moveTo(x, 10).quadTo(x-22, -40, x, -90).quadTo(x+22, -40, x, 10).close().part(mix(Jungle, JungleLight, 0.4))
		p.begin().moveTo(x, 8).lineTo(x, -84).line(JungleDark, 2)
		p.rotate(0, 0, 0)
	}
}

// drawBossBoat draws Naw Kham's boat (hull, cabin, banner pole) without
// him, 470 wide, waterline at y 60. The banner text is drawn by the
// caller's sprite (drawBanner) so it stays crisp.
func drawBossBoat(p *pen) {
	hull := color.RGBA{0x3E, 0x3A, 0x36, 0xFF}
	p.begin().moveTo(-236, -30).lineTo(236, -36).quadTo(214, 44, 170, 66).lineTo(-180, 66).quadTo(-226, 40, -236, -30).close().part(hull)
	p.begin().moveTo(-230, -12).lineTo(230, -16).line(Red, 8)
	p.begin().moveTo(-200, 50).lineTo(180, 50).line(shade(hull, 0.4), 6)
	// cabin
	p.begin().rrect(-150, -120, 150, 92, 10).part(color.RGBA{0x7A, 0x6E, 0x5C, 0xFF})
	p.begin().poly(-164, -118, -76, -150, 14, -118).part(color.RGBA{0x5A, 0x4E, 0x42, 0xFF})
	for i := 0; i < 2; i++ {
		p.begin().rrect(-134+float64(i)*64, -100, 48, 34, 6).paint(color.RGBA{0xF7, 0xD0, 0x8A, 0xFF})
	}
	// banner pole at the stern
	p.begin().rrect(176, -210, 8, 180, 3).part(Wood)
}

// drawBanner draws the boss's red banner with its two-line title.
func drawBanner(p *pen, line1, line2 string) {
	p.begin().moveTo(-120, -44).lineTo(120, -44).lineTo(108, 0).lineTo(120, 44).lineTo(-120, 44).lineTo(-108, 0).close().part(Red)
	p.begin().moveTo(-112, -36).lineTo(112, -36).line(Alpha(Gold, 0.8), 3)
	p.begin().moveTo(-112, 36).lineTo(112, 36).line(Alpha(Gold, 0.8), 3)
	p.text(line1, 0, -14, 22, true, Gold)
	p.text(line2, 0, 16, 30, true, White)
}

// drawBossFigure draws Naw Kham standing: dark cap, sunglasses, moustache,
// a red shirt; 230 tall like the traffickers, a little broader.
func drawBossFigure(p *pen) {
	shirt := color.RGBA{0x8A, 0x2B, 0x2B, 0xFF}
	p.begin().capsule(-36, -16, -48, 30, 12).part(shirt)
	p.begin().capsule(36, -16, 48, 30, 12).part(shirt)
	p.begin().circle(-48, 38, 12).part(Skin)
	p.begin().circle(48, 38, 12).part(Skin)
	p.begin().moveTo(-42, 66).lineTo(-44, -12).quadTo(-40, -36, -14, -38).lineTo(14, -38).quadTo(40, -36, 44, -12).lineTo(42, 66).close().part(shirt)
	p.begin().moveTo(10, -36).lineTo(42, -12).lineTo(40, 66).lineTo(10, 66).close().paint(shade(shirt, 0.2))
	p.begin().moveTo(-42, 30).lineTo(42, 30).line(Ink, 6) // belt
	p.begin().rrect(-7, 26, 14, 9, 2).paint(Gold)
	p.begin().moveTo(-14, -38).lineTo(0, -18).lineTo(14, -38).line(tint(shirt, 0.35), 3)
	head(p, 0, -74, 36, Ink, 0, true)
}

// Flags, 60×40, drawn simplified but correct in layout and colour.
func drawFlag(p *pen, which int) {
	const w, h = 60.0, 40.0
	x0, y0 := 0.0, 0.0 // the hoist's top corner is the origin
	band := func(y, hh float64, c color.RGBA) { p.begin().rrect(x0, y0+y, w, hh, 0).paint(c) }
	p.begin().rrect(x0, y0, w, h, 2).part(White)
	switch which {
	case FlagChina:
		band(0, h, color.RGBA{0xDE, 0x29, 0x10, 0xFF})
		yel := color.RGBA{0xFF, 0xDE, 0x00, 0xFF}
		p.begin().star(x0+10, y0+10, 6, 2.4, 5, 0).paint(yel)
		for _, pt := range [][2]float64{{20, 4}, {24, 8}, {24, 14}, {20, 18}} {
			a := math.Atan2(10-pt[1], 10-pt[0]) + math.Pi/2
			p.begin().star(x0+pt[0], y0+pt[1], 2, 0.8, 5, a).paint(yel)
		}
	case FlagLaos:
		band(0, h, color.RGBA{0xCE, 0x11, 0x26, 0xFF})
		band(h/4, h/2, color.RGBA{0x00, 0x28, 0x68, 0xFF})
		p.begin().circle(w/2, h/2, h*0.2).paint(White)
	case FlagMyanmar:
		band(0, h/3, color.RGBA{0xFE, 0xCB, 0x00, 0xFF})
		band(h/3, h/3, color.RGBA{0x34, 0xB2, 0x33, 0xFF})
		band(2*h/3, h/3, color.RGBA{0xEA, 0x28, 0x39, 0xFF})
		p.begin().star(w/2, h/2+1, h*0.36, h*0.14, 5, 0).paint(White)
	case FlagThailand:
		band(0, h, color.RGBA{0xA5, 0x19, 0x31, 0xFF})
		band(h/6, 4*h/6, color.RGBA{0xF4, 0xF5, 0xF8, 0xFF})
		band(2*h/6, 2*h/6, color.RGBA{0x2D, 0x2A, 0x4A, 0xFF})
	}
	p.begin().rrect(x0, y0, w, h, 2).line(Alpha(Ink, 0.25), 1)
}

// The joint-patrol flags.
const (
	FlagChina = iota
	FlagLaos
	FlagMyanmar
	FlagThailand
)
