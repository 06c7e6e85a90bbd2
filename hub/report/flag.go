package report

import (
	"fmt"
	"time"

	"github.com/playhall/playhall/hub/store"
)

// DefaultOpeningHours applies to a kiosk that has not reported its own
// (local time at UTC+8).
const DefaultOpeningHours = "08:00-18:00"

// SilentLimit is how much opening time without a sync flags a kiosk.
const SilentLimit = 2 * time.Hour

// Flag says whether an enrolled, unrevoked kiosk has been silent for
// SilentLimit of its opening hours, and why.
func Flag(k store.Kiosk, now time.Time) (bool, string) {
	if k.Revoked || !k.Enrolled {
		return false, ""
	}
	if k.LastSeen.IsZero() {
		return true, "enrolled but never synced"
	}
	hours, offset := k.Health.OpeningHours, k.Health.UTCOffsetMins
	if hours == "" {
		hours, offset = DefaultOpeningHours, 8*60
	}
	open, close, err := ParseHours(hours)
	if err != nil {
		open, close, offset = 8*60, 18*60, 8*60
	}
	silent := OpenTimeBetween(k.LastSeen, now, open, close, offset)
	if silent >= SilentLimit {
		return true, fmt.Sprintf("no sync for %s of opening hours (%s)", silent.Round(time.Minute), hours)
	}
	return false, ""
}

// ParseHours reads "HH:MM-HH:MM" into minutes after local midnight.
func ParseHours(s string) (open, close int, err error) {
	var h1, m1, h2, m2 int
	if _, err := fmt.Sscanf(s, "%d:%d-%d:%d", &h1, &m1, &h2, &m2); err != nil {
		return 0, 0, fmt.Errorf("opening hours %q are not HH:MM-HH:MM", s)
	}
	if h1 < 0 || h1 > 24 || h2 < 0 || h2 > 24 || m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59 {
		return 0, 0, fmt.Errorf("opening hours %q out of range", s)
	}
	return h1*60 + m1, h2*60 + m2, nil
}

// OpenTimeBetween is how much of [from, to) falls inside the daily window
// [open, close) minutes of local time (UTC offset offsetMins). A window
// whose close is before its open runs over midnight. At most 60 days are
// walked (more than enough to pass any flag limit).
func OpenTimeBetween(from, to time.Time, open, close, offsetMins int) time.Duration {
	if !to.After(from) {
		return 0
	}
	if from.Before(to.Add(-60 * 24 * time.Hour)) {
		from = to.Add(-60 * 24 * time.Hour)
	}
	loc := time.FixedZone("kiosk", offsetMins*60)
	f, t := from.In(loc), to.In(loc)
	var total time.Duration
	day := time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, loc).AddDate(0, 0, -1)
	for !day.After(t) {
		var windows [][2]int
		if close > open {
			windows = [][2]int{{open, close}}
		} else if close < open {
			windows = [][2]int{{0, close}, {open, 24 * 60}}
		}
		for _, w := range windows {
			ws := day.Add(time.Duration(w[0]) * time.Minute)
			we := day.Add(time.Duration(w[1]) * time.Minute)
			if ws.Before(f) {
				ws = f
			}
			if we.After(t) {
				we = t
			}
			if we.After(ws) {
				total += we.Sub(ws)
			}
		}
		day = day.AddDate(0, 0, 1)
	}
	return total
}
