package game

import (
	"fmt"

	"github.com/playhall/playhall/levels"
)

// NewErrors are the sentinel errors one game's New wraps: each game keeps
// its own, so errors.Is tells a shooter refusal from a sort one.
type NewErrors struct {
	Level  error // no level or pack, or a level with no waves
	Mode   error // the level is for another game
	Canvas error // the canvas is not Valid
}

// Check is what every game's New checks before building a round: a level
// and a pack, the level's mode, a valid canvas and at least one wave. It
// returns the canvas to use (Landscape when c is zero) or an error wrapping
// one of e's sentinels that says what is wrong.
func (e NewErrors) Check(lv *levels.Level, p *levels.Pack, mode levels.Mode, c Canvas) (Canvas, error) {
	if lv == nil || p == nil {
		return c, fmt.Errorf("%w: no level or pack", e.Level)
	}
	if lv.Mode != mode {
		return c, fmt.Errorf("%w: level %q has mode %q", e.Mode, lv.ID, lv.Mode)
	}
	if c == (Canvas{}) {
		c = Landscape
	}
	if !c.Valid() {
		return c, fmt.Errorf("%w: %gx%g", e.Canvas, c.W, c.H)
	}
	if len(lv.Waves) == 0 {
		return c, fmt.Errorf("%w: level %q has no waves", e.Level, lv.ID)
	}
	return c, nil
}
