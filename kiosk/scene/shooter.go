package scene

import (
	"image/color"
	"math"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/shooter"
	"github.com/playhall/playhall/levels"
)

// ShooterView draws a round of 「抓捕糯康」: the river at dusk, traffickers
// rising from boats and bushes, thrown packages flying at the visitor,
// look-alikes drifting past, Naw Kham's boat, the effects of every tap and
// the HUD.
type ShooterView struct {
	base
	harm    card
	safe    card
	itemSp  []*art.Sprite // per shooter.Game.Items() index
	itemsOf *shooter.Game
	itemsAt *art.Atlas // the atlas itemSp came from
	band    levels.Band
	harmLen float64 // ticks a harm card shows
}

// NewShooter returns a view for pack on a canvasW×canvasH canvas (the
// game's canvas, e.g. 1920×1080 or 1080×1920). It creates no image until
// the first Draw.
func NewShooter(pack *levels.Pack, canvasW, canvasH int) *ShooterView {
	return &ShooterView{base: newBase(pack, canvasW, canvasH), harmLen: 2 * game.TPS}
}

// Feed takes the events of one Step (call it after every Step, with
// g.Events(), even when empty) and starts their effects: stamps, scores,
// particles, the net, the safe-cue and harm cards, the edge pulse and the
// boss banner. It keeps nothing from events after returning.
func (v *ShooterView) Feed(events []game.Event) {
	v.advance()
	now := float64(v.ticks)
	for i := range events {
		e := &events[i]
		switch e.Kind {
		case game.DrugSeized:
			v.fx.add(effect{kind: fxStamp, start: now, x: e.X, y: e.Y, value: int(art.StampSeized)})
			v.score(now, e)
			v.fx.burst(now, e.X, e.Y, 14, art.Star, gold, 420)
		case game.TraffickerArrested:
			v.fx.add(effect{kind: fxStamp, start: now, x: e.X, y: e.Y - 40, value: int(art.StampArrested)})
			v.score(now, e)
			v.fx.burst(now, e.X, e.Y-60, 12, art.Star, color.RGBA{0x8F, 0xC8, 0xFF, 0xFF}, 380)
		case game.LookalikeHit:
			v.fx.add(effect{kind: fxCard, start: now, x: e.X, y: e.Y, item: e.Item, ikind: e.ItemKind, ok: true})
			v.fx.burst(now, e.X, e.Y, 8, art.Drop, color.RGBA{0xBF, 0xF0, 0xC8, 0xFF}, 220)
		case game.PlayerHit:
			v.fx.add(effect{kind: fxEdge, start: now})
			v.fx.add(effect{kind: fxCard, start: now, item: e.Item, ikind: e.ItemKind})
		case game.BossAppeared:
			v.fx.add(effect{kind: fxBanner, start: now})
		case game.BossHit:
			v.score(now, e)
			v.fx.burst(now, e.X, e.Y-60, 10, art.Star, gold, 360)
		case game.BossCaught:
			v.fx.add(effect{kind: fxStamp, start: now, x: v.cw / 2, y: v.ch * 0.45, value: int(art.StampCaught)})
			v.score(now, e)
			for k := 0; k < 4; k++ {
				v.fx.burst(now, v.cw*(0.2+0.2*float64(k)), v.ch*0.3, 18, art.Star, []color.RGBA{gold, {0xFF, 0x6F, 0x91, 0xFF}, {0x8F, 0xC8, 0xFF, 0xFF}, {0x9B, 0xE5, 0x6A, 0xFF}}[k], 600)
			}
		}
	}
}

func (v *ShooterView) score(now float64, e *game.Event) {
	if e.Points == 0 {
		return
	}
	s := "+" + strconv.Itoa(e.Points)
	if e.Points < 0 {
		s = strconv.Itoa(e.Points)
	}
	v.fx.add(effect{kind: fxScore, start: now, x: e.X, y: e.Y, label: s, value: e.Points})
}

// Draw draws g's current state into dst (the whole canvas, scaled to dst's
// bounds). alpha in [0, 1] is how far the display is between the last Step
// and the next, for smooth motion at any refresh rate. Draw reads g only.
func (v *ShooterView) Draw(dst *ebiten.Image, g *shooter.Game, alpha float64) {
	v.begin(dst, alpha)
	v.band = g.Band()
	if s := g.Settings().HarmCardTicks; s > 0 {
		v.harmLen = float64(s)
	}
	lay := g.Layout()
	v.geom = art.SceneGeom{W: v.cw, H: v.ch, RiverTop: lay.RiverTop, RiverBot: lay.RiverBot, BankLeft: lay.BankLeft, BankRight: lay.BankRight}
	if v.calm && v.shared != nil && v.shared.Gradual && !v.shared.Warmed() {
		// The attract loop right after start: the river alone while the
		// shared atlas warms a few sprites a frame (see Art). The scenery
		// and then the deck render a part a frame too: its gradients show
		// until its shapes are all painted.
		if v.drawScenery(dst) {
			v.atlas.DeckStep(v.cw, v.ch-lay.RiverBot)
		}
		return
	}
	v.items(g)
	v.drawRiver(dst)
	ents := g.Entities()
	// far to near: the boss, traffickers, look-alikes, packages
	if bs := g.Boss(); bs != nil && bs.Alive {
		v.drawBoss(dst, bs, g)
	}
	for i := range ents {
		if e := &ents[i]; e.Alive && e.Kind == shooter.Trafficker {
			v.drawTrafficker(dst, e, g)
		}
	}
	for i := range ents {
		if e := &ents[i]; e.Alive && e.Kind == shooter.Lookalike {
			v.drawItem(dst, e, g)
		}
	}
	v.drawDeckAt(dst, lay.RiverBot)
	for i := range ents {
		if e := &ents[i]; e.Alive && e.Kind == shooter.Package {
			v.drawItem(dst, e, g)
		}
	}
	v.drawEdge(dst)
	v.drawEffects(dst)
	v.drawCards(dst)
	elapsed := 0.0
	if d := g.Duration(); d > 0 {
		elapsed = float64(g.Tick()) / float64(d)
	}
	v.drawHUD(dst, g.Score(), g.Combo(), g.Health(), g.MaxHealth(), elapsed)
}

