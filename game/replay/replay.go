// Package replay saves and loads a round's input as a small versioned file,
// so a play can be reproduced bit for bit: the same level, band, canvas and
// seed plus the same pointer events per tick give the same final state hash.
// Golden replays under game/testdata are regression tests of the rules.
//
// The file is UTF-8 text, optionally gzipped (Read detects the gzip magic):
//
//	{"format":"playhall-replay","version":1,"content_version":"…","level":"…","mode":"shooter","band":"junior","seed":7,"canvas":[1920,1080],"ticks":5400,"hash":"8c0f…"}
//	12 d0 960 540 u0 960 540
//	40 d1 100.5 200 m1 110 210
//
// The first line is a JSON header. Every other line is one tick that had
// pointer events: the tick number, then per event its kind letter (d down,
// m move, u up) joined to the pointer id, and x and y in canvas units written
// so that they read back to the same float64. Ticks increase strictly.
package replay

import (
	"errors"
	"fmt"

	"github.com/playhall/playhall/game"
)

// Format and Version identify the file; Read refuses any other.
const (
	Format  = "playhall-replay"
	Version = 1
)

// Limits Read enforces so a hostile or broken file cannot exhaust memory.
const (
	MaxTicks         = 2 * 60 * 60 * game.TPS // two hours of play
	MaxEventsPerTick = 64
	MaxEvents        = 1 << 20
	MaxPointerID     = 1 << 20
	MaxCoord         = 1e5
	maxLine          = 64 << 10
)

// Errors; test with errors.Is.
var (
	// ErrFormat: the file is not a Playhall replay or is malformed; the
	// wrapped message says where.
	ErrFormat = errors.New("replay: bad file")
	// ErrVersion: the file's format version is not one this build reads.
	ErrVersion = errors.New("replay: unsupported replay version")
	// ErrContentVersion: the replay was recorded on another content pack;
	// the rules it was played under are not the ones loaded now.
	ErrContentVersion = errors.New("replay: recorded on another content version")
	// ErrHashMismatch: replaying did not reproduce the recorded hash.
	ErrHashMismatch = errors.New("replay: final state hash differs (REGRESSION)")
)

// Header describes the round a replay belongs to.
type Header struct {
	Format         string     `json:"format"`
	Version        int        `json:"version"`
	ContentVersion string     `json:"content_version"`
	Level          string     `json:"level"`
	Mode           string     `json:"mode"`
	Band           string     `json:"band"`
	Seed           uint64     `json:"seed"`
	Canvas         [2]float64 `json:"canvas"`
	Ticks          int        `json:"ticks"` // Steps played
	Hash           string     `json:"hash"`  // final Game.Hash as 16 hex digits
}

// Tick is the pointer input of one tick.
type Tick struct {
	Tick   int
	Events []game.PointerEvent
}

// Replay is a header and the input of every tick that had some.
type Replay struct {
	Header
	Input []Tick
}

// Check returns an ErrContentVersion error naming both versions when the
// replay was not recorded on contentVersion.
func (r *Replay) Check(contentVersion string) error {
	if r.ContentVersion != contentVersion {
		return fmt.Errorf("%w: replay was recorded on content %q, this kiosk has %q; record it again on this content",
			ErrContentVersion, r.ContentVersion, contentVersion)
	}
	return nil
}

// HashString formats a state hash the way headers hold it.
func HashString(h uint64) string { return fmt.Sprintf("%016x", h) }

// Source returns a game.Source that feeds the replay's input tick by tick.
// Each call to Source starts from the beginning.
func (r *Replay) Source() game.Source { return &source{r: r} }

type source struct {
	r *Replay
	i int
}

func (s *source) Next(g game.Game, buf []game.PointerEvent) []game.PointerEvent {
	buf = buf[:0]
	t := g.Tick()
	for s.i < len(s.r.Input) && s.r.Input[s.i].Tick < t {
		s.i++
	}
	if s.i < len(s.r.Input) && s.r.Input[s.i].Tick == t {
		buf = append(buf, s.r.Input[s.i].Events...)
		s.i++
	}
	return buf
}

// Recorder is a game.Source that passes another source's events through
// and keeps them in Replay.Input.
type Recorder struct {
	Src    game.Source
	Replay *Replay
}

// Next asks Src and records a copy of what it returned.
func (rc *Recorder) Next(g game.Game, buf []game.PointerEvent) []game.PointerEvent {
	buf = rc.Src.Next(g, buf)
	if len(buf) > 0 {
		rc.Replay.Input = append(rc.Replay.Input, Tick{Tick: g.Tick(), Events: append([]game.PointerEvent(nil), buf...)})
	}
	return buf
}
