package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/playhall/playhall/record"
)

// Counter indexes of a play cell (Counts).
const (
	CPlays           = iota // plays
	CCompleted              // ended completed
	CAbandoned              // ended abandoned (walked away)
	CTimedOut               // ended timed_out
	CCrashed                // ended crashed
	CDurationMs             // sum of durations, milliseconds
	CQuizPlays              // plays with at least one post-play answer
	CQuizAnswered           // post-play answers given
	CQuizCorrect            // post-play answers correct
	CQuizPass               // quiz plays with ≥ 60 % correct
	CQuizFull               // quiz plays with every answer correct
	CPrePlays               // plays with at least one pre-play answer
	CPreAnswered            // pre-play answers in those plays
	CPreCorrect             // pre-play answers correct
	CPrePostAnswered        // post-play answers in plays that had pre-play answers
	CPrePostCorrect         // ... of which correct
	NCounts
)

// Drug counter indexes (DrugCounts).
const (
	DPlays       = iota // plays in which the item appeared
	DSeen               // times spawned
	DSeized             // drugs seized
	DMissed             // drugs missed
	DFalseAlarms        // look-alikes wrongly seized
	NDrug
)

// Question counter indexes (QuestCounts).
const (
	QAnswered = iota
	QCorrect
	NQuest
)

// Counts is a play cell's counters; DrugCounts and QuestCounts likewise.
type (
	Counts      [NCounts]int64
	DrugCounts  [NDrug]int64
	QuestCounts [NQuest]int64
)

// CellKey is one play roll-up cell: day × school × kiosk × band × level ×
// source × language. Day counts days since 1970-01-01 in the kiosk's local
// time (UTC+8 for web plays).
type CellKey struct {
	Day                                      int32
	School, Kiosk, Band, Level, Source, Lang string
}

// DrugKey is one per-drug roll-up cell: day × school × band × item.
type DrugKey struct {
	Day                      int32
	School, Band, Item, Kind string
}

// QuestKey is one per-question roll-up cell.
type QuestKey struct {
	Day                           int32
	School, Band, Question, Phase string
}

// WebSchool is the school code under which web plays are rolled up; it
// cannot collide with a registered code.
const WebSchool = "(web)"

// WebOffsetMins is the UTC offset used to assign web plays to days.
const WebOffsetMins = 8 * 60

// DayOf returns the day number of t at the given UTC offset.
func DayOf(t time.Time, offsetMins int) int32 {
	sec := t.Unix() + int64(offsetMins)*60
	d := sec / 86400
	if sec < 0 && sec%86400 != 0 {
		d--
	}
	return int32(d)
}

// DayTime returns midnight UTC of a day number (for labels).
func DayTime(day int32) time.Time { return time.Unix(int64(day)*86400, 0).UTC() }

// Delta is a set of roll-up increments, applied in one transaction.
type Delta struct {
	Cells  map[CellKey]*Counts
	Drugs  map[DrugKey]*DrugCounts
	Quests map[QuestKey]*QuestCounts
}

// NewDelta returns an empty delta.
func NewDelta() *Delta {
	return &Delta{Cells: map[CellKey]*Counts{}, Drugs: map[DrugKey]*DrugCounts{}, Quests: map[QuestKey]*QuestCounts{}}
}

// Empty reports whether the delta changes nothing.
func (d *Delta) Empty() bool { return len(d.Cells)+len(d.Drugs)+len(d.Quests) == 0 }

