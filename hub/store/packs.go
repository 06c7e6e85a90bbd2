package store

import (
	"fmt"
	"sync"

	"github.com/playhall/playhall/levels"
	"github.com/playhall/playhall/record"
)

// packs are the content packs the hub knows, by version. A play whose
// content_version is a known pack has its level, item and question ids
// checked against it (an unknown id is quarantined); a play from a pack
// the hub does not know (a hall's own edited content) is taken on its
// shape alone, since the hub cannot tell a new id from a wrong one.
type packs struct {
	mu sync.RWMutex
	m  map[string]*levels.Pack
}

// KnowPack registers a content pack (the hub registers the embedded
// default pack at start). Safe for concurrent use.
func (s *Store) KnowPack(p *levels.Pack) {
	if p == nil || p.Version == "" {
		return
	}
	s.packs.mu.Lock()
	if s.packs.m == nil {
		s.packs.m = map[string]*levels.Pack{}
	}
	s.packs.m[p.Version] = p
	s.packs.mu.Unlock()
}

// checkIDs returns why p's ids do not fit its known pack, or "".
func (s *Store) checkIDs(p *record.Play) string {
	s.packs.mu.RLock()
	pack := s.packs.m[p.ContentVersion]
	s.packs.mu.RUnlock()
	if pack == nil {
		return ""
	}
	if pack.Level(p.Level) == nil {
		return fmt.Sprintf("level %q is not in content pack %s", p.Level, p.ContentVersion)
	}
	for i, it := range p.Items {
		if (it.Kind == "drug" && pack.Drug(it.ID) == nil) || (it.Kind == "lookalike" && pack.Lookalike(it.ID) == nil) {
			return fmt.Sprintf("items[%d]: %s %q is not in content pack %s", i, it.Kind, it.ID, p.ContentVersion)
		}
	}
	for i, a := range p.Answers {
		if pack.Question(a.Question) == nil {
			return fmt.Sprintf("answers[%d]: question %q is not in content pack %s", i, a.Question, p.ContentVersion)
		}
	}
	return ""
}
