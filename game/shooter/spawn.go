package shooter

import "github.com/playhall/playhall/game"

// waveRun is a wave's schedule in ticks and what it has spawned so far.
type waveRun struct {
	start, end  int
	every       int // ticks between item spawns
	nextItem    int
	traffickers int
	trafDone    int
	trafEvery   int
	nextTraf    int
	speed       float64 // canvas px/s after SpeedScale
	share       float64 // look-alike share
	drugs       []int   // indices into Game.items
	looks       []int
	boss        bool
	bossDone    bool
}

// Timings of the figures, in seconds.
const (
	appearSecs   = 0.6
	leaveSecs    = 0.6
	arrestSecs   = 1.5
	seizeSecs    = 0.6
	hitSecs      = 0.4
	minActive    = 3.0
	activeAtOne  = 7.0 // seconds a trafficker stays at SpeedScale 1
	bossArrive   = 260.0
	bossPatrol   = 90.0
	defaultSpeed = 200.0
)

func (g *Game) itemIndex(id string, k game.ItemKind) int { return game.ItemIndex(g.items, id, k) }

func (g *Game) buildWaves() {
	g.waves = make([]waveRun, len(g.cfg.Level.Waves))
	for i, w := range g.cfg.Level.Waves {
		r := &g.waves[i]
		r.start = game.Seconds(w.At)
		r.end = r.start + game.Seconds(w.Duration)
		r.every = max(game.Seconds(w.Every), 1)
		r.nextItem = r.start
		r.traffickers = w.Traffickers
		if w.Traffickers > 0 {
			r.trafEvery = max((r.end-r.start)/w.Traffickers, 1)
		}
		r.nextTraf = r.start
		speed := w.Speed
		if speed <= 0 {
			speed = defaultSpeed
		}
		r.speed = speed * g.set.SpeedScale
		r.share = w.LookalikeShare
		for _, id := range w.Drugs {
			r.drugs = append(r.drugs, g.itemIndex(id, game.Drug))
		}
		for _, id := range w.Lookalikes {
			r.looks = append(r.looks, g.itemIndex(id, game.Lookalike))
		}
		r.boss = w.Boss
		g.hasBoss = g.hasBoss || w.Boss
		g.lastWave = max(g.lastWave, r.end)
	}
}

// spawn runs every wave's schedule for this tick.
func (g *Game) spawn() {
	t := g.tick
	for i := range g.waves {
		w := &g.waves[i]
		if t < w.start || t >= w.end {
			continue
		}
		if w.boss && !w.bossDone {
			w.bossDone = true
			g.spawnBoss()
		}
		if w.trafDone < w.traffickers && t >= w.nextTraf {
			w.trafDone++
			w.nextTraf += w.trafEvery
			g.spawnTrafficker()
		}
		if t >= w.nextItem {
			w.nextItem += w.every
			g.spawnItem(w)
		}
	}
}

func (g *Game) newEntity(k Kind) *Entity {
	e := g.pool.alloc()
	if e == nil {
		return nil
	}
	g.serial++
	e.Serial = g.serial
	e.Kind = k
	e.SpawnTick = g.tick
	e.StateTick = g.tick
	return e
}

func (g *Game) spawnTrafficker() {
	e := g.newEntity(Trafficker)
	if e == nil {
		return
	}
	c, W, l := g.cfg.Canvas, g.cfg.Canvas.W, g.lay
	e.Shape = shapeTrafficker
	e.State = Appearing
	e.Until = g.tick + game.Seconds(appearSecs)
	switch r := g.rng.Float64(); {
	case r < 0.5:
		e.Cover = Boat
		e.X = g.rng.Range(0.15*W, 0.85*W)
		e.Y = g.rng.Range(l.RiverTop+0.05*c.H, l.RiverTop+0.25*c.H)
	case r < 0.75:
		e.Cover = BankLeft
		e.X = l.BankLeft
		e.Y = g.rng.Range(l.RiverTop, l.RiverTop+0.3*c.H)
	default:
		e.Cover = BankRight
		e.X = l.BankRight
		e.Y = g.rng.Range(l.RiverTop, l.RiverTop+0.3*c.H)
	}
	e.homeX = e.X
	g.emit(game.Event{Kind: game.TraffickerAppeared, Entity: e.Serial, X: e.X, Y: e.Y, Pointer: -1, Combo: g.combo})
}

