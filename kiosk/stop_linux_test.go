package kiosk_test

// A stop signal (systemctl stop, a shutdown, a supervisor passing its own
// stop on) ends the kiosk cleanly (kiosk/stop.go): the play on screen is
// logged as crashed with its state at the signal, the play log is closed
// with no checkpoint left, and the exit code is 128+signal. The test runs the
// real binary under Xvfb and follows its log line by line with the helpers
// of crash_test.go: no sleeps.

import (
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/playhall/playhall/kiosk/playlog"
	"github.com/playhall/playhall/record"
)

// followKiosk starts `kiosk args...` (no supervisor) in a fresh working
// folder, its output read line by line like startSupervised's.
func followKiosk(tb testing.TB, args ...string) *supervised {
	tb.Helper()
	return follow(tb, nil, args)
}

func TestStopSignalLogsPlayAsCrashed(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		name string
		code int
	}{
		{syscall.SIGTERM, "SIGTERM", 143},
		{syscall.SIGINT, "SIGINT", 130},
	} {
		t.Run(tc.name, func(t *testing.T) { stopMidPlay(t, tc.sig, tc.name, tc.code) })
	}
}

// stopMidPlay sends sig to an autoplaying kiosk once its first round is on
// screen, checks the exit code and the play log, then runs a second kiosk
// on the same data folder, which must not log the play again.
func stopMidPlay(t *testing.T, sig syscall.Signal, name string, code int) {
	data := filepath.Join(t.TempDir(), "data")
	s := followKiosk(t, append(fast, "--autoplay", "--speed", "16", "--data", data)...)
	s.next(`kiosk: screen play`)
	if err := s.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	// The round may have ended in the moment the signal took; the session
	// (band chosen, pledge not reached) is still open then.
	_, m := s.next(`kiosk: play logged: ([0-9a-f]+) band=\S+ level=\S+ end=(\w+) score=(\d+)`)
	id, end, score := m[1], m[2], m[3]
	if end != string(record.EndCrashed) {
		t.Errorf("play %s logged with end %s, want crashed\n%s", id, end, s.log())
	}
	s.next(`kiosk: stopped by ` + name + ` \(play ` + id + ` cut off on screen \w+, logged as crashed\); exit ` + strconv.Itoa(code))
	s.next(`kiosk: stopped after \d+ ticks; 1 plays logged this run`)
	if got := s.wait(); got != code {
		t.Fatalf("kiosk exit %d, want %d (128+%s)\n%s", got, code, name, s.log())
	}

	// Read-only first: playlog.Open would turn a leftover checkpoint into a
	// crashed play and hide it.
	var ps []record.Play
	info, err := playlog.Walk(data, func(e record.Entry) error {
		if e.Play != nil {
			ps = append(ps, *e.Play)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if info.Checkpoint {
		t.Errorf("a checkpoint is left in the play log after a clean stop")
	}
	if len(ps) != 1 {
		t.Fatalf("%d plays logged, want 1: %+v\n%s", len(ps), ps, s.log())
	}
	p := ps[0]
	if p.ID != id || p.End != record.EndCrashed || strconv.Itoa(p.Score) != score || p.Duration <= 0 {
		t.Errorf("stored play %s end %s score %d duration %.3f s; want %s, crashed, score %s, duration > 0",
			p.ID, p.End, p.Score, p.Duration, id, score)
	}
	if err := p.Validate(); err != nil && !strings.Contains(err.Error(), "kiosk_id") {
		t.Errorf("stored play invalid: %v", err)
	}
	t.Logf("play %s: crashed, score %d, %.2f s of flow time", p.ID, p.Score, p.Duration)

	// The next start finds no checkpoint, so it logs no second crashed play.
	got, log := runKiosk(t, nil, append(fast, "--autoplay", "--speed", "16", "--quit-after", "3s", "--data", data)...)
	if got != 0 {
		t.Fatalf("second kiosk exit %d\n%s", got, log)
	}
	var crashed []string
	for _, p := range plays(t, data) {
		if p.End == record.EndCrashed {
			crashed = append(crashed, p.ID)
		}
	}
	if len(crashed) != 1 || crashed[0] != id {
		t.Errorf("crashed plays after the next start: %v, want only %s", crashed, id)
	}
}
