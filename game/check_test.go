package game_test

import (
	"errors"
	"testing"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/levels"
)

func TestNewErrorsCheck(t *testing.T) {
	errs := game.NewErrors{Level: errors.New("level"), Mode: errors.New("mode"), Canvas: errors.New("canvas")}
	pack := &levels.Pack{}
	lv := &levels.Level{ID: "l", Mode: levels.ModeSort, Waves: []levels.Wave{{Duration: 10}}}
	noWaves := &levels.Level{ID: "l", Mode: levels.ModeSort}
	for _, tt := range []struct {
		name   string
		lv     *levels.Level
		p      *levels.Pack
		mode   levels.Mode
		c      game.Canvas
		want   error
		canvas game.Canvas
	}{
		{"fine, zero canvas", lv, pack, levels.ModeSort, game.Canvas{}, nil, game.Landscape},
		{"fine, portrait", lv, pack, levels.ModeSort, game.Portrait, nil, game.Portrait},
		{"no level", nil, pack, levels.ModeSort, game.Canvas{}, errs.Level, game.Canvas{}},
		{"no pack", lv, nil, levels.ModeSort, game.Canvas{}, errs.Level, game.Canvas{}},
		{"other game", lv, pack, levels.ModeShooter, game.Canvas{}, errs.Mode, game.Canvas{}},
		{"tiny canvas", lv, pack, levels.ModeSort, game.Canvas{W: 10, H: 10}, errs.Canvas, game.Canvas{W: 10, H: 10}},
		{"no waves", noWaves, pack, levels.ModeSort, game.Canvas{}, errs.Level, game.Landscape},
	} {
		c, err := errs.Check(tt.lv, tt.p, tt.mode, tt.c)
		if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) || c != tt.canvas {
			t.Errorf("%s: Check = %v, %v; want %v, %v", tt.name, c, err, tt.canvas, tt.want)
		}
	}
}
