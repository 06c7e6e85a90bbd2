// Package config reads kiosk.toml, the one file that says how a kiosk runs:
// its name and school, the hub, timeouts, languages and bands, sound, quiet
// and opening hours, orientation, content and data folders and the staff PIN.
//
// Load is strict: an unknown key, a wrong type or a value out of range stops
// the start with "path:line:column: message" (see Error); the kiosk never
// guesses. The package never imports Ebitengine, so kioskctl and plain
// `go test` use it.
package config

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/playhall/playhall/levels"
)

// Config is a loaded, checked kiosk.toml. Zero values never reach a caller:
// Default fills every key a file leaves out.
type Config struct {
	Kiosk    Kiosk    `toml:"kiosk"`
	Hub      Hub      `toml:"hub"`
	Screen   Screen   `toml:"screen"`
	Timeouts Timeouts `toml:"timeouts"`
	Language Language `toml:"language"`
	Sound    Sound    `toml:"sound"`
	Hours    Hours    `toml:"hours"`
	Staff    Staff    `toml:"staff"`
	// Playlist overrides the content pack's playlist per band: band name →
	// level ids, first is the default. Staff may change it in the menu.
	Playlist map[string][]string `toml:"playlist"`

	// Path is the file Load read ("" for Default).
	Path string `toml:"-"`
}

// Kiosk names the kiosk and says where its files live.
type Kiosk struct {
	Name    string `toml:"name"`    // shown in the staff menu and sent at enrolment
	School  string `toml:"school"`  // school code the hub groups the kiosk under
	Data    string `toml:"data"`    // folder of the play log (created if missing)
	Content string `toml:"content"` // content folder; "" uses the built-in pack
	Logo    string `toml:"logo"`    // optional PNG of the hall's logo for the attract screen
}

// Hub says where plays are sent. An empty URL keeps the kiosk offline.
type Hub struct {
	URL    string `toml:"url"`
	CAFile string `toml:"ca_file"` // PEM of the hub's CA for an intranet certificate; "" uses the system roots
}

// Orientations a kiosk accepts.
const (
	OrientAuto      = "auto"
	OrientLandscape = "landscape"
	OrientPortrait  = "portrait"
)

// Screen says how the window looks.
type Screen struct {
	Orientation string `toml:"orientation"` // auto, landscape or portrait
	Fullscreen  bool   `toml:"fullscreen"`  // kiosk mode: fullscreen, cursor hidden, close ignored
	FPSOverlay  bool   `toml:"fps_overlay"` // show frame figures from the start
}

// Timeouts are the idle and touch limits. All are Go durations ("45s").
type Timeouts struct {
	PlayIdle   Duration `toml:"play_idle"`   // no touch in play before "Still there?"
	MenuIdle   Duration `toml:"menu_idle"`   // no touch on any other screen before "Still there?"
	StillThere Duration `toml:"still_there"` // how long the countdown runs
	StuckTouch Duration `toml:"stuck_touch"` // a pointer held still longer than this is ignored
	HowTo      Duration `toml:"howto"`       // the how-to's length (skippable)
	Pledge     Duration `toml:"pledge"`      // the pledge returns to attract after this
}

// Language lists the offered languages and bands.
type Language struct {
	Languages []string `toml:"languages"` // subset of zh, en; order is the button order
	Default   string   `toml:"default"`   // preselected language and the attract's language
	Bands     []string `toml:"bands"`     // offered age bands (primary, junior, senior, adult)
}

// Sound sets volume and quiet hours.
type Sound struct {
	Volume      float64 `toml:"volume"`       // 0–1
	QuietHours  []Span  `toml:"quiet_hours"`  // local times when QuietVolume applies
	QuietVolume float64 `toml:"quiet_volume"` // 0–1, volume in quiet hours (0 = silent)
	Music       bool    `toml:"music"`        // background loops on or off
}

// Hours are the opening hours; outside them the kiosk shows a calm closed
// screen. An empty Open list means always open.
type Hours struct {
	Open []Span   `toml:"open"`
	Days []string `toml:"days"` // mon…sun; empty means every day
}

