package art

import (
	"image/color"
	"math"

	"github.com/playhall/playhall/levels"
)

// IconBox is the logical size of every icon sprite; the icon's centre is its
// anchor. It matches the hit shapes of game/shooter (about 110×100).
const IconBox = 140

// iconSpec is what an icon drawing needs.
type iconSpec struct {
	c0, c1 color.RGBA
	label  string
	safe   bool // a harmless look-alike: retail details, seals, full labels
}

type iconFunc func(p *pen, s iconSpec)

// iconDraw maps every shape in levels.IconShapes to its drawing, with the
// colours used when the pack gives none.
var iconDraw = map[string]struct {
	fn     iconFunc
	c0, c1 color.RGBA
}{
	"powder_bag":  {drawPowderBag, color.RGBA{0xF2, 0xEF, 0xE6, 0xFF}, color.RGBA{0xC9, 0xC2, 0xB0, 0xFF}},
	"crystals":    {drawCrystals, color.RGBA{0xE8, 0xF4, 0xFA, 0xFF}, color.RGBA{0xA9, 0xD3, 0xE8, 0xFF}},
	"pills":       {drawPills, color.RGBA{0xF0, 0x6A, 0x8A, 0xFF}, color.RGBA{0x8C, 0xD1, 0x5A, 0xFF}},
	"paste":       {drawPaste, color.RGBA{0x3B, 0x24, 0x12, 0xFF}, color.RGBA{0x7A, 0x52, 0x30, 0xFF}},
	"leaf":        {drawLeaf, color.RGBA{0x3E, 0x8E, 0x41, 0xFF}, color.RGBA{0x25, 0x5E, 0x2A, 0xFF}},
	"sachet":      {drawSachet, color.RGBA{0xD9, 0xB3, 0x8C, 0xFF}, color.RGBA{0x8C, 0x5A, 0x3C, 0xFF}},
	"stamps":      {drawBlotter, color.RGBA{0xFA, 0xF3, 0xE0, 0xFF}, color.RGBA{0x8E, 0x5C, 0xD6, 0xFF}},
	"bottle":      {drawBottle, color.RGBA{0xF2, 0x4B, 0x4B, 0xFF}, color.RGBA{0xFF, 0xD1, 0x3B, 0xFF}},
	"leaves":      {drawLeaves, color.RGBA{0x5D, 0xAA, 0x46, 0xFF}, color.RGBA{0x8C, 0x4F, 0x3A, 0xFF}},
	"twigs":       {drawTwigs, color.RGBA{0x6B, 0x43, 0x24, 0xFF}, color.RGBA{0x4A, 0x2D, 0x18, 0xFF}},
	"cartridge":   {drawCartridge, color.RGBA{0x3C, 0x46, 0x55, 0xFF}, color.RGBA{0x9B, 0x6B, 0xE8, 0xFF}},
	"capsule":     {drawCapsule, color.RGBA{0xF2, 0x8C, 0x28, 0xFF}, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}},
	"canister":    {drawCanister, color.RGBA{0xC0, 0xC6, 0xCC, 0xFF}, color.RGBA{0x7D, 0x86, 0x8F, 0xFF}},
	"candy":       {drawCandy, color.RGBA{0xFF, 0x7A, 0xA8, 0xFF}, color.RGBA{0xFF, 0xF0, 0x80, 0xFF}},
	"cup":         {drawCup, color.RGBA{0xE6, 0xC9, 0xA8, 0xFF}, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}},
	"envelope":    {drawEnvelope, color.RGBA{0xFF, 0xF6, 0xE0, 0xFF}, color.RGBA{0xD9, 0x4C, 0x3D, 0xFF}},
	"box":         {drawBox, color.RGBA{0xF4, 0xF7, 0xFA, 0xFF}, color.RGBA{0x2E, 0x8B, 0x57, 0xFF}},
	"jar":         {drawJar, color.RGBA{0xF7, 0xF3, 0xE3, 0xFF}, color.RGBA{0xD8, 0xC9, 0xA0, 0xFF}},
	"can":         {drawCan, color.RGBA{0xD3, 0x20, 0x2A, 0xFF}, color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}},
	"stamp_sheet": {drawPostage, color.RGBA{0x3A, 0x8F, 0xC8, 0xFF}, color.RGBA{0xF2, 0xB5, 0x3A, 0xFF}},
}

