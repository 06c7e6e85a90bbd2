// Package record defines what Playhall keeps about a play and a class visit,
// and the wire format kiosks and the web edition use to send them to the hub.
//
// A Play holds exactly what product.md's privacy rule allows and nothing
// else: no name, student number, exact age, free text, device identifier of
// the visitor, or anything that links two plays of one person. Add a field
// here only after checking it against that rule.
//
// The package never imports Ebitengine; the kiosk's play log, kioskctl and
// the hub all share it.
package record

import (
	"errors"
	"fmt"
	"regexp"
	"time"
)

// Source says where a play happened.
type Source string

// Sources.
const (
	SourceKiosk     Source = "kiosk"
	SourceWeb       Source = "web"
	SourceSimulated Source = "simulated"
)

// End says how a play ended.
type End string

// Ends.
const (
	EndCompleted End = "completed" // reached the end of the flow (pledge), or round finished
	EndAbandoned End = "abandoned" // the visitor walked away (idle timeout)
	EndTimedOut  End = "timed_out" // the round's time ran out before the boss was caught
	// EndCrashed: cut off before its end. After a crash or power cut it is
	// logged at the next start from the last checkpoint (up to 5 s stale);
	// after a stop signal (SIGTERM, SIGINT: systemctl stop, a shutdown) the
	// kiosk logs it itself as it stops, with its state at the signal.
	EndCrashed End = "crashed"
)

// ItemOutcome counts what happened to one drug or look-alike during a play.
type ItemOutcome struct {
	ID   string `json:"id"`   // drug or look-alike id from the content pack
	Kind string `json:"kind"` // "drug" or "lookalike"
	Seen int    `json:"seen"` // spawned on screen
	// Seized counts drugs tapped (shooter) or sorted to the police (sort).
	Seized int `json:"seized,omitempty"`
	// Missed counts drugs that reached the player or were sorted as safe.
	Missed int `json:"missed,omitempty"`
	// FalseAlarms counts look-alikes tapped or sorted to the police.
	FalseAlarms int `json:"false_alarms,omitempty"`
}

// Answer is one quiz answer.
type Answer struct {
	Question string `json:"question"` // question id
	Phase    string `json:"phase"`    // "pre" or "post"
	Choice   int    `json:"choice"`   // option index chosen, -1 when skipped
	Correct  bool   `json:"correct"`
}

// Play is one visitor's play. Start is truncated to the minute.
type Play struct {
	ID             string        `json:"id"`       // random 128-bit hex; links nothing
	KioskID        string        `json:"kiosk_id"` // assigned by the hub at enrolment; "web" for the web edition
	Source         Source        `json:"source"`
	ContentVersion string        `json:"content_version"`
	AppVersion     string        `json:"app_version,omitempty"`
	Start          time.Time     `json:"start"`    // minute resolution, UTC
	Duration       float64       `json:"duration"` // seconds, whole flow
	Band           string        `json:"band"`     // levels.Band
	Lang           string        `json:"lang"`     // "zh" or "en"
	VisitGroup     string        `json:"visit_group,omitempty"`
	Level          string        `json:"level"`
	Mode           string        `json:"mode"` // "shooter" or "sort"
	End            End           `json:"end"`
	Score          int           `json:"score"`
	Arrests        int           `json:"arrests,omitempty"`
	BossCaught     bool          `json:"boss_caught,omitempty"`
	Items          []ItemOutcome `json:"items,omitempty"`
	Answers        []Answer      `json:"answers,omitempty"`
}

// Visit is a class visit set by staff on a kiosk: a label such as 初二(3)班
// and how many students came. The hub turns visits into participation rates.
type Visit struct {
	ID       string    `json:"id"` // random 128-bit hex
	KioskID  string    `json:"kiosk_id"`
	Label    string    `json:"label"`
	Students int       `json:"students"`
	Start    time.Time `json:"start"` // minute resolution, UTC
	End      time.Time `json:"end"`   // zero while the visit is open
}

// Limits the validator enforces (shared by kiosk and hub).
const (
	MaxDuration   = 2 * 60 * 60 // seconds; a play longer than two hours is broken
	MaxScore      = 10_000_000
	MaxItems      = 200
	MaxAnswers    = 20
	MaxCount      = 10_000
	MaxLabelRunes = 32
	MaxStudents   = 500
)

