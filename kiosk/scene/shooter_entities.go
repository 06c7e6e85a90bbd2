package scene

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/shooter"
)

// ticksIn returns how far (0–1) e is through its current timed state.
func ticksIn(now float64, e *shooter.Entity) float64 {
	if e.Until <= e.StateTick {
		return 1
	}
	return clamp01((now - float64(e.StateTick)) / float64(e.Until-e.StateTick))
}

// drawTrafficker draws a smuggler rising from, standing in or sinking back
// into his cover, throwing, or arrested under a net.
func (v *ShooterView) drawTrafficker(dst *ebiten.Image, e *shooter.Entity, g *shooter.Game) {
	now := float64(g.Tick()) + (v.now - math.Floor(v.now))
	bob := 3 * sin(e.Phase*2*math.Pi*0.6)
	x, y := e.X, e.Y+bob
	var rise float64 // 1 standing, 0 hidden
	switch e.State {
	case shooter.Appearing:
		rise = easeOut(ticksIn(now, e))
	case shooter.Leaving:
		rise = 1 - easeOut(ticksIn(now, e))
	default:
		rise = 1
	}
	// the line the cover hides below, canvas y
	coverY := y + 40
	coverID := art.BushLeft
	switch e.Cover {
	case shooter.Boat:
		coverY = y + 62
		coverID = art.SmallBoat
	case shooter.BankRight:
		coverID = art.BushRight
	}
	sink := (1 - rise) * 190
	if e.State == shooter.Arrested {
		t := ticksIn(now, e)
		sp := v.atlas.Get(art.TraffickerCaught)
		v.figure(dst, sp, x, y+10, coverY)
		// the net closes over him in the first fifth of the arrest
		nk := 1.5 - 0.5*easeOut(t*5)
		v.sprite(dst, art.Net, x, y, nk, 0, float32(0.95*clamp01(t*6)))
	} else {
		id := art.Trafficker
		if e.ThrowTick >= 0 && g.Tick()-e.ThrowTick < game.Seconds(0.45) {
			id = art.TraffickerThrow
		}
		v.figure(dst, v.atlas.Get(id), x, y+sink, coverY)
	}
	switch e.Cover {
	case shooter.Boat:
		v.sprite(dst, art.SmallBoat, x-10, y+100, 0.9, 0.03*sin(e.Phase*3), 1)
	case shooter.BankLeft, shooter.BankRight:
		v.sprite(dst, coverID, x, y+110, 0.85, 0.02*sin(v.secs()*1.1+e.X), 1)
	}
}

// figure draws sp anchored at canvas (x, y), cut off below canvas coverY.
func (v *ShooterView) figure(dst *ebiten.Image, sp *art.Sprite, x, y, coverY float64) {
	topY := y - sp.AY/sp.Scale // canvas y of the image's top edge
	hImg := float64(sp.Img.Bounds().Dy()) / sp.Scale
	frac := (coverY - topY) / hImg
	if frac <= 0 {
		return
	}
	img := v.atlas.Top(sp, frac)
	cut := art.Sprite{Img: img, AX: sp.AX, AY: sp.AY, Scale: sp.Scale}
	v.d.Draw(dst, &cut, v.px(x), v.py(y), v.sc/sp.Scale, 0, 1)
}

// drawBoss draws Naw Kham's boat with its banner, him on deck (or caught),
// and the hits still needed.
func (v *ShooterView) drawBoss(dst *ebiten.Image, e *shooter.Entity, g *shooter.Game) {
	t := v.secs()
	bob := 4 * sin(t*1.4)
	x, y := e.X+e.VX*(v.now-math.Floor(v.now))/game.TPS, e.Y+bob
	hit := 0.0
	if e.State != shooter.Arrested && g.Tick()-e.StateTick < 8 && e.State == shooter.Active {
		hit = 1
	}
	tilt := 0.02*sin(t*1.1) + 0.03*hit
	v.sprite(dst, art.BossBoat, x, y, 1, tilt, 1)
	// Naw Kham stands on the after deck, behind the gunwale (cut at y-32)
	if e.State == shooter.Arrested {
		v.figure(dst, v.atlas.Get(art.BossCaught), x+80, y-120, y-30)
		v.sprite(dst, art.Handcuffs, x+80, y-230, 0.8, 0.2*sin(t*4), 1)
	} else {
		v.figure(dst, v.atlas.Get(art.BossFigure), x+80, y-128, y-30)
	}
	// the banner flies from the stern pole
	v.d.DrawTinted(dst, v.atlas.Get(art.BossBanner), v.px(x+184+120*0.8), v.py(y-170), 0.8*(1+0.03*sin(t*3)), 0.8, 0.03*sin(t*2.3), 1, 1, 1, 1)
	// hits still needed: pips under the boat
	if e.State != shooter.Arrested && e.HP > 0 {
		total := max(g.Settings().BossHits, e.HP)
		w := 26.0
		x0 := x - float64(total-1)*w/2
		v.panel(dst, x, y+100, float64(total)*w+30, 40, 20, hudFill, hudBorder, 0.9)
		for i := 0; i < total; i++ {
			c := gold
			a := float32(1)
			if i >= e.HP {
				c, a = dimInk, 0.9
			}
			r, gg, b := art.RGBA(c)
			v.d.DrawTinted(dst, v.atlas.Get(art.Star), v.px(x0+float64(i)*w), v.py(y+100), 0.9, 0.9, 0, r, gg, b, a)
		}
	}
}

