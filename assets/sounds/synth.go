package sounds

import (
	"math"
)

// buffer is a stereo float mix. Samples stay in [-1, 1] after normalise.
type buffer struct {
	l, r []float32
	loop bool // tails past the end wrap to the start
}

func newBuffer(seconds float64) *buffer {
	n := int(math.Round(seconds * SampleRate))
	return &buffer{l: make([]float32, n), r: make([]float32, n)}
}

// add mixes v at frame i with pan in [-1, 1] (equal-power).
func (b *buffer) add(i int, v float32, pan float32) {
	n := len(b.l)
	if i >= n {
		if !b.loop {
			return
		}
		i %= n
	}
	if i < 0 {
		return
	}
	gl, gr := panGains(pan)
	b.l[i] += v * gl
	b.r[i] += v * gr
}

func panGains(pan float32) (float32, float32) {
	a := (float64(pan) + 1) * math.Pi / 4
	return float32(math.Cos(a)), float32(math.Sin(a))
}

// normalise scales the mix so its peak is peak (< 1), then fades the first
// and last fadeMs milliseconds of an effect so it starts and stops silent.
func (b *buffer) normalise(peak float32) {
	var m float32
	for i := range b.l {
		m = max(m, abs32(b.l[i]), abs32(b.r[i]))
	}
	if m == 0 {
		return
	}
	g := peak / m
	for i := range b.l {
		b.l[i] *= g
		b.r[i] *= g
	}
	if b.loop {
		return
	}
	fade := SampleRate * 3 / 1000
	n := len(b.l)
	for i := 0; i < fade && i < n; i++ {
		f := float32(i) / float32(fade)
		b.l[i] *= f
		b.r[i] *= f
		b.l[n-1-i] *= f
		b.r[n-1-i] *= f
	}
}

