package art

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/playhall/playhall/levels"
)

// ID names a fixed sprite.
type ID int

// The fixed sprites. Figures are anchored at their centre (the game's
// entity position); boats at their waterline centre.
const (
	Trafficker       ID = iota // standing smuggler, 230 tall
	TraffickerThrow            // arm raised with a parcel
	TraffickerCaught           // sitting, handcuffed
	Net                        // rope net for the arrest
	SmallBoat                  // wooden long-tail boat (trafficker cover)
	BushLeft                   // jungle bush (left-bank cover)
	BushRight                  // mirrored bush (right-bank cover)
	BossBoat                   // Naw Kham's boat without him
	BossFigure                 // Naw Kham standing
	BossCaught                 // Naw Kham sitting, handcuffed
	BossBanner                 // 「头号毒枭 糯康」 banner
	PatrolBoat                 // distant joint-patrol boat
	FlagCN                     // flags, 60×40, anchored at the hoist's top
	FlagLA
	FlagMM
	FlagTH
	Cloud1
	Cloud2
	Ripple
	Sparkle
	HeartFull
	HeartEmpty
	StampSeized   // 「查获!」 Seized!
	StampArrested // 「抓获!」 Arrested!
	StampCaught   // 「抓获糯康!」 for the boss
	BadgeOK       // ✓
	BadgeWrong    // ✗
	EvidenceBag
	HazardRim
	SafeRim
	TapRing
	Star    // confetti particle
	Drop    // round particle
	HUDBoat // time marker
	Handcuffs
	Glow  // white fading to clear downwards, 8 px wide, 64 px tall, anchored at its top centre; Scale 1
	Pixel // 8×8 px white square anchored at its centre, for bars and dimming; Scale 1
	numIDs
)

// NumIDs is the number of fixed sprites: every ID in [0, NumIDs) is valid.
const NumIDs = numIDs

type spriteDef struct {
	w, h, ox, oy float64
	fn           func(p *pen)
}

var defs = [numIDs]spriteDef{
	Trafficker:       {130, 240, 65, 120, func(p *pen) { drawTrafficker(p, false) }},
	TraffickerThrow:  {150, 260, 65, 140, func(p *pen) { drawTrafficker(p, true) }},
	TraffickerCaught: {150, 240, 65, 120, func(p *pen) { drawArrested(p, false) }},
	Net:              {200, 250, 100, 125, drawNet},
	SmallBoat:        {270, 80, 140, 55, drawSmallBoat},
	BushLeft:         {260, 200, 130, 120, func(p *pen) { drawBush(p, false) }},
	BushRight:        {260, 200, 130, 120, func(p *pen) { drawBush(p, true) }},
	BossBoat:         {480, 290, 240, 220, drawBossBoat},
	BossFigure:       {150, 260, 75, 130, drawBossFigure},
	BossCaught:       {150, 240, 65, 120, func(p *pen) { drawArrested(p, true) }},
	BossBanner:       {250, 100, 125, 50, func(p *pen) { drawBanner(p, "头号毒枭", "糯康") }},
	PatrolBoat:       {220, 150, 110, 135, drawPatrolBoat},
	FlagCN:           {64, 44, 2, 2, func(p *pen) { drawFlag(p, FlagChina) }},
	FlagLA:           {64, 44, 2, 2, func(p *pen) { drawFlag(p, FlagLaos) }},
	FlagMM:           {64, 44, 2, 2, func(p *pen) { drawFlag(p, FlagMyanmar) }},
	FlagTH:           {64, 44, 2, 2, func(p *pen) { drawFlag(p, FlagThailand) }},
	Cloud1:           {260, 120, 130, 70, func(p *pen) { drawCloud(p, 0) }},
	Cloud2:           {200, 100, 100, 55, func(p *pen) { drawCloud(p, 1) }},
	Ripple:           {64, 16, 32, 8, drawRipple},
	Sparkle:          {26, 26, 13, 13, drawSparkle},
	HeartFull:        {70, 56, 35, 28, func(p *pen) { drawHeart(p, true) }},
	HeartEmpty:       {70, 56, 35, 28, func(p *pen) { drawHeart(p, false) }},
	StampSeized:      {260, 170, 130, 85, func(p *pen) { drawStamp(p, "查获!", "SEIZED!", 50, Red) }},
	StampArrested:    {260, 170, 130, 85, func(p *pen) { drawStamp(p, "抓获!", "ARRESTED!", 50, Police) }},
	StampCaught:      {260, 170, 130, 85, func(p *pen) { drawStamp(p, "抓获糯康!", "NAW KHAM CAUGHT!", 36, Police) }},
	BadgeOK:          {64, 64, 32, 32, func(p *pen) { drawBadge(p, true) }},
	BadgeWrong:       {64, 64, 32, 32, func(p *pen) { drawBadge(p, false) }},
	EvidenceBag:      {116, 124, 58, 60, drawEvidenceBag},
	HazardRim:        {150, 150, 75, 75, drawHazardRim},
	SafeRim:          {150, 150, 75, 75, drawSafeRim},
	TapRing:          {90, 90, 45, 45, drawTapRing},
	Star:             {26, 26, 13, 13, func(p *pen) { drawParticle(p, 0) }},
	Drop:             {18, 18, 9, 9, func(p *pen) { drawParticle(p, 1) }},
	HUDBoat:          {84, 60, 42, 46, drawHUDBoat},
	Handcuffs:        {96, 56, 48, 28, drawHandcuffs},
	// Glow and Pixel are made in Get, not drawn.
}

