package scene

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/game"
)

type fxKind uint8

const (
	fxNone   fxKind = iota
	fxTap           // ring where a finger landed
	fxStamp         // a stamp (value: art.ID) popping at x, y
	fxScore         // floating "+100"
	fxEdge          // red edge pulse: a drug reached the player
	fxBanner        // boss banner across the top
	fxCard          // a harm or safe-cue card (ok: safe)
)

// effect is one running effect; times are in ticks of the view clock.
type effect struct {
	kind  fxKind
	start float64
	x, y  float64
	item  string
	ikind game.ItemKind
	value int
	label string
	ok    bool
}

const maxEffects = 96

// effects is a fixed ring of effects: adding never allocates; the oldest
// is overwritten when full.
type effects struct {
	list [maxEffects]effect
	next int
	// card is the one harm or safe-cue card on screen (the newest wins).
	card effect
	// parts are confetti and splash particles.
	parts [256]particle
	pnext int
	seed  uint32
}

func (f *effects) add(e effect) {
	if e.kind == fxCard {
		f.card = e
		return
	}
	f.list[f.next] = e
	f.next = (f.next + 1) % maxEffects
}

// particle moves on a parabola from its start: no per-frame state.
type particle struct {
	live       bool
	start      float64
	life       float64 // ticks
	x, y       float64
	vx, vy     float64 // canvas units per second
	grav       float64
	id         art.ID
	r, g, b    float32
	spin, size float64
}

func (f *effects) rand() float64 {
	f.seed ^= f.seed << 13
	f.seed ^= f.seed >> 17
	f.seed ^= f.seed << 5
	return float64(f.seed%10000) / 10000
}

// burst throws n particles from (x, y) in colour c.
func (f *effects) burst(now, x, y float64, n int, id art.ID, c color.RGBA, speed float64) {
	if f.seed == 0 {
		f.seed = 2463534242
	}
	r, g, b := art.RGBA(c)
	for i := 0; i < n; i++ {
		a := f.rand() * 2 * math.Pi
		s := speed * (0.4 + 0.6*f.rand())
		f.parts[f.pnext] = particle{live: true, start: now, life: 40 + 30*f.rand(), x: x, y: y,
			vx: math.Cos(a) * s, vy: math.Sin(a)*s - speed*0.5, grav: speed * 2.2, id: id,
			r: r, g: g, b: b, spin: (f.rand() - 0.5) * 8, size: 0.7 + 0.6*f.rand()}
		f.pnext = (f.pnext + 1) % len(f.parts)
	}
}

// Default effect lengths in ticks.
const (
	tapLife    = 24
	stampLife  = 55
	scoreLife  = 60
	edgeLife   = 36
	bannerLife = 170
)

var (
	gold     = color.RGBA{0xFF, 0xD1, 0x4A, 0xFF}
	cardFill = color.RGBA{0xFF, 0xFB, 0xF2, 0xFF}
	harmRed  = color.RGBA{0xC6, 0x28, 0x28, 0xFF}
	safeGrn  = color.RGBA{0x1E, 0x8E, 0x3E, 0xFF}
	dimInk   = color.RGBA{0x3A, 0x46, 0x58, 0xFF}
)

