package art

import (
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/assets/art/arttest"
	"github.com/playhall/playhall/levels"
)

func pixels(img *ebiten.Image) *image.RGBA { return arttest.Pixels(img) }

type stats struct {
	opaque, ink int
	near        map[color.RGBA]int // count of pixels near each probe colour
	hash        uint64
}

func measure(img *ebiten.Image, probes ...color.RGBA) stats {
	px := pixels(img)
	st := stats{near: map[color.RGBA]int{}}
	h := fnv.New64a()
	h.Write(px.Pix)
	st.hash = h.Sum64()
	for i := 0; i < len(px.Pix); i += 4 {
		r, g, b, a := px.Pix[i], px.Pix[i+1], px.Pix[i+2], px.Pix[i+3]
		if a < 200 {
			continue
		}
		st.opaque++
		c := color.RGBA{r, g, b, 255}
		if dist(c, Ink) < 40 {
			st.ink++
		}
		for _, p := range probes {
			if dist(c, p) < 40 {
				st.near[p]++
			}
		}
	}
	return st
}

func dist(a, b color.RGBA) int {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(a.R, b.R) + d(a.G, b.G) + d(a.B, b.B)
}

func TestEveryIconShape(t *testing.T) {
	arttest.Frame(func() {
		a := NewAtlas(1)
		defer a.Dispose()
		seen := map[uint64]string{}
		for _, shape := range levels.IconShapes {
			if !HasIcon(shape) {
				t.Errorf("shape %q has no drawing", shape)
				continue
			}
			d := iconDraw[shape]
			sp := a.Icon(levels.Icon{Shape: shape}, false)
			st := measure(sp.Img, d.c0)
			area := sp.Img.Bounds().Dx() * sp.Img.Bounds().Dy()
			if st.opaque < area/6 {
				t.Errorf("%s: only %d of %d pixels opaque; the drawing is too small or missing", shape, st.opaque, area)
			}
			if st.ink < 150 {
				t.Errorf("%s: %d outline pixels; want a thick ink outline", shape, st.ink)
			}
			if st.near[d.c0] < 80 {
				t.Errorf("%s: %d pixels of its main colour %v", shape, st.near[d.c0], d.c0)
			}
			// the centre of the icon is covered (the hit area is drawn)
			px := pixels(sp.Img)
			cx, cy := int(sp.AX), int(sp.AY)
			if px.RGBAAt(cx, cy).A < 200 && px.RGBAAt(cx+8, cy+8).A < 200 && px.RGBAAt(cx-8, cy-8).A < 200 {
				t.Errorf("%s: nothing drawn at the centre", shape)
			}
			if other, dup := seen[st.hash]; dup {
				t.Errorf("%s draws the same pixels as %s", shape, other)
			}
			seen[st.hash] = shape
		}
	})
}

func TestIconColoursComeFromThePack(t *testing.T) {
	arttest.Frame(func() {
		a := NewAtlas(1)
		defer a.Dispose()
		pink := color.RGBA{0xF0, 0x6A, 0x8A, 0xFF}
		green := color.RGBA{0x30, 0xC0, 0x50, 0xFF}
		p1 := measure(a.Icon(levels.Icon{Shape: "pills", Colors: []string{"#F06A8A", "#F06A8A"}, Label: "WY"}, false).Img, pink, green)
		p2 := measure(a.Icon(levels.Icon{Shape: "pills", Colors: []string{"#30C050", "#30C050"}, Label: "WY"}, false).Img, pink, green)
		if p1.near[pink] < 500 || p1.near[green] > 50 {
			t.Errorf("pink pills: %d pink, %d green pixels", p1.near[pink], p1.near[green])
		}
		if p2.near[green] < 500 || p2.near[pink] > 50 {
			t.Errorf("green pills: %d pink, %d green pixels", p2.near[pink], p2.near[green])
		}
		// a look-alike sachet shows retail cues the drug sachet lacks
		drug := a.Icon(levels.Icon{Shape: "sachet", Label: "奶茶"}, false)
		safe := a.Icon(levels.Icon{Shape: "sachet", Label: "奶茶"}, true)
		if measure(drug.Img).hash == measure(safe.Img).hash {
			t.Error("safe and drug sachets look the same")
		}
	})
}

