package sounds

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"
)

func samples(p []byte) []int16 {
	s := make([]int16, len(p)/2)
	for i := range s {
		s[i] = int16(binary.LittleEndian.Uint16(p[2*i:]))
	}
	return s
}

func TestLengthsAndLevels(t *testing.T) {
	want := map[ID]float64{
		Seize: 0.6, Arrest: 0.45, Bump: 0.3, Harm: 0.7, BossHorn: 1.4, Tick: 0.08, TickLast: 0.08,
		Tap: 0.06, Fanfare: 1.8, ThemePlay: 128 * 5760.0 / SampleRate, ThemeAttract: 128 * 9000.0 / SampleRate,
	}
	if len(want) != len(All) {
		t.Fatalf("test covers %d sounds, All has %d", len(want), len(All))
	}
	for _, id := range All {
		p := PCM(id)
		if len(p)%BytesPerFrame != 0 {
			t.Errorf("%v: %d bytes is not whole frames", id, len(p))
		}
		if d := Duration(id); math.Abs(d-want[id]) > 1.0/SampleRate {
			t.Errorf("%v: duration %.5f s, want %.5f s", id, d, want[id])
		}
		s := samples(p)
		var peak, sumSq float64
		for _, v := range s {
			a := math.Abs(float64(v))
			peak = max(peak, a)
			sumSq += a * a
		}
		// normalised to 0.85 of full scale (less if the peak fell in the
		// 3 ms edge fade): never clips, never silent
		if peak > 0.86*32767 || peak < 0.5*32767 {
			t.Errorf("%v: peak %.0f, want about 0.85 of full scale (no clipping)", id, peak)
		}
		if rms := math.Sqrt(sumSq / float64(len(s))); rms < 300 {
			t.Errorf("%v: rms %.0f is too quiet", id, rms)
		}
		if !id.Loops() {
			// effects start and end silent (no click)
			for _, i := range []int{0, 1, len(s) - 2, len(s) - 1} {
				if s[i] != 0 {
					t.Errorf("%v: sample %d is %d, want 0 at the edges", id, i, s[i])
				}
			}
		}
	}
}

func TestLoopSeam(t *testing.T) {
	for _, id := range []ID{ThemePlay, ThemeAttract} {
		start, n := LoopBytes(id)
		p := PCM(id)
		if start != 0 || n != int64(len(p)) {
			t.Fatalf("%v: LoopBytes = %d, %d; want 0, %d", id, start, n, len(p))
		}
		s := samples(p)
		// the jump from the last frame to the first must be no larger than
		// the largest step anywhere inside the loop: no click at the seam
		var maxStep float64
		for i := 2; i < len(s); i++ {
			maxStep = max(maxStep, math.Abs(float64(s[i])-float64(s[i-2])))
		}
		for ch := 0; ch < 2; ch++ {
			seam := math.Abs(float64(s[ch]) - float64(s[len(s)-2+ch]))
			if seam > maxStep {
				t.Errorf("%v: seam jump %.0f on channel %d exceeds the largest in-loop step %.0f", id, seam, ch, maxStep)
			}
		}
	}
	if s, n := LoopBytes(Seize); s != 0 || n != 0 {
		t.Errorf("LoopBytes(Seize) = %d, %d; want 0, 0 for an effect", s, n)
	}
}

func TestDeterministicAndCached(t *testing.T) {
	for _, id := range All {
		a := PCM(id)
		if &PCM(id)[0] != &a[0] {
			t.Errorf("%v: second PCM call did not return the cached slice", id)
		}
		if b := generate(id).pcm16(); !bytes.Equal(a, b) {
			t.Errorf("%v: regenerating gave different bytes", id)
		}
	}
}

func TestNames(t *testing.T) {
	for _, id := range All {
		got, ok := ByName(id.String())
		if !ok || got != id {
			t.Errorf("ByName(%q) = %v, %v", id.String(), got, ok)
		}
	}
	if _, ok := ByName("nope"); ok {
		t.Error("ByName found an unknown name")
	}
	if got := ID(99).String(); got != "sounds.ID(99)" {
		t.Errorf("ID(99).String() = %q", got)
	}
}

func TestNoteNumber(t *testing.T) {
	for _, c := range []struct {
		tok  string
		want int
		ok   bool
	}{{"A4", 69, true}, {"C4", 60, true}, {"F#3", 54, true}, {"Bb4", 70, true}, {"-", 0, false}, {"H2", 0, false}, {"C", 0, false}, {"C10", 0, false}} {
		got, ok := noteNumber(c.tok)
		if got != c.want || ok != c.ok {
			t.Errorf("noteNumber(%q) = %d, %v; want %d, %v", c.tok, got, ok, c.want, c.ok)
		}
	}
}

// BenchmarkGenerate measures generating each sound from scratch (the cost
// of the first PCM call).
func BenchmarkGenerate(b *testing.B) {
	for _, id := range All {
		b.Run(id.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				generate(id).pcm16()
			}
		})
	}
}

func TestPreloadConcurrent(t *testing.T) {
	done := make(chan []byte)
	go func() { Preload(); done <- PCM(ThemeAttract) }()
	a := PCM(ThemeAttract)
	if b := <-done; &a[0] != &b[0] {
		t.Error("concurrent callers got different slices")
	}
}

func TestGainKeepsMusicUnderEffects(t *testing.T) {
	for _, id := range All {
		g := Gain(id)
		if g <= 0 || g > 1 {
			t.Errorf("Gain(%v) = %v, want (0, 1]", id, g)
		}
		if id.Loops() && g >= Gain(Seize) {
			t.Errorf("theme %v at gain %v is not under the effects (%v)", id, g, Gain(Seize))
		}
	}
}
