// Package scene draws the games' state with the pictures from assets/art:
// the Mekong river scene of 「抓捕糯康」 (ShooterView) and the sorting belt
// of 「火眼金睛」 (SortView), with their effects and HUD.
//
// A view only reads game state; it never changes it. The kiosk calls, per
// game Step, view.Feed(g.Events()) (once per Step, even when there are no
// events: Feed is also the view's clock), and per frame view.Draw(dst, g,
// alpha). Tap(x, y) shows the touch ring at once, before the game's Step.
//
// Views draw at the resolution of dst: a 1920×1080 canvas drawn into a
// 3840×2160 image renders every sprite at scale 2, so the art stays crisp.
// dst may be a sub-image (a letterboxed area); its bounds place the canvas.
// A steady frame allocates nothing per sprite. Views belong to the
// goroutine that runs Ebitengine and are not safe for concurrent use.
package scene

import (
	"image/color"
	"math"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/levels"
)

// base holds what both views share: the atlas at the current scale, the
// clock, the pack, the language, text and sprite drawers, and the effects.
type base struct {
	pack   *levels.Pack
	cw, ch float64 // canvas size
	lang   string
	calm   bool // attract loop: slower ambient motion, no HUD

	atlas  *art.Atlas
	shared *Art    // nil: the view keeps its own atlas
	sc     float64 // pixels per canvas unit of the current dst
	ox, oy float64 // pixel position of the canvas origin in dst

	ticks int     // Feed calls so far
	now   float64 // ticks + alpha, in ticks, for this frame
	amb   float64 // ambient seconds: advances slower in calm mode, never jumps
	alpha float64 // this frame's fraction of a tick

	d      art.Drawer
	w      art.Writer
	rounds art.RoundRects // panels: nine slices of a cached corner mask
	fx     effects

	geom art.SceneGeom

	scoreN   int
	scoreStr string
	comboN   int
	comboStr string // "连击 ×N"
}

func newBase(pack *levels.Pack, cw, ch int) base {
	return base{pack: pack, cw: float64(cw), ch: float64(ch), lang: "zh", scoreN: -1, comboN: -1}
}

// SetLang picks the language of pack texts: "zh" (default) or "en". The
// fixed words (stamps, HUD labels) show Chinese first with English smaller.
func (b *base) SetLang(lang string) { b.lang = lang }

// Lang is the language SetLang last chose ("zh" until then).
func (b *base) Lang() string { return b.lang }

// SetCalm slows the ambient motion (clouds, ripples, bobbing) and leaves
// out the HUD (score, combo, hearts, time track) for the attract loop,
// which plays for hours behind the title.
func (b *base) SetCalm(on bool) { b.calm = on }

// Tap shows the touch ring at canvas point (x, y) from this frame on.
func (b *base) Tap(x, y float64) {
	b.fx.add(effect{kind: fxTap, start: b.now, x: x, y: y})
}

// begin prepares a frame: scale, origin and atlas for dst, and the clock.
func (b *base) begin(dst *ebiten.Image, alpha float64) {
	r := dst.Bounds()
	sc := float64(r.Dx()) / b.cw
	if b.shared != nil {
		b.atlas, b.sc = b.shared.at(sc), sc
	} else if b.atlas == nil || math.Abs(sc-b.sc) > 1e-6 {
		if b.atlas != nil {
			b.atlas.Dispose()
		}
		b.atlas = art.NewAtlas(sc)
		b.sc = sc
	}
	b.ox, b.oy = float64(r.Min.X), float64(r.Min.Y)
	b.alpha = math.Max(0, math.Min(alpha, 1))
	b.now = float64(b.ticks) + b.alpha
}

// drawScenery draws the static scenery of b.geom. With a gradual shared
// atlas (the kiosk's) scenery not painted yet paints a fillTile cell a
// frame, its gradients alone showing until it is all painted: a round that
// starts before the warm-up is done (see Art.WarmScenery) pops its banks
// in over a few frames rather than queueing the whole picture's triangles
// in one. It reports whether the scenery was drawn whole.
func (b *base) drawScenery(dst *ebiten.Image) bool {
	if b.shared == nil || !b.shared.Gradual {
		b.atlas.Background(b.geom).Draw(&b.d, dst, b.ox, b.oy)
		return true
	}
	pic, ready := b.atlas.BackgroundStep(b.geom)
	if !ready {
		pic.DrawGradients(dst, b.ox, b.oy)
		return false
	}
	pic.Draw(&b.d, dst, b.ox, b.oy)
	return true
}