// drawEffects draws the ring, stamps, scores, banner and particles.
func (b *base) drawEffects(dst *ebiten.Image) {
	for i := range b.fx.parts {
		p := &b.fx.parts[i]
		if !p.live {
			continue
		}
		age := b.now - p.start
		if age < 0 || age > p.life {
			p.live = age <= p.life
			continue
		}
		t := age / game.TPS
		x := p.x + p.vx*t
		y := p.y + p.vy*t + 0.5*p.grav*t*t
		a := fade(age, p.life)
		b.d.DrawTinted(dst, b.atlas.Get(p.id), b.px(x), b.py(y), p.size, p.size, p.spin*t, p.r, p.g, p.b, a)
	}
	for i := range b.fx.list {
		e := &b.fx.list[i]
		if e.kind == fxNone {
			continue
		}
		age := b.now - e.start
		switch e.kind {
		case fxTap:
			if age > tapLife {
				e.kind = fxNone
				continue
			}
			t := age / tapLife
			b.sprite(dst, art.TapRing, e.x, e.y, 0.6+0.9*easeOut(t), 0, float32(1-t))
		case fxStamp:
			if age > stampLife {
				e.kind = fxNone
				continue
			}
			k := 0.7 * pop(age/10)
			if age < 4 {
				k = 0.7 * (1.6 - 0.6*age/4)
			}
			b.sprite(dst, art.ID(e.value), e.x, e.y-70, k, 0, fade(age, stampLife))
		case fxScore:
			if age > scoreLife {
				e.kind = fxNone
				continue
			}
			y := e.y - 30 - 100*easeOut(age/scoreLife)
			c := gold
			if e.value < 0 {
				c = color.RGBA{0xE8, 0xEE, 0xF4, 0xFF}
			}
			b.outlined(dst, e.label, e.x+100, y, 44, art.Alpha(c, float64(fade(age, scoreLife))), text.AlignStart, text.AlignCenter)
		case fxBanner:
			life := float64(bannerLife)
			if age > life {
				e.kind = fxNone
				continue
			}
			in := easeOut(age / 20)
			out := easeOut((age - (life - 20)) / 20)
			y := -120 + (b.ch*0.34+120)*in - (b.ch*0.34+120)*out
			b.sprite(dst, art.BossBanner, b.cw/2, y, 2.2*pop(age/24), 0, 1)
			if b.lang == "en" {
				b.outlined(dst, "Kingpin Naw Kham!", b.cw/2, y+130, 44, art.White, text.AlignCenter, text.AlignCenter)
			}
		}
	}
}

// drawEdge draws the red edge pulse; life ticks from start.
func (b *base) drawEdge(dst *ebiten.Image) {
	for i := range b.fx.list {
		e := &b.fx.list[i]
		if e.kind != fxEdge {
			continue
		}
		age := b.now - e.start
		if age > edgeLife {
			e.kind = fxNone
			continue
		}
		// full strength on the first frame, two beats, fading out
		t := clamp01(age / edgeLife)
		a := float32(0.9 * (0.65 + 0.35*math.Cos(4*math.Pi*t)) * (1 - t*t))
		b.edgeGlow(dst, color.RGBA{0xE5, 0x2B, 0x2B, 0xFF}, a, 90)
	}
}

// edgeGlow draws a glow of colour c, th canvas units deep, along all four
// edges.
func (b *base) edgeGlow(dst *ebiten.Image, c color.RGBA, a float32, th float64) {
	g := b.atlas.Get(art.Glow)
	r, gr, bl := art.RGBA(c)
	k := th / 64 * b.sc / g.Scale
	b.d.DrawTinted(dst, g, b.px(b.cw/2), b.py(0), b.cw/8*b.sc/g.Scale, k, 0, r, gr, bl, a)
	b.d.DrawTinted(dst, g, b.px(b.cw/2), b.py(b.ch), b.cw/8*b.sc/g.Scale, k, math.Pi, r, gr, bl, a)
	b.d.DrawTinted(dst, g, b.px(0), b.py(b.ch/2), b.ch/8*b.sc/g.Scale, k, -math.Pi/2, r, gr, bl, a)
	b.d.DrawTinted(dst, g, b.px(b.cw), b.py(b.ch/2), b.ch/8*b.sc/g.Scale, k, math.Pi/2, r, gr, bl, a)
}

// fill covers the canvas rectangle (x, y, w, h) with c at opacity a.
func (b *base) fill(dst *ebiten.Image, x, y, w, h float64, c color.RGBA, a float32) {
	p := b.atlas.Get(art.Pixel)
	r, g, bl := art.RGBA(c)
	b.d.DrawTinted(dst, p, b.px(x+w/2), b.py(y+h/2), w/8*b.sc/p.Scale, h/8*b.sc/p.Scale, 0, r, g, bl, a)
}
