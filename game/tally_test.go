package game

import (
	"testing"
	"time"

	"github.com/playhall/playhall/record"
)

func TestTallyFolds(t *testing.T) {
	ev := func(k EventKind, item string, ik ItemKind, pts, ptr int) Event {
		return Event{Kind: k, Item: item, ItemKind: ik, Points: pts, Pointer: ptr}
	}
	cases := []struct {
		name  string
		evs   []Event
		check func(*Tally) bool
	}{
		{"spawn counts seen", []Event{ev(ItemSpawned, "meth", Drug, 0, -1), ev(ItemSpawned, "meth", Drug, 0, -1)},
			func(t *Tally) bool {
				return len(t.Items) == 1 && t.Items[0].Seen == 2 && t.Items[0].Kind == "drug" && t.Actions == 0
			}},
		{"seize", []Event{ev(DrugSeized, "meth", Drug, 100, 0)},
			func(t *Tally) bool {
				return t.Seized == 1 && t.Items[0].Seized == 1 && t.Score == 100 && t.Good == 1 && t.Actions == 1
			}},
		{"drug reached player is not an action", []Event{ev(DrugMissed, "meth", Drug, 0, -1), ev(PlayerHit, "meth", Drug, 0, -1)},
			func(t *Tally) bool {
				return t.Missed == 1 && t.PlayerHits == 1 && t.Actions == 0 && t.Items[0].Missed == 1
			}},
		{"drug sorted as safe is a wrong action", []Event{ev(DrugMissed, "meth", Drug, 0, 2)},
			func(t *Tally) bool { return t.Missed == 1 && t.Actions == 1 && t.Good == 0 }},
		{"false alarm", []Event{ev(DrugSeized, "meth", Drug, 100, 0), ev(LookalikeHit, "sugar", Lookalike, -50, 0)},
			func(t *Tally) bool {
				return t.FalseAlarms == 1 && t.Items[1].FalseAlarms == 1 && t.Items[1].Kind == "lookalike" && t.Score == 50 && t.Accuracy() == 0.5
			}},
		{"score never below zero", []Event{ev(LookalikeHit, "sugar", Lookalike, -50, 0)},
			func(t *Tally) bool { return t.Score == 0 }},
		{"lookalike sorted", []Event{ev(LookalikeSorted, "sugar", Lookalike, 100, 0)},
			func(t *Tally) bool { return t.LookalikesSorted == 1 && t.Good == 1 }},
		{"arrest and boss", []Event{ev(TraffickerArrested, "", NoItem, 250, 0), ev(BossHit, "", NoItem, 150, 0), ev(BossCaught, "", NoItem, 2000, 0), {Kind: RoundEnded, Reason: EndBossCaught, Tick: 99}},
			func(t *Tally) bool {
				return t.Arrests == 1 && t.BossHits == 1 && t.BossCaught && t.Ended && t.Reason == EndBossCaught && t.EndTick == 99 && t.Score == 2400 && len(t.Items) == 0
			}},
		{"empty tap", []Event{ev(TapMissed, "", NoItem, 0, 0)},
			func(t *Tally) bool { return t.Actions == 1 && t.Accuracy() == 0 }},
		{"max combo", []Event{{Kind: DrugSeized, Item: "a", Combo: 3}, {Kind: LookalikeHit, Item: "b", Combo: 0}},
			func(t *Tally) bool { return t.MaxCombo == 3 }},
		{"no actions is full accuracy", nil, func(t *Tally) bool { return t.Accuracy() == 1 }},
	}
	for _, c := range cases {
		var tl Tally
		tl.Add(c.evs)
		if !c.check(&tl) {
			t.Errorf("%s: %+v", c.name, tl)
		}
	}
}

func TestTallyGradeAndEnd(t *testing.T) {
	cases := []struct {
		reason      EndReason
		good, total int
		missed      int
		grade       string
		end         record.End
	}{
		{EndBossCaught, 10, 10, 0, "S", record.EndCompleted},
		{EndBossCaught, 10, 10, 1, "A", record.EndCompleted},
		{EndTimeUp, 10, 10, 0, "A", record.EndTimedOut},
		{EndHealthOut, 6, 10, 3, "B", record.EndCompleted},
		{EndCleared, 2, 10, 0, "C", record.EndCompleted},
	}
	for _, c := range cases {
		tl := Tally{Reason: c.reason, Good: c.good, Actions: c.total, Missed: c.missed}
		if g := tl.Grade(); g != c.grade {
			t.Errorf("%+v: grade %s, want %s", c, g, c.grade)
		}
		if e := tl.End(); e != c.end {
			t.Errorf("%+v: end %s, want %s", c, e, c.end)
		}
	}
}

func TestTallyApplyMakesValidRecord(t *testing.T) {
	var tl Tally
	tl.Add([]Event{
		{Kind: ItemSpawned, Item: "meth", ItemKind: Drug},
		{Kind: DrugSeized, Item: "meth", ItemKind: Drug, Points: 100},
		{Kind: TraffickerArrested, Points: 250},
		{Kind: RoundEnded, Reason: EndTimeUp},
	})
	p := record.Play{ID: "0123456789abcdef0123456789abcdef", KioskID: "k1", Source: record.SourceSimulated,
		ContentVersion: "v", Start: time.Date(2026, 1, 1, 9, 30, 0, 0, time.UTC), Band: "junior", Lang: "zh",
		Level: "l1", Mode: "shooter"}
	tl.Apply(&p)
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if p.Score != 350 || p.Arrests != 1 || p.End != record.EndTimedOut || len(p.Items) != 1 || p.Items[0].Seized != 1 {
		t.Fatalf("%+v", p)
	}
	p.Items[0].Seen = 99
	if tl.Items[0].Seen == 99 {
		t.Fatal("Apply must copy Items")
	}
	tl.Reset()
	if tl.Score != 0 || len(tl.Items) != 0 || tl.Ended {
		t.Fatalf("Reset: %+v", tl)
	}
}