// Share makes the view draw from a (see Art) instead of an atlas of its
// own. The owner of a disposes it; the view's Dispose leaves it alone.
func (b *base) Share(a *Art) {
	b.Dispose()
	b.shared = a
}

// Dispose frees the view's images. The view can still draw afterwards; it
// renders its sprites again.
func (b *base) Dispose() {
	b.rounds.Dispose()
	if b.shared != nil {
		b.atlas = nil
		return
	}
	if b.atlas != nil {
		b.atlas.Dispose()
		b.atlas = nil
	}
}

func (b *base) px(x float64) float64 { return b.ox + x*b.sc }
func (b *base) py(y float64) float64 { return b.oy + y*b.sc }

// ambientRate is how fast the ambient clock runs: slower in calm mode.
func (b *base) ambientRate() float64 {
	if b.calm {
		return 0.4
	}
	return 1
}

// advance moves the clocks on by one tick.
func (b *base) advance() {
	b.ticks++
	b.amb += b.ambientRate() / game.TPS
}

// secs is the ambient time in seconds (clouds, ripples, bobbing, flags). It
// runs slower in calm mode and changes speed without jumping.
func (b *base) secs() float64 {
	return b.amb + b.alpha*b.ambientRate()/game.TPS
}

// sprite draws fixed sprite id at canvas (x, y), k times its size.
func (b *base) sprite(dst *ebiten.Image, id art.ID, x, y, k, rot float64, a float32) {
	b.draw(dst, b.atlas.Get(id), x, y, k, rot, a)
}

// icon draws an item picture at canvas (x, y), size k (1 = IconBox units).
func (b *base) icon(dst *ebiten.Image, sp *art.Sprite, x, y, k, rot float64, a float32) {
	b.draw(dst, sp, x, y, k/art.IconOversample, rot, a)
}

// draw draws sp at canvas (x, y), k times its pixel size; below half size
// from its half-size copy (see art.Atlas.Half).
func (b *base) draw(dst *ebiten.Image, sp *art.Sprite, x, y, k, rot float64, a float32) {
	if k < 0.5 && !sp.Nearest {
		if hs := b.atlas.Half(sp); hs != sp {
			sp, k = hs, k*2
		}
	}
	b.d.Draw(dst, sp, b.px(x), b.py(y), k, rot, a)
}

// The look of a panel, canvas units: the art's sprites' ink outline
// (art.OutlineWidth) around the card, a drop shadow, a highlight over the
// top of the card and a border ring inside its edge.
const (
	panelShadowX, panelShadowY = 4.0, 8.0
	panelTop                   = 0.45 // the highlight's share of the height
	panelBorderIn              = 1.0  // the border ring covers inset 1..5
	panelBorderOut             = 5.0
)

var (
	// panelShadow is Ink at 1-(1-0.25)², the shadow the panel sprites
	// showed: they painted their 0.25 shadow in both of their passes.
	panelShadow = art.Alpha(art.Ink, 0.4375)
	panelGloss  = art.Alpha(art.White, 0.12) // the highlight
)

// panel draws a rounded card w×h centred at canvas (x, y) with corner
// radius r, filled with fill and ringed with border (zero: no border), at
// opacity a: an ink outline, a drop shadow, the fill, a highlight over the
// top and the border. Every layer is a RoundRects fill (36 vertices, no
// texture per size), so a card of a new size costs nothing more than one of
// an old size.
//
// The layers fade one by one, where the panel sprites this replaces faded
// as one picture: a translucent panel (the HUD at 0.9–0.95, a card fading
// out) shows a hint of its ink outline through the fill, and the fill inside
// a border shows a hint of the border (under the fill, it is a full rounded
// rectangle), and the border shows the layers under it instead of the
// scene. On the HUD's score card, 0.92 opaque with a white border over the
// sunset, the middle reads (36, 72, 105) where the sprite's read
// (36, 65, 93); the time track's white border, at 0.9, reads
// (233, 239, 240) for (253, 245, 239).
func (b *base) panel(dst *ebiten.Image, x, y, w, h, r float64, fill, border color.RGBA, a float32) {
	if a <= 0 {
		return
	}
	// (x0, y0) is the card's top-left corner in pixels; layer fills the
	// card inset by in canvas units (negative: grown), hh tall from there,
	// offset by (dx, dy), with radius r-in.
	s := b.sc
	x0, y0 := b.px(x-w/2), b.py(y-h/2)
	x1 := b.px(x + w/2)
	layer := func(dst *ebiten.Image, in, dx, dy, hh float64, c color.RGBA) {
		b.rounds.Fill(dst, x0+(in+dx)*s, y0+(in+dy)*s, x1+(dx-in)*s, y0+(in+dy+hh)*s,
			max(r-in, 0)*s, art.Alpha(c, float64(a)))
	}
	// gloss lays the highlight over the top of the card inset by in: a
	// rounded rectangle panelTop×h tall, as the sprites drew it, when its
	// radius fits; else (pills, round plates) the card's own shape cut off
	// at panelTop×h, so the highlight's corners stay within the card's.
	// (Ebitengine keeps the sub-image of each cut, so a panel that does
	// not move allocates nothing.)
	gloss := func(in float64) {
		hh := h*panelTop - in
		if hh <= 0 {
			return
		}
		if r-in <= hh/2 {
			layer(dst, in, 0, 0, hh, panelGloss)
			return
		}
		cut := dst.Bounds()
		cut.Max.Y = min(cut.Max.Y, int(math.Round(y0+h*panelTop*s)))
		if cut.Empty() {
			return
		}
		layer(dst.SubImage(cut).(*ebiten.Image), in, 0, 0, h-2*in, panelGloss)
	}
	ow := float64(art.OutlineWidth)
	layer(dst, -ow, 0, 0, h+2*ow, art.Ink)
	layer(dst, 0, panelShadowX, panelShadowY, h, panelShadow)
	layer(dst, 0, 0, 0, h, fill)
	gloss(0)
	if border.A == 0 {
		return
	}
	layer(dst, panelBorderIn, 0, 0, h-2*panelBorderIn, border)
	in := panelBorderOut
	layer(dst, in, 0, 0, h-2*in, fill)
	gloss(in)
}

