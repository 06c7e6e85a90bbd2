package kiosk

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art"
)

// BenchDraw draws n sprites per frame two ways in one process — through the
// art package's sprite Drawer (the path kiosk/scene uses) and through plain
// Ebitengine with one reused DrawImageOptions (examples/sprites) — for 240
// frames each, and prints the time per frame of each and their ratio. The
// time is measured around the draw calls plus a pixel read that forces the
// GPU to finish, so both sides pay for real rendering.
func BenchDraw(n int, w io.Writer) error {
	b := &benchDraw{n: n, frames: 240, out: w}
	ebiten.SetWindowTitle("Playhall bench-draw")
	ebiten.SetWindowSize(960, 540)
	ebiten.SetVsyncEnabled(false)
	ebiten.SetTPS(ebiten.SyncWithFPS)
	if err := ebiten.RunGame(b); err != nil && !errors.Is(err, ebiten.Termination) {
		return err
	}
	return b.err
}

type benchDraw struct {
	n, frames int
	frame     int
	sprite    *art.Sprite
	img       *ebiten.Image
	dst       *ebiten.Image
	corner    *ebiten.Image
	drawer    art.Drawer
	op        ebiten.DrawImageOptions
	tScene    time.Duration
	tPlain    time.Duration
	px        []byte
	out       io.Writer
	err       error
}

func (b *benchDraw) Layout(w, h int) (int, int) { return w, h }

func (b *benchDraw) Update() error {
	if b.frame >= 2*b.frames+20 {
		sc := b.tScene.Seconds() * 1000 / float64(b.frames)
		pl := b.tPlain.Seconds() * 1000 / float64(b.frames)
		fmt.Fprintf(b.out, "bench-draw sprites %d frames %d\n", b.n, b.frames)
		fmt.Fprintf(b.out, "scene_path_ms_per_frame %.3f\n", sc)
		fmt.Fprintf(b.out, "plain_ebiten_ms_per_frame %.3f\n", pl)
		fmt.Fprintf(b.out, "ratio %.3f\n", sc/pl)
		return ebiten.Termination
	}
	return nil
}

func (b *benchDraw) Draw(screen *ebiten.Image) {
	if b.img == nil {
		b.img = ebiten.NewImage(96, 96)
		b.img.Fill(color.RGBA{0xE0, 0x40, 0x40, 0xFF})
		b.sprite = &art.Sprite{Img: b.img, AX: 48, AY: 48, Scale: 1, W: 96, H: 96}
		b.dst = ebiten.NewImage(1920, 1080)
		b.px = make([]byte, 4)
		b.corner = b.dst.SubImage(image.Rect(0, 0, 1, 1)).(*ebiten.Image)
	}
	b.frame++
	if b.frame <= 20 { // warm up both paths
		b.scene()
		b.plain()
		return
	}
	scene := (b.frame-20)%2 == 0 // interleave so both see the same conditions
	start := time.Now()
	if scene {
		b.scene()
	} else {
		b.plain()
	}
	b.corner.ReadPixels(b.px) // wait for the GPU to finish the frame
	d := time.Since(start)
	if scene {
		b.tScene += d
	} else {
		b.tPlain += d
	}
	screen.DrawImage(b.dst, nil)
}

func (b *benchDraw) pos(i int) (float64, float64) {
	return float64((i*97+b.frame*3)%1880) + 20, float64((i*57+b.frame*2)%1040) + 20
}

func (b *benchDraw) scene() {
	b.dst.Clear()
	for i := 0; i < b.n; i++ {
		x, y := b.pos(i)
		b.drawer.Draw(b.dst, b.sprite, x, y, 1, 0, 1)
	}
}

func (b *benchDraw) plain() {
	b.dst.Clear()
	for i := 0; i < b.n; i++ {
		x, y := b.pos(i)
		b.op.GeoM.Reset()
		b.op.GeoM.Translate(x-48, y-48)
		b.op.Filter = ebiten.FilterLinear
		b.dst.DrawImage(b.img, &b.op)
	}
}
