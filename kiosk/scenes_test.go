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

// Views made again for a content reload or an orientation change keep the
// visitor's language (they used to start over in Chinese mid-visit).
func TestScenesKeepTheLanguageAcrossARebuild(t *testing.T) {
	pack, err := levels.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := &scenes{}
	s.ensure(pack, flow.Canvas{W: 1920, H: 1080})
	s.lang = "en"
	s.amb.SetLang("en")
	s.shoot.SetLang("en")
	s.sort.SetLang("en")
	reload := *pack
	s.ensure(&reload, flow.Canvas{W: 1080, H: 1920})
	for name, got := range map[string]string{"ambient": s.amb.Lang(), "shooter": s.shoot.Lang(), "sort": s.sort.Lang()} {
		if got != "en" {
			t.Errorf("%s view after a rebuild speaks %q, want en", name, got)
		}
	}
}
