package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/playhall/playhall/kiosk/playlog"
	"github.com/playhall/playhall/record"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := dispatch(args, &out, &errb)
	return code, out.String(), errb.String()
}

// fillLog writes n simulated plays and one visit, the way kioskctl simulate does.
func fillLog(t *testing.T, dir string, n int) {
	t.Helper()
	l, err := playlog.Open(dir, playlog.Options{Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := l.StartVisit("初二(3)班", 38); err != nil {
		t.Fatal(err)
	}
	start := time.Now().UTC().Add(-24 * time.Hour).Truncate(time.Hour)
	for i := range n {
		p := record.Play{Source: record.SourceSimulated, ContentVersion: "pack-1", Start: start.Add(time.Duration(i) * time.Minute),
			Duration: 140, Band: []string{"primary", "junior"}[i%2], Lang: "zh", VisitGroup: "初二(3)班",
			Level: fmt.Sprintf("mekong-%d", i%3+1), Mode: "shooter", End: record.EndCompleted, Score: 100 * i,
			Items: []record.ItemOutcome{{ID: "ice", Kind: "drug", Seen: 2, Seized: 1, Missed: 1},
				{ID: "candy", Kind: "lookalike", Seen: 1, FalseAlarms: i % 2}},
			Answers: []record.Answer{{Question: "q-ice", Phase: "post", Choice: 1, Correct: i%3 != 0}}}
		if _, err := l.AppendSync(p); err != nil {
			t.Fatal(err)
		}
	}
	r, err := l.EndVisit()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestStatsExportCheckCompact(t *testing.T) {
	dir := t.TempDir()
	fillLog(t, dir, 12)

	code, out, errs := run(t, "stats", "--data", dir, "--json")
	if code != 0 {
		t.Fatalf("stats: %d %s", code, errs)
	}
	var s LogStats
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	if s.Plays != 12 || s.Visits != 1 || s.Students != 38 || s.Bands["junior"] != 6 || s.Levels["mekong-2"] != 4 ||
		s.Drugs["ice"].Seized != 12 || s.Lookalikes["candy"].FalseAlarms != 6 || s.Unsynced != 13 || s.Sources["simulated"] != 12 {
		t.Fatalf("stats %s", out)
	}
	if code, out, _ := run(t, "stats", "--data", dir); code != 0 || !strings.Contains(out, "plays 12, visits 1") || !strings.Contains(out, "ice") {
		t.Fatalf("text stats: %d %s", code, out)
	}

	code, out, _ = run(t, "export", "--data", dir, "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) != 14 || rows[0][0] != "seq" || rows[13][1] != "visit" || rows[13][12] != "初二(3)班" {
		t.Fatalf("csv export: %d %v %q", code, err, rows)
	}
	code, out, _ = run(t, "export", "--data", dir, "--format", "json")
	var es []record.Entry
	if err := json.Unmarshal([]byte(out), &es); code != 0 || err != nil || len(es) != 13 || es[5].Play.Score != 500 {
		t.Fatalf("json export: %d %v", code, err)
	}
	if code, _, errs := run(t, "export", "--data", dir, "--format", "xml"); code != 2 || !strings.Contains(errs, "csv or json") {
		t.Fatalf("bad format: %d %s", code, errs)
	}
	if code, _, errs := run(t, "stats"); code != 2 || !strings.Contains(errs, "--data") {
		t.Fatalf("missing --data: %d %s", code, errs)
	}

	if code, out, _ := run(t, "db", "check", "--data", dir); code != 0 || !strings.HasSuffix(out, "ok\n") {
		t.Fatalf("db check: %d %s", code, out)
	}
	if code, out, errs := run(t, "db", "compact", "--data", dir); code != 0 || !strings.Contains(out, "compacted") {
		t.Fatalf("db compact: %d %s %s", code, out, errs)
	}
	if code, out, _ := run(t, "db", "check", "--data", dir); code != 0 {
		t.Fatalf("db check after compact: %d %s", code, out)
	}

	// Flip one byte inside record 4: db check must name it and exit 1.
	db, err := bolt.Open(filepath.Join(dir, playlog.DBFile), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("records"))
		k := []byte{0, 0, 0, 0, 0, 0, 0, 4}
		v := append([]byte(nil), b.Get(k)...)
		v[20] ^= 0x01
		return b.Put(k, v)
	})
	db.Close()
	code, out, _ = run(t, "db", "check", "--data", dir)
	if code != 1 || !strings.Contains(out, "record 4: playlog: record checksum mismatch") {
		t.Fatalf("db check of a damaged record: %d %s", code, out)
	}
	if code, out, _ := run(t, "stats", "--data", dir, "--json"); code != 0 || !strings.Contains(out, `"corrupt": 1`) {
		t.Fatalf("stats with a damaged record: %d %s", code, out)
	}
}

func TestDBCheckMissing(t *testing.T) {
	if code, _, errs := run(t, "db", "check", "--data", t.TempDir()); code != 1 || !strings.Contains(errs, "no such file") {
		t.Fatalf("missing db: %d %s", code, errs)
	}
	if code, _, _ := run(t, "db", "fix"); code != 2 {
		t.Fatal("unknown db subcommand accepted")
	}
}

// TestLostToHubIsShown: records lost to a hub restored from an older backup
// (playlog.ErrHubBehind after pruning) are named by stats and db check.
func TestLostToHubIsShown(t *testing.T) {
	dir := t.TempDir()
	fillLog(t, dir, 12) // 13 records with the visit
	l, err := playlog.Open(dir, playlog.Options{Logf: t.Logf, MaxRecords: 5})
	if err != nil {
		t.Fatal(err)
	}
	epoch := l.Epoch()
	if err := l.Ack(epoch, 13); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil { // the ack's commit prunes to the cap: 9–13 stored
		t.Fatal(err)
	}
	fillLog(t, dir, 1) // a play and a visit: 14–15
	if l, err = playlog.Open(dir, playlog.Options{Logf: t.Logf, MaxRecords: 5}); err != nil {
		t.Fatal(err)
	}
	first := l.Status().LastSeq - uint64(l.Status().Records) + 1
	if err := l.Ack(epoch, 2); !errors.Is(err, playlog.ErrHubBehind) {
		t.Fatalf("ack below: %v", err)
	}
	want := int(first - 3)
	if got := l.Status().LostToHub; got != want || want <= 0 {
		t.Fatalf("LostToHub %d, want %d", got, want)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := run(t, "stats", "--data", dir); code != 0 || !strings.Contains(out, fmt.Sprintf("LOST TO THE HUB: %d records", want)) {
		t.Fatalf("stats: %d %s %s", code, out, errs)
	}
	var js LogStats
	_, out, _ := run(t, "stats", "--data", dir, "--json")
	if err := json.Unmarshal([]byte(out), &js); err != nil || js.LostToHub != want {
		t.Fatalf("stats --json lost_to_hub %d (%v)", js.LostToHub, err)
	}
	if code, out, _ := run(t, "db", "check", "--data", dir); code != 0 || !strings.Contains(out, fmt.Sprintf("%d records lost to the hub", want)) {
		t.Fatalf("db check: %d %s", code, out)
	}
}