// Staff holds the staff menu's lock.
type Staff struct {
	PINHash    string   `toml:"pin_hash"`    // from `kioskctl pin set`; "" lets the default PIN 0000 in (logged)
	Corner     string   `toml:"corner"`      // top-left, top-right, bottom-left, bottom-right
	Taps       int      `toml:"taps"`        // taps in the corner that open the PIN pad
	TapWindow  Duration `toml:"tap_window"`  // within this long
	MaxTries   int      `toml:"max_tries"`   // wrong PINs before the lock
	LockFor    Duration `toml:"lock_for"`    // how long the pad stays locked
	MenuIdle   Duration `toml:"menu_idle"`   // the staff menu closes itself after this
	AllowExit  bool     `toml:"allow_exit"`  // show Exit in the staff menu
	CornerSize int      `toml:"corner_size"` // side of the corner square, logical px
}

// Duration is a time.Duration written as a Go duration string in TOML.
type Duration struct{ time.Duration }

// UnmarshalText parses "45s", "1m30s".
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("%q is not a duration like \"45s\" or \"2m\"", b)
	}
	d.Duration = v
	return nil
}

// MarshalText writes the duration back as a string.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Default returns the configuration a kiosk runs with when kiosk.toml sets
// nothing: windowed, offline, built-in content, data in ./data.
func Default() *Config {
	return &Config{
		Kiosk:  Kiosk{Name: "kiosk", School: "", Data: "data"},
		Screen: Screen{Orientation: OrientAuto},
		Timeouts: Timeouts{
			PlayIdle:   Duration{45 * time.Second},
			MenuIdle:   Duration{20 * time.Second},
			StillThere: Duration{10 * time.Second},
			StuckTouch: Duration{8 * time.Second},
			HowTo:      Duration{10 * time.Second},
			Pledge:     Duration{12 * time.Second},
		},
		Language: Language{
			Languages: []string{"zh", "en"},
			Default:   "zh",
			Bands:     []string{"primary", "junior", "senior", "adult"},
		},
		Sound: Sound{Volume: 0.8, QuietVolume: 0, Music: true},
		Staff: Staff{
			Corner:     "top-left",
			Taps:       5,
			TapWindow:  Duration{3 * time.Second},
			MaxTries:   5,
			LockFor:    Duration{60 * time.Second},
			MenuIdle:   Duration{120 * time.Second},
			AllowExit:  true,
			CornerSize: 200,
		},
	}
}

// ErrConfig wraps every problem Load reports, so callers can tell a bad file
// from a missing one.
var ErrConfig = errors.New("bad kiosk.toml")

// Error is one problem at a place in the file. Error() is
// "path:line:column: message", the form editors and staff tools jump to.
type Error struct {
	Path      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
}

// Unwrap lets errors.Is(err, ErrConfig) hold.
func (e *Error) Unwrap() error { return ErrConfig }

var lastKeyRe = regexp.MustCompile(`^toml: (?:line \d+ )?\(last key "([^"]*)"\): (.*)$`)

// Load reads and checks the file at path. Keys the file leaves out keep
// their Default values. Every error is an *Error with a position.
func Load(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, b)
}

// Parse checks data as if read from path (used for messages only).
func Parse(path string, data []byte) (*Config, error) {
	c := Default()
	c.Path = path
	md, err := toml.Decode(string(data), c)
	if err != nil {
		var pe toml.ParseError
		var ppe *toml.ParseError
		if errors.As(err, &ppe) {
			pe = *ppe
		} else if !errors.As(err, &pe) {
			// Decode (type) errors are plain errors naming the last key.
			if m := lastKeyRe.FindStringSubmatch(err.Error()); m != nil {
				return nil, scanKeys(data).errorf(path, m[1], "%s: %s", m[1], m[2])
			}
			return nil, &Error{Path: path, Line: 1, Col: 1, Msg: err.Error()}
		}
		line := max(pe.Position.Line, 1)
		msg := pe.Message
		if pe.LastKey != "" {
			msg = pe.LastKey + ": " + msg
		}
		return nil, &Error{Path: path, Line: line, Col: max(pe.Position.Col, 1), Msg: msg}
	}
	pos := scanKeys(data)
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0].String()
		if und[0][0] == "playlist" && len(und[0]) > 1 {
			return nil, pos.errorf(path, k, "playlist.%s is not a band (primary, junior, senior, adult) or not a list of level ids", und[0][1])
		}
		return nil, pos.errorf(path, k, "unknown key %q (see deploy/kiosk.toml for every key)", k)
	}
	if err := c.check(path, pos); err != nil {
		return nil, err
	}
	return c, nil
}

// Bands returns the configured bands as levels.Band values.
func (c *Config) Bands() []levels.Band {
	out := make([]levels.Band, 0, len(c.Language.Bands))
	for _, b := range c.Language.Bands {
		out = append(out, levels.Band(b))
	}
	return out
}
