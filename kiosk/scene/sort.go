package scene

import (
	"image/color"
	"math"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/game"
	sortgame "github.com/playhall/playhall/game/sort"
	"github.com/playhall/playhall/levels"
)

// SortView draws a round of 「火眼金睛」: items riding a belt on the river
// dock, two big bins — 交给警察 (handcuffs icon) and 放心 (✓ icon), told
// apart by icon and word as well as colour — and the cue card after each
// choice.
type SortView struct {
	base
	cue     card
	itemSp  []*art.Sprite
	itemsOf *sortgame.Game
	itemsAt *art.Atlas // the atlas itemSp came from
}

// NewSort returns a view for pack on a canvasW×canvasH canvas.
func NewSort(pack *levels.Pack, canvasW, canvasH int) *SortView {
	return &SortView{base: newBase(pack, canvasW, canvasH)}
}

// Share makes the view draw from a (see base.Share) and, if the pack has a
// sort level, asks a to render the sort game's scenery ahead of use.
func (v *SortView) Share(a *Art) {
	v.base.Share(a)
	if v.pack == nil {
		return
	}
	for i := range v.pack.Levels {
		if v.pack.Levels[i].Mode == levels.ModeSort {
			a.WarmScenery(v.scenery())
			return
		}
	}
}

// scenery is the geometry of the sort game's static scenery: a river
// across the upper half, the dock below it.
func (v *SortView) scenery() art.SceneGeom {
	return art.SceneGeom{W: v.cw, H: v.ch, RiverTop: v.ch * 0.16, RiverBot: v.ch * 0.5, BankLeft: 0.07 * v.cw, BankRight: 0.93 * v.cw}
}

var (
	policeBin = color.RGBA{0x1D, 0x4E, 0x89, 0xFF}
	safeBin   = color.RGBA{0x23, 0x8A, 0x4A, 0xFF}
	dock      = color.RGBA{0xB0, 0x7A, 0x4A, 0xFF}
	belt      = color.RGBA{0x3A, 0x40, 0x4A, 0xFF}
)

// Feed takes the events of one Step (call it after every Step, with
// g.Events(), even when empty).
func (v *SortView) Feed(events []game.Event) {
	v.advance()
	now := float64(v.ticks)
	for i := range events {
		e := &events[i]
		switch e.Kind {
		case game.DrugSeized:
			v.fx.add(effect{kind: fxStamp, start: now, x: e.X, y: e.Y, value: int(art.StampSeized)})
			v.fx.burst(now, e.X, e.Y, 14, art.Star, gold, 420)
		case game.LookalikeSorted:
			v.fx.burst(now, e.X, e.Y, 12, art.Star, color.RGBA{0x9B, 0xE5, 0x6A, 0xFF}, 380)
		case game.CueShown:
			v.fx.add(effect{kind: fxCard, start: now, item: e.Item, ikind: e.ItemKind, ok: e.Correct, value: e.Value})
		}
		if e.Points > 0 {
			v.fx.add(effect{kind: fxScore, start: now, x: e.X, y: e.Y, label: "+" + strconv.Itoa(e.Points), value: e.Points})
		}
	}
}

