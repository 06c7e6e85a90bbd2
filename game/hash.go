package game

import "math"

// Hasher folds values into a 64-bit hash: FNV-1a's xor-then-multiply step
// applied to whole 64-bit words, each word first run through Mix64 so every
// input bit reaches every output bit (about 2 ns a word; byte-wise FNV-1a
// was eight times slower on a 2,000-entity state). Games use it for Hash; the
// simulator uses it to fold many plays into one. The float encoding (exact
// IEEE bits) and the order are fixed, so a hash is stable across runs and
// builds.
type Hasher struct {
	h uint64
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// NewHasher returns a Hasher at FNV-1a's 64-bit offset basis.
func NewHasher() Hasher { return Hasher{h: fnvOffset} }

// Uint64 folds v.
func (h *Hasher) Uint64(v uint64) {
	h.h = (h.h ^ Mix64(v)) * fnvPrime
}

// Int folds v.
func (h *Hasher) Int(v int) { h.Uint64(uint64(v)) }

// Float folds v's exact bits.
func (h *Hasher) Float(v float64) { h.Uint64(math.Float64bits(v)) }

// Bool folds v as one byte.
func (h *Hasher) Bool(v bool) {
	var b uint64
	if v {
		b = 1
	}
	h.h = (h.h ^ b) * fnvPrime
}

// String folds s's length and bytes.
func (h *Hasher) String(s string) {
	h.Int(len(s))
	x := h.h
	for i := 0; i < len(s); i++ {
		x ^= uint64(s[i])
		x *= fnvPrime
	}
	h.h = x
}

// Sum returns the hash so far.
func (h *Hasher) Sum() uint64 { return h.h }

// Event folds the outcome fields of e: Tick, Kind, Entity, Points, Pointer,
// Value, X and Y, in that order. Games fold every event they emit into a
// history hash with it, so the order is part of every recorded replay hash.
func (h *Hasher) Event(e *Event) {
	h.Int(e.Tick)
	h.Int(int(e.Kind))
	h.Int(e.Entity)
	h.Int(e.Points)
	h.Int(e.Pointer)
	h.Int(e.Value)
	h.Float(e.X)
	h.Float(e.Y)
}
