//go:build linux

package playlog

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/playhall/playhall/kiosk/playlog/clocktest"
)

// TestRealWriteErrorsFromTheKernel makes the file system itself refuse the
// writes: a child copy of this test binary lowers its file-size limit
// (RLIMIT_FSIZE, so the kernel answers EFBIG like a full disk answers
// ENOSPC), fills the log until a commit fails, queues more plays, raises the
// limit again ("space returns") and lets the writer retry.
func TestRealWriteErrorsFromTheKernel(t *testing.T) {
	if dir := os.Getenv("PLAYLOG_FSIZE_CHILD"); dir != "" {
		fsizeChild(dir)
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestRealWriteErrorsFromTheKernel$", "-test.count=1")
	cmd.Env = append(os.Environ(), "PLAYLOG_FSIZE_CHILD="+dir)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "CHILD ") {
			lines = append(lines, strings.TrimPrefix(sc.Text(), "CHILD "))
		}
	}
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "full ") || lines[1] != "written 20" || lines[2] != "check ok" {
		t.Fatalf("child said %q\n%s", lines, out)
	}
	l := open(t, dir, Options{})
	defer l.Close()
	var written int
	fmt.Sscanf(lines[0], "full %d", &written)
	if s := l.Status(); s.Records != written+20 || written < 50 {
		t.Fatalf("after the child: %+v (written before full %d)", s, written)
	}
}

func fsizeChild(dir string) {
	say := func(f string, a ...any) { fmt.Printf("CHILD "+f+"\n", a...) }
	var lim syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim)
	orig := lim
	lim.Cur = 256 << 10
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		say("setrlimit: %v", err)
		return
	}
	clk := clocktest.New(t0)
	l, err := Open(dir, Options{Clock: clk, RetryEvery: time.Minute, Logf: func(string, ...any) {}})
	if err != nil {
		say("open: %v", err)
		return
	}
	l.failHook = make(chan error, 100)
	written := 0
	var failed error
	for failed == nil {
		r, err := l.Append(play(written))
		if err != nil {
			say("append: %v", err)
			return
		}
		select {
		case <-r.Done():
			written++
		case failed = <-l.failHook:
		}
	}
	s := l.Status()
	if !s.DiskFull {
		say("not seen as disk full: %v", failed)
		return
	}
	say("full %d", written)
	var rs []*Receipt
	for i := range 19 {
		r, _ := l.Append(play(10_000 + i))
		rs = append(rs, r)
	}
	syscall.Setrlimit(syscall.RLIMIT_FSIZE, &orig) // space returns
	// Fire the writer's retry timer whenever it waits on it, until every
	// queued play is durable.
	for _, r := range rs {
	wait:
		for {
			select {
			case <-r.Done():
				break wait
			case <-clk.Waiting():
				clk.Advance(time.Minute)
			}
		}
		if r.Err() != nil {
			say("queued play: %v", r.Err())
			return
		}
	}
	say("written %d", 1+len(rs))
	l.Close()
	if _, problems, err := Check(dir); err != nil || len(problems) > 0 {
		say("check: %v %v", err, problems)
		return
	}
	say("check ok")
}
