package report

import (
	"testing"
	"time"

	"github.com/playhall/playhall/hub/store"
)

func TestOpenTimeBetween(t *testing.T) {
	cst := 8 * 60
	at := func(s string) time.Time {
		tm, err := time.Parse("2006-01-02 15:04 -0700", s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	for _, c := range []struct {
		from, to    string
		open, close int
		want        time.Duration
	}{
		{"2026-11-02 07:00 +0800", "2026-11-02 09:30 +0800", 8 * 60, 18 * 60, 90 * time.Minute},
		{"2026-11-02 17:00 +0800", "2026-11-03 09:00 +0800", 8 * 60, 18 * 60, 2 * time.Hour},
		{"2026-11-02 19:00 +0800", "2026-11-03 07:59 +0800", 8 * 60, 18 * 60, 0},
		{"2026-11-02 21:00 +0800", "2026-11-03 01:00 +0800", 20 * 60, 2 * 60, 4 * time.Hour}, // over midnight
		{"2026-11-02 10:00 +0800", "2026-11-02 09:00 +0800", 8 * 60, 18 * 60, 0},
	} {
		if got := OpenTimeBetween(at(c.from), at(c.to), c.open, c.close, cst); got != c.want {
			t.Errorf("%s → %s: %v, want %v", c.from, c.to, got, c.want)
		}
	}
}

func TestFlag(t *testing.T) {
	now := time.Date(2026, 11, 2, 3, 0, 0, 0, time.UTC) // 11:00 at UTC+8
	k := store.Kiosk{Enrolled: true, LastSeen: now.Add(-90 * time.Minute), Health: store.Kiosk{}.Health}
	k.Health.OpeningHours, k.Health.UTCOffsetMins = "08:00-18:00", 480
	if f, _ := Flag(k, now); f {
		t.Error("90 min silent flagged")
	}
	k.LastSeen = now.Add(-150 * time.Minute)
	if f, why := Flag(k, now); !f || why == "" {
		t.Error("150 min silent in opening hours not flagged")
	}
	k.Health.OpeningHours = "13:00-18:00"
	if f, _ := Flag(k, now); f {
		t.Error("flagged while closed")
	}
	if f, _ := Flag(store.Kiosk{Enrolled: true}, now); !f {
		t.Error("never synced not flagged")
	}
	if f, _ := Flag(store.Kiosk{}, now); f {
		t.Error("awaiting enrolment flagged")
	}
}
