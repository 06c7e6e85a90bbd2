package scene

import (
	"image/color"
	"strings"
	"unicode"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/playhall/playhall/assets/art"
)

// Safe margin and HUD sizes, canvas units (art-direction.md).
const (
	margin = 48.0
	hudH   = 104.0
)

var (
	hudFill   = color.RGBA{0x12, 0x3A, 0x5E, 0xFF}
	hudBorder = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
	trackC    = color.RGBA{0x9E, 0xD8, 0xE6, 0xFF}
)

// drawHUD draws the score and combo, the hearts (when maxHealth > 0) and the
// time as a boat moving along a river track (elapsed in [0, 1]). Calm mode
// (the attract loop) draws no HUD.
func (b *base) drawHUD(dst *ebiten.Image, score, combo, health, maxHealth int, elapsed float64) {
	if b.calm {
		return
	}
	portrait := b.ch > b.cw
	// score card
	sw := 330.0
	sx, sy := margin+sw/2, margin+hudH/2
	b.panel(dst, sx, sy, sw, hudH, 28, hudFill, hudBorder, 0.92)
	b.text(dst, "得分", sx-sw/2+28, sy-22, 26, true, trackC, text.AlignStart, text.AlignCenter)
	b.text(dst, "SCORE", sx-sw/2+28, sy+16, 18, true, trackC, text.AlignStart, text.AlignCenter)
	b.text(dst, b.scoreText(score), sx+sw/2-26, sy, 56, true, art.White, text.AlignEnd, text.AlignCenter)
	if combo >= 2 {
		cx, cy := margin+90, sy+hudH/2+34
		if portrait {
			cx, cy = margin+sw+24+90, sy
		}
		b.panel(dst, cx, cy, 180, 56, 28, gold, color.RGBA{}, 0.95)
		b.text(dst, b.comboText(combo), cx, cy, 34, true, art.Ink, text.AlignCenter, text.AlignCenter)
	}
	// hearts
	if maxHealth > 0 {
		hw := 64.0
		n := maxHealth
		x0 := b.cw - margin - float64(n)*hw + hw/2
		for i := 0; i < n; i++ {
			id := art.HeartFull
			if i >= health {
				id = art.HeartEmpty
			}
			b.sprite(dst, id, x0+float64(i)*hw, sy, 1.05, 0, 1)
		}
	}
	// time track: a strip of river with the patrol boat moving along it
	var tx0, tx1, ty float64
	if portrait {
		tx0, tx1, ty = margin+40, b.cw-margin-40, sy+hudH/2+100
	} else {
		tx0 = sx + sw/2 + 70
		tx1 = b.cw - margin - float64(maxHealth)*64 - 70
		if maxHealth == 0 {
			tx1 = b.cw - margin - 60
		}
		ty = sy + 10
	}
	b.panel(dst, (tx0+tx1)/2, ty, tx1-tx0+60, 30, 15, color.RGBA{0x0E, 0x4D, 0x5C, 0xFF}, hudBorder, 0.9)
	e := clamp01(elapsed)
	bx := tx0 + (tx1-tx0)*e
	b.fill(dst, tx0, ty-4, bx-tx0, 8, trackC, 0.9)
	b.sprite(dst, art.FlagCN, tx1-4, ty-64, 0.6, 0, 1)
	b.sprite(dst, art.HUDBoat, bx, ty-8+2*sinT(b.secs()*3), 0.95, 0, 1)
}

func sinT(x float64) float64 { return sin(x) }

// wrap breaks s into lines no wider than w pixels at size (Chinese breaks
// anywhere, other text at spaces), balanced so the last line is not a lone
// word. It allocates; call it when a card opens, not per frame.
func wrap(s string, size, w float64) string {
	out := wrapGreedy(s, size, w)
	n := strings.Count(out, "\n") + 1
	if n < 2 || strings.Contains(s, "\n") {
		return out
	}
	total, _ := art.Measure(s, size, false)
	// the narrowest width that still gives n lines
	for bw := total / float64(n); bw < w; bw += size * 0.5 {
		if b := wrapGreedy(s, size, bw); strings.Count(b, "\n")+1 == n {
			return b
		}
	}
	return out
}

