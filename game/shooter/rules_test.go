package shooter

import (
	"errors"
	"slices"
	"testing"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/gametest"
	"github.com/playhall/playhall/levels"
)

func TestTapOutcomes(t *testing.T) {
	cases := []struct {
		name      string
		kind      Kind
		item      string
		score0    int
		combo0    int
		wantKind  game.EventKind
		wantState State
		points    int
		combo     int
	}{
		{"seize drug", Package, "meth", 0, 0, game.DrugSeized, Seized, PointsSeize, 1},
		{"seize with combo", Package, "heroin", 0, 5, game.DrugSeized, Seized, PointsSeize * 15 / 10, 6},
		{"combo bonus caps at double", Package, "meth", 0, 30, game.DrugSeized, Seized, 2 * PointsSeize, 31},
		{"arrest trafficker", Trafficker, "", 0, 0, game.TraffickerArrested, Arrested, PointsArrest, 1},
		{"false alarm costs points and combo", Lookalike, "rock_sugar", 500, 4, game.LookalikeHit, Revealed, PointsFalseAlarm, 0},
		{"false alarm never drops below 0", Lookalike, "shop_milk_tea", 20, 4, game.LookalikeHit, Revealed, -20, 0},
		{"boss hit", Boss, "", 0, 0, game.BossHit, Active, PointsBossHit, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := newTest(t, quiet(), 1)
			g.score, g.combo = c.score0, c.combo0
			e := g.put(c.kind, c.item, 900, 500)
			g.Step(tap(900, 500))
			ev := find(g.Events(), c.wantKind)
			if ev == nil {
				t.Fatalf("events %v, want %v", kinds(g.Events()), c.wantKind)
			}
			if ev.Points != c.points || ev.Combo != c.combo || g.combo != c.combo || g.score != c.score0+c.points {
				t.Fatalf("points %d combo %d score %d; want %d %d", ev.Points, ev.Combo, g.score, c.points, c.combo)
			}
			if e.State != c.wantState || ev.Item != c.item || ev.Entity != e.Serial || ev.Pointer != 0 {
				t.Fatalf("state %v item %q entity %d", e.State, ev.Item, ev.Entity)
			}
			// a resolved entity cannot be tapped again
			if c.wantState != Active {
				g.Step(tap(900, 500))
				if find(g.Events(), game.TapMissed) == nil {
					t.Fatalf("second tap: %v, want tap_missed", kinds(g.Events()))
				}
			}
		})
	}
}

func TestTapNothingKeepsCombo(t *testing.T) {
	g := newTest(t, quiet(), 1)
	g.combo = 3
	g.Step(tap(100, 100))
	ev := find(g.Events(), game.TapMissed)
	if ev == nil || g.combo != 3 || ev.X != 100 || g.actions != 1 || g.Accuracy() != 0 {
		t.Fatalf("%v combo %d", kinds(g.Events()), g.combo)
	}
}

func TestSeizedAndArrestedLeaveAfterAnimation(t *testing.T) {
	g := newTest(t, quiet(), 1)
	g.put(Package, "meth", 500, 500)
	g.put(Trafficker, "", 1200, 400)
	g.Step(tap(500, 500))
	g.Step(tap(1200, 400))
	for i := 0; i < game.Seconds(arrestSecs)+2; i++ {
		g.Step(nil)
	}
	if g.Live() != 0 {
		t.Fatalf("%d entities still live", g.Live())
	}
}

func TestTouchTolerance(t *testing.T) {
	// the test level's TouchRadius is 20 (senior band: ×1); a pills
	// package is a circle of radius 48.
	cases := []struct {
		dx   float64
		want game.EventKind
	}{
		{0, game.DrugSeized},
		{47, game.DrugSeized},
		{66, game.DrugSeized},
		{69, game.TapMissed},
	}
	for _, c := range cases {
		g := newTest(t, quiet(), 1)
		g.put(Package, "meth", 800, 500)
		g.Step(tap(800+c.dx, 500))
		if find(g.Events(), c.want) == nil {
			t.Errorf("dx %v: %v, want %v", c.dx, kinds(g.Events()), c.want)
		}
	}
}

func TestTapPicksFrontAndNearest(t *testing.T) {
	g := newTest(t, quiet(), 1)
	tr := g.put(Trafficker, "", 800, 500)
	pk := g.put(Package, "meth", 800, 520) // overlaps the trafficker's body
	if i := g.Pick(800, 520); i != pk.slot {
		t.Fatalf("inside both: picked %d, want the package %d", i, pk.slot)
	}
	if i := g.Pick(800, 380); i != tr.slot {
		t.Fatalf("inside only the trafficker: picked %d", i)
	}
	// two packages, tap in neither but within tolerance of both: nearer wins
	g2 := newTest(t, quiet(), 1)
	a := g2.put(Package, "meth", 700, 500)
	g2.put(Package, "meth", 830, 500)
	if i := g2.Pick(764, 500); i != a.slot { // 16 from a's edge, 18 from b's
		t.Fatalf("picked %d, want nearer %d", i, a.slot)
	}
}

