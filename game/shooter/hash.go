package shooter

import "github.com/playhall/playhall/game"

// Hash returns a hash over the exact state and the history of every event
// emitted so far: tick, RNG, counters,
// wave schedules, the free list and every live entity field by field. It
// walks the whole pool (about 20 ns per live entity) and allocates nothing.
func (g *Game) Hash() uint64 {
	h := game.NewHasher()
	h.Uint64(g.hist.Sum())
	h.Int(g.tick)
	h.Uint64(g.rng.State)
	h.Int(g.score)
	h.Int(g.combo)
	h.Int(g.health)
	h.Int(g.actions)
	h.Int(g.good)
	h.Bool(g.done)
	h.String(string(g.reason))
	h.Int(g.serial)
	h.Int(g.boss)
	for i := range g.waves {
		w := &g.waves[i]
		h.Int(w.nextItem)
		h.Int(w.trafDone)
		h.Int(w.nextTraf)
		h.Bool(w.bossDone)
	}
	for _, f := range g.pool.free {
		h.Int(f)
	}
	for i := range g.pool.used() {
		e := &g.pool.ents[i]
		if !e.Alive {
			continue
		}
		h.Int(i)
		h.Int(e.Serial)
		h.Int(int(e.Kind))
		h.Int(int(e.State))
		h.Int(e.Item)
		h.Int(e.Shape)
		h.Int(int(e.Cover))
		h.Float(e.X)
		h.Float(e.Y)
		h.Float(e.VX)
		h.Float(e.VY)
		h.Float(e.Rot)
		h.Float(e.Spin)
		h.Float(e.Progress)
		h.Float(e.Phase)
		h.Int(e.SpawnTick)
		h.Int(e.StateTick)
		h.Int(e.ThrowTick)
		h.Int(e.Thrower)
		h.Int(e.HP)
		h.Int(e.Until)
		h.Float(e.homeX)
		h.Float(e.sx)
		h.Float(e.sy)
		h.Float(e.dist)
		h.Float(e.rate)
	}
	return h.Sum()
}