// drawItem draws a package or a look-alike in any of its states.
func (v *ShooterView) drawItem(dst *ebiten.Image, e *shooter.Entity, g *shooter.Game) {
	if e.Item < 0 || e.Item >= len(v.itemSp) || v.itemSp[e.Item] == nil {
		return
	}
	sp := v.itemSp[e.Item]
	now := float64(g.Tick()) + (v.now - math.Floor(v.now))
	a := v.now - math.Floor(v.now)
	x := e.X + e.VX*a/game.TPS
	y := e.Y + e.VY*a/game.TPS
	rot := e.Rot + e.Spin*a/game.TPS
	size := 0.85
	if e.Kind == shooter.Package {
		size = 0.75 + 0.6*e.Progress
	} else {
		y += 5 * sin(e.Phase*2*math.Pi*0.5) // bobbing on the water
		rot = 0.08 * sin(e.Phase*2)
	}
	switch e.State {
	case shooter.Flying:
		v.icon(dst, sp, x, y, size, rot, 1)
	case shooter.Seized:
		// hazard rim flashes, the item snaps into the evidence bag
		t := ticksIn(now, e)
		v.sprite(dst, art.HazardRim, x, y, size*(1+0.2*t), 0, float32(1-t))
		bag := easeOut(t * 2)
		v.sprite(dst, art.EvidenceBag, x, y+10, 0.9*bag, 0, float32(clamp01(1.4-t)))
		v.icon(dst, sp, x, y-10*t, size*(1-0.55*easeOut(t)), rot*(1-t), float32(clamp01(1.6-1.6*t)))
	case shooter.HitPlayer:
		t := ticksIn(now, e)
		k := size * (1 + 0.3*t)
		v.sprite(dst, art.HazardRim, x, y, k, 0, 1)
		v.icon(dst, sp, x, y, k, rot, float32(1-0.5*t))
		v.sprite(dst, art.BadgeWrong, x+50*k, y-50*k, 0.9, 0, 1)
	case shooter.Revealed:
		v.sprite(dst, art.SafeRim, x, y, size, v.secs(), 1)
		v.icon(dst, sp, x, y, size*1.1, 0, 1)
		v.sprite(dst, art.BadgeOK, x+48, y-48, 0.8, 0, 1)
		tx := math.Max(margin+125, math.Min(v.cw-margin-125, x))
		v.panel(dst, tx, y+86, 250, 52, 26, safeGrn, hudBorder, 0.95)
		v.text(dst, pick(v.lang, "这是正常物品", "It's safe"), tx, y+86, 30, true, art.White, text.AlignCenter, text.AlignCenter)
	default:
		v.icon(dst, sp, x, y, size, rot, 1)
	}
}

// drawCards draws the harm card or the safe-cue card.
func (v *ShooterView) drawCards(dst *ebiten.Image) {
	e := &v.fx.card
	if e.kind != fxCard {
		return
	}
	if e.ok {
		v.openCard(&v.safe, e, func() string {
			if l := v.pack.Lookalike(e.item); l != nil {
				return v.tr(l.SafeCue)
			}
			return ""
		}, 2.6*game.TPS)
		v.safe.title = "这是正常物品"
		if v.lang == "en" {
			v.safe.title = "This one is safe"
		}
		v.drawCard(dst, &v.safe)
		return
	}
	v.openCard(&v.harm, e, func() string {
		if d := v.pack.Drug(e.item); d != nil {
			return v.tr(d.HarmFor(v.band))
		}
		return ""
	}, v.harmLen)
	v.drawCard(dst, &v.harm)
}