// HasIcon reports whether shape has a drawing (every levels.IconShapes
// entry does; the tests check it).
func HasIcon(shape string) bool { _, ok := iconDraw[shape]; return ok }

func specFor(ic levels.Icon, safe bool) (iconFunc, iconSpec) {
	d, ok := iconDraw[ic.Shape]
	if !ok {
		d = iconDraw["box"]
	}
	s := iconSpec{c0: d.c0, c1: d.c1, label: ic.Label, safe: safe}
	if len(ic.Colors) > 0 {
		s.c0 = Hex(ic.Colors[0], d.c0)
	}
	if len(ic.Colors) > 1 {
		s.c1 = Hex(ic.Colors[1], d.c1)
	}
	return d.fn, s
}

// inkOn returns a readable text colour on background c.
func inkOn(c color.RGBA) color.RGBA {
	if luminance(c) > 0.55 {
		return Ink
	}
	return White
}

func drawPowderBag(p *pen, s iconSpec) {
	bag := color.RGBA{0xBF, 0xD6, 0xE4, 0xFF} // clear plastic over the river: a cool tint
	p.begin().rrect(-46, -44, 92, 92, 10).part(bag)
	// zip seal: a white lip with a red press strip
	p.begin().rrect(-46, -44, 92, 16, 6).paint(tint(bag, 0.6))
	p.begin().moveTo(-40, -31).lineTo(40, -31).line(color.RGBA{0xD9, 0x45, 0x3B, 0xFF}, 4.5)
	// powder mound with a shaded lower part and a crisp ridge line
	p.begin().moveTo(-40, 42).lineTo(-40, 12).cubicTo(-26, -12, 20, -16, 40, 6).lineTo(40, 42).close().paint(s.c0)
	p.begin().moveTo(-40, 42).lineTo(-40, 28).cubicTo(-10, 18, 20, 22, 40, 24).lineTo(40, 42).close().paint(s.c1)
	p.begin().moveTo(-40, 12).cubicTo(-26, -12, 20, -16, 40, 6).line(shade(s.c1, 0.35), 2.5)
	for _, d := range [][2]float64{{-20, 4}, {4, -2}, {18, 10}, {-8, 16}, {26, 30}} {
		p.begin().circle(d[0], d[1], 2.2).paint(shade(s.c1, 0.25))
	}
	// plastic gloss
	p.begin().poly(-38, -22, -30, -22, -36, 36, -42, 36).paint(Alpha(White, 0.7))
	if s.label != "" {
		p.begin().rrect(6, -24, 36, 20, 4).paint(White)
		p.text(s.label, 24, -14, 12, true, Ink)
	}
}

func drawCrystals(p *pen, s iconSpec) {
	shards := [][]float64{
		{-48, 40, -54, 4, -30, -24, -16, 14, -20, 40},
		{18, 40, 24, -14, 50, -30, 56, 10, 44, 40},
		{-12, 40, -24, -10, 0, -50, 20, -8, 12, 40},
		{-32, 48, -22, 20, 0, 14, 6, 48},
		{6, 48, 22, 24, 40, 28, 36, 48},
	}
	for _, sh := range shards {
		p.begin().poly(sh...).part(s.c0)
	}
	for _, sh := range shards {
		n := len(sh) / 2
		apex := n / 2
		// right-hand facet in the second colour, a glint on the left
		p.begin().moveTo(sh[2*apex], sh[2*apex+1])
		for i := apex + 1; i < n; i++ {
			p.lineTo(sh[2*i], sh[2*i+1])
		}
		cx := (sh[0] + sh[2*(n-1)]) / 2
		p.lineTo(cx, sh[1]).close().paint(s.c1)
		p.begin().moveTo(sh[2*apex], sh[2*apex+1]).lineTo(cx, sh[1]).line(Alpha(White, 0.9), 2)
	}
	p.begin().star(-4, -30, 9, 2.5, 4, 0).paint(White)
	p.begin().star(38, -14, 6, 2, 4, 0).paint(White)
}

