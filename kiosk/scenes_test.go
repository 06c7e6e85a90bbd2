package kiosk

import (
	"testing"

	"github.com/playhall/playhall/kiosk/flow"
	"github.com/playhall/playhall/levels"
)

// The shared atlas knows whether it warms gradually before any view draws
// with it: the kiosk's first attract frame (and the first after a content
// reload or a new canvas) is then the bare river, not every sprite in sight
// rendered at once and then the bare river until warm.
func TestScenesArtIsGradualBeforeTheFirstDraw(t *testing.T) {
	pack, err := levels.Default()
	if err != nil {
		t.Fatal(err)
	}
	land, port := flow.Canvas{W: 1920, H: 1080}, flow.Canvas{W: 1080, H: 1920}
	for _, tc := range []struct {
		perFrame int
		want     bool
	}{{2, true}, {0, false}} {
		s := &scenes{perFrame: tc.perFrame}
		s.ensure(pack, land)
		first := s.art
		if first.Gradual != tc.want {
			t.Errorf("perFrame %d: new Art Gradual %v, want %v", tc.perFrame, first.Gradual, tc.want)
		}
		reload := *pack // a content reload: another pack
		s.ensure(&reload, land)
		if s.art == first || s.art.Gradual != tc.want {
			t.Errorf("perFrame %d, new pack: Art renewed %v, Gradual %v, want %v", tc.perFrame, s.art != first, s.art.Gradual, tc.want)
		}
		s.ensure(&reload, port)
		if s.art.Gradual != tc.want {
			t.Errorf("perFrame %d, new canvas: Gradual %v, want %v", tc.perFrame, s.art.Gradual, tc.want)
		}
	}
}
