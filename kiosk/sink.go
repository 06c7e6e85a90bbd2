package kiosk

import "github.com/playhall/playhall/record"

// logSink passes the flow's play records to the play log. Every call
// returns at once (playlog never waits for the disk); an error is logged and
// counted, never raised: a disk problem must not stop the exhibit.
type logSink struct {
	log     *playLog
	logf    func(string, ...any)
	kioskID func() string
	errors  int
	Logged  int
}

func (s *logSink) fill(p *record.Play) {
	if p.KioskID == "" && s.kioskID != nil {
		p.KioskID = s.kioskID()
	}
}

func (s *logSink) Begin(p record.Play) string {
	if s.log == nil {
		return ""
	}
	s.fill(&p)
	id, err := s.log.Begin(p)
	if err != nil {
		s.errors++
		s.logf("playlog: begin: %v", err)
	}
	return id
}

func (s *logSink) Checkpoint(p record.Play) {
	if s.log == nil {
		return
	}
	s.fill(&p)
	if err := s.log.Checkpoint(p); err != nil {
		s.errors++
		s.logf("playlog: checkpoint: %v", err)
	}
}

func (s *logSink) Finish(p record.Play) {
	if s.log == nil {
		return
	}
	s.fill(&p)
	if _, err := s.log.Append(p); err != nil {
		s.errors++
		s.logf("playlog: play %s not logged: %v", p.ID, err)
		return
	}
	s.Logged++
	s.logf("play logged: %s band=%s level=%s end=%s score=%d", p.ID, p.Band, p.Level, p.End, p.Score)
}