func drawPills(p *pen, s iconSpec) {
	pill := func(cx, cy, r float64, c color.RGBA, square bool) {
		if square {
			p.begin().rrect(cx-r, cy-r+6, 2*r, 2*r-4, r*0.45).part(shade(c, 0.25))
			p.begin().rrect(cx-r, cy-r, 2*r, 2*r-6, r*0.45).part(c)
		} else {
			p.begin().ellipse(cx, cy+5, r, r*0.82).part(shade(c, 0.25))
			p.begin().ellipse(cx, cy, r, r*0.82).part(c)
		}
		p.begin().ellipse(cx-r*0.35, cy-r*0.35, r*0.32, r*0.18).paint(Alpha(White, 0.55))
		lab := s.label
		if lab == "" {
			// a cartoon face stamp, as on candy-like pills
			p.begin().circle(cx-r*0.3, cy-r*0.12, r*0.1).paint(shade(c, 0.4))
			p.begin().circle(cx+r*0.3, cy-r*0.12, r*0.1).paint(shade(c, 0.4))
			p.begin().moveTo(cx-r*0.4, cy+r*0.18).quadTo(cx, cy+r*0.55, cx+r*0.4, cy+r*0.18).line(shade(c, 0.4), r*0.1)
			return
		}
		size := r * 0.9
		if len([]rune(lab)) > 2 {
			size = r * 0.62
		}
		p.text(lab, cx, cy-1, size, true, shade(c, 0.45))
	}
	pill(-28, -18, 26, s.c0, false)
	pill(26, -10, 24, s.c1, true)
	pill(-2, 26, 26, s.c0, false)
}

func drawPaste(p *pen, s iconSpec) {
	// an opened cloth with a dark sticky lump on it; a poppy pod beside
	cloth := s.c1
	p.begin().moveTo(-60, 14).quadTo(-40, -2, -18, -26).quadTo(10, -20, 34, -10).quadTo(46, 8, 56, 22).quadTo(20, 38, -4, 52).quadTo(-30, 34, -60, 14).close().part(cloth)
	p.begin().moveTo(-60, 14).quadTo(-30, 34, -4, 52).quadTo(20, 38, 56, 22).lineTo(40, 22).quadTo(10, 34, -6, 40).quadTo(-30, 26, -48, 14).close().paint(shade(cloth, 0.22))
	for _, l := range [][4]float64{{-40, 4, -20, 10}, {30, -2, 14, 6}, {-8, 44, -4, 28}} {
		p.begin().moveTo(l[0], l[1]).lineTo(l[2], l[3]).line(shade(cloth, 0.35), 2.2)
	}
	// the lump: dark, glossy, lumpy outline
	p.begin().moveTo(-30, 16).cubicTo(-38, -2, -24, -16, -8, -12).cubicTo(4, -20, 22, -12, 24, 2).cubicTo(30, 14, 16, 26, 0, 24).cubicTo(-12, 30, -26, 26, -30, 16).close().part(s.c0)
	p.begin().ellipse(-12, -4, 10, 5).paint(Alpha(White, 0.35))
	p.begin().circle(8, -6, 3).paint(Alpha(White, 0.35))
	p.begin().moveTo(-20, 16).quadTo(-4, 22, 14, 14).line(shade(s.c0, 0.4), 2)
	// poppy pod
	pod := color.RGBA{0x9C, 0xB0, 0x71, 0xFF}
	p.begin().capsule(42, -12, 52, 26, 3).part(JungleDark)
	p.begin().ellipse(40, -30, 15, 18).part(pod)
	p.begin().star(40, -48, 10, 4, 8, 0).part(shade(pod, 0.3))
	p.begin().ellipse(35, -33, 4, 9).paint(tint(pod, 0.35))
	for _, x := range []float64{37, 44} {
		p.begin().moveTo(x, -42).quadTo(x+2, -30, x, -18).line(color.RGBA{0xF5, 0xEE, 0xD0, 0xFF}, 1.8)
	}
}