// Atlas renders sprites at one scale on first use and keeps them. Create
// one per target scale (pixels per canvas unit); when the window changes
// size, make a new Atlas and Dispose the old one.
type Atlas struct {
	scale  float64
	fixed  [numIDs]*Sprite
	icons  map[iconKey]*Sprite
	bgs    map[SceneGeom]*Picture
	decks  map[[2]float64]*Sprite
	masts  map[float64]*Sprite // by the deck's depth
	halves map[*Sprite]*Sprite // see Half
	// sprites being rendered a part at a time (GetStep, IconStep,
	// DeckStep), by ID, iconKey or the deck's size
	jobs   map[any]*renderJob
	tops   map[topKey]*ebiten.Image
	sheets sheets
	// untrimmed places sprites whole, margins and all (for the test
	// that compares trimmed sprites with whole ones).
	untrimmed bool
}

type iconKey struct {
	shape, c0, c1, label string
	safe                 bool
}

type topKey struct {
	img *ebiten.Image
	q   int
}

// IconOversample is how much larger than the atlas scale icons are
// rendered, so a package growing as it flies at the visitor stays sharp.
const IconOversample = 1.5

// NewAtlas returns an empty atlas for scale pixels per logical unit
// (1 for a 1920×1080 canvas drawn 1:1, 2 for the same canvas at 3840×2160).
func NewAtlas(scale float64) *Atlas {
	if !(scale > 0) || math.IsInf(scale, 0) {
		scale = 1
	}
	return &Atlas{scale: scale, icons: map[iconKey]*Sprite{},
		bgs: map[SceneGeom]*Picture{}, decks: map[[2]float64]*Sprite{}, masts: map[float64]*Sprite{}, jobs: map[any]*renderJob{}, halves: map[*Sprite]*Sprite{}, tops: map[topKey]*ebiten.Image{}}
}

// Scale is the atlas's pixels per logical unit.
func (a *Atlas) Scale() float64 { return a.scale }

// Get returns fixed sprite id, rendering it on first use.
func (a *Atlas) Get(id ID) *Sprite {
	if a.fixed[id] == nil {
		switch id {
		case Pixel, Glow:
			// unpadded, so scaling them up does not smear their edges
			if id == Pixel {
				img := ebiten.NewImage(8, 8)
				img.Fill(White)
				a.fixed[id] = &Sprite{Img: img, AX: 4, AY: 4, Scale: 1, W: 8, H: 8, Nearest: true}
			} else {
				img := ebiten.NewImage(8, 64)
				gradient(img, 0, 0, 8, 64, White, color.RGBA{})
				a.fixed[id] = &Sprite{Img: img, AX: 4, AY: 0, Scale: 1, W: 64, H: 64, Nearest: true}
			}
		default:
			if sp := a.finishJob(id); sp != nil {
				a.fixed[id] = sp
				break
			}
			d := defs[id]
			a.fixed[id] = a.render(a.scale, d.w, d.h, d.ox, d.oy, d.fn)
		}
	}
	return a.fixed[id]
}

// GetStep renders parts of fixed sprite id (see renderJob): at least one,
// and more while the paths they draw stay within budget. It returns how
// many paths it drew and whether the sprite is done; Get then returns it
// at once.
func (a *Atlas) GetStep(id ID, budget int) (int, bool) {
	if a.fixed[id] != nil {
		return 0, true
	}
	if id == Pixel || id == Glow {
		a.Get(id)
		return 1, true
	}
	d := defs[id]
	sp, spent := a.stepJob(id, budget, func() *renderJob { return a.newRenderJob(a.scale, d.w, d.h, d.ox, d.oy, d.fn, true) })
	if sp != nil {
		a.fixed[id] = sp
	}
	return spent, sp != nil
}

