package flow

import "github.com/playhall/playhall/game"

// stillSlop is how far (canvas units) a held pointer may drift and still
// count as "held still" for the stuck-touch rule.
const stillSlop = 6

// Filter removes stuck and phantom touches from a stream of pointer events.
// A pointer held down without moving more than a few units for longer than
// the limit is cut: Filter emits an Up for it at its last position and drops
// every later event of that id until the id's own Up. Only what passes the
// filter counts as activity for the idle timers.
//
// The zero Filter is not ready; use NewFilter.
type Filter struct {
	limit int // ticks
	held  map[int]*held
	out   []game.PointerEvent
}

type held struct {
	x, y   float64 // where the pointer last moved to (beyond the slop)
	since  int     // tick of that move
	lx, ly float64 // last reported position
	stuck  bool
}

// NewFilter returns a filter that cuts pointers held still for limitTicks.
func NewFilter(limitTicks int) *Filter {
	return &Filter{limit: limitTicks, held: map[int]*held{}}
}

// Apply filters the events of tick now. It returns the events that pass (a
// slice reused by the next call) and whether any of them was real activity
// (a down, an up, or a move beyond the slop).
func (f *Filter) Apply(now int, in []game.PointerEvent) ([]game.PointerEvent, bool) {
	f.out = f.out[:0]
	active := false
	for _, e := range in {
		h := f.held[e.ID]
		switch e.Kind {
		case game.Down:
			if h != nil && !h.stuck {
				// A second down without an up: close the first.
				f.out = append(f.out, game.PointerEvent{Kind: game.Up, ID: e.ID, X: h.lx, Y: h.ly})
			}
			f.held[e.ID] = &held{x: e.X, y: e.Y, since: now, lx: e.X, ly: e.Y}
			f.out = append(f.out, e)
			active = true
		case game.Move:
			if h == nil {
				continue // hover, no button down
			}
			if h.stuck {
				if dist2(e.X, e.Y, h.x, h.y) > stillSlop*stillSlop*16 {
					// A stuck pointer that really moves far is a finger again.
					h.stuck = false
					h.x, h.y, h.since = e.X, e.Y, now
					h.lx, h.ly = e.X, e.Y
					f.out = append(f.out, game.PointerEvent{Kind: game.Down, ID: e.ID, X: e.X, Y: e.Y})
					active = true
				}
				continue
			}
			if dist2(e.X, e.Y, h.x, h.y) > stillSlop*stillSlop {
				h.x, h.y, h.since = e.X, e.Y, now
				active = true
			}
			h.lx, h.ly = e.X, e.Y
			f.out = append(f.out, e)
		case game.Up:
			if h == nil {
				continue
			}
			delete(f.held, e.ID)
			if h.stuck {
				continue
			}
			f.out = append(f.out, e)
			active = true
		}
	}
	for id, h := range f.held {
		if !h.stuck && now-h.since > f.limit {
			h.stuck = true
			f.out = append(f.out, game.PointerEvent{Kind: game.Up, ID: id, X: h.lx, Y: h.ly})
		}
	}
	return f.out, active
}

// Stuck returns how many pointers are currently ignored as stuck.
func (f *Filter) Stuck() int {
	n := 0
	for _, h := range f.held {
		if h.stuck {
			n++
		}
	}
	return n
}

// Down reports how many pointers are down and not stuck.
func (f *Filter) Down() int { return len(f.held) - f.Stuck() }

// Reset forgets every pointer (used when the screen changes under them).
func (f *Filter) Reset() { clear(f.held) }

func dist2(ax, ay, bx, by float64) float64 { return (ax-bx)*(ax-bx) + (ay-by)*(ay-by) }

// Swallow drops the rest of a pointer's life once its down has been used up
// (the tap that woke the attract screen or dismissed "Still there?"), so it
// does not also press what is behind.
type Swallow map[int]bool

// Take marks id as swallowed until its Up.
func (s Swallow) Take(id int) { s[id] = true }

// Drop reports whether e belongs to a swallowed pointer and forgets the
// pointer on its Up.
func (s Swallow) Drop(e game.PointerEvent) bool {
	if !s[e.ID] {
		return false
	}
	if e.Kind == game.Down { // a new press of the same id
		delete(s, e.ID)
		return false
	}
	if e.Kind == game.Up {
		delete(s, e.ID)
	}
	return true
}
