package flow

import (
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/levels"
	"github.com/playhall/playhall/record"
)

// Screen is one visitor screen.
type Screen uint8

// Screens, in flow order.
const (
	ScreenClosed Screen = iota + 1
	ScreenAttract
	ScreenLanguage
	ScreenBand
	ScreenPreQuiz
	ScreenHowTo
	ScreenPlay
	ScreenResults
	ScreenQuiz
	ScreenPledge
)

var screenNames = map[Screen]string{
	ScreenClosed: "closed", ScreenAttract: "attract", ScreenLanguage: "language",
	ScreenBand: "band", ScreenPreQuiz: "prequiz", ScreenHowTo: "howto", ScreenPlay: "play",
	ScreenResults: "results", ScreenQuiz: "quiz", ScreenPledge: "pledge",
}

// String returns the screen's short name ("attract", "play" ...), used in
// logs, screenshots and --screen.
func (s Screen) String() string { return screenNames[s] }

// ScreenByName returns the screen named n.
func ScreenByName(n string) (Screen, bool) {
	for s, name := range screenNames {
		if name == n {
			return s, true
		}
	}
	return 0, false
}

// Sink receives the play record as the session goes: Begin when a band is
// chosen, Checkpoint every few seconds, Finish once when the session ends
// (completed at the pledge, timed out, or abandoned). The kiosk wires it to
// kiosk/playlog; calls happen on the game loop and must not block.
type Sink interface {
	Begin(p record.Play) string
	Checkpoint(p record.Play)
	Finish(p record.Play)
}

// RoundMaker starts a round of level for band on canvas c with seed.
type RoundMaker func(pack *levels.Pack, lvl *levels.Level, band levels.Band, c Canvas, seed uint64) (game.Game, error)

// Env is everything the machine needs from outside. Timeouts are in ticks.
type Env struct {
	Pack     *levels.Pack
	Canvas   Canvas
	Now      func() time.Time // wall clock; virtual in autoplay
	NewRound RoundMaker       // nil: rounds end at once (no game available)
	NewAI    func(seed uint64) game.Source
	Sink     Sink // nil: plays are not logged
	Seed     uint64

	KioskID    string
	AppVersion string
	VisitGroup func() string // current visit label, "" for none; may be nil

	PlayIdle, MenuIdle, StillThere, StuckTouch, HowTo, Pledge int

	Languages   []string
	DefaultLang string
	Bands       []levels.Band
	Playlist    map[levels.Band][]string // overrides the pack's playlists
	IsOpen      func(time.Time) bool     // nil: always open
	NewID       func() string            // play ids; nil uses crypto/rand

	StaffGesture Gesture
}

// CheckpointEvery is how often a session in progress is checkpointed.
const CheckpointEvery = 5 * game.TPS

// Machine is the visitor flow. It is driven by Tick from the game loop and
// read by the drawing layer between ticks; it is not safe for concurrent use.
type Machine struct {
	env     Env
	tick    int
	screen  Screen
	entered int // tick the screen was entered
	buttons []Button
	filter  *Filter
	swallow Swallow
	pressed map[int]int // pointer id → button index pressed on down

	// idle
	lastActive int
	stillAt    int // tick "Still there?" appeared, -1 when not shown

	// attract
	attract     game.Game
	attractAI   game.Source
	attractSeed uint64
	aiBuf       []game.PointerEvent

	// session
	lang        string
	band        levels.Band
	level       *levels.Level
	pre, post   []*levels.Question
	qIndex      int
	choice      int // answer chosen on the current question, -1 none
	answers     []record.Answer
	round       game.Game
	roundEvents []game.Event
	tally       game.Tally
	cards       []Card
	card        int
	play        record.Play
	inSession   bool
	sessionAt   int
	lastCkpt    int
	seedN       uint64

	pendingPack *levels.Pack
	staff       bool // the gesture completed; cleared by TakeStaffRequest
	// Ended counts finished sessions by how they ended.
	Ended map[record.End]int
}

// New returns a machine on the attract (or closed) screen.
func New(env Env) *Machine {
	if env.Now == nil {
		env.Now = time.Now
	}
	if env.NewID == nil {
		env.NewID = randomID
	}
	if len(env.Languages) == 0 {
		env.Languages = []string{"zh", "en"}
	}
	if env.DefaultLang == "" {
		env.DefaultLang = env.Languages[0]
	}
	if len(env.Bands) == 0 {
		env.Bands = levels.Bands
	}
	if env.StaffGesture.Taps == 0 {
		env.StaffGesture = Gesture{Corner: "top-left", Size: 200, Taps: 5, Window: 3 * game.TPS}
	}
	m := &Machine{
		env:     env,
		filter:  NewFilter(max(env.StuckTouch, game.TPS)),
		swallow: Swallow{},
		pressed: map[int]int{},
		stillAt: -1,
		lang:    env.DefaultLang,
		Ended:   map[record.End]int{},
	}
	m.attractSeed = env.Seed
	m.enterAttract()
	return m
}

