package supervise

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestNext(t *testing.T) {
	const s = time.Second
	for _, c := range []struct {
		name      string
		code      int
		ran, last time.Duration
		restart   bool
		delay     time.Duration
	}{
		{"normal end", 0, 5 * s, 0, false, 0},
		{"staff exit", ExitByStaff, 3 * time.Hour, 0, false, 0},
		{"staff exit while backing off", ExitByStaff, 2 * s, 8 * s, false, 0},
		{"bad kiosk.toml", ExitUsage, 0, 0, false, 0},
		{"panic after hours", 2, 3 * time.Hour, 0, true, 0},
		{"panic after exactly a minute", 2, Healthy, 16 * s, true, 0},
		{"healthy run resets a long backoff", 1, 2 * time.Minute, MaxDelay, true, 0},
		{"killed by a signal after a healthy run", 1, 10 * time.Minute, 0, true, 0},
		{"first short run", 2, 5 * s, 0, true, FirstDelay},
		{"short run after a restart at once", 2, 59 * s, 0, true, FirstDelay},
		{"second short run", 2, 400 * time.Millisecond, 1 * s, true, 2 * s},
		{"third short run", 1, 400 * time.Millisecond, 2 * s, true, 4 * s},
		{"doubling", 2, s, 8 * s, true, 16 * s},
		{"capped", 2, s, 16 * s, true, MaxDelay},
		{"stays capped", 2, s, MaxDelay, true, MaxDelay},
		{"other codes restart", 3, s, 0, true, FirstDelay},
	} {
		restart, delay := Next(c.code, c.ran, c.last)
		if restart != c.restart || delay != c.delay {
			t.Errorf("%s: Next(%d, %s, %s) = %v, %s; want %v, %s", c.name, c.code, c.ran, c.last, restart, delay, c.restart, c.delay)
		}
	}
}

// run is one kiosk run in a scripted supervisor test.
type run struct {
	code  int
	lasts time.Duration
}

// fakeClock advances only when a run lasts or the supervisor sleeps.
type fakeClock struct {
	now    time.Time
	slept  []time.Duration
	starts []time.Time
}

func (c *fakeClock) script(runs []run) func() int {
	i := 0
	return func() int {
		c.starts = append(c.starts, c.now)
		r := runs[i]
		i++
		c.now = c.now.Add(r.lasts)
		return r.code
	}
}

func TestSupervisorRun(t *testing.T) {
	const s = time.Second
	for _, c := range []struct {
		name  string
		runs  []run
		code  int
		slept []time.Duration
		log   []string
	}{
		{"staff exit at once", []run{{ExitByStaff, time.Hour}}, ExitByStaff, nil,
			[]string{"kiosk exited with 10 after 1h0m0s; not restarted (the staff menu's Exit)"}},
		{"bad kiosk.toml", []run{{ExitUsage, 200 * time.Millisecond}}, ExitUsage, nil,
			[]string{"not restarted (bad flags or kiosk.toml)"}},
		{"crash after hours, back at once, then staff exit", []run{{2, 5 * time.Hour}, {ExitByStaff, time.Hour}}, ExitByStaff,
			[]time.Duration{0}, []string{"kiosk exited with 2 after 5h0m0s; restarting now", "not restarted"}},
		{"crash loop backs off to the cap", []run{{2, s}, {2, s}, {2, s}, {2, s}, {2, s}, {2, s}, {2, s}, {0, s}}, 0,
			[]time.Duration{s, 2 * s, 4 * s, 8 * s, 16 * s, MaxDelay, MaxDelay}, []string{"restarting in 1s", "restarting in 30s", "not restarted (normal end)"}},
		{"a healthy run resets the backoff", []run{{2, s}, {2, s}, {2, s}, {2, 10 * time.Minute}, {2, s}, {ExitByStaff, s}}, ExitByStaff,
			[]time.Duration{s, 2 * s, 4 * s, 0, s}, nil},
		{"crash during the first minute", []run{{2, 3 * s}, {0, time.Minute}}, 0,
			[]time.Duration{FirstDelay}, []string{"kiosk exited with 2 after 3s; restarting in 1s"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t0 := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
			clk := &fakeClock{now: t0}
			var log bytes.Buffer
			sup := Supervisor{
				Start: clk.script(c.runs),
				Now:   func() time.Time { return clk.now },
				Sleep: func(d time.Duration) { clk.slept = append(clk.slept, d); clk.now = clk.now.Add(d) },
				Log:   &log,
			}
			if code := sup.Run(); code != c.code {
				t.Errorf("Run() = %d, want %d", code, c.code)
			}
			if len(clk.starts) != len(c.runs) {
				t.Errorf("kiosk started %d times, want %d", len(clk.starts), len(c.runs))
			}
			if !slices.Equal(clk.slept, c.slept) {
				t.Errorf("slept %v, want %v", clk.slept, c.slept)
			}
			lines := strings.Split(strings.TrimSpace(log.String()), "\n")
			if len(lines) != len(c.runs) {
				t.Errorf("%d log lines for %d runs:\n%s", len(lines), len(c.runs), log.String())
			}
			for _, want := range c.log {
				if !strings.Contains(log.String(), want) {
					t.Errorf("log lacks %q:\n%s", want, log.String())
				}
			}
			// The first line is written when the first run ends.
			if stamp := t0.Add(c.runs[0].lasts).Format("15:04:05.000 ") + "kiosk --supervise: "; !strings.HasPrefix(lines[0], stamp) {
				t.Errorf("first line %q, want it stamped %q", lines[0], stamp)
			}
		})
	}
}
