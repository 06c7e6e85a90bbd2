package art

import (
	"image"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"
)

// Sprite sheets: the atlas packs its sprites itself, onto textures of
// sheetW×sheetH pixels, instead of leaving them to Ebitengine's automatic
// texture atlas.
//
// Why: Ebitengine's atlas grows a page by doubling its width first, and it
// moves an image that was drawn on to another page once the image has been
// used as a source for a while, leaving the first page behind. The 4.5
// Mpx of sprites the kiosk renders at 1920×1080 had come to live on pages
// of 16384×512, 4096×1024, 1024×2048 and 1024×1024 pixels: 61 MB of texture
// memory, which software GL keeps in RAM. Skyline-packed sheets held them in
// two 8 MB textures; trimmed to their painted part (Atlas.render) they take
// one 8 MB sheet and a 2 MB one. Sprites that share a sheet still batch
// into one draw call.
const (
	sheetW, sheetH = 2048, 1024
	// sheetGap transparent pixels separate sprites on a sheet. At full size
	// Ebitengine clamps reads to a sprite's own region anyway; a sprite
	// drawn below half size is read from mipmaps of the whole sheet, where
	// a texel averages 2^n × 2^n pixels, and there the gap plus each
	// sprite's own transparent margin (trimMargin) keep a neighbour's paint
	// out down to an eighth of the size
	// (TestSmallDrawsDoNotBleedFromSheetNeighbours). The kiosk draws items
	// at a fifth of their size and more, but for the first frames of an
	// animation (the evidence bag growing in from nothing), where a faint
	// tint from a neighbour may show.
	sheetGap = 2
)

// sheets is an atlas's list of sprite sheets.
type sheets struct {
	list []*sheet
}

type sheet struct {
	img *ebiten.Image
	w   int // width in pixels; 0 means sheetW
	h   int // height in pixels; 0 means sheetH
	// sky is the skyline: the top of the used area along the sheet, as
	// segments from left to right that together span its width.
	sky []segment
}

// segment is a stretch of the skyline: [x, x+w) is used down to y.
type segment struct{ x, y, w int }

// place returns a w×h pixel region on a sheet (a sub-image), adding a sheet
// when none has room, or nil when w×h is too big for a sheet.
func (s *sheets) place(w, h int) *ebiten.Image {
	if w+sheetGap > sheetW || h+sheetGap > sheetH || w <= 0 || h <= 0 {
		return nil
	}
	for _, sh := range s.list {
		if r, ok := sh.alloc(w, h); ok {
			return sh.img.SubImage(r).(*ebiten.Image)
		}
	}
	// The first sheet is full size. The kiosk's trimmed sprites fill it
	// and spill a little over (0.1 Mpx at 1920×1080: four sprites in
	// 691×198 pixels), which a second sheet half as wide and a quarter as
	// tall (1 MB) holds where a full one took 8 MB. Each later sheet is
	// full width and twice as tall as the one before, up to full size, so
	// the four times as many pixels at 3840×2160 take five sheets, not a
	// dozen strips.
	sh := &sheet{h: sheetH}
	switch n := len(s.list); {
	case n == 1:
		sh.h = sheetH / 4
		if w+sheetGap <= sheetW/2 {
			sh.w = sheetW / 2
		}
	case n > 1:
		sh.h = min(2*s.list[n-1].height(), sheetH)
	}
	for sh.h < h+sheetGap {
		sh.h *= 2
	}
	sh.img = ebiten.NewImageWithOptions(image.Rect(0, 0, sh.width(), sh.h), &ebiten.NewImageOptions{Unmanaged: true})
	s.list = append(s.list, sh)
	r, _ := sh.alloc(w, h)
	return sh.img.SubImage(r).(*ebiten.Image)
}

// width is the sheet's width in pixels.
func (sh *sheet) width() int {
	if sh.w == 0 {
		return sheetW
	}
	return sh.w
}

// height is the sheet's height in pixels.
func (sh *sheet) height() int {
	if sh.h == 0 {
		return sheetH
	}
	return sh.h
}

// dispose frees every sheet.
func (s *sheets) dispose() {
	for _, sh := range s.list {
		sh.img.Deallocate()
	}
	s.list = nil
}

// alloc finds room for w×h pixels (plus the gap) by the skyline
// bottom-left rule: the place whose bottom edge would be highest, then the
// one that leaves the least unusable space beneath it.
func (sh *sheet) alloc(w, h int) (image.Rectangle, bool) {
	gw, gh := w+sheetGap, h+sheetGap
	sw := sh.width()
	if gw > sw || gh > sh.height() {
		return image.Rectangle{}, false
	}
	if sh.sky == nil {
		sh.sky = []segment{{0, 0, sw}}
	}
	best, bestY, bestWaste := -1, 0, 0
	for i, s := range sh.sky {
		if s.x+gw > sw {
			break
		}
		// the rectangle rests on the highest segment it spans
		y, waste := 0, 0
		for j, left := i, gw; left > 0; j++ {
			y = max(y, sh.sky[j].y)
			left -= sh.sky[j].w
		}
		for j, left := i, gw; left > 0; j++ {
			waste += (y - sh.sky[j].y) * min(left, sh.sky[j].w)
			left -= sh.sky[j].w
		}
		if y+gh > sh.height() {
			continue
		}
		if best < 0 || y+gh < bestY || y+gh == bestY && waste < bestWaste {
			best, bestY, bestWaste = i, y+gh, waste
		}
	}
	if best < 0 {
		return image.Rectangle{}, false
	}
	x, y := sh.sky[best].x, bestY-gh
	// Replace the segments under [x, x+gw) with one at the new top.
	end := best
	for left := gw; left > 0 && end < len(sh.sky); end++ {
		if sh.sky[end].w > left {
			// the last one is cut: keep its right part
			sh.sky[end].x += left
			sh.sky[end].w -= left
			break
		}
		left -= sh.sky[end].w
	}
	sh.sky = slices.Replace(sh.sky, best, end, segment{x, bestY, gw})
	return image.Rect(x, y, x+w, y+h), true
}
