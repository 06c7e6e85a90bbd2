package round_test

import (
	"errors"
	"testing"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/ai"
	"github.com/playhall/playhall/game/gametest"
	"github.com/playhall/playhall/game/replay"
	"github.com/playhall/playhall/game/round"
	"github.com/playhall/playhall/game/shooter"
	sortgame "github.com/playhall/playhall/game/sort"
	"github.com/playhall/playhall/levels"
)

func TestNewPicksTheGame(t *testing.T) {
	p := gametest.Pack(gametest.Shooter(60, true), gametest.Sort(60))
	g, err := round.New(round.Config{Pack: p, Level: "test_shooter"})
	if _, ok := g.(*shooter.Game); !ok || err != nil {
		t.Fatalf("%T %v", g, err)
	}
	g, err = round.New(round.Config{Pack: p, Level: "test_sort", Canvas: game.Portrait})
	if s, ok := g.(*sortgame.Game); !ok || err != nil || s.Canvas() != game.Portrait {
		t.Fatalf("%T %v", g, err)
	}
	if _, err := round.New(round.Config{Pack: p, Level: "nope"}); !errors.Is(err, round.ErrLevel) {
		t.Fatal(err)
	}
	p.Levels[0].Mode = "racing"
	if _, err := round.New(round.Config{Pack: p, Level: "test_shooter"}); !errors.Is(err, round.ErrLevel) {
		t.Fatal(err)
	}
}

func TestRecordVerify(t *testing.T) {
	p := gametest.Pack(gametest.Shooter(60, true), gametest.Sort(60))
	for _, id := range []string{"test_shooter", "test_sort"} {
		c := round.Config{Pack: p, Level: id, Band: levels.BandPrimary, Seed: 77}
		rep, tl, err := round.Record(c, ai.New(77, ai.Visitor))
		if err != nil {
			t.Fatal(err)
		}
		if rep.Ticks == 0 || len(rep.Input) == 0 || !tl.Ended || rep.Mode == "" {
			t.Fatalf("%s: %+v", id, rep.Header)
		}
		g, tl2, err := round.Verify(p, rep)
		if err != nil {
			t.Fatal(err)
		}
		if tl2.Score != tl.Score || tl2.Reason != tl.Reason || !g.Done() {
			t.Fatalf("%s: replayed tally %+v vs %+v", id, tl2, tl)
		}
		// the tally agrees with the game's own score
		switch g := g.(type) {
		case *shooter.Game:
			if g.Score() != tl.Score {
				t.Fatalf("game score %d tally %d", g.Score(), tl.Score)
			}
		case *sortgame.Game:
			if g.Score() != tl.Score {
				t.Fatalf("game score %d tally %d", g.Score(), tl.Score)
			}
		}

		// one moved tap is a regression
		bad := *rep
		bad.Input = append([]replay.Tick(nil), rep.Input...)
		i := len(bad.Input) / 2
		bad.Input[i] = replay.Tick{Tick: bad.Input[i].Tick, Events: []game.PointerEvent{{Kind: game.Down, X: 1, Y: 1}}}
		if _, _, err := round.Verify(p, &bad); !errors.Is(err, replay.ErrHashMismatch) {
			t.Fatalf("%s: tampered replay: %v", id, err)
		}
		// another content version is refused before playing
		other := *rep
		other.ContentVersion = "0000000000000000"
		if _, _, err := round.Verify(p, &other); !errors.Is(err, replay.ErrContentVersion) {
			t.Fatalf("%s: %v", id, err)
		}
	}
}

// TestDefaultPackRoundTrip records and verifies a round of every level of
// the embedded default pack, whatever its content is today.
func TestDefaultPackRoundTrip(t *testing.T) {
	p, err := levels.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, lv := range p.Levels {
		rep, tl, err := round.Record(round.Config{Pack: p, Level: lv.ID, Band: levels.BandJunior, Seed: 9}, ai.New(9, ai.Visitor))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := round.Verify(p, rep); err != nil {
			t.Fatalf("%s: %v", lv.ID, err)
		}
		if !tl.Ended || len(tl.Items) == 0 {
			t.Fatalf("%s: %+v", lv.ID, tl)
		}
	}
}

// BenchmarkPlay3Min plays whole three-minute shooter rounds with the
// Visitor AI: a 180 s level whose boss needs more taps than anyone makes and
// health no one runs out of, so every round lasts until time_up. Reports
// plays per second; target ≥ 50 on one core.
func BenchmarkPlay3Min(b *testing.B) {
	lv := gametest.Shooter(180, true)
	lv.Difficulty.Health = 1000
	lv.Difficulty.BossHits = 1000
	p := gametest.Pack(lv)
	pl := ai.New(0, ai.Visitor)
	var tl game.Tally
	var buf []game.PointerEvent
	ticks := 0
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		g, _ := round.New(round.Config{Pack: p, Level: lv.ID, Band: levels.BandAdult, Seed: uint64(i)})
		pl.Reset(uint64(i))
		tl.Reset()
		buf = round.Run(g, pl, &tl, buf, 0)
		ticks += g.Tick()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "plays/s")
	b.ReportMetric(float64(ticks)/float64(b.N)/game.TPS, "s/play")
}

// BenchmarkPlayDefault plays the default pack's levels in turn with the
// Visitor AI, as kioskctl simulate does.
func BenchmarkPlayDefault(b *testing.B) {
	p, err := levels.Default()
	if err != nil {
		b.Fatal(err)
	}
	pl := ai.New(0, ai.Visitor)
	var tl game.Tally
	var buf []game.PointerEvent
	ticks := 0
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		lv := p.Levels[i%len(p.Levels)]
		g, _ := round.New(round.Config{Pack: p, Level: lv.ID, Band: levels.BandSenior, Seed: uint64(i)})
		pl.Reset(uint64(i))
		tl.Reset()
		buf = round.Run(g, pl, &tl, buf, 0)
		ticks += g.Tick()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "plays/s")
	b.ReportMetric(float64(ticks)/float64(b.N)/game.TPS, "s/play")
}
