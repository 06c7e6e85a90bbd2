package flow

import "github.com/playhall/playhall/game"

// Autopilot plays the whole visitor flow: it wakes the attract screen, picks
// a language and band, answers questions (mostly right), skips nothing it
// should read, lets the AI play the round, pages through the learning cards
// and finishes the pledge. It is deterministic for a seed. --autoplay and the
// scenario tests use it; it taps with pointer id 0 as a mouse would.
type Autopilot struct {
	M    *Machine
	AI   func(seed uint64) game.Source // the round's player; nil taps at random
	Seed uint64
	// Think is how long (ticks) it looks at a screen before tapping.
	Think int
	// WalkAwayEvery makes every n-th session walk away mid-round (0 never).
	WalkAwayEvery int
	// FirstLanguage always picks the first language (else a random one).
	FirstLanguage bool

	rng      game.RNG
	round    game.Game
	ai       game.Source
	sessions int
	walking  bool
	buf      []game.PointerEvent
	lastAct  int
}

// Next returns the events for the machine's next tick (reused buffer).
func (a *Autopilot) Next() []game.PointerEvent {
	if a.rng == (game.RNG{}) {
		a.rng = game.NewRNG(a.Seed ^ 0x9e3779b97f4a7c15)
		if a.Think == 0 {
			a.Think = 90
		}
	}
	m := a.M
	a.buf = a.buf[:0]
	if still, _ := m.StillThere(); still {
		if a.walking {
			return a.buf
		}
		return a.tap(m.Canvas().W/2, m.Canvas().H/2)
	}
	if m.Screen() == ScreenPlay {
		return a.play()
	}
	a.walking = false
	if m.ScreenTicks() < a.Think || m.Now()-a.lastAct < a.Think {
		return a.buf
	}
	bs := m.Buttons()
	pick := func(k ButtonKind) int {
		for i, b := range bs {
			if b.Kind == k {
				return i
			}
		}
		return -1
	}
	i := -1
	switch m.Screen() {
	case ScreenAttract:
		if m.ScreenTicks() < 3*a.Think {
			return a.buf
		}
		a.sessions++
		return a.tap(m.Canvas().W/2, m.Canvas().H*0.6)
	case ScreenLanguage:
		i = int(a.rng.Uint64() % uint64(len(bs)))
		if a.FirstLanguage {
			i = 0
		}
	case ScreenBand:
		n := 0
		for _, b := range bs {
			if b.Kind == BtnBand {
				n++
			}
		}
		i = int(a.rng.Uint64() % uint64(max(n, 1)))
	case ScreenPreQuiz, ScreenQuiz:
		q, _, _, choice := m.Question()
		if q == nil {
			return a.buf
		}
		if choice >= 0 {
			i = pick(BtnNext)
			break
		}
		right := a.rng.Uint64()%10 < 7
		for j, o := range q.Options {
			if o.Correct == right {
				i = j
				break
			}
		}
		if i < 0 {
			i = 0
		}
	case ScreenHowTo:
		if m.ScreenTicks() < 2*a.Think {
			return a.buf
		}
		i = pick(BtnSkip)
	case ScreenResults:
		cards, c := m.Cards()
		if c < len(cards)-1 && c < 2 {
			i = pick(BtnNext)
		} else {
			i = pick(BtnFinish)
		}
	case ScreenPledge:
		if m.ScreenTicks() < 2*a.Think {
			return a.buf
		}
		i = pick(BtnFinish)
	}
	if i < 0 || i >= len(bs) {
		return a.buf
	}
	return a.tap(bs[i].Rect.Center())
}

func (a *Autopilot) tap(x, y float64) []game.PointerEvent {
	a.lastAct = a.M.Now()
	a.buf = append(a.buf,
		game.PointerEvent{Kind: game.Down, ID: 0, X: x, Y: y},
		game.PointerEvent{Kind: game.Up, ID: 0, X: x, Y: y})
	return a.buf
}

func (a *Autopilot) play() []game.PointerEvent {
	r := a.M.Round()
	if r == nil {
		return a.buf
	}
	if r != a.round {
		a.round = r
		a.ai = nil
		if a.AI != nil {
			a.ai = a.AI(a.rng.Uint64())
		}
		a.walking = a.WalkAwayEvery > 0 && a.sessions%a.WalkAwayEvery == 0
	}
	if a.walking {
		return a.buf
	}
	if a.ai != nil {
		return a.ai.Next(r, a.buf)
	}
	if r.Tick()%20 == 0 {
		c := a.M.Canvas()
		return a.tap(float64(a.rng.Uint64()%uint64(c.W)), float64(a.rng.Uint64()%uint64(c.H)))
	}
	return a.buf
}
