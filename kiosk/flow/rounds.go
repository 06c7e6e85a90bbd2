package flow

import (
	"fmt"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/shooter"
	"github.com/playhall/playhall/game/sort"
	"github.com/playhall/playhall/levels"
)

// NewRound is the RoundMaker for the games the engine has: the shooter
// 「抓捕糯康」 and the sort game, chosen by the level's mode.
func NewRound(pack *levels.Pack, lvl *levels.Level, band levels.Band, c Canvas, seed uint64) (game.Game, error) {
	gc := game.Canvas{W: c.W, H: c.H}
	switch lvl.Mode {
	case levels.ModeShooter:
		return shooter.New(shooter.Config{Pack: pack, Level: lvl, Band: band, Seed: seed, Canvas: gc})
	case levels.ModeSort:
		return sort.New(sort.Config{Pack: pack, Level: lvl, Band: band, Seed: seed, Canvas: gc})
	}
	return nil, fmt.Errorf("flow: level %q has unknown mode %q", lvl.ID, lvl.Mode)
}