// items resolves each item's sprite once per game.
func (v *ShooterView) items(g *shooter.Game) {
	if v.itemsOf == g && v.itemsAt == v.atlas && len(v.itemSp) == len(g.Items()) && (len(v.itemSp) == 0 || v.itemSp[0] != nil) {
		return
	}
	v.itemsOf, v.itemsAt = g, v.atlas
	v.itemSp = v.itemSp[:0]
	for _, it := range g.Items() {
		v.itemSp = append(v.itemSp, v.iconFor(it.ID, it.Kind))
	}
}

// drawRiver draws the background, drifting clouds, distant patrol boats
// with the four flags, ripples and sparkles.
func (v *ShooterView) drawRiver(dst *ebiten.Image) {
	g := v.geom
	v.drawScenery(dst)
	t := v.secs()
	for i := 0; i < 4; i++ {
		speed := 8 + 5*float64(i)
		x := math.Mod(float64(i)*530+t*speed, v.cw+600) - 300
		y := g.RiverTop*(0.18+0.17*float64(i%3)) + 6*sin(t*0.3+float64(i))
		id := art.Cloud1
		if i%2 == 1 {
			id = art.Cloud2
		}
		v.sprite(dst, id, x, y, 0.8+0.2*float64(i%2), 0, 0.95)
	}
	// the joint patrol: boats far off, each flying one country's flag
	for i, fl := range art.FlagIDs {
		fx := []float64{0.2, 0.4, 0.6, 0.8}[i]
		if v.ch > v.cw {
			fx = []float64{0.22, 0.42, 0.62, 0.82}[i]
		}
		x := v.cw*fx + 30*sin(t*0.15+float64(i)*1.3)
		y := g.RiverTop + 26 + 4*float64(i%2)
		bob := 2.5 * sin(t*1.6+float64(i))
		k := 0.55
		v.sprite(dst, art.PatrolBoat, x, y+bob, k, 0.02*sin(t*1.3+float64(i)), 1)
		mx, my := x+art.PatrolMastX*k, y+bob+art.PatrolMastY*k
		v.flag(dst, fl, mx, my, 0.75, t+float64(i))
	}
	// ripples and sparkles on the water
	for i := 0; i < 26; i++ {
		fi := float64(i)
		depth := math.Mod(fi*0.377, 1)
		y := g.RiverTop + 40 + depth*(g.RiverBot-g.RiverTop-40)
		x := math.Mod(fi*211+t*(10+20*depth), v.cw+120) - 60
		ph := math.Mod(t*0.5+fi*0.31, 1)
		a := float32(math.Sin(ph * math.Pi))
		v.sprite(dst, art.Ripple, x, y, 0.6+1.1*depth, 0, a*0.7)
	}
	for i := 0; i < 18; i++ {
		fi := float64(i)
		y := g.RiverTop + 20 + math.Mod(fi*0.618, 1)*(g.RiverBot-g.RiverTop)*0.8
		x := v.cw*0.62 + (math.Mod(fi*0.45, 1)-0.5)*v.cw*0.5*(0.3+(y-g.RiverTop)/(g.RiverBot-g.RiverTop))
		tw := math.Max(0, math.Sin(t*2.2+fi*1.7))
		v.sprite(dst, art.Sparkle, x, y, 0.5+0.7*tw, 0, float32(tw))
	}
}

// flag draws a flag whose hoist top is at (x, y), waving with time t.
func (v *base) flag(dst *ebiten.Image, id art.ID, x, y, k, t float64) {
	sp := v.atlas.Get(id)
	wave := 1 + 0.06*sin(t*4)
	v.d.DrawTinted(dst, sp, v.px(x), v.py(y), k*wave, k*(1+0.04*sin(t*4+1)), 0.04*sin(t*3), 1, 1, 1, 1)
}

// drawDeckAt draws the patrol boat's bow from canvas y top down, and its
// four flags on two masts.
func (v *ShooterView) drawDeckAt(dst *ebiten.Image, top float64) {
	h := v.ch - top
	t := v.secs()
	bob := 3 * sin(t*1.2)
	mast := v.atlas.Mast(h)
	for _, fx := range art.DeckMasts {
		v.d.Draw(dst, mast, v.px(v.cw*fx), v.py(top+bob), 1, 0, 1)
	}
	v.d.Draw(dst, v.atlas.Deck(v.cw, h), v.px(0), v.py(top+bob), 1, 0, 1)
	for m, fx := range art.DeckMasts {
		x := v.cw * fx
		for k := 0; k < 2; k++ {
			id := art.FlagIDs[m*2+k]
			v.flag(dst, id, x+4, top+bob-art.MastHeight+8+float64(k)*50, 1.1, t*1.3+float64(m*2+k))
		}
	}
}
