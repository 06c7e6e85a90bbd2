package kiosk

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"github.com/playhall/playhall/game"
)

// pointers is the input adapter: the left mouse button, every touch and a
// right press (Windows press-and-hold) become one stream of game pointer
// events in canvas units. The mouse (left or right) is pointer 0; touches
// get ids from 1. A press and release inside one tick (a quick tap on a
// Windows touch screen, delivered as a mouse) still yields Down then Up.
type pointers struct {
	mouseDown  bool
	mouseBtn   ebiten.MouseButton
	mx, my     float64
	touchIDs   []ebiten.TouchID
	touches    map[ebiten.TouchID]touch
	nextID     int
	out        []game.PointerEvent
	screenToCv func(x, y float64) (float64, float64)
}

type touch struct {
	id   int
	x, y float64
}

func newPointers(m func(x, y float64) (float64, float64)) *pointers {
	return &pointers{touches: map[ebiten.TouchID]touch{}, nextID: 1, screenToCv: m}
}

// poll reads this tick's input. Positions come in device-independent
// pixels; dpi scales them to the screen pixels the view maps.
func (p *pointers) poll(dpi float64) []game.PointerEvent {
	p.out = p.out[:0]
	cx, cy := ebiten.CursorPosition()
	x, y := p.screenToCv(float64(cx)*dpi, float64(cy)*dpi)
	for _, b := range []ebiten.MouseButton{ebiten.MouseButtonLeft, ebiten.MouseButtonRight} {
		if !p.mouseDown && inpututil.IsMouseButtonJustPressed(b) {
			p.mouseDown, p.mouseBtn = true, b
			p.mx, p.my = x, y
			p.out = append(p.out, game.PointerEvent{Kind: game.Down, ID: 0, X: x, Y: y})
		}
	}
	if p.mouseDown {
		if x != p.mx || y != p.my {
			p.mx, p.my = x, y
			p.out = append(p.out, game.PointerEvent{Kind: game.Move, ID: 0, X: x, Y: y})
		}
		if inpututil.IsMouseButtonJustReleased(p.mouseBtn) || !ebiten.IsMouseButtonPressed(p.mouseBtn) {
			p.mouseDown = false
			p.out = append(p.out, game.PointerEvent{Kind: game.Up, ID: 0, X: x, Y: y})
		}
	}
	p.touchIDs = inpututil.AppendJustPressedTouchIDs(p.touchIDs[:0])
	for _, t := range p.touchIDs {
		tx, ty := ebiten.TouchPosition(t)
		x, y := p.screenToCv(float64(tx)*dpi, float64(ty)*dpi)
		p.touches[t] = touch{id: p.nextID, x: x, y: y}
		p.out = append(p.out, game.PointerEvent{Kind: game.Down, ID: p.nextID, X: x, Y: y})
		p.nextID++
		if p.nextID > 1<<16 {
			p.nextID = 1
		}
	}
	for t, tc := range p.touches {
		if inpututil.IsTouchJustReleased(t) {
			tx, ty := inpututil.TouchPositionInPreviousTick(t)
			x, y := p.screenToCv(float64(tx)*dpi, float64(ty)*dpi)
			p.out = append(p.out, game.PointerEvent{Kind: game.Up, ID: tc.id, X: x, Y: y})
			delete(p.touches, t)
			continue
		}
		tx, ty := ebiten.TouchPosition(t)
		x, y := p.screenToCv(float64(tx)*dpi, float64(ty)*dpi)
		if x != tc.x || y != tc.y {
			tc.x, tc.y = x, y
			p.touches[t] = tc
			p.out = append(p.out, game.PointerEvent{Kind: game.Move, ID: tc.id, X: x, Y: y})
		}
	}
	return p.out
}