// Draw draws g's current state into dst. alpha is the fraction of a Step
// since the last one.
func (v *SortView) Draw(dst *ebiten.Image, g *sortgame.Game, alpha float64) {
	v.begin(dst, alpha)
	lay := g.Layout()
	v.geom = v.scenery()
	if v.itemsOf != g || v.itemsAt != v.atlas || len(v.itemSp) != len(g.Infos()) {
		v.itemsOf, v.itemsAt = g, v.atlas
		v.itemSp = v.itemSp[:0]
		for _, in := range g.Infos() {
			v.itemSp = append(v.itemSp, v.iconFor(in.ID, in.Kind))
		}
	}
	v.drawScenery(dst)
	// the dock: wooden planks below the belt
	top := lay.BeltY + 110
	v.fill(dst, 0, top, v.cw, v.ch-top, dock, 1)
	for y := top + 50; y < v.ch; y += 70 {
		v.fill(dst, 0, y, v.cw, 5, color.RGBA{0x8A, 0x5A, 0x32, 0xFF}, 1)
	}
	v.fill(dst, 0, top, v.cw, 10, color.RGBA{0x6E, 0x46, 0x28, 0xFF}, 1)
	v.drawBelt(dst, g, lay)
	hint := pick(v.lang, "把每件东西拖进对的箱子", "Drag each thing into the right bin")
	v.text(dst, hint, v.cw/2, (lay.BeltY+110+g.Bins()[0].Y-g.Bins()[0].H/2)/2+20, 40, true, color.RGBA{0xFF, 0xF3, 0xE0, 0xFF}, text.AlignCenter, text.AlignCenter)
	held := v.heldOver(g)
	for i, b := range g.Bins() {
		v.drawBin(dst, b, held == sortgame.BinKind(i+1))
	}
	items := g.Items()
	a := v.now - math.Floor(v.now)
	for i := range items {
		it := &items[i]
		if !it.Alive || it.State == sortgame.Held {
			continue
		}
		v.drawSortItem(dst, it, g, a)
	}
	for i := range items { // held items on top
		if it := &items[i]; it.Alive && it.State == sortgame.Held {
			v.drawSortItem(dst, it, g, a)
		}
	}
	v.drawEffects(dst)
	if e := &v.fx.card; e.kind == fxCard && g.Cue().Active {
		v.openCard(&v.cue, e, func() string {
			if e.ikind == game.Drug {
				if d := v.pack.Drug(e.item); d != nil {
					return v.tr(d.Cue)
				}
			} else if l := v.pack.Lookalike(e.item); l != nil {
				return v.tr(l.SafeCue)
			}
			return ""
		}, float64(e.value)-float64(g.Tick())+v.now-e.start)
		v.cue.title = v.cueTitle(e)
		v.cue.centre, v.cue.cx, v.cue.cy = true, v.cw/2, lay.BeltY+120
		v.drawCard(dst, &v.cue)
	}
	elapsed := 0.0
	if d := g.Duration(); d > 0 {
		elapsed = float64(g.Tick()) / float64(d)
	}
	v.drawHUD(dst, g.Score(), g.Combo(), 0, 0, elapsed)
}

func (v *SortView) cueTitle(e *effect) string {
	drug := e.ikind == game.Drug
	switch {
	case e.ok && drug:
		return pick(v.lang, "答对了!这是毒品", "Right! It's a drug")
	case e.ok:
		return pick(v.lang, "答对了!这是正常物品", "Right! It's safe")
	case drug:
		return pick(v.lang, "再想想:这是毒品", "Think again: a drug")
	}
	return pick(v.lang, "再想想:这是正常物品", "Think again: it's safe")
}

func pick(lang, zh, en string) string {
	if lang == "en" {
		return en
	}
	return zh
}

// heldOver returns the bin a held item is over, for highlighting.
func (v *SortView) heldOver(g *sortgame.Game) sortgame.BinKind {
	items := g.Items()
	bins := g.Bins()
	for i := range items {
		it := &items[i]
		if !it.Alive || it.State != sortgame.Held {
			continue
		}
		for j := range bins {
			if bins[j].Contains(it.X, it.Y, 0) {
				return bins[j].Kind
			}
		}
	}
	return sortgame.NoBin
}

