package flow

import (
	"bytes"
	"testing"
	"time"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/levels"
	"github.com/playhall/playhall/record"
)

// sink keeps what the machine logs.
type sink struct {
	begun    int
	ckpts    int
	finished []record.Play
}

func (s *sink) Begin(p record.Play) string { s.begun++; return "" }
func (s *sink) Checkpoint(p record.Play)   { s.ckpts++ }
func (s *sink) Finish(p record.Play)       { s.finished = append(s.finished, p) }

var start = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func pack(t testing.TB) *levels.Pack {
	t.Helper()
	p, err := levels.Default()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// newMachine returns a machine on a virtual clock that advances with ticks.
func newMachine(t testing.TB, c Canvas, s *sink) *Machine {
	var m *Machine
	env := Env{
		Pack:   pack(t),
		Canvas: c,
		Now: func() time.Time {
			if m == nil {
				return start
			}
			return start.Add(time.Duration(m.Now()) * time.Second / game.TPS)
		},
		NewRound:   NewRound,
		Sink:       s,
		Seed:       7,
		KioskID:    "k1",
		AppVersion: "test",
		PlayIdle:   45 * game.TPS, MenuIdle: 20 * game.TPS, StillThere: 10 * game.TPS,
		StuckTouch: 8 * game.TPS, HowTo: 10 * game.TPS, Pledge: 12 * game.TPS,
	}
	m = New(env)
	return m
}

var landscape = Canvas{1920, 1080}
var portrait = Canvas{1080, 1920}

func tap(x, y float64) []game.PointerEvent {
	return []game.PointerEvent{{Kind: game.Down, X: x, Y: y}, {Kind: game.Up, X: x, Y: y}}
}

func idle(m *Machine, n int) {
	for i := 0; i < n; i++ {
		m.Tick(nil)
	}
}

func pressKind(t *testing.T, m *Machine, k ButtonKind, index int) {
	t.Helper()
	for _, b := range m.Buttons() {
		if b.Kind == k && b.Index == index {
			m.Tick(tap(b.Rect.Center()))
			return
		}
	}
	t.Fatalf("screen %s has no button kind %d index %d: %+v", m.Screen(), k, index, m.Buttons())
}

func TestAutopilotPlaysWholeFlow(t *testing.T) {
	for _, c := range []Canvas{landscape, portrait} {
		s := &sink{}
		m := newMachine(t, c, s)
		a := &Autopilot{M: m, Seed: 3}
		seen := map[Screen]bool{}
		for i := 0; i < 20*60*game.TPS && len(s.finished) < 3; i++ {
			m.Tick(a.Next())
			seen[m.Screen()] = true
		}
		if len(s.finished) < 3 {
			t.Fatalf("%v: %d plays finished, screens seen %v", c, len(s.finished), seen)
		}
		for _, sc := range []Screen{ScreenAttract, ScreenBand, ScreenHowTo, ScreenPlay, ScreenResults, ScreenQuiz, ScreenPledge} {
			if !seen[sc] {
				t.Errorf("%v: screen %s never shown", c, sc)
			}
		}
		for _, p := range s.finished {
			if err := p.Validate(); err != nil {
				t.Errorf("%v: invalid play: %v (%+v)", c, err, p)
			}
			if p.End != record.EndCompleted && p.End != record.EndTimedOut {
				t.Errorf("%v: end %s, want completed or timed_out", c, p.End)
			}
			post := 0
			for _, a := range p.Answers {
				if a.Phase == "post" {
					post++
				}
			}
			if want := min(QuizLength, len(m.env.Pack.Questions)); post != want {
				t.Errorf("%v: %d post answers, want %d", c, post, want)
			}
			if len(p.Items) == 0 {
				t.Errorf("%v: play has no item outcomes", c)
			}
		}
		if s.begun != len(s.finished) && s.begun != len(s.finished)+1 {
			t.Errorf("begun %d, finished %d", s.begun, len(s.finished))
		}
		if s.ckpts == 0 {
			t.Error("no checkpoints during plays")
		}
	}
}

func TestWakeTapPressesNothingBehind(t *testing.T) {
	m := newMachine(t, landscape, &sink{})
	idle(m, 10)
	// Find where the first language button will be, and wake with a tap there.
	m.go_(ScreenLanguage)
	x, y := m.Buttons()[0].Rect.Center()
	m.go_(ScreenAttract)
	m.Tick([]game.PointerEvent{{Kind: game.Down, X: x, Y: y}})
	if m.Screen() != ScreenLanguage {
		t.Fatalf("after wake: %s", m.Screen())
	}
	m.Tick([]game.PointerEvent{{Kind: game.Up, X: x, Y: y}})
	if m.Screen() != ScreenLanguage {
		t.Fatalf("the waking tap's release pressed a button: now on %s", m.Screen())
	}
	// A single-tick tap (down and up together) behaves the same.
	m.Reset()
	m.Tick(tap(x, y))
	if m.Screen() != ScreenLanguage {
		t.Fatalf("single-tick wake: %s", m.Screen())
	}
	pressKind(t, m, BtnLanguage, 1)
	if m.Screen() != ScreenBand || m.Lang() != "en" {
		t.Fatalf("language press: %s %s", m.Screen(), m.Lang())
	}
}

func TestIdleAbandonsPlay(t *testing.T) {
	s := &sink{}
	m := newMachine(t, landscape, s)
	m.env.PlayIdle = 5 * game.TPS // rounds of the default pack may end sooner than 45 s
	m.Tick(tap(960, 540))
	pressKind(t, m, BtnLanguage, 0)
	pressKind(t, m, BtnBand, 1)
	for m.Screen() == ScreenPreQuiz {
		pressKind(t, m, BtnOption, 0)
	}
	pressKind(t, m, BtnSkip, 0)
	if m.Screen() != ScreenPlay {
		t.Fatalf("on %s, want play", m.Screen())
	}
	idle(m, 5*game.TPS-1)
	if still, _ := m.StillThere(); still || m.Screen() != ScreenPlay {
		t.Fatalf("Still there? before 5 s, or round over (%s)", m.Screen())
	}
	idle(m, 1)
	still, left := m.StillThere()
	if !still || left != 10*game.TPS {
		t.Fatalf("Still there? = %v, %d ticks left", still, left)
	}
	idle(m, 10*game.TPS)
	if m.Screen() != ScreenAttract {
		t.Fatalf("after countdown: %s", m.Screen())
	}
	if len(s.finished) != 1 || s.finished[0].End != record.EndAbandoned {
		t.Fatalf("logged %+v, want one abandoned play", s.finished)
	}
	if err := s.finished[0].Validate(); err != nil {
		t.Fatal(err)
	}
	if s.finished[0].Band != "junior" {
		t.Errorf("band %q", s.finished[0].Band)
	}
}

func TestStillThereAnsweredKeepsSession(t *testing.T) {
	s := &sink{}
	m := newMachine(t, landscape, s)
	m.Tick(tap(960, 540))
	pressKind(t, m, BtnLanguage, 0)
	idle(m, 20*game.TPS)
	if still, _ := m.StillThere(); !still {
		t.Fatal("no Still there? on the band screen after 20 s")
	}
	// The answering tap lands on a band card: it must not choose the band.
	x, y := m.Buttons()[0].Rect.Center()
	m.Tick(tap(x, y))
	if still, _ := m.StillThere(); still || m.Screen() != ScreenBand {
		t.Fatalf("after answering: still=%v screen=%s", still, m.Screen())
	}
	idle(m, 19*game.TPS)
	if still, _ := m.StillThere(); still {
		t.Fatal("idle timer not restarted by the answer")
	}
	if len(s.finished) != 0 {
		t.Fatal("a play was logged")
	}
}

func TestStuckTouchDoesNotKeepKioskAwake(t *testing.T) {
	s := &sink{}
	m := newMachine(t, landscape, s)
	m.Tick(tap(960, 540))
	pressKind(t, m, BtnLanguage, 0)
	// A phantom touch lands on empty space and never lifts; it jitters a pixel.
	m.Tick([]game.PointerEvent{{Kind: game.Down, ID: 3, X: 100, Y: 1000}})
	for i := 0; i < 40*game.TPS && m.Screen() != ScreenAttract; i++ {
		m.Tick([]game.PointerEvent{{Kind: game.Move, ID: 3, X: 100 + float64(i%2), Y: 1000}})
	}
	if m.Screen() != ScreenAttract {
		t.Fatalf("a stuck touch kept the kiosk on %s", m.Screen())
	}
}

func TestFilter(t *testing.T) {
	f := NewFilter(10)
	out, act := f.Apply(1, []game.PointerEvent{{Kind: game.Down, ID: 1, X: 5, Y: 5}})
	if len(out) != 1 || !act {
		t.Fatal("down not passed")
	}
	for tick := 2; tick <= 11; tick++ {
		if out, _ := f.Apply(tick, nil); len(out) != 0 {
			t.Fatalf("tick %d: %v", tick, out)
		}
	}
	out, _ = f.Apply(12, nil)
	if len(out) != 1 || out[0].Kind != game.Up {
		t.Fatalf("stuck pointer not cut: %v", out)
	}
	if out, act := f.Apply(13, []game.PointerEvent{{Kind: game.Move, ID: 1, X: 6, Y: 5}}); len(out) != 0 || act {
		t.Fatal("stuck pointer's jitter passed")
	}
	if out, _ := f.Apply(14, []game.PointerEvent{{Kind: game.Move, ID: 1, X: 400, Y: 5}}); len(out) != 1 || out[0].Kind != game.Down {
		t.Fatalf("a stuck pointer moving far is not a finger again: %v", out)
	}
	if out, _ := f.Apply(15, []game.PointerEvent{{Kind: game.Up, ID: 1, X: 400, Y: 5}}); len(out) != 1 {
		t.Fatal("up lost")
	}
	if out, _ := f.Apply(16, []game.PointerEvent{{Kind: game.Move, ID: 0, X: 1, Y: 1}}); len(out) != 0 {
		t.Fatal("hover passed")
	}
}

func TestClosedHours(t *testing.T) {
	open := false
	s := &sink{}
	m := newMachine(t, landscape, s)
	m.env.IsOpen = func(time.Time) bool { return open }
	idle(m, game.TPS)
	if m.Screen() != ScreenClosed {
		t.Fatalf("closed hours: %s", m.Screen())
	}
	m.Tick(tap(960, 540))
	idle(m, 5)
	if m.Screen() != ScreenClosed {
		t.Fatalf("a tap opened a closed kiosk: %s", m.Screen())
	}
	open = true
	idle(m, game.TPS)
	if m.Screen() != ScreenAttract {
		t.Fatalf("after opening: %s", m.Screen())
	}
}

func TestStaffGesture(t *testing.T) {
	cases := []struct {
		name  string
		gap   int
		x, y  float64
		taps  int
		opens bool
	}{
		{"five quick corner taps", 20, 40, 40, 5, true},
		{"four taps", 20, 40, 40, 4, false},
		{"too slow", 45, 40, 40, 5, false},
		{"wrong corner", 20, 1880, 40, 5, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newMachine(t, landscape, &sink{})
			got := false
			for i := 0; i < tc.taps; i++ {
				m.Tick(tap(tc.x, tc.y))
				got = got || m.TakeStaffRequest()
				idle(m, tc.gap)
			}
			if got != tc.opens {
				t.Fatalf("gesture opened = %v, want %v", got, tc.opens)
			}
		})
	}
}

