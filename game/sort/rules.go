package sort

import (
	"math"

	"github.com/playhall/playhall/game"
)

const (
	dt           = 1.0 / game.TPS
	defaultSpeed = 80.0
	binSecs      = 0.5  // a binned item falls in
	goneSecs     = 0.5  // an item off the belt fades out
	returnSpeed  = 1400 // px/s back to the belt
	itemScale    = 1.4  // sort items are drawn larger than shooter packages
	minGap       = 180  // px between items entering the belt
)

type waveRun struct {
	start, end int
	every      int
	next       int
	speed      float64
	share      float64
	drugs      []int
	looks      []int
}

// itemShape is a generous round shape: the youngest players grab items,
// they do not aim at them.
func itemShape(icon string) game.Shape {
	switch icon {
	case "capsule", "cartridge", "bottle", "canister", "can", "cup":
		return game.CapsuleShape(110*itemScale, 34*itemScale)
	case "powder_bag", "sachet", "stamps", "envelope", "box", "stamp_sheet", "jar":
		return game.RoundRectShape(110*itemScale, 80*itemScale, 16*itemScale)
	}
	return game.CircleShape(50 * itemScale)
}

func (g *Game) infoIndex(id string, k game.ItemKind) int { return game.ItemIndex(g.infos, id, k) }

func (g *Game) buildWaves() {
	g.waves = make([]waveRun, len(g.cfg.Level.Waves))
	for i, w := range g.cfg.Level.Waves {
		r := &g.waves[i]
		r.start = game.Seconds(w.At)
		r.end = r.start + game.Seconds(w.Duration)
		r.every = max(game.Seconds(w.Every), 1)
		r.next = r.start
		speed := w.Speed
		if speed <= 0 {
			speed = defaultSpeed
		}
		r.speed = speed * g.set.SpeedScale
		r.share = w.LookalikeShare
		for _, id := range w.Drugs {
			r.drugs = append(r.drugs, g.infoIndex(id, game.Drug))
		}
		for _, id := range w.Lookalikes {
			r.looks = append(r.looks, g.infoIndex(id, game.Lookalike))
		}
		g.last = max(g.last, r.end)
	}
}

// spawn runs the wave schedules on the belt's clock: the belt's time stands
// still while a cue is shown, so a wave's items all still come.
func (g *Game) spawn() {
	t := g.tick - g.paused
	for i := range g.waves {
		w := &g.waves[i]
		if t < w.start || t >= w.end || t < w.next {
			continue
		}
		if g.crowded() {
			continue // wait until the last item has moved on: items never overlap
		}
		w.next = t + w.every
		var info int
		switch {
		case len(w.looks) > 0 && (len(w.drugs) == 0 || g.rng.Chance(w.share)):
			info = w.looks[g.rng.Intn(len(w.looks))]
		case len(w.drugs) > 0:
			info = w.drugs[g.rng.Intn(len(w.drugs))]
		default:
			continue
		}
		it, _ := g.alloc()
		if it == nil {
			continue
		}
		in := &g.infos[info]
		it.Info, it.ItemID, it.ItemKind, it.Shape = info, in.ID, in.Kind, in.Shape
		it.State = OnBelt
		it.X, it.Y, it.VX = g.lay.Start, g.lay.BeltY, w.speed*g.lay.Canvas.W/1920 // same crossing time in portrait
		it.Rot = g.rng.Range(-0.15, 0.15)
		g.emit(game.Event{Kind: game.ItemSpawned, Item: it.ItemID, ItemKind: it.ItemKind, Entity: it.Serial, X: it.X, Y: it.Y, Pointer: -1, Combo: g.combo})
	}
}

// crowded reports whether an item on the belt is still too close to where
// the next one enters.
func (g *Game) crowded() bool {
	for i := range g.items {
		it := &g.items[i]
		if it.Alive && it.State == OnBelt && it.X < g.lay.Start+minGap {
			return true
		}
	}
	return false
}

