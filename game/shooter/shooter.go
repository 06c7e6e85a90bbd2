// Package shooter holds the rules of 「抓捕糯康」, the Mekong patrol: tap
// traffickers to arrest them, tap thrown drug packages to seize them, leave
// the harmless look-alikes alone; the last wave brings Naw Kham's boat, whose
// capture ends the round.
//
// The package never imports Ebitengine. kiosk/scene draws a *Game by reading
// Entities, Shapes, Items and the HUD accessors between Steps; everything it
// reads is read-only for drawing.
package shooter

import (
	"errors"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/levels"
)

// Errors New returns; test with errors.Is.
var (
	ErrMode   = errors.New("shooter: level is not a shooter level")
	ErrLevel  = errors.New("shooter: level cannot be played")
	ErrCanvas = errors.New("shooter: canvas size out of range")
)

var newErrors = game.NewErrors{Level: ErrLevel, Mode: ErrMode, Canvas: ErrCanvas}

// Score values. A good tap earns its base points times the combo bonus:
// +10% per good tap in a row after the first, at most double.
const (
	PointsSeize        = 100  // a drug package tapped
	PointsArrest       = 250  // a trafficker tapped
	PointsBossHit      = 150  // one tap on the boss
	PointsBossCaught   = 2000 // the boss captured
	PointsHealthLeft   = 200  // per health point left when the boss is caught
	PointsFalseAlarm   = -50  // a look-alike tapped (score never drops below 0)
	DefaultMaxEntities = 512
)

// Config says which round to build.
type Config struct {
	Pack   *levels.Pack  // the content pack the level's item ids refer to
	Level  *levels.Level // a level with Mode shooter
	Band   levels.Band   // the visitor's age band (difficulty factor)
	Seed   uint64        // the round's random seed
	Canvas game.Canvas   // game.Landscape or game.Portrait (or any valid size)
	// MaxEntities bounds live entities; 0 means DefaultMaxEntities.
	MaxEntities int
}

// ItemInfo is one drug or look-alike a level can spawn; Shape indexes
// Game.Shapes.
type ItemInfo = game.ItemInfo

// Game is one round of the shooter. Create it with New, drive it with Step.
// All accessors are cheap and allocation-free; what they return is owned by
// the Game and read-only.
type Game struct {
	cfg      Config
	set      game.Settings
	lay      Layout
	rng      game.RNG
	tick     int
	endTick  int
	hasBoss  bool
	lastWave int // tick the last wave ends

	pool   pool
	shapes []game.Shape
	items  []ItemInfo
	waves  []waveRun
	events []game.Event
	hist   game.Hasher // every event so far

	serial  int
	boss    int // pool index of the boss, -1 none
	harm    HarmCard
	score   int
	combo   int
	health  int
	actions int
	good    int
	done    bool
	reason  game.EndReason
}

// New builds a round. It fails with ErrMode, ErrLevel (unknown item id, no
// waves) or ErrCanvas, saying what is wrong.
func New(c Config) (*Game, error) {
	var err error
	if c.Canvas, err = newErrors.Check(c.Level, c.Pack, levels.ModeShooter, c.Canvas); err != nil {
		return nil, err
	}
	if c.MaxEntities <= 0 {
		c.MaxEntities = DefaultMaxEntities
	}
	g := &Game{
		cfg:    c,
		set:    game.Tune(c.Level.Difficulty, c.Band),
		lay:    layoutFor(c.Canvas),
		rng:    game.NewRNG(c.Seed),
		pool:   newPool(c.MaxEntities),
		events: make([]game.Event, 0, 256),
		hist:   game.NewHasher(),
		boss:   -1,
	}
	g.health = g.set.Health
	if g.items, g.shapes, err = game.LevelItems(c.Pack, c.Level, baseShapes(), ItemShape, ErrLevel); err != nil {
		return nil, err
	}
	g.buildWaves()
	g.endTick = game.Seconds(c.Level.Duration)
	if g.endTick <= 0 {
		g.endTick = g.lastWave
	}
	return g, nil
}