// ErrInvalid wraps every validation failure.
var ErrInvalid = errors.New("invalid record")

var (
	hexID   = regexp.MustCompile(`^[0-9a-f]{32}$`)
	shortID = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,63}$`)
)

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// Validate checks ranges and shapes. It does not check ids against a content
// pack; the hub does that against the packs it knows.
func (p *Play) Validate() error {
	switch {
	case !hexID.MatchString(p.ID):
		return invalid("id must be 32 lowercase hex digits")
	case p.KioskID == "" || !shortID.MatchString(p.KioskID):
		return invalid("kiosk_id %q is not a kiosk id", p.KioskID)
	case p.Source != SourceKiosk && p.Source != SourceWeb && p.Source != SourceSimulated:
		return invalid("source %q is not kiosk, web or simulated", p.Source)
	case p.ContentVersion == "" || len(p.ContentVersion) > 64:
		return invalid("content_version missing or too long")
	case p.Start.IsZero():
		return invalid("start missing")
	case p.Start.Second() != 0 || p.Start.Nanosecond() != 0:
		return invalid("start must be truncated to the minute")
	case p.Duration < 0 || p.Duration > MaxDuration:
		return invalid("duration %v out of range 0–%d s", p.Duration, MaxDuration)
	case !oneOf(p.Band, "primary", "junior", "senior", "adult"):
		return invalid("band %q is not primary, junior, senior or adult", p.Band)
	case p.Lang != "zh" && p.Lang != "en":
		return invalid("lang %q is not zh or en", p.Lang)
	case len([]rune(p.VisitGroup)) > MaxLabelRunes:
		return invalid("visit_group longer than %d characters", MaxLabelRunes)
	case !shortID.MatchString(p.Level):
		return invalid("level %q is not a level id", p.Level)
	case p.Mode != "shooter" && p.Mode != "sort":
		return invalid("mode %q is not shooter or sort", p.Mode)
	case !oneOf(string(p.End), string(EndCompleted), string(EndAbandoned), string(EndTimedOut), string(EndCrashed)):
		return invalid("end %q is not completed, abandoned, timed_out or crashed", p.End)
	case p.Score < 0 || p.Score > MaxScore:
		return invalid("score %d out of range", p.Score)
	case p.Arrests < 0 || p.Arrests > MaxCount:
		return invalid("arrests %d out of range", p.Arrests)
	case len(p.Items) > MaxItems:
		return invalid("more than %d items", MaxItems)
	case len(p.Answers) > MaxAnswers:
		return invalid("more than %d answers", MaxAnswers)
	}
	for i, it := range p.Items {
		if !shortID.MatchString(it.ID) || (it.Kind != "drug" && it.Kind != "lookalike") {
			return invalid("items[%d]: bad id or kind", i)
		}
		for _, n := range []int{it.Seen, it.Seized, it.Missed, it.FalseAlarms} {
			if n < 0 || n > MaxCount {
				return invalid("items[%d]: count out of range", i)
			}
		}
	}
	for i, a := range p.Answers {
		if !shortID.MatchString(a.Question) || (a.Phase != "pre" && a.Phase != "post") || a.Choice < -1 || a.Choice > 9 {
			return invalid("answers[%d]: bad question, phase or choice", i)
		}
	}
	return nil
}

// Validate checks a visit's ranges and shapes.
func (v *Visit) Validate() error {
	switch {
	case !hexID.MatchString(v.ID):
		return invalid("id must be 32 lowercase hex digits")
	case !shortID.MatchString(v.KioskID):
		return invalid("kiosk_id %q is not a kiosk id", v.KioskID)
	case v.Label == "" || len([]rune(v.Label)) > MaxLabelRunes:
		return invalid("label must be 1–%d characters", MaxLabelRunes)
	case v.Students < 1 || v.Students > MaxStudents:
		return invalid("students %d out of range 1–%d", v.Students, MaxStudents)
	case v.Start.IsZero():
		return invalid("start missing")
	case !v.End.IsZero() && v.End.Before(v.Start):
		return invalid("end before start")
	}
	return nil
}

func oneOf(s string, set ...string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}
