package kiosk

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/shooter"
	sortgame "github.com/playhall/playhall/game/sort"
	"github.com/playhall/playhall/kiosk/flow"
	"github.com/playhall/playhall/kiosk/scene"
	"github.com/playhall/playhall/levels"
)

// scenes holds kiosk/scene's views for one canvas and pack: the river
// behind every screen, the shooter and the sort game. Views are made again
// when the canvas or the content pack changes.
type scenes struct {
	pack *levels.Pack
	c    flow.Canvas
	art  *scene.Art // the atlas the three views share
	// perFrame is how many times scene.WarmPaths vector paths of sprites
	// the shared atlas renders ahead of use per drawn frame (see
	// scene.Art.WarmStep), the attract loop showing the bare river until it is
	// warm (scene.Art.Gradual); 0 renders them all in the first frame and
	// draws every frame whole (harness runs that draw one frame in many,
	// screenshots, tests).
	perFrame int
	amb      *scene.AmbientView
	shoot    *scene.ShooterView
	sort     *scene.SortView
	lastG    game.Game
	lastTick int
	lang     string
}

func (s *scenes) ensure(pack *levels.Pack, c flow.Canvas) {
	if s.amb != nil && s.pack == pack && s.c == c {
		return
	}
	if s.amb != nil {
		s.amb.Dispose()
		s.shoot.Dispose()
		s.sort.Dispose()
		s.art.Dispose()
	}
	s.pack, s.c = pack, c
	w, h := int(c.W), int(c.H)
	s.art = scene.NewArt(pack)
	// Set before any view draws: a gradual Art that drew its first frame
	// whole would render every sprite in sight at once, then fall back to
	// the bare river until warm.
	s.art.Gradual = s.perFrame > 0
	s.amb = scene.NewAmbient(pack, w, h)
	s.shoot = scene.NewShooter(pack, w, h)
	s.sort = scene.NewSort(pack, w, h)
	s.amb.Share(s.art)
	s.shoot.Share(s.art)
	s.sort.Share(s.art)
	if s.lang != "" {
		// new views start in Chinese; keep the visitor's language across
		// a content reload or an orientation change
		s.amb.SetLang(s.lang)
		s.shoot.SetLang(s.lang)
		s.sort.SetLang(s.lang)
	}
	s.lastG = nil
}

// warm renders parts of sprites of the shared atlas ahead of use, about
// perFrame × scene.WarmPaths paths' worth (all sprites that are left when
// perFrame is 0). Call it after the frame's views have drawn.
func (s *scenes) warm() {
	if s.art == nil {
		return
	}
	if s.perFrame <= 0 {
		s.art.Warm(s.art.Left())
		return
	}
	s.art.WarmStep(s.perFrame * scene.WarmPaths)
}

// warmed reports whether the shared atlas has rendered every sprite it
// warms.
func (s *scenes) warmed() bool { return s.art != nil && s.art.Warmed() }

// step advances the views by one kiosk tick: the round's view gets the
// events of each game Step exactly once (the flow does not step a round
// paused under "Still there?").
func (s *scenes) step(m *flow.Machine) {
	s.ensure(m.Pack(), m.Canvas())
	s.amb.Step()
	if s.lang != m.Lang() {
		s.lang = m.Lang()
		s.amb.SetLang(s.lang)
		s.shoot.SetLang(s.lang)
		s.sort.SetLang(s.lang)
	}
	calm := m.Screen() == flow.ScreenAttract
	s.shoot.SetCalm(calm)
	s.amb.SetCalm(calm || m.Screen() == flow.ScreenClosed)
	g := m.Round()
	if g == nil {
		return
	}
	if g != s.lastG {
		s.lastG, s.lastTick = g, -1
	}
	if g.Tick() == s.lastTick {
		return
	}
	s.lastTick = g.Tick()
	switch g.(type) {
	case *shooter.Game:
		s.shoot.Feed(m.RoundEvents())
	case *sortgame.Game:
		s.sort.Feed(m.RoundEvents())
	}
}

// tap shows the scene's touch ring in a round.
func (s *scenes) tap(m *flow.Machine, x, y float64) {
	if s.amb == nil {
		return
	}
	switch m.Round().(type) {
	case *shooter.Game:
		s.shoot.Tap(x, y)
	case *sortgame.Game:
		s.sort.Tap(x, y)
	default:
		s.amb.Tap(x, y)
	}
}

// canvasImage is the letterboxed canvas area of dst.
func canvasImage(dst *ebiten.Image, v *view, c flow.Canvas) *ebiten.Image {
	r := image.Rect(int(v.OX+0.5), int(v.OY+0.5), int(v.OX+c.W*v.S+0.5), int(v.OY+c.H*v.S+0.5))
	return dst.SubImage(r).(*ebiten.Image)
}

// drawRound draws the round (or the river when there is none).
func (s *scenes) drawRound(dst *ebiten.Image, m *flow.Machine) bool {
	switch g := m.Round().(type) {
	case *shooter.Game:
		s.shoot.Draw(dst, g, 0)
	case *sortgame.Game:
		s.sort.Draw(dst, g, 0)
	default:
		return false
	}
	return true
}

// drawItem draws a drug or look-alike picture; the ambient view must have
// drawn this frame.
func (s *scenes) drawItem(dst *ebiten.Image, d *levels.Drug, l *levels.Lookalike, x, y, size float64) {
	switch {
	case d != nil:
		s.amb.DrawItem(dst, d.ID, game.Drug, x, y, size)
	case l != nil:
		s.amb.DrawItem(dst, l.ID, game.Lookalike, x, y, size)
	}
}
