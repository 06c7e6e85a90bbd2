package kiosk

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/shooter"
	"github.com/playhall/playhall/kiosk/flow"
)

// drawRound draws a round: the river, every entity and, in play, the HUD.
func drawRound(dst *ebiten.Image, v *view, m *flow.Machine, g game.Game, attract bool) {
	c := m.Canvas()
	backdrop(dst, v, c, secs(m), false)
	sg, ok := g.(*shooter.Game)
	if !ok || sg == nil {
		return
	}
	pack := m.Pack()
	items := sg.Items()
	for i := range sg.Entities() {
		e := &sg.Entities()[i]
		if !e.Alive {
			continue
		}
		switch e.Kind {
		case shooter.Trafficker:
			drawTrafficker(dst, v, e, false)
		case shooter.Boss:
			drawTrafficker(dst, v, e, true)
		case shooter.Package, shooter.Lookalike:
			size := 90 + 50*e.Progress
			if e.Item >= 0 && e.Item < len(items) && pack != nil {
				it := items[e.Item]
				if it.Kind == game.Drug {
					drawItemIcon(dst, v, pack.Drug(it.ID), nil, e.X, e.Y, size)
				} else {
					drawItemIcon(dst, v, nil, pack.Lookalike(it.ID), e.X, e.Y, size)
				}
			}
			switch e.State {
			case shooter.Seized:
				v.text(dst, "查获!", e.X, e.Y-80, 48, true, art.Gold, center, center)
			case shooter.Revealed:
				v.text(dst, "这是正常物品", e.X, e.Y-80, 36, true, art.White, center, center)
			}
		}
	}
	if attract {
		return
	}
	drawHUD(dst, v, c, sg)
}

func drawTrafficker(dst *ebiten.Image, v *view, e *shooter.Entity, boss bool) {
	k := 1.0
	if boss {
		k = 1.8
		v.rrect(dst, rectOf(e.X-160, e.Y+30, 320, 70), 30, color.RGBA{0x3A, 0x3F, 0x46, 0xFF})
	} else if e.Cover == shooter.Boat {
		v.rrect(dst, rectOf(e.X-90, e.Y+40, 180, 50), 24, art.Wood)
	}
	bob := 6 * math.Sin(2*math.Pi*e.Phase)
	v.circle(dst, e.X, e.Y-40*k+bob, 28*k, art.Skin)
	v.rrect(dst, rectOf(e.X-34*k, e.Y-14*k+bob, 68*k, 66*k), 20*k, art.Olive)
	if e.State == shooter.Arrested {
		v.ring(dst, e.X-14, e.Y+20+bob, 14, 6, art.Gold, 1)
		v.ring(dst, e.X+14, e.Y+20+bob, 14, 6, art.Gold, 1)
		v.text(dst, "抓获!", e.X, e.Y-110*k, 48, true, art.Gold, center, center)
	}
	if boss {
		v.text(dst, "头号毒枭 糯康", e.X, e.Y-150, 44, true, art.White, center, center)
	}
}

// drawHUD draws score, combo, hearts and the boat moving along the river.
func drawHUD(dst *ebiten.Image, v *view, c flow.Canvas, g *shooter.Game) {
	v.rrect(dst, rectOf(flow.Margin, 24, c.W-2*flow.Margin, 100), 30, color.RGBA{0x0A, 0x1E, 0x34, 0xB0})
	v.text(dst, fmt.Sprintf("得分 %d", g.Score()), flow.Margin+40, 74, 48, true, art.White, start, center)
	if g.Combo() > 1 {
		v.text(dst, fmt.Sprintf("连击 ×%d", g.Combo()), flow.Margin+380, 74, 40, true, art.Gold, start, center)
	}
	for i := 0; i < g.MaxHealth(); i++ {
		col := art.Red
		if i >= g.Health() {
			col = color.RGBA{0x55, 0x5F, 0x6A, 0xFF}
		}
		x := c.W - flow.Margin - 50 - float64(i)*62
		drawHeart(dst, v, x, 70, 22, col)
	}
	// Time: a boat moving along a river line.
	x0, x1 := c.W*0.42, c.W*0.62
	if c.Portrait() {
		x0, x1 = c.W*0.46, c.W*0.66
	}
	v.line(dst, x0, 74, x1, 74, 8, art.WaterLight)
	p := 1.0
	if d := g.Duration(); d > 0 {
		p = 1 - float64(g.TicksLeft())/float64(d)
	}
	bx := x0 + (x1-x0)*p
	v.poly(dst, art.White, bx-26, 64, bx+26, 64, bx+18, 84, bx-18, 84)
	v.poly(dst, art.Police, bx-4, 40, bx-4, 64, bx+16, 64)
}

func drawHeart(dst *ebiten.Image, v *view, x, y, s float64, col color.RGBA) {
	v.circle(dst, x-s*0.5, y-s*0.2, s*0.58, col)
	v.circle(dst, x+s*0.5, y-s*0.2, s*0.58, col)
	v.poly(dst, col, x-s*1.05, y-s*0.02, x, y+s*1.1, x+s*1.05, y-s*0.02, x, y-s*0.2)
}
