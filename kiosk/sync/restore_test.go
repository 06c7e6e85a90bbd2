package sync

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playhall/playhall/hub/store"
	"github.com/playhall/playhall/kiosk/playlog"
)

// TestHubRestoredFromOlderBackup: the hub is backed up (`hub backup`), takes
// more records, then is stopped and its data replaced by the older backup.
// Kiosk a still holds everything: it resends what the hub lost and the hub
// ends with every record exactly once. Kiosk b has a cap of 300 records and
// pruned acknowledged records the restored hub no longer holds: those are
// reported as lost (Status, warning, kind "lost" quarantined at the hub),
// the rest arrive once, and syncing goes on.
func TestHubRestoredFromOlderBackup(t *testing.T) {
	h := newHub(t)
	a := newKiosk(t, h, h.URL)
	b := newKiosk(t, h, h.URL)
	b.log.Close()
	var err error
	if b.log, err = playlog.Open(b.dir, playlog.Options{Logf: t.Logf, MaxRecords: 300}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.log.Close() })
	ca := New(Config{DataDir: a.dir, Log: a.log, Health: health})
	cb := New(Config{DataDir: b.dir, Log: b.log, Health: health})
	syncAll := func(want int) {
		t.Helper()
		for _, c := range []*Client{ca, cb} {
			if err := c.SyncNow(t.Context(), nil); err != nil {
				t.Fatal(err)
			}
		}
		if n := h.plays(); n != want {
			t.Fatalf("hub holds %d plays, want %d", n, want)
		}
	}

	a.fill(t, 200)
	b.fill(t, 200)
	syncAll(400)
	backup := filepath.Join(t.TempDir(), "older.db")
	if out := h.cli("", "backup", "--data", h.dir, backup); !strings.Contains(out, "backup written") {
		t.Fatalf("hub backup: %s", out)
	}
	a.fill(t, 300)
	b.fill(t, 400) // over the cap, but only 1–200 are acknowledged: b stores 201–600
	syncAll(1100)
	b.fill(t, 10) // this commit prunes to the cap: b stores 311–610
	if st := b.log.Status(); st.Records != 300 || st.AckedSeq != 600 || st.Backlog != 10 {
		t.Fatalf("kiosk b before the restore: %+v", st)
	}

	h.stop()
	data, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(h.dir, store.DBFile), data, 0o600); err != nil {
		t.Fatal(err)
	}
	h.restart()
	if n := h.plays(); n != 400 {
		t.Fatalf("restored hub holds %d plays, want 400", n)
	}

	// a resends 201–500; b resends 311–610 and sends 201–310 as lost.
	syncAll(400 + 300 + 300)
	if st := a.log.Status(); st.Backlog != 0 || st.AckedSeq != 500 || st.LostToHub != 0 {
		t.Fatalf("kiosk a after the resend: %+v", st)
	}
	st := b.log.Status()
	if st.Backlog != 0 || st.AckedSeq != 610 || st.LostToHub != 110 {
		t.Fatalf("kiosk b after the resend: %+v", st)
	}
	if w := strings.Join(st.Warnings(), "\n"); !strings.Contains(w, "110 plays lost to the hub") {
		t.Fatalf("warnings %q", w)
	}
	if s := cb.Status(); s.State != StateIdle || !strings.Contains(s.LastError, "hub holds up to 200, had acknowledged 600") {
		t.Fatalf("client status %+v", s)
	}
	var q struct {
		Records []struct {
			Kiosk, Reason string
			Seq           uint64
		}
	}
	h.get("/api/v1/admin/quarantine?limit=1000", &q)
	lost := 0
	for _, r := range q.Records {
		if r.Kiosk == b.enr.KioskID && r.Seq > 200 && r.Seq <= 310 && strings.HasPrefix(r.Reason, "lost on the kiosk") {
			lost++
		}
	}
	if lost != 110 || len(q.Records) != 110 {
		t.Fatalf("hub quarantined %d lost records of kiosk b (%d in all), want 110", lost, len(q.Records))
	}

	// Nothing is sent twice afterwards, and new plays flow as before; the
	// lost count survives a restart of the kiosk.
	syncAll(1000)
	a.fill(t, 10)
	b.fill(t, 10)
	syncAll(1020)
	b.log.Close()
	if b.log, err = playlog.Open(b.dir, playlog.Options{Logf: t.Logf, MaxRecords: 300}); err != nil {
		t.Fatal(err)
	}
	if n := b.log.Status().LostToHub; n != 110 {
		t.Fatalf("after reopening, LostToHub %d", n)
	}
}