// Step advances one tick: taps first (against the positions last drawn),
// then spawns, motion and the end checks. It allocates nothing in steady
// state.
func (g *Game) Step(in []game.PointerEvent) {
	g.events = g.events[:0]
	if g.done {
		return
	}
	for i := range in {
		p := in[i]
		if p.Kind == game.Down && g.cfg.Canvas.Admit(&p) {
			g.tap(&p)
		}
	}
	if !g.done {
		g.spawn()
		g.move()
		g.checkEnd()
	}
	g.tick++
}

// Events returns the events of the last Step; valid until the next Step.
func (g *Game) Events() []game.Event { return g.events }

// Done reports whether the round has ended.
func (g *Game) Done() bool { return g.done }

// Tick returns how many Steps have run.
func (g *Game) Tick() int { return g.tick }

// Reason returns how the round ended, "" while it runs.
func (g *Game) Reason() game.EndReason { return g.reason }

// Entities returns the entity slots up to the highest live one; skip slots
// whose Alive is false. Read-only for drawing; valid until the next Step.
func (g *Game) Entities() []Entity { return g.pool.used() }

// Live returns how many entities are alive.
func (g *Game) Live() int { return g.pool.live }

// Shapes returns the hit-shape table Entity.Shape indexes (for a debug
// overlay of hit areas). Read-only.
func (g *Game) Shapes() []game.Shape { return g.shapes }

// Items returns the drugs and look-alikes this level spawns; Entity.Item
// indexes it. Read-only.
func (g *Game) Items() []ItemInfo { return g.items }

// Boss returns the boss entity, or nil while it is not on the river.
func (g *Game) Boss() *Entity {
	if g.boss < 0 {
		return nil
	}
	return &g.pool.ents[g.boss]
}

// HarmCard is the harm card the kiosk shows after a drug reached the
// player: the drug's name and one harm, for Settings.HarmCardTicks. It is
// presentation state only (not part of Hash): the game never pauses for it.
type HarmCard struct {
	Active bool
	Item   string // drug id
	Serial int    // the package's serial
	Start  int    // tick it appeared
	Until  int    // tick it goes away
}

// HarmCard returns the harm card to show now (Active false when none). A
// newer hit replaces an older card.
func (g *Game) HarmCard() HarmCard {
	if g.harm.Active && g.tick >= g.harm.Until {
		return HarmCard{}
	}
	return g.harm
}

// Score is the points so far (never below 0).
func (g *Game) Score() int { return g.score }

// Combo is the number of good taps in a row.
func (g *Game) Combo() int { return g.combo }

// Health is the hits the player can still take.
func (g *Game) Health() int { return g.health }

// MaxHealth is the health the round started with.
func (g *Game) MaxHealth() int { return g.set.Health }

// Accuracy is good taps over all taps that counted, 1 before the first tap.
func (g *Game) Accuracy() float64 {
	if g.actions == 0 {
		return 1
	}
	return float64(g.good) / float64(g.actions)
}

// TicksLeft is the time left in ticks (the HUD's boat on the river).
func (g *Game) TicksLeft() int {
	if g.tick >= g.endTick {
		return 0
	}
	return g.endTick - g.tick
}

// Duration is the round's length in ticks.
func (g *Game) Duration() int { return g.endTick }

// Settings returns the tuned difficulty (TouchRadius, HarmCardTicks...).
func (g *Game) Settings() game.Settings { return g.set }

// Layout returns where the river, banks and deck lie on this canvas.
func (g *Game) Layout() Layout { return g.lay }

// Level returns the level being played.
func (g *Game) Level() *levels.Level { return g.cfg.Level }

// Band returns the visitor's age band.
func (g *Game) Band() levels.Band { return g.cfg.Band }

// Seed returns the round's seed.
func (g *Game) Seed() uint64 { return g.cfg.Seed }

// Canvas returns the canvas the round runs on.
func (g *Game) Canvas() game.Canvas { return g.cfg.Canvas }

// emit records an event for Events and folds it into the history hash, so
// Hash covers every outcome of the round, not only the state at the end.
func (g *Game) emit(e game.Event) {
	e.Tick = g.tick
	g.events = append(g.events, e)
	g.hist.Event(&e)
}
