package game_test

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/gametest"
	"github.com/playhall/playhall/game/round"
	"github.com/playhall/playhall/game/shooter"
	sortgame "github.com/playhall/playhall/game/sort"
	"github.com/playhall/playhall/levels"
)

// decodeInput turns fuzz bytes into pointer events: 11 bytes per event
// (tick gap, kind, pointer id, x and y as float32 bits), so the fuzzer
// can produce any multi-touch chaos, NaNs included.
func decodeInput(data []byte) [][]game.PointerEvent {
	var ticks [][]game.PointerEvent
	var cur []game.PointerEvent
	for len(data) >= 11 {
		gap, kind, id := int(data[0]%8), game.PointerKind(data[1]%4), int(data[2]%12)
		x := float64(math.Float32frombits(binary.LittleEndian.Uint32(data[3:])))
		y := float64(math.Float32frombits(binary.LittleEndian.Uint32(data[7:])))
		data = data[11:]
		for ; gap > 0; gap-- {
			ticks = append(ticks, cur)
			cur = nil
		}
		cur = append(cur, game.PointerEvent{Kind: kind, ID: id, X: x, Y: y})
	}
	return append(ticks, cur)
}

func event(gap, kind, id byte, x, y float32) []byte {
	b := []byte{gap, kind, id, 0, 0, 0, 0, 0, 0, 0, 0}
	binary.LittleEndian.PutUint32(b[3:], math.Float32bits(x))
	binary.LittleEndian.PutUint32(b[7:], math.Float32bits(y))
	return b
}

// FuzzGames plays both games with arbitrary pointer input and checks the
// invariants the kiosk relies on: no panic, score never negative, health
// within its range, no entity off the canvas by more than its spawn margin,
// the tally agreeing with the game's score, and the same input giving the
// same hash twice.
func FuzzGames(f *testing.F) {
	f.Add(append(event(1, 1, 0, 960, 540), event(0, 3, 0, 960, 540)...), uint64(1))
	f.Add(append(append(event(0, 1, 0, 500, 350), event(2, 2, 0, 500, 900)...), event(1, 3, 0, 500, 900)...), uint64(2))
	f.Add(append(event(0, 1, 3, float32(math.NaN()), 1), event(0, 1, 4, 1e30, -1e30)...), uint64(3))
	f.Add(append(append(event(0, 1, 1, 300, 350), event(0, 1, 2, 300, 350)...), event(5, 1, 1, 1600, 350)...), uint64(4))
	p := gametest.Pack(gametest.Shooter(40, true), gametest.Sort(40))
	f.Fuzz(func(t *testing.T, data []byte, seed uint64) {
		ticks := decodeInput(data)
		for _, id := range []string{"test_shooter", "test_sort"} {
			run := func() uint64 {
				g, err := round.New(round.Config{Pack: p, Level: id, Band: levels.BandPrimary, Seed: seed})
				if err != nil {
					t.Fatal(err)
				}
				var tl game.Tally
				for !g.Done() {
					var in []game.PointerEvent
					if g.Tick() < len(ticks) {
						in = ticks[g.Tick()]
					}
					g.Step(in)
					tl.Add(g.Events())
					check(t, g, &tl)
				}
				return g.Hash()
			}
			if a, b := run(), run(); a != b {
				t.Fatalf("%s: same input, hashes %x and %x", id, a, b)
			}
		}
	})
}

func check(t *testing.T, g game.Game, tl *game.Tally) {
	switch g := g.(type) {
	case *shooter.Game:
		if g.Score() < 0 || g.Score() != tl.Score || g.Health() > g.MaxHealth() || g.Health() < 0 {
			t.Fatalf("tick %d: score %d (tally %d) health %d/%d", g.Tick(), g.Score(), tl.Score, g.Health(), g.MaxHealth())
		}
		c := g.Canvas()
		for _, e := range g.Entities() {
			if e.Alive && (math.IsNaN(e.X+e.Y) || e.X < -400 || e.X > c.W+400 || e.Y < -400 || e.Y > c.H+400) {
				t.Fatalf("tick %d: %v at %v,%v", g.Tick(), e.Kind, e.X, e.Y)
			}
		}
	case *sortgame.Game:
		if g.Score() < 0 || g.Score() != tl.Score {
			t.Fatalf("tick %d: score %d tally %d", g.Tick(), g.Score(), tl.Score)
		}
		c := g.Canvas()
		for _, it := range g.Items() {
			if it.Alive && (math.IsNaN(it.X+it.Y) || it.X < -400 || it.X > c.W+400 || it.Y < -400 || it.Y > c.H+400) {
				t.Fatalf("tick %d: item at %v,%v", g.Tick(), it.X, it.Y)
			}
		}
	}
}
