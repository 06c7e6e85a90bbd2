package shooter

import "github.com/playhall/playhall/game"

// Kind is what an entity is.
type Kind uint8

// Entity kinds.
const (
	Trafficker Kind = iota + 1 // a figure in a boat or in bank cover; tap to arrest
	Package                    // a thrown drug package; tap to seize
	Lookalike                  // a harmless item drifting past; leave it alone
	Boss                       // Naw Kham's boat; BossHits taps to capture
)

// String returns the kind's name.
func (k Kind) String() string {
	switch k {
	case Trafficker:
		return "trafficker"
	case Package:
		return "package"
	case Lookalike:
		return "lookalike"
	case Boss:
		return "boss"
	}
	return "?"
}

// State is where an entity is in its life. StateTick on the entity records
// when it entered the state, so the renderer can run the matching animation.
type State uint8

// Entity states.
const (
	Appearing State = iota + 1 // trafficker rising from cover, boss boat arriving (tappable)
	Active                     // trafficker or boss in place (tappable)
	Leaving                    // trafficker going back into cover (not tappable)
	Flying                     // package in the air, look-alike drifting (tappable)
	Seized                     // package tapped: snapping into the evidence bag
	Arrested                   // trafficker or boss caught: net/handcuffs, sits down
	Revealed                   // look-alike tapped: shows its safe cue, drifts on
	HitPlayer                  // package reached the player: edge pulse, harm card
)

// String returns the state's name.
func (s State) String() string {
	switch s {
	case Appearing:
		return "appearing"
	case Active:
		return "active"
	case Leaving:
		return "leaving"
	case Flying:
		return "flying"
	case Seized:
		return "seized"
	case Arrested:
		return "arrested"
	case Revealed:
		return "revealed"
	case HitPlayer:
		return "hit_player"
	}
	return "?"
}

// Cover is where a trafficker (or the thrower of a package) hides.
type Cover uint8

// Covers.
const (
	NoCover   Cover = iota
	Boat            // a small boat on the river
	BankLeft        // bushes on the left bank
	BankRight       // bushes on the right bank
)

// Entity is one thing on the river. Entities live in a preallocated slice
// (Game.Entities); a slot whose Alive is false is free and must not be drawn.
// Every field is a plain value: the renderer reads them in place, without
// copying, and must never write them.
type Entity struct {
	Alive  bool
	Serial int // unique for the round, never reused; key for per-entity tweens
	Kind   Kind
	State  State
	// Item indexes Game.Items for packages and look-alikes, -1 otherwise.
	// ItemID and ItemKind repeat it for convenience.
	Item     int
	ItemID   string
	ItemKind game.ItemKind
	Shape    int   // index into Game.Shapes: the hit shape
	Cover    Cover // traffickers: where they stand; packages: where the thrower stood

	X, Y   float64 // centre, canvas units
	VX, VY float64 // canvas units per second
	Rot    float64 // radians, clockwise on screen
	Spin   float64 // radians per second
	// Progress is a package's flight from 0 (thrown) to 1 (reaches the
	// player); the renderer scales the package up as it approaches.
	Progress float64
	// Phase advances by 1 per second of life; use it for bobbing, walk
	// cycles and ripples (sin(2π·Phase)).
	Phase float64

	SpawnTick int // tick it appeared
	StateTick int // tick it entered State
	ThrowTick int // traffickers and the boss: tick of the last throw, -1 none
	Thrower   int // packages: serial of the thrower, 0 when thrown from unseen cover
	HP        int // boss: taps still needed
	Until     int // tick the current state ends (Appearing, Active, lingering states)

	slot   int     // index in the pool
	homeX  float64 // boss patrol centre; trafficker stands here
	sx, sy float64 // packages: start of the flight
	dist   float64 // packages: length of the flight
	rate   float64 // packages: Progress per second
}

// tappable reports whether a tap on e counts.
func (e *Entity) tappable() bool {
	switch e.State {
	case Appearing, Active, Flying:
		return true
	}
	return false
}

// pool is a fixed slice of entities with a free list. alloc and free cost
// O(1) and never allocate after New.
type pool struct {
	ents []Entity
	free []int // indices of free slots, used as a stack
	live int
	hi   int // 1 + the highest live slot: loops stop there
}

func newPool(n int) pool {
	p := pool{ents: make([]Entity, n), free: make([]int, n)}
	for i := range p.free {
		p.free[i] = n - 1 - i // slot 0 is handed out first
	}
	return p
}

// alloc returns a zeroed live slot, or nil when the pool is full (the spawn
// is skipped: a full river is already more than any visitor can handle).
func (p *pool) alloc() *Entity {
	if len(p.free) == 0 {
		return nil
	}
	i := p.free[len(p.free)-1]
	p.free = p.free[:len(p.free)-1]
	p.ents[i] = Entity{Alive: true, Item: -1, ThrowTick: -1, slot: i}
	p.live++
	p.hi = max(p.hi, i+1)
	return &p.ents[i]
}

func (p *pool) release(i int) {
	p.ents[i].Alive = false
	p.free = append(p.free, i)
	p.live--
	for p.hi > 0 && !p.ents[p.hi-1].Alive {
		p.hi--
	}
}

// used returns the slots up to the highest live one.
func (p *pool) used() []Entity { return p.ents[:p.hi] }

func (p *pool) index(e *Entity) int { return e.slot }
