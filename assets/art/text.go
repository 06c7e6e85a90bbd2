package art

import (
	"bytes"
	"image"
	"image/color"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/playhall/playhall/assets/fonts"
)

func rectWH(w, h int) image.Rectangle { return image.Rect(0, 0, w, h) }

var (
	srcOnce        sync.Once
	srcReg, srcBld *text.GoTextFaceSource
	faceMu         sync.Mutex
	faces          = map[faceKey]*text.GoTextFace{}
)

type faceKey struct {
	size float64
	bold bool
}

func loadSources() {
	var err error
	if srcReg, err = text.NewGoTextFaceSource(bytes.NewReader(fonts.Regular)); err != nil {
		panic("art: embedded Regular font: " + err.Error())
	}
	if srcBld, err = text.NewGoTextFaceSource(bytes.NewReader(fonts.Bold)); err != nil {
		panic("art: embedded Bold font: " + err.Error())
	}
	fonts.Release() // the sources hold their own copy of every table
	srcReg.SetGlyphImageLimits(glyphsPerSize, glyphSizes)
	srcBld.SetGlyphImageLimits(glyphsPerSize, glyphSizes)
}

// Glyph images share Ebitengine's texture atlas page, which never shrinks.
// text/v2 keeps, once unused for a second, 128 glyph images per text size
// and subpixel step, for 16 sizes per weight: in a round's screens that was
// about 1,400 images, and the page doubled twice, to 4096×1024 (16 MiB).
// The kiosk keeps glyphsPerSize per size and step, for glyphSizes sizes.
// Text on screen is never evicted, whatever the limits; lower ones only
// mean a glyph not drawn for a second is rasterised again when it returns.
const (
	glyphsPerSize = 32
	glyphSizes    = 4
)

// EvictUndrawnGlyphs frees up to max glyph images of each weight (all if
// max <= 0) that were not drawn in the current tick, and returns how many
// such images are left. The kiosk calls it at the end of each frame from a
// new screen's first until it returns 0: the limits above only evict glyphs
// unused for a second, so in a quick run of screens (a visitor tapping
// through the menus, or the bench fast-forwarding them) the glyphs of three
// or four screens met on the page, and it doubled to 2048×1024 (4 MiB more)
// with 0.87 Mpx of 675 glyph images in use. Glyphs the new screen drew stay;
// the ones of the screen before are rasterised again if it comes back.
//
// Each freed image clears its part of the page with a draw of its own, and
// llvmpipe holds 64 KiB for each such draw until the frame is flushed:
// freeing a results screen's 236 glyphs in one frame took 15 MiB for that
// frame. A few dozen a frame cost about 2 MiB.
func EvictUndrawnGlyphs(max int) int {
	srcOnce.Do(loadSources)
	return srcReg.EvictUndrawnGlyphImages(max) + srcBld.EvictUndrawnGlyphImages(max)
}

// Face returns the text face of size pixels, bold or regular. The font
// sources are parsed once per process (about 30 ms) and faces are cached
// per size, so calling Face every frame costs a map look-up.
func Face(size float64, bold bool) *text.GoTextFace {
	srcOnce.Do(loadSources)
	faceMu.Lock()
	defer faceMu.Unlock()
	k := faceKey{size, bold}
	if f, ok := faces[k]; ok {
		return f
	}
	src := srcReg
	if bold {
		src = srcBld
	}
	f := &text.GoTextFace{Source: src, Size: size}
	faces[k] = f
	return f
}

// TextOptions lays out one Text call. The zero value draws left-aligned,
// top-anchored, white text.
type TextOptions struct {
	Size    float64 // pixels
	Bold    bool
	Color   color.RGBA // the zero value means white
	AlignX  text.Align // Start, Center, End
	AlignY  text.Align
	Spacing float64 // line spacing in pixels; 0 means 1.3 × Size
}

// Writer draws text with reused options, so a steady frame allocates little.
type Writer struct {
	op text.DrawOptions
}

// Text draws s on dst at pixel (x, y).
func (w *Writer) Text(dst *ebiten.Image, s string, x, y float64, o TextOptions) {
	if s == "" {
		return
	}
	op := &w.op
	op.GeoM.Reset()
	op.GeoM.Translate(x, y)
	op.ColorScale.Reset()
	c := o.Color
	if c == (color.RGBA{}) {
		c = White
	}
	// premultiplied colour, set without boxing it in an interface
	op.ColorScale.Scale(float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(c.A)/255)
	op.PrimaryAlign = o.AlignX
	op.SecondaryAlign = o.AlignY
	op.LineSpacing = o.Spacing
	if op.LineSpacing == 0 {
		op.LineSpacing = o.Size * 1.3
	}
	op.Filter = ebiten.FilterLinear
	text.Draw(dst, s, Face(o.Size, o.Bold), op)
}

// Outlined draws s with a round outline of width ow pixels in oc beneath it
// (for text over busy scenery).
func (w *Writer) Outlined(dst *ebiten.Image, s string, x, y, ow float64, oc color.RGBA, o TextOptions) {
	fill := o.Color
	o.Color = oc
	for i := 0; i < 8; i++ {
		dx, dy := ow*dirs[i][0], ow*dirs[i][1]
		w.Text(dst, s, x+dx, y+dy, o)
	}
	o.Color = fill
	w.Text(dst, s, x, y, o)
}

var dirs = [8][2]float64{{1, 0}, {0.707, 0.707}, {0, 1}, {-0.707, 0.707}, {-1, 0}, {-0.707, -0.707}, {0, -1}, {0.707, -0.707}}

// Measure returns the width and height in pixels of s at size.
func Measure(s string, size float64, bold bool) (float64, float64) {
	return text.Measure(s, Face(size, bold), size*1.3)
}
