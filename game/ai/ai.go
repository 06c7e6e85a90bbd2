// Package ai is the built-in player: a game.Source with adjustable skill
// that plays both games — the shooter and the sort game — and makes the
// mistakes a real visitor makes (late reactions, off-centre taps, tapping a
// look-alike, letting a drug through). It drives the kiosk's attract loop,
// --autoplay and kioskctl simulate. Like a visitor it acts only on what is
// on screen: in the sort game it grabs an item only once the item has fully
// entered the belt, its reaction time counted from then, with the finger on
// the canvas.
//
// A Player is deterministic: the same seed and skill against the same game
// give the same pointer events. Its per-item decisions come from hashing the
// seed with the item's serial, so they need no memory and never allocate.
package ai

import (
	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/game/shooter"
	sortgame "github.com/playhall/playhall/game/sort"
)

// Skill is how well the AI plays.
type Skill struct {
	Reaction   float64 // seconds between an item appearing and the AI acting on it
	Aim        float64 // standard deviation of tap error, canvas px
	FalseAlarm float64 // chance to tap (or sort to the police) a look-alike, 0–1
	Miss       float64 // chance to ignore a drug or trafficker (or sort a drug as safe), 0–1
	Rate       float64 // most taps per second
	DragSecs   float64 // seconds a sort drag takes
}

// Preset skills.
var (
	// Novice plays like a first-time ten-year-old.
	Novice = Skill{Reaction: 1.0, Aim: 40, FalseAlarm: 0.3, Miss: 0.12, Rate: 1.5, DragSecs: 1.2}
	// Visitor plays like a typical visitor; the attract loop and simulate use it.
	Visitor = Skill{Reaction: 0.6, Aim: 25, FalseAlarm: 0.1, Miss: 0.04, Rate: 2.5, DragSecs: 0.8}
	// Expert rarely errs; it shows the boss being caught.
	Expert = Skill{Reaction: 0.3, Aim: 8, FalseAlarm: 0.01, Miss: 0.005, Rate: 5, DragSecs: 0.5}
)

// Player is an AI input source. Create it with New; it is not safe for
// concurrent use. Reuse it for another round with Reset.
type Player struct {
	// ID is the pointer id the AI's events carry: 0 (the mouse) unless
	// several AIs play one round as several fingers.
	ID    int
	skill Skill
	seed  uint64
	rng   game.RNG
	next  int // earliest tick for the next tap or grab
	drag  drag
}

type drag struct {
	active         bool
	serial         int
	item           int // pool index in the sort game
	sx, sy, tx, ty float64
	start, ticks   int
}

// New returns a Player with the given seed and skill.
func New(seed uint64, s Skill) *Player {
	p := &Player{skill: s}
	p.Reset(seed)
	return p
}

// Reset readies p for a new round with seed.
func (p *Player) Reset(seed uint64) {
	p.seed = seed
	p.rng = game.NewRNG(game.Mix64(seed ^ 0x5eed))
	p.next = 0
	p.drag = drag{}
}

// Skill returns p's skill.
func (p *Player) Skill() Skill { return p.skill }

// Next appends the AI's pointer events for the coming tick. It plays
// *shooter.Game and *sort.Game; for any other game it does nothing. It never
// allocates once buf has room for two events.
func (p *Player) Next(g game.Game, buf []game.PointerEvent) []game.PointerEvent {
	buf = buf[:0]
	if g.Done() {
		return buf
	}
	switch g := g.(type) {
	case *shooter.Game:
		return p.shoot(g, buf)
	case *sortgame.Game:
		return p.sort(g, buf)
	}
	return buf
}

// decide returns a stable number in [0, 1) for one item and one question.
func (p *Player) decide(serial int, salt uint64) float64 {
	return float64(game.Mix64(p.seed^uint64(serial)*0x9e3779b97f4a7c15^salt)>>11) * (1.0 / (1 << 53))
}

const (
	saltMiss = iota + 1
	saltFalse
	saltReact
)

// reaction is the AI's reaction time to one item, seconds: each item gets
// its own, 0.7–1.3× Reaction.
func (p *Player) reaction(serial int) float64 {
	return p.skill.Reaction * (0.7 + 0.6*p.decide(serial, saltReact))
}

// reacted reports whether the AI has noticed something that appeared at
// spawn by tick now.
func (p *Player) reacted(serial, spawn, now int) bool {
	return now-spawn >= game.Seconds(p.reaction(serial))
}