// text draws s at canvas (x, y) with size in canvas units.
func (b *base) text(dst *ebiten.Image, s string, x, y, size float64, bold bool, c color.RGBA, ax, ay text.Align) {
	b.w.Text(dst, s, b.px(x), b.py(y), art.TextOptions{Size: size * b.sc, Bold: bold, Color: c, AlignX: ax, AlignY: ay})
}

// outlined draws s with an ink outline, for text over the scene.
func (b *base) outlined(dst *ebiten.Image, s string, x, y, size float64, c color.RGBA, ax, ay text.Align) {
	b.w.Outlined(dst, s, b.px(x), b.py(y), math.Max(2, size*0.08*b.sc), art.Ink, art.TextOptions{Size: size * b.sc, Bold: true, Color: c, AlignX: ax, AlignY: ay})
}

// tr returns t in the view's language.
func (b *base) tr(t levels.Text) string { return t.Get(b.lang) }

// iconFor returns the sprite of a drug or look-alike id, or nil.
func (b *base) iconFor(id string, kind game.ItemKind) *art.Sprite {
	switch kind {
	case game.Drug:
		if d := b.pack.Drug(id); d != nil {
			return b.atlas.Icon(d.Icon, false)
		}
	case game.Lookalike:
		if l := b.pack.Lookalike(id); l != nil {
			return b.atlas.Icon(l.Icon, true)
		}
	}
	return nil
}

// nameOf returns the display name of an item.
func (b *base) nameOf(id string, kind game.ItemKind) levels.Text {
	switch kind {
	case game.Drug:
		if d := b.pack.Drug(id); d != nil {
			return d.Name
		}
	case game.Lookalike:
		if l := b.pack.Lookalike(id); l != nil {
			return l.Name
		}
	}
	return levels.Text{Zh: id, En: id}
}

// scoreText returns the score as text, formatting only when it changed.
func (b *base) scoreText(n int) string {
	if n != b.scoreN {
		b.scoreN, b.scoreStr = n, strconv.Itoa(n)
	}
	return b.scoreStr
}

func (b *base) comboText(n int) string {
	if n != b.comboN {
		b.comboN, b.comboStr = n, "连击 ×"+strconv.Itoa(n)
	}
	return b.comboStr
}

// easeOut is a quick-then-settle curve on [0, 1].
func easeOut(t float64) float64 {
	t = clamp01(t)
	return 1 - (1-t)*(1-t)*(1-t)
}

// pop overshoots then settles (a stamp landing).
func pop(t float64) float64 {
	t = clamp01(t)
	return 1 + 0.35*math.Sin(t*math.Pi)*(1-t)
}

func clamp01(t float64) float64 { return math.Max(0, math.Min(1, t)) }

// fade is 1 until the last 20% of a life of length n, then falls to 0.
func fade(age, n float64) float32 {
	if age >= n {
		return 0
	}
	return float32(clamp01((n - age) / (0.2 * n)))
}

func sin(x float64) float64 { return math.Sin(x) }