// AddPlay adds one validated play at a school.
func (d *Delta) AddPlay(p *record.Play, school string, offsetMins int) {
	day := DayOf(p.Start, offsetMins)
	ck := CellKey{day, school, p.KioskID, p.Band, p.Level, string(p.Source), p.Lang}
	c := d.Cells[ck]
	if c == nil {
		c = new(Counts)
		d.Cells[ck] = c
	}
	c[CPlays]++
	switch p.End {
	case record.EndCompleted:
		c[CCompleted]++
	case record.EndAbandoned:
		c[CAbandoned]++
	case record.EndTimedOut:
		c[CTimedOut]++
	case record.EndCrashed:
		c[CCrashed]++
	}
	c[CDurationMs] += int64(p.Duration * 1000)
	var preN, preC, postN, postC int64
	for _, a := range p.Answers {
		qk := QuestKey{day, school, p.Band, a.Question, a.Phase}
		q := d.Quests[qk]
		if q == nil {
			q = new(QuestCounts)
			d.Quests[qk] = q
		}
		q[QAnswered]++
		if a.Correct {
			q[QCorrect]++
		}
		if a.Phase == "pre" {
			preN++
			if a.Correct {
				preC++
			}
		} else {
			postN++
			if a.Correct {
				postC++
			}
		}
	}
	if postN > 0 {
		c[CQuizPlays]++
		c[CQuizAnswered] += postN
		c[CQuizCorrect] += postC
		if postC*100 >= 60*postN {
			c[CQuizPass]++
		}
		if postC == postN {
			c[CQuizFull]++
		}
	}
	if preN > 0 {
		c[CPrePlays]++
		c[CPreAnswered] += preN
		c[CPreCorrect] += preC
		c[CPrePostAnswered] += postN
		c[CPrePostCorrect] += postC
	}
	seenIn := map[string]bool{}
	for _, it := range p.Items {
		dk := DrugKey{day, school, p.Band, it.ID, it.Kind}
		dc := d.Drugs[dk]
		if dc == nil {
			dc = new(DrugCounts)
			d.Drugs[dk] = dc
		}
		if !seenIn[it.ID+"\x00"+it.Kind] {
			seenIn[it.ID+"\x00"+it.Kind] = true
			dc[DPlays]++
		}
		dc[DSeen] += int64(it.Seen)
		dc[DSeized] += int64(it.Seized)
		dc[DMissed] += int64(it.Missed)
		dc[DFalseAlarms] += int64(it.FalseAlarms)
	}
}

// --- binary encoding of roll-up keys and values ---

func joinKey(day int32, parts ...string) []byte {
	var b bytes.Buffer
	var d [4]byte
	binary.BigEndian.PutUint32(d[:], uint32(day))
	b.Write(d[:])
	for i, p := range parts {
		if i > 0 {
			b.WriteByte(0)
		}
		b.WriteString(p)
	}
	return b.Bytes()
}

func splitKey(k []byte, n int) (int32, []string, error) {
	if len(k) < 4 {
		return 0, nil, fmt.Errorf("roll-up key too short")
	}
	day := int32(binary.BigEndian.Uint32(k[:4]))
	parts := bytes.Split(k[4:], []byte{0})
	if len(parts) != n {
		return 0, nil, fmt.Errorf("roll-up key has %d parts, want %d", len(parts), n)
	}
	out := make([]string, n)
	for i, p := range parts {
		out[i] = string(p)
	}
	return day, out, nil
}

func (k CellKey) bytes() []byte {
	return joinKey(k.Day, k.School, k.Kiosk, k.Band, k.Level, k.Source, k.Lang)
}
func (k DrugKey) bytes() []byte  { return joinKey(k.Day, k.School, k.Band, k.Item, k.Kind) }
func (k QuestKey) bytes() []byte { return joinKey(k.Day, k.School, k.Band, k.Question, k.Phase) }

func encodeCounts(c []int64) []byte {
	b := make([]byte, 8*len(c))
	for i, v := range c {
		binary.BigEndian.PutUint64(b[i*8:], uint64(v))
	}
	return b
}

// decodeAdd adds the encoded counters in b to c (missing trailing counters
// read as zero, so new counters can be appended later).
func decodeAdd(c []int64, b []byte) {
	for i := range c {
		if (i+1)*8 > len(b) {
			return
		}
		c[i] += int64(binary.BigEndian.Uint64(b[i*8:]))
	}
}
