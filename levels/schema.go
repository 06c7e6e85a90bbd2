// Package levels holds the content pack: the drugs, look-alikes, quiz
// questions, levels and playlists that exhibition staff edit as TOML, the
// loader and validator that turn a folder of TOML into a Pack, and the default
// pack for 「抓捕糯康」 embedded in every binary.
//
// The package never imports Ebitengine: the kiosk, kioskctl, the hub and the
// headless simulator all load packs through it.
package levels

// Band is an age band. Play records and reports carry the band, never an age.
type Band string

// The age bands every pack knows. Order matters: youngest first.
const (
	BandPrimary Band = "primary" // 小学, 10–12
	BandJunior  Band = "junior"  // 初中, 12–15
	BandSenior  Band = "senior"  // 高中·中职, 15–18
	BandAdult   Band = "adult"   // 成人
)

// Bands lists every band, youngest first.
var Bands = []Band{BandPrimary, BandJunior, BandSenior, BandAdult}

// Valid reports whether b is one of Bands.
func (b Band) Valid() bool {
	for _, x := range Bands {
		if x == b {
			return true
		}
	}
	return false
}

// Text is a visible string in both languages. Zh is required wherever a
// text is required; En may fall back to Zh only where the validator allows.
type Text struct {
	Zh string `toml:"zh" json:"zh"`
	En string `toml:"en" json:"en"`
}

// Get returns the text in lang ("zh" or "en"), falling back to Chinese.
func (t Text) Get(lang string) string {
	if lang == "en" && t.En != "" {
		return t.En
	}
	return t.Zh
}

// Category groups drugs the way Chinese school materials do.
type Category string

// Drug categories.
const (
	CategoryTraditional Category = "traditional" // 传统毒品
	CategorySynthetic   Category = "synthetic"   // 合成毒品
	CategoryNPS         Category = "nps"         // 新精神活性物质·伪装
	CategoryOther       Category = "other"       // controlled or misused, not legally 毒品 (笑气), or medicines misused
)

// Icon says how the engine draws an item: a vector shape from the kiosk's
// icon set and its colours as "#RRGGBB". The shape names are the ones listed
// in IconShapes; the kiosk draws every one of them.
type Icon struct {
	Shape  string   `toml:"shape" json:"shape"`
	Colors []string `toml:"colors" json:"colors"`
	// Label is a short mark printed on the item (a pill stamp such as "WY",
	// a brand-like word on a sachet). Optional.
	Label string `toml:"label" json:"label,omitempty"`
}

// IconShapes lists every icon shape the renderer knows. The validator refuses
// any other shape.
var IconShapes = []string{
	"powder_bag",  // small zip bag of powder (heroin, ketamine)
	"crystals",    // clear crystal shards like rock sugar (meth)
	"pills",       // a few stamped tablets (ecstasy, yaba, smurf)
	"paste",       // dark lump wrapped in cloth (opium)
	"leaf",        // jagged five-to-seven finger leaf (cannabis)
	"leaves",      // bunch of smooth oval leaves on thin stems, tied at the base (khat); not the jagged finger leaf
	"sachet",      // strip sachet like instant drinks (milk-tea powder, popping candy)
	"stamps",      // sheet of small perforated squares (LSD blotter)
	"bottle",      // small bottle of liquid (happy water, kava drink)
	"twigs",       // short brown twig pieces (synthetic cannabinoid)
	"cartridge",   // e-cigarette cartridge / pod
	"capsule",     // two-tone capsule (medicines misused)
	"canister",    // small metal gas canister (nitrous oxide)
	"candy",       // wrapped sweets, gummies, chocolate
	"cup",         // takeaway drink cup
	"envelope",    // postcard, greeting card, envelope
	"box",         // labelled retail box (medicine, tea)
	"jar",         // labelled jar (spice, sugar)
	"can",         // drink can
	"stamp_sheet", // genuine postage stamps
}

// Drug is one drug item a level can spawn.
type Drug struct {
	ID       string   `toml:"id" json:"id"`
	Name     Text     `toml:"name" json:"name"`
	Category Category `toml:"category" json:"category"`
	Icon     Icon     `toml:"icon" json:"icon"`
	// Looks describes what it looks like, for the learning card.
	Looks Text `toml:"looks" json:"looks"`
	// Harm is the default harm text (for 初中 and up).
	Harm Text `toml:"harm" json:"harm"`
	// HarmByBand overrides Harm for a band where the wording must differ
	// (softened for 小学).
	HarmByBand map[Band]Text `toml:"harm_by_band" json:"harm_by_band,omitempty"`
	// Cue is how to recognise it ("no ingredient list, offered by a stranger").
	Cue Text `toml:"cue" json:"cue"`
	// Refuse is one line on how to say no, for the learning card.
	Refuse Text `toml:"refuse" json:"refuse"`
	// Legal is a legal note where the wording needs one (笑气, 聪明药). Optional.
	Legal Text `toml:"legal" json:"legal"`
	// Sources holds at least one URL for the facts above.
	Sources []string `toml:"sources" json:"sources"`
}

// HarmFor returns the harm text for band.
func (d *Drug) HarmFor(b Band) Text {
	if t, ok := d.HarmByBand[b]; ok {
		return t
	}
	return d.Harm
}

