package playlog

import (
	"errors"
	"strings"
	"testing"

	"github.com/playhall/playhall/record"
)

// TestAckBelowEarlierAck: a hub that answers less than it acknowledged
// before (restored from an older backup) moves the outbox back; records
// already pruned are sent as KindLost and counted, in Status and on disk.
func TestAckBelowEarlierAck(t *testing.T) {
	dir := t.TempDir()
	var logged []string
	logf := func(f string, a ...any) { logged = append(logged, f) }
	l := open(t, dir, Options{MaxRecords: 20, Logf: logf})
	for i := range 30 {
		if _, err := l.AppendSync(play(i)); err != nil {
			t.Fatal(err)
		}
	}
	epoch := l.Epoch()
	if err := l.Ack(epoch, 30); err != nil {
		t.Fatal(err)
	}
	if _, err := l.AppendSync(play(30)); err != nil { // this commit prunes to the cap: 12–31 stored
		t.Fatal(err)
	}
	if s := l.Status(); s.Records != 20 || s.Backlog != 1 {
		t.Fatalf("before: %+v", s)
	}
	// An answer equal to the current one changes nothing.
	if err := l.Ack(epoch, 30); err != nil {
		t.Fatal(err)
	}

	err := l.Ack(epoch, 5)
	if !errors.Is(err, ErrHubBehind) || !strings.Contains(err.Error(), "resending 6–30") ||
		!strings.Contains(err.Error(), "6 of them were already pruned") {
		t.Fatalf("ack below: %v", err)
	}
	s := l.Status()
	if s.AckedSeq != 5 || s.Backlog != 26 || s.LostToHub != 6 || !strings.Contains(s.LastError, "hub holds up to 5") {
		t.Fatalf("after the lower ack: %+v", s)
	}
	_, es, err := l.Pending(10, 1<<20)
	if err != nil || len(es) != 10 {
		t.Fatalf("pending: %v %d", err, len(es))
	}
	for i, e := range es {
		want := record.Entry{Seq: uint64(6 + i), Kind: KindLost}
		if i >= 6 {
			want.Kind = record.KindPlay
		}
		if e.Seq != want.Seq || e.Kind != want.Kind || (e.Kind == KindLost) != (e.Play == nil) {
			t.Fatalf("pending[%d] = %+v, want seq %d kind %s", i, e, want.Seq, want.Kind)
		}
	}
	if err := l.Ack(epoch, 31); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	l = open(t, dir, Options{MaxRecords: 20})
	if s := l.Status(); s.LostToHub != 6 || s.AckedSeq != 31 || s.Backlog != 0 {
		t.Fatalf("after reopening: %+v", s)
	}
	l.Close()
	mustCheck(t, dir)
	if len(logged) == 0 {
		t.Fatal("the rewind was not logged")
	}
}

// TestAckBelowStoredAckIsPersisted: the lower acknowledgement is stored, so
// a restart before the resend still resends.
func TestAckBelowStoredAckIsPersisted(t *testing.T) {
	dir := t.TempDir()
	l := open(t, dir, Options{})
	for i := range 10 {
		l.AppendSync(play(i))
	}
	epoch := l.Epoch()
	l.Ack(epoch, 10)
	l.AppendSync(play(10)) // the ack is stored with this commit
	if err := l.Ack(epoch, 3); !errors.Is(err, ErrHubBehind) || strings.Contains(err.Error(), "pruned") {
		t.Fatalf("ack below: %v", err)
	}
	l.Close()
	l = open(t, dir, Options{})
	defer l.Close()
	if s := l.Status(); s.AckedSeq != 3 || s.Backlog != 8 || s.LostToHub != 0 {
		t.Fatalf("after reopening: %+v", s)
	}
}
