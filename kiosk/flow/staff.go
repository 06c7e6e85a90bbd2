package flow

// Gesture detects the hidden staff gesture: Taps downs inside a corner
// square within Window ticks.
type Gesture struct {
	Corner string // top-left, top-right, bottom-left, bottom-right
	Size   float64
	Taps   int
	Window int // ticks
	times  []int
}

// Down feeds one pointer down at (x, y) on a canvas of size c at tick now.
// It returns true when this down completes the gesture (and starts over).
func (g *Gesture) Down(now int, x, y float64, c Canvas) bool {
	if !g.inCorner(x, y, c) {
		g.times = g.times[:0]
		return false
	}
	g.times = append(g.times, now)
	for len(g.times) > 0 && now-g.times[0] > g.Window {
		g.times = g.times[1:]
	}
	if len(g.times) >= g.Taps {
		g.times = g.times[:0]
		return true
	}
	return false
}

// InCorner reports whether (x, y) is inside the gesture's corner.
func (g *Gesture) inCorner(x, y float64, c Canvas) bool {
	left := x < g.Size
	right := x >= c.W-g.Size
	top := y < g.Size
	bottom := y >= c.H-g.Size
	switch g.Corner {
	case "top-right":
		return right && top
	case "bottom-left":
		return left && bottom
	case "bottom-right":
		return right && bottom
	}
	return left && top
}

// PINPad is the staff PIN pad's state: the digits typed, wrong tries and
// the lock. Checking a PIN is slow (bcrypt) and happens outside; the pad
// only counts the verdicts it is given.
type PINPad struct {
	MaxTries  int
	LockTicks int
	Digits    []byte
	tries     int
	lockUntil int
	// Checking is true while a typed PIN is being verified.
	Checking bool
}

// MaxDigits is the longest PIN the pad accepts.
const MaxDigits = 8

// Locked reports whether the pad refuses input at tick now, and for how
// many more ticks.
func (p *PINPad) Locked(now int) (bool, int) {
	if now < p.lockUntil {
		return true, p.lockUntil - now
	}
	return false, 0
}

// Press adds a digit ('0'–'9'), or '<' to delete one. It does nothing while
// locked or checking.
func (p *PINPad) Press(now int, k byte) {
	if l, _ := p.Locked(now); l || p.Checking {
		return
	}
	switch {
	case k == '<':
		if len(p.Digits) > 0 {
			p.Digits = p.Digits[:len(p.Digits)-1]
		}
	case k >= '0' && k <= '9' && len(p.Digits) < MaxDigits:
		p.Digits = append(p.Digits, k)
	}
}

// Submit returns the typed PIN to verify and marks the pad as checking; ""
// when locked, checking or too short.
func (p *PINPad) Submit(now int) string {
	if l, _ := p.Locked(now); l || p.Checking || len(p.Digits) < 4 {
		return ""
	}
	p.Checking = true
	return string(p.Digits)
}

// Verdict records the result of checking the submitted PIN at tick now.
// It returns true when the PIN was right. MaxTries wrong verdicts in a row
// lock the pad for LockTicks.
func (p *PINPad) Verdict(now int, ok bool) bool {
	p.Checking = false
	p.Digits = p.Digits[:0]
	if ok {
		p.tries = 0
		return true
	}
	p.tries++
	if p.tries >= p.MaxTries {
		p.tries = 0
		p.lockUntil = now + p.LockTicks
	}
	return false
}

// Tries returns the wrong tries since the last success or lock.
func (p *PINPad) Tries() int { return p.tries }