func randomID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Tick advances the flow by one tick with the pointer events (canvas
// units) that arrived since the last one.
func (m *Machine) Tick(in []game.PointerEvent) {
	m.tick++
	evs, active := m.filter.Apply(m.tick, in)
	if active {
		m.lastActive = m.tick
	}
	for _, e := range evs {
		if e.Kind == game.Down && m.env.StaffGesture.Down(m.tick, e.X, e.Y, m.env.Canvas) {
			m.staff = true
		}
	}
	// "Still there?": any touch answers it and is used up.
	if m.stillAt >= 0 {
		for _, e := range evs {
			if e.Kind == game.Down {
				// The answering touch is used up: the rest of this tick and
				// the rest of that pointer's life press nothing.
				m.stillAt = -1
				m.swallow.Take(e.ID)
				m.lastActive = m.tick
				return
			}
		}
		if m.tick-m.stillAt >= m.env.StillThere {
			m.abandon()
		}
		return // the round pauses under the overlay
	} else {
		evs = m.dropSwallowed(evs)
		if limit := m.idleLimit(); limit > 0 && m.tick-m.lastActive >= limit && m.filter.Down() == 0 {
			m.stillAt = m.tick
			return
		}
	}
	m.update(evs)
	if m.inSession && m.tick-m.lastCkpt >= CheckpointEvery {
		m.checkpoint()
	}
}

func (m *Machine) dropSwallowed(evs []game.PointerEvent) []game.PointerEvent {
	if len(m.swallow) == 0 {
		return evs
	}
	out := evs[:0]
	for _, e := range evs {
		if !m.swallow.Drop(e) {
			out = append(out, e)
		}
	}
	return out
}

// idleLimit is the current screen's idle timeout in ticks, 0 for none.
func (m *Machine) idleLimit() int {
	switch m.screen {
	case ScreenPlay:
		return m.env.PlayIdle
	case ScreenLanguage, ScreenBand, ScreenPreQuiz, ScreenResults, ScreenQuiz:
		return m.env.MenuIdle
	}
	return 0
}

// update runs the current screen with the events that reached it.
func (m *Machine) update(evs []game.PointerEvent) {
	switch m.screen {
	case ScreenClosed:
		if m.tick%game.TPS == 0 && m.open() {
			m.enterAttract()
		}
		return
	case ScreenAttract:
		m.stepAttract()
		for _, e := range evs {
			if e.Kind == game.Down {
				m.swallow.Take(e.ID) // the waking tap presses nothing behind
				m.startSession()
				return
			}
		}
		if m.tick%game.TPS == 0 && !m.open() {
			m.go_(ScreenClosed)
		}
		return
	case ScreenPlay:
		m.stepRound(evs)
		return
	case ScreenHowTo:
		if m.tick-m.entered >= m.env.HowTo {
			m.enterPlay()
			return
		}
	case ScreenPledge:
		if m.tick-m.entered >= m.env.Pledge {
			m.enterAttract()
			return
		}
	}
	for _, e := range evs {
		m.pointer(e)
		if m.screenChangedAt() {
			return
		}
	}
}

func (m *Machine) screenChangedAt() bool { return m.entered == m.tick }

// pointer presses a button on up when the same button got the down.
func (m *Machine) pointer(e game.PointerEvent) {
	switch e.Kind {
	case game.Down:
		if i := m.hit(e.X, e.Y); i >= 0 {
			m.pressed[e.ID] = i
		}
	case game.Up:
		i, ok := m.pressed[e.ID]
		delete(m.pressed, e.ID)
		if ok && i < len(m.buttons) && m.hit(e.X, e.Y) == i {
			m.press(i)
		}
	}
}

func (m *Machine) hit(x, y float64) int {
	for i, b := range m.buttons {
		if b.Rect.Contains(x, y, HitPad) {
			return i
		}
	}
	return -1
}

func (m *Machine) open() bool {
	return m.env.IsOpen == nil || m.env.IsOpen(m.env.Now())
}

// go_ switches screens and lays out its buttons.
func (m *Machine) go_(s Screen) {
	m.screen = s
	m.entered = m.tick
	clear(m.pressed)
	m.layout()
}

// --- reading state (for drawing, sounds, tests) ---

// Screen returns the current screen.
func (m *Machine) Screen() Screen { return m.screen }

// Now returns the machine's tick count.
func (m *Machine) Now() int { return m.tick }

// ScreenTicks returns how long the current screen has been shown.
func (m *Machine) ScreenTicks() int { return m.tick - m.entered }

// Buttons returns the current screen's touch targets (owned by m).
func (m *Machine) Buttons() []Button { return m.buttons }

// Canvas returns the layout canvas.
func (m *Machine) Canvas() Canvas { return m.env.Canvas }

// StillThere reports whether the "Still there?" countdown shows and how
// many ticks it has left.
func (m *Machine) StillThere() (bool, int) {
	if m.stillAt < 0 {
		return false, 0
	}
	return true, m.env.StillThere - (m.tick - m.stillAt)
}

// Lang returns the visitor's language ("zh" or "en").
func (m *Machine) Lang() string { return m.lang }

// Band returns the chosen band ("" before the choice).
func (m *Machine) Band() levels.Band { return m.band }

// Level returns the session's level (nil before the band choice).
func (m *Machine) Level() *levels.Level { return m.level }

// Pack returns the content pack in use.
func (m *Machine) Pack() *levels.Pack { return m.env.Pack }

// Round returns the round on screen: the visitor's in play, the AI's on the
// attract screen; nil when none.
func (m *Machine) Round() game.Game {
	if m.screen == ScreenAttract {
		return m.attract
	}
	return m.round
}

// RoundEvents returns the outcome events of the last round step (attract or
// play), for sounds and effects. Valid until the next Tick.
func (m *Machine) RoundEvents() []game.Event { return m.roundEvents }

// Tally returns the session's round tally.
func (m *Machine) Tally() *game.Tally { return &m.tally }

// Question returns the question on screen, its number (0-based) and count,
// and the chosen option (-1 before an answer). nil off the question screens.
func (m *Machine) Question() (q *levels.Question, n, of, choice int) {
	qs := m.post
	if m.screen == ScreenPreQuiz {
		qs = m.pre
	} else if m.screen != ScreenQuiz {
		return nil, 0, 0, -1
	}
	if m.qIndex >= len(qs) {
		return nil, 0, 0, -1
	}
	return qs[m.qIndex], m.qIndex, len(qs), m.choice
}

// Cards returns the results screen's learning cards and the one shown.
func (m *Machine) Cards() ([]Card, int) { return m.cards, m.card }

// Play returns the session's play record as it stands.
func (m *Machine) Play() record.Play { return m.play }

// InSession reports whether a visitor session (band chosen, not yet logged)
// is running.
func (m *Machine) InSession() bool { return m.inSession }

// StuckPointers returns how many pointers are ignored as stuck.
func (m *Machine) StuckPointers() int { return m.filter.Stuck() }

// TakeStaffRequest reports (once) that the staff gesture was completed.
func (m *Machine) TakeStaffRequest() bool {
	s := m.staff
	m.staff = false
	return s
}

// SetPack queues a new content pack; it takes effect the next time the
// attract screen starts, never mid-session.
func (m *Machine) SetPack(p *levels.Pack) {
	m.pendingPack = p
	if m.screen == ScreenAttract || m.screen == ScreenClosed {
		m.enterAttract()
	}
}

// SetPlaylist replaces the per-band playlist override (staff menu).
func (m *Machine) SetPlaylist(pl map[levels.Band][]string) { m.env.Playlist = pl }

// SetCanvas changes the layout canvas (orientation change) and re-lays
// the current screen.
func (m *Machine) SetCanvas(c Canvas) {
	if c == m.env.Canvas {
		return
	}
	m.env.Canvas = c
	m.layout()
	if m.screen == ScreenAttract {
		m.attract = nil // restart the demo round on the new canvas
	}
}

// Reset ends any session as abandoned and returns to attract (the staff
// menu closing, a forced return).
func (m *Machine) Reset() { m.EndSession(record.EndAbandoned) }

// EndSession ends any session in progress at once and returns to attract.
// The play goes to Sink.Finish with end and its state as of this tick
// (score, items, answers, duration), not as of its last checkpoint; the
// kiosk's play log drops the checkpoint on Finish, so none is left. The
// kiosk calls it with record.EndCrashed when a stop signal cuts a play
// off. Without a session it only returns to attract.
func (m *Machine) EndSession(end record.End) {
	if m.inSession {
		m.finish(end)
	}
	m.stillAt = -1
	m.filter.Reset()
	clear(m.swallow)
	m.enterAttract()
}