func wrapGreedy(s string, size, w float64) string {
	var out strings.Builder
	var line []rune
	lastSpace := -1
	for _, r := range s {
		if r == '\n' {
			out.WriteString(string(line))
			out.WriteByte('\n')
			line, lastSpace = line[:0], -1
			continue
		}
		line = append(line, r)
		if unicode.IsSpace(r) {
			lastSpace = len(line) - 1
		}
		if lw, _ := art.Measure(string(line), size, false); lw > w && len(line) > 1 {
			cut := len(line) - 1
			if !unicode.Is(unicode.Han, r) && lastSpace > 0 {
				cut = lastSpace + 1
			}
			if cut < len(line) && isClosingPunct(line[cut]) && cut > 1 { // keep 。，！ with their text
				cut--
			}
			out.WriteString(strings.TrimRight(string(line[:cut]), " "))
			out.WriteByte('\n')
			rest := append([]rune{}, line[cut:]...)
			line, lastSpace = rest, -1
		}
	}
	out.WriteString(string(line))
	return out.String()
}

func isClosingPunct(r rune) bool {
	return strings.ContainsRune("，。！？、；：」》）,.!?;:)", r)
}

// card is a prepared text card: its icon and wrapped body are made once
// per item, language and atlas, not per frame.
type card struct {
	item, lang string // what the card was prepared for
	// at and sc are the atlas the icon came from and the scale the body
	// was wrapped at. A resize brings a new atlas (the old one is
	// disposed) and a new scale, and the card is prepared again. The
	// canvas size is fixed for a view's life (the kiosk makes new views
	// when the orientation changes).
	at          *art.Atlas
	sc          float64
	open        bool
	title, sub  string
	body        string
	icon        *art.Sprite
	ok          bool
	start, life float64
	// centre places the card at (cx, cy) instead of sliding in at an edge.
	centre bool
	cx, cy float64
}

// drawCard draws c sliding in from the right edge (landscape) or the bottom
// (portrait), holding, then sliding out.
func (b *base) drawCard(dst *ebiten.Image, c *card) {
	age := b.now - c.start
	if !c.open || age < 0 || age > c.life {
		return
	}
	portrait := b.ch > b.cw
	w, h := 860.0, 300.0
	if portrait {
		w = b.cw - 2*margin
	}
	in := easeOut(age / 14)
	out := easeOut((age - (c.life - 14)) / 14)
	var x, y float64
	if c.centre {
		x, y = c.cx, c.cy+(1-in)*60+out*60
		if portrait {
			w = b.cw - 2*margin
		}
	} else if portrait {
		x = b.cw / 2
		y = b.ch - 380 + (1-in)*500 + out*500
	} else {
		x = b.cw - margin - w/2 + (1-in)*(w+80) + out*(w+80)
		y = b.ch - 360
	}
	accent := harmRed
	if c.ok {
		accent = safeGrn
	}
	fa := float32(1)
	if c.centre {
		fa = float32(clamp01(in - out))
	}
	b.panel(dst, x, y, w, h, 30, cardFill, accent, fa)
	b.fill(dst, x-w/2+6, y-h/2+6, w-12, 64, accent, 1)
	badge := art.BadgeWrong
	if c.ok {
		badge = art.BadgeOK
	}
	b.sprite(dst, badge, x-w/2+52, y-h/2+38, 0.85, 0, 1)
	b.text(dst, c.title, x-w/2+96, y-h/2+38, 38, true, art.White, text.AlignStart, text.AlignCenter)
	b.text(dst, c.sub, x+w/2-28, y-h/2+38, 26, true, color.RGBA{0xFF, 0xF0, 0xD8, 0xFF}, text.AlignEnd, text.AlignCenter)
	if c.icon != nil {
		b.panel(dst, x-w/2+110, y+34, 170, 170, 85, art.White, accent, 1)
		b.icon(dst, c.icon, x-w/2+110, y+34, 1.05, 0, 1)
	}
	b.text(dst, c.body, x-w/2+220, y+34, 36, false, art.Ink, text.AlignStart, text.AlignCenter)
}

// openCard prepares a harm card (ok false) or a safe-cue card for an item,
// or prepares it again after a resize. Call it every frame the card shows,
// after begin: it returns at once while the card, the language and the atlas
// stay the same, and calls band and wraps (allocating) when they change.
func (b *base) openCard(c *card, e *effect, band func() string, life float64) {
	if c.open && c.item == e.item && c.lang == b.lang && c.ok == e.ok && c.start == e.start && c.at == b.atlas && c.sc == b.sc {
		return
	}
	c.open, c.item, c.lang = true, e.item, b.lang
	c.at, c.sc = b.atlas, b.sc
	c.start, c.life, c.ok = e.start, life, e.ok
	c.icon = b.iconFor(e.item, e.ikind)
	name := b.nameOf(e.item, e.ikind)
	c.sub = name.En
	if b.lang == "en" {
		c.sub = name.Zh
	}
	c.title = b.tr(name)
	w := 860.0 - 260
	if b.ch > b.cw {
		w = b.cw - 2*margin - 260
	}
	c.body = wrap(band(), 36*b.sc, w*b.sc)
}
