package kiosk_test

// Audio tests: the real kiosk binary plays into the stand-in sound card of
// soundcard_test.go, and what the card heard is compared sample by sample
// with assets/sounds; the null sink and a missing device run silent.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/playhall/playhall/assets/sounds"
	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/internal/testbin"
	"github.com/playhall/playhall/kiosk/flow"
)

// Every opening of the card must be what an onboard card takes.
func checkFormat(t *testing.T, i int, o opening) {
	t.Helper()
	if o.format != 1 || o.channels != 2 || o.rate != sounds.SampleRate || o.bits != 16 {
		t.Errorf("opening %d: format %d, %d channels, %d Hz, %d bits; want PCM (1), 2, %d, 16",
			i, o.format, o.channels, o.rate, o.bits, sounds.SampleRate)
	}
}

// liveKiosk is a kiosk running on the real clock with live input, stopped
// by the test.
type liveKiosk struct {
	cmd    *exec.Cmd
	out    bytes.Buffer
	exited chan struct{}
}

func startKiosk(t *testing.T, env []string, args ...string) *liveKiosk {
	t.Helper()
	bin, err := testbin.Path("kiosk")
	if err != nil {
		t.Fatal(err)
	}
	k := &liveKiosk{cmd: exec.Command(bin, args...), exited: make(chan struct{})}
	k.cmd.Env = append(os.Environ(), env...)
	k.cmd.Dir = t.TempDir()
	k.cmd.Stdout, k.cmd.Stderr = &k.out, &k.out
	if err := k.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { k.cmd.Wait(); close(k.exited) }()
	t.Cleanup(func() { k.cmd.Process.Kill(); <-k.exited })
	return k
}

// stop ends the kiosk and returns its log; it fails the test if the kiosk
// had already exited on its own.
func (k *liveKiosk) stop(t *testing.T) string {
	t.Helper()
	select {
	case <-k.exited:
		t.Fatalf("the kiosk exited by itself (%v)\n%s", k.cmd.ProcessState, k.out.String())
	default:
	}
	k.cmd.Process.Kill()
	<-k.exited
	return k.out.String()
}

func TestAttractThemeReachesTheCard(t *testing.T) {
	t.Parallel()
	card := newSoundCard(t)
	k := startKiosk(t, card.env(t), "--window", "480x270", "--data", t.TempDir())
	const want = 3 * sounds.SampleRate // frames of the theme to hear
	heard := card.waitFor(t, 90*time.Second, "3 s of sound from the kiosk", func(h []opening) bool {
		if len(h) < 2 {
			return false
		}
		o := h[len(h)-1]
		on := onset(o.pcm, 0, 1e-3)
		return on >= 0 && o.frames() >= on+want
	})
	log := k.stop(t)
	if !strings.Contains(log, "audio: device open") {
		t.Errorf("log does not say the device opened:\n%s", log)
	}
	// The probe child opens the card first and plays silence; then the
	// kiosk opens it once.
	if len(heard) != 2 {
		t.Fatalf("the card was opened %d times (%s), want the probe's and the kiosk's", len(heard), describe(heard))
	}
	for i, o := range heard {
		checkFormat(t, i, o)
	}
	if on := onset(heard[0].pcm, 0, 0); on >= 0 || heard[0].frames() == 0 {
		t.Errorf("the probe's opening: %s, want only silence", describe(heard[:1]))
	}
	// The attract theme from its first sample, at the default volume 0.8
	// times the theme's mix level.
	got, theme := heard[1].pcm, samples(sounds.ThemeAttract)
	gain := 0.8 * sounds.Gain(sounds.ThemeAttract)
	guess := onset(got, 0, 1e-3) - onset(theme, 0, 1e-3/gain)
	at, _ := align(got, guess, theme, 0, sounds.SampleRate/5, 1024)
	corr, g, rms := fit(got, at, theme, 0, want)
	_, _, themeRMS := fit(theme, 0, theme, 0, want)
	t.Logf("attract theme at frame %d of the kiosk's opening: correlation %.6f, gain %.4f, RMS %.4f (theme %.4f)", at, corr, g, rms, themeRMS)
	if corr < 0.999 {
		t.Errorf("the card heard something else than the attract theme: correlation %.6f over 3 s", corr)
	}
	if g < gain*0.98 || g > gain*1.02 {
		t.Errorf("theme gain %.4f, want %.2f (volume 0.8 × sounds.Gain %.2f)", g, gain, sounds.Gain(sounds.ThemeAttract))
	}
	if rms < 0.9*gain*themeRMS {
		t.Errorf("RMS %.4f, want at least %.4f", rms, 0.9*gain*themeRMS)
	}
	if on := onset(got, 0, 0); on < at-sounds.SampleRate/100 {
		t.Errorf("sound at frame %d before the theme starts at %d", on, at)
	}
}

