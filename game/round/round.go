// Package round builds a round of any Playhall game from a content pack and
// runs it to the end with any input source — the kiosk's human input, the
// AI or a replay. It is the one place that knows which package plays which
// levels.Mode, and the place replays are recorded and verified.
package round

import (
	"errors"
	"fmt"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/replay"
	"github.com/playhall/playhall/game/shooter"
	sortgame "github.com/playhall/playhall/game/sort"
	"github.com/playhall/playhall/levels"
)

// ErrLevel is returned for a level id the pack does not have or a mode no
// game plays.
var ErrLevel = errors.New("round: no such level")

// Config picks a round.
type Config struct {
	Pack   *levels.Pack
	Level  string // level id in Pack
	Band   levels.Band
	Seed   uint64
	Canvas game.Canvas // zero means game.Landscape
}

// Level returns the level with id from p (scanning, so hand-built packs
// work too), or nil.
func Level(p *levels.Pack, id string) *levels.Level {
	for i := range p.Levels {
		if p.Levels[i].ID == id {
			return &p.Levels[i]
		}
	}
	return nil
}

// New builds the round c describes: a *shooter.Game or a *sort.Game.
func New(c Config) (game.Game, error) {
	if c.Pack == nil {
		return nil, fmt.Errorf("%w: no content pack", ErrLevel)
	}
	lv := Level(c.Pack, c.Level)
	if lv == nil {
		return nil, fmt.Errorf("%w: %q is not in content %s", ErrLevel, c.Level, c.Pack.Version)
	}
	if c.Canvas == (game.Canvas{}) {
		c.Canvas = game.Landscape
	}
	switch lv.Mode {
	case levels.ModeShooter:
		return shooter.New(shooter.Config{Pack: c.Pack, Level: lv, Band: c.Band, Seed: c.Seed, Canvas: c.Canvas})
	case levels.ModeSort:
		return sortgame.New(sortgame.Config{Pack: c.Pack, Level: lv, Band: c.Band, Seed: c.Seed, Canvas: c.Canvas})
	}
	return nil, fmt.Errorf("%w: level %q has mode %q, which no game plays", ErrLevel, lv.ID, lv.Mode)
}

// Run steps g with src until the round ends (or maxTicks Steps, when
// maxTicks > 0), folding every event into t (which may be nil). buf is
// scratch for src; pass the same one each round to avoid allocating.
func Run(g game.Game, src game.Source, t *game.Tally, buf []game.PointerEvent, maxTicks int) []game.PointerEvent {
	if maxTicks <= 0 {
		maxTicks = replay.MaxTicks
	}
	for !g.Done() && g.Tick() < maxTicks {
		buf = src.Next(g, buf)
		g.Step(buf)
		if t != nil {
			t.Add(g.Events())
		}
	}
	return buf
}

// Record plays the round c describes with src to the end and returns its
// replay (header filled, hash of the final state) and tally.
func Record(c Config, src game.Source) (*replay.Replay, *game.Tally, error) {
	g, err := New(c)
	if err != nil {
		return nil, nil, err
	}
	if c.Canvas == (game.Canvas{}) {
		c.Canvas = game.Landscape
	}
	rep := &replay.Replay{Header: replay.Header{
		Format: replay.Format, Version: replay.Version,
		ContentVersion: c.Pack.Version, Level: c.Level, Mode: string(Level(c.Pack, c.Level).Mode),
		Band: string(c.Band), Seed: c.Seed, Canvas: [2]float64{c.Canvas.W, c.Canvas.H},
	}}
	var t game.Tally
	Run(g, &replay.Recorder{Src: src, Replay: rep}, &t, nil, 0)
	rep.Ticks = g.Tick()
	rep.Hash = replay.HashString(g.Hash())
	return rep, &t, nil
}

// ConfigOf returns the round config a replay was recorded with, on pack p.
func ConfigOf(p *levels.Pack, r *replay.Replay) Config {
	return Config{Pack: p, Level: r.Level, Band: levels.Band(r.Band), Seed: r.Seed,
		Canvas: game.Canvas{W: r.Canvas[0], H: r.Canvas[1]}}
}

// Verify replays r on pack p and checks the final state hash. It refuses a
// replay from another content version (replay.ErrContentVersion) and
// reports replay.ErrHashMismatch with both hashes when the rules changed.
// It returns the final game and its tally.
func Verify(p *levels.Pack, r *replay.Replay) (game.Game, *game.Tally, error) {
	if err := r.Check(p.Version); err != nil {
		return nil, nil, err
	}
	g, err := New(ConfigOf(p, r))
	if err != nil {
		return nil, nil, err
	}
	var t game.Tally
	Run(g, r.Source(), &t, nil, r.Ticks)
	if got := replay.HashString(g.Hash()); got != r.Hash || g.Tick() != r.Ticks {
		return g, &t, fmt.Errorf("%w: level %s seed %d: recorded %s at tick %d, replayed %s at tick %d",
			replay.ErrHashMismatch, r.Level, r.Seed, r.Hash, r.Ticks, got, g.Tick())
	}
	return g, &t, nil
}
