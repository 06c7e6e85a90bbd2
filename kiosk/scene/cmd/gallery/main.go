// Command gallery writes PNG contact sheets of the exhibit's art and frames
// of real rounds (played by the AI) to a folder, for reviewing the art:
//
//	go run ./kiosk/scene/cmd/gallery -out /tmp/playhall-gallery
//
// It needs a display (run it under Xvfb on a headless machine:
// read D P < <(scripts/xvfb.sh); DISPLAY=$D go run ./kiosk/scene/cmd/gallery; kill $P).
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"os"
	"path/filepath"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/ai"
	"github.com/playhall/playhall/game/shooter"
	sortgame "github.com/playhall/playhall/game/sort"
	"github.com/playhall/playhall/kiosk/scene"
	"github.com/playhall/playhall/levels"
)

var (
	out   = flag.String("out", "/tmp/playhall-gallery", "folder for the PNGs")
	scale = flag.Float64("scale", 1, "pixels per canvas unit (2 renders 1920×1080 at 3840×2160)")
	lang  = flag.String("lang", "zh", "language of pack texts: zh or en")
)

type runner struct{ err error }

func (r *runner) Update() error {
	r.err = run()
	return ebiten.Termination
}
func (*runner) Draw(*ebiten.Image)         {}
func (*runner) Layout(int, int) (int, int) { return 320, 240 }

func main() {
	flag.Parse()
	ebiten.SetWindowSize(320, 240)
	r := &runner{}
	if err := ebiten.RunGame(r); err != nil {
		log.Fatal(err)
	}
	if r.err != nil {
		log.Fatal(r.err)
	}
}

func run() error {
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	pack, err := levels.Default()
	if err != nil {
		return err
	}
	if err := icons(pack); err != nil {
		return err
	}
	for _, c := range []game.Canvas{game.Landscape, game.Portrait} {
		for _, lv := range pack.Levels {
			if err := play(pack, &lv, c); err != nil {
				return err
			}
			break
		}
		for _, lv := range pack.Levels {
			if lv.Mode == levels.ModeSort {
				if err := playSort(pack, &lv, c); err != nil {
					return err
				}
				break
			}
		}
	}
	return nil
}

func save(img *ebiten.Image, name string) error {
	b := img.Bounds()
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	img.ReadPixels(rgba.Pix)
	f, err := os.Create(filepath.Join(*out, name))
	if err != nil {
		return err
	}
	defer f.Close()
	fmt.Println(filepath.Join(*out, name))
	return png.Encode(f, rgba)
}

// icons writes every drug and look-alike of the pack with its name.
func icons(p *levels.Pack) error {
	a := art.NewAtlas(*scale)
	defer a.Dispose()
	n := len(p.Drugs) + len(p.Lookalikes)
	cols := 8
	rows := (n + cols - 1) / cols
	cell := 220.0
	sheet := ebiten.NewImage(int(float64(cols)*cell**scale), int(float64(rows)*cell**scale))
	sheet.Fill(color.RGBA{0x1F, 0x7A, 0x8C, 0xFF})
	var d art.Drawer
	var w art.Writer
	i := 0
	put := func(ic levels.Icon, safe bool, name levels.Text) {
		x := (float64(i%cols)*cell + cell/2) * *scale
		y := (float64(i/cols)*cell + cell/2 - 20) * *scale
		d.Draw(sheet, a.Icon(ic, safe), x, y, 1.2/art.IconOversample, 0, 1)
		tag := "毒品"
		if safe {
			tag = "正常"
		}
		w.Text(sheet, tag+" "+name.Zh, x, y+95**scale, art.TextOptions{Size: 20 * *scale, Bold: true, AlignX: 1})
		i++
	}
	for _, dr := range p.Drugs {
		put(dr.Icon, false, dr.Name)
	}
	for _, l := range p.Lookalikes {
		put(l.Icon, true, l.Name)
	}
	return save(sheet, "pack-icons.png")
}

