package levels

// index builds the id lookups. The loader calls it once a pack validates.
func (p *Pack) index() {
	p.drugByID = make(map[string]int, len(p.Drugs))
	for i, d := range p.Drugs {
		p.drugByID[d.ID] = i
	}
	p.lookalikeByID = make(map[string]int, len(p.Lookalikes))
	for i, l := range p.Lookalikes {
		p.lookalikeByID[l.ID] = i
	}
	p.questionByID = make(map[string]int, len(p.Questions))
	for i, q := range p.Questions {
		p.questionByID[q.ID] = i
	}
	p.levelByID = make(map[string]int, len(p.Levels))
	for i, l := range p.Levels {
		p.levelByID[l.ID] = i
	}
}

// find returns the element of all with id. A loaded pack has an index
// (byID); a Pack built in Go, as tests do, has none and is scanned.
func find[T any](byID map[string]int, all []T, id string, idOf func(*T) string) *T {
	if byID != nil {
		if i, ok := byID[id]; ok {
			return &all[i]
		}
		return nil
	}
	for i := range all {
		if idOf(&all[i]) == id {
			return &all[i]
		}
	}
	return nil
}

// Drug returns the drug with id, or nil.
func (p *Pack) Drug(id string) *Drug {
	return find(p.drugByID, p.Drugs, id, func(d *Drug) string { return d.ID })
}

// Lookalike returns the look-alike with id, or nil.
func (p *Pack) Lookalike(id string) *Lookalike {
	return find(p.lookalikeByID, p.Lookalikes, id, func(l *Lookalike) string { return l.ID })
}

// Question returns the question with id, or nil.
func (p *Pack) Question(id string) *Question {
	return find(p.questionByID, p.Questions, id, func(q *Question) string { return q.ID })
}

// Level returns the level with id, or nil.
func (p *Pack) Level(id string) *Level {
	return find(p.levelByID, p.Levels, id, func(l *Level) string { return l.ID })
}

// LevelsFor returns the ids of the levels the pack's playlist offers band,
// default first; nil when the band has no playlist.
func (p *Pack) LevelsFor(b Band) []string {
	for _, pl := range p.Playlists {
		if pl.Band == b {
			return pl.Levels
		}
	}
	return nil
}