func drawLeaf(p *pen, s iconSpec) {
	type fin struct{ ang, l float64 }
	fins := []fin{{0, 62}, {-0.55, 54}, {0.55, 54}, {-1.1, 43}, {1.1, 43}, {-1.7, 28}, {1.7, 28}}
	bx, by := 0.0, 40.0
	leaflet := func(f fin) {
		w := f.l * 0.2
		p.rotate(f.ang, bx, by)
		// serrated lanceolate pointing up from the base
		p.moveTo(bx, by)
		const teeth = 7
		for i := 1; i <= teeth; i++ {
			t := float64(i) / teeth
			y := by - f.l*t
			hw := w * math.Sin(math.Pi*math.Pow(t, 0.8)) * 1.05
			p.lineTo(bx+hw+2, y+3)
			p.lineTo(bx+hw*0.7, y)
		}
		p.lineTo(bx, by-f.l-4)
		for i := teeth; i >= 1; i-- {
			t := float64(i) / teeth
			y := by - f.l*t
			hw := w * math.Sin(math.Pi*math.Pow(t, 0.8)) * 1.05
			p.lineTo(bx-hw*0.7, y)
			p.lineTo(bx-hw-2, y+3)
		}
		p.close()
		p.rotate(0, 0, 0)
	}
	p.begin().capsule(0, 36, 0, 56, 3.5).part(shade(s.c0, 0.2))
	p.begin()
	for _, f := range fins {
		leaflet(f)
	}
	p.part(s.c0)
	for _, f := range fins {
		p.begin().rotate(f.ang, bx, by)
		p.moveTo(bx, by).lineTo(bx, by-f.l*0.9).line(s.c1, 2.2)
		p.rotate(0, 0, 0)
	}
	p.begin().rotate(-0.55, bx, by).ellipse(bx-3, by-30, 3, 12).paint(Alpha(White, 0.3))
	p.rotate(0, 0, 0)
}

func drawSachet(p *pen, s iconSpec) {
	// a strip sachet lying across, crimped seals at both ends
	body := func() {
		p.begin().moveTo(-50, -28)
		for i := 0; i < 8; i++ { // crimped left seal
			y := -28 + float64(i)*7
			p.lineTo(-56, y+3.5).lineTo(-50, y+7)
		}
		for i := 0; i < 8; i++ {
			y := 28 - float64(i)*7
			p.lineTo(56, y-3.5).lineTo(50, y-7)
		}
		p.close()
	}
	body()
	p.part(s.c0)
	p.begin().rrect(-50, 14, 100, 14, 0).paint(shade(s.c0, 0.12))
	p.begin().rrect(-42, -28, 6, 56, 0).paint(shade(s.c0, 0.1))
	p.begin().rrect(36, -28, 6, 56, 0).paint(shade(s.c0, 0.1))
	if s.safe {
		// retail: a printed band with brand and cup logo, ingredient list,
		// barcode and a tear notch
		p.begin().rrect(-36, -28, 72, 20, 0).paint(s.c1)
		p.text(orDefault(s.label, "奶茶"), -8, -18, 13, true, inkOn(s.c1))
		p.begin().circle(24, -18, 7).paint(White)
		p.begin().poly(20, -21, 28, -21, 27, -14, 21, -14).paint(s.c1)
		for i := 0; i < 3; i++ {
			p.begin().moveTo(-32, -2+float64(i)*7).lineTo(8-float64(i)*8, -2+float64(i)*7).line(Alpha(Ink, 0.55), 2)
		}
		for i := 0; i < 7; i++ {
			w := 1.5 + float64(i%3)*0.8
			p.begin().moveTo(16+float64(i)*3, 2).lineTo(16+float64(i)*3, 14).line(Ink, w)
		}
		p.begin().poly(-50, -6, -44, -3, -50, 0).paint(White)
		return
	}
	// drug: crude, no list, no brand — a hand-scrawled word at most
	if s.label != "" {
		p.text(s.label, -2, -4, 20, true, shade(s.c1, 0.1))
	}
	p.begin().moveTo(-30, 18).quadTo(-10, 12, 8, 20).quadTo(20, 24, 30, 16).line(Alpha(shade(s.c1, 0.1), 0.6), 2)
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
