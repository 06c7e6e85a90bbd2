package playlog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/playhall/playhall/kiosk/playlog/clocktest"
	"github.com/playhall/playhall/record"
)

var t0 = time.Date(2026, 11, 29, 9, 30, 15, 0, time.UTC)

func play(i int) record.Play {
	return record.Play{
		Source: record.SourceKiosk, ContentVersion: "test-1", Start: t0.Add(time.Duration(i) * time.Minute),
		Duration: 150, Band: []string{"primary", "junior", "senior", "adult"}[i%4], Lang: "zh",
		Level: fmt.Sprintf("level-%d", i%3+1), Mode: "shooter", End: record.EndCompleted, Score: i,
		Items:   []record.ItemOutcome{{ID: "ice", Kind: "drug", Seen: 3, Seized: 2, Missed: 1}},
		Answers: []record.Answer{{Question: "q1", Phase: "post", Choice: 1, Correct: true}},
	}
}

func open(t testing.TB, dir string, o Options) *Log {
	t.Helper()
	if o.Logf == nil {
		o.Logf = t.Logf
	}
	l, err := Open(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func entries(t testing.TB, l *Log) []record.Entry {
	t.Helper()
	var es []record.Entry
	if err := l.Each(func(e record.Entry) error { es = append(es, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return es
}

func mustCheck(t testing.TB, dir string) Info {
	t.Helper()
	in, problems, err := Check(dir)
	if err != nil || len(problems) > 0 {
		t.Fatalf("db check: %v %q", err, problems)
	}
	return in
}

func TestAppendAndReopen(t *testing.T) {
	dir := t.TempDir()
	clk := clocktest.New(t0)
	l := open(t, dir, Options{Clock: clk, Location: time.UTC})
	var last *Receipt
	for i := range 20 {
		r, err := l.Append(play(i))
		if err != nil {
			t.Fatal(err)
		}
		last = r
	}
	if seq, err := last.Wait(t.Context()); err != nil || seq != 20 {
		t.Fatalf("last receipt: seq %d err %v", seq, err)
	}
	s := l.Status()
	if s.Records != 20 || s.Backlog != 20 || s.TodayPlays != 20 || s.LastSeq != 20 || s.Epoch == "" {
		t.Fatalf("status %+v", s)
	}
	epoch := s.Epoch
	es := entries(t, l)
	if len(es) != 20 || es[0].Seq != 1 || es[19].Play.Score != 19 || es[3].Play.Start.Second() != 0 || len(es[0].Play.ID) != 32 {
		t.Fatalf("entries: %d, first %+v", len(es), es[0])
	}
	if es[0].Play.ID == es[1].Play.ID {
		t.Fatal("ids repeat")
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, dir)
	l = open(t, dir, Options{Clock: clk, Location: time.UTC})
	defer l.Close()
	if s := l.Status(); s.Epoch != epoch || s.Records != 20 || s.TodayPlays != 20 {
		t.Fatalf("after reopen: %+v", s)
	}
	if seq, err := l.AppendSync(play(20)); err != nil || seq != 21 {
		t.Fatalf("append after reopen: %d %v", seq, err)
	}
}

func TestAppendRejectsInvalid(t *testing.T) {
	l := open(t, t.TempDir(), Options{})
	defer l.Close()
	tests := []struct {
		name string
		mod  func(*record.Play)
	}{
		{"band", func(p *record.Play) { p.Band = "toddler" }},
		{"duration", func(p *record.Play) { p.Duration = -1 }},
		{"mode", func(p *record.Play) { p.Mode = "chess" }},
		{"label", func(p *record.Play) { p.VisitGroup = string(make([]rune, 40)) }},
	}
	for _, tc := range tests {
		p := play(1)
		tc.mod(&p)
		if _, err := l.Append(p); !errors.Is(err, record.ErrInvalid) {
			t.Errorf("%s: got %v, want ErrInvalid", tc.name, err)
		}
	}
	if s := l.Status(); s.Backlog != 0 {
		t.Fatalf("invalid plays were queued: %+v", s)
	}
}

func TestCheckpointBecomesCrashed(t *testing.T) {
	dir := t.TempDir()
	l := open(t, dir, Options{})
	p := play(1)
	id, err := l.Begin(p)
	if err != nil {
		t.Fatal(err)
	}
	p.ID, p.Score = id, 4242
	if err := l.Checkpoint(p); err != nil {
		t.Fatal(err)
	}
	// A finished play before: Begin of the next play must survive its Append.
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if in := mustCheck(t, dir); !in.Checkpoint {
		t.Fatal("checkpoint not stored")
	}
	l = open(t, dir, Options{})
	es := entries(t, l)
	if len(es) != 1 || es[0].Play.End != record.EndCrashed || es[0].Play.Score != 4242 || es[0].Play.ID != id {
		t.Fatalf("crashed play: %+v", es)
	}
	// A completed play clears the checkpoint: nothing extra at the next open.
	id2, _ := l.Begin(play(2))
	p2 := play(2)
	p2.ID = id2
	if _, err := l.AppendSync(p2); err != nil {
		t.Fatal(err)
	}
	l.Close()
	l = open(t, dir, Options{})
	defer l.Close()
	if es := entries(t, l); len(es) != 2 || es[1].Play.End != record.EndCompleted {
		t.Fatalf("after a finished play: %+v", es)
	}
}

func TestVisit(t *testing.T) {
	dir := t.TempDir()
	clk := clocktest.New(t0)
	l := open(t, dir, Options{Clock: clk})
	if _, err := l.StartVisit("", 30); !errors.Is(err, record.ErrInvalid) {
		t.Fatalf("empty label: %v", err)
	}
	v, err := l.StartVisit("初二(3)班", 41)
	if err != nil {
		t.Fatal(err)
	}
	if cv := l.CurrentVisit(); cv == nil || cv.Label != "初二(3)班" {
		t.Fatalf("current visit %+v", cv)
	}
	p := play(1)
	p.VisitGroup = l.CurrentVisit().Label
	l.AppendSync(p)
	l.Close()
	l = open(t, dir, Options{Clock: clk}) // the visit survives a restart
	if cv := l.CurrentVisit(); cv == nil || cv.ID != v.ID {
		t.Fatalf("visit lost over restart: %+v", cv)
	}
	clk.Advance(50 * time.Minute)
	r, err := l.EndVisit()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := l.EndVisit(); !errors.Is(err, ErrNoVisit) {
		t.Fatalf("second EndVisit: %v", err)
	}
	es := entries(t, l)
	l.Close()
	if len(es) != 2 || es[0].Play.VisitGroup != "初二(3)班" || es[1].Kind != record.KindVisit ||
		es[1].Visit.Students != 41 || es[1].Visit.End.Sub(es[1].Visit.Start) != 50*time.Minute {
		t.Fatalf("entries %+v", es)
	}
	if l2 := open(t, dir, Options{}); l2.CurrentVisit() != nil {
		t.Fatal("ended visit came back")
	} else {
		l2.Close()
	}
}

func TestOutboxAckAndCap(t *testing.T) {
	dir := t.TempDir()
	l := open(t, dir, Options{MaxRecords: 50, WarnFraction: 0.8})
	defer l.Close()
	for i := range 45 {
		if _, err := l.AppendSync(play(i)); err != nil {
			t.Fatal(err)
		}
	}
	if s := l.Status(); !s.NearCap || s.OverCap || len(s.Warnings()) == 0 {
		t.Fatalf("expected near-cap warning: %+v", s)
	}
	epoch, es, err := l.Pending(10, 1<<20)
	if err != nil || len(es) != 10 || es[0].Seq != 1 {
		t.Fatalf("pending: %v %d", err, len(es))
	}
	if _, es, _ := l.Pending(500, 1); len(es) != 1 {
		t.Fatalf("byte limit must still give one record, got %d", len(es))
	}
	if err := l.Ack("other", 5); !errors.Is(err, ErrEpoch) {
		t.Fatalf("wrong epoch: %v", err)
	}
	if err := l.Ack(epoch, 30); err != nil {
		t.Fatal(err)
	}
	if _, es, _ := l.Pending(10, 1<<20); es[0].Seq != 31 {
		t.Fatalf("outbox after ack starts at %d", es[0].Seq)
	}
	// 20 more: 65 records > cap 50, so the oldest 15 acknowledged go.
	for i := range 20 {
		l.AppendSync(play(45 + i))
	}
	s := l.Status()
	if s.Records != 50 || s.Backlog != 35 || s.AckedSeq != 30 {
		t.Fatalf("after cap: %+v", s)
	}
	if es := entries(t, l); es[0].Seq != 16 {
		t.Fatalf("pruned wrong records: first is %d", es[0].Seq)
	}
	// Nothing acknowledged is left to prune: unacknowledged records are kept past the cap.
	for i := range 30 {
		l.AppendSync(play(65 + i))
	}
	s = l.Status()
	if s.Backlog != 65 || !s.OverCap || s.Records != 65 {
		t.Fatalf("unsynced records dropped or not flagged: %+v", s)
	}
	if err := l.Ack(epoch, 1000); !errors.Is(err, ErrAckBeyondLog) {
		t.Fatal("ack beyond the log accepted silently")
	}
}

func TestCorruptAtOpenIsQuarantined(t *testing.T) {
	garbage := func(dir string) error {
		return os.WriteFile(filepath.Join(dir, DBFile), []byte("this is not a bbolt file, it is a power cut"), 0o600)
	}
	truncated := func(dir string) error {
		l, err := Open(dir, Options{})
		if err != nil {
			return err
		}
		for i := range 50 {
			l.AppendSync(play(i))
		}
		l.Close()
		return os.Truncate(filepath.Join(dir, DBFile), 4096)
	}
	zeroMeta := func(dir string) error {
		l, err := Open(dir, Options{})
		if err != nil {
			return err
		}
		l.AppendSync(play(1))
		l.Close()
		f, err := os.OpenFile(filepath.Join(dir, DBFile), os.O_RDWR, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = f.WriteAt(make([]byte, 8192), 0) // both meta pages
		return err
	}
	for name, damage := range map[string]func(string) error{"garbage": garbage, "truncated": truncated, "zeroed meta": zeroMeta} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := damage(dir); err != nil {
				t.Fatal(err)
			}
			orig, _ := os.ReadFile(filepath.Join(dir, DBFile))
			clk := clocktest.New(t0)
			l := open(t, dir, Options{Clock: clk})
			s := l.Status()
			if s.LastQuarantine == nil || s.Records != 0 || s.Epoch == "" {
				t.Fatalf("status %+v", s)
			}
			moved, err := os.ReadFile(s.LastQuarantine.File)
			if err != nil || string(moved) != string(orig) {
				t.Fatalf("quarantined file not kept byte for byte: %v", err)
			}
			if filepath.Dir(s.LastQuarantine.File) != filepath.Join(dir, QuarantineDir) {
				t.Fatalf("quarantine in %s", s.LastQuarantine.File)
			}
			if ev, err := os.ReadFile(filepath.Join(dir, QuarantineDir, EventsFile)); err != nil || len(ev) == 0 {
				t.Fatalf("no event logged: %v", err)
			}
			if _, err := l.AppendSync(play(1)); err != nil {
				t.Fatal(err)
			}
			l.Close()
			mustCheck(t, dir)
			l = open(t, dir, Options{Clock: clk}) // the event is still shown after a restart
			defer l.Close()
			if q := l.Status().LastQuarantine; q == nil || q.File != s.LastQuarantine.File {
				t.Fatalf("quarantine event lost on restart: %+v", q)
			}
		})
	}
}

func TestLockedIsNotQuarantined(t *testing.T) {
	dir := t.TempDir()
	l := open(t, dir, Options{})
	defer l.Close()
	if _, err := Open(dir, Options{LockTimeout: 50 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, QuarantineDir)); err == nil {
		t.Fatal("a locked database was quarantined")
	}
}

func TestClockJumpsBackwards(t *testing.T) {
	dir := t.TempDir()
	clk := clocktest.New(t0)
	l := open(t, dir, Options{Clock: clk, Location: time.UTC})
	p := play(0)
	p.Start = time.Time{} // the log stamps the clock's time
	l.AppendSync(p)
	clk.Set(t0.Add(-36 * time.Hour)) // NTP fixes a clock that ran a day and a half fast
	l.AppendSync(p)
	l.AppendSync(p)
	if s := l.Status(); s.TodayPlays != 2 || s.LastSeq != 3 {
		t.Fatalf("today after jump: %+v", s)
	}
	v, err := l.StartVisit("初一(1)班", 20)
	if err != nil {
		t.Fatal(err)
	}
	clk.Set(t0.Add(-48 * time.Hour))
	r, err := l.EndVisit()
	if err != nil {
		t.Fatal(err)
	}
	r.Wait(t.Context())
	es := entries(t, l)
	l.Close()
	mustCheck(t, dir)
	if len(es) != 4 || !es[1].Play.Start.Before(es[0].Play.Start) {
		t.Fatalf("entries %+v", es)
	}
	for i, e := range es {
		if e.Seq != uint64(i+1) {
			t.Fatalf("sequence %d at %d", e.Seq, i)
		}
	}
	if got := es[3].Visit; got.ID != v.ID || got.End.Before(got.Start) {
		t.Fatalf("visit %+v", got)
	}
}

func TestQuarantineWarningFades(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, DBFile), []byte("garbage"), 0o600)
	clk := clocktest.New(t0)
	l := open(t, dir, Options{Clock: clk})
	defer l.Close()
	if w := l.Status().Warnings(); len(w) != 1 || !strings.Contains(w[0], "damaged") {
		t.Fatalf("warnings %q", w)
	}
	clk.Advance(QuarantineWarnFor + time.Minute)
	if s := l.Status(); len(s.Warnings()) != 0 || s.LastQuarantine == nil {
		t.Fatalf("after a week: %+v", s)
	}
}

func TestBindKioskStartsEpochAtFirstUnacked(t *testing.T) {
	dir := t.TempDir()
	l := open(t, dir, Options{})
	for i := range 10 {
		l.AppendSync(play(i))
	}
	e0 := l.Epoch()
	if err := l.BindKiosk("k0001"); err != nil || l.Epoch() != e0 {
		t.Fatalf("first bind changed the epoch: %v", err)
	}
	l.Ack(e0, 6)
	if err := l.BindKiosk("k0002"); err != nil {
		t.Fatal(err)
	}
	e1, es, _ := l.Pending(100, 1<<20)
	if e1 == e0 || len(es) != 4 || es[0].Seq != 1 || es[0].Play.Score != 6 {
		t.Fatalf("after re-bind: epoch %s, %d entries, first %+v", e1, len(es), es[0])
	}
	if err := l.Ack(e1, 4); err != nil || l.Backlog() != 0 {
		t.Fatalf("ack in the new epoch: %v, backlog %d", err, l.Backlog())
	}
	if err := l.Ack(e1, 5); !errors.Is(err, ErrAckBeyondLog) {
		t.Fatal("ack past the end accepted")
	}
	l.Close()
	in := mustCheck(t, dir)
	if in.Base != 6 || in.KioskID != "k0002" || in.AckedSeq != 10 || in.Epoch != e1 {
		t.Fatalf("stored identity %+v", in)
	}
	l = open(t, dir, Options{}) // survives a restart
	defer l.Close()
	l.AppendSync(play(10))
	if ep, es, _ := l.Pending(100, 1<<20); ep != e1 || len(es) != 1 || es[0].Seq != 5 {
		t.Fatalf("after restart: %s %+v", ep, es)
	}
}