// stepJob advances the staged render under key, begun with mk on the first
// call, by one step and by more while their paths stay within budget. It
// returns how many paths the steps drew and, once it is done, the sprite.
func (a *Atlas) stepJob(key any, budget int, mk func() *renderJob) (*Sprite, int) {
	j := a.jobs[key]
	if j == nil {
		j = mk()
		a.jobs[key] = j
	}
	spent := 0
	for {
		spent += j.cost()
		if j.step() {
			delete(a.jobs, key)
			return j.sp, spent
		}
		if spent+j.cost() > budget {
			return nil, spent
		}
	}
}

// finishJob finishes the staged render under key, if one was begun, and
// returns its sprite (nil if none was).
func (a *Atlas) finishJob(key any) *Sprite {
	j := a.jobs[key]
	if j == nil {
		return nil
	}
	for !j.step() {
	}
	delete(a.jobs, key)
	return j.sp
}

// Icon returns the item picture for ic (shape, colours, label). safe marks
// a harmless look-alike, which some shapes draw with its retail cues (a
// full label, ingredients, barcode). Icons render at IconOversample × the
// atlas scale, centred on their anchor, IconBox logical units across.
func (a *Atlas) Icon(ic levels.Icon, safe bool) *Sprite {
	k := iconKeyOf(ic, safe)
	if sp, ok := a.icons[k]; ok {
		return sp
	}
	sp := a.finishJob(k)
	if sp == nil {
		sp = a.iconJob(ic, safe, false).render()
	}
	a.icons[k] = sp
	return sp
}

// IconStep renders parts of the item picture for ic as GetStep does.
func (a *Atlas) IconStep(ic levels.Icon, safe bool, budget int) (int, bool) {
	k := iconKeyOf(ic, safe)
	if _, ok := a.icons[k]; ok {
		return 0, true
	}
	sp, spent := a.stepJob(k, budget, func() *renderJob { return a.iconJob(ic, safe, true) })
	if sp != nil {
		a.icons[k] = sp
	}
	return spent, sp != nil
}

func (a *Atlas) iconJob(ic levels.Icon, safe, staged bool) *renderJob {
	fn, spec := specFor(ic, safe)
	return a.newRenderJob(a.scale*IconOversample, IconBox, IconBox, IconBox/2, IconBox/2, func(p *pen) { fn(p, spec) }, staged)
}

func iconKeyOf(ic levels.Icon, safe bool) iconKey {
	k := iconKey{shape: ic.Shape, label: ic.Label, safe: safe}
	if len(ic.Colors) > 0 {
		k.c0 = ic.Colors[0]
	}
	if len(ic.Colors) > 1 {
		k.c1 = ic.Colors[1]
	}
	return k
}

// Background returns the static scenery for g as a picture at the atlas
// scale (canvas size × scale pixels).
func (a *Atlas) Background(g SceneGeom) *Picture {
	pic := a.background(g)
	pic.paintAll()
	return pic
}

// BackgroundStep paints a part of the scenery for g, one fillTile cell of
// its shapes, and reports whether it is all painted. Until then draw its
// gradients alone (Picture.DrawGradients): the attract loop after a start
// paints it over several frames, none of which queues the whole picture's
// triangles (see renderJob).
func (a *Atlas) BackgroundStep(g SceneGeom) (*Picture, bool) {
	pic := a.background(g)
	return pic, pic.paintNext()
}

// BackgroundPainted reports whether the scenery for g is all painted,
// painting nothing.
func (a *Atlas) BackgroundPainted(g SceneGeom) bool {
	pic, ok := a.bgs[g]
	return ok && pic.Painted()
}

// background returns the scenery for g, painted or not.
func (a *Atlas) background(g SceneGeom) *Picture {
	if pic, ok := a.bgs[g]; ok {
		return pic
	}
	w, h := int(math.Ceil(g.W*a.scale)), int(math.Ceil(g.H*a.scale))
	pic := newPicture(w, h, a.scale, sceneryGradients(g, a.scale),
		pictureLayer{rows: riverClip(g, a.scale), paint: func(p *pen) { drawSkyShapes(p, g) }},
		pictureLayer{paint: func(p *pen) { drawRiverShapes(p, g) }})
	a.bgs[g] = pic
	return pic
}

// Deck returns the patrol boat's bow for a canvas w wide with the deck h
// deep; its anchor is the deck's top-left corner. Draw Mast(h) at each of
// DeckMasts before it.
//
// The masts are a sprite of their own so that the deck's texture stops
// just above its railing: with them it was MastHeight+10 units taller,
// 1940×394 pixels at 1920×1080 (2.9 MiB), of which the masts' 180 rows
// were nearly all transparent; without them it is 1940×254 (1.9 MiB).
func (a *Atlas) Deck(w, h float64) *Sprite {
	k := [2]float64{w, h}
	if sp, ok := a.decks[k]; ok {
		return sp
	}
	sp := a.finishJob(k) // DeckStep began it
	if sp == nil {
		sp = a.deckJob(w, h, false).render()
	}
	a.decks[k] = sp
	return sp
}

