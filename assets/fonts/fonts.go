// Package fonts embeds the kiosk's typeface: a subset of Noto Sans CJK SC
// (Regular and Bold) covering GB2312, Latin-1, general punctuation and the
// symbols the exhibit prints (✓ × ★ ♥ • … 「」《》 ① →). Noto Sans CJK has
// no ballot X (✗ ✘) nor heavy check (✔): print × in text, or draw the vector
// badges from assets/art. The subsets are made from
// Debian's fonts-noto-cjk by regen.sh next to this file; OFL.txt is their
// licence and ships with them.
//
// The package never imports Ebitengine: the content validator uses Glyphs to
// refuse text the kiosk could not draw, and the kiosk builds its text faces
// from Regular and Bold.
package fonts

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// Regular and Bold are the OpenType (CFF) bytes of the two weights. Callers
// must not modify them; text/v2's NewGoTextFaceSource reads them as they are.
var (
	//go:embed NotoSansSC-Regular.subset.otf
	Regular []byte
	//go:embed NotoSansSC-Bold.subset.otf
	Bold []byte
)

// License is the SIL Open Font License text with the font's copyright
// notice; anything that redistributes the fonts must ship it.
//
//go:embed OFL.txt
var License string

//go:embed charset.txt
var charset string

// GlyphSet answers whether both weights can draw a rune.
type GlyphSet struct {
	runes map[rune]struct{}
}

// HasGlyph reports whether r has a glyph in both Regular and Bold. Spaces,
// tabs and newlines are always reported as drawable. Safe for concurrent use.
func (g *GlyphSet) HasGlyph(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r':
		return true
	}
	_, ok := g.runes[r]
	return ok
}

// Len is the number of runes in the set.
func (g *GlyphSet) Len() int { return len(g.runes) }

var (
	glyphsOnce sync.Once
	glyphs     *GlyphSet
)

// Glyphs returns the runes both embedded weights can draw. The set is built
// once, on first call (about 1 ms: a cmap look-up for each code point the
// subset asked for), and shared afterwards.
func Glyphs() *GlyphSet {
	glyphsOnce.Do(func() { glyphs = buildGlyphs() })
	return glyphs
}

func buildGlyphs() *GlyphSet {
	reg, err := sfnt.Parse(Regular)
	if err != nil {
		panic("fonts: embedded Regular does not parse: " + err.Error())
	}
	bold, err := sfnt.Parse(Bold)
	if err != nil {
		panic("fonts: embedded Bold does not parse: " + err.Error())
	}
	var buf sfnt.Buffer
	set := &GlyphSet{runes: make(map[rune]struct{}, 8192)}
	for _, f := range strings.Split(strings.TrimSpace(charset), ",") {
		v, err := strconv.ParseUint(strings.TrimPrefix(f, "U+"), 16, 32)
		if err != nil {
			panic("fonts: bad charset.txt entry " + strconv.Quote(f))
		}
		r := rune(v)
		if i, err := reg.GlyphIndex(&buf, r); err != nil || i == 0 {
			continue
		}
		if i, err := bold.GlyphIndex(&buf, r); err != nil || i == 0 {
			continue
		}
		set.runes[r] = struct{}{}
	}
	return set
}
