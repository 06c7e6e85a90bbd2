package kiosk

import (
	"strings"
	"testing"

	"github.com/playhall/playhall/levels"
)

func TestBenchPackPlaysTheBusiestWaveEverywhere(t *testing.T) {
	p, err := levels.Default()
	if err != nil {
		t.Fatal(err)
	}
	// The busiest wave by hand: most items and traffickers per second.
	var want *levels.Wave
	var wantLevel string
	best := 0.0
	for i := range p.Levels {
		l := &p.Levels[i]
		for j := range l.Waves {
			w := &l.Waves[j]
			if r := 1/w.Every + float64(w.Traffickers)/w.Duration; l.Mode == levels.ModeShooter && r > best {
				want, wantLevel, best = w, l.ID, r
			}
		}
	}
	before := len(p.Level(wantLevel).Waves)
	q, desc, err := benchPack(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(desc, wantLevel) {
		t.Errorf("description %q does not name level %s", desc, wantLevel)
	}
	l := q.Level(wantLevel)
	if len(l.Waves) != 1 {
		t.Fatalf("bench level has %d waves, want the busiest alone", len(l.Waves))
	}
	w := l.Waves[0]
	if w.At != 0 || w.Duration != l.Duration || w.Every != want.Every || w.Speed != want.Speed || w.Traffickers != want.Traffickers || w.Boss != want.Boss {
		t.Errorf("bench wave %+v, want %+v from the start for the whole level (%v s)", w, *want, l.Duration)
	}
	if len(l.PreQuestions) != 0 || l.Difficulty.Health != 10 {
		t.Errorf("bench level keeps pre-play questions %v or health %d", l.PreQuestions, l.Difficulty.Health)
	}
	for _, b := range levels.Bands {
		if ids := q.LevelsFor(b); len(ids) != 1 || ids[0] != wantLevel {
			t.Errorf("band %s plays %v, want [%s]", b, ids, wantLevel)
		}
	}
	if len(p.Level(wantLevel).Waves) != before {
		t.Error("benchPack changed the pack it was given")
	}
}

func TestBenchPackNeedsAShooterWave(t *testing.T) {
	p, err := levels.Default()
	if err != nil {
		t.Fatal(err)
	}
	q := *p
	q.Levels = nil
	for _, l := range p.Levels {
		if l.Mode != levels.ModeShooter {
			q.Levels = append(q.Levels, l)
		}
	}
	if _, _, err := benchPack(&q); err == nil {
		t.Fatal("a pack without shooter levels gave a bench wave")
	}
}
