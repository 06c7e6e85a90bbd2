package game_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/ai"
	"github.com/playhall/playhall/game/replay"
	"github.com/playhall/playhall/game/round"
	"github.com/playhall/playhall/levels"
)

var update = flag.Bool("update", false, "re-record the golden replays from the current default pack")

// The golden replays are regression tests of the rules (aaaaxy's idea):
// each holds a round's input and the final state hash it produced. They are
// recorded against a snapshot of the default pack kept in testdata/pack, so
// editing the shipped content does not break them; a change of the rules
// does. After an intended rule change, or to move to new content, run
//
//	go test ./game -run Golden -update
//
// which copies levels/pack to testdata/pack and records them again.
var goldens = []struct {
	file   string
	mode   levels.Mode
	band   levels.Band
	canvas game.Canvas
	skill  ai.Skill
	seed   uint64
	two    bool // two AIs as two fingers
	zip    bool
}{
	{"shooter-landscape-junior-visitor.replay", levels.ModeShooter, levels.BandJunior, game.Landscape, ai.Visitor, 1, false, false},
	{"shooter-portrait-adult-expert.replay", levels.ModeShooter, levels.BandAdult, game.Portrait, ai.Expert, 2, false, false},
	{"shooter-landscape-senior-novice.replay.gz", levels.ModeShooter, levels.BandSenior, game.Landscape, ai.Novice, 3, false, true},
	{"shooter-landscape-primary-two-fingers.replay", levels.ModeShooter, levels.BandPrimary, game.Landscape, ai.Visitor, 4, true, false},
	{"sort-landscape-primary-visitor.replay", levels.ModeSort, levels.BandPrimary, game.Landscape, ai.Visitor, 5, false, false},
	{"sort-portrait-primary-two-fingers.replay", levels.ModeSort, levels.BandPrimary, game.Portrait, ai.Novice, 6, true, false},
}

const snapshot = "testdata/pack"

// fingers plays several AIs at once, each with its own pointer id.
type fingers []*ai.Player

func (f fingers) Next(g game.Game, buf []game.PointerEvent) []game.PointerEvent {
	buf = buf[:0]
	var one []game.PointerEvent
	for _, p := range f {
		one = p.Next(g, one)
		buf = append(buf, one...)
	}
	return buf
}

func firstLevel(p *levels.Pack, m levels.Mode) string {
	for _, l := range p.Levels {
		if l.Mode == m {
			return l.ID
		}
	}
	return ""
}

func TestGoldenReplays(t *testing.T) {
	if *update {
		if err := os.RemoveAll(snapshot); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(snapshot, levels.DefaultFS()); err != nil {
			t.Fatal(err)
		}
	}
	p, probs := levels.LoadDir(snapshot)
	if p == nil || levels.HasErrors(probs) {
		t.Fatalf("the pack snapshot in game/%s no longer loads (%v); if the schema changed on purpose, run go test ./game -run Golden -update", snapshot, probs)
	}
	if d, err := levels.Default(); err == nil && d.Version != p.Version {
		t.Logf("note: goldens use content %s, the default pack is now %s (go test ./game -run Golden -update moves them)", p.Version, d.Version)
	}
	for _, gc := range goldens {
		path := filepath.Join("testdata", gc.file)
		if *update {
			var src game.Source = ai.New(gc.seed, gc.skill)
			if gc.two {
				b := ai.New(gc.seed+100, gc.skill)
				b.ID = 1
				src = fingers{ai.New(gc.seed, gc.skill), b}
			}
			rep, _, err := round.Record(round.Config{Pack: p, Level: firstLevel(p, gc.mode), Band: gc.band, Seed: gc.seed, Canvas: gc.canvas}, src)
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := replay.Write(f, rep, gc.zip); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatalf("%v (record the goldens with go test ./game -run Golden -update)", err)
		}
		rep, err := replay.Read(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		g, tl, err := round.Verify(p, rep)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if gc.two {
			ids := map[int]bool{}
			for _, in := range rep.Input {
				for _, e := range in.Events {
					ids[e.ID] = true
				}
			}
			if !ids[0] || !ids[1] {
				t.Errorf("%s: pointers used %v, want 0 and 1", path, ids)
			}
		}
		t.Logf("%s: %s after %d ticks, score %d, grade %s, hash %016x", path, tl.Reason, g.Tick(), tl.Score, tl.Grade(), g.Hash())
	}
}

// TestGoldenRefusesOtherContent: a golden replay played against content
// whose version differs is refused with ErrContentVersion, not replayed.
func TestGoldenRefusesOtherContent(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", goldens[0].file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := replay.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := levels.LoadDir(snapshot)
	changed := *p
	changed.Version = "feedfacefeedface"
	_, _, err = round.Verify(&changed, rep)
	if err == nil || !strings.Contains(err.Error(), "another content version") {
		t.Fatalf("%v", err)
	}
}
