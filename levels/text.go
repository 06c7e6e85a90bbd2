package levels

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// limit is the box a text is drawn in: how many lines it has and how much
// fits on one line. Zh is measured in Chinese character cells (a Latin
// letter or digit counts half), En in characters. The kiosk wraps Chinese
// between any two characters and Latin text at spaces, keeps closing
// punctuation on its line and starts a new line at "\n"; wrapLines wraps
// the same way, so a text is judged line by line, not by its total length. A
// text that needs more lines than its box has is a warning: the kiosk
// still draws it, but staff should shorten it.
type limit struct {
	what   string
	lines  int
	zh, en int // per line
}

var (
	limName   = limit{"a name", 1, 8, 24}
	limTitle  = limit{"a title", 1, 12, 32}
	limLine   = limit{"one line", 1, 22, 60}
	limOption = limit{"an answer button", 1, 22, 60}
	limCard   = limit{"a card", 2, 22, 60}
	limHarm   = limit{"a harm card", 3, 22, 60}
	limWhy    = limit{"an explanation", 3, 22, 60}
	limPrompt = limit{"a question", 3, 22, 60}
	limStory  = limit{"a story page", 5, 22, 60}
)

// cellWidth is the width of r in Chinese character cells.
func cellWidth(r rune) float64 {
	switch {
	case r == '\n' || r == '\r':
		return 0
	case r < 0x1100 || unicode.In(r, unicode.Latin, unicode.Greek):
		return 0.5
	}
	return 1
}

// cells measures s in Chinese character cells.
func cells(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += cellWidth(r)
	}
	return w
}

// closing is punctuation the kiosk never puts at the start of a line.
const closing = ",.!?;:)]}'\"，。！？、；：」』）》”’…"

// wrapLines returns how many lines s (trimmed) takes when wrapped at width,
// each rune as wide as runeWidth says. A Latin word longer than a line is
// cut.
func wrapLines(s string, perLine int, runeWidth func(rune) float64) int {
	width := float64(perLine)
	lines := 0
	for _, para := range strings.Split(strings.TrimSpace(s), "\n") {
		lines++
		w := 0.0    // width of the current line
		word := 0.0 // width of the Latin word being read (breaks only at spaces)
		for _, r := range para {
			rw := runeWidth(r)
			switch {
			case r == ' ':
				w += word
				word = 0
				if w > 0 {
					w += rw
				}
				continue
			case strings.ContainsRune(closing, r):
				word += rw // hangs on its line
				continue
			case cellWidth(r) < 1: // part of a Latin word
				if w+word+rw > width && w > 0 {
					lines++
					w = 0
				}
				word += rw
				for word > width { // a word longer than a line is cut
					lines++
					word -= width
				}
				continue
			}
			w += word
			word = 0
			if w+rw > width && w > 0 {
				lines++
				w = 0
			}
			w += rw
		}
	}
	return lines
}

func oneChar(rune) float64 { return 1 }

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
	} else if n := wrapLines(t.Zh, lim.zh, cellWidth); n > lim.lines {
		l.tooLong(o, zk, fmtCells(cells(t.Zh))+" cells", n, lim.zh, lim)
	}
	if strings.TrimSpace(t.En) == "" {
		l.warnAt(o, ek, "missing: no English text, the Chinese is shown instead")
	} else if n := wrapLines(t.En, lim.en, oneChar); n > lim.lines {
		l.tooLong(o, ek, strconv.Itoa(len([]rune(t.En)))+" characters", n, lim.en, lim)
	}
	l.glyphs(o, zk, t.Zh)
	l.glyphs(o, ek, t.En)
}

// tooLong warns that a text of size needs n lines of perLine where lim has
// fewer.
func (l *loader) tooLong(o origin, key []string, size string, n, perLine int, lim limit) {
	if lim.lines == 1 {
		l.warnAt(o, key, "%s is too long for %s (one line of at most %d); shorten it", size, lim.what, perLine)
		return
	}
	l.warnAt(o, key, "%s is too long for %s (%d lines of about %d): it wraps to %d lines; shorten it", size, lim.what, lim.lines, perLine, n)
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
