package kiosk

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/kiosk/flow"
)

// shotPlan drives the real flow with the autopilot on a virtual clock and
// captures every screen once per orientation, at a moment that shows it
// well (buttons before the tap, the quiz after an answer, the round in full
// swing). Files are DIR/kiosk-<screen>-<landscape|portrait>.png, rendered at
// the canvas size (1920×1080 or 1080×1920) whatever the window.
type shotPlan struct {
	opt     Options
	dir     string
	orients []flow.Canvas
	oi      int
	a       *App
	done    map[string]bool
	due     string
	step    int // 0 flow, 1 still there, 2 closed, 3 staff pin, 4 staff menu, 5 next orientation
	stepAt  int
	answer  int
	img     *ebiten.Image
	written []string
	err     error
}

const shotThink = 150

func runScreenshots(opt Options) error {
	p := &shotPlan{opt: opt, dir: opt.Screenshots,
		orients: []flow.Canvas{{W: 1920, H: 1080}, {W: 1080, H: 1920}}}
	if err := p.start(); err != nil {
		return err
	}
	ebiten.SetWindowTitle("Playhall screenshots")
	ebiten.SetWindowSize(640, 360)
	ebiten.SetTPS(ebiten.SyncWithFPS)
	ebiten.SetVsyncEnabled(false)
	ebiten.SetRunnableOnUnfocused(true)
	if err := ebiten.RunGame(p); err != nil && !errors.Is(err, ebiten.Termination) {
		return err
	}
	if p.err != nil {
		return p.err
	}
	fmt.Printf("wrote %d screenshots into %s\n", len(p.written), p.dir)
	return nil
}

func (p *shotPlan) start() error {
	o := p.opt
	o.Autoplay, o.Mute = true, true
	o.Seed = 4
	if o.VirtualStart.IsZero() {
		o.VirtualStart = time.Date(2026, 11, 30, 10, 0, 0, 0, time.Local)
	}
	c := p.orients[p.oi]
	o.Config.Screen.Orientation = "landscape"
	if c.H > c.W {
		o.Config.Screen.Orientation = "portrait"
	}
	a, err := New(o)
	if err != nil {
		return err
	}
	a.pilot.Think = shotThink
	a.pilot.FirstLanguage = true // the exhibit's screenshots in Chinese
	a.sw, a.sh = c.W, c.H
	p.a = a
	p.done = map[string]bool{}
	p.step, p.answer = 0, -1
	if p.img != nil {
		p.img.Deallocate()
	}
	p.img = ebiten.NewImage(int(c.W), int(c.H))
	return nil
}

func (p *shotPlan) Layout(w, h int) (int, int) { return w, h }

// Update runs ticks until the next capture is due.
func (p *shotPlan) Update() error {
	if p.err != nil {
		return ebiten.Termination
	}
	if p.due != "" {
		return nil
	}
	a := p.a
	for i := 0; i < 900 && p.due == ""; i++ {
		switch p.step {
		case 0:
			a.tick()
			p.check()
			if a.m.Screen() == flow.ScreenAttract && p.done["pledge"] {
				p.step, p.stepAt = 1, a.m.Now()
				a.pilot = nil
				a.m.Tick([]game.PointerEvent{{Kind: game.Down, X: 10, Y: 10}, {Kind: game.Up, X: 10, Y: 10}})
			}
		case 1: // walk away on the band screen until "Still there?" counts down
			a.m.Tick(nil)
			if still, left := a.m.StillThere(); still && left == 7*game.TPS {
				p.due = "stillthere"
				p.step = 2
			}
			if a.m.Now()-p.stepAt > 120*game.TPS {
				p.err = fmt.Errorf("screenshots: Still there? never showed")
			}
		case 2:
			env := a.env(a.canvas)
			env.IsOpen = func(time.Time) bool { return false }
			a.m = flow.New(env)
			a.fx = effects{}
			for range 3 * game.TPS {
				a.m.Tick(nil)
			}
			p.due = "closed"
			p.step = 3
		case 3:
			a.m = flow.New(a.env(a.canvas))
			a.staff.openPad()
			a.staff.pad.Press(0, '1')
			a.staff.pad.Press(0, '9')
			a.staff.layout()
			p.due = "staff-pin"
			p.step = 4
		case 4:
			a.staff.page = "menu"
			a.staff.layout()
			p.due = "staff-menu"
			p.step = 5
		case 5:
			a.close()
			p.oi++
			if p.oi >= len(p.orients) {
				return ebiten.Termination
			}
			if err := p.start(); err != nil {
				p.err = err
			}
			return nil
		}
		if a.m.Now() > 40*60*game.TPS {
			p.err = fmt.Errorf("screenshots: the flow did not reach every screen (got %v)", p.done)
			return ebiten.Termination
		}
	}
	return nil
}

// check marks a capture due when the flow shows a screen at its best moment.
func (p *shotPlan) check() {
	m := p.a.m
	name := m.Screen().String()
	t := m.ScreenTicks()
	want := -1
	switch m.Screen() {
	case flow.ScreenAttract:
		want = 6 * game.TPS
	case flow.ScreenLanguage, flow.ScreenBand, flow.ScreenPreQuiz, flow.ScreenResults:
		want = shotThink - 10
	case flow.ScreenHowTo, flow.ScreenPledge:
		want = 2*shotThink - 10
	case flow.ScreenPlay:
		want = 12 * game.TPS
	case flow.ScreenQuiz:
		_, _, _, choice := m.Question()
		if choice < 0 {
			want = shotThink - 10
			p.answer = -1
		} else {
			if p.answer < 0 {
				p.answer = m.Now()
			}
			if m.Now()-p.answer == 30 {
				name, want = "quiz-answered", t
			}
		}
	}
	if t == want && !p.done[name] {
		p.due = name
	}
}

// Draw renders a due capture at canvas size and saves it.
func (p *shotPlan) Draw(screen *ebiten.Image) {
	a := p.a
	if p.due == "" || a == nil {
		return
	}
	c := a.canvas
	a.view.fit(c, c.W, c.H)
	p.img.Clear()
	a.drawAll(p.img)
	orient := "landscape"
	if c.H > c.W {
		orient = "portrait"
	}
	path := filepath.Join(p.dir, fmt.Sprintf("kiosk-%s-%s.png", p.due, orient))
	if err := savePNG(p.img, path); err != nil {
		p.err = err
	} else {
		p.written = append(p.written, path)
		fmt.Println(path)
	}
	p.done[p.due] = true
	p.due = ""
	// Show the capture scaled down; drawing the frame again at the window's
	// scale would make kiosk/scene render its sprites at a second scale.
	var op ebiten.DrawImageOptions
	k := min(float64(screen.Bounds().Dx())/c.W, float64(screen.Bounds().Dy())/c.H)
	op.GeoM.Scale(k, k)
	op.Filter = ebiten.FilterLinear
	screen.DrawImage(p.img, &op)
}