// soundTestCycle is the staff menu's sound test: each press plays the next.
var soundTestCycle = []sounds.ID{sounds.Seize, sounds.Arrest, sounds.Bump, sounds.Harm, sounds.BossHorn, sounds.Fanfare}

// heardSound is one sound found in a recording.
type heardSound struct {
	id               sounds.ID
	at               int // frame where its first sample is
	corr, gain, tail float64
}

// skip is how much of an effect's start the comparison leaves out: the
// sound test button's own tap plays over it. Short sounds are compared whole.
func skip(id sounds.ID) int {
	n := int(sounds.Duration(sounds.Tap)*sounds.SampleRate) + sounds.SampleRate/50
	if int(sounds.Duration(id)*sounds.SampleRate) < 2*n {
		return 0
	}
	return n
}

// identify walks the recording from one burst of sound to the next and
// names each burst by the effect whose waveform it matches best.
func identify(got []float64) []heardSound {
	var out []heardSound
	for pos := 0; ; {
		on := onset(got, pos, 1e-3)
		if on < 0 {
			return out
		}
		best := heardSound{corr: -2}
		for _, id := range sounds.All {
			if id.Loops() {
				continue
			}
			ref, lo := samples(id), skip(id)
			at, c := align(got, on, ref, lo, min(len(ref)/2, lo+sounds.SampleRate/10), 1200)
			if c > best.corr {
				best = heardSound{id: id, at: at, corr: c}
			}
		}
		ref := samples(best.id)
		n := len(ref) / 2
		best.corr, best.gain, _ = fit(got, best.at, ref, skip(best.id), n)
		// What follows the effect, for 100 ms, should be silence: the
		// effect is as long as synthesised, not cut off or running on.
		best.tail = rmsOf(got, best.at+n, sounds.SampleRate/10)
		out = append(out, best)
		pos = max(best.at+n, on+1)
	}
}

func TestSoundTestReachesTheCard(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "kiosk.toml")
	// No music, so between effects the card hears silence.
	toml := fmt.Sprintf("[kiosk]\nname = \"sound\"\ndata = %q\n\n[sound]\nmusic = false\n", filepath.Join(dir, "data"))
	if err := os.WriteFile(cfg, []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	var ticks []flow.ReplayTick
	t0 := 4 * game.TPS // the device opens about 1 s after start
	tap := func(x, y float64, gap int) {
		ticks = append(ticks, flow.ReplayTick{T: t0, E: []game.PointerEvent{{Kind: game.Down, X: x, Y: y}, {Kind: game.Up, X: x, Y: y}}})
		t0 += gap
	}
	for range 5 { // the staff gesture
		tap(60, 60, 20)
	}
	key := func(col, row int) (float64, float64) { // the PIN pad, as TestStaffGestureAndPIN
		return 640 + float64(col)*220 + 100, 280 + float64(row)*150 + 65
	}
	for _, k := range [][2]int{{1, 3}, {1, 3}, {1, 3}, {1, 3}, {2, 3}} { // 0 0 0 0 OK
		x, y := key(k[0], k[1])
		tap(x, y, 20)
	}
	// Sound test is the menu's fifth button: column 1, row 1 of three
	// columns from x 900 to the margin, 120 high with 24 gaps from y 60.
	bw := (1920.0 - 900 - flow.Margin - 2*24) / 3
	sx, sy := 900+(bw+24)+bw/2, 60.0+144+60
	t0 += game.TPS
	// Nine presses: the whole cycle even if the device opened three presses
	// late. Each waits for the effect plus half a second of silence.
	const presses = 9
	for i := range presses {
		d := sounds.Duration(soundTestCycle[i%len(soundTestCycle)])
		tap(sx, sy, int((d+0.5)*game.TPS))
	}
	ticks = append(ticks, flow.ReplayTick{T: t0 + game.TPS, E: []game.PointerEvent{{Kind: game.Move, ID: 9, X: 1, Y: 1}}})
	rp := filepath.Join(dir, "sound.jsonl")
	writeReplay(t, rp, ticks)

	card := newSoundCard(t)
	code, log := runKiosk(t, card.env(t), "--window", "480x270", "--draw-every", "30", "--config", cfg, "--replay", rp)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, log)
	}
	if !strings.Contains(log, "staff: menu unlocked") || !strings.Contains(log, "audio: device open") {
		t.Fatalf("menu not unlocked or no device:\n%s", log)
	}
	heard := card.openings(t)
	if len(heard) != 2 {
		t.Fatalf("the card was opened %d times (%s), want the probe's and the kiosk's", len(heard), describe(heard))
	}
	checkFormat(t, 1, heard[1])
	var fx []sounds.ID
	for _, h := range identify(heard[1].pcm) {
		t.Logf("%-9s at %6.3f s: correlation %.5f, gain %.4f, RMS after it %.5f", h.id, float64(h.at)/sounds.SampleRate, h.corr, h.gain, h.tail)
		// Every burst is a synthesised sound, whole, at the default volume
		// times its mix level.
		if h.corr < 0.99 {
			t.Errorf("%s at frame %d: correlation %.5f with the synthesised sound, want ≥ 0.99", h.id, h.at, h.corr)
		}
		if want := 0.8 * sounds.Gain(h.id); h.gain < want*0.98 || h.gain > want*1.02 {
			t.Errorf("%s at frame %d: gain %.4f, want %.2f (volume 0.8 × sounds.Gain)", h.id, h.at, h.gain, want)
		}
		if h.tail > 1e-4 {
			t.Errorf("%s at frame %d: RMS %.5f in the 100 ms after its synthesised end, want silence", h.id, h.at, h.tail)
		}
		if h.id != sounds.Tap { // the pad's keys and the button itself
			fx = append(fx, h.id)
		}
	}
	// The effects are the cycle's, in order, from wherever the device came
	// in: at least one of each.
	if len(fx) < len(soundTestCycle) || len(fx) > presses {
		t.Fatalf("heard %d sound-test effects, want from %d (one of each) to %d (one a press)\n%s", len(fx), len(soundTestCycle), presses, log)
	}
	first := presses - len(fx)
	for i, id := range fx {
		if want := soundTestCycle[(first+i)%len(soundTestCycle)]; id != want {
			t.Errorf("effect %d: heard %s, want %s", i, id, want)
		}
	}
}