func (g *Game) move() {
	belt := !g.cue.Active
	for i := range g.items {
		it := &g.items[i]
		if !it.Alive {
			continue
		}
		it.Phase += dt
		switch it.State {
		case OnBelt:
			if belt {
				it.X += it.VX * dt
			}
			if it.X > g.lay.End {
				g.fellOff(it)
			}
		case Returning:
			it.Y += math.Copysign(math.Min(returnSpeed*dt, math.Abs(g.lay.BeltY-it.Y)), g.lay.BeltY-it.Y)
			if it.Y == g.lay.BeltY {
				g.setState(it, OnBelt, 0)
			}
		case Binned, Gone:
			if g.tick >= it.Until {
				g.release(i)
			}
		}
	}
}

// fellOff: an item rode off the belt unsorted. A drug got through.
func (g *Game) fellOff(it *Item) {
	g.setState(it, Gone, g.tick+game.Seconds(goneSecs))
	ev := game.Event{Item: it.ItemID, ItemKind: it.ItemKind, Entity: it.Serial, X: it.X, Y: it.Y, Pointer: -1}
	if it.ItemKind == game.Drug {
		g.combo = 0
		ev.Kind = game.DrugMissed
	} else {
		ev.Kind = game.LookalikePassed
	}
	ev.Combo = g.combo
	g.emit(ev)
}

// pointer applies one pointer event: Down grabs the item under it, Move
// drags, Up drops into a bin or lets the item slide back to the belt.
func (g *Game) pointer(p *game.PointerEvent) {
	slot := -1
	for i := range g.ptrs {
		if g.ptrs[i].active && g.ptrs[i].id == p.ID {
			slot = i
			break
		}
	}
	switch p.Kind {
	case game.Down:
		if slot >= 0 { // a Down without Up (lost event): let go first
			g.letGo(slot, p.X, p.Y, false)
		}
		for i := range g.ptrs {
			if !g.ptrs[i].active {
				slot = i
				break
			}
		}
		if slot < 0 {
			return // more fingers than MaxPointers: ignored
		}
		g.ptrs[slot] = pointer{active: true, id: p.ID, item: -1}
		if i := g.Pick(p.X, p.Y); i >= 0 {
			it := &g.items[i]
			g.ptrs[slot].item = i
			it.Pointer = p.ID
			it.GrabX, it.GrabY = it.X-p.X, it.Y-p.Y
			g.setState(it, Held, 0)
		}
	case game.Move:
		if slot >= 0 && g.ptrs[slot].item >= 0 {
			it := &g.items[g.ptrs[slot].item]
			it.X, it.Y = p.X+it.GrabX, p.Y+it.GrabY
		}
	case game.Up:
		if slot >= 0 {
			g.letGo(slot, p.X, p.Y, true)
		}
	}
}

// Pick returns the pool index of the grabbable item under (x, y) within
// the touch tolerance (the front-most, i.e. newest, when several), or -1.
//
// Only an item whose centre is on the canvas can be picked (OnScreen): an
// item still entering the belt at x < 0, or riding off past the right edge,
// is at most half visible. Without this rule a touch at the left edge
// (pointer positions are clamped to the canvas) reached, through the hit
// shape and the touch tolerance, an item no one could see yet.
func (g *Game) Pick(x, y float64) int {
	tol := g.set.TouchRadius
	best, bestD := -1, math.Inf(1)
	for i := range g.items {
		it := &g.items[i]
		if !it.grabbable() || !g.OnScreen(it) {
			continue
		}
		sh := &g.shapes[it.Shape]
		if !sh.Hit(x, y, it.X, it.Y, it.Rot, tol) {
			continue
		}
		d := max(sh.Dist(x, y, it.X, it.Y, it.Rot), 0)
		if best < 0 || d < bestD || (d == bestD && it.Serial > g.items[best].Serial) {
			best, bestD = i, d
		}
	}
	return best
}

// OnScreen reports whether its centre lies on the canvas, the condition
// for Pick to grab it.
func (g *Game) OnScreen(it *Item) bool {
	c := g.lay.Canvas
	return it.X >= 0 && it.X <= c.W && it.Y >= 0 && it.Y <= c.H
}

// letGo ends a drag at (x, y): over a bin (with touch tolerance) the item
// is sorted; anywhere else it slides back to the belt.
func (g *Game) letGo(slot int, x, y float64, drop bool) {
	p := &g.ptrs[slot]
	i := p.item
	id := p.id
	*p = pointer{item: -1}
	if i < 0 {
		return
	}
	it := &g.items[i]
	it.Pointer = -1
	bin := NoBin
	if drop {
		for b := range g.lay.Bins {
			if g.lay.Bins[b].Contains(x, y, g.set.TouchRadius) {
				bin = g.lay.Bins[b].Kind
			}
		}
	}
	if bin == NoBin {
		g.setState(it, Returning, 0)
		return
	}
	g.sorted(it, bin, id)
}