// pcm16 converts the mix to little-endian interleaved int16 stereo.
func (b *buffer) pcm16() []byte {
	b.normalise(0.85)
	out := make([]byte, len(b.l)*BytesPerFrame)
	for i := range b.l {
		l := int16(math.Round(float64(b.l[i]) * 32767))
		r := int16(math.Round(float64(b.r[i]) * 32767))
		out[4*i] = byte(l)
		out[4*i+1] = byte(l >> 8)
		out[4*i+2] = byte(r)
		out[4*i+3] = byte(r >> 8)
	}
	return out
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// sine table for fast oscillators.
const tableBits = 12

var sineTable = func() [1 << tableBits]float32 {
	var t [1 << tableBits]float32
	for i := range t {
		t[i] = float32(math.Sin(2 * math.Pi * float64(i) / float64(len(t))))
	}
	return t
}()

// sin1 returns sin(2π·phase) for phase ≥ 0, in turns.
func sin1(phase float64) float32 {
	f := phase - float64(int64(phase))
	return sineTable[int(f*(1<<tableBits))&(1<<tableBits-1)]
}

// wave shapes a voice's oscillator.
type wave int

const (
	waveSine     wave = iota
	waveTriangle      // soft chiptune bass and flute
	wavePulse         // chiptune lead (25% duty, lightly smoothed)
	waveBell          // sine with decaying inharmonic partials
	waveBrass         // a few odd and even harmonics
)

// env is an attack–decay–sustain–release envelope in seconds.
type env struct{ a, d, s, r float64 }

// note renders one note into b: frequency hz (optionally gliding to hz2),
// starting at second start, held hold seconds, then released.
type note struct {
	start, hold float64
	hz, hz2     float64 // hz2 == 0: no glide
	w           wave
	e           env
	gain, pan   float32
	vibrato     float64 // depth in semitones (5.5 Hz)
}

func (b *buffer) play(n note) {
	total := n.hold + n.e.r
	frames := int(total * SampleRate)
	i0 := int(n.start * SampleRate)
	gl, gr := panGains(n.pan)
	hz := n.hz
	glide := 1.0
	if n.hz2 != 0 {
		glide = math.Pow(n.hz2/n.hz, 1/float64(frames))
	}
	// bell partial decays as per-frame factors
	d2, d3 := float32(math.Exp(-9.0/SampleRate)), float32(math.Exp(-16.0/SampleRate))
	a2, a3 := float32(0.5), float32(0.25)
	vibK := n.vibrato * math.Ln2 / 12
	vibStart := int(0.15 * SampleRate)
	vibStep := 5.5 / SampleRate
	// the envelope as linear segments: attack, decay, sustain, release
	holdF := int(n.hold * SampleRate)
	aF := max(1, int(n.e.a*SampleRate))
	dF := max(1, int(n.e.d*SampleRate))
	rF := max(1, int(n.e.r*SampleRate))
	var level, slope float32
	next := 0 // frame at which the next segment starts
	seg := -1
	released := false
	phase := 0.0
	lp := float32(0) // one-pole smoothing for the pulse wave
	for k := 0; k < frames; k++ {
		if k == holdF && !released {
			released = true
			slope = -level / float32(rF)
			next = frames + 1
		}
		if k == next && !released {
			seg++
			switch seg {
			case 0:
				level, slope, next = 0, 1/float32(aF), aF
			case 1:
				level, slope, next = 1, -(1-float32(n.e.s))/float32(dF), aF+dF
			default:
				level, slope, next = float32(n.e.s), 0, frames+1
			}
		}
		f := hz
		if vibK != 0 && k > vibStart {
			f *= 1 + vibK*float64(sin1(float64(k)*vibStep+1)) // exp(x) ≈ 1+x for tiny x
		}
		hz *= glide
		phase += f / SampleRate
		if phase >= 1024 {
			phase -= 1024 // keep precision; every wave is periodic in 1 turn
		}
		var v float32
		switch n.w {
		case waveTriangle:
			fr := phase - float64(int64(phase))
			v = float32(4*math.Abs(fr-0.5) - 1)
		case wavePulse:
			fr := phase - float64(int64(phase))
			x := float32(-0.5)
			if fr < 0.25 {
				x = 1
			}
			lp += 0.35 * (x - lp)
			v = lp * 0.8
		case waveBell:
			v = sin1(phase) + a2*sin1(phase*2.76) + a3*sin1(phase*5.4)
			a2 *= d2
			a3 *= d3
		case waveBrass:
			v = sin1(phase) + 0.6*sin1(phase*2) + 0.4*sin1(phase*3) + 0.2*sin1(phase*4) + 0.1*sin1(phase*5)
		default:
			v = sin1(phase)
		}
		level += slope
		if level < 0 {
			level = 0
		}
		v *= level * n.gain
		i := i0 + k
		if i >= len(b.l) {
			if !b.loop {
				return
			}
			i %= len(b.l)
		}
		b.l[i] += v * gl
		b.r[i] += v * gr
	}
}

// rng is a small deterministic generator for noise (xorshift32).
type rng uint32

func (r *rng) next() float32 {
	x := uint32(*r)
	x ^= x << 13
	x ^= x >> 17
	x ^= x << 5
	*r = rng(x)
	return float32(x)/float32(1<<31) - 1
}

// noise renders filtered noise: a one-pole low-pass whose cutoff moves from
// cut0 to cut1 Hz, under envelope e.
func (b *buffer) noise(start, hold float64, cut0, cut1 float64, e env, gain, pan float32, seed uint32) {
	r := rng(seed | 1)
	total := hold + e.r
	frames := int(total * SampleRate)
	i0 := int(start * SampleRate)
	var y, a float32
	for k := 0; k < frames; k++ {
		t := float64(k) / SampleRate
		if k%32 == 0 {
			cut := cut0 * math.Pow(cut1/cut0, t/total)
			a = float32(1 - math.Exp(-2*math.Pi*cut/SampleRate))
		}
		y += a * (r.next() - y)
		b.add(i0+k, y*e.at(t, hold)*gain, pan)
	}
}

// midi returns the frequency of MIDI note m (69 = A4 = 440 Hz).
func midi(m int) float64 { return 440 * math.Pow(2, float64(m-69)/12) }

// at evaluates the envelope at t seconds for a note held hold seconds (used
// by noise; notes step the same segments incrementally).
func (e env) at(t, hold float64) float32 {
	var v float64
	switch {
	case t < e.a:
		v = t / e.a
	case t < e.a+e.d:
		v = 1 - (1-e.s)*(t-e.a)/e.d
	default:
		v = e.s
	}
	if t > hold {
		rel := (t - hold) / e.r
		if rel >= 1 {
			return 0
		}
		v *= 1 - rel
	}
	return float32(v)
}
