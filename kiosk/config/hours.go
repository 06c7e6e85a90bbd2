package config

import (
	"fmt"
	"strings"
	"time"
)

// Span is a daily span of local time written "08:30-17:30". A span whose end
// is before its start runs past midnight ("22:00-06:00").
type Span struct {
	From, To int // minutes after midnight
}

// UnmarshalText parses "HH:MM-HH:MM".
func (s *Span) UnmarshalText(b []byte) error {
	a, z, ok := strings.Cut(string(b), "-")
	if !ok {
		return fmt.Errorf("%q is not a span like \"08:30-17:30\"", b)
	}
	f, err1 := clock(a)
	t, err2 := clock(z)
	if err1 != nil || err2 != nil || f == t {
		return fmt.Errorf("%q is not a span like \"08:30-17:30\"", b)
	}
	s.From, s.To = f, t
	return nil
}

// MarshalText writes the span back.
func (s Span) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

func (s Span) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", s.From/60, s.From%60, s.To/60, s.To%60)
}

func clock(s string) (int, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, err
	}
	return t.Hour()*60 + t.Minute(), nil
}

// Contains reports whether the local time t falls in the span.
func (s Span) Contains(t time.Time) bool {
	m := t.Hour()*60 + t.Minute()
	if s.From < s.To {
		return m >= s.From && m < s.To
	}
	return m >= s.From || m < s.To
}

var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// IsOpen reports whether the kiosk is open at local time t.
func (h Hours) IsOpen(t time.Time) bool {
	if len(h.Days) > 0 {
		day := dayNames[t.Weekday()]
		found := false
		for _, d := range h.Days {
			if d == day {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	if len(h.Open) == 0 {
		return true
	}
	for _, s := range h.Open {
		if s.Contains(t) {
			return true
		}
	}
	return false
}

// VolumeAt returns the volume (0–1) to play at local time t: QuietVolume in
// quiet hours, Volume otherwise.
func (s Sound) VolumeAt(t time.Time) float64 {
	for _, q := range s.QuietHours {
		if q.Contains(t) {
			return s.QuietVolume
		}
	}
	return s.Volume
}

// Quiet reports whether t falls in quiet hours.
func (s Sound) Quiet(t time.Time) bool {
	for _, q := range s.QuietHours {
		if q.Contains(t) {
			return true
		}
	}
	return false
}
