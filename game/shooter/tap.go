package shooter

import (
	"math"

	"github.com/playhall/playhall/game"
)

// kindRank orders entities drawn on top of each other: when a tap lies
// inside several shapes, the one drawn in front wins.
var kindRank = [...]int{Package: 3, Lookalike: 2, Trafficker: 1, Boss: 0}

// Pick returns the pool index of the entity a tap at (x, y) lands on, or -1.
// A tap inside a shape beats one only within the touch tolerance; among
// shapes containing the tap the front one (package, look-alike, trafficker,
// boss; then the newest) wins; among tolerance hits the nearest outline wins.
// The AI and tests use it to ask what a tap would hit.
func (g *Game) Pick(x, y float64) int {
	tol := g.set.TouchRadius
	best, bestD := -1, math.Inf(1)
	for i := range g.pool.used() {
		e := &g.pool.ents[i]
		if !e.Alive || !e.tappable() {
			continue
		}
		sh := &g.shapes[e.Shape]
		dx, dy := x-e.X, y-e.Y
		b := sh.Bound + tol
		if dx*dx+dy*dy > b*b {
			continue
		}
		d := sh.Dist(x, y, e.X, e.Y, e.Rot)
		if d > tol {
			continue
		}
		if d < 0 {
			d = 0 // inside: rank by drawing order, not depth
		}
		if best < 0 || d < bestD || (d == bestD && g.inFront(e, &g.pool.ents[best])) {
			best, bestD = i, d
		}
	}
	return best
}

func (g *Game) inFront(a, b *Entity) bool {
	if ra, rb := kindRank[a.Kind], kindRank[b.Kind]; ra != rb {
		return ra > rb
	}
	return a.Serial > b.Serial
}

// bonus applies the combo bonus to base points: +10% per good tap in a row
// after the first, at most double.
func bonus(base, combo int) int {
	return base * (10 + min(max(combo-1, 0), 10)) / 10
}

func (g *Game) tap(p *game.PointerEvent) {
	i := g.Pick(p.X, p.Y)
	ev := game.Event{X: p.X, Y: p.Y, Pointer: p.ID}
	if i < 0 {
		g.actions++
		ev.Kind = game.TapMissed
		ev.Combo = g.combo
		g.emit(ev)
		return
	}
	e := &g.pool.ents[i]
	ev.Entity = e.Serial
	ev.Item, ev.ItemKind = e.ItemID, e.ItemKind
	g.actions++
	switch e.Kind {
	case Package:
		g.good++
		g.combo++
		e.VX, e.VY, e.Spin = 0, 0, 0
		g.setState(e, Seized, g.tick+game.Seconds(seizeSecs))
		ev.Kind = game.DrugSeized
		ev.Points = bonus(PointsSeize, g.combo)
	case Trafficker:
		g.good++
		g.combo++
		g.setState(e, Arrested, g.tick+game.Seconds(arrestSecs))
		ev.Kind = game.TraffickerArrested
		ev.Points = bonus(PointsArrest, g.combo)
	case Lookalike:
		g.combo = 0
		g.setState(e, Revealed, 0)
		ev.Kind = game.LookalikeHit
		ev.Points = max(PointsFalseAlarm, -g.score)
	case Boss:
		g.good++
		g.combo++
		e.HP--
		ev.Kind = game.BossHit
		ev.Points = bonus(PointsBossHit, g.combo)
		ev.Value = e.HP
	}
	g.score += ev.Points
	ev.Combo = g.combo
	g.emit(ev)
	if e.Kind == Boss && e.HP <= 0 {
		e.VX = 0
		g.setState(e, Arrested, 0)
		pts := PointsBossCaught + g.health*PointsHealthLeft
		g.score += pts
		g.emit(game.Event{Kind: game.BossCaught, Entity: e.Serial, X: e.X, Y: e.Y, Pointer: p.ID, Points: pts, Combo: g.combo})
		g.end(game.EndBossCaught)
	}
}
