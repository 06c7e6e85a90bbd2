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

// Drug returns the drug with id, or nil.
func (p *Pack) Drug(id string) *Drug {
	if i, ok := p.drugByID[id]; ok {
		return &p.Drugs[i]
	}
	return nil
}

// Lookalike returns the look-alike with id, or nil.
func (p *Pack) Lookalike(id string) *Lookalike {
	if i, ok := p.lookalikeByID[id]; ok {
		return &p.Lookalikes[i]
	}
	return nil
}

// Question returns the question with id, or nil.
func (p *Pack) Question(id string) *Question {
	if i, ok := p.questionByID[id]; ok {
		return &p.Questions[i]
	}
	return nil
}

// Level returns the level with id, or nil.
func (p *Pack) Level(id string) *Level {
	if i, ok := p.levelByID[id]; ok {
		return &p.Levels[i]
	}
	return nil
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
