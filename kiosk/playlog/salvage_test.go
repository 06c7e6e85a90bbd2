package playlog

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/playhall/playhall/record"
)

// damageMiddlePage zeroes the 4 KiB page holding the given play id.
func damageMiddlePage(t *testing.T, dir, id string) {
	t.Helper()
	path := filepath.Join(dir, DBFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte(id))
	if i < 0 {
		t.Fatal("play id not found in the file")
	}
	page := i / 4096 * 4096
	copy(b[page:page+4096], make([]byte, 4096))
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestDamageFoundWhileRunning: a page in the middle of the records goes bad.
// Open does not notice (it reads only the ends); the outbox read does, the
// log says so and marks the file; the next Open verifies it, quarantines it
// and salvages every unacknowledged record before the bad page.
func TestDamageFoundWhileRunning(t *testing.T) {
	dir := t.TempDir()
	l := open(t, dir, Options{})
	var mid string
	for i := range 2000 {
		p := play(i)
		p.ID = NewID()
		if i == 1200 {
			mid = p.ID
		}
		if _, err := l.Append(p); err != nil {
			t.Fatal(err)
		}
	}
	l.AppendSync(play(2000))
	epoch, _, _ := l.Pending(1, 1<<20)
	l.Ack(epoch, 100)
	l.Close()
	damageMiddlePage(t, dir, mid)

	l = open(t, dir, Options{})
	_, _, err := l.Pending(5000, 1<<30)
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("reading across the bad page: %v", err)
	}
	if s := l.Status(); !s.Damaged || len(s.Warnings()) == 0 {
		t.Fatalf("status %+v", s)
	}
	l.Close()
	if _, err := os.Stat(filepath.Join(dir, DamagedFile)); err != nil {
		t.Fatal("no damage marker left for the next start")
	}

	l = open(t, dir, Options{})
	defer l.Close()
	s := l.Status()
	q := s.LastQuarantine
	if q == nil || s.Epoch == epoch || s.Damaged {
		t.Fatalf("after restart: %+v", s)
	}
	if q.Salvaged < 1000 || q.Salvaged > 1900 || s.Backlog != q.Salvaged {
		t.Fatalf("salvaged %d records, backlog %d", q.Salvaged, s.Backlog)
	}
	es := entries(t, l)
	if es[0].Seq != 1 || es[0].Play.Score != 100 {
		t.Fatalf("first salvaged record %+v (want the first unacknowledged, score 100)", es[0])
	}
	if _, err := os.Stat(filepath.Join(dir, DamagedFile)); err == nil {
		t.Fatal("damage marker not cleared")
	}
	l.AppendSync(play(1))
	mustCheckOpen := func() {
		l.Close()
		mustCheck(t, dir)
	}
	mustCheckOpen()
	l = open(t, dir, Options{})
}

func TestEventsLogNamesSalvage(t *testing.T) {
	dir := t.TempDir()
	l := open(t, dir, Options{})
	for i := range 3 {
		l.AppendSync(play(i))
	}
	l.Close()
	// Damage the records bucket's only leaf so the last record fails its
	// checksum: Open quarantines; the readable records are salvaged.
	b, _ := os.ReadFile(filepath.Join(dir, DBFile))
	i := bytes.LastIndex(b, []byte(`"score":2`))
	b[i+8] = '7'
	os.WriteFile(filepath.Join(dir, DBFile), b, 0o600)
	l = open(t, dir, Options{})
	defer l.Close()
	ev, err := os.ReadFile(filepath.Join(dir, QuarantineDir, EventsFile))
	if err != nil || !bytes.Contains(ev, []byte(`"salvaged":2`)) || !bytes.Contains(ev, []byte("checksum")) {
		t.Fatalf("events.log: %s %v", ev, err)
	}
	if s := l.Status(); s.Backlog != 2 || s.LastQuarantine.Salvaged != 2 {
		t.Fatalf("status %+v", s)
	}
}

func TestWalkOverADamagedPageFailsCleanly(t *testing.T) {
	dir := t.TempDir()
	l := open(t, dir, Options{})
	var mid string
	for i := range 2000 {
		p := play(i)
		p.ID = NewID()
		if i == 1000 {
			mid = p.ID
		}
		l.Append(p)
	}
	l.AppendSync(play(2000))
	l.Close()
	damageMiddlePage(t, dir, mid)
	n := 0
	_, err := Walk(dir, func(e record.Entry) error { n++; return nil })
	if !errors.Is(err, ErrDamaged) || n == 0 || n >= 2001 {
		t.Fatalf("walk: %v after %d records", err, n)
	}
	if _, problems, err := Check(dir); err != nil || len(problems) == 0 {
		t.Fatalf("check: %v %v", err, problems)
	}
}
