package sort

import (
	"errors"
	"slices"
	"testing"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/gametest"
	"github.com/playhall/playhall/levels"
)

func newTest(t testing.TB, lv levels.Level, seed uint64, c game.Canvas) *Game {
	t.Helper()
	p := gametest.Pack(lv)
	g, err := New(Config{Pack: p, Level: &p.Levels[0], Band: levels.BandSenior, Seed: seed, Canvas: c})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// quiet is a 60 s level whose wave starts after the round; tests place items.
func quiet() levels.Level {
	l := gametest.Sort(60)
	l.Waves[0].At = 1000
	return l
}

func (g *Game) put(id string, k game.ItemKind, x float64) *Item {
	it, _ := g.alloc()
	in := g.infoIndex(id, k)
	it.Info, it.ItemID, it.ItemKind, it.Shape = in, id, k, g.infos[in].Shape
	it.State = OnBelt
	it.X, it.Y, it.VX = x, g.lay.BeltY, 100
	return it
}

func ev(k game.PointerKind, id int, x, y float64) game.PointerEvent {
	return game.PointerEvent{Kind: k, ID: id, X: x, Y: y}
}

func kinds(evs []game.Event) []game.EventKind {
	var k []game.EventKind
	for _, e := range evs {
		k = append(k, e.Kind)
	}
	return k
}

// dragTo drags it with pointer id to (x, y) over three ticks.
func dragTo(g *Game, it *Item, id int, x, y float64) []game.Event {
	g.Step([]game.PointerEvent{ev(game.Down, id, it.X, it.Y)})
	g.Step([]game.PointerEvent{ev(game.Move, id, (it.X+x)/2, (it.Y+y)/2)})
	g.Step([]game.PointerEvent{ev(game.Move, id, x, y), ev(game.Up, id, x, y)})
	return g.Events()
}

func TestSortOutcomes(t *testing.T) {
	cases := []struct {
		name    string
		id      string
		kind    game.ItemKind
		bin     BinKind
		want    game.EventKind
		correct bool
		points  int
	}{
		{"drug to police", "meth", game.Drug, Police, game.DrugSeized, true, PointsRight},
		{"drug to safe", "heroin", game.Drug, Safe, game.DrugMissed, false, 0},
		{"look-alike to safe", "rock_sugar", game.Lookalike, Safe, game.LookalikeSorted, true, PointsRight},
		{"look-alike to police", "shop_milk_tea", game.Lookalike, Police, game.LookalikeHit, false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := newTest(t, quiet(), 1, game.Landscape)
			it := g.put(c.id, c.kind, 600)
			b := g.Bins()[c.bin-1]
			evs := dragTo(g, it, 0, b.X, b.Y)
			if !slices.Equal(kinds(evs), []game.EventKind{c.want, game.CueShown}) {
				t.Fatalf("events %v", kinds(evs))
			}
			out, cue := evs[0], evs[1]
			if out.Item != c.id || out.Points != c.points || out.Pointer != 0 || cue.Correct != c.correct || cue.Item != c.id {
				t.Fatalf("outcome %+v cue %+v", out, cue)
			}
			if it.State != Binned || it.Bin != c.bin || it.Correct != c.correct {
				t.Fatalf("item %+v", it)
			}
			gc := g.Cue()
			if !gc.Active || gc.Item != c.id || gc.Correct != c.correct || gc.Until != g.Tick()-1+g.set.CueTicks || cue.Value != gc.Until {
				t.Fatalf("cue %+v", gc)
			}
		})
	}
}

func TestCuePausesTheBelt(t *testing.T) {
	g := newTest(t, quiet(), 1, game.Landscape)
	a := g.put("meth", game.Drug, 600)
	other := g.put("rock_sugar", game.Lookalike, 200)
	b := g.Bins()[0]
	dragTo(g, a, 0, b.X, b.Y)
	x := other.X
	for i := 0; i < g.set.CueTicks-1; i++ {
		if !g.Paused() {
			t.Fatalf("belt moving during the cue at step %d", i)
		}
		g.Step(nil)
	}
	if other.X != x {
		t.Fatalf("item moved from %v to %v during the cue", x, other.X)
	}
	g.Step(nil)
	g.Step(nil)
	if g.Paused() || other.X <= x {
		t.Fatal("belt did not resume after the cue")
	}
}