func (g *Game) spawnBoss() {
	e := g.newEntity(Boss)
	if e == nil {
		return
	}
	W := g.cfg.Canvas.W
	e.Shape = shapeBoss
	e.State = Appearing
	e.Cover = Boat
	e.X = W + 260
	e.Y = g.lay.BossY
	e.homeX = 0.5 * W
	e.VX = -bossArrive * g.set.SpeedScale * g.lay.ScaleX
	e.HP = g.set.BossHits
	g.boss = g.pool.index(e)
	g.emit(game.Event{Kind: game.BossAppeared, Entity: e.Serial, X: e.X, Y: e.Y, Pointer: -1, Value: e.HP, Combo: g.combo})
}

func (g *Game) spawnItem(w *waveRun) {
	switch {
	case len(w.looks) > 0 && (len(w.drugs) == 0 || g.rng.Chance(w.share)):
		g.spawnLookalike(w, w.looks[g.rng.Intn(len(w.looks))])
	case len(w.drugs) > 0:
		g.spawnPackage(w, w.drugs[g.rng.Intn(len(w.drugs))])
	}
}

func (g *Game) setItem(e *Entity, item int) {
	it := &g.items[item]
	e.Item = item
	e.ItemID = it.ID
	e.ItemKind = it.Kind
	e.Shape = it.Shape
}

func (g *Game) spawnPackage(w *waveRun, item int) {
	thrower := g.pickThrower()
	e := g.newEntity(Package)
	if e == nil {
		return
	}
	g.setItem(e, item)
	c, l := g.cfg.Canvas, g.lay
	if thrower != nil {
		thrower.ThrowTick = g.tick
		e.Thrower = thrower.Serial
		e.Cover = thrower.Cover
		e.X, e.Y = thrower.X, thrower.Y-40
	} else {
		// thrown from unseen cover on a bank
		e.Cover = BankLeft
		e.X = l.BankLeft
		if g.rng.Chance(0.5) {
			e.Cover = BankRight
			e.X = l.BankRight
		}
		e.Y = g.rng.Range(l.RiverTop, l.RiverTop+0.25*c.H)
	}
	tx := g.rng.Range(0.25*c.W, 0.75*c.W)
	dx, dy := tx-e.X, l.DeckY-e.Y
	e.sx, e.sy = e.X, e.Y
	e.dist = hypot(dx, dy)
	if e.dist < 1 {
		e.dist = 1
	}
	speed := w.speed * l.ScaleY
	e.VX = dx / e.dist * speed
	e.VY = dy / e.dist * speed
	e.rate = speed / e.dist
	e.Spin = g.rng.Range(-3, 3)
	e.State = Flying
	g.emit(game.Event{Kind: game.ItemSpawned, Item: e.ItemID, ItemKind: e.ItemKind, Entity: e.Serial, X: e.X, Y: e.Y, Pointer: -1, Combo: g.combo})
}

// pickThrower returns a random trafficker in view or the active boss (nil
// when nobody is there).
func (g *Game) pickThrower() *Entity {
	n := 0
	for i := range g.pool.used() {
		if g.canThrow(&g.pool.ents[i]) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	k := g.rng.Intn(n)
	for i := range g.pool.used() {
		e := &g.pool.ents[i]
		if g.canThrow(e) {
			if k == 0 {
				return e
			}
			k--
		}
	}
	return nil
}

func (g *Game) canThrow(e *Entity) bool {
	return e.Alive && (e.Kind == Trafficker || e.Kind == Boss) && e.State == Active
}

func (g *Game) spawnLookalike(w *waveRun, item int) {
	e := g.newEntity(Lookalike)
	if e == nil {
		return
	}
	g.setItem(e, item)
	c, l := g.cfg.Canvas, g.lay
	speed := max(w.speed*0.55, 60) * l.ScaleX
	e.X, e.VX = -80, speed
	if g.rng.Chance(0.5) {
		e.X, e.VX = c.W+80, -speed
	}
	e.Y = g.rng.Range(l.RiverTop+0.08*c.H, l.RiverBot-0.08*c.H)
	e.Rot = g.rng.Range(-0.2, 0.2)
	e.State = Flying
	g.emit(game.Event{Kind: game.ItemSpawned, Item: e.ItemID, ItemKind: e.ItemKind, Entity: e.Serial, X: e.X, Y: e.Y, Pointer: -1, Combo: g.combo})
}
