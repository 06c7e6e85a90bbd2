package kiosk_test

// A kiosk never outlives its supervisor (cmd/kiosk/child.go): killed, the
// supervisor's death makes Linux send the kiosk SIGTERM (Pdeathsig); asked
// to stop, the supervisor passes the signal on and exits once the kiosk has.
// Either way the play log stays sound and free for the next kiosk. The tests
// run the real binary under Xvfb with the helpers of crash_test.go and wait
// on the kiosk's pid through a pidfd: no sleeps, no polling.

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/playhall/playhall/kiosk/playlog"
	"github.com/playhall/playhall/record"
)

// kioskChild is the kiosk a supervisor started, held by a pidfd so neither
// waiting on it nor killing it can hit a reused pid.
type kioskChild struct {
	pid   int
	pidfd int
}

// child waits for the supervisor's "kiosk started, pid N" line, checks in
// /proc that N is the supervisor's child and opens a pidfd on it. The
// kiosk is killed when the test ends, should it still be running then.
func (s *supervised) child() kioskChild {
	s.tb.Helper()
	_, m := s.next(`kiosk --supervise: kiosk started, pid (\d+)`)
	pid, _ := strconv.Atoi(m[1])
	fd, err := unix.PidfdOpen(pid, 0)
	if err != nil {
		s.tb.Fatalf("pidfd_open(%d): %v", pid, err)
	}
	s.tb.Cleanup(func() {
		unix.PidfdSendSignal(fd, unix.SIGKILL, nil, 0)
		unix.Close(fd)
	})
	if ppid := parentPid(s.tb, pid); ppid != s.cmd.Process.Pid {
		s.tb.Fatalf("pid %d's parent is %d, want the supervisor %d", pid, ppid, s.cmd.Process.Pid)
	}
	return kioskChild{pid: pid, pidfd: fd}
}

// parentPid reads a process's parent from /proc/PID/stat.
func parentPid(tb testing.TB, pid int) int {
	tb.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		tb.Fatal(err)
	}
	// "pid (comm) state ppid ...": comm may hold spaces and parentheses.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	ppid, err := strconv.Atoi(f[1])
	if err != nil {
		tb.Fatalf("/proc/%d/stat: %q", pid, b)
	}
	return ppid
}

// exited reports whether the kiosk has ended within d. A pidfd turns
// readable when its process exits, whoever its parent is.
func (k kioskChild) exited(tb testing.TB, d time.Duration) bool {
	tb.Helper()
	fds := []unix.PollFd{{Fd: int32(k.pidfd), Events: unix.POLLIN}}
	deadline := time.Now().Add(d)
	for {
		n, err := unix.Poll(fds, int(max(0, time.Until(deadline).Milliseconds())))
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case err != nil:
			tb.Fatalf("poll on the kiosk's pidfd: %v", err)
		}
		return n == 1
	}
}

// checkPlayLog asserts that the kiosk's play log at data survived the
// kiosk's end: bbolt's and playlog's consistency checks find nothing, the
// next kiosk can take the lock at once and quarantines nothing, at most one
// play (the one cut off) is logged as crashed and no play is logged twice.
func checkPlayLog(tb testing.TB, data string) {
	tb.Helper()
	info, problems, err := playlog.Check(data)
	if err != nil {
		tb.Fatalf("playlog.Check: %v", err)
	}
	for _, p := range problems {
		tb.Errorf("play log: %s", p)
	}
	l, err := playlog.Open(data, playlog.Options{LockTimeout: 100 * time.Millisecond})
	if err != nil {
		tb.Fatalf("the next kiosk cannot open the play log: %v", err)
	}
	defer l.Close()
	if q := l.Status().LastQuarantine; q != nil {
		tb.Errorf("the play log was quarantined: %+v", q)
	}
	seen := map[string]bool{}
	crashed := 0
	err = l.Each(func(e record.Entry) error {
		if e.Play == nil {
			return nil
		}
		if seen[e.Play.ID] {
			tb.Errorf("play %s logged twice", e.Play.ID)
		}
		seen[e.Play.ID] = true
		if e.Play.End == record.EndCrashed {
			crashed++
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if crashed > 1 {
		tb.Errorf("%d plays crashed, want at most the one cut off", crashed)
	}
	tb.Logf("play log: epoch %s, %d plays (%d crashed)", info.Epoch, len(seen), crashed)
}

// superviseMidRound starts a supervised kiosk in autoplay on a fresh data
// folder and returns once its child is in its first round (a play is open).
func superviseMidRound(t *testing.T) (*supervised, kioskChild, string) {
	data := filepath.Join(t.TempDir(), "data")
	s := startSupervised(t, nil, append(fast, "--autoplay", "--speed", "16", "--quit-after", "60m", "--data", data)...)
	k := s.child()
	s.next(`first frame \d+ ms after process start`)
	s.next(`kiosk: screen play`)
	return s, k, data
}

func TestSupervisorKilledKioskStops(t *testing.T) {
	s, k, data := superviseMidRound(t)
	if err := s.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	var ee *exec.ExitError
	if err := s.cmd.Wait(); !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("supervisor: %v, want killed by SIGKILL", err)
	}
	if !k.exited(t, 10*time.Second) {
		t.Fatalf("kiosk pid %d still running 10 s after its supervisor was killed\n%s", k.pid, s.log())
	}
	checkPlayLog(t, data)
}

func TestSupervisorPassesSIGTERMOn(t *testing.T) {
	s, k, data := superviseMidRound(t)
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	s.next(`kiosk --supervise: terminated: passing it on to the kiosk \(pid ` + strconv.Itoa(k.pid) + `\)`)
	s.next(`kiosk --supervise: kiosk exited with \d+ after .*; stopped by terminated, exit 143`)
	if code := s.wait(); code != 143 {
		t.Fatalf("supervisor exit %d, want 143 (128+SIGTERM)\n%s", code, s.log())
	}
	// The supervisor reaped the kiosk before exiting, so its pidfd is
	// readable already.
	if !k.exited(t, 0) {
		t.Fatalf("kiosk pid %d still running after its supervisor exited\n%s", k.pid, s.log())
	}
	if strings.Contains(s.log(), "restarting") {
		t.Errorf("the supervisor restarted the kiosk after SIGTERM\n%s", s.log())
	}
	checkPlayLog(t, data)
}
