package sounds

// Each effect is a few notes and noise bursts on a short buffer. Lengths are
// fixed here and asserted by the tests.

// seize: a bright rising bell pair with a sparkle on top (0.6 s).
func seize() *buffer {
	b := newBuffer(0.6)
	bell := env{a: 0.003, d: 0.25, s: 0.2, r: 0.25}
	b.play(note{start: 0, hold: 0.08, hz: midi(88), w: waveBell, e: bell, gain: 0.6, pan: -0.2})   // E6
	b.play(note{start: 0.07, hold: 0.12, hz: midi(95), w: waveBell, e: bell, gain: 0.7, pan: 0.2}) // B6
	b.play(note{start: 0.07, hold: 0.05, hz: midi(100), w: waveSine, e: env{0.002, 0.1, 0, 0.1}, gain: 0.25, pan: 0.5})
	b.noise(0.07, 0.02, 9000, 6000, env{0.001, 0.02, 0, 0.06}, 0.08, 0.4, 7)
	return b
}

// arrest: two metallic clinks, like handcuffs closing (0.45 s).
func arrest() *buffer {
	b := newBuffer(0.45)
	metal := env{a: 0.001, d: 0.08, s: 0.1, r: 0.15}
	for i, at := range []float64{0, 0.11} {
		base := 1250.0 + 180*float64(i)
		pan := float32(-0.25 + 0.5*float64(i))
		for _, p := range []struct{ ratio, gain float64 }{{1, 0.5}, {2.76, 0.35}, {5.4, 0.22}, {8.93, 0.12}} {
			b.play(note{start: at, hold: 0.03, hz: base * p.ratio, w: waveSine, e: metal, gain: float32(p.gain), pan: pan})
		}
		b.noise(at, 0.005, 7000, 4000, env{0.0005, 0.01, 0, 0.02}, 0.25, pan, uint32(11+i))
	}
	return b
}

// bump: a soft, friendly two-tone "boop-bop", low and round (0.3 s).
func bump() *buffer {
	b := newBuffer(0.3)
	soft := env{a: 0.01, d: 0.08, s: 0.4, r: 0.08}
	b.play(note{start: 0, hold: 0.06, hz: midi(62), hz2: midi(60), w: waveTriangle, e: soft, gain: 0.6})
	b.play(note{start: 0.12, hold: 0.06, hz: midi(67), w: waveTriangle, e: soft, gain: 0.5})
	return b
}

// harm: a falling whoosh with a low sliding tone (0.7 s).
func harm() *buffer {
	b := newBuffer(0.7)
	b.noise(0, 0.35, 3500, 300, env{a: 0.06, d: 0.2, s: 0.6, r: 0.3}, 0.9, 0, 23)
	b.play(note{start: 0.02, hold: 0.35, hz: midi(57), hz2: midi(45), w: waveTriangle, e: env{0.03, 0.2, 0.5, 0.3}, gain: 0.4})
	return b
}

// bossHorn: a low brass fifth that swells and fades (1.4 s).
func bossHorn() *buffer {
	b := newBuffer(1.4)
	horn := env{a: 0.18, d: 0.3, s: 0.8, r: 0.45}
	b.play(note{start: 0, hold: 0.9, hz: midi(45), w: waveBrass, e: horn, gain: 0.45, pan: -0.15, vibrato: 0.12}) // A2
	b.play(note{start: 0, hold: 0.9, hz: midi(52), w: waveBrass, e: horn, gain: 0.35, pan: 0.15, vibrato: 0.12})  // E3
	b.play(note{start: 0.02, hold: 0.9, hz: midi(57), w: waveBrass, e: horn, gain: 0.2, vibrato: 0.12})           // A3
	return b
}

// tick: a short woodblock-like click at hz (0.08 s).
func tick(hz float64) *buffer {
	b := newBuffer(0.08)
	b.play(note{start: 0, hold: 0.005, hz: hz, hz2: hz * 0.8, w: waveSine, e: env{0.001, 0.03, 0.1, 0.04}, gain: 0.7})
	b.noise(0, 0.002, 5000, 3000, env{0.0005, 0.005, 0, 0.01}, 0.15, 0, 31)
	return b
}

// tap: a tiny soft pop for buttons (0.06 s).
func tap() *buffer {
	b := newBuffer(0.06)
	b.play(note{start: 0, hold: 0.004, hz: 900, hz2: 520, w: waveSine, e: env{0.001, 0.02, 0.2, 0.03}, gain: 0.6})
	return b
}

// fanfare: a rising chiptune arpeggio into a held major chord (1.8 s).
func fanfare() *buffer {
	b := newBuffer(1.8)
	lead := env{a: 0.005, d: 0.08, s: 0.6, r: 0.12}
	for i, m := range []int{72, 76, 79, 84} { // C5 E5 G5 C6
		b.play(note{start: 0.12 * float64(i), hold: 0.09, hz: midi(m), w: wavePulse, e: lead, gain: 0.35, pan: float32(i)*0.15 - 0.2})
	}
	chord := env{a: 0.01, d: 0.2, s: 0.7, r: 0.5}
	for i, m := range []int{72, 76, 79, 84, 88} {
		w := wavePulse
		if i%2 == 1 {
			w = waveBell
		}
		b.play(note{start: 0.5, hold: 0.75, hz: midi(m), w: w, e: chord, gain: 0.22, pan: float32(i)*0.2 - 0.4, vibrato: 0.08})
	}
	b.play(note{start: 0.5, hold: 0.75, hz: midi(48), w: waveTriangle, e: chord, gain: 0.5})
	b.noise(0.5, 0.02, 8000, 5000, env{0.001, 0.05, 0, 0.2}, 0.12, 0, 41)
	return b
}
