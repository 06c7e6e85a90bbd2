package flow

import (
	"testing"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/ai"
	"github.com/playhall/playhall/record"
)

// ckptSink keeps every checkpoint and finished play in full.
type ckptSink struct {
	ckpts    []record.Play
	finished []record.Play
}

func (s *ckptSink) Begin(p record.Play) string { s.ckpts = append(s.ckpts, p); return "" }
func (s *ckptSink) Checkpoint(p record.Play)   { s.ckpts = append(s.ckpts, p) }
func (s *ckptSink) Finish(p record.Play)       { s.finished = append(s.finished, p) }

// TestEndSessionLogsCurrentState cuts a round off between two checkpoints,
// after the score has moved on from the last one: the play logged carries
// the state of this tick, not of the checkpoint.
func TestEndSessionLogsCurrentState(t *testing.T) {
	s := &ckptSink{}
	m := newMachine(t, landscape, &sink{})
	m.env.Sink = s
	pilot := &Autopilot{M: m, Seed: 3, AI: func(seed uint64) game.Source { return ai.New(seed, ai.Visitor) }}
	stale := func() bool {
		if m.Screen() != ScreenPlay || len(s.ckpts) == 0 {
			return false
		}
		last, now := s.ckpts[len(s.ckpts)-1], m.current(record.EndCrashed)
		return now.Score != last.Score && now.Duration > last.Duration
	}
	for i := 0; i < 10*60*game.TPS && !stale(); i++ {
		m.Tick(pilot.Next())
	}
	if !stale() {
		t.Fatalf("no round scored between checkpoints in 10 minutes (screen %s, %d checkpoints)", m.Screen(), len(s.ckpts))
	}
	if len(s.finished) != 0 {
		t.Fatalf("%d plays finished before the cut, want none: %+v", len(s.finished), s.finished)
	}
	want, last := m.current(record.EndCrashed), s.ckpts[len(s.ckpts)-1]

	m.EndSession(record.EndCrashed)

	if len(s.finished) != 1 {
		t.Fatalf("%d plays finished, want 1", len(s.finished))
	}
	got := s.finished[0]
	if got.End != record.EndCrashed || got.Score != want.Score || got.Duration != want.Duration || got.ID != want.ID {
		t.Errorf("logged end %s score %d duration %.3f id %q, want crashed, %d, %.3f, %q (last checkpoint: score %d, %.3f s)",
			got.End, got.Score, got.Duration, got.ID, want.Score, want.Duration, want.ID, last.Score, last.Duration)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("logged play invalid: %v", err)
	}
	if m.InSession() || m.Screen() != ScreenAttract {
		t.Errorf("after EndSession: in session %v, screen %s; want attract with no session", m.InSession(), m.Screen())
	}
	m.EndSession(record.EndCrashed)
	if len(s.finished) != 1 {
		t.Errorf("EndSession without a session logged a play: %+v", s.finished[1:])
	}
}
