package kiosk

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/playhall/playhall/kiosk/config"
	"github.com/playhall/playhall/kiosk/playlog"
	"github.com/playhall/playhall/kiosk/playlog/clocktest"
	"github.com/playhall/playhall/levels"
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
		{"yesterday", time.Date(2027, 2, 28, 15, 0, 0, 0, time.Local), ""},
		{"today", time.Date(2027, 3, 1, 9, 0, 0, 0, time.Local), "初二(3)班"},
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
			a.today = func() string { return "2027-03-01" }
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

// A staff level the content in use no longer holds (a reload dropped it)
// gives way to kiosk.toml's, and the menu shows that level unmarked.
func TestStaffLevelGoneFromContent(t *testing.T) {
	pack, err := levels.Default()
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.Playlist = map[string][]string{"junior": {"sort_junior"}}
	a := &App{cfg: cfg, content: &contentState{pack: pack}}
	a.staff = &staffUI{a: a, set: &staffSettings{}}
	cases := []struct {
		staff []string
		want  string // the level a junior visitor gets
		mark  bool
	}{
		{nil, "sort_junior", false},
		{[]string{"shooter_junior"}, "shooter_junior", true},
		{[]string{"retired_level"}, "sort_junior", false},
	}
	for _, tc := range cases {
		a.staff.set.o = config.Overrides{}
		if tc.staff != nil {
			a.staff.set.o.Playlist = map[string][]string{"junior": tc.staff}
		}
		b := levels.BandJunior
		if got := a.staff.currentLevel(b); got != tc.want {
			t.Errorf("staff %v: menu shows %s, want %s", tc.staff, got, tc.want)
		}
		if got := a.staff.overridden(b); got != tc.mark {
			t.Errorf("staff %v: marked %v, want %v", tc.staff, got, tc.mark)
		}
		if got := slices.Concat(tc.staff, cfg.Playlist["junior"]); !slices.Equal(a.playlist()[b], got) {
			t.Errorf("staff %v: flow playlist %v, want %v", tc.staff, a.playlist()[b], got)
		}
	}
}
