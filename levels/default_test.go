package levels

import (
	"slices"
	"strings"
	"testing"

	"github.com/playhall/playhall/assets/fonts"
)

func TestDefaultValidatesClean(t *testing.T) {
	p, probs := LoadWith(DefaultFS(), CheckOptions{Prefix: DefaultPrefix, Glyphs: fonts.Glyphs()})
	if p == nil || len(probs) != 0 {
		t.Fatalf("default pack has problems (warnings included):\n%s", list(probs))
	}
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if d2, _ := Default(); d2 != d {
		t.Error("Default() is not cached")
	}
	if d.Version != p.Version || len(d.Version) != 16 {
		t.Errorf("version %q vs %q", d.Version, p.Version)
	}
}

func TestDefaultCounts(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	pre := 0
	for _, q := range p.Questions {
		if q.PrePlay {
			pre++
		}
	}
	if len(p.Drugs) < 20 || len(p.Lookalikes) < 8 || len(p.Questions) < 40 || pre < 8 {
		t.Errorf("counts: %d drugs (>=20), %d look-alikes (>=8), %d questions (>=40), %d pre-play (>=8)",
			len(p.Drugs), len(p.Lookalikes), len(p.Questions), pre)
	}
	// A shooter level for each school band and the adult default; a sort
	// level for the youngest; a playlist for every band.
	for _, b := range Bands {
		if p.Level("shooter_"+string(b)) == nil || !slices.Contains(p.Level("shooter_"+string(b)).Bands, b) {
			t.Errorf("no shooter level for band %s", b)
		}
		if len(p.LevelsFor(b)) == 0 {
			t.Errorf("no playlist for band %s", b)
		}
	}
	if l := p.Level("sort_primary"); l == nil || l.Mode != ModeSort || !slices.Contains(l.Bands, BandPrimary) {
		t.Error("no sort level for primary")
	}
	// Tiering: younger bands play slower with more health.
	sp, sj, ss := p.Level("shooter_primary"), p.Level("shooter_junior"), p.Level("shooter_senior")
	if !(sp.Difficulty.SpeedScale < sj.Difficulty.SpeedScale && sj.Difficulty.SpeedScale < ss.Difficulty.SpeedScale) ||
		!(sp.Difficulty.Health > sj.Difficulty.Health && sj.Difficulty.Health > ss.Difficulty.Health) {
		t.Errorf("shooter levels are not tiered: %+v / %+v / %+v", sp.Difficulty, sj.Difficulty, ss.Difficulty)
	}
}

// TestDefaultCautions pins the content cautions from the research notes.
func TestDefaultCautions(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if d := p.Drug("laughing_gas"); d == nil || d.Category != CategoryOther || !strings.Contains(d.Legal.Zh, "不属于法律上的毒品") {
		t.Errorf("笑气 must be category other with a legal note saying it is not legally a 毒品: %+v", d)
	}
	if d := p.Drug("smart_drugs"); d == nil || !strings.Contains(d.Legal.Zh, "处方") {
		t.Error("聪明药 needs the prescription note")
	}
	for _, d := range p.Drugs {
		if _, ok := d.HarmByBand[BandPrimary]; !ok {
			t.Errorf("drug %s has no softened harm text for primary", d.ID)
		}
	}
	for _, a := range p.Lookalikes {
		for _, bad := range []string{"烟", "cigarette", "vape"} {
			if strings.Contains(a.Name.Zh+a.Name.En+a.SafeCue.Zh+a.SafeCue.En, bad) {
				t.Errorf("look-alike %s mentions %q: cigarettes and e-cigarettes are never safe twins", a.ID, bad)
			}
		}
	}
	story := p.Story.Title.Zh
	for _, pg := range p.Story.Pages {
		story += pg.Zh + pg.En
	}
	for _, bad := range []string{"死刑", "处决", "注射", "execut", "death sentence"} {
		if strings.Contains(story, bad) {
			t.Errorf("story mentions %q: the story ends with the arrest and the trial", bad)
		}
	}
	if !strings.Contains(story, "抓获") || !strings.Contains(story, "审判") {
		t.Error("story must tell the arrest and the trial")
	}
}