func TestMultiPointerTapsInOneTick(t *testing.T) {
	g := newTest(t, quiet(), 1)
	g.put(Package, "meth", 400, 500)
	g.put(Package, "heroin", 1400, 500)
	g.put(Trafficker, "", 960, 400)
	in := []game.PointerEvent{
		{Kind: game.Down, ID: 1, X: 400, Y: 500},
		{Kind: game.Down, ID: 2, X: 1400, Y: 500},
		{Kind: game.Down, ID: 3, X: 960, Y: 400},
		{Kind: game.Move, ID: 1, X: 960, Y: 400}, // moves never tap
		{Kind: game.Up, ID: 1, X: 960, Y: 400},
	}
	g.Step(in)
	got := kinds(g.Events())
	want := []game.EventKind{game.DrugSeized, game.DrugSeized, game.TraffickerArrested}
	if !slices.Equal(got, want) {
		t.Fatalf("events %v, want %v", got, want)
	}
	for i, ev := range g.Events() {
		if ev.Pointer != i+1 {
			t.Fatalf("event %d from pointer %d", i, ev.Pointer)
		}
	}
	if g.combo != 3 {
		t.Fatalf("combo %d", g.combo)
	}
}

func TestDrugReachingPlayer(t *testing.T) {
	g := newTest(t, quiet(), 1)
	g.combo = 4
	e := g.put(Package, "cannabis", 960, g.lay.DeckY-10)
	e.VY, e.rate = 600, 60 // arrives this tick
	g.Step(nil)
	got := kinds(g.Events())
	if !slices.Equal(got, []game.EventKind{game.DrugMissed, game.PlayerHit}) {
		t.Fatalf("events %v", got)
	}
	hit := find(g.Events(), game.PlayerHit)
	if hit.Item != "cannabis" || hit.Value != g.Health() || g.Health() != g.MaxHealth()-1 || g.combo != 0 || e.State != HitPlayer {
		t.Fatalf("hit %+v health %d combo %d", hit, g.Health(), g.combo)
	}
	card := g.HarmCard()
	if !card.Active || card.Item != "cannabis" || card.Until-card.Start != g.Settings().HarmCardTicks {
		t.Fatalf("harm card %+v", card)
	}
	for g.Tick() < card.Until {
		g.Step(nil)
	}
	if g.HarmCard().Active {
		t.Fatal("harm card outlived harm_card_seconds")
	}
}

func TestRoundEnds(t *testing.T) {
	t.Run("health_out", func(t *testing.T) {
		g := newTest(t, quiet(), 1)
		for i := 0; i < g.MaxHealth(); i++ {
			e := g.put(Package, "meth", 960, g.lay.DeckY)
			e.VY, e.rate = 600, 60
		}
		g.Step(nil)
		end := find(g.Events(), game.RoundEnded)
		if end == nil || end.Reason != game.EndHealthOut || !g.Done() {
			t.Fatalf("%v", kinds(g.Events()))
		}
		tick := g.Tick()
		g.Step(tap(960, 500))
		if len(g.Events()) != 0 || g.Tick() != tick {
			t.Fatal("Step after the end must do nothing")
		}
	})
	t.Run("time_up", func(t *testing.T) {
		g := newTest(t, quiet(), 1)
		for !g.Done() {
			g.Step(nil)
		}
		if g.Reason() != game.EndTimeUp || g.Tick() != 60*game.TPS || g.TicksLeft() != 0 {
			t.Fatalf("reason %s at tick %d", g.Reason(), g.Tick())
		}
	})
	t.Run("boss_caught", func(t *testing.T) {
		g := newTest(t, quiet(), 1)
		b := g.put(Boss, "", 960, 400)
		if b.HP != 5 || g.Boss() != b {
			t.Fatalf("boss hp %d", b.HP)
		}
		for i := 0; i < 4; i++ {
			g.Step(tap(960, 400))
			if ev := find(g.Events(), game.BossHit); ev == nil || ev.Value != 4-i {
				t.Fatalf("hit %d: %v", i, kinds(g.Events()))
			}
		}
		score := g.Score()
		g.Step(tap(960, 330)) // the cabin
		got := kinds(g.Events())
		if !slices.Equal(got, []game.EventKind{game.BossHit, game.BossCaught, game.RoundEnded}) {
			t.Fatalf("events %v", got)
		}
		caught := find(g.Events(), game.BossCaught)
		want := PointsBossCaught + g.Health()*PointsHealthLeft
		if caught.Points != want || g.Score() != score+bonus(PointsBossHit, 5)+want || b.State != Arrested || g.Reason() != game.EndBossCaught {
			t.Fatalf("caught %+v score %d", caught, g.Score())
		}
	})
	t.Run("cleared", func(t *testing.T) {
		lv := gametest.Shooter(60, false)
		lv.Waves[0].Duration = 5
		g := newTest(t, lv, 2)
		var tl game.Tally
		for !g.Done() {
			in := []game.PointerEvent(nil)
			for _, e := range g.Entities() { // a perfect player
				if e.Alive && e.tappable() && e.Kind != Lookalike {
					in = append(in, game.PointerEvent{Kind: game.Down, X: e.X, Y: e.Y})
				}
			}
			g.Step(in)
			tl.Add(g.Events())
		}
		if g.Reason() != game.EndCleared || g.Tick() >= 60*game.TPS || tl.Missed != 0 {
			t.Fatalf("reason %s tick %d tally %+v", g.Reason(), g.Tick(), tl)
		}
	})
}