func TestPINPadLocks(t *testing.T) {
	p := &PINPad{MaxTries: 5, LockTicks: 60 * game.TPS}
	now := 0
	for i := 0; i < 5; i++ {
		for _, k := range []byte("1111") {
			p.Press(now, k)
		}
		pin := p.Submit(now)
		if pin != "1111" {
			t.Fatalf("try %d: submit %q", i, pin)
		}
		p.Verdict(now, false)
		now++
	}
	if l, left := p.Locked(now); !l || left != 60*game.TPS-1 {
		t.Fatalf("locked=%v left=%d after five wrong tries", l, left)
	}
	p.Press(now, '1')
	if len(p.Digits) != 0 {
		t.Fatal("locked pad took a digit")
	}
	now += 60 * game.TPS
	for _, k := range []byte("24680<8") {
		p.Press(now, k)
	}
	if pin := p.Submit(now); pin != "24688" {
		t.Fatalf("submit after lock: %q", pin)
	}
	if !p.Verdict(now, true) || p.Tries() != 0 {
		t.Fatal("right PIN refused")
	}
}

func TestPackSwapsOnlyAtAttract(t *testing.T) {
	m := newMachine(t, landscape, &sink{})
	old := m.Pack()
	m.Tick(tap(960, 540))
	next := pack(t)
	next.Version = "next0000"
	m.SetPack(next)
	if m.Pack() != old {
		t.Fatal("pack swapped mid-session")
	}
	m.Reset()
	if m.Pack() != next {
		t.Fatal("pack not swapped at attract")
	}
}