func TestReleaseAwayFromBinsReturnsToBelt(t *testing.T) {
	g := newTest(t, quiet(), 1, game.Landscape)
	it := g.put("meth", game.Drug, 900)
	evs := dragTo(g, it, 0, 960, 600) // between belt and bins
	if len(evs) != 0 || it.State != Returning {
		t.Fatalf("events %v state %v", kinds(evs), it.State)
	}
	for i := 0; i < 30 && it.State == Returning; i++ {
		g.Step(nil)
	}
	if it.State != OnBelt || it.Y != g.lay.BeltY {
		t.Fatalf("state %v y %v", it.State, it.Y)
	}
}

func TestBinTolerance(t *testing.T) {
	tol := 30.0 // the test level's TouchRadius at senior
	for _, c := range []struct {
		dx   float64
		want State
	}{{0, Binned}, {tol - 1, Binned}, {tol + 1, Returning}} {
		g := newTest(t, quiet(), 1, game.Landscape)
		it := g.put("meth", game.Drug, 900)
		b := g.Bins()[0]
		dragTo(g, it, 0, b.X-b.W/2-c.dx, b.Y)
		if it.State != c.want {
			t.Errorf("%v px outside the bin: %v, want %v", c.dx, it.State, c.want)
		}
	}
}

func TestGrabNeedsTheItemShape(t *testing.T) {
	g := newTest(t, quiet(), 1, game.Landscape)
	it := g.put("meth", game.Drug, 900) // pills: circle radius 70, +30 tolerance
	for _, c := range []struct {
		dx   float64
		held bool
	}{{0, true}, {95, true}, {105, false}} {
		g.Step([]game.PointerEvent{ev(game.Down, 0, it.X+c.dx, it.Y)})
		if (it.State == Held) != c.held {
			t.Errorf("down %v px off centre: state %v", c.dx, it.State)
		}
		g.Step([]game.PointerEvent{ev(game.Up, 0, it.X, it.Y)})
		for it.State == Returning {
			g.Step(nil)
		}
	}
}

func TestDragKeepsGrabOffset(t *testing.T) {
	g := newTest(t, quiet(), 1, game.Landscape)
	it := g.put("meth", game.Drug, 900)
	y := it.Y
	g.Step([]game.PointerEvent{ev(game.Down, 0, 920, y+10)})
	g.Step([]game.PointerEvent{ev(game.Move, 0, 1020, y+110)})
	if it.X != 1000 || it.Y != y+100 || g.Held(0) < 0 {
		t.Fatalf("item at %v,%v", it.X, it.Y)
	}
}

