package art

import (
	"image"
	"image/color"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"github.com/playhall/playhall/assets/art/arttest"
	"github.com/playhall/playhall/levels"
)

// renderPack renders what the kiosk warms: every fixed sprite and the
// picture of every drug and look-alike of the shipped pack.
func renderPack(t testing.TB, a *Atlas) (sprites []*Sprite) {
	t.Helper()
	p, err := levels.Default()
	if err != nil {
		t.Fatal(err)
	}
	for id := ID(0); id < numIDs; id++ {
		sprites = append(sprites, a.Get(id))
	}
	for _, d := range p.Drugs {
		sprites = append(sprites, a.Icon(d.Icon, false))
	}
	for _, l := range p.Lookalikes {
		sprites = append(sprites, a.Icon(l.Icon, true))
	}
	return sprites
}

func TestSheetsHoldThePackDensely(t *testing.T) {
	arttest.Frame(func() {
		a := NewAtlas(1)
		defer a.Dispose()
		sprites := renderPack(t, a)
		area := 0
		type slot struct {
			sheet int
			r     image.Rectangle
		}
		var slots []slot
		for _, sp := range sprites {
			if sp == a.fixed[Pixel] || sp == a.fixed[Glow] {
				continue // unpadded, nearest-filtered: textures of their own
			}
			b := sp.Img.Bounds()
			area += b.Dx() * b.Dy()
			i := sheetOf(a, sp)
			if i < 0 {
				t.Errorf("a %dx%d sprite is not on a sheet", b.Dx(), b.Dy())
				continue
			}
			for _, o := range slots {
				if o.sheet == i && o.r.Overlaps(b) {
					t.Errorf("sprites at %v and %v overlap on sheet %d", o.r, b, i)
				}
			}
			slots = append(slots, slot{i, b})
		}
		px := 0
		for _, sh := range a.sheets.list {
			px += sh.width() * sh.height()
		}
		used := float64(area) / float64(px)
		t.Logf("%d sprites, %.2f Mpx on %d sheets of %.2f Mpx (%.0f%% used)", len(sprites), float64(area)/1e6, len(a.sheets.list), float64(px)/1e6, used*100)
		// At 1920×1080 the pack's trimmed sprites are 1.8 Mpx (3.2 whole):
		// one sheet and an eighth (9 MB: a full one and a half-wide quarter
		// one) hold them when the packing wastes under a fifth.
		if px > sheetW*sheetH*9/8 {
			t.Errorf("%.2f Mpx of sheets for %.2f Mpx of sprites (%.0f%% used); want one sheet and an eighth at most", float64(px)/1e6, float64(area)/1e6, used*100)
		}
		// Every sprite still draws its own picture: a sheet neighbour's
		// pixels never show at its edge.
		for _, sp := range sprites[:numIDs-2] {
			px := pixels(sp.Img)
			b := px.Bounds()
			for x := 0; x < b.Dx(); x++ {
				if px.RGBAAt(x, 0).A != 0 || px.RGBAAt(x, b.Dy()-1).A != 0 {
					t.Fatalf("sprite %v has paint on its top or bottom row", sp.Img.Bounds())
				}
			}
		}
	})
}

// sheetOf returns the index of the sheet sp's image lies on, or -1.
func sheetOf(a *Atlas, sp *Sprite) int {
	for i, sh := range a.sheets.list {
		if sh.img.SubImage(sp.Img.Bounds()).(*ebiten.Image) == sp.Img {
			return i
		}
	}
	return -1
}

func TestSkylinePacking(t *testing.T) {
	var sh sheet
	var got []image.Rectangle
	place := func(w, h int) bool {
		r, ok := sh.alloc(w, h)
		if !ok {
			return false
		}
		if !r.In(image.Rect(0, 0, sheetW, sheetH)) || r.Dx() != w || r.Dy() != h {
			t.Fatalf("alloc(%d, %d) = %v", w, h, r)
		}
		for _, o := range got {
			if o.Inset(-sheetGap + 1).Overlaps(r) {
				t.Fatalf("%v is within %d px of %v", r, sheetGap, o)
			}
		}
		got = append(got, r)
		return true
	}
	for _, s := range [][2]int{{300, 200}, {120, 80}, {50, 190}, {700, 10}, {90, 90}} {
		if !place(s[0], s[1]) {
			t.Fatalf("no room for %v on a nearly empty sheet", s)
		}
	}
	if _, ok := sh.alloc(sheetW-1, 10); ok {
		t.Error("a sprite as wide as the sheet fitted beside its gap")
	}
	// Then fill it with 100×100 squares: a perfect packer fits 20 a row,
	// 10 rows, less the room the first five took.
	n := 0
	for place(100, 100) {
		n++
	}
	if n < 150 {
		t.Errorf("only %d squares of 100 px fitted after the first five sprites; want at least 150 of 200", n)
	}
}

