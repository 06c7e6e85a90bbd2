package kiosk

import (
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art"
)

// effects draws the ring where a finger lands, within one frame of the tap.
type effects struct {
	rings [16]struct {
		x, y float64
		at   int
		on   bool
	}
	next int
}

const ringTicks = 24

func (e *effects) ring(x, y float64, now int) {
	r := &e.rings[e.next]
	r.x, r.y, r.at, r.on = x, y, now, true
	e.next = (e.next + 1) % len(e.rings)
}

func (e *effects) draw(dst *ebiten.Image, v *view, now int) {
	for i := range e.rings {
		r := &e.rings[i]
		if !r.on {
			continue
		}
		age := now - r.at
		if age > ringTicks || age < 0 {
			r.on = false
			continue
		}
		p := float64(age) / ringTicks
		v.ring(dst, r.x, r.y, 30+70*p, 10*(1-p)+2, art.Alpha(art.White, 1-p), 1)
	}
}
