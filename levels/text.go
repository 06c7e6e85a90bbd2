package levels

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// limit is how much text fits the box a text is drawn in. Zh is measured
// in Chinese character cells (a Latin letter or digit counts half), En in
// characters. A text over its limit is a warning: the kiosk shrinks or
// wraps it, but staff should shorten it. Cards wrap at about 22 cells a
// line.
type limit struct {
	what   string
	zh, en int
}

var (
	limName   = limit{"a name", 8, 24}
	limTitle  = limit{"a title", 12, 32}
	limLine   = limit{"one line", 22, 60}
	limOption = limit{"an answer button", 22, 60}
	limCard   = limit{"a card (2 lines)", 44, 120}
	limHarm   = limit{"a harm card (3 lines)", 60, 160}
	limWhy    = limit{"an explanation (3 lines)", 60, 160}
	limPrompt = limit{"a question (3 lines)", 66, 180}
	limStory  = limit{"a story page (5 lines)", 110, 300}
)

// cells measures s in Chinese character cells.
func cells(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r':
		case r < 0x1100 || unicode.In(r, unicode.Latin, unicode.Greek):
			w += 0.5
		default:
			w++
		}
	}
	return w
}

// text checks one visible text: Chinese required, English expected, both
// fitting their box and drawable by the font.
func (l *loader) text(o origin, key []string, t Text, lim limit) {
	zk := append(append([]string(nil), key...), "zh")
	ek := append(append([]string(nil), key...), "en")
	if strings.TrimSpace(t.Zh) == "" && strings.TrimSpace(t.En) == "" {
		l.errAt(o, key, "missing: expected a text { zh = \"…\", en = \"…\" } (Chinese required)")
		return
	}
	if strings.TrimSpace(t.Zh) == "" {
		l.errAt(o, zk, "missing: the Chinese text is required")
	} else if w := cells(t.Zh); w > float64(lim.zh) {
		l.warnAt(o, zk, "%s cells is too long for %s (at most %d); shorten it", fmtCells(w), lim.what, lim.zh)
	}
	if strings.TrimSpace(t.En) == "" {
		l.warnAt(o, ek, "missing: no English text, the Chinese is shown instead")
	} else if n := len([]rune(t.En)); n > lim.en {
		l.warnAt(o, ek, "%d characters is too long for %s (at most %d); shorten it", n, lim.what, lim.en)
	}
	l.glyphs(o, zk, t.Zh)
	l.glyphs(o, ek, t.En)
}

func fmtCells(w float64) string {
	return strconv.FormatFloat(w, 'f', -1, 64)
}

// glyphs reports each distinct character of s the font cannot draw.
func (l *loader) glyphs(o origin, key []string, s string) {
	if l.opt.Glyphs == nil || s == "" {
		return
	}
	var missing []string
	seen := map[rune]bool{}
	for _, r := range s {
		if seen[r] || unicode.IsSpace(r) {
			continue
		}
		seen[r] = true
		if !l.opt.Glyphs.HasGlyph(r) {
			missing = append(missing, fmt.Sprintf("%q (U+%04X)", r, r))
		}
	}
	if len(missing) > 0 {
		l.errAt(o, key, "the kiosk font has no glyph for %s; use another character", strings.Join(missing, ", "))
	}
}
