package kiosk

import (
	"fmt"
	"image/color"
	"slices"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// frameStats keeps every frame's engine time (update plus draw submission)
// for the FPS overlay and --bench. 36,000 frames (ten minutes) are kept.
type frameStats struct {
	d    []time.Duration
	next int
	n    int
}

const statsCap = 36000

func (s *frameStats) add(d time.Duration) {
	if s.d == nil {
		s.d = make([]time.Duration, statsCap)
	}
	s.d[s.next] = d
	s.next = (s.next + 1) % statsCap
	s.n = min(s.n+1, statsCap)
}

// percentiles returns p50, p99 and max in milliseconds. It sorts a copy:
// call it at exit or a few times a second, not per frame.
func (s *frameStats) percentiles() (p50, p99, mx float64) {
	if s.n == 0 {
		return 0, 0, 0
	}
	c := slices.Clone(s.d[:s.n])
	slices.Sort(c)
	ms := func(d time.Duration) float64 { return d.Seconds() * 1000 }
	return ms(c[s.n/2]), ms(c[min(s.n-1, s.n*99/100)]), ms(c[s.n-1])
}

func (s *frameStats) over(limit time.Duration) int {
	n := 0
	for _, d := range s.d[:s.n] {
		if d > limit {
			n++
		}
	}
	return n
}

func (a *App) drawFPS(dst *ebiten.Image) {
	if a.frames%30 == 0 || a.fpsText == "" {
		p50, p99, mx := a.stats.percentiles()
		last := time.Duration(0)
		if a.stats.n > 0 {
			last = a.stats.d[(a.stats.next+statsCap-1)%statsCap]
		}
		a.fpsText = fmt.Sprintf("FPS %.0f  TPS %.0f  frame %.2f ms  p50 %.2f  p99 %.2f  max %.2f  stuck %d",
			ebiten.ActualFPS(), ebiten.ActualTPS(), last.Seconds()*1000, p50, p99, mx, a.m.StuckPointers())
	}
	v := a.view
	c := a.canvas
	r := struct{ x, y, w, h float64 }{c.W - 1100, c.H - 70, 1080, 56}
	v.rrect(dst, rectOf(r.x, r.y, r.w, r.h), 12, color.RGBA{0, 0, 0, 180})
	v.text(dst, a.fpsText, r.x+16, r.y+28, 26, false, color.RGBA{0x9e, 0xf0, 0x9e, 0xff}, start, center)
}
