package kiosk_test

// Crash recovery (README.md, Crash recovery): `kiosk --supervise` runs the
// real kiosk binary as its child under Xvfb; the crash harness
// (PLAYHALL_CRASH_AFTER) makes the child panic mid-round, the supervisor
// starts a new child, and the test follows the processes' log line by line:
// it never sleeps, it waits for the next line.

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/playhall/playhall/game"
	"github.com/playhall/playhall/internal/testbin"
	"github.com/playhall/playhall/kiosk/flow"
	"github.com/playhall/playhall/record"
)

// logLine is one line of the supervisor's output (its own and its
// children's), stamped when the test read it.
type logLine struct {
	at   time.Time
	text string
}

// supervised is a running `kiosk --supervise`.
type supervised struct {
	tb    testing.TB
	cmd   *exec.Cmd
	lines chan logLine
	all   []string // every line read so far, for failure messages
	ctx   context.Context
}

// startSupervised starts `kiosk --supervise args...` with env added to the
// test's environment, in a fresh working folder. The run is killed if it
// has not ended after 4 minutes.
func startSupervised(tb testing.TB, env []string, args ...string) *supervised {
	tb.Helper()
	return follow(tb, env, append([]string{"--supervise"}, args...))
}

// follow starts the kiosk binary with args and env added to the test's
// environment, in a fresh working folder, and reads its output line by
// line. The run is killed if it has not ended after 4 minutes.
func follow(tb testing.TB, env, args []string) *supervised {
	tb.Helper()
	bin, err := testbin.Path("kiosk")
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	tb.Cleanup(cancel)
	pr, pw, err := os.Pipe()
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Dir = tb.TempDir()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	pw.Close()
	s := &supervised{tb: tb, cmd: cmd, lines: make(chan logLine, 1024), ctx: ctx}
	go func() {
		defer close(s.lines)
		defer pr.Close()
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			s.lines <- logLine{at: time.Now(), text: sc.Text()}
		}
	}()
	return s
}

// next returns the next line containing want (a regular expression), with
// its submatches; it fails the test if the output ends first.
func (s *supervised) next(want string) (logLine, []string) {
	s.tb.Helper()
	re := regexp.MustCompile(want)
	for l := range s.lines {
		s.all = append(s.all, l.text)
		if m := re.FindStringSubmatch(l.text); m != nil {
			return l, m
		}
	}
	s.tb.Fatalf("output ended (ctx: %v) without a line matching %q:\n%s", s.ctx.Err(), want, strings.Join(s.all, "\n"))
	return logLine{}, nil
}

// wait reads the rest of the output and returns the supervisor's exit code.
func (s *supervised) wait() int {
	s.tb.Helper()
	for l := range s.lines {
		s.all = append(s.all, l.text)
	}
	err := s.cmd.Wait()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee) && s.ctx.Err() == nil:
		return ee.ExitCode()
	}
	s.tb.Fatalf("kiosk --supervise: %v (ctx: %v)\n%s", err, s.ctx.Err(), strings.Join(s.all, "\n"))
	return -1
}

func (s *supervised) log() string { return strings.Join(s.all, "\n") }

// recovery is what one crash and restart measured.
type recovery struct {
	crashToFrame time.Duration // the harness's panic line → the new child's first frame
	delay        string        // the supervisor's wait, as it logged it
	startToFrame string        // the new child's own start-up figure, ms
}

// crashAndRecover runs the scenario of issue 5 once and checks each step:
// a supervised kiosk in autoplay panics in its first round, the supervisor
// restarts it, the new child runs normally from its attract screen, and the
// play log holds the interrupted play as crashed.
func crashAndRecover(tb testing.TB) recovery {
	tb.Helper()
	data := filepath.Join(tb.TempDir(), "data")
	s := startSupervised(tb, []string{"PLAYHALL_CRASH_AFTER=1ms"},
		append(fast, "--autoplay", "--speed", "16", "--quit-after", "40s", "--data", data)...)
	s.next(`crash harness: armed`)
	s.next(`first frame \d+ ms after process start`)
	crash, m := s.next(`crash harness: panic \d+ ticks into the round, play ([0-9a-f]+) open`)
	playID := m[1]
	s.next(`^panic: kiosk crash harness`)
	_, m = s.next(`kiosk --supervise: kiosk exited with (\d+) after .*; restarting (now|in \S+)`)
	if m[1] != "2" {
		tb.Errorf("crashed child exited with %s, want 2 (a Go panic)", m[1])
	}
	delay := m[2]
	s.next(`crash harness: .* exists, running normally`)
	s.next(`kiosk: kiosk .* starting`)
	_, m = s.next(`kiosk: screen (\w+)`)
	if m[1] != "attract" {
		tb.Errorf("restarted kiosk's first screen is %s, want attract", m[1])
	}
	frame, m := s.next(`first frame (\d+) ms after process start`)
	r := recovery{crashToFrame: frame.at.Sub(crash.at), delay: delay, startToFrame: m[1]}
	s.next(`kiosk --supervise: kiosk exited with 0 after .*; not restarted \(normal end\)`)
	if code := s.wait(); code != 0 {
		tb.Fatalf("supervisor exit %d, want 0 after the child's normal end\n%s", code, s.log())
	}
	log := s.log()
	if n := strings.Count(log, "crash harness: panic"); n != 1 {
		tb.Errorf("%d crashes, want 1 (the harness arms once per data folder)\n%s", n, log)
	}
	if n := strings.Count(log, "starting (config"); n != 2 {
		tb.Errorf("%d kiosk starts, want 2\n%s", n, log)
	}
	var crashed []record.Play
	for _, p := range plays(tb, data) {
		if p.End == record.EndCrashed {
			crashed = append(crashed, p)
		}
	}
	if len(crashed) != 1 || crashed[0].ID != playID {
		tb.Fatalf("crashed plays %+v, want exactly the interrupted play %s\n%s", crashed, playID, log)
	}
	p := crashed[0]
	if err := p.Validate(); err != nil && !strings.Contains(err.Error(), "kiosk_id") {
		tb.Errorf("crashed play invalid: %v", err)
	}
	if p.Band == "" || p.Level == "" || p.Mode != "shooter" {
		tb.Errorf("crashed play does not say which round it interrupted: %+v", p)
	}
	return r
}

