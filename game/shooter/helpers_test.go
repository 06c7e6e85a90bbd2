package shooter

import (
	"testing"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/gametest"
	"github.com/playhall/playhall/levels"
)

func newTest(t testing.TB, lv levels.Level, seed uint64) *Game {
	t.Helper()
	return newTestCanvas(t, lv, seed, game.Landscape)
}

func newTestCanvas(t testing.TB, lv levels.Level, seed uint64, c game.Canvas) *Game {
	t.Helper()
	p := gametest.Pack(lv)
	g, err := New(Config{Pack: p, Level: &p.Levels[0], Band: levels.BandSenior, Seed: seed, Canvas: c, MaxEntities: 4096})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// quiet returns a 60 s level whose only wave starts after the round ends, so
// a test places every entity itself.
func quiet() levels.Level {
	l := gametest.Shooter(60, false)
	l.Waves[0].At = 1000
	return l
}

// put places an entity: packages and look-alikes flying still, traffickers
// active for a long time, the boss active.
func (g *Game) put(k Kind, item string, x, y float64) *Entity {
	e := g.newEntity(k)
	e.X, e.Y = x, y
	switch k {
	case Package, Lookalike:
		ik := game.Drug
		if k == Lookalike {
			ik = game.Lookalike
		}
		g.setItem(e, g.itemIndex(item, ik))
		e.State = Flying
		e.sx, e.sy, e.dist = x, y, 1000
	case Trafficker:
		e.Shape = shapeTrafficker
		e.State = Active
		e.Until = 1 << 30
	case Boss:
		e.Shape = shapeBoss
		e.State = Active
		e.HP = g.set.BossHits
		e.homeX = x
		g.boss = e.slot
	}
	return e
}

func tap(x, y float64) []game.PointerEvent {
	return []game.PointerEvent{{Kind: game.Down, X: x, Y: y}, {Kind: game.Up, X: x, Y: y}}
}

func kinds(evs []game.Event) []game.EventKind {
	var k []game.EventKind
	for _, e := range evs {
		k = append(k, e.Kind)
	}
	return k
}

func find(evs []game.Event, k game.EventKind) *game.Event {
	for i := range evs {
		if evs[i].Kind == k {
			return &evs[i]
		}
	}
	return nil
}
