package shooter

import (
	"math"

	"github.com/playhall/playhall/game"
)

const dt = 1.0 / game.TPS

func hypot(x, y float64) float64 { return math.Sqrt(x*x + y*y) }

// move advances every entity by one tick and runs their timed state changes.
func (g *Game) move() {
	t := g.tick
	W := g.cfg.Canvas.W
	for i := range g.pool.used() {
		e := &g.pool.ents[i]
		if !e.Alive {
			continue
		}
		e.Phase += dt
		switch e.Kind {
		case Trafficker:
			g.moveTrafficker(e, i, t)
		case Package:
			switch e.State {
			case Flying:
				e.X += e.VX * dt
				e.Y += e.VY * dt
				e.Rot += e.Spin * dt
				e.Progress += e.rate * dt
				if e.Progress >= 1 {
					g.hitPlayer(e)
				}
			case Seized, HitPlayer:
				if t >= e.Until {
					g.pool.release(i)
				}
			}
		case Lookalike:
			e.X += e.VX * dt
			if e.X < -120 || e.X > W+120 {
				if e.State == Flying {
					g.emit(game.Event{Kind: game.LookalikePassed, Item: e.ItemID, ItemKind: e.ItemKind, Entity: e.Serial, X: e.X, Y: e.Y, Pointer: -1, Combo: g.combo})
				}
				g.pool.release(i)
			}
		case Boss:
			g.moveBoss(e)
		}
	}
}

func (g *Game) setState(e *Entity, s State, until int) {
	e.State = s
	e.StateTick = g.tick
	e.Until = until
}

func (g *Game) moveTrafficker(e *Entity, i, t int) {
	if t < e.Until {
		return
	}
	switch e.State {
	case Appearing:
		active := max(minActive, activeAtOne/g.set.SpeedScale)
		g.setState(e, Active, t+game.Seconds(active))
	case Active:
		g.setState(e, Leaving, t+game.Seconds(leaveSecs))
		g.emit(game.Event{Kind: game.TraffickerEscaped, Entity: e.Serial, X: e.X, Y: e.Y, Pointer: -1, Combo: g.combo})
	case Leaving, Arrested:
		g.pool.release(i)
	}
}

func (g *Game) moveBoss(e *Entity) {
	switch e.State {
	case Appearing:
		e.X += e.VX * dt
		if e.X <= e.homeX {
			e.X = e.homeX
			e.VX = -bossPatrol * g.set.SpeedScale * g.lay.ScaleX
			g.setState(e, Active, 0)
		}
	case Active:
		e.X += e.VX * dt
		span := 0.25 * g.cfg.Canvas.W
		if (e.X < e.homeX-span && e.VX < 0) || (e.X > e.homeX+span && e.VX > 0) {
			e.VX = -e.VX
		}
	}
}

// hitPlayer: a package reached the deck.
func (g *Game) hitPlayer(e *Entity) {
	e.Progress = 1
	e.VX, e.VY, e.Spin = 0, 0, 0
	g.setState(e, HitPlayer, g.tick+game.Seconds(hitSecs))
	g.combo = 0
	g.health = max(g.health-1, 0) // two packages can land in one tick
	ev := game.Event{Item: e.ItemID, ItemKind: e.ItemKind, Entity: e.Serial, X: e.X, Y: e.Y, Pointer: -1}
	ev.Kind = game.DrugMissed
	g.emit(ev)
	ev.Kind = game.PlayerHit
	ev.Value = g.health
	g.emit(ev)
	g.harm = HarmCard{Active: true, Item: e.ItemID, Serial: e.Serial, Start: g.tick, Until: g.tick + g.set.HarmCardTicks}
}

// checkEnd ends the round when health runs out, time is up, or (levels
// without a boss) every wave is done and nothing threatens any more.
func (g *Game) checkEnd() {
	switch {
	case g.health <= 0:
		g.end(game.EndHealthOut)
	case g.tick+1 >= g.endTick:
		g.end(game.EndTimeUp)
	case !g.hasBoss && g.tick+1 >= g.lastWave && !g.threats():
		g.end(game.EndCleared)
	}
}

func (g *Game) threats() bool {
	for i := range g.pool.used() {
		e := &g.pool.ents[i]
		if e.Alive && e.Kind != Lookalike && e.tappable() {
			return true
		}
	}
	return false
}

func (g *Game) end(r game.EndReason) {
	g.done = true
	g.reason = r
	g.emit(game.Event{Kind: game.RoundEnded, Reason: r, Pointer: -1, Combo: g.combo, Value: g.score})
}