func TestMultiPointerDrags(t *testing.T) {
	g := newTest(t, quiet(), 1, game.Landscape)
	d := g.put("meth", game.Drug, 500)
	l := g.put("rock_sugar", game.Lookalike, 1300)
	pol, safe := g.Bins()[0], g.Bins()[1]
	y := g.lay.BeltY
	g.Step([]game.PointerEvent{ev(game.Down, 7, 500, y), ev(game.Down, 9, 1300, y)})
	if d.State != Held || l.State != Held || d.Pointer != 7 || l.Pointer != 9 {
		t.Fatalf("holds: %v/%d %v/%d", d.State, d.Pointer, l.State, l.Pointer)
	}
	// a third finger on a held item takes nothing
	g.Step([]game.PointerEvent{ev(game.Down, 11, 500, y)})
	if g.Held(11) != -1 || d.Pointer != 7 {
		t.Fatal("a held item was taken by another pointer")
	}
	g.Step([]game.PointerEvent{ev(game.Up, 11, 500, y), ev(game.Move, 7, pol.X, pol.Y), ev(game.Move, 9, safe.X, safe.Y)})
	g.Step([]game.PointerEvent{ev(game.Up, 9, safe.X, safe.Y), ev(game.Up, 7, pol.X, pol.Y)})
	got := kinds(g.Events())
	want := []game.EventKind{game.LookalikeSorted, game.CueShown, game.DrugSeized, game.CueShown}
	if !slices.Equal(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	if g.Score() != PointsRight+PointsRight*11/10 || g.Combo() != 2 || g.Accuracy() != 1 {
		t.Fatalf("score %d combo %d", g.Score(), g.Combo())
	}
}

func TestLostUpLetsGo(t *testing.T) {
	g := newTest(t, quiet(), 1, game.Landscape)
	a := g.put("meth", game.Drug, 500)
	b := g.put("heroin", game.Drug, 1300)
	y := g.lay.BeltY
	g.Step([]game.PointerEvent{ev(game.Down, 0, 500, y), ev(game.Move, 0, 500, y+300)})
	g.Step([]game.PointerEvent{ev(game.Down, 0, 1300, y)}) // the Up was lost
	if a.State != Returning || b.State != Held || len(g.Events()) != 0 {
		t.Fatalf("a %v b %v events %v", a.State, b.State, kinds(g.Events()))
	}
}

func TestTooManyPointersIgnored(t *testing.T) {
	g := newTest(t, quiet(), 1, game.Landscape)
	var in []game.PointerEvent
	for i := 0; i < MaxPointers+3; i++ {
		g.put("meth", game.Drug, float64(100+150*i))
		in = append(in, ev(game.Down, i, float64(100+150*i), g.lay.BeltY))
	}
	g.Step(in)
	held := 0
	for _, it := range g.Items() {
		if it.Alive && it.State == Held {
			held++
		}
	}
	if held != MaxPointers {
		t.Fatalf("%d held, want %d", held, MaxPointers)
	}
}

func TestFallingOffTheBelt(t *testing.T) {
	g := newTest(t, quiet(), 1, game.Landscape)
	g.combo = 2
	d := g.put("meth", game.Drug, g.lay.End-1)
	l := g.put("rock_sugar", game.Lookalike, g.lay.End-1)
	g.Step(nil)
	got := kinds(g.Events())
	if !slices.Equal(got, []game.EventKind{game.DrugMissed, game.LookalikePassed}) || g.Events()[0].Pointer != -1 {
		t.Fatalf("events %v", got)
	}
	if d.State != Gone || l.State != Gone || g.combo != 0 {
		t.Fatalf("states %v %v combo %d", d.State, l.State, g.combo)
	}
}

func TestSortRoundEnds(t *testing.T) {
	g := newTest(t, quiet(), 1, game.Landscape)
	for !g.Done() {
		g.Step(nil)
	}
	if g.Reason() != game.EndTimeUp || g.Tick() != 60*game.TPS {
		t.Fatalf("%s at %d", g.Reason(), g.Tick())
	}
	lv := gametest.Sort(60)
	lv.Waves[0].Duration = 4
	g = newTest(t, lv, 1, game.Landscape)
	for !g.Done() {
		var in []game.PointerEvent
		for _, it := range g.Items() {
			if it.Alive && it.State == OnBelt && g.Held(0) < 0 {
				in = dragNow(g, &it)
				break
			}
		}
		g.Step(in)
		if i := g.Held(0); i >= 0 {
			bin := g.Bins()[1]
			if g.items[i].ItemKind == game.Drug {
				bin = g.Bins()[0]
			}
			g.Step([]game.PointerEvent{ev(game.Up, 0, bin.X, bin.Y)})
		}
	}
	if g.Reason() != game.EndCleared || g.Score() != PointsRight+PointsRight*11/10 {
		t.Fatalf("%s score %d", g.Reason(), g.Score())
	}
}

func dragNow(g *Game, it *Item) []game.PointerEvent {
	return []game.PointerEvent{ev(game.Down, 0, it.X, it.Y)}
}

func TestPortraitLayout(t *testing.T) {
	for _, c := range []game.Canvas{game.Landscape, game.Portrait} {
		l := layoutFor(c)
		p, s := l.Bins[0], l.Bins[1]
		gap := (s.X - s.W/2) - (p.X + p.W/2)
		if gap < 24 {
			t.Errorf("%v: bins %v px apart", c, gap)
		}
		for _, b := range l.Bins {
			if b.X-b.W/2 < 48 || b.X+b.W/2 > c.W-48 || b.Y+b.H/2 > c.H-48 || b.Y-b.H/2 < l.BeltY+100 {
				t.Errorf("%v: bin %+v outside the safe area or on the belt", c, b)
			}
		}
	}
}

func TestSortDeterminismAndAllocs(t *testing.T) {
	run := func(seed uint64, taps bool) uint64 {
		g := newTest(t, gametest.Sort(60), seed, game.Portrait)
		for !g.Done() {
			var in []game.PointerEvent
			if taps && g.Tick()%40 == 0 {
				in = []game.PointerEvent{ev(game.Down, 0, float64(g.Tick()%1080), g.lay.BeltY), ev(game.Move, 0, 300, 1500), ev(game.Up, 0, 300, 1500)}
			}
			g.Step(in)
		}
		return g.Hash()
	}
	a := run(5, true)
	if a != run(5, true) || a == run(6, true) || a == run(5, false) {
		t.Fatal("hash must follow seed and input exactly")
	}
	g := newTest(t, gametest.Sort(600), 5, game.Landscape)
	for i := 0; i < 300; i++ {
		g.Step(nil)
	}
	in := []game.PointerEvent{ev(game.Down, 0, 500, 350), ev(game.Move, 0, 600, 600), ev(game.Up, 0, 1200, 900)}
	if n := testing.AllocsPerRun(1000, func() { g.Step(in) }); n != 0 {
		t.Fatalf("Step allocates %v", n)
	}
}

func TestSortNewErrors(t *testing.T) {
	bad := gametest.Sort(60)
	bad.Waves[0].Lookalikes = []string{"nothing"}
	for _, c := range []struct {
		lv   levels.Level
		want error
	}{{gametest.Shooter(60, false), ErrMode}, {bad, ErrLevel}} {
		p := gametest.Pack(c.lv)
		if _, err := New(Config{Pack: p, Level: &p.Levels[0]}); !errors.Is(err, c.want) {
			t.Errorf("%v, want %v", err, c.want)
		}
	}
}

func BenchmarkSortStep(b *testing.B) {
	g := newTest(b, gametest.Sort(1<<20), 1, game.Landscape)
	in := []game.PointerEvent{ev(game.Down, 0, 500, 350), ev(game.Up, 0, 500, 350)}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		g.Step(in)
	}
}

