package game

// PointerKind says what a pointer did.
type PointerKind uint8

// Pointer kinds. A pointer's life is Down, any number of Moves, Up.
const (
	Down PointerKind = iota + 1
	Move
	Up
)

// String returns "down", "move" or "up".
func (k PointerKind) String() string {
	switch k {
	case Down:
		return "down"
	case Move:
		return "move"
	case Up:
		return "up"
	}
	return "?"
}

// PointerEvent is one pointer change in logical canvas units. The left mouse
// button and every touch become pointers; ID tells simultaneous pointers
// apart (the mouse is always ID 0). A game must be fully playable with one
// pointer.
type PointerEvent struct {
	Kind PointerKind
	ID   int
	X, Y float64
}
