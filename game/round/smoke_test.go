package round_test

import (
	"testing"

	"github.com/playhall/playhall/game/ai"
	"github.com/playhall/playhall/game/round"
	"github.com/playhall/playhall/levels"
)

func TestSmokeDefault(t *testing.T) {
	p, err := levels.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, lv := range p.Levels {
		for _, sk := range []ai.Skill{ai.Novice, ai.Visitor, ai.Expert} {
			rep, tl, err := round.Record(round.Config{Pack: p, Level: lv.ID, Band: "junior", Seed: 3}, ai.New(3, sk))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s ticks %d reason %s score %d acc %.2f seized %d missed %d fa %d arrests %d boss %v inputs %d", lv.ID, rep.Ticks, tl.Reason, tl.Score, tl.Accuracy(), tl.Seized, tl.Missed, tl.FalseAlarms, tl.Arrests, tl.BossCaught, len(rep.Input))
			if _, _, err := round.Verify(p, rep); err != nil {
				t.Fatal(err)
			}
		}
	}
}