func TestFillerKeepsTheStencilSmall(t *testing.T) {
	var f Filler
	var dst *ebiten.Image
	var base int64
	arttest.Frame(func() {
		dst = ebiten.NewImageWithOptions(image.Rect(0, 0, 1920, 1080), &ebiten.NewImageOptions{Unmanaged: true})
		var p vector.Path
		p.MoveTo(10, 10)
		p.LineTo(40, 10)
		p.LineTo(40, 40)
		p.Close()
		f.Fill(dst, &p, nil, &vector.DrawPathOptions{AntiAlias: true})
		f.Flush()
	})
	arttest.Frame(func() {
		base = textureBytes()
	})
	white := &vector.DrawPathOptions{AntiAlias: true}
	white.ColorScale.ScaleWithColor(color.White)
	arttest.Frame(func() {
		// a full-screen panel, a wide stroke and a row of sixty small
		// shapes: each alone made the stencil image 4093 px wide
		var p vector.Path
		p.MoveTo(0, 0)
		p.LineTo(1920, 0)
		p.LineTo(1920, 1080)
		p.LineTo(0, 1080)
		p.Close()
		f.Fill(dst, &p, nil, white)
		p.Reset()
		p.MoveTo(20, 540)
		p.QuadTo(960, 100, 1900, 540)
		f.Stroke(dst, &p, &vector.StrokeOptions{Width: 30, LineJoin: vector.LineJoinRound}, white)
		for i := range 60 {
			p.Reset()
			x := float32(i * 31)
			p.MoveTo(x, 900)
			p.LineTo(x+28, 900)
			p.LineTo(x+14, 1000)
			p.Close()
			f.Fill(dst, &p, nil, white)
		}
		f.Flush()
	})
	arttest.Frame(func() {
		if grew := textureBytes() - base; grew > 0 {
			t.Errorf("texture memory grew by %.1f MB filling big paths; the stencil image should keep its primed size", float64(grew)/(1<<20))
		}
		px := pixels(dst)
		for _, pt := range []image.Point{{5, 5}, {1915, 5}, {960, 540}, {1915, 1075}, {700, 1075}} {
			if c := px.RGBAAt(pt.X, pt.Y); c.A != 255 {
				t.Errorf("pixel %v of the full-screen fill is %v, want opaque white", pt, c)
			}
		}
		dst.Deallocate()
	})
}

// A Filler told Done forgets its image, so a fill on another image does not
// draw on (and so allocate again) the image that was deallocated meanwhile,
// as a sprite's silhouette scratch is between the outline and colour passes.
func TestFillerDoneForgetsTheImage(t *testing.T) {
	var f Filler
	var a, b *ebiten.Image
	var p vector.Path
	p.MoveTo(10, 10)
	p.LineTo(300, 10)
	p.LineTo(300, 300)
	p.Close()
	do := &vector.DrawPathOptions{AntiAlias: true}
	var base int64
	arttest.Frame(func() {
		a = ebiten.NewImageWithOptions(image.Rect(0, 0, 1024, 1024), &ebiten.NewImageOptions{Unmanaged: true})
		b = ebiten.NewImageWithOptions(image.Rect(0, 0, 320, 320), &ebiten.NewImageOptions{Unmanaged: true})
		b.Fill(color.Black)
		f.Fill(a, &p, nil, do)
		f.Done()
		a.Deallocate()
	})
	arttest.Frame(func() {
		base = textureBytes()
		f.Fill(b, &p, nil, do)
		f.Done()
	})
	arttest.Frame(func() {
		if grew := textureBytes() - base; grew > 0 {
			t.Errorf("texture memory grew by %.1f MB: the deallocated image was drawn on again", float64(grew)/(1<<20))
		}
		b.Deallocate()
	})
}

// A sprite drawn small is read from mipmaps of its whole sheet: its
// neighbours' paint must not bleed into it down to an eighth of its size.
// Sprites keep a transparent margin of trimMargin pixels, as render gives
// them.
func TestSmallDrawsDoNotBleedFromSheetNeighbours(t *testing.T) {
	blue := color.RGBA{0, 0, 0xFF, 0xFF}
	red := color.RGBA{0xFF, 0, 0, 0xFF}
	arttest.Frame(func() {
		var s sheets
		defer s.dispose()
		const n = 96
		var sprites []*ebiten.Image
		for i := range 9 {
			img := s.place(n, n)
			c := blue
			if i == 4 {
				c = red
			}
			b := img.Bounds().Inset(trimMargin)
			img.SubImage(b).(*ebiten.Image).Fill(c)
			sprites = append(sprites, img)
		}
		mid := sprites[4]
		for _, k := range []float64{0.5, 0.3, 0.2, 0.125} {
			dst := ebiten.NewImage(64, 64)
			var op ebiten.DrawImageOptions
			op.GeoM.Scale(k, k)
			op.GeoM.Translate(8, 8)
			op.Filter = ebiten.FilterLinear
			dst.DrawImage(mid, &op)
			px := pixels(dst)
			for i := 0; i < len(px.Pix); i += 4 {
				if px.Pix[i+2] > 8 {
					t.Errorf("drawn at %.3f, pixel %d has blue %d from a neighbour on the sheet", k, i/4, px.Pix[i+2])
					break
				}
			}
			dst.Deallocate()
		}
	})
}

// textureBytes is Ebitengine's count of texture memory (call inside Frame).
func textureBytes() int64 {
	var info ebiten.DebugInfo
	ebiten.ReadDebugInfo(&info)
	return info.TotalGPUImageMemoryUsageInBytes
}