func (p *Player) shoot(g *shooter.Game, buf []game.PointerEvent) []game.PointerEvent {
	now := g.Tick()
	if now < p.next {
		return buf
	}
	best, bestPri := -1, 0.0
	ents := g.Entities()
	for i := range ents {
		e := &ents[i]
		if !e.Alive || !p.reacted(e.Serial, e.SpawnTick, now) {
			continue
		}
		var pri float64
		switch {
		case e.Kind == shooter.Package && e.State == shooter.Flying:
			if p.decide(e.Serial, saltMiss) < p.skill.Miss {
				continue
			}
			pri = 2 + e.Progress
		case e.Kind == shooter.Lookalike && e.State == shooter.Flying:
			if p.decide(e.Serial, saltFalse) >= p.skill.FalseAlarm {
				continue
			}
			pri = 2.5
		case e.Kind == shooter.Trafficker && (e.State == shooter.Active || e.State == shooter.Appearing):
			if p.decide(e.Serial, saltMiss) < p.skill.Miss {
				continue
			}
			pri = 1.5
		case e.Kind == shooter.Boss && (e.State == shooter.Active || e.State == shooter.Appearing):
			pri = 1
		default:
			continue
		}
		if pri > bestPri {
			best, bestPri = i, pri
		}
	}
	if best < 0 {
		return buf
	}
	e := &ents[best]
	x := e.X + p.skill.Aim*p.rng.Norm()
	y := e.Y + p.skill.Aim*p.rng.Norm()
	p.next = now + max(1, game.Seconds(1/max(p.skill.Rate, 0.1)))
	return append(buf, game.PointerEvent{Kind: game.Down, ID: p.ID, X: x, Y: y}, game.PointerEvent{Kind: game.Up, ID: p.ID, X: x, Y: y})
}

func (p *Player) sort(g *sortgame.Game, buf []game.PointerEvent) []game.PointerEvent {
	now := g.Tick()
	items := g.Items()
	d := &p.drag
	if d.active {
		it := &items[d.item]
		if !it.Alive || it.Serial != d.serial || it.State != sortgame.Held || it.Pointer != p.ID {
			d.active = false // the game let go of it
			return buf
		}
		k := now - d.start
		if k >= d.ticks {
			d.active = false
			p.next = now + game.Seconds(0.2)
			return append(buf, game.PointerEvent{Kind: game.Up, ID: p.ID, X: d.tx, Y: d.ty})
		}
		f := float64(k) / float64(d.ticks)
		f = f * f * (3 - 2*f) // ease in and out
		return append(buf, game.PointerEvent{Kind: game.Move, ID: p.ID, X: d.sx + (d.tx-d.sx)*f, Y: d.sy + (d.ty-d.sy)*f})
	}
	if now < p.next || g.Paused() {
		return buf
	}
	best := -1
	shapes := g.Shapes()
	c := g.Canvas()
	for i := range items {
		it := &items[i]
		if !it.Alive || it.State != sortgame.OnBelt {
			continue
		}
		// Like a visitor, act only on what is on screen: the item has fully
		// entered the belt (its left edge at x >= 0) and its centre has not
		// yet ridden off. The reaction time runs from when it came fully into
		// view: the belt distance since then over the belt speed.
		in := it.X - shapes[it.Shape].Bound
		if in < 0 || !g.OnScreen(it) || it.VX <= 0 || in/it.VX < p.reaction(it.Serial) {
			continue
		}
		if best < 0 || it.X > items[best].X {
			best = i
		}
	}
	if best < 0 {
		return buf
	}
	it := &items[best]
	drug := it.ItemKind == game.Drug
	bin := sortgame.Safe
	if drug {
		bin = sortgame.Police
	}
	if drug && p.decide(it.Serial, saltMiss) < p.skill.Miss {
		bin = sortgame.Safe
	}
	if !drug && p.decide(it.Serial, saltFalse) < p.skill.FalseAlarm {
		bin = sortgame.Police
	}
	b := g.Bins()[bin-1]
	x := min(max(it.X+p.skill.Aim*0.5*p.rng.Norm(), 0), c.W) // a finger stays on the screen
	y := min(max(it.Y+p.skill.Aim*0.5*p.rng.Norm(), 0), c.H)
	*d = drag{active: true, serial: it.Serial, item: best, sx: x, sy: y,
		tx: b.X + p.skill.Aim*p.rng.Norm(), ty: b.Y + p.skill.Aim*p.rng.Norm(),
		start: now + 1, ticks: max(2, game.Seconds(p.skill.DragSecs))}
	return append(buf, game.PointerEvent{Kind: game.Down, ID: p.ID, X: x, Y: y})
}