// Lookalike is a harmless everyday item that resembles a drug.
type Lookalike struct {
	ID        string `toml:"id" json:"id"`
	Name      Text   `toml:"name" json:"name"`
	Resembles string `toml:"resembles" json:"resembles"` // a Drug ID
	Icon      Icon   `toml:"icon" json:"icon"`
	// CueKind is what makes it safe: "packaging", "who" (who offers it) or
	// "where" (where it was bought).
	CueKind string `toml:"cue_kind" json:"cue_kind"`
	// SafeCue is the lesson shown when a visitor taps it by mistake or sorts it.
	SafeCue Text `toml:"safe_cue" json:"safe_cue"`
}

// Option is one answer of a single-choice question.
type Option struct {
	Text    Text `toml:"text" json:"text"`
	Correct bool `toml:"correct" json:"correct"`
	// Why explains why this option is right or wrong; required on every option.
	Why Text `toml:"why" json:"why"`
}

// Question is a single-choice quiz question with exactly one correct option.
type Question struct {
	ID      string   `toml:"id" json:"id"`
	Bands   []Band   `toml:"bands" json:"bands"`
	PrePlay bool     `toml:"pre_play" json:"pre_play"` // usable before play (pre/post measure)
	Prompt  Text     `toml:"prompt" json:"prompt"`
	Options []Option `toml:"options" json:"options"`
	Drugs   []string `toml:"drugs" json:"drugs"` // drug ids it is about
}

// Mode names a game.
type Mode string

// The games the engine runs.
const (
	ModeShooter Mode = "shooter" // 抓捕糯康
	ModeSort    Mode = "sort"    // 火眼金睛
)

// Difficulty holds a level's knobs.
type Difficulty struct {
	Health       int     `toml:"health" json:"health"`                       // hits a player can take (shooter), 1–10
	TouchRadius  float64 `toml:"touch_radius" json:"touch_radius"`           // extra hit tolerance in canvas px, 0–120
	SpeedScale   float64 `toml:"speed_scale" json:"speed_scale"`             // multiplies every wave's speed, 0.25–3
	BossHits     int     `toml:"boss_hits" json:"boss_hits"`                 // taps to capture the boss, 1–30
	CueSeconds   float64 `toml:"cue_seconds" json:"cue_seconds"`             // how long the sort game shows a cue, 0.5–10
	HarmCardSecs float64 `toml:"harm_card_seconds" json:"harm_card_seconds"` // harm card on screen, 0.5–5
}

// Wave is one stretch of a level. Times are seconds from the round's start.
type Wave struct {
	At       float64 `toml:"at" json:"at"`             // start, seconds
	Duration float64 `toml:"duration" json:"duration"` // seconds
	// Every is the spawn interval in seconds.
	Every float64 `toml:"every" json:"every"`
	// Speed is the base speed of thrown and drifting items, canvas px/s.
	Speed float64 `toml:"speed" json:"speed"`
	// Traffickers is how many traffickers appear during the wave (shooter).
	Traffickers int `toml:"traffickers" json:"traffickers"`
	// Drugs and Lookalikes are the ids the wave draws its items from.
	Drugs      []string `toml:"drugs" json:"drugs"`
	Lookalikes []string `toml:"lookalikes" json:"lookalikes"`
	// LookalikeShare is the fraction of spawned items that are look-alikes, 0–0.8.
	LookalikeShare float64 `toml:"lookalike_share" json:"lookalike_share"`
	// Boss brings Naw Kham's boat in this wave (the last wave of a shooter level).
	Boss bool `toml:"boss" json:"boss"`
}

// Level is one playable round.
type Level struct {
	ID         string     `toml:"id" json:"id"`
	Title      Text       `toml:"title" json:"title"`
	Mode       Mode       `toml:"mode" json:"mode"`
	Bands      []Band     `toml:"bands" json:"bands"`
	Duration   float64    `toml:"duration" json:"duration"` // seconds, 30–300
	Intro      Text       `toml:"intro" json:"intro"`       // story text before play
	Outro      Text       `toml:"outro" json:"outro"`       // story text after the boss is caught
	Difficulty Difficulty `toml:"difficulty" json:"difficulty"`
	Waves      []Wave     `toml:"waves" json:"waves"`
	// PreQuestions and PostQuestions are question ids.
	PreQuestions  []string `toml:"pre_questions" json:"pre_questions"`
	PostQuestions []string `toml:"post_questions" json:"post_questions"`
}

// Playlist says which levels a kiosk offers to one band, first is default.
type Playlist struct {
	Band   Band     `toml:"band" json:"band"`
	Levels []string `toml:"levels" json:"levels"`
}

// Story holds the pack-wide story text (the Naw Kham case).
type Story struct {
	Title    Text     `toml:"title" json:"title"`
	Subtitle Text     `toml:"subtitle" json:"subtitle"`
	Pages    []Text   `toml:"pages" json:"pages"`
	Pledge   Text     `toml:"pledge" json:"pledge"`
	Sources  []string `toml:"sources" json:"sources"`
}

// Pack is a validated content pack. Packs are immutable once loaded; the
// kiosk swaps a whole Pack at the attract screen, never edits one.
type Pack struct {
	// Version is a hash of the pack's files (hex, 16 chars); every play
	// record carries it.
	Version    string
	Drugs      []Drug
	Lookalikes []Lookalike
	Questions  []Question
	Levels     []Level
	Playlists  []Playlist
	Story      Story

	drugByID      map[string]int
	lookalikeByID map[string]int
	questionByID  map[string]int
	levelByID     map[string]int
}