func TestBeltNeverCrowds(t *testing.T) {
	lv := gametest.Sort(60)
	lv.Waves[0].Every = 0.2 // faster than the belt can take
	lv.Waves[0].Speed = 50
	g := newTest(t, lv, 3, game.Landscape)
	spawned := 0
	for !g.Done() {
		g.Step(nil)
		for _, e := range g.Events() {
			if e.Kind == game.ItemSpawned {
				spawned++
			}
		}
		var xs []float64
		for _, it := range g.Items() {
			if it.Alive && it.State == OnBelt {
				xs = append(xs, it.X)
			}
		}
		slices.Sort(xs)
		for i := 1; i < len(xs); i++ {
			if xs[i]-xs[i-1] < minGap-1 {
				t.Fatalf("tick %d: items %v px apart", g.Tick(), xs[i]-xs[i-1])
			}
		}
	}
	if spawned < 10 {
		t.Fatalf("only %d items came", spawned)
	}
}

// TestHashCoversHistory: two rounds that end in the same state but got there
// differently (the same item sorted at different times) hash differently.
func TestHashCoversHistory(t *testing.T) {
	run := func(wait int) (uint64, int) {
		g := newTest(t, quiet(), 1, game.Landscape)
		it := g.put("meth", game.Drug, 600)
		for i := 0; i < wait; i++ {
			g.Step(nil)
		}
		b := g.Bins()[0]
		dragTo(g, it, 0, b.X, b.Y)
		for !g.Done() {
			g.Step(nil)
		}
		return g.Hash(), g.Score()
	}
	a, sa := run(0)
	b, sb := run(10)
	if sa != sb || a == b {
		t.Fatalf("scores %d/%d, hashes %x/%x", sa, sb, a, b)
	}
}

// TestOffScreenItemsCannotBeGrabbed: an item entering the belt (centre at
// x < 0) or leaving it (centre past the right edge) is not grabbable, even
// by a touch at the canvas edge that its hit shape plus tolerance reaches;
// once its centre is on the canvas the same touch grabs it.
func TestOffScreenItemsCannotBeGrabbed(t *testing.T) {
	for _, c := range []struct {
		name      string
		right     bool    // x and touchX are relative to the right edge, else the left
		x, touchX float64 // item centre and touch point
		held      bool
	}{
		{"entering, invisible", false, -90, 0, false}, // its edge at -20: nothing on screen
		{"entering, half visible", false, -10, 5, false},
		{"entered", false, 10, 5, true},
		{"leaving", true, 10, -5, false},
		{"not yet left", true, -10, -5, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := newTest(t, quiet(), 1, game.Landscape)
			x, tx := c.x, c.touchX
			if c.right {
				x, tx = g.lay.Canvas.W+x, g.lay.Canvas.W+tx
			}
			it := g.put("meth", game.Drug, x) // circle radius 70 + 30 tolerance
			if sh := &g.shapes[it.Shape]; !sh.Hit(tx, it.Y, it.X, it.Y, it.Rot, g.set.TouchRadius) {
				t.Fatalf("touch at %v does not reach the shape at %v; the case tests nothing", tx, x)
			}
			g.Step([]game.PointerEvent{ev(game.Down, 0, tx, it.Y)})
			if (it.State == Held) != c.held {
				t.Errorf("item at x=%v, touch at x=%v: state %v, want held %v", x, tx, it.State, c.held)
			}
			if g.OnScreen(it) != c.held {
				t.Errorf("OnScreen(%v) = %v", it.X, g.OnScreen(it))
			}
		})
	}
}