func TestWavesSpawnFromTheLevel(t *testing.T) {
	lv := gametest.Shooter(100, true)
	g := newTest(t, lv, 9)
	var tl game.Tally
	appeared, bosses := 0, 0
	for !g.Done() {
		g.Step(nil)
		tl.Add(g.Events())
		for _, e := range g.Events() {
			switch e.Kind {
			case game.TraffickerAppeared:
				appeared++
			case game.BossAppeared:
				bosses++
				if g.Tick()-1 != game.Seconds(60) {
					t.Errorf("boss appeared at tick %d, want the boss wave's start", g.Tick()-1)
				}
			}
		}
	}
	// with no taps the player loses health 3 before the end: count what came
	if bosses > 1 || appeared == 0 {
		t.Fatalf("bosses %d traffickers %d", bosses, appeared)
	}
	seen := 0
	for _, it := range tl.Items {
		seen += it.Seen
		if it.Kind == "lookalike" && it.Missed+it.Seized > 0 {
			t.Errorf("look-alike %s counted as drug", it.ID)
		}
	}
	if seen == 0 || tl.Reason != game.EndHealthOut {
		t.Fatalf("seen %d reason %s", seen, tl.Reason)
	}
}

func TestSpawnRateAndShare(t *testing.T) {
	lv := quiet()
	lv.Waves[0] = levels.Wave{At: 0, Duration: 60, Every: 0.5, Speed: 1, Traffickers: 6,
		Drugs: []string{"meth"}, Lookalikes: []string{"rock_sugar"}, LookalikeShare: 0.25}
	lv.Difficulty.Health = 10
	g := newTest(t, lv, 5)
	var tl game.Tally
	traf := 0
	for !g.Done() {
		g.Step(nil)
		tl.Add(g.Events())
		if find(g.Events(), game.TraffickerAppeared) != nil {
			traf++
		}
	}
	total := 0
	looks := 0
	for _, it := range tl.Items {
		total += it.Seen
		if it.Kind == "lookalike" {
			looks = it.Seen
		}
	}
	if total != 120 || traf != 6 {
		t.Fatalf("spawned %d items (want 120 = 60 s / 0.5 s) and %d traffickers (want 6)", total, traf)
	}
	if share := float64(looks) / float64(total); share < 0.15 || share > 0.35 {
		t.Fatalf("look-alike share %.2f, want about 0.25", share)
	}
}

func TestPortraitCanvas(t *testing.T) {
	g := newTestCanvas(t, gametest.Shooter(60, true), 4, game.Portrait)
	for !g.Done() {
		g.Step(nil)
		for _, e := range g.Events() {
			if e.Kind == game.TraffickerAppeared && (e.X < 0 || e.X > 1080 || e.Y < 0 || e.Y > 1920) {
				t.Fatalf("trafficker off the portrait canvas at %v,%v", e.X, e.Y)
			}
		}
		for _, e := range g.Entities() {
			if e.Alive && e.Kind == Package && e.State == Flying && (e.X < 0 || e.X > 1080 || e.Y > 1920) {
				t.Fatalf("package off canvas at %v,%v", e.X, e.Y)
			}
		}
	}
}

func TestNewErrors(t *testing.T) {
	sortLv := gametest.Sort(60)
	bad := gametest.Shooter(60, false)
	bad.Waves[0].Drugs = []string{"unobtainium"}
	empty := gametest.Shooter(60, false)
	empty.Waves = nil
	cases := []struct {
		lv     levels.Level
		canvas game.Canvas
		want   error
	}{
		{sortLv, game.Landscape, ErrMode},
		{bad, game.Landscape, ErrLevel},
		{empty, game.Landscape, ErrLevel},
		{gametest.Shooter(60, false), game.Canvas{W: 10, H: 10}, ErrCanvas},
	}
	for _, c := range cases {
		p := gametest.Pack(c.lv)
		_, err := New(Config{Pack: p, Level: &p.Levels[0], Canvas: c.canvas})
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err %v, want %v", c.lv.ID, err, c.want)
		}
	}
	if _, err := New(Config{}); !errors.Is(err, ErrLevel) {
		t.Errorf("empty config: %v", err)
	}
}
