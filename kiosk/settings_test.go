package kiosk

import (
	"strings"
	"testing"
	"time"

	"github.com/playhall/playhall/kiosk/playlog"
	"github.com/playhall/playhall/kiosk/playlog/clocktest"
)

// A kiosk left on overnight with a visit open: the first play of the next
// day ends the visit and goes without its label, while a visit started
// today keeps labelling plays.
func TestVisitFromEarlierDayEndsAtNextPlay(t *testing.T) {
	cases := []struct {
		name    string
		started time.Time
		label   string // the next play's visit group
	}{
		{"yesterday", time.Now().AddDate(0, 0, -1), ""},
		{"today", time.Now(), "初二(3)班"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l, err := playlog.Open(t.TempDir(), playlog.Options{Clock: clocktest.New(tc.started)})
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			if _, err := l.StartVisit("初二(3)班", 40); err != nil {
				t.Fatal(err)
			}
			var logged []string
			a := &App{plog: l, logf: func(f string, args ...any) { logged = append(logged, f) }}
			a.staff = &staffUI{a: a, set: &staffSettings{}}
			if got := a.visitLabel(); got != tc.label {
				t.Fatalf("play's visit group %q, want %q", got, tc.label)
			}
			stillOpen := l.CurrentVisit() != nil
			if stillOpen != (tc.label != "") {
				t.Fatalf("visit open %v after the play started; log %q", stillOpen, logged)
			}
			ended := len(a.staff.set.notices) == 1 && strings.Contains(a.staff.set.notices[0], "visit of an earlier day ended")
			if ended == stillOpen {
				t.Fatalf("staff-menu notices %q", a.staff.set.notices)
			}
		})
	}
}