func (v *SortView) drawBelt(dst *ebiten.Image, g *sortgame.Game, lay sortgame.Layout) {
	y := lay.BeltY
	v.fill(dst, 0, y+60, v.cw, 40, color.RGBA{0x22, 0x26, 0x2E, 0xFF}, 1)
	v.fill(dst, 0, y+44, v.cw, 22, belt, 1)
	v.fill(dst, 0, y+44, v.cw, 4, color.RGBA{0x6A, 0x72, 0x7E, 0xFF}, 1)
	// moving slats show the belt's direction; they stop while a cue shows
	off := math.Mod(float64(g.Tick())*1.5, 60)
	for x := -60 + off; x < v.cw; x += 60 {
		v.fill(dst, x, y+48, 6, 16, color.RGBA{0x55, 0x5C, 0x68, 0xFF}, 1)
	}
	for x := 40.0; x < v.cw; x += 160 {
		v.sprite(dst, art.Drop, x, y+84, 1.2, 0, 0.5)
	}
}

func (v *SortView) drawBin(dst *ebiten.Image, b sortgame.Bin, hot bool) {
	c, id := policeBin, art.Handcuffs
	zh, en := "交给警察", "Tell the police"
	if b.Kind == sortgame.Safe {
		c, id = safeBin, art.BadgeOK
		zh, en = "放心", "It's safe"
	}
	k := 1.0
	if hot {
		k = 1.04
	}
	w, h := b.W*k, b.H*k
	border := art.White
	if hot {
		border = gold
	}
	v.panel(dst, b.X, b.Y, w, h, 40, c, border, 1)
	// the bin's mouth
	v.panel(dst, b.X, b.Y-h/2+46, w-60, 44, 22, tintC(c, -0.35), color.RGBA{}, 1)
	iconK := 2.0
	if id == art.BadgeOK {
		iconK = 1.9
	}
	v.sprite(dst, id, b.X, b.Y-h*0.02, iconK*math.Min(1, h/360), 0, 1)
	v.text(dst, zh, b.X, b.Y+h*0.24, 56, true, art.White, text.AlignCenter, text.AlignCenter)
	v.text(dst, en, b.X, b.Y+h*0.24+50, 30, true, color.RGBA{0xE8, 0xF0, 0xF8, 0xFF}, text.AlignCenter, text.AlignCenter)
}

func (v *SortView) drawSortItem(dst *ebiten.Image, it *sortgame.Item, g *sortgame.Game, a float64) {
	if it.Info < 0 || it.Info >= len(v.itemSp) || v.itemSp[it.Info] == nil {
		return
	}
	sp := v.itemSp[it.Info]
	x, y := it.X, it.Y
	if it.State == sortgame.OnBelt && !g.Paused() {
		x += it.VX * a / game.TPS
	}
	k := 1.25
	switch it.State {
	case sortgame.Held:
		v.sprite(dst, art.Drop, x+10, y+60, 5, 0, 0.25) // shadow
		k = 1.45
	case sortgame.Binned:
		t := clamp01((float64(g.Tick()) - float64(it.StateTick)) / math.Max(1, float64(it.Until-it.StateTick)))
		k *= 1 - 0.7*easeOut(t)
		y += 60 * easeOut(t)
		badge := art.BadgeOK
		if !it.Correct {
			badge = art.BadgeWrong
		}
		v.icon(dst, sp, x, y, k, it.Rot, float32(1-t))
		v.sprite(dst, badge, x+50, y-50, 1, 0, float32(1-t))
		return
	case sortgame.Gone:
		t := clamp01((float64(g.Tick()) - float64(it.StateTick)) / math.Max(1, float64(it.Until-it.StateTick)))
		v.icon(dst, sp, x, y+40*t, k, it.Rot+t, float32(1-t))
		return
	}
	v.icon(dst, sp, x, y, k, it.Rot, 1)
}

// tintC lightens (t > 0) or darkens (t < 0) c.
func tintC(c color.RGBA, t float64) color.RGBA {
	f := func(x uint8) uint8 {
		if t < 0 {
			return uint8(float64(x) * (1 + t))
		}
		return uint8(float64(x) + (255-float64(x))*t)
	}
	return color.RGBA{f(c.R), f(c.G), f(c.B), c.A}
}
