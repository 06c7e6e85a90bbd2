package flow

import (
	"testing"

	"github.com/playhall/playhall/levels"
)

// reachBand taps from the attract screen to the band choice and picks the
// band at index i (the default bands: primary, junior, senior, adult).
func reachBand(t *testing.T, m *Machine, i int) {
	t.Helper()
	idle(m, 60)
	m.Tick(tap(960, 700)) // wakes the attract screen
	idle(m, 30)
	pressKind(t, m, BtnLanguage, 0)
	idle(m, 30)
	pressKind(t, m, BtnBand, i)
}

func TestPlaylistOverridePicksLevel(t *testing.T) {
	m := newMachine(t, landscape, &sink{})
	m.SetPlaylist(map[levels.Band][]string{levels.BandJunior: {"sort_junior"}})
	reachBand(t, m, 1)
	if l := m.Level(); l == nil || l.ID != "sort_junior" {
		t.Fatalf("level %+v, want the override sort_junior", l)
	}
}

// A playlist naming levels the pack no longer holds (a content reload
// dropped them) falls back to the pack's playlist for that band, not to
// whatever level comes first in the pack.
func TestPlaylistWithRetiredLevelsFallsBackToPack(t *testing.T) {
	m := newMachine(t, landscape, &sink{})
	m.SetPlaylist(map[levels.Band][]string{levels.BandJunior: {"retired_level"}})
	reachBand(t, m, 1)
	want := m.Pack().LevelsFor(levels.BandJunior)[0]
	if l := m.Level(); l == nil || l.ID != want {
		t.Fatalf("level %+v, want the pack's %s for junior", l, want)
	}
	if m.Pack().Levels[0].ID == want {
		t.Fatal("the test needs a pack whose first level is not junior's")
	}
}
