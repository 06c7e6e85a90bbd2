package playlog

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/playhall/playhall/kiosk/playlog/clocktest"
	"github.com/playhall/playhall/record"
)

func TestDiskFullQueuesThenWrites(t *testing.T) {
	dir := t.TempDir()
	clk := clocktest.New(t0)
	const queueLimit = 40
	l := open(t, dir, Options{Clock: clk, MaxSize: 256 << 10, QueueLimit: queueLimit, RetryEvery: time.Minute})
	defer l.Close()
	l.failHook = make(chan error, 1000)

	// Fill the file to its MaxSize one durable play at a time.
	var waiting []*Receipt
	written := 0
	for len(waiting) == 0 {
		r, err := l.Append(play(written))
		if err != nil {
			t.Fatal(err)
		}
		select {
		case <-r.Done():
			if r.Err() != nil {
				t.Fatal(r.Err())
			}
			written++
		case err := <-l.failHook:
			if !isDiskFull(err) {
				t.Fatalf("failure is not disk full: %v", err)
			}
			waiting = append(waiting, r)
		}
	}
	if written < 100 {
		t.Fatalf("only %d plays fit in 256 KiB", written)
	}
	s := l.Status()
	if !s.DiskFull || s.Queued != 1 || s.LastError == "" || len(s.Warnings()) == 0 {
		t.Fatalf("status while full: %+v", s)
	}
	// Appending still never blocks: plays wait in memory up to the limit.
	for len(waiting) < queueLimit {
		r, err := l.Append(play(1000 + len(waiting)))
		if err != nil {
			t.Fatalf("queued play %d: %v", len(waiting), err)
		}
		waiting = append(waiting, r)
	}
	if _, err := l.Append(play(0)); !errors.Is(err, ErrQueueFull) {
		t.Fatalf("over the queue limit: %v", err)
	}
	if s := l.Status(); s.Dropped != 1 || s.Queued != queueLimit || s.Backlog != written+queueLimit {
		t.Fatalf("status with full queue: %+v", s)
	}
	// The writer retries on its timer; still full.
	<-l.failHook // drain failures of the appends above
	for len(l.failHook) > 0 {
		<-l.failHook
	}
	// The writer may still be failing the last append and arm its retry
	// timer only after this Advance, which then fires nothing (the test hung
	// there): the clock signals each timer armed, and time moves on again.
	for retried := false; !retried; {
		clk.Advance(time.Minute)
		select {
		case err := <-l.failHook:
			if !isDiskFull(err) {
				t.Fatalf("retry: %v", err)
			}
			retried = true
		case <-clk.Waiting():
		}
	}
	// The hub acknowledges everything stored: space comes back by pruning
	// synced records, and the queued plays are written in order.
	if err := l.Ack(s.Epoch, uint64(written)); err != nil {
		t.Fatal(err)
	}
	for i, r := range waiting {
		if seq, err := r.Wait(t.Context()); err != nil || seq != uint64(written+1+i) {
			t.Fatalf("queued play %d: seq %d err %v", i, seq, err)
		}
	}
	s = l.Status()
	if s.DiskFull || s.Queued != 0 || s.Backlog != queueLimit {
		t.Fatalf("after space returned: %+v", s)
	}
	_, es, _ := l.Pending(1000, 1<<20)
	if len(es) != queueLimit || es[0].Play.Score != written || es[1].Play.Score != 1001 {
		t.Fatalf("outbox after disk full: %d records", len(es))
	}
}

// TestKill9 runs a child copy of this test binary that writes plays as fast
// as it can and prints each durable acknowledgement, kills it with SIGKILL at
// a random point, and checks that every acknowledged play is stored and the
// database passes Check. 50 rounds on one data folder.
func TestKill9(t *testing.T) {
	if dir := os.Getenv("PLAYLOG_KILL9_CHILD"); dir != "" {
		kill9Child(dir)
		return
	}
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	acked := map[uint64]string{} // seq -> play id
	for round := range 50 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKill9$", "-test.count=1")
		cmd.Env = append(os.Environ(), "PLAYLOG_KILL9_CHILD="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		killAt := rng.IntN(120)
		n, killed := 0, false
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) == 3 && f[0] == "ACK" {
				seq, _ := strconv.ParseUint(f[2], 10, 64)
				if prev, ok := acked[seq]; ok && prev != f[1] {
					t.Fatalf("round %d: seq %d acknowledged twice (%s, %s)", round, seq, prev, f[1])
				}
				acked[seq] = f[1]
				n++
			}
			if !killed && (n >= killAt || f[0] == "READY" && killAt == 0) {
				cmd.Process.Kill() // SIGKILL
				killed = true
			}
		}
		cmd.Wait()
		if !killed {
			t.Fatalf("round %d: child exited by itself", round)
		}
		in, problems, err := Check(dir)
		if err != nil || len(problems) > 0 {
			t.Fatalf("round %d: db check: %v %q", round, err, problems)
		}
		stored := map[uint64]string{}
		if _, err := Walk(dir, func(e record.Entry) error {
			if e.Play != nil {
				stored[e.Seq] = e.Play.ID
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for seq, id := range acked {
			if stored[seq] != id {
				t.Fatalf("round %d: acknowledged play %s (seq %d) missing; stored %q", round, id, seq, stored[seq])
			}
		}
		t.Logf("round %d: killed after %d acks; %d records, checkpoint left: %v", round, n, in.Records, in.Checkpoint)
	}
	// Every leftover checkpoint became a crashed play; nothing else did.
	l := open(t, dir, Options{})
	defer l.Close()
	crashed := 0
	for _, e := range entries(t, l) {
		if e.Play.End == record.EndCrashed {
			crashed++
		}
	}
	if crashed == 0 || crashed > 51 {
		t.Fatalf("%d crashed plays after 50 kills", crashed)
	}
}

// kill9Child plays the kiosk: begins a play, checkpoints it, finishes it,
// over and over, with several appends in flight at a time.
func kill9Child(dir string) {
	l, err := Open(dir, Options{Logf: func(string, ...any) {}})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(3)
	}
	acks := make(chan *Receipt, 64)
	ids := make(chan string, 64)
	go func() {
		for r := range acks {
			id := <-ids
			if seq, err := r.Seq(), r.Err(); err == nil {
				fmt.Printf("ACK %s %d\n", id, seq)
			}
		}
	}()
	fmt.Println("READY")
	for i := 0; ; i++ {
		p := play(i)
		id, err := l.Begin(p)
		if err != nil {
			os.Exit(4)
		}
		p.ID, p.Score = id, i
		l.Checkpoint(p)
		if i%3 == 0 {
			continue // this play is still "in progress" when the next begins
		}
		r, err := l.Append(p)
		if err != nil {
			os.Exit(5)
		}
		acks <- r
		ids <- id
	}
}