func TestCrashRecovery(t *testing.T) {
	r := crashAndRecover(t)
	t.Logf("crash → first attract frame of the restarted kiosk: %d ms (supervisor restarting %s; the new kiosk's start-up %s ms)",
		r.crashToFrame.Milliseconds(), r.delay, r.startToFrame)
}

// BenchmarkCrashRecovery measures issue 5's target: a crashed kiosk is back
// on its attract screen within 5 s. It reports the mean and the worst time
// from the crash to the restarted kiosk's first frame and fails above 5 s.
//
//	go test -run '^$' -bench CrashRecovery -benchtime 5x ./kiosk
func BenchmarkCrashRecovery(b *testing.B) {
	var sum, worst time.Duration
	for range b.N {
		r := crashAndRecover(b)
		sum += r.crashToFrame
		worst = max(worst, r.crashToFrame)
	}
	b.ReportMetric(float64(sum.Milliseconds())/float64(b.N), "ms/recovery")
	b.ReportMetric(float64(worst.Milliseconds()), "worst-ms")
	if worst > 5*time.Second {
		b.Errorf("worst recovery %s, target ≤ 5 s", worst)
	}
}

func TestSuperviseStopsOnStaffExit(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "kiosk.toml")
	// No PIN hash, so the default PIN 0000 opens the pad.
	os.WriteFile(cfg, []byte(fmt.Sprintf("[kiosk]\ndata = %q\n", filepath.Join(dir, "data"))), 0o600)
	var ticks []flow.ReplayTick
	t0 := 120
	tap := func(x, y float64) {
		ticks = append(ticks, flow.ReplayTick{T: t0, E: []game.PointerEvent{{Kind: game.Down, X: x, Y: y}, {Kind: game.Up, X: x, Y: y}}})
		t0 += 20
	}
	for range 5 {
		tap(60, 60) // the staff gesture, top-left corner
	}
	key := func(col, row int) (float64, float64) { // kiosk/staff.go: the pad
		return 640 + float64(col)*220 + 100, 280 + float64(row)*150 + 65
	}
	for _, k := range [][2]int{{1, 3}, {1, 3}, {1, 3}, {1, 3}, {2, 3}} { // 0 0 0 0 OK
		tap(key(k[0], k[1]))
	}
	t0 += 60
	// kiosk/staff.go menuButtons at 1920×1080: 3 columns of 308×120 from
	// (900, 60) with 24 px gaps. Exit is the last button, so tapping the
	// cells from the bottom up hits Exit first (empty cells do nothing),
	// whatever buttons come before it.
	for i := 20; i >= 0; i-- {
		tap(900+float64(i%3)*(308+24)+154, 60+float64(i/3)*(120+24)+60)
	}
	ticks = append(ticks, flow.ReplayTick{T: t0 + 600, E: []game.PointerEvent{{Kind: game.Move, ID: 9, X: 1, Y: 1}}})
	rp := filepath.Join(dir, "exit.jsonl")
	writeReplay(t, rp, ticks)
	code, log := runKiosk(t, nil, append(fast, "--supervise", "--config", cfg, "--replay", rp, "--speed", "2")...)
	if code != 10 {
		t.Fatalf("supervisor exit %d, want 10 (the staff menu's Exit, not restarted)\n%s", code, log)
	}
	for _, want := range []string{"staff: menu unlocked", "staff: exit", "kiosk exited with 10 after", "not restarted (the staff menu's Exit)"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q", want)
		}
	}
	if n := strings.Count(log, "starting (config"); n != 1 || strings.Contains(log, "restarting") {
		t.Errorf("kiosk started %d times, want once and no restart\n%s", n, log)
	}
}
