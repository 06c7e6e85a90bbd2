package game

// EventKind names an outcome. The play log, the results screen and the
// sounds are driven by events and nothing else.
type EventKind uint8

// Outcome events. Item holds the drug or look-alike id where one is involved.
const (
	_ EventKind = iota
	// ItemSpawned: a drug or look-alike came on screen (counts as seen).
	ItemSpawned
	// DrugSeized: a drug was tapped (shooter) or sorted to the police (sort).
	DrugSeized
	// DrugMissed: a drug got through — it reached the player (shooter; a
	// PlayerHit follows in the same tick), was sorted as safe, or left the
	// belt unsorted (sort).
	DrugMissed
	// LookalikeHit: a harmless look-alike was tapped or sorted to the
	// police — a false alarm. The kiosk shows its safe cue.
	LookalikeHit
	// LookalikeSorted: a look-alike was correctly sorted as safe (sort).
	LookalikeSorted
	// LookalikePassed: a look-alike left the screen untouched (no score).
	LookalikePassed
	// TraffickerAppeared: a trafficker came out of cover.
	TraffickerAppeared
	// TraffickerArrested: a trafficker was tapped and arrested.
	TraffickerArrested
	// TraffickerEscaped: a trafficker went back into cover unarrested.
	TraffickerEscaped
	// BossAppeared: Naw Kham's boat arrived (banner, horn).
	BossAppeared
	// BossHit: the boss was tapped; Value holds the hits still needed.
	BossHit
	// BossCaught: the boss was captured; RoundEnded follows in the same tick.
	BossCaught
	// PlayerHit: a drug reached the player; Value holds the health left.
	// The kiosk shows the harm card for Item.
	PlayerHit
	// TapMissed: a tap that hit nothing (counts against accuracy).
	TapMissed
	// CueShown: after a sort choice the deciding cue for Item is shown
	// until tick Value; Correct says whether the choice was right.
	CueShown
	// RoundEnded: the round is over; Reason says how.
	RoundEnded
	numEventKinds
)

var eventNames = [numEventKinds]string{
	"", "item_spawned", "drug_seized", "drug_missed", "lookalike_hit",
	"lookalike_sorted", "lookalike_passed", "trafficker_appeared",
	"trafficker_arrested", "trafficker_escaped", "boss_appeared", "boss_hit",
	"boss_caught", "player_hit", "tap_missed", "cue_shown", "round_ended",
}

// String returns the snake_case name used in logs and JSON.
func (k EventKind) String() string {
	if k < numEventKinds && k != 0 {
		return eventNames[k]
	}
	return "unknown"
}

// ItemKind says whether an item is a drug or a harmless look-alike.
type ItemKind uint8

// Item kinds.
const (
	NoItem ItemKind = iota
	Drug
	Lookalike
)

// String returns "drug", "lookalike" or "" (the record.ItemOutcome kinds).
func (k ItemKind) String() string {
	switch k {
	case Drug:
		return "drug"
	case Lookalike:
		return "lookalike"
	}
	return ""
}

// EndReason says how a round ended.
type EndReason string

// End reasons.
const (
	EndBossCaught EndReason = "boss_caught" // the boss was captured
	EndTimeUp     EndReason = "time_up"     // the level's duration ran out
	EndHealthOut  EndReason = "health_out"  // health reached 0 (shooter)
	EndCleared    EndReason = "cleared"     // every wave done, nothing left on screen
)

// Event is one outcome. Events are plain values; the strings in them point
// into the content pack and cost no allocation.
type Event struct {
	Tick     int       // tick it happened on
	Kind     EventKind //
	Item     string    // drug or look-alike id, "" when none
	ItemKind ItemKind  // kind of Item
	Entity   int       // serial of the entity involved (0 none); stable for the round
	X, Y     float64   // where, in canvas units (the tap point or the entity)
	Points   int       // score change (may be negative)
	Combo    int       // combo after the event
	Pointer  int       // pointer id that caused it, -1 when none
	Value    int       // kind-specific: BossHit hits left, PlayerHit health left, CueShown end tick
	Correct  bool      // CueShown: the visitor's choice was right
	Reason   EndReason // RoundEnded: how
}
