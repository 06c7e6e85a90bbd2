package shooter

import "github.com/playhall/playhall/game"

// Layout is where things are on the canvas, proportional to its size so the
// landscape and portrait canvases both work. The renderer draws its scenery
// to match.
type Layout struct {
	Canvas    game.Canvas
	RiverTop  float64 // y where the far bank meets the water
	RiverBot  float64 // y where the near water meets the patrol boat's deck
	DeckY     float64 // y a package must reach to hit the player
	BankLeft  float64 // x of the left bank's cover
	BankRight float64 // x of the right bank's cover
	BossY     float64 // y of the boss boat's patrol line
	// ScaleX and ScaleY relate the canvas to 1920×1080. Level speeds are
	// given for the landscape canvas; the rules multiply vertical motion
	// (thrown packages) by ScaleY and horizontal motion (drifting
	// look-alikes, the boss boat) by ScaleX, so a package takes as long to
	// reach the boat, and a look-alike to cross, in portrait as in landscape.
	ScaleX, ScaleY float64
}

func layoutFor(c game.Canvas) Layout {
	return Layout{
		Canvas:    c,
		RiverTop:  0.28 * c.H,
		RiverBot:  0.82 * c.H,
		DeckY:     0.93 * c.H,
		BankLeft:  0.07 * c.W,
		BankRight: 0.93 * c.W,
		BossY:     0.36 * c.H,
		ScaleX:    c.W / 1920,
		ScaleY:    c.H / 1080,
	}
}

// Shape table indices for the figures; item shapes follow them.
const (
	shapeTrafficker = iota
	shapeBoss
	shapeFirstItem
)

func baseShapes() []game.Shape {
	return []game.Shape{
		shapeTrafficker: game.CapsuleShape(220, 55),
		shapeBoss: game.PolygonShape(
			game.Vec{X: -230, Y: -30}, game.Vec{X: -70, Y: -30}, game.Vec{X: -70, Y: -130},
			game.Vec{X: 70, Y: -130}, game.Vec{X: 70, Y: -30}, game.Vec{X: 230, Y: -30},
			game.Vec{X: 170, Y: 70}, game.Vec{X: -170, Y: 70}),
	}
}

// ItemShape returns the hit shape for an icon shape name (levels.IconShapes):
// round things are circles, flat packs rounded rectangles, long things
// capsules, leaves and twigs polygons.
func ItemShape(icon string) game.Shape {
	switch icon {
	case "pills", "crystals", "paste", "candy":
		return game.CircleShape(48)
	case "powder_bag", "sachet", "stamps", "envelope", "box", "stamp_sheet":
		return game.RoundRectShape(110, 80, 16)
	case "jar":
		return game.RoundRectShape(80, 100, 14)
	case "capsule", "cartridge", "bottle", "canister", "can", "cup":
		return game.CapsuleShape(110, 34)
	case "leaf":
		return game.PolygonShape(
			game.Vec{X: 0, Y: -60}, game.Vec{X: 22, Y: -18}, game.Vec{X: 56, Y: -24},
			game.Vec{X: 34, Y: 14}, game.Vec{X: 8, Y: 60}, game.Vec{X: -8, Y: 60},
			game.Vec{X: -34, Y: 14}, game.Vec{X: -56, Y: -24}, game.Vec{X: -22, Y: -18})
	case "leaves": // a fan of stems from a tied base
		return game.PolygonShape(
			game.Vec{X: 0, Y: -62}, game.Vec{X: 36, Y: -50}, game.Vec{X: 58, Y: -26},
			game.Vec{X: 44, Y: 10}, game.Vec{X: 10, Y: 56}, game.Vec{X: -10, Y: 56},
			game.Vec{X: -46, Y: 10}, game.Vec{X: -60, Y: -26}, game.Vec{X: -36, Y: -50})
	case "twigs":
		return game.PolygonShape(
			game.Vec{X: -55, Y: -20}, game.Vec{X: 55, Y: -35}, game.Vec{X: 60, Y: 15},
			game.Vec{X: -50, Y: 35})
	}
	return game.CircleShape(50)
}