func canvasName(c game.Canvas) string {
	if c.Portrait() {
		return "portrait"
	}
	return "landscape"
}

// play runs a shooter round with the AI and saves frames shortly after the
// first of each interesting event.
func play(p *levels.Pack, lv *levels.Level, c game.Canvas) error {
	g, err := shooter.New(shooter.Config{Pack: p, Level: lv, Band: levels.BandJunior, Seed: 7, Canvas: c})
	if err != nil {
		return err
	}
	v := scene.NewShooter(p, int(c.W), int(c.H))
	defer v.Dispose()
	v.SetLang(*lang)
	dst := ebiten.NewImage(int(c.W**scale), int(c.H**scale))
	player := ai.New(7, ai.Visitor)
	var buf []game.PointerEvent
	want := map[game.EventKind]string{game.DrugSeized: "seized", game.TraffickerArrested: "arrested",
		game.LookalikeHit: "lookalike", game.PlayerHit: "harm", game.BossAppeared: "boss", game.BossCaught: "caught",
		game.TraffickerAppeared: "rising"}
	due := map[int]string{game.Seconds(12): "play"}
	for !g.Done() || len(due) > 0 {
		buf = player.Next(g, buf[:0])
		for _, e := range buf {
			if e.Kind == game.Down {
				v.Tap(e.X, e.Y)
			}
		}
		g.Step(buf)
		v.Feed(g.Events())
		for _, e := range g.Events() {
			if name, ok := want[e.Kind]; ok {
				delete(want, e.Kind)
				at := g.Tick() + 12
				if e.Kind == game.TraffickerAppeared {
					at = g.Tick() + 20
				}
				if e.Kind == game.BossAppeared {
					at = g.Tick() + 150
				}
				due[at] = name
			}
		}
		if name, ok := due[g.Tick()]; ok || (g.Done() && len(due) > 0) {
			if !ok {
				for k, n := range due {
					name = n
					delete(due, k)
					break
				}
			}
			delete(due, g.Tick())
			dst.Clear()
			v.Draw(dst, g, 0.5)
			if err := save(dst, fmt.Sprintf("shooter-%s-%s.png", canvasName(c), name)); err != nil {
				return err
			}
		}
		if g.Tick() > game.Seconds(400) {
			break
		}
	}
	return nil
}

// playSort runs a sort round with the AI and saves a few frames.
func playSort(p *levels.Pack, lv *levels.Level, c game.Canvas) error {
	g, err := sortgame.New(sortgame.Config{Pack: p, Level: lv, Band: levels.BandJunior, Seed: 3, Canvas: c})
	if err != nil {
		return err
	}
	v := scene.NewSort(p, int(c.W), int(c.H))
	defer v.Dispose()
	v.SetLang(*lang)
	dst := ebiten.NewImage(int(c.W**scale), int(c.H**scale))
	player := ai.New(3, ai.Visitor)
	var buf []game.PointerEvent
	shots := map[int]string{game.Seconds(6): "belt"}
	cues := 0
	for !g.Done() && len(shots) > 0 {
		buf = player.Next(g, buf[:0])
		for _, e := range buf {
			if e.Kind == game.Down {
				v.Tap(e.X, e.Y)
			}
		}
		g.Step(buf)
		v.Feed(g.Events())
		for _, e := range g.Events() {
			if e.Kind == game.CueShown && cues < 2 {
				cues++
				shots[g.Tick()+20] = fmt.Sprintf("cue%d", cues)
			}
		}
		if name, ok := shots[g.Tick()]; ok {
			delete(shots, g.Tick())
			dst.Clear()
			v.Draw(dst, g, 0.5)
			if err := save(dst, fmt.Sprintf("sort-%s-%s.png", canvasName(c), name)); err != nil {
				return err
			}
		}
		if g.Tick() > game.Seconds(300) {
			break
		}
	}
	return nil
}
