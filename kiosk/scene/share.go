package scene

import (
	"math"
	"slices"

	"github.com/playhall/playhall/assets/art"
	"github.com/playhall/playhall/levels"
)

// Art is one sprite atlas shared by several views, so every sprite is
// rendered and kept once: the kiosk's backdrop, shooter and sort views draw
// the same boats, figures and item pictures. It also renders the pack's
// sprites ahead of use, a few per frame (Warm).
//
// Why a few per frame: sprites are vector drawings, and Ebitengine queues
// every triangle of a frame before it flushes at the frame's end. Its
// command buffers keep the capacity of the largest frame for the life of the
// process, so rendering sixty sprites in the first frame of a round costs
// over 100 MB of resident memory for good and a frame of several hundred
// milliseconds. Warmed one at a time (the kiosk's choice), no frame queues
// more than one sprite's worth of triangles.
//
// An Art belongs to the goroutine that runs Ebitengine.
type Art struct {
	// Gradual makes the attract loop show the bare river until the atlas
	// is warm (see ShooterView.Draw). Set it when Warm is called with a few
	// sprites a frame; leave it off when everything is warmed at once or
	// frames are drawn at changing scales (screenshots into an offscreen
	// image), where the atlas starts over at each scale.
	Gradual bool

	atlas *art.Atlas
	sc    float64
	queue []warmJob
	next  int
	// scenery is the static scenery of other geometries than the attract
	// loop's (the sort game's), painted after the sprites, a cell a frame;
	// sceneryNext counts those done.
	scenery     []art.SceneGeom
	sceneryNext int
}

type warmJob struct {
	id   art.ID
	icon *levels.Icon
	safe bool
}

// NewArt returns an empty shared atlas that will warm every fixed sprite and
// the picture of every drug and look-alike in pack (nil: fixed sprites
// only). It creates no image until a view draws with it.
func NewArt(pack *levels.Pack) *Art {
	s := &Art{}
	for id := art.ID(0); id < art.NumIDs; id++ {
		s.queue = append(s.queue, warmJob{id: id})
	}
	if pack != nil {
		for i := range pack.Drugs {
			s.queue = append(s.queue, warmJob{icon: &pack.Drugs[i].Icon})
		}
		for i := range pack.Lookalikes {
			s.queue = append(s.queue, warmJob{icon: &pack.Lookalikes[i].Icon, safe: true})
		}
	}
	return s
}

// at returns the atlas for sc pixels per canvas unit. A new scale (the
// window changed size) disposes the old atlas and starts warming again.
func (s *Art) at(sc float64) *art.Atlas {
	if s.atlas == nil || math.Abs(sc-s.sc) > 1e-6 {
		if s.atlas != nil {
			s.atlas.Dispose()
		}
		s.atlas = art.NewAtlas(sc)
		s.sc = sc
		s.next, s.sceneryNext = 0, 0
	}
	return s.atlas
}

// WarmScenery adds the static scenery for g to what the Art renders ahead
// of use, after the sprites. A view whose scenery the attract loop does not
// paint calls it (SortView.Share): painted when its round starts, the sort
// game's scenery was one frame of 68,000 vertices, and Ebitengine keeps its
// vertex buffers at the largest frame's size for good.
func (s *Art) WarmScenery(g art.SceneGeom) {
	if !slices.Contains(s.scenery, g) {
		s.scenery = append(s.scenery, g)
	}
}

// Warm renders up to n sprites that are not rendered yet, and the scenery
// once every sprite is, and reports whether all is rendered. Call it once
// per frame after the views have drawn (they set the scale); before the
// first draw it does nothing and returns false.
func (s *Art) Warm(n int) bool {
	if s.atlas == nil {
		return false
	}
	for ; n > 0 && s.next < len(s.queue); n-- {
		j := s.queue[s.next]
		s.next++
		if j.icon != nil {
			s.atlas.Icon(*j.icon, j.safe)
		} else {
			s.atlas.Get(j.id)
		}
	}
	for s.next >= len(s.queue) && s.sceneryNext < len(s.scenery) {
		s.atlas.Background(s.scenery[s.sceneryNext])
		s.sceneryNext++
	}
	return s.Warmed()
}

// WarmPaths is how many vector paths WarmStep draws a frame, about, past
// its first step. A step is one pass over one cell of a sprite, cut so that
// it meets at most 24 paths (see art.Atlas.GetStep); the heaviest steps
// queue about 16,000 vertices, light ones go several to a frame. Measured
// on the 150-second bench (bin/kiosk --bench-wave 150s): the warm-up's
// largest frame 16,880 vertices, where the largest frame of play is under
// 8,000, and the pack warm 17 seconds after the first frame. With 24 the
// largest frame was 24,800 vertices, and Ebitengine's GL vertex buffer,
// sized to a power of two of the largest frame, twice as big; with 48,
// the pack was warm in 8 seconds.
const WarmPaths = 8

// WarmStep renders parts of the sprites not rendered yet (a pass over a
// cell of one at a time, see art.Atlas.GetStep) while they draw no more
// than about budget paths, and reports whether all are rendered. Call it
// once per frame after the views have drawn; before the first draw it does
// nothing and returns false.
func (s *Art) WarmStep(budget int) bool {
	if s.atlas == nil {
		return false
	}
	spent := 0
	for spent < budget && s.next < len(s.queue) {
		j := s.queue[s.next]
		var n int
		var done bool
		if j.icon != nil {
			n, done = s.atlas.IconStep(*j.icon, j.safe, budget-spent)
		} else {
			n, done = s.atlas.GetStep(j.id, budget-spent)
		}
		spent += max(n, 1)
		if done {
			s.next++
		}
	}
	// then the scenery, a fillTile cell of it in a frame no sprite step
	// used (a cell meets all the paths that cross it, up to about as many
	// vertices as the heaviest sprite step)
	if spent == 0 && budget > 0 && s.next >= len(s.queue) && s.sceneryNext < len(s.scenery) {
		if _, done := s.atlas.BackgroundStep(s.scenery[s.sceneryNext]); done {
			s.sceneryNext++
		}
	}
	return s.Warmed()
}

// Warmed reports whether every sprite of the queue and all the scenery
// are rendered at the current scale.
func (s *Art) Warmed() bool {
	return s.atlas != nil && s.next >= len(s.queue) && s.sceneryNext >= len(s.scenery)
}

// Left is how many sprites are still to warm.
func (s *Art) Left() int { return len(s.queue) - s.next }

// Dispose frees the atlas's images. Views that share it draw on with a new
// one, rendered again.
func (s *Art) Dispose() {
	if s.atlas != nil {
		s.atlas.Dispose()
		s.atlas = nil
	}
	s.next, s.sceneryNext = 0, 0
}
