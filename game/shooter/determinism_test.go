package shooter

import (
	"testing"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/gametest"
)

// script is a fixed input: a tap every 23 ticks sweeping the river.
func script(tick int) []game.PointerEvent {
	if tick%23 != 0 {
		return nil
	}
	x := float64(100 + (tick*37)%1700)
	y := float64(300 + (tick*53)%600)
	return tap(x, y)
}

func play(t testing.TB, seed uint64, in func(int) []game.PointerEvent) (uint64, int) {
	g := newTest(t, gametest.Shooter(90, true), seed)
	for !g.Done() {
		g.Step(in(g.Tick()))
	}
	return g.Hash(), g.Tick()
}

func TestDeterminism(t *testing.T) {
	h1, n1 := play(t, 11, script)
	h2, n2 := play(t, 11, script)
	if h1 != h2 || n1 != n2 {
		t.Fatalf("same seed and input: %x@%d vs %x@%d", h1, n1, h2, n2)
	}
	if h3, _ := play(t, 12, script); h3 == h1 {
		t.Fatal("different seed, same hash")
	}
	none := func(int) []game.PointerEvent { return nil }
	if h4, _ := play(t, 11, none); h4 == h1 {
		t.Fatal("different input, same hash")
	}
}

func TestHashCoversState(t *testing.T) {
	g := newTest(t, quiet(), 1)
	e := g.put(Package, "meth", 500, 500)
	h := g.Hash()
	e.X += 1e-9
	if g.Hash() == h {
		t.Fatal("hash ignores a position change")
	}
	e.X -= 1e-9
	g.score++
	if g.Hash() == h {
		t.Fatal("hash ignores the score")
	}
}

func TestStepAllocatesNothing(t *testing.T) {
	g := newTest(t, gametest.Shooter(600, true), 3)
	for i := 0; i < 600; i++ { // warm up: event buffer at its size
		g.Step(script(i))
	}
	var n int
	allocs := testing.AllocsPerRun(1000, func() {
		g.Step(script(n))
		n++
	})
	if allocs != 0 {
		t.Fatalf("Step allocates %v per call", allocs)
	}
	if a := testing.AllocsPerRun(100, func() { g.Hash() }); a != 0 {
		t.Fatalf("Hash allocates %v", a)
	}
}

// fill keeps n entities alive: slow packages and look-alikes and
// traffickers spread over the river.
func fill(g *Game, n int) {
	r := game.NewRNG(uint64(g.Live()))
	for g.Live() < n {
		x, y := r.Range(100, 1800), r.Range(300, 800)
		switch r.Intn(3) {
		case 0:
			g.put(Package, "meth", x, y).VY = 1
		case 1:
			g.put(Lookalike, "rock_sugar", x, y).VX = 1
		default:
			g.put(Trafficker, "", x, y)
		}
	}
}

// BenchmarkStep2000 is one Step with 2,000 live entities and a tap each
// tick (a full hit test over all of them). Target: ≤ 0.2 ms, 0 allocs.
func BenchmarkStep2000(b *testing.B) {
	g := newTest(b, quiet(), 1)
	g.set.Health = 1 << 30
	g.health = 1 << 30 // packages keep landing: the round must not end (a no-op Step)
	g.endTick = 1 << 30
	fill(g, 2000)
	in := tap(10, 10) // misses everything: every entity is tested
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Step(in)
		if g.Live() < 2000 {
			fill(g, 2000)
		}
	}
	b.StopTimer()
	if g.Done() {
		b.Fatalf("the round ended during the benchmark (tick %d): the figure would time a no-op Step", g.Tick())
	}
	b.ReportMetric(float64(g.Live()), "entities")
}

// BenchmarkHash2000 is Hash over 2,000 live entities.
func BenchmarkHash2000(b *testing.B) {
	g := newTest(b, quiet(), 1)
	fill(g, 2000)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		g.Hash()
	}
}
