package kiosk

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/ebitengine/oto/v3"
	"github.com/hajimehoshi/ebiten/v2/audio"

	"github.com/playhall/playhall/assets/sounds"
)

// ProbeAudioFlag is the hidden flag that makes the kiosk binary only test
// whether an audio device opens (exit 0) or not (exit 3). The kiosk runs the
// probe in a child process because Ebitengine's audio context, once made,
// fails the whole game loop when no device exists; the child finds out
// without risking the kiosk.
const ProbeAudioFlag = "--probe-audio"

// ProbeAudioChild is the body of `kiosk --probe-audio`.
func ProbeAudioChild() int {
	ctx, ready, err := oto.NewContext(&oto.NewContextOptions{SampleRate: sounds.SampleRate, ChannelCount: 2, Format: oto.FormatSignedInt16LE})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	select {
	case <-ready:
		if err := ctx.Err(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 3
		}
		if d := drainTime(ctx); d < nullSinkDrain {
			// ALSA's null plugin (CI, servers, a misconfigured kiosk) takes
			// samples as fast as they come: playing into it would spin a
			// CPU core for nothing and starve the frame.
			fmt.Fprintf(os.Stderr, "the audio device played 1 s of sound in %v: a null sink, not a speaker\n", d.Round(time.Millisecond))
			return 4
		}
		return 0
	case <-time.After(3 * time.Second):
		fmt.Fprintln(os.Stderr, "audio device did not become ready in 3 s")
		return 3
	}
}

// nullSinkDrain is the shortest time a real device can take to play one
// second of sound (it buffers at most a few hundred milliseconds ahead).
const nullSinkDrain = 500 * time.Millisecond

// drainTime plays one second of silence and returns how long the device took
// to take it, waiting at most nullSinkDrain.
func drainTime(ctx *oto.Context) time.Duration {
	silence := make([]byte, sounds.SampleRate*2*2)
	p := ctx.NewPlayer(bytes.NewReader(silence))
	p.Play()
	start := time.Now()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for p.IsPlaying() && time.Since(start) < nullSinkDrain {
		<-tick.C
	}
	return time.Since(start)
}

// probeAudio runs the probe child; nil means a device opened.
func probeAudio() error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, exe, ProbeAudioFlag)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		msg := bytes.TrimSpace(stderr.Bytes())
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return fmt.Errorf("no audio device (%v: %s)", err, msg)
	}
	return nil
}

// soundSystem plays effects and the looping themes. Without a device it
// stays silent and says why in Status; it never stops the kiosk.
type soundSystem struct {
	ctx     *audio.Context
	status  string
	ok      bool
	probe   chan error
	effects map[sounds.ID][]*audio.Player
	next    map[sounds.ID]int
	theme   *audio.Player
	themeID sounds.ID
	volume  float64
	logf    func(string, ...any)
}

func newSoundSystem(enabled bool, logf func(string, ...any)) *soundSystem {
	s := &soundSystem{status: "starting", effects: map[sounds.ID][]*audio.Player{}, next: map[sounds.ID]int{}, themeID: -1, logf: logf}
	if !enabled {
		s.status = "off (--mute)"
		return s
	}
	s.probe = make(chan error, 1)
	go func() {
		sounds.Preload()
		s.probe <- probeAudio()
	}()
	return s
}

// update finishes start-up once the probe answers; call every tick.
func (s *soundSystem) update() {
	if s.probe == nil {
		return
	}
	select {
	case err := <-s.probe:
		s.probe = nil
		if err != nil {
			s.status = "silent: " + err.Error()
			s.logf("audio: running silent: %v", err)
			return
		}
		s.ctx = audio.NewContext(sounds.SampleRate)
		for _, id := range sounds.All {
			if id.Loops() {
				continue
			}
			pcm := sounds.PCM(id)
			for i := 0; i < 3; i++ {
				s.effects[id] = append(s.effects[id], s.ctx.NewPlayerFromBytes(pcm))
			}
		}
		s.ok = true
		s.status = "on"
		s.logf("audio: device open, %d effects ready", len(s.effects))
	default:
	}
}

// setVolume sets the master volume 0–1. Each sound plays at the volume
// times its mix level, sounds.Gain (the themes sit under the effects).
func (s *soundSystem) setVolume(v float64) {
	s.volume = v
	if s.theme != nil {
		s.theme.SetVolume(v * sounds.Gain(s.themeID))
	}
}

// play starts an effect on the next free voice.
func (s *soundSystem) play(id sounds.ID) {
	if !s.ok || s.volume <= 0 {
		return
	}
	ps := s.effects[id]
	if len(ps) == 0 {
		return
	}
	i := s.next[id] % len(ps)
	s.next[id] = i + 1
	p := ps[i]
	p.SetVolume(s.volume * sounds.Gain(id))
	p.Rewind()
	p.Play()
}

// music switches the looping theme (-1 for none).
func (s *soundSystem) music(id sounds.ID) {
	if !s.ok || id == s.themeID {
		return
	}
	if s.theme != nil {
		s.theme.PauseAndStopReading()
		s.theme = nil
	}
	s.themeID = id
	if id < 0 {
		return
	}
	start, length := sounds.LoopBytes(id)
	loop := audio.NewInfiniteLoopWithIntro(bytes.NewReader(sounds.PCM(id)), start, length)
	p, err := s.ctx.NewPlayer(loop)
	if err != nil {
		s.logf("audio: theme %s: %v", id, err)
		return
	}
	p.SetVolume(s.volume * sounds.Gain(id))
	p.Play()
	s.theme = p
}
