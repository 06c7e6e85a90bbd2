// Package game holds the engine rules every Playhall game shares: the fixed
// 60 Hz step, the seeded random source, the pointer model, outcome events,
// the state hash, hit shapes, difficulty tuning and the Tally that turns a
// round's events into a results summary and a play record.
//
// Rules and state live here and in one sub-package per game (game/shooter,
// game/sort); drawing lives in kiosk/scene and only reads state. Nothing
// under game/ imports Ebitengine, so every rule runs in plain go test, in the
// headless simulator (kioskctl simulate) and under the renderer alike.
//
// A round is deterministic: the same level, band, canvas, seed and the same
// pointer events per tick give the same play bit for bit, checked by Hash.
package game

import "math"

// TPS is the fixed simulation rate: one Step is 1/60 s of game time,
// whatever the display's frame rate.
const TPS = 60

// Game is one round of one game. A Game is not safe for concurrent use; the
// renderer reads its state between Steps on the same goroutine.
type Game interface {
	// Step advances the round by one tick. in holds the pointer events
	// that arrived since the previous Step, in order; Step does not keep
	// in. After Done reports true, Step does nothing.
	Step(in []PointerEvent)
	// Events returns the outcome events produced by the last Step. The
	// slice is owned by the game and valid until the next Step.
	Events() []Event
	// Done reports whether the round has ended (a RoundEnded event was
	// emitted).
	Done() bool
	// Hash returns a hash of the exact simulation state (FNV-1a over every
	// field that influences the future). Equal hashes on the same tick mean
	// equal plays. It costs a walk over all live entities.
	Hash() uint64
	// Tick returns how many Steps have run; the next Step processes tick
	// number Tick().
	Tick() int
}

// Source supplies the pointer events for the next tick: the kiosk's input
// adapter (a human), the AI player and a replay all implement it, so a round
// is driven the same way whoever plays.
type Source interface {
	// Next appends the events for tick g.Tick() to buf[:0] and returns
	// the result. It may read g's state (the AI does) but never changes it.
	Next(g Game, buf []PointerEvent) []PointerEvent
}

// Seconds converts seconds of game time to ticks, rounding to the nearest
// tick.
func Seconds(s float64) int {
	if s <= 0 {
		return 0
	}
	return int(s*TPS + 0.5)
}

// Canvas is the logical drawing area in canvas units. Positions in pointer
// events and game state use these units; the kiosk scales them to the screen.
type Canvas struct {
	W, H float64
}

// The two canvases the kiosk lays out.
var (
	Landscape = Canvas{W: 1920, H: 1080}
	Portrait  = Canvas{W: 1080, H: 1920}
)

// Valid reports whether c has a sensible size (each side 320–8192 units).
func (c Canvas) Valid() bool {
	return c.W >= 320 && c.H >= 320 && c.W <= 8192 && c.H <= 8192
}

// Portrait reports whether c is taller than wide.
func (c Canvas) Portrait() bool { return c.H > c.W }

// Admit checks a pointer event before a game uses it: events with a NaN or
// infinite coordinate or an unknown kind are refused (false); positions are
// clamped to the canvas, so a glitching touch screen can never push game
// state off the canvas. Both games call it on every event.
func (c Canvas) Admit(p *PointerEvent) bool {
	if p.Kind < Down || p.Kind > Up || math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0) {
		return false
	}
	p.X = min(max(p.X, 0), c.W)
	p.Y = min(max(p.Y, 0), c.H)
	return true
}
