package scene

import (
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/levels"
)

// AmbientView draws the river scene with nothing happening on it — sky,
// clouds, the joint patrol with its flags, ripples, sparkles and the deck —
// as the backdrop for menus, questions, results and the pledge. It shares
// the look of ShooterView and, like it, draws at dst's resolution.
type AmbientView struct {
	ShooterView
}

// NewAmbient returns a backdrop view for a canvasW×canvasH canvas. pack may
// be nil unless DrawItem is used.
func NewAmbient(pack *levels.Pack, canvasW, canvasH int) *AmbientView {
	return &AmbientView{ShooterView: *NewShooter(pack, canvasW, canvasH)}
}

// Step advances the backdrop's clock by one tick (call it once per Update).
func (v *AmbientView) Step() { v.advance() }

// Draw draws the backdrop; alpha is the fraction of a tick since Step.
// deck false leaves out the patrol boat's bow (for full-screen cards).
func (v *AmbientView) Draw(dst *ebiten.Image, alpha float64, deck bool) {
	v.begin(dst, alpha)
	v.geom = art.SceneGeom{W: v.cw, H: v.ch, RiverTop: 0.28 * v.ch, RiverBot: 0.82 * v.ch, BankLeft: 0.07 * v.cw, BankRight: 0.93 * v.cw}
	v.drawRiver(dst)
	if deck {
		v.drawDeckAt(dst, v.geom.RiverBot)
	}
	v.drawEffects(dst)
}

// DrawItem draws the picture of a drug (kind game.Drug) or look-alike
// (game.Lookalike) from the view's pack at canvas (x, y), size canvas units
// across (the icon's box). Call it after Draw in the same frame (Draw sets
// the scale). It does nothing for an unknown id.
func (v *base) DrawItem(dst *ebiten.Image, id string, kind game.ItemKind, x, y, size float64) {
	if v.atlas == nil || v.pack == nil {
		return
	}
	if sp := v.iconFor(id, kind); sp != nil {
		v.icon(dst, sp, x, y, size/art.IconBox, 0, 1)
	}
}

// DrawBadge draws a ✓ (ok) or ✗ badge, size canvas units across, at (x, y),
// after Draw in the same frame.
func (v *base) DrawBadge(dst *ebiten.Image, ok bool, x, y, size float64) {
	if v.atlas == nil {
		return
	}
	id := art.BadgeWrong
	if ok {
		id = art.BadgeOK
	}
	v.sprite(dst, id, x, y, size/64, 0, 1)
}
