package flow

import (
	"sort"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/levels"
)

// Card is one learning card on the results screen: a drug the visitor met,
// or a look-alike they mistook for one.
type Card struct {
	Drug      *levels.Drug      // the drug (for a look-alike: the one it resembles, may be nil)
	Lookalike *levels.Lookalike // set when the card is about a mistaken look-alike
	Seen      int
	Seized    int
	Missed    int // drugs that got through
	Mistaken  int // look-alike taps
}

// Priority orders cards: missed drugs first, then mistaken look-alikes,
// then the rest.
func (c Card) priority() int {
	switch {
	case c.Missed > 0:
		return 0
	case c.Mistaken > 0:
		return 1
	}
	return 2
}

// buildCards makes a card for every drug met and every look-alike
// mistaken, missed and mistaken first, in order of appearance otherwise.
func buildCards(pack *levels.Pack, t *game.Tally) []Card {
	if pack == nil {
		return nil
	}
	var out []Card
	for _, it := range t.Items {
		switch it.Kind {
		case "drug":
			d := pack.Drug(it.ID)
			if d == nil || it.Seen == 0 {
				continue
			}
			out = append(out, Card{Drug: d, Seen: it.Seen, Seized: it.Seized, Missed: it.Missed})
		case "lookalike":
			l := pack.Lookalike(it.ID)
			if l == nil || it.FalseAlarms == 0 {
				continue
			}
			out = append(out, Card{Lookalike: l, Drug: pack.Drug(l.Resembles), Seen: it.Seen, Mistaken: it.FalseAlarms})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].priority() < out[j].priority() })
	return out
}