// Without a device that plays in real time the kiosk runs silent: it says
// why in its log (and the staff menu), and the visitor flow goes on.
func TestSilentWithoutACard(t *testing.T) {
	t.Parallel()
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	for _, tc := range []struct {
		name string
		env  func(dir string) []string
		why  string
	}{
		{"no device", func(string) []string {
			return []string{"ALSA_CONFIG_PATH=" + abs("../testdata/alsa-nodevice.conf")}
		}, "no audio device (exit status 3"},
		{"null sink", func(string) []string {
			return []string{"ALSA_CONFIG_PATH=" + abs("../testdata/alsa-null.conf")}
		}, "a null sink, not a speaker"},
		// The stand-in card with nobody pacing it is a null sink as well.
		{"card into a plain file", func(dir string) []string {
			return []string{"ALSA_CONFIG_PATH=" + abs("../testdata/alsa-capture.conf"), "PLAYHALL_ALSA_CAPTURE=" + filepath.Join(dir, "card.wav")}
		}, "a null sink, not a speaker"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			env := append(tc.env(dir), "PULSE_SERVER=unix:/nonexistent")
			code, log := runKiosk(t, env, "--window", "480x270", "--autoplay", "--quit-after", "20s", "--speed", "4",
				"--draw-every", "20", "--data", filepath.Join(dir, "d"))
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, log)
			}
			if !strings.Contains(log, "audio: running silent") || !strings.Contains(log, tc.why) || strings.Contains(log, "audio: device open") {
				t.Fatalf("log does not say the kiosk runs silent because of %q:\n%s", tc.why, log)
			}
			// The whole 20 s of flow ran, into a round, after audio gave up.
			if !strings.Contains(log, "screen play") || !strings.Contains(log, "stopped after 1200 ticks") {
				t.Fatalf("the kiosk did not run its 20 s through to a round:\n%s", log)
			}
			if tc.name != "card into a plain file" {
				return
			}
			raw, err := os.ReadFile(filepath.Join(dir, "card.wav"))
			if err != nil {
				t.Fatal(err)
			}
			// Only the probe opened the device, and played silence.
			heard := splitWAV(t, raw)
			if len(heard) != 1 || heard[0].frames() == 0 || onset(heard[0].pcm, 0, 0) >= 0 {
				t.Fatalf("the file holds %s, want the probe's silence only", describe(heard))
			}
		})
	}
}
