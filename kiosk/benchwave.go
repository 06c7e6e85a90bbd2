package kiosk

import (
	"fmt"
	"slices"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/kiosk/flow"
	"github.com/playhall/playhall/levels"
)

// benchPack returns a copy of p in which the busiest shooter wave of the
// pack (the most items and traffickers per second, the boss wave first on
// a tie) fills a whole level, offered to every band and shown by the
// attract loop: the round --bench-wave measures. The player's health is
// raised to the most a level may give, so the autopilot's mistakes rarely
// end the round early. It also
// returns a one-line description of the wave for the figures.
func benchPack(p *levels.Pack) (*levels.Pack, string, error) {
	li, wi := -1, -1
	best := 0.0
	for i := range p.Levels {
		l := &p.Levels[i]
		if l.Mode != levels.ModeShooter {
			continue
		}
		for j, w := range l.Waves {
			if w.Every <= 0 || w.Duration <= 0 {
				continue
			}
			rate := 1/w.Every + float64(w.Traffickers)/w.Duration
			if w.Boss {
				rate += 1e-9
			}
			if rate > best {
				li, wi, best = i, j, rate
			}
		}
	}
	if li < 0 {
		return nil, "", fmt.Errorf("--bench-wave: the content has no shooter wave")
	}
	q := *p
	q.Levels = slices.Clone(p.Levels)
	l := &q.Levels[li]
	w := l.Waves[wi]
	desc := fmt.Sprintf("level %s wave %d: an item every %.2f s at %.0f px/s, %d traffickers, boss %v",
		l.ID, wi+1, w.Every, w.Speed, w.Traffickers, w.Boss)
	w.At, w.Duration = 0, l.Duration
	l.Waves = []levels.Wave{w}
	l.Difficulty.Health = 10 // the most a level may give
	l.Bands = levels.Bands
	l.PreQuestions = nil
	q.Playlists = nil
	for _, b := range levels.Bands {
		q.Playlists = append(q.Playlists, levels.Playlist{Band: b, Levels: []string{l.ID}})
	}
	return &q, desc, nil
}

// ticksOfFrame runs one frame's flow ticks with tick: Speed of them, or
// under --bench-wave, off the play screen, a second's worth.
func (a *App) ticksOfFrame(tick func()) {
	speed := a.opt.Speed
	a.playUpdate = a.m.Screen() == flow.ScreenPlay
	// --bench-wave measures the round only: hurry through the rest, but
	// stop at the round's start, so it is played from its first tick and
	// this frame (menu ticks) is not counted as a play frame. Nothing is
	// hurried until the shared atlas is warm: in the hall the attract loop
	// has long since warmed it when a visitor starts a round.
	hurry := a.opt.BenchWave > 0 && !a.playUpdate && (a.view == nil || a.view.sc.warmed())
	if hurry {
		speed = game.TPS
	}
	for i := 0; i < speed; i++ {
		tick()
		if a.quitting || hurry && a.m.Screen() == flow.ScreenPlay {
			break
		}
	}
}