// Mast returns one of the masts of a deck h deep (see Deck); its anchor is
// where it meets the deck's top edge. Masts rise MastHeight above it.
func (a *Atlas) Mast(h float64) *Sprite {
	if sp, ok := a.masts[h]; ok {
		return sp
	}
	sp := a.render(a.scale, 20, MastHeight+12+h*0.4, 10, MastHeight+10, func(p *pen) { drawMast(p, h) })
	a.masts[h] = sp
	return sp
}

// DeckStep renders a part of the deck for (w, h), one fillTile cell of one
// pass (see renderJob), and reports whether it is done: Deck then returns
// it at once. The mast, small, is rendered whole with the deck's last part.
func (a *Atlas) DeckStep(w, h float64) bool {
	k := [2]float64{w, h}
	if _, ok := a.decks[k]; ok {
		return true
	}
	sp, _ := a.stepJob(k, 0, func() *renderJob { return a.deckJob(w, h, true) })
	if sp != nil {
		a.decks[k] = sp
		a.Mast(h)
	}
	return sp != nil
}

func (a *Atlas) deckJob(w, h float64, staged bool) *renderJob {
	return a.newRenderJob(a.scale, w, h+deckLift, 0, deckLift, func(p *pen) { drawDeck(p, w, h) }, staged)
}

// Half returns a copy of sp at half its pixel size, made once by averaging
// each 2×2 block onto a sheet: draw it instead of sp below half size, where
// Drawer, which makes no mipmaps, would skip pixels. It is sp itself when
// the sheets have no room.
func (a *Atlas) Half(sp *Sprite) *Sprite {
	if hs, ok := a.halves[sp]; ok {
		return hs
	}
	b := sp.Img.Bounds()
	slot := a.sheets.place((b.Dx()+1)/2, (b.Dy()+1)/2)
	if slot == nil {
		return sp
	}
	// through a scratch image: sp may be on the same sheet as the slot
	scratch := ebiten.NewImageWithOptions(rectWH(slot.Bounds().Dx(), slot.Bounds().Dy()), &ebiten.NewImageOptions{Unmanaged: true})
	var op ebiten.DrawImageOptions
	op.GeoM.Scale(0.5, 0.5) // each pixel's centre falls between four of sp's
	op.Filter = ebiten.FilterLinear
	op.DisableMipmaps = true
	op.Blend = ebiten.BlendCopy
	scratch.DrawImage(sp.Img, &op)
	op.GeoM.Reset()
	op.GeoM.Translate(float64(slot.Bounds().Min.X), float64(slot.Bounds().Min.Y))
	op.Filter = ebiten.FilterNearest
	slot.DrawImage(scratch, &op)
	scratch.Deallocate()
	hs := &Sprite{Img: slot, AX: sp.AX / 2, AY: sp.AY / 2, Scale: sp.Scale / 2, W: sp.W, H: sp.H, Nearest: sp.Nearest}
	a.halves[sp] = hs
	return hs
}

// Top returns the upper frac (0–1) of sp's image, quantised to 1/32, for a
// figure rising out of cover. Sub-images are cached: no allocation after
// the first call for each step.
func (a *Atlas) Top(sp *Sprite, frac float64) *ebiten.Image {
	q := int(math.Round(math.Max(0, math.Min(1, frac)) * 32))
	if q >= 32 {
		return sp.Img
	}
	k := topKey{sp.Img, q}
	if img, ok := a.tops[k]; ok {
		return img
	}
	b := sp.Img.Bounds()
	img := sp.Img.SubImage(image.Rect(b.Min.X, b.Min.Y, b.Max.X, b.Min.Y+max(1, b.Dy()*q/32))).(*ebiten.Image)
	a.tops[k] = img
	return img
}

// Dispose frees every image the atlas rendered.
func (a *Atlas) Dispose() {
	for i, sp := range a.fixed {
		if sp != nil {
			sp.Img.Deallocate()
			a.fixed[i] = nil
		}
	}
	for k, sp := range a.icons {
		sp.Img.Deallocate()
		delete(a.icons, k)
	}
	for k, sp := range a.decks {
		sp.Img.Deallocate()
		delete(a.decks, k)
	}
	clear(a.masts) // on the sheets
	for k, j := range a.jobs {
		j.dispose()
		delete(a.jobs, k)
	}
	for k, pic := range a.bgs {
		pic.Deallocate()
		delete(a.bgs, k)
	}
	clear(a.tops)
	clear(a.halves)
	a.sheets.dispose()
}

// FlagIDs lists the four joint-patrol flags: China, Laos, Myanmar, Thailand.
var FlagIDs = [4]ID{FlagCN, FlagLA, FlagMM, FlagTH}
