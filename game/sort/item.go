package sort

import "github.com/playhall/playhall/game"

// State is where an item is in its life.
type State uint8

// Item states.
const (
	OnBelt    State = iota + 1 // riding the belt (grabbable once its centre is on the canvas, Game.OnScreen)
	Held                       // dragged by a pointer (Item.Pointer)
	Returning                  // let go away from a bin: sliding back to the belt (grabbable)
	Binned                     // dropped in a bin: falling in, then gone
	Gone                       // fell off the belt's end: fading out
)

// String returns the state's name.
func (s State) String() string {
	switch s {
	case OnBelt:
		return "on_belt"
	case Held:
		return "held"
	case Returning:
		return "returning"
	case Binned:
		return "binned"
	case Gone:
		return "gone"
	}
	return "?"
}

// BinKind names a bin.
type BinKind uint8

// Bins.
const (
	NoBin  BinKind = iota
	Police         // 交给警察: drugs go here
	Safe           // 放心: harmless things go here
)

// String returns "police", "safe" or "".
func (b BinKind) String() string {
	switch b {
	case Police:
		return "police"
	case Safe:
		return "safe"
	}
	return ""
}

// Bin is a drop area: a rectangle with centre X, Y and size W×H.
type Bin struct {
	Kind       BinKind
	X, Y, W, H float64
}

// Contains reports whether (x, y) lies in b grown by tol on every side.
func (b *Bin) Contains(x, y, tol float64) bool {
	return x >= b.X-b.W/2-tol && x <= b.X+b.W/2+tol && y >= b.Y-b.H/2-tol && y <= b.Y+b.H/2+tol
}

// Layout is the belt and the bins, proportional to the canvas.
type Layout struct {
	Canvas game.Canvas
	BeltY  float64 // y of the belt's centre line
	Start  float64 // x where items enter
	End    float64 // x where items fall off
	Bins   [2]Bin  // [Police, Safe]
}

func layoutFor(c game.Canvas) Layout {
	w := min(0.4*c.W, 520)
	h := min(0.3*c.H, 360)
	y := 0.76 * c.H
	if c.Portrait() {
		y = 0.78 * c.H
	}
	return Layout{
		Canvas: c,
		BeltY:  0.32 * c.H,
		Start:  -90,
		End:    c.W + 90,
		Bins: [2]Bin{
			{Kind: Police, X: 0.27 * c.W, Y: y, W: w, H: h},
			{Kind: Safe, X: 0.73 * c.W, Y: y, W: w, H: h},
		},
	}
}

// Item is one thing on the belt. Items live in a preallocated slice
// (Game.Items); a slot whose Alive is false is free and must not be drawn.
// Read-only for drawing.
type Item struct {
	Alive    bool
	Serial   int // unique for the round; key for per-item tweens
	State    State
	Info     int // index into Game.Infos
	ItemID   string
	ItemKind game.ItemKind
	Shape    int // index into Game.Shapes

	X, Y  float64 // centre, canvas units
	VX    float64 // belt speed while on the belt, px/s
	Rot   float64
	Phase float64 // advances 1 per second of life

	Pointer int     // pointer id holding it (State Held)
	GrabX   float64 // offset from the pointer to the centre while held
	GrabY   float64
	Bin     BinKind // where it went (State Binned)
	Correct bool    // whether Bin was right

	SpawnTick int
	StateTick int
	Until     int // tick a Binned or Gone item disappears
}

func (g *Game) alloc() (*Item, int) {
	if len(g.free) == 0 {
		return nil, -1
	}
	i := g.free[len(g.free)-1]
	g.free = g.free[:len(g.free)-1]
	g.serial++
	g.items[i] = Item{Alive: true, Serial: g.serial, SpawnTick: g.tick, StateTick: g.tick, Pointer: -1}
	g.live++
	return &g.items[i], i
}

func (g *Game) release(i int) {
	g.items[i].Alive = false
	g.free = append(g.free, i)
	g.live--
}

func (g *Game) setState(it *Item, s State, until int) {
	it.State = s
	it.StateTick = g.tick
	it.Until = until
}

// grabbable reports whether a pointer may pick it up.
func (it *Item) grabbable() bool {
	return it.Alive && (it.State == OnBelt || it.State == Returning)
}
