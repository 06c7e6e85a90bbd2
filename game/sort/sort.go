// Package sort holds the rules of 「火眼金睛」, the sorting game for the
// youngest visitors: items ride a belt across the screen; the visitor drags
// each one to the 交给警察 bin (a drug) or the 放心 bin (safe); after every
// choice the cue that decides it (packaging, who offers it, where it came
// from) is shown for Difficulty.CueSeconds while the belt waits.
//
// One pointer plays it fully; several pointers each drag their own item.
// The package never imports Ebitengine; kiosk/scene draws a *Game by reading
// Items, Bins, Cue and the HUD accessors, all read-only for drawing.
//
// Importers that also use the standard library's sort import this package
// under another name, e.g. sortgame "github.com/playhall/playhall/game/sort".
package sort

import (
	"errors"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/levels"
)

// Errors New returns; test with errors.Is.
var (
	ErrMode   = errors.New("sort: level is not a sort level")
	ErrLevel  = errors.New("sort: level cannot be played")
	ErrCanvas = errors.New("sort: canvas size out of range")
)

var newErrors = game.NewErrors{Level: ErrLevel, Mode: ErrMode, Canvas: ErrCanvas}

// Score values: a right choice earns PointsRight times the combo bonus
// (+10% per right choice in a row after the first, at most double); a wrong
// one earns nothing and resets the combo.
const (
	PointsRight     = 100
	DefaultMaxItems = 64
	// MaxPointers is how many pointers can drag at once.
	MaxPointers = 10
)

// Config says which round to build.
type Config struct {
	Pack   *levels.Pack
	Level  *levels.Level // a level with Mode sort
	Band   levels.Band
	Seed   uint64
	Canvas game.Canvas
	// MaxItems bounds items alive at once; 0 means DefaultMaxItems.
	MaxItems int
}

// ItemInfo is one drug or look-alike the level spawns; Shape indexes
// Game.Shapes.
type ItemInfo = game.ItemInfo

// Cue is the lesson on screen after a choice: the kiosk shows the item's cue
// text (Drug.Cue or Lookalike.SafeCue from the pack) with a ✓ or ✗.
type Cue struct {
	Active   bool
	Serial   int // the sorted item's serial
	Item     string
	ItemKind game.ItemKind
	Bin      BinKind // where the visitor put it
	Correct  bool
	Start    int // tick shown
	Until    int // tick it goes away
}

type pointer struct {
	active bool
	id     int
	item   int // pool index of the held item, -1 none
}

// Game is one round of the sort game. Create it with New, drive it with Step.
type Game struct {
	cfg     Config
	set     game.Settings
	lay     Layout
	rng     game.RNG
	tick    int
	endTick int

	items   []Item
	free    []int
	live    int
	shapes  []game.Shape
	infos   []ItemInfo
	waves   []waveRun
	events  []game.Event
	hist    game.Hasher // every event so far
	ptrs    [MaxPointers]pointer
	cue     Cue
	serial  int
	score   int
	combo   int
	actions int
	good    int
	paused  int // ticks the belt has waited for cues
	last    int // tick the last wave ends
	done    bool
	reason  game.EndReason
}

// New builds a round; it fails with ErrMode, ErrLevel or ErrCanvas.
func New(c Config) (*Game, error) {
	var err error
	if c.Canvas, err = newErrors.Check(c.Level, c.Pack, levels.ModeSort, c.Canvas); err != nil {
		return nil, err
	}
	if c.MaxItems <= 0 {
		c.MaxItems = DefaultMaxItems
	}
	g := &Game{
		cfg:    c,
		set:    game.Tune(c.Level.Difficulty, c.Band),
		lay:    layoutFor(c.Canvas),
		rng:    game.NewRNG(c.Seed),
		items:  make([]Item, c.MaxItems),
		free:   make([]int, c.MaxItems),
		events: make([]game.Event, 0, 64),
		hist:   game.NewHasher(),
	}
	for i := range g.free {
		g.free[i] = c.MaxItems - 1 - i
	}
	for i := range g.ptrs {
		g.ptrs[i].item = -1
	}
	if g.infos, g.shapes, err = game.LevelItems(c.Pack, c.Level, nil, itemShape, ErrLevel); err != nil {
		return nil, err
	}
	g.buildWaves()
	g.endTick = game.Seconds(c.Level.Duration)
	if g.endTick <= 0 {
		g.endTick = g.last
	}
	return g, nil
}

// Step advances one tick: pointer events first, then the belt, spawns and
// end checks. It allocates nothing in steady state.
func (g *Game) Step(in []game.PointerEvent) {
	g.events = g.events[:0]
	if g.done {
		return
	}
	for i := range in {
		p := in[i]
		if g.cfg.Canvas.Admit(&p) {
			g.pointer(&p)
		}
	}
	if g.cue.Active && g.tick >= g.cue.Until {
		g.cue.Active = false
	}
	if g.cue.Active {
		g.paused++
	} else {
		g.spawn()
	}
	g.move()
	g.checkEnd()
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

// Items returns every slot of the item pool; skip slots whose Alive is
// false. Read-only for drawing; valid until the next Step.
func (g *Game) Items() []Item { return g.items }

// Infos returns the drugs and look-alikes this level spawns; Item.Info
// indexes it.
func (g *Game) Infos() []ItemInfo { return g.infos }

// Shapes returns the hit-shape table Item.Shape indexes.
func (g *Game) Shapes() []game.Shape { return g.shapes }

// Bins returns the two bins: [Police, Safe].
func (g *Game) Bins() [2]Bin { return g.lay.Bins }

// Layout returns the belt and bins on this canvas.
func (g *Game) Layout() Layout { return g.lay }

// Cue returns the cue on screen (Active false when none).
func (g *Game) Cue() Cue { return g.cue }

// Paused reports whether the belt is waiting for a cue to be read.
func (g *Game) Paused() bool { return g.cue.Active }

// Score is the points so far.
func (g *Game) Score() int { return g.score }

// Combo is the number of right choices in a row.
func (g *Game) Combo() int { return g.combo }

// Accuracy is right choices over all choices, 1 before the first.
func (g *Game) Accuracy() float64 {
	if g.actions == 0 {
		return 1
	}
	return float64(g.good) / float64(g.actions)
}

// TicksLeft is the time left in ticks.
func (g *Game) TicksLeft() int { return max(g.endTick-g.tick, 0) }

// Duration is the round's length in ticks.
func (g *Game) Duration() int { return g.endTick }

// Settings returns the tuned difficulty.
func (g *Game) Settings() game.Settings { return g.set }

// Level returns the level being played.
func (g *Game) Level() *levels.Level { return g.cfg.Level }

// Canvas returns the canvas the round runs on.
func (g *Game) Canvas() game.Canvas { return g.cfg.Canvas }

// Held returns the pool index of the item pointer id holds, or -1.
func (g *Game) Held(id int) int {
	for i := range g.ptrs {
		if g.ptrs[i].active && g.ptrs[i].id == id {
			return g.ptrs[i].item
		}
	}
	return -1
}

// emit records an event for Events and folds it into the history hash, so
// Hash covers every outcome of the round, not only the state at the end.
func (g *Game) emit(e game.Event) {
	e.Tick = g.tick
	g.events = append(g.events, e)
	g.hist.Event(&e)
}
