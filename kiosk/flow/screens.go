package flow

import (
	"slices"
	"time"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/levels"
	"github.com/playhall/playhall/record"
)

// QuizLength is how many questions the post-play quiz asks.
const QuizLength = 3

func (m *Machine) enterAttract() {
	if m.pendingPack != nil {
		m.env.Pack = m.pendingPack
		m.pendingPack = nil
		m.attract = nil
	}
	m.inSession = false
	m.lang = m.env.DefaultLang
	m.band, m.level = "", nil
	m.round = nil
	m.roundEvents = nil
	m.stillAt = -1
	if !m.open() {
		m.go_(ScreenClosed)
		return
	}
	m.go_(ScreenAttract)
}

// attractLevel is the level the AI demonstrates: the first shooter level of
// the first band's playlist, else the pack's first level.
func (m *Machine) attractLevel() *levels.Level {
	if m.env.Pack == nil || len(m.env.Pack.Levels) == 0 {
		return nil
	}
	for _, b := range m.env.Bands {
		for _, id := range m.playlist(b) {
			if l := m.env.Pack.Level(id); l != nil && l.Mode == levels.ModeShooter {
				return l
			}
		}
	}
	return &m.env.Pack.Levels[0]
}

func (m *Machine) stepAttract() {
	m.roundEvents = nil
	if m.attract == nil || m.attract.Done() {
		m.attract = nil
		lvl := m.attractLevel()
		if lvl == nil || m.env.NewRound == nil {
			return
		}
		m.attractSeed++
		g, err := m.env.NewRound(m.env.Pack, lvl, m.env.Bands[0], m.env.Canvas, m.attractSeed)
		if err != nil {
			return
		}
		m.attract = g
		if m.env.NewAI != nil {
			m.attractAI = m.env.NewAI(m.attractSeed)
		}
	}
	m.aiBuf = m.aiBuf[:0]
	if m.attractAI != nil {
		m.aiBuf = m.attractAI.Next(m.attract, m.aiBuf)
	}
	m.attract.Step(m.aiBuf)
	m.roundEvents = m.attract.Events()
}

func (m *Machine) startSession() {
	m.lastActive = m.tick
	m.tally.Reset()
	m.answers = m.answers[:0]
	m.cards = nil
	if len(m.env.Languages) == 1 {
		m.lang = m.env.Languages[0]
		m.go_(ScreenBand)
		return
	}
	m.go_(ScreenLanguage)
}

// playlist returns the level ids offered to band: the kiosk's override,
// else the pack's playlist.
func (m *Machine) playlist(b levels.Band) []string {
	if ids := m.env.Playlist[b]; len(ids) > 0 {
		return ids
	}
	if m.env.Pack == nil {
		return nil
	}
	return m.env.Pack.LevelsFor(b)
}

func (m *Machine) chooseBand(b levels.Band) {
	m.band = b
	m.level = nil
	pack := m.env.Pack
	if pack != nil {
		// The kiosk's playlist may name levels a reloaded pack no longer
		// has; the pack's own playlist for the band comes next.
		for _, id := range slices.Concat(m.playlist(b), pack.LevelsFor(b)) {
			if l := pack.Level(id); l != nil {
				m.level = l
				break
			}
		}
		if m.level == nil && len(pack.Levels) > 0 {
			m.level = &pack.Levels[0]
		}
	}
	m.pre = m.questions(true)
	m.post = m.questions(false)
	m.beginPlay()
	m.qIndex, m.choice = 0, -1
	if len(m.pre) > 0 {
		m.go_(ScreenPreQuiz)
		return
	}
	m.go_(ScreenHowTo)
}

// questions picks the pre-play questions (the level's, for the band) or
// the post-play quiz (the level's, topped up to QuizLength from the band's
// questions about the level's drugs, then any of the band's).
func (m *Machine) questions(pre bool) []*levels.Question {
	pack := m.env.Pack
	if pack == nil || m.level == nil {
		return nil
	}
	forBand := func(q *levels.Question) bool {
		return q != nil && (len(q.Bands) == 0 || slices.Contains(q.Bands, m.band))
	}
	var out []*levels.Question
	add := func(q *levels.Question) {
		if forBand(q) && !slices.Contains(out, q) {
			out = append(out, q)
		}
	}
	if pre {
		for _, id := range m.level.PreQuestions {
			add(pack.Question(id))
		}
		return out
	}
	for _, id := range m.level.PostQuestions {
		add(pack.Question(id))
	}
	for i := range pack.Questions {
		if len(out) >= QuizLength {
			break
		}
		if !slices.Contains(m.level.PreQuestions, pack.Questions[i].ID) {
			add(&pack.Questions[i])
		}
	}
	// Asking a pre-play question again after the round is a fair
	// pre/post measure when the pack has too few questions.
	for _, id := range m.level.PreQuestions {
		if len(out) >= QuizLength {
			break
		}
		add(pack.Question(id))
	}
	if len(out) > QuizLength {
		out = out[:QuizLength]
	}
	return out
}

