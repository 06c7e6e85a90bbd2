package sounds

import (
	"strings"
)

// A theme is a few tracks of step patterns on a 16th-note grid. Tempos are
// chosen so one step is a whole number of frames (720000/BPM), so the loop
// length is exact and the seam falls on a frame boundary.

// track is one voice: a pattern of space-separated tokens, one per step:
// a note name ("C5", "F#3"), "-" to hold the previous note, "." for rest.
type track struct {
	pattern string
	w       wave
	e       env
	gain    float32
	pan     float32
	vibrato float64
	// gate is the fraction of the held length before release (staccato < 1).
	gate float64
}

// sequence renders tracks at bpm for steps steps into a looping buffer.
func sequence(bpm int, steps int, tracks []track, drums func(b *buffer, step int, stepSec float64)) *buffer {
	stepFrames := 720000 / bpm
	stepSec := float64(stepFrames) / SampleRate
	b := &buffer{l: make([]float32, stepFrames*steps), r: make([]float32, stepFrames*steps), loop: true}
	for _, tr := range tracks {
		toks := strings.Fields(tr.pattern)
		for i := 0; i < len(toks); i++ {
			m, ok := noteNumber(toks[i])
			if !ok {
				continue
			}
			n := 1
			for i+n < len(toks) && toks[i+n] == "-" {
				n++
			}
			b.play(note{start: float64(i) * stepSec, hold: float64(n) * stepSec * tr.gate, hz: midi(m), w: tr.w, e: tr.e, gain: tr.gain, pan: tr.pan, vibrato: tr.vibrato})
		}
	}
	if drums != nil {
		for s := 0; s < steps; s++ {
			drums(b, s, stepSec)
		}
	}
	return b
}

// noteNumber parses "C5", "F#3", "Bb4" into a MIDI number.
func noteNumber(tok string) (int, bool) {
	if len(tok) < 2 {
		return 0, false
	}
	base, ok := map[byte]int{'C': 0, 'D': 2, 'E': 4, 'F': 5, 'G': 7, 'A': 9, 'B': 11}[tok[0]]
	if !ok {
		return 0, false
	}
	rest := tok[1:]
	switch rest[0] {
	case '#':
		base++
		rest = rest[1:]
	case 'b':
		base--
		rest = rest[1:]
	}
	if len(rest) != 1 || rest[0] < '0' || rest[0] > '8' {
		return 0, false
	}
	return 12*(int(rest[0]-'0')+1) + base, true
}

// bars repeats each chord root pattern into a bass line.
func bassLine(roots []string, pattern string) string {
	var sb strings.Builder
	for _, r := range roots {
		low, high := r+"2", r+"3"
		p := strings.NewReplacer("L", low, "H", high).Replace(pattern)
		sb.WriteString(p)
		sb.WriteByte(' ')
	}
	return sb.String()
}

