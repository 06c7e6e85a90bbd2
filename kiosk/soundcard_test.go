package kiosk_test

// A stand-in sound card for the audio tests. CI has no sound card, and
// ALSA's null sink takes samples as fast as they come, which the kiosk
// rightly treats as no device. testdata/alsa-capture.conf routes ALSA's
// default PCM through a plug (to S16_LE, 48 kHz, stereo, as an onboard card
// takes) into the file plugin, which writes WAV to $PLAYHALL_ALSA_CAPTURE.
// The card below makes that a FIFO and reads it at 48,000 frames a second
// with a 4 KiB pipe, so the kiosk is paced as by a real card's clock and
// every sample it plays lands in the test.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/playhall/playhall/assets/sounds"
)

// cardRate is the card's consumption in bytes per second: S16_LE stereo.
const cardRate = sounds.SampleRate * sounds.BytesPerFrame

type soundCard struct {
	fifo string
	f    *os.File
	done chan struct{}
	note chan struct{} // a token after every read

	mu  sync.Mutex
	raw []byte
	err error
}

// newSoundCard makes the FIFO and starts reading it; the test's cleanup
// stops the card.
func newSoundCard(t *testing.T) *soundCard {
	t.Helper()
	fifo := filepath.Join(t.TempDir(), "card.wav")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// Opened read-write, the FIFO never blocks the opener and never ends
	// when a writer closes it: the probe child and then the kiosk write
	// in turn, each opening starting with its own WAV header. Go polls a
	// FIFO, so Close ends a blocked Read.
	f, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := f.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	const fSetPipeSz = 1031 // F_SETPIPE_SZ: one page, about 21 ms of sound
	var serr syscall.Errno
	rc.Control(func(fd uintptr) { _, _, serr = syscall.Syscall(syscall.SYS_FCNTL, fd, fSetPipeSz, 4096) })
	if serr != 0 {
		t.Fatalf("F_SETPIPE_SZ: %v", serr)
	}
	c := &soundCard{fifo: fifo, f: f, done: make(chan struct{}), note: make(chan struct{}, 1)}
	go c.play()
	t.Cleanup(c.stop)
	return c
}

// env points a kiosk at the card (and away from any PulseAudio server, so
// the ALSA path is what runs).
func (c *soundCard) env(t *testing.T) []string {
	conf, err := filepath.Abs("../testdata/alsa-capture.conf")
	if err != nil {
		t.Fatal(err)
	}
	return []string{"ALSA_CONFIG_PATH=" + conf, "PLAYHALL_ALSA_CAPTURE=" + c.fifo, "PULSE_SERVER=unix:/nonexistent"}
}

// play consumes the FIFO like a DAC: a budget of cardRate bytes a second
// that never banks more than 4 KiB while the card is idle, so nobody can
// write a second of sound in less than about a second. The ticker is the
// card's clock, not a wait for the kiosk.
func (c *soundCard) play() {
	defer close(c.done)
	const burst = 4096
	buf := make([]byte, burst)
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	budget, last := 0.0, time.Now()
	for {
		now := time.Now()
		budget = min(budget+now.Sub(last).Seconds()*cardRate, burst)
		last = now
		if budget < 512 {
			<-tick.C
			continue
		}
		n, err := c.f.Read(buf[:int(budget)])
		budget -= float64(n)
		c.mu.Lock()
		c.raw = append(c.raw, buf[:n]...)
		if err != nil && !errors.Is(err, os.ErrClosed) && err != io.EOF {
			c.err = err
		}
		c.mu.Unlock()
		select {
		case c.note <- struct{}{}:
		default:
		}
		if err != nil {
			return
		}
	}
}

func (c *soundCard) stop() {
	c.f.Close()
	<-c.done
}

// waitFor returns once ok holds for the openings heard so far (checked
// every quarter second of sound), or fails the test after limit (a guard
// against a hang; the test does not depend on how long the kiosk takes).
func (c *soundCard) waitFor(t *testing.T, limit time.Duration, what string, ok func([]opening) bool) []opening {
	t.Helper()
	guard := time.After(limit)
	checked := -1
	for {
		c.mu.Lock()
		n := len(c.raw)
		c.mu.Unlock()
		if checked < 0 || n >= checked+cardRate/4 {
			checked = n
			if heard := c.openings(t); ok(heard) {
				return heard
			}
		}
		select {
		case <-c.note:
		case <-c.done:
			t.Fatalf("card stopped before %s", what)
		case <-guard:
			t.Fatalf("no %s after %v: heard %s", what, limit, describe(c.openings(t)))
		}
	}
}

// opening is one time a process opened the device: the format it got and
// the frames it played, as float samples (interleaved L, R).
type opening struct {
	format, channels, rate, bits int
	pcm                          []float64
}

