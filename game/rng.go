package game

// RNG is the deterministic random source of a round: SplitMix64, a 64-bit
// counter run through a mixing function. Its whole state is one uint64, so
// it is hashed and copied for free. Never use math/rand's global source in a
// rule: it would break replays.
//
// The zero RNG is valid (seed 0). Methods cost a few nanoseconds and never
// allocate.
type RNG struct {
	State uint64
}

// NewRNG returns an RNG seeded with seed.
func NewRNG(seed uint64) RNG { return RNG{State: seed} }

// Uint64 returns the next 64 random bits.
func (r *RNG) Uint64() uint64 {
	r.State += 0x9e3779b97f4a7c15
	return Mix64(r.State)
}

// Mix64 is SplitMix64's finaliser: a bijective hash of x with good
// avalanche. Callers use it to derive a stable per-entity decision from a
// seed and a serial without keeping state.
func Mix64(x uint64) uint64 {
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Float64 returns a number in [0, 1).
func (r *RNG) Float64() float64 {
	return float64(r.Uint64()>>11) * (1.0 / (1 << 53))
}

// Intn returns a number in [0, n); n <= 0 gives 0.
func (r *RNG) Intn(n int) int {
	if n <= 0 {
		return 0
	}
	return int(r.Uint64() % uint64(n))
}

// Range returns a number in [lo, hi).
func (r *RNG) Range(lo, hi float64) float64 {
	return lo + (hi-lo)*r.Float64()
}

// Chance returns true with probability p.
func (r *RNG) Chance(p float64) bool {
	return r.Float64() < p
}

// Norm returns an approximately normal number with mean 0 and standard
// deviation 1 (sum of four uniforms, scaled), cheap and deterministic.
func (r *RNG) Norm() float64 {
	s := r.Float64() + r.Float64() + r.Float64() + r.Float64()
	return (s - 2) * 1.7320508075688772 // sqrt(12/4)
}
