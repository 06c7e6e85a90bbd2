package kiosk

import (
	"fmt"
	"image/color"
	"runtime/metrics"
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

// slowFrames logs, under --bench, every frame whose engine time passes a
// 60 Hz frame (16.7 ms) with what it did: the update and draw split, the
// garbage collections finished since the frame before, and the screen. The issue counts
// frames over 16.7 ms "caused by the engine (GC, disk, fonts)"; this line
// is how one is traced to its cause.
type slowFrames struct {
	samples []metrics.Sample
	lastGC  uint64
}

func (s *slowFrames) check(a *App, d time.Duration) {
	if s.samples == nil {
		s.samples = []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	}
	metrics.Read(s.samples)
	gc := s.samples[0].Value.Uint64()
	if d > 16700*time.Microsecond {
		a.logf("slow frame %d: %.1f ms (update %.1f, draw %.1f), %d GC cycles finished since the frame before, screen %s",
			a.frames, d.Seconds()*1000, a.updateDur.Seconds()*1000, (d-a.updateDur).Seconds()*1000, gc-s.lastGC, a.m.Screen())
	}
	s.lastGC = gc
}
