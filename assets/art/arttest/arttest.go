// Package arttest runs tests that draw with Ebitengine: Main starts the
// game loop on the main goroutine and the tests on another; Frame runs a
// function inside one Update, so reading pixels works and each call is a
// real frame (the command queue is flushed and sprites settle on the GPU
// atlas between calls, as in the kiosk). Tests need a display: run them
// under Xvfb (./build.sh test does).
package arttest

import (
	"image"
	"os"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
)

type job struct {
	fn   func()
	done chan struct{}
}

var jobs = make(chan job)

type loop struct {
	finished chan int
	code     int
}

func (l *loop) Update() error {
	select {
	case j := <-jobs:
		j.fn()
		close(j.done)
	case c := <-l.finished:
		l.code = c
		return ebiten.Termination
	}
	return nil
}

func (*loop) Draw(*ebiten.Image)         {}
func (*loop) Layout(int, int) (int, int) { return 320, 240 }

// Main runs m inside Ebitengine's loop and exits with its code. Call it
// from TestMain.
func Main(m *testing.M) {
	l := &loop{finished: make(chan int), code: 1}
	ebiten.SetWindowSize(320, 240)
	ebiten.SetVsyncEnabled(false)
	ebiten.SetTPS(ebiten.SyncWithFPS)
	go func() { l.finished <- m.Run() }()
	if err := ebiten.RunGame(l); err != nil {
		panic(err)
	}
	os.Exit(l.code)
}

// Frame runs fn inside the next Update and waits for it.
func Frame(fn func()) {
	j := job{fn: fn, done: make(chan struct{})}
	jobs <- j
	<-j.done
}

// Pixels reads img back to the CPU (call inside Frame).
func Pixels(img *ebiten.Image) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	img.ReadPixels(out.Pix)
	return out
}
