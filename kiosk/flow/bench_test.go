package flow

import (
	"testing"

	"github.com/playhall/playhall/game"
)

// BenchmarkTick measures one flow tick (filter, idle, screen logic and the
// round's Step with the AI-free autopilot) — the flow's share of the
// kiosk's per-frame engine time.
func BenchmarkTick(b *testing.B) {
	m := newMachine(b, landscape, &sink{})
	a := &Autopilot{M: m, Seed: 9}
	for range 10 * game.TPS {
		m.Tick(a.Next())
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m.Tick(a.Next())
	}
}