func (g *Game) sorted(it *Item, bin BinKind, ptr int) {
	drug := it.ItemKind == game.Drug
	right := drug == (bin == Police)
	it.Bin, it.Correct = bin, right
	g.setState(it, Binned, g.tick+game.Seconds(binSecs))
	ev := game.Event{Item: it.ItemID, ItemKind: it.ItemKind, Entity: it.Serial, X: it.X, Y: it.Y, Pointer: ptr}
	g.actions++
	if right {
		g.good++
		g.combo++
		ev.Points = PointsRight * (10 + min(g.combo-1, 10)) / 10
	} else {
		g.combo = 0
	}
	switch {
	case drug && right:
		ev.Kind = game.DrugSeized
	case drug:
		ev.Kind = game.DrugMissed
	case right:
		ev.Kind = game.LookalikeSorted
	default:
		ev.Kind = game.LookalikeHit
	}
	g.score += ev.Points
	ev.Combo = g.combo
	g.emit(ev)
	g.cue = Cue{Active: true, Serial: it.Serial, Item: it.ItemID, ItemKind: it.ItemKind, Bin: bin, Correct: right, Start: g.tick, Until: g.tick + g.set.CueTicks}
	g.emit(game.Event{Kind: game.CueShown, Item: it.ItemID, ItemKind: it.ItemKind, Entity: it.Serial, X: it.X, Y: it.Y, Pointer: ptr, Combo: g.combo, Value: g.cue.Until, Correct: right})
}

// checkEnd ends the round when time is up, or when every wave has spawned
// and the belt is empty.
func (g *Game) checkEnd() {
	switch {
	case g.tick+1 >= g.endTick:
		g.end(game.EndTimeUp)
	case g.tick-g.paused+1 >= g.last && !g.busy():
		g.end(game.EndCleared)
	}
}

func (g *Game) busy() bool {
	for i := range g.items {
		it := &g.items[i]
		if it.Alive && (it.State == OnBelt || it.State == Held || it.State == Returning) {
			return true
		}
	}
	return g.cue.Active
}

func (g *Game) end(r game.EndReason) {
	g.done = true
	g.reason = r
	g.emit(game.Event{Kind: game.RoundEnded, Reason: r, Pointer: -1, Combo: g.combo, Value: g.score})
}

// Hash returns a hash over the exact state and the history of every event
// emitted so far; it allocates nothing.
func (g *Game) Hash() uint64 {
	h := game.NewHasher()
	h.Uint64(g.hist.Sum())
	h.Int(g.tick)
	h.Uint64(g.rng.State)
	h.Int(g.score)
	h.Int(g.combo)
	h.Int(g.actions)
	h.Int(g.good)
	h.Int(g.paused)
	h.Int(g.serial)
	h.Bool(g.done)
	h.String(string(g.reason))
	c := &g.cue
	h.Bool(c.Active)
	h.Int(c.Serial)
	h.Int(int(c.Bin))
	h.Bool(c.Correct)
	h.Int(c.Start)
	h.Int(c.Until)
	for i := range g.waves {
		h.Int(g.waves[i].next)
	}
	for _, p := range g.ptrs {
		h.Bool(p.active)
		h.Int(p.id)
		h.Int(p.item)
	}
	for _, f := range g.free {
		h.Int(f)
	}
	for i := range g.items {
		it := &g.items[i]
		if !it.Alive {
			continue
		}
		h.Int(i)
		h.Int(it.Serial)
		h.Int(int(it.State))
		h.Int(it.Info)
		h.Float(it.X)
		h.Float(it.Y)
		h.Float(it.VX)
		h.Float(it.Rot)
		h.Float(it.Phase)
		h.Int(it.Pointer)
		h.Float(it.GrabX)
		h.Float(it.GrabY)
		h.Int(int(it.Bin))
		h.Bool(it.Correct)
		h.Int(it.SpawnTick)
		h.Int(it.StateTick)
		h.Int(it.Until)
	}
	return h.Sum()
}
