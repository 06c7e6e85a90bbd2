package ai_test

import (
	"testing"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/ai"
	"github.com/playhall/playhall/game/gametest"
	"github.com/playhall/playhall/game/round"
	sortgame "github.com/playhall/playhall/game/sort"
	"github.com/playhall/playhall/levels"
)

func play(t *testing.T, lv levels.Level, seed uint64, sk ai.Skill) (*game.Tally, uint64) {
	t.Helper()
	p := gametest.Pack(lv)
	g, err := round.New(round.Config{Pack: p, Level: lv.ID, Band: levels.BandJunior, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	var tl game.Tally
	round.Run(g, ai.New(seed, sk), &tl, nil, 0)
	return &tl, g.Hash()
}

func TestAIDeterministic(t *testing.T) {
	for _, lv := range []levels.Level{gametest.Shooter(90, true), gametest.Sort(60)} {
		_, a := play(t, lv, 4, ai.Visitor)
		_, b := play(t, lv, 4, ai.Visitor)
		_, c := play(t, lv, 5, ai.Visitor)
		if a != b || a == c {
			t.Errorf("%s: same seed %x/%x, other seed %x", lv.ID, a, b, c)
		}
	}
}

// TestSkillOrdersOutcomes: over many seeds the expert seizes a larger share
// of drugs, raises fewer false alarms and scores more than the novice, in
// both games; and the expert catches the boss.
func TestSkillOrdersOutcomes(t *testing.T) {
	type agg struct{ score, seized, missed, fa, actions, boss int }
	run := func(lv levels.Level, sk ai.Skill) agg {
		var a agg
		for s := uint64(1); s <= 12; s++ {
			tl, _ := play(t, lv, s, sk)
			a.score += tl.Score
			a.seized += tl.Seized
			a.missed += tl.Missed
			a.fa += tl.FalseAlarms
			a.actions += tl.Actions
			if tl.BossCaught {
				a.boss++
			}
		}
		return a
	}
	shoot := gametest.Shooter(90, true)
	shoot.Difficulty.Health = 6
	for _, lv := range []levels.Level{shoot, gametest.Sort(90)} {
		n, e := run(lv, ai.Novice), run(lv, ai.Expert)
		rate := func(a agg) float64 { return float64(a.seized) / float64(max(a.seized+a.missed, 1)) }
		if !(e.score > n.score && rate(e) > rate(n) && float64(e.fa)/float64(max(e.actions, 1)) < float64(n.fa)/float64(max(n.actions, 1))) {
			t.Errorf("%s: novice %+v expert %+v", lv.ID, n, e)
		}
		if lv.Mode == levels.ModeShooter && e.boss < 10 {
			t.Errorf("expert caught the boss in %d of 12 rounds", e.boss)
		}
		if n.fa == 0 {
			t.Errorf("%s: the novice never made a false alarm", lv.ID)
		}
	}
}

func TestAINextAllocatesNothing(t *testing.T) {
	for _, lv := range []levels.Level{gametest.Shooter(600, true), gametest.Sort(600)} {
		p := gametest.Pack(lv)
		g, _ := round.New(round.Config{Pack: p, Level: lv.ID, Band: levels.BandJunior, Seed: 1})
		pl := ai.New(1, ai.Expert)
		buf := make([]game.PointerEvent, 0, 4)
		for i := 0; i < 600; i++ {
			buf = pl.Next(g, buf)
			g.Step(buf)
		}
		if n := testing.AllocsPerRun(500, func() { buf = pl.Next(g, buf); g.Step(buf) }); n != 0 {
			t.Errorf("%s: AI+Step allocate %v per tick", lv.ID, n)
		}
	}
}

func TestTwoAIsAsTwoFingers(t *testing.T) {
	for _, lv := range []levels.Level{gametest.Shooter(60, true), gametest.Sort(60)} {
		p := gametest.Pack(lv)
		g, _ := round.New(round.Config{Pack: p, Level: lv.ID, Band: levels.BandJunior, Seed: 2})
		a, b := ai.New(1, ai.Visitor), ai.New(2, ai.Visitor)
		b.ID = 1
		var tl game.Tally
		byPointer := map[int]int{}
		var ba, bb []game.PointerEvent
		for !g.Done() {
			ba = a.Next(g, ba)
			bb = b.Next(g, bb)
			g.Step(append(append([]game.PointerEvent(nil), ba...), bb...))
			tl.Add(g.Events())
			for _, e := range g.Events() {
				if e.Pointer >= 0 && e.Kind != game.TapMissed {
					byPointer[e.Pointer]++
				}
			}
		}
		if byPointer[0] == 0 || byPointer[1] == 0 {
			t.Errorf("%s: outcomes by pointer %v", lv.ID, byPointer)
		}
	}
}

// TestSortAIGrabsOnlyWhatIsOnScreen: in the sort game the AI grabs, like a
// visitor, only items that have fully entered the belt, with a finger on
// the screen. (It used to grab items still off-screen at x < 0, as soon as
// its reaction time had passed after the spawn at x = -90.)
func TestSortAIGrabsOnlyWhatIsOnScreen(t *testing.T) {
	lv := gametest.Sort(60)
	p := gametest.Pack(lv)
	for _, c := range []game.Canvas{game.Landscape, game.Portrait} {
		for _, sk := range []ai.Skill{ai.Expert, ai.Visitor, ai.Novice} {
			for seed := uint64(1); seed <= 4; seed++ {
				gg, err := round.New(round.Config{Pack: p, Level: lv.ID, Band: levels.BandJunior, Seed: seed, Canvas: c})
				if err != nil {
					t.Fatal(err)
				}
				g := gg.(*sortgame.Game)
				pl := ai.New(seed, sk)
				var buf []game.PointerEvent
				grabs := 0
				for !g.Done() {
					buf = pl.Next(g, buf)
					for _, e := range buf {
						if e.Kind == game.Down && (e.X < 0 || e.X > c.W || e.Y < 0 || e.Y > c.H) {
							t.Fatalf("canvas %v, skill %+v, seed %d, tick %d: finger down off the screen at (%.1f, %.1f)", c, sk, seed, g.Tick(), e.X, e.Y)
						}
					}
					// where the items are as the AI presses
					xs := make([]float64, len(g.Items()))
					for i, it := range g.Items() {
						xs[i] = it.X
					}
					g.Step(buf)
					for _, e := range buf {
						if e.Kind != game.Down {
							continue
						}
						i := g.Held(pl.ID)
						if i < 0 {
							continue // missed the item
						}
						grabs++
						it := &g.Items()[i]
						if left := xs[i] - g.Shapes()[it.Shape].Bound; left < 0 {
							t.Fatalf("canvas %v, skill %+v, seed %d, tick %d: grabbed %s whose left edge was at x=%.1f, not yet on screen", c, sk, seed, g.Tick(), it.ItemID, left)
						}
					}
				}
				if grabs < 5 {
					t.Errorf("canvas %v, skill %+v, seed %d: only %d grabs in a 60 s round", c, sk, seed, grabs)
				}
			}
		}
	}
}
