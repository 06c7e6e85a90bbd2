// Package sounds synthesises the kiosk's sound effects and music in Go: no
// recorded or downloaded audio. Every sound is 48 kHz, 16-bit little-endian,
// interleaved stereo PCM, the format Ebitengine's audio.NewContext(48000)
// plays from bytes.
//
// Sounds are deterministic (the same bytes on every machine and run) and are
// generated once, on first use, then cached for the life of the process.
// The package never imports Ebitengine.
package sounds

import (
	"fmt"
	"sync"
)

// SampleRate is the rate of every sound, in frames per second.
const SampleRate = 48000

// BytesPerFrame is the size of one stereo 16-bit frame.
const BytesPerFrame = 4

// ID names one sound.
type ID int

// The sounds. Effects play once; ThemePlay and ThemeAttract loop.
const (
	Seize        ID = iota // bright two-note chime: a drug went into the evidence bag
	Arrest                 // metallic double clink: handcuffs close
	Bump                   // soft low "boop": a look-alike was tapped (a lesson, not a penalty)
	Harm                   // descending whoosh: a drug reached the player
	BossHorn               // low brass swell: Naw Kham's boat arrives
	Tick                   // countdown tick
	TickLast               // the final, higher countdown tick
	Tap                    // button tap
	Fanfare                // results fanfare
	ThemePlay              // lively looping play theme
	ThemeAttract           // calm looping attract theme
	numIDs
)

// All lists every sound, in ID order.
var All = []ID{Seize, Arrest, Bump, Harm, BossHorn, Tick, TickLast, Tap, Fanfare, ThemePlay, ThemeAttract}

var names = [numIDs]string{"seize", "arrest", "bump", "harm", "boss_horn", "tick", "tick_last", "tap", "fanfare", "theme_play", "theme_attract"}

// String returns the sound's short name, e.g. "seize".
func (id ID) String() string {
	if id < 0 || id >= numIDs {
		return fmt.Sprintf("sounds.ID(%d)", int(id))
	}
	return names[id]
}

// Loops reports whether the sound is a looping theme.
func (id ID) Loops() bool { return id == ThemePlay || id == ThemeAttract }

// ByName returns the sound called name, as String prints it.
func ByName(name string) (ID, bool) {
	for i, n := range names {
		if n == name {
			return ID(i), true
		}
	}
	return 0, false
}

var cache [numIDs]struct {
	once sync.Once
	pcm  []byte
}

// PCM returns the sound's samples. The first call for an ID generates them
// (0.05–5 ms for an effect, 30–70 ms for a theme on the exhibit PC); later
// calls return the same slice, which callers must not modify. Safe for
// concurrent use; different IDs generate in parallel. It panics on an ID
// outside All, a programming error.
func PCM(id ID) []byte {
	if id < 0 || id >= numIDs {
		panic("sounds: unknown " + id.String())
	}
	c := &cache[id]
	c.once.Do(func() { c.pcm = generate(id).pcm16() })
	return c.pcm
}

// Preload generates every sound now, so no later PCM call waits. The kiosk
// calls it in a goroutine at start (`go sounds.Preload()`), off the first
// frame's path. It takes about 120 ms of CPU in all.
func Preload() {
	for _, id := range All {
		PCM(id)
	}
}

// LoopBytes returns, for a theme, where its loop starts and how long it is,
// in bytes: pass them to audio.NewInfiniteLoopWithIntro. The themes have no
// intro, so start is 0 and length is the whole buffer, a whole number of
// bars whose note tails are folded back into the start so the seam is
// silent. For an effect it returns 0, 0.
func LoopBytes(id ID) (start, length int64) {
	if !id.Loops() {
		return 0, 0
	}
	return 0, int64(len(PCM(id)))
}

// Gain returns the level to play a sound at, before the staff volume: every
// sound is normalised to the same peak, so the themes are mixed down to sit
// under the effects.
func Gain(id ID) float64 {
	switch id {
	case ThemePlay:
		return 0.4
	case ThemeAttract:
		return 0.35
	case Tick, TickLast, Tap:
		return 0.7
	}
	return 1
}

// Duration returns the sound's length in seconds.
func Duration(id ID) float64 {
	return float64(len(PCM(id))/BytesPerFrame) / SampleRate
}

func generate(id ID) *buffer {
	switch id {
	case Seize:
		return seize()
	case Arrest:
		return arrest()
	case Bump:
		return bump()
	case Harm:
		return harm()
	case BossHorn:
		return bossHorn()
	case Tick:
		return tick(1320)
	case TickLast:
		return tick(1760)
	case Tap:
		return tap()
	case Fanfare:
		return fanfare()
	case ThemePlay:
		return themePlay()
	case ThemeAttract:
		return themeAttract()
	}
	panic("sounds: no generator for " + id.String())
}