func TestReplayReproducesSession(t *testing.T) {
	s1 := &sink{}
	m := newMachine(t, landscape, s1)
	a := &Autopilot{M: m, Seed: 11}
	var buf bytes.Buffer
	rec := NewRecorder(&buf, ReplayHeader{Canvas: [2]float64{1920, 1080}, Seed: 7, Start: start})
	for i := 0; len(s1.finished) < 1 && i < 10*60*game.TPS; i++ {
		evs := a.Next()
		rec.Tick(m.Now()+1, evs)
		m.Tick(evs)
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	h, ticks, err := ReadReplay(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if h.Seed != 7 || len(ticks) == 0 {
		t.Fatalf("header %+v, %d ticks", h, len(ticks))
	}
	s2 := &sink{}
	m2 := newMachine(t, landscape, s2)
	pl := NewPlayer(ticks)
	for !pl.Done(m2.Now()) {
		m2.Tick(pl.At(m2.Now() + 1))
	}
	if len(s2.finished) != 1 {
		t.Fatalf("replay logged %d plays", len(s2.finished))
	}
	a1, a2 := s1.finished[0], s2.finished[0]
	a1.ID, a2.ID = "", ""
	if a1.Score != a2.Score || a1.End != a2.End || len(a1.Items) != len(a2.Items) || len(a1.Answers) != len(a2.Answers) {
		t.Fatalf("replay differs:\n%+v\n%+v", a1, a2)
	}
}

func TestCardsMissedAndMistakenFirst(t *testing.T) {
	p := pack(t)
	var tl game.Tally
	d0, d1 := p.Drugs[0].ID, p.Drugs[1].ID
	l0 := p.Lookalikes[0].ID
	tl.Items = []record.ItemOutcome{
		{ID: d0, Kind: "drug", Seen: 2, Seized: 2},
		{ID: l0, Kind: "lookalike", Seen: 1, FalseAlarms: 1},
		{ID: d1, Kind: "drug", Seen: 2, Seized: 1, Missed: 1},
		{ID: "unknown", Kind: "drug", Seen: 1},
	}
	cards := buildCards(p, &tl)
	if len(cards) != 3 {
		t.Fatalf("%d cards", len(cards))
	}
	if cards[0].Drug.ID != d1 || cards[1].Lookalike == nil || cards[2].Drug.ID != d0 {
		t.Fatalf("order: %+v", cards)
	}
}

func TestLayoutTouchTargets(t *testing.T) {
	for _, c := range []Canvas{landscape, portrait} {
		m := newMachine(t, c, &sink{})
		a := &Autopilot{M: m, Seed: 5}
		for i := 0; i < 6*60*game.TPS; i++ {
			m.Tick(a.Next())
			bs := m.Buttons()
			for j, b := range bs {
				r := b.Rect
				if r.W < 120 || r.H < 120 {
					t.Fatalf("%v %s: button %d is %gx%g, under 120", c, m.Screen(), j, r.W, r.H)
				}
				if r.X < Margin-1 || r.Y < Margin-1 || r.X+r.W > c.W-Margin+1 || r.Y+r.H > c.H-Margin+1 {
					t.Fatalf("%v %s: button %d %+v outside the safe margin", c, m.Screen(), j, r)
				}
				for k := j + 1; k < len(bs); k++ {
					o := bs[k].Rect
					if r.X < o.X+o.W+24 && o.X < r.X+r.W+24 && r.Y < o.Y+o.H+24 && o.Y < r.Y+r.H+24 {
						t.Fatalf("%v %s: buttons %d and %d closer than 24 px", c, m.Screen(), j, k)
					}
				}
			}
		}
	}
}

func FuzzReadReplay(f *testing.F) {
	f.Add([]byte(`{"playhall_replay":1,"canvas":[1920,1080],"seed":1,"start":"2026-11-30T09:00:00Z"}` + "\n" + `{"t":3,"e":[["down",0,10,10],["up",0,10,10]]}`))
	f.Add([]byte(`{"playhall_replay":1,"canvas":[1080,1920]}` + "\n" + `{"t":1,"e":[["move",2,1e9,0]]}`))
	f.Add([]byte("not json"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, ticks, err := ReadReplay(bytes.NewReader(b))
		if err != nil {
			return
		}
		last := 0
		for _, tk := range ticks {
			if tk.T <= last {
				t.Fatal("ticks not increasing")
			}
			last = tk.T
		}
	})
}