// themePlay: 125 BPM, 8 bars of I–vi–IV–V in C, chiptune lead over a
// bouncing triangle bass, off-beat bell chords and soft hats (15.36 s).
func themePlay() *buffer {
	lead := strings.Join([]string{
		"E5 . G5 . C6 - A5 . G5 . E5 . D5 - . .",
		"C5 . E5 . A5 - G5 . E5 . D5 . C5 - . .",
		"A4 . C5 . F5 - E5 . D5 . C5 . A4 - . .",
		"B4 . D5 . G5 - A5 . G5 - - . D5 . . .",
		"E5 . G5 . C6 - D6 . E6 - D6 . C6 - . .",
		"A5 - G5 . E5 - C5 . D5 . E5 . A5 - . .",
		"F5 . A5 . C6 - A5 . G5 . F5 . E5 - D5 .",
		"D5 . G5 . B5 - A5 . G5 - - - - - . .",
	}, " ")
	chords := [][3]string{{"E4", "G4", "C5"}, {"E4", "A4", "C5"}, {"F4", "A4", "C5"}, {"D4", "G4", "B4"}}
	var stabs [3]strings.Builder
	for bar := 0; bar < 8; bar++ {
		c := chords[bar%4]
		for step := 0; step < 16; step++ {
			for v := 0; v < 3; v++ {
				if step%4 == 2 {
					stabs[v].WriteString(c[v] + " ")
				} else {
					stabs[v].WriteString(". ")
				}
			}
		}
	}
	roots := []string{"C", "A", "F", "G", "C", "A", "F", "G"}
	bass := bassLine(roots, "L . H . L . H . L . H . L . H .")
	tracks := []track{
		{pattern: lead, w: wavePulse, e: env{0.005, 0.06, 0.55, 0.06}, gain: 0.28, pan: 0.1, gate: 0.85, vibrato: 0.1},
		{pattern: bass, w: waveTriangle, e: env{0.004, 0.05, 0.7, 0.04}, gain: 0.45, gate: 0.8},
	}
	for v := 0; v < 3; v++ {
		tracks = append(tracks, track{pattern: stabs[v].String(), w: waveBell, e: env{0.003, 0.1, 0.2, 0.1}, gain: 0.12, pan: float32(v-1) * 0.4, gate: 0.6})
	}
	return sequence(125, 128, tracks, func(b *buffer, step int, stepSec float64) {
		at := float64(step) * stepSec
		if step%2 == 1 {
			b.noise(at, 0.005, 9000, 7000, env{0.001, 0.01, 0, 0.03}, 0.06, 0.3, uint32(100+step))
		}
		if step%8 == 0 { // soft kick
			b.play(note{start: at, hold: 0.01, hz: 110, hz2: 45, w: waveSine, e: env{0.001, 0.06, 0.2, 0.08}, gain: 0.5})
		}
	})
}

// themeAttract: 80 BPM, 8 bars of Cmaj7–Am7–Fmaj7–G6, slow bell arpeggios
// over a sine pad and a sparse flute-like melody (24 s).
func themeAttract() *buffer {
	arps := []string{
		"C4 . E4 . G4 . B4 . C5 . B4 . G4 . E4 .",
		"A3 . C4 . E4 . G4 . A4 . G4 . E4 . C4 .",
		"F3 . A3 . C4 . E4 . F4 . E4 . C4 . A3 .",
		"G3 . B3 . D4 . E4 . G4 . E4 . D4 . B3 .",
	}
	arp := strings.Join(append(append([]string{}, arps...), arps...), " ")
	melody := strings.Join([]string{
		"G5 - - - - - - - E5 - - - - - - -",
		"E5 - - - - - - - C5 - - - D5 - - -",
		"C5 - - - - - - - A4 - - - - - - -",
		"B4 - - - - - - - D5 - - - - - - -",
		"G5 - - - - - - - A5 - - - G5 - - -",
		"E5 - - - - - - - C5 - - - - - - -",
		"A4 - - - C5 - - - F5 - - - E5 - - -",
		"D5 - - - - - - - . . . . . . . .",
	}, " ")
	pads := [][4]string{{"C3", "G3", "E4", "B4"}, {"A2", "E3", "C4", "G4"}, {"F2", "C3", "A3", "E4"}, {"G2", "D3", "B3", "E4"}}
	var padTracks [4]strings.Builder
	for bar := 0; bar < 8; bar++ {
		for v := 0; v < 4; v++ {
			padTracks[v].WriteString(pads[bar%4][v] + strings.Repeat(" -", 15) + " ")
		}
	}
	tracks := []track{
		{pattern: arp, w: waveBell, e: env{0.004, 0.3, 0.15, 0.5}, gain: 0.2, pan: -0.2, gate: 1},
		{pattern: melody, w: waveTriangle, e: env{0.08, 0.3, 0.6, 0.4}, gain: 0.18, pan: 0.2, gate: 0.9, vibrato: 0.15},
	}
	for v := 0; v < 4; v++ {
		tracks = append(tracks, track{pattern: padTracks[v].String(), w: waveSine, e: env{0.6, 0.5, 0.7, 0.8}, gain: 0.07, pan: float32(v)*0.3 - 0.45, gate: 0.95})
	}
	return sequence(80, 128, tracks, nil)
}
