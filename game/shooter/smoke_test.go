package shooter

import (
	"testing"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/gametest"
	"github.com/playhall/playhall/levels"
)

func newTest(t testing.TB, lv levels.Level, seed uint64) *Game {
	t.Helper()
	p := gametest.Pack(lv)
	g, err := New(Config{Pack: p, Level: &p.Levels[0], Band: levels.BandSenior, Seed: seed, Canvas: game.Landscape})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestSmokeRunsToEnd(t *testing.T) {
	g := newTest(t, gametest.Shooter(60, true), 1)
	var tl game.Tally
	for !g.Done() && g.Tick() < 100*game.TPS {
		g.Step(nil)
		tl.Add(g.Events())
	}
	t.Logf("tick %d reason %s tally %+v", g.Tick(), g.Reason(), tl)
}