func TestFixedSprites(t *testing.T) {
	arttest.Frame(func() {
		a := NewAtlas(1)
		defer a.Dispose()
		for id := ID(0); id < numIDs; id++ {
			sp := a.Get(id)
			st := measure(sp.Img)
			if st.opaque < 20 {
				t.Errorf("sprite %d: %d opaque pixels", id, st.opaque)
			}
			if a.Get(id) != sp {
				t.Errorf("sprite %d rendered twice", id)
			}
		}
	})
}

func TestFlags(t *testing.T) {
	arttest.Frame(func() {
		a := NewAtlas(2)
		defer a.Dispose()
		red := color.RGBA{0xDE, 0x29, 0x10, 0xFF}
		yellow := color.RGBA{0xFF, 0xDE, 0x00, 0xFF}
		laoBlue := color.RGBA{0x00, 0x28, 0x68, 0xFF}
		mmGreen := color.RGBA{0x34, 0xB2, 0x33, 0xFF}
		thBlue := color.RGBA{0x2D, 0x2A, 0x4A, 0xFF}
		cases := []struct {
			id   ID
			want []color.RGBA
		}{
			{FlagCN, []color.RGBA{red, yellow}},
			{FlagLA, []color.RGBA{laoBlue, White}},
			{FlagMM, []color.RGBA{yellow, mmGreen, White}},
			{FlagTH, []color.RGBA{thBlue, White}},
		}
		for _, c := range cases {
			st := measure(a.Get(c.id).Img, c.want...)
			for _, w := range c.want {
				if st.near[w] < 40 {
					t.Errorf("flag %d: %d pixels of %v", c.id, st.near[w], w)
				}
			}
		}
	})
}

func TestBackgroundPalette(t *testing.T) {
	arttest.Frame(func() {
		a := NewAtlas(0.5)
		defer a.Dispose()
		g := SceneGeom{W: 1920, H: 1080, RiverTop: 0.28 * 1080, RiverBot: 0.82 * 1080, BankLeft: 0.07 * 1920, BankRight: 0.93 * 1920}
		pic := a.Background(g)
		if pic.W != 960 || pic.H != 540 {
			t.Fatalf("background is %dx%d px at scale 0.5, want 960x540", pic.W, pic.H)
		}
		img := ebiten.NewImage(960, 540)
		defer img.Deallocate()
		var d Drawer
		pic.Draw(&d, img, 0, 0)
		px := pixels(img)
		sky := px.RGBAAt(100, 20)
		water := px.RGBAAt(480, 500)
		if sky.R < 0xC0 || sky.B > 0x90 {
			t.Errorf("sky pixel %v is not a warm dusk colour", sky)
		}
		if water.B < water.R || water.G < water.R {
			t.Errorf("water pixel %v is not teal", water)
		}
	})
}

func TestTopIsCached(t *testing.T) {
	arttest.Frame(func() {
		a := NewAtlas(1)
		defer a.Dispose()
		sp := a.Get(Trafficker)
		i1 := a.Top(sp, 0.5)
		if a.Top(sp, 0.51) != i1 {
			t.Error("Top did not reuse the quantised sub-image")
		}
		if a.Top(sp, 1) != sp.Img {
			t.Error("Top(1) should be the whole image")
		}
		if h := i1.Bounds().Dy(); h != sp.Img.Bounds().Dy()/2 {
			t.Errorf("Top(0.5) height %d", h)
		}
	})
}

