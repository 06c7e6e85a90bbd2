package art

import (
	"image/color"
	"math"
)

// drawHeart draws a health heart, 56 across; empty hearts are grey outlines.
func drawHeart(p *pen, full bool) {
	p.begin().moveTo(0, 22).cubicTo(-34, 0, -30, -26, -14, -26).cubicTo(-6, -26, -2, -20, 0, -14).cubicTo(2, -20, 6, -26, 14, -26).cubicTo(30, -26, 34, 0, 0, 22).close()
	if full {
		p.part(color.RGBA{0xF0, 0x3E, 0x5A, 0xFF})
		p.begin().ellipse(-12, -14, 7, 5).paint(Alpha(White, 0.7))
	} else {
		p.part(color.RGBA{0x9A, 0xA3, 0xAD, 0xFF})
		p.begin().moveTo(0, 14).cubicTo(-24, -2, -22, -18, -12, -18).cubicTo(-6, -18, -2, -12, 0, -6).cubicTo(2, -12, 6, -18, 12, -18).cubicTo(22, -18, 24, -2, 0, 14).close().paint(color.RGBA{0x5C, 0x66, 0x72, 0xFF})
	}
}

// drawStamp draws a rubber-stamp mark: a tilted double-bordered rounded
// box with a big Chinese word and a small English one.
func drawStamp(p *pen, zh, en string, size float64, c color.RGBA) {
	p.rotate(-0.14, 0, 0)
	p.begin().rrect(-118, -58, 236, 116, 18).always(Alpha(White, 0.85))
	p.begin().rrect(-112, -52, 224, 104, 14).line(c, 9)
	p.begin().rrect(-100, -40, 200, 80, 8).line(c, 3)
	p.text(zh, 0, -8, size, true, c)
	p.text(en, 0, 30, size*0.36, true, c)
	p.rotate(0, 0, 0)
}

// drawBadge draws a round ✓ (ok) or ✗ badge, 64 across, so right and wrong
// never rely on colour alone.
func drawBadge(p *pen, ok bool) {
	c := Green
	if !ok {
		c = Red
	}
	p.begin().circle(0, 0, 30).part(c)
	p.begin().circle(0, 0, 24).paint(tint(c, 0.12))
	if ok {
		p.begin().moveTo(-14, 1).lineTo(-4, 12).lineTo(15, -11).line(White, 8)
	} else {
		p.begin().moveTo(-11, -11).lineTo(11, 11).line(White, 8)
		p.begin().moveTo(11, -11).lineTo(-11, 11).line(White, 8)
	}
}

// drawEvidenceBag draws the clear evidence bag that seized drugs snap into.
func drawEvidenceBag(p *pen) {
	bag := color.RGBA{0xE9, 0xF1, 0xF6, 0xFF}
	p.begin().moveTo(-52, -54).lineTo(52, -54).lineTo(56, 58).quadTo(0, 66, -56, 58).close().part(bag)
	p.begin().rrect(-52, -54, 104, 20, 4).paint(Red)
	p.text("证物 EVIDENCE", 0, -44, 12, true, White)
	p.begin().rrect(-40, -24, 80, 34, 4).paint(White)
	for i := 0; i < 3; i++ {
		p.begin().moveTo(-34, -16+float64(i)*9).lineTo(30-float64(i)*10, -16+float64(i)*9).line(Alpha(Ink, 0.45), 2)
	}
	p.begin().poly(-46, 16, -38, 16, -42, 54, -50, 54).paint(Alpha(White, 0.7))
}

// drawHazardRim draws the hazard ring shown around a drug once the visitor
// has decided (seized or missed): yellow and ink stripes, radius 66.
func drawHazardRim(p *pen) {
	const r1, r2 = 60.0, 72.0
	p.begin().circle(0, 0, r2).circle(0, 0, r1).alwaysEvenOdd(Alpha(Hazard, 0.95))
	n := 16
	for i := 0; i < n; i++ {
		a0 := float64(i) * 2 * math.Pi / float64(n)
		a1 := a0 + math.Pi/float64(n)
		p.begin().moveTo(r1*math.Cos(a0), r1*math.Sin(a0)).lineTo(r2*math.Cos(a0+0.12), r2*math.Sin(a0+0.12)).lineTo(r2*math.Cos(a1+0.12), r2*math.Sin(a1+0.12)).lineTo(r1*math.Cos(a1), r1*math.Sin(a1)).close().always(Ink)
	}
}

// drawSafeRim draws the ring around a look-alike once it shows its cue.
func drawSafeRim(p *pen) {
	for i := 0; i < 20; i++ {
		a := float64(i) * 2 * math.Pi / 20
		p.begin().moveTo(68*math.Cos(a), 68*math.Sin(a)).lineTo(68*math.Cos(a+0.2), 68*math.Sin(a+0.2)).line(Green, 8)
	}
}

// drawTapRing draws the ring that answers a touch, radius 40.
func drawTapRing(p *pen) {
	p.begin().circle(0, 0, 40).line(Alpha(White, 0.95), 6)
	p.begin().circle(0, 0, 32).line(Alpha(White, 0.35), 3)
}

// drawParticle draws a small confetti star (v 0) or a round droplet (v 1).
func drawParticle(p *pen, v int) {
	if v == 0 {
		p.begin().star(0, 0, 12, 5, 5, 0).always(White)
		return
	}
	p.begin().circle(0, 0, 8).always(White)
}

// drawHUDBoat draws the little patrol boat that travels along the HUD's
// time track, 80 wide.
func drawHUDBoat(p *pen) {
	p.begin().moveTo(-40, -6).lineTo(40, -10).quadTo(34, 10, 26, 14).lineTo(-32, 14).quadTo(-40, 8, -40, -6).close().part(White)
	p.begin().moveTo(-38, 2).lineTo(38, 0).line(Police, 5)
	p.begin().rrect(-20, -26, 30, 18, 4).part(White)
	p.begin().rrect(-16, -22, 22, 7, 2).paint(color.RGBA{0x6C, 0xB4, 0xE4, 0xFF})
	p.begin().rrect(8, -44, 3, 20, 1).part(Grey)
	p.begin().poly(11, -44, 28, -39, 11, -34).part(Red)
}

// drawHandcuffs draws an open pair of handcuffs for the boss banner and
// arrest cue, 90 wide.
func drawHandcuffs(p *pen) {
	p.begin().circle(-24, 6, 18).line(Ink, 14)
	p.begin().circle(24, 6, 18).line(Ink, 14)
	p.begin().circle(-24, 6, 18).line(steel, 8)
	p.begin().circle(24, 6, 18).line(steel, 8)
	p.begin().moveTo(-8, -8).quadTo(0, -18, 8, -8).line(Ink, 8)
	p.begin().moveTo(-8, -8).quadTo(0, -18, 8, -8).line(steel, 4)
}