func (m *Machine) beginPlay() {
	p := record.Play{
		ID:         m.env.NewID(),
		KioskID:    m.env.KioskID,
		Source:     record.SourceKiosk,
		AppVersion: m.env.AppVersion,
		Start:      m.env.Now().UTC().Truncate(time.Minute),
		Band:       string(m.band),
		Lang:       m.lang,
		End:        record.EndAbandoned,
	}
	if m.env.Pack != nil {
		p.ContentVersion = m.env.Pack.Version
	}
	if m.level != nil {
		p.Level, p.Mode = m.level.ID, string(m.level.Mode)
	}
	if m.env.VisitGroup != nil {
		p.VisitGroup = m.env.VisitGroup()
	}
	m.play = p
	m.inSession = true
	m.sessionAt = m.tick
	m.lastCkpt = m.tick
	if m.env.Sink != nil {
		if id := m.env.Sink.Begin(p); id != "" {
			m.play.ID = id
		}
	}
}

// current fills the play record with the session so far.
func (m *Machine) current(end record.End) record.Play {
	p := m.play
	m.tally.Apply(&p)
	p.End = end
	p.Answers = append([]record.Answer(nil), m.answers...)
	p.Duration = float64(m.tick-m.sessionAt) / game.TPS
	return p
}

func (m *Machine) checkpoint() {
	m.lastCkpt = m.tick
	if m.env.Sink != nil {
		m.env.Sink.Checkpoint(m.current(record.EndCrashed))
	}
}

// finish logs the session once and ends it.
func (m *Machine) finish(end record.End) {
	if !m.inSession {
		return
	}
	m.inSession = false
	p := m.current(end)
	m.play = p
	m.Ended[end]++
	if m.env.Sink != nil {
		m.env.Sink.Finish(p)
	}
}

// abandon ends the session as abandoned (nobody answered "Still there?").
func (m *Machine) abandon() {
	m.finish(record.EndAbandoned)
	m.filter.Reset()
	m.enterAttract()
}

func (m *Machine) enterPlay() {
	m.round = nil
	m.roundEvents = nil
	if m.level != nil && m.env.NewRound != nil {
		m.seedN++
		g, err := m.env.NewRound(m.env.Pack, m.level, m.band, m.env.Canvas, m.env.Seed*7919+m.seedN)
		if err == nil {
			m.round = g
		}
	}
	m.go_(ScreenPlay)
}

func (m *Machine) stepRound(evs []game.PointerEvent) {
	if m.round == nil {
		m.enterResults()
		return
	}
	m.round.Step(evs)
	m.roundEvents = m.round.Events()
	m.tally.Add(m.roundEvents)
	if m.round.Done() {
		m.enterResults()
	}
}

func (m *Machine) enterResults() {
	m.cards = buildCards(m.env.Pack, &m.tally)
	m.card = 0
	m.go_(ScreenResults)
}

func (m *Machine) enterQuiz() {
	m.qIndex, m.choice = 0, -1
	if len(m.post) == 0 {
		m.enterPledge()
		return
	}
	m.go_(ScreenQuiz)
}

func (m *Machine) enterPledge() {
	m.finish(m.tally.End())
	m.go_(ScreenPledge)
}

// press runs button i of the current screen.
func (m *Machine) press(i int) {
	b := m.buttons[i]
	switch m.screen {
	case ScreenLanguage:
		if b.Kind == BtnLanguage {
			m.lang = m.env.Languages[b.Index]
			m.go_(ScreenBand)
		}
	case ScreenBand:
		switch b.Kind {
		case BtnBand:
			m.chooseBand(m.env.Bands[b.Index])
		case BtnBack:
			m.go_(ScreenLanguage)
		}
	case ScreenPreQuiz, ScreenQuiz:
		m.pressQuestion(b)
	case ScreenHowTo:
		if b.Kind == BtnSkip {
			m.enterPlay()
		}
	case ScreenResults:
		switch b.Kind {
		case BtnPrev:
			if m.card > 0 {
				m.card--
			}
		case BtnNext:
			if m.card < len(m.cards)-1 {
				m.card++
			}
		case BtnFinish:
			m.enterQuiz()
		}
	case ScreenPledge:
		if b.Kind == BtnFinish {
			m.enterAttract()
		}
	}
}

func (m *Machine) pressQuestion(b Button) {
	pre := m.screen == ScreenPreQuiz
	qs := m.post
	phase := "post"
	if pre {
		qs, phase = m.pre, "pre"
	}
	q := qs[m.qIndex]
	switch b.Kind {
	case BtnOption:
		if m.choice >= 0 {
			return
		}
		m.choice = b.Index
		m.answers = append(m.answers, record.Answer{
			Question: q.ID, Phase: phase, Choice: b.Index, Correct: q.Options[b.Index].Correct,
		})
		if pre {
			// Pre-play answers measure what the visitor knew: no reveal,
			// straight on (the quiz after the round explains everything).
			m.nextQuestion(qs, pre)
			return
		}
		m.layout() // the Next button appears
	case BtnNext:
		if m.choice >= 0 {
			m.nextQuestion(qs, pre)
		}
	}
}

func (m *Machine) nextQuestion(qs []*levels.Question, pre bool) {
	m.qIndex++
	m.choice = -1
	if m.qIndex < len(qs) {
		m.entered = m.tick
		m.layout()
		return
	}
	if pre {
		m.go_(ScreenHowTo)
	} else {
		m.enterPledge()
	}
}