func TestHex(t *testing.T) {
	fb := color.RGBA{1, 2, 3, 255}
	for _, c := range []struct {
		in   string
		want color.RGBA
	}{{"#FF8000", color.RGBA{255, 128, 0, 255}}, {"#ff8000", color.RGBA{255, 128, 0, 255}}, {"FF8000", fb}, {"#GG0000", fb}, {"", fb}} {
		if got := Hex(c.in, fb); got != c.want {
			t.Errorf("Hex(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestGallery writes a contact sheet of every icon (drug and safe variants)
// and fixed sprite when -gallery FILE is given.
func TestGallery(t *testing.T) {
	if *gallery == "" {
		return
	}
	arttest.Frame(func() {
		a := NewAtlas(1)
		defer a.Dispose()
		sheet := ebiten.NewImage(1600, 1900)
		sheet.Fill(color.RGBA{0x1F, 0x7A, 0x8C, 0xFF})
		var d Drawer
		var w Writer
		for i, shape := range levels.IconShapes {
			for j, safe := range []bool{false, true} {
				x := float64(i%10)*160 + 80
				y := float64(i/10)*330 + 90 + float64(j)*160
				label := map[string]string{"pills": "WY", "sachet": "奶茶", "jar": "冰糖", "bottle": "咔哇", "box": "药品"}[shape]
				sp := a.Icon(levels.Icon{Shape: shape, Label: label}, safe)
				d.Draw(sheet, sp, x, y, 1/IconOversample, 0, 1)
				w.Text(sheet, fmt.Sprintf("%s %v", shape, map[bool]string{false: "", true: "safe"}[safe]), x, y+70, TextOptions{Size: 14, AlignX: 1})
			}
		}
		x, y := 100.0, 800.0
		for id := ID(0); id < numIDs; id++ {
			sp := a.Get(id)
			if x+sp.W > 1600 {
				x, y = 100, y+260
			}
			d.Draw(sheet, sp, x+sp.AX-pad-sp.W/2+sp.W/2, y, 1, 0, 1)
			x += sp.W + 20
		}
		f, err := os.Create(*gallery)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, pixels(sheet)); err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkDrawIcons draws 300 pre-rendered icons per op (one frame), the
// busiest wave, with one reused Drawer. The allocations per op are the
// frame's own (the job hand-off and Ebitengine's frame), not per sprite.
func BenchmarkDrawIcons(b *testing.B) {
	var a *Atlas
	var dst *ebiten.Image
	arttest.Frame(func() { a = NewAtlas(1); dst = ebiten.NewImage(1920, 1080) })
	defer arttest.Frame(a.Dispose)
	sps := make([]*Sprite, 0, len(levels.IconShapes))
	arttest.Frame(func() {
		for _, s := range levels.IconShapes {
			sps = append(sps, a.Icon(levels.Icon{Shape: s}, false))
		}
	})
	var d Drawer
	draw := func() {
		dst.Clear()
		for i := 0; i < 300; i++ {
			d.Draw(dst, sps[i%len(sps)], float64(i*37%1920), float64(i*53%1080), 0.7, float64(i)*0.1, 1)
		}
	}
	for range 10 { // let the sprites settle on the GPU atlas
		arttest.Frame(draw)
	}
	b.ReportAllocs()
	for b.Loop() {
		arttest.Frame(draw)
	}
}

// TestKhatLeavesAreNotTheCannabisLeaf guards the lesson: khat's "leaves"
// bunch and cannabis's "leaf" must not share a silhouette. It compares the
// opaque masks of the two icons about their anchors; the jagged finger leaf
// and the bunch of oval leaves overlap far less than two looks of one thing.
func TestKhatLeavesAreNotTheCannabisLeaf(t *testing.T) {
	arttest.Frame(func() {
		a := NewAtlas(1)
		defer a.Dispose()
		leaf := a.Icon(levels.Icon{Shape: "leaf"}, false)
		leaves := a.Icon(levels.Icon{Shape: "leaves"}, false)
		pl, pb := pixels(leaf.Img), pixels(leaves.Img)
		var inter, union int
		r := max(pl.Rect.Dx(), pl.Rect.Dy(), pb.Rect.Dx(), pb.Rect.Dy())
		for dy := -r; dy < r; dy++ {
			for dx := -r; dx < r; dx++ {
				a1 := pl.RGBAAt(int(leaf.AX)+dx, int(leaf.AY)+dy).A >= 200
				a2 := pb.RGBAAt(int(leaves.AX)+dx, int(leaves.AY)+dy).A >= 200
				if a1 && a2 {
					inter++
				}
				if a1 || a2 {
					union++
				}
			}
		}
		if union == 0 {
			t.Fatal("both icons are empty")
		}
		iou := float64(inter) / float64(union)
		t.Logf("leaf/leaves silhouette overlap %.2f", iou)
		if iou > 0.5 {
			t.Errorf("leaf and leaves silhouettes overlap %.2f (> 0.5): khat would look like cannabis", iou)
		}
	})
}