func (o opening) frames() int { return len(o.pcm) / 2 }

// wavStart is how every opening begins: the RIFF header, whose sizes the
// file plugin cannot fill in on a FIFO, so the openings are split at it.
var wavStart = []byte("WAVEfmt ")

// openings splits what the card has heard so far into the device's
// openings.
func (c *soundCard) openings(t *testing.T) []opening {
	t.Helper()
	c.mu.Lock()
	raw := bytes.Clone(c.raw)
	err := c.err
	c.mu.Unlock()
	if err != nil {
		t.Fatalf("card: %v", err)
	}
	return splitWAV(t, raw)
}

// splitWAV splits a recording into openings and reads each WAV header
// (44 bytes: RIFF, fmt with 16 bytes, data).
func splitWAV(t *testing.T, raw []byte) []opening {
	t.Helper()
	var out []opening
	for len(raw) >= 44 {
		if string(raw[:4]) != "RIFF" || !bytes.Equal(raw[8:16], wavStart) || string(raw[36:40]) != "data" {
			t.Fatalf("opening %d does not start with a WAV header: % x", len(out), raw[:44])
		}
		le := binary.LittleEndian
		o := opening{format: int(le.Uint16(raw[20:])), channels: int(le.Uint16(raw[22:])), rate: int(le.Uint32(raw[24:])), bits: int(le.Uint16(raw[34:]))}
		body := raw[44:]
		end := len(body)
		if i := bytes.Index(body, wavStart); i >= 8 {
			end = i - 8
		}
		data := body[:end-end%4]
		o.pcm = make([]float64, len(data)/2)
		for i := range o.pcm {
			o.pcm[i] = float64(int16(le.Uint16(data[2*i:]))) / 32768
		}
		out = append(out, o)
		raw = body[end:]
	}
	return out
}

func describe(heard []opening) string {
	var b bytes.Buffer
	for i, o := range heard {
		if i > 0 {
			b.WriteString(", ")
		}
		on := onset(o.pcm, 0, 1e-3)
		b.WriteString(time.Duration(float64(o.frames()) / sounds.SampleRate * float64(time.Second)).Round(time.Millisecond).String())
		if on < 0 {
			b.WriteString(" silent")
		} else {
			b.WriteString(" sound from " + time.Duration(float64(on)/sounds.SampleRate*float64(time.Second)).Round(time.Millisecond).String())
		}
	}
	if b.Len() == 0 {
		return "nothing"
	}
	return b.String()
}

// samples returns a sound's synthesised PCM as float samples.
func samples(id sounds.ID) []float64 {
	b := sounds.PCM(id)
	out := make([]float64, len(b)/2)
	for i := range out {
		out[i] = float64(int16(binary.LittleEndian.Uint16(b[2*i:]))) / 32768
	}
	return out
}

// onset is the first frame at or after from with a sample above level, or -1.
func onset(pcm []float64, from int, level float64) int {
	for i := 2 * from; i < len(pcm); i++ {
		if math.Abs(pcm[i]) > level {
			return i / 2
		}
	}
	return -1
}

// fit compares got, from frame at on, with ref's frames [lo, hi) (ref
// wrapping around, for a loop): the normalised correlation (1 is the same
// waveform), the gain got/ref by least squares, and got's RMS.
func fit(got []float64, at int, ref []float64, lo, hi int) (corr, gain, rms float64) {
	var sxy, sxx, syy float64
	n := 0
	for i := lo; i < hi && 2*(at+i)+1 < len(got); i++ {
		for ch := 0; ch < 2; ch++ {
			x, y := got[2*(at+i)+ch], ref[(2*i+ch)%len(ref)]
			sxy += x * y
			sxx += x * x
			syy += y * y
			n++
		}
	}
	if sxx == 0 || syy == 0 {
		return 0, 0, 0
	}
	return sxy / math.Sqrt(sxx*syy), sxy / syy, math.Sqrt(sxx / float64(n))
}

// rmsOf is the RMS of frames [from, from+n) of pcm (0 past its end).
func rmsOf(pcm []float64, from, n int) float64 {
	var s float64
	for i := 2 * from; i < 2*(from+n) && i < len(pcm); i++ {
		s += pcm[i] * pcm[i]
	}
	return math.Sqrt(s / float64(2*n))
}

// align finds where ref's frame 0 sits in got, searching span frames either
// side of guess by the correlation over ref's frames [lo, hi).
func align(got []float64, guess int, ref []float64, lo, hi, span int) (at int, corr float64) {
	corr = -2
	for a := max(0, guess-span); a <= guess+span; a++ {
		if c, _, _ := fit(got, a, ref, lo, hi); c > corr {
			at, corr = a, c
		}
	}
	return at, corr
}
