package game

import "github.com/playhall/playhall/record"

// Tally folds a round's events into the results summary and the play
// record. It is the only place outcomes are counted: the results screen and
// the play log read a Tally, never the game's state, so what the visitor sees
// and what the office counts cannot disagree.
//
// The zero Tally is ready to use. Add costs a few nanoseconds per event; a
// new item id appends to Items.
type Tally struct {
	Score            int // sum of every event's Points, never below 0
	Arrests          int // traffickers arrested (the boss not included)
	Seized           int // drugs seized (tapped or sorted to the police)
	Missed           int // drugs that got through
	FalseAlarms      int // look-alikes tapped or sorted to the police
	LookalikesSorted int // look-alikes correctly sorted as safe
	BossHits         int // taps on the boss
	BossCaught       bool
	PlayerHits       int // drugs that reached the player (shooter)
	Actions          int // pointer actions that counted: taps and sort choices
	Good             int // actions that were right
	MaxCombo         int
	Ended            bool
	Reason           EndReason // how the round ended, "" while it runs
	EndTick          int       // tick of RoundEnded
	// Items counts per drug and look-alike, in order of first appearance.
	// ItemOutcome.Seen counts ItemSpawned events.
	Items []record.ItemOutcome
}

// Add folds events into t.
func (t *Tally) Add(evs []Event) {
	for i := range evs {
		t.add(&evs[i])
	}
}

func (t *Tally) add(e *Event) {
	t.Score += e.Points
	if t.Score < 0 {
		t.Score = 0
	}
	if e.Combo > t.MaxCombo {
		t.MaxCombo = e.Combo
	}
	switch e.Kind {
	case ItemSpawned:
		t.item(e).Seen++
	case DrugSeized:
		t.Seized++
		t.item(e).Seized++
		t.action(true)
	case DrugMissed:
		t.Missed++
		t.item(e).Missed++
		if e.Pointer >= 0 {
			t.action(false) // sorted as safe: a wrong choice
		}
	case LookalikeHit:
		t.FalseAlarms++
		t.item(e).FalseAlarms++
		t.action(false)
	case LookalikeSorted:
		t.LookalikesSorted++
		t.action(true)
	case TraffickerArrested:
		t.Arrests++
		t.action(true)
	case BossHit:
		t.BossHits++
		t.action(true)
	case BossCaught:
		t.BossCaught = true
	case PlayerHit:
		t.PlayerHits++
	case TapMissed:
		t.action(false)
	case RoundEnded:
		t.Ended = true
		t.Reason = e.Reason
		t.EndTick = e.Tick
	}
}

func (t *Tally) action(good bool) {
	t.Actions++
	if good {
		t.Good++
	}
}

func (t *Tally) item(e *Event) *record.ItemOutcome {
	for i := range t.Items {
		if t.Items[i].ID == e.Item {
			return &t.Items[i]
		}
	}
	t.Items = append(t.Items, record.ItemOutcome{ID: e.Item, Kind: e.ItemKind.String()})
	return &t.Items[len(t.Items)-1]
}

// Accuracy returns Good/Actions in [0, 1]; 1 when there were no actions.
func (t *Tally) Accuracy() float64 {
	if t.Actions == 0 {
		return 1
	}
	return float64(t.Good) / float64(t.Actions)
}

// Grade returns the results stamp: "S" (boss caught or cleared with
// accuracy ≥ 0.9 and no drug through), "A" (accuracy ≥ 0.75), "B" (≥ 0.5)
// or "C".
func (t *Tally) Grade() string {
	acc := t.Accuracy()
	switch {
	case (t.Reason == EndBossCaught || t.Reason == EndCleared) && acc >= 0.9 && t.Missed == 0:
		return "S"
	case acc >= 0.75:
		return "A"
	case acc >= 0.5:
		return "B"
	}
	return "C"
}

// End maps the round's reason to a record end: time_up is timed_out,
// every other finish is completed. The kiosk overrides it with abandoned
// when the visitor walks away.
func (t *Tally) End() record.End {
	if t.Reason == EndTimeUp {
		return record.EndTimedOut
	}
	return record.EndCompleted
}

// Apply writes the round's outcome into p: Score, Arrests, BossCaught,
// Items (a copy) and End. It leaves every other field alone.
func (t *Tally) Apply(p *record.Play) {
	p.Score = t.Score
	p.Arrests = t.Arrests
	p.BossCaught = t.BossCaught
	p.Items = append([]record.ItemOutcome(nil), t.Items...)
	p.End = t.End()
}

// Reset empties t for the next round, keeping Items' storage.
func (t *Tally) Reset() {
	items := t.Items[:0]
	*t = Tally{Items: items}
}
