package flow

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/playhall/playhall/game"
)

// A replay file is JSON lines. The first line is the header
//
//	{"playhall_replay":1,"canvas":[1920,1080],"seed":7,"start":"2026-11-30T09:00:00Z"}
//
// and every further line is one tick that had pointer events, in tick order:
//
//	{"t":181,"e":[["down",0,960,648],["up",0,960,648]]}
//
// Events are in canvas units after the screen-to-canvas mapping, before the
// stuck-touch filter, so a replay runs the kiosk exactly as the touches did.

// ReplayHeader is a replay file's first line.
type ReplayHeader struct {
	Version int        `json:"playhall_replay"`
	Canvas  [2]float64 `json:"canvas"`
	Seed    uint64     `json:"seed"`
	Start   time.Time  `json:"start"` // the virtual clock's start
}

// ReplayTick is the events of one tick.
type ReplayTick struct {
	T int
	E []game.PointerEvent
}

type wireTick struct {
	T int      `json:"t"`
	E [][4]any `json:"e"`
}

// ErrReplay wraps every problem with a replay file.
var ErrReplay = errors.New("bad replay")

// Recorder writes a replay file as ticks pass.
type Recorder struct {
	w   *bufio.Writer
	err error
}

// NewRecorder writes h and returns a recorder appending to w.
func NewRecorder(w io.Writer, h ReplayHeader) *Recorder {
	h.Version = 1
	r := &Recorder{w: bufio.NewWriter(w)}
	b, _ := json.Marshal(h)
	r.write(b)
	return r
}

func (r *Recorder) write(b []byte) {
	if r.err != nil {
		return
	}
	if _, err := r.w.Write(append(b, '\n')); err != nil {
		r.err = err
	}
}

// Tick records the events of tick t (nothing when there are none).
func (r *Recorder) Tick(t int, evs []game.PointerEvent) {
	if len(evs) == 0 {
		return
	}
	w := wireTick{T: t, E: make([][4]any, len(evs))}
	for i, e := range evs {
		w.E[i] = [4]any{e.Kind.String(), e.ID, e.X, e.Y}
	}
	b, _ := json.Marshal(w)
	r.write(b)
}

// Close flushes the file's buffer and returns the first write error.
func (r *Recorder) Close() error {
	if r.err != nil {
		return r.err
	}
	return r.w.Flush()
}

// ReadReplay parses a whole replay. Errors say the line and what is wrong.
func ReadReplay(rd io.Reader) (ReplayHeader, []ReplayTick, error) {
	var h ReplayHeader
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	line := 0
	var ticks []ReplayTick
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(b) == 0 {
			continue
		}
		if line == 1 {
			if err := json.Unmarshal(b, &h); err != nil || h.Version != 1 {
				return h, nil, fmt.Errorf("%w: line 1: not a playhall replay header (want {\"playhall_replay\":1,...})", ErrReplay)
			}
			if c := (game.Canvas{W: h.Canvas[0], H: h.Canvas[1]}); !c.Valid() {
				return h, nil, fmt.Errorf("%w: line 1: canvas %v out of range", ErrReplay, h.Canvas)
			}
			continue
		}
		var w struct {
			T int                 `json:"t"`
			E [][]json.RawMessage `json:"e"`
		}
		if err := json.Unmarshal(b, &w); err != nil {
			return h, nil, fmt.Errorf("%w: line %d: %v", ErrReplay, line, err)
		}
		if w.T < 1 || (len(ticks) > 0 && w.T <= ticks[len(ticks)-1].T) {
			return h, nil, fmt.Errorf("%w: line %d: tick %d is not after the previous tick", ErrReplay, line, w.T)
		}
		rt := ReplayTick{T: w.T, E: make([]game.PointerEvent, 0, len(w.E))}
		for j, raw := range w.E {
			e, err := parseEvent(raw)
			if err != nil {
				return h, nil, fmt.Errorf("%w: line %d: event %d: %v", ErrReplay, line, j+1, err)
			}
			rt.E = append(rt.E, e)
		}
		ticks = append(ticks, rt)
	}
	if err := sc.Err(); err != nil {
		return h, nil, fmt.Errorf("%w: line %d: %v", ErrReplay, line+1, err)
	}
	if line == 0 {
		return h, nil, fmt.Errorf("%w: empty file", ErrReplay)
	}
	return h, ticks, nil
}

func parseEvent(raw []json.RawMessage) (game.PointerEvent, error) {
	var e game.PointerEvent
	if len(raw) != 4 {
		return e, fmt.Errorf("want [kind, id, x, y]")
	}
	var kind string
	if err := json.Unmarshal(raw[0], &kind); err != nil {
		return e, fmt.Errorf("kind is not a string")
	}
	switch kind {
	case "down":
		e.Kind = game.Down
	case "move":
		e.Kind = game.Move
	case "up":
		e.Kind = game.Up
	default:
		return e, fmt.Errorf("kind %q is not down, move or up", kind)
	}
	if err := json.Unmarshal(raw[1], &e.ID); err != nil || e.ID < 0 || e.ID > 1<<20 {
		return e, fmt.Errorf("id is not a small whole number")
	}
	if json.Unmarshal(raw[2], &e.X) != nil || json.Unmarshal(raw[3], &e.Y) != nil ||
		e.X < -1e5 || e.X > 1e5 || e.Y < -1e5 || e.Y > 1e5 {
		return e, fmt.Errorf("x, y must be numbers in canvas units")
	}
	return e, nil
}

// Player feeds a parsed replay back tick by tick.
type Player struct {
	ticks []ReplayTick
	i     int
}

// NewPlayer plays ticks.
func NewPlayer(ticks []ReplayTick) *Player { return &Player{ticks: ticks} }

// At returns the events recorded for tick t (t must not go backwards).
func (p *Player) At(t int) []game.PointerEvent {
	for p.i < len(p.ticks) && p.ticks[p.i].T < t {
		p.i++
	}
	if p.i < len(p.ticks) && p.ticks[p.i].T == t {
		return p.ticks[p.i].E
	}
	return nil
}

// Done reports whether every recorded tick has been played.
func (p *Player) Done(t int) bool {
	return len(p.ticks) == 0 || t >= p.ticks[len(p.ticks)-1].T
}
