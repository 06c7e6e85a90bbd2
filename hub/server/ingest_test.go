package server

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/playhall/playhall/hub/store"
	"github.com/playhall/playhall/levels"
	"github.com/playhall/playhall/record"
)

func TestIngestIdempotentDuplicatedAndReordered(t *testing.T) {
	h := startHub(t, Config{})
	id, tok := h.enrol("S1")
	now := time.Now().Add(-time.Hour)
	var plays []*record.Play
	for i := 0; i < 30; i++ {
		plays = append(plays, play(id, now, "junior", record.EndCompleted))
	}
	// Second half first: nothing contiguous yet.
	code, ack, body := h.send(tok, batch(id, "ep1", 16, plays[15:]...))
	if code != 200 || ack.AckedSeq != 0 {
		t.Fatalf("reordered batch: %d %+v %s", code, ack, body)
	}
	code, ack, _ = h.send(tok, batch(id, "ep1", 1, plays[:15]...))
	if code != 200 || ack.AckedSeq != 30 {
		t.Fatalf("first half: %d %+v", code, ack)
	}
	// Duplicates, and an overlapping resend.
	for i := 0; i < 2; i++ {
		if code, ack, _ = h.send(tok, batch(id, "ep1", 1, plays...)); code != 200 || ack.AckedSeq != 30 {
			t.Fatalf("duplicate: %d %+v", code, ack)
		}
	}
	if code, ack, _ = h.send(tok, batch(id, "ep1", 10, plays[9:20]...)); code != 200 || ack.AckedSeq != 30 {
		t.Fatalf("overlap: %d %+v", code, ack)
	}
	if got := h.summaryPlays(); got != 30 {
		t.Fatalf("summary plays = %d, want 30", got)
	}
	// A new epoch starts again at 1.
	if code, ack, _ = h.send(tok, batch(id, "ep2", 1, play(id, now, "junior", record.EndAbandoned))); ack.AckedSeq != 1 {
		t.Fatalf("new epoch: %d %+v", code, ack)
	}
	if got := h.summaryPlays(); got != 31 {
		t.Fatalf("summary plays = %d, want 31", got)
	}
}

func TestIngestQuarantinesBadRecordsWithoutBlocking(t *testing.T) {
	h := startHub(t, Config{})
	id, tok := h.enrol("S1")
	now := time.Now().Add(-time.Hour)
	good1, good2 := play(id, now, "junior", record.EndCompleted), play(id, now, "senior", record.EndCompleted)
	badBand := play(id, now, "junior", record.EndCompleted)
	badBand.Band = "toddler"
	otherKiosk := play("k9999", now, "junior", record.EndCompleted)
	future := play(id, time.Now().Add(48*time.Hour), "junior", record.EndCompleted)
	b := batch(id, "e", 1, good1, badBand, otherKiosk, future, good2)
	b.Entries = append(b.Entries, record.Entry{Seq: 6, Kind: "mystery"})
	code, ack, body := h.send(tok, b)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	if ack.AckedSeq != 6 {
		t.Fatalf("acked %d, want 6 (quarantined records count as stored)", ack.AckedSeq)
	}
	var seqs []uint64
	for _, r := range ack.Rejected {
		seqs = append(seqs, r.Seq)
		if r.Reason == "" {
			t.Errorf("seq %d: empty reason", r.Seq)
		}
	}
	if len(seqs) != 4 || seqs[0] != 2 || seqs[1] != 3 || seqs[2] != 4 || seqs[3] != 6 {
		t.Fatalf("rejected %v, want [2 3 4 6]: %s", seqs, body)
	}
	if got := h.summaryPlays(); got != 2 {
		t.Fatalf("plays %d, want 2", got)
	}
	var q struct {
		Records []struct {
			Kiosk, Reason string
			Seq           uint64
		}
	}
	h.getJSON("/api/v1/admin/quarantine", h.admin, &q)
	if len(q.Records) != 4 || q.Records[0].Kiosk != id || q.Records[0].Seq != 6 || !strings.Contains(q.Records[0].Reason, "mystery") {
		t.Fatalf("quarantine list %+v", q.Records)
	}
	if code, _, _ := h.do("GET", "/api/v1/admin/quarantine", h.office, nil); code != 403 {
		t.Errorf("office reading quarantine: %d", code)
	}
	// Resending the same batch does not report them again (already stored).
	if _, ack, _ = h.send(tok, b); len(ack.Rejected) != 0 || ack.AckedSeq != 6 {
		t.Fatalf("resend: %+v", ack)
	}
}

func TestIngestCorrectsKioskClockOffByDays(t *testing.T) {
	h := startHub(t, Config{})
	id, tok := h.enrol("S1")
	skew := -3 * 24 * time.Hour // the kiosk's clock is three days behind
	kioskNow := time.Now().Add(skew)
	p := play(id, kioskNow.Add(-10*time.Minute), "junior", record.EndCompleted)
	b := batch(id, "e", 1, p)
	b.SentAt = kioskNow
	if code, ack, body := h.send(tok, b); code != 200 || len(ack.Rejected) != 0 {
		t.Fatalf("%d %s", code, body)
	}
	today := time.Now().In(time.FixedZone("", 8*3600)).Add(-10 * time.Minute).Format("2006-01-02")
	var rep struct{ Rows []map[string]any }
	h.getJSON("/api/v1/report?by=day", h.office, &rep)
	if len(rep.Rows) != 1 || rep.Rows[0]["day"] != today {
		t.Fatalf("rows %v, want one row on %s (corrected from the kiosk's clock)", rep.Rows, today)
	}
	// A clock far ahead is corrected too, not rejected as "future".
	p2 := play(id, time.Now().Add(5*24*time.Hour), "junior", record.EndCompleted)
	b2 := batch(id, "e", 2, p2)
	b2.SentAt = time.Now().Add(5*24*time.Hour + 10*time.Minute)
	if code, ack, body := h.send(tok, b2); code != 200 || len(ack.Rejected) != 0 || ack.AckedSeq != 2 {
		t.Fatalf("%d %+v %s", code, ack, body)
	}
}

func TestIngestAuthAndLimits(t *testing.T) {
	h := startHub(t, Config{KioskRate: 0.01, KioskBurst: 3})
	id, tok := h.enrol("S1")
	id2, tok2 := h.enrol("S2")
	p := play(id, time.Now().Add(-time.Hour), "junior", record.EndCompleted)
	body, _ := json.Marshal(batch(id, "e", 1, p))

	if code, b, _ := h.do("POST", "/api/v1/ingest", "", body); code != 401 || !strings.Contains(string(b), `"error"`) {
		t.Errorf("no token: %d %s", code, b)
	}
	if code, b, _ := h.do("POST", "/api/v1/ingest", "not-a-token", body); code != 401 {
		t.Errorf("bad token: %d %s", code, b)
	}
	if code, b, _ := h.do("POST", "/api/v1/ingest", h.office, body); code != 403 {
		t.Errorf("office token on ingest: %d %s", code, b)
	}
	if code, b, _ := h.do("POST", "/api/v1/ingest", tok2, body); code != 403 || !strings.Contains(string(b), id2) {
		t.Errorf("another kiosk's batch: %d %s", code, b)
	}
	if code, b, _ := h.do("GET", "/api/v1/summary", tok, nil); code != 403 {
		t.Errorf("kiosk reading summary: %d %s", code, b)
	}
	if code, b, _ := h.do("GET", "/api/v1/admin/kiosks", h.office, nil); code != 403 {
		t.Errorf("office on admin: %d %s", code, b)
	}
	// 413 above 1 MiB, also without Content-Length (chunked).
	big := bytes.Repeat([]byte(" "), 1<<20+10)
	if code, b, _ := h.do("POST", "/api/v1/ingest", tok, big); code != 413 || !strings.Contains(string(b), `"error"`) {
		t.Errorf("big body: %d %s", code, b)
	}
	// Rate limit: burst 3 (one request used by the 413 above? no: rejected before the limiter).
	var last int
	var hdr map[string][]string
	for i := 0; i < 5; i++ {
		last, _, hdr = h.do("POST", "/api/v1/ingest", tok, body)
	}
	if last != 429 || len(hdr["Retry-After"]) == 0 {
		t.Errorf("after the burst: %d, Retry-After %v", last, hdr["Retry-After"])
	}
	// Revoking stops the kiosk.
	if code, b, _ := h.do("POST", "/api/v1/admin/kiosks/"+id2+"/revoke", h.admin, nil); code != 200 {
		t.Fatalf("revoke: %d %s", code, b)
	}
	body2, _ := json.Marshal(batch(id2, "e", 1))
	if code, b, _ := h.do("POST", "/api/v1/ingest", tok2, body2); code != 401 {
		t.Errorf("revoked kiosk: %d %s", code, b)
	}
}

func TestEnrolCodeIsOneTime(t *testing.T) {
	h := startHub(t, Config{})
	code, b, _ := h.do("POST", "/api/v1/admin/kiosks", h.admin, []byte(`{"school":"S1","name":"x"}`))
	if code != 201 {
		t.Fatal(code, string(b))
	}
	var add AddKioskResponse
	json.Unmarshal(b, &add)
	req := []byte(`{"code":"` + strings.ToLower(add.Code) + `"}`)
	if code, b, _ := h.do("POST", "/api/v1/enroll", "", req); code != 200 {
		t.Fatalf("first use (lower case): %d %s", code, b)
	}
	if code, b, _ := h.do("POST", "/api/v1/enroll", "", req); code != 403 {
		t.Fatalf("second use: %d %s", code, b)
	}
	if code, b, _ := h.do("POST", "/api/v1/admin/kiosks", h.admin, []byte(`{"school":"NOPE","name":"x"}`)); code != 400 || !strings.Contains(string(b), "hub school add") {
		t.Fatalf("unknown school: %d %s", code, b)
	}
}

func TestWebPlays(t *testing.T) {
	h := startHub(t, Config{WebPerMinute: 3})
	p := play("web", time.Now().Add(-3*time.Minute), "junior", record.EndCompleted)
	p.Source = record.SourceWeb
	body, _ := json.Marshal(p)
	code, b, _ := h.do("POST", "/api/v1/web/plays", "", body)
	var ack record.WebAck
	json.Unmarshal(b, &ack)
	if code != 200 || !ack.Stored || ack.ID != p.ID {
		t.Fatalf("web play: %d %s", code, b)
	}
	code, b, _ = h.do("POST", "/api/v1/web/plays", "", body)
	json.Unmarshal(b, &ack)
	if code != 200 || ack.Stored {
		t.Fatalf("repeat: %d %s", code, b)
	}
	k := play("k0001", time.Now(), "junior", record.EndCompleted)
	kb, _ := json.Marshal(k)
	if code, b, _ := h.do("POST", "/api/v1/web/plays", "", kb); code != 400 {
		t.Fatalf("kiosk play on the web endpoint: %d %s", code, b)
	}
	if code, _, hdr := h.do("POST", "/api/v1/web/plays", "", body); code != 429 || hdr.Get("Retry-After") == "" {
		t.Fatalf("4th web post in a minute: %d", code)
	}
	var s struct {
		Plays    int64
		BySource map[string]any `json:"by_source"`
	}
	h.getJSON("/api/v1/summary", h.office, &s)
	if s.Plays != 1 || s.BySource["web"] != "<10" {
		t.Fatalf("summary %+v", s)
	}
}

func TestIngestChecksIDsOfKnownContentPack(t *testing.T) {
	pack, err := levels.Default()
	if err != nil {
		t.Fatal(err)
	}
	h := startHub(t, Config{})
	id, tok := h.enrol("S1")
	good := play(id, time.Now().Add(-time.Hour), "junior", record.EndCompleted)
	good.ContentVersion, good.Level = pack.Version, pack.Levels[0].ID
	good.Items = []record.ItemOutcome{{ID: pack.Drugs[0].ID, Kind: "drug", Seen: 1, Seized: 1}}
	good.Answers = []record.Answer{{Question: pack.Questions[0].ID, Phase: "post", Choice: 0, Correct: true}}
	badLevel, badDrug := *good, *good
	badLevel.ID, badLevel.Level = hexID(), "no-such-level"
	badDrug.ID, badDrug.Items = hexID(), []record.ItemOutcome{{ID: "no-such-drug", Kind: "drug", Seen: 1}}
	custom := *good // a hall's own pack: not known to the hub, taken on its shape
	custom.ID, custom.ContentVersion, custom.Level = hexID(), "hall-edit-7", "no-such-level"
	code, ack, body := h.send(tok, batch(id, "e", 1, good, &badLevel, &badDrug, &custom))
	if code != 200 || ack.AckedSeq != 4 || len(ack.Rejected) != 2 || ack.Rejected[0].Seq != 2 || ack.Rejected[1].Seq != 3 {
		t.Fatalf("%d %s", code, body)
	}
	if !strings.Contains(ack.Rejected[0].Reason, "no-such-level") || !strings.Contains(ack.Rejected[1].Reason, "no-such-drug") {
		t.Errorf("reasons %+v", ack.Rejected)
	}
	if got := h.summaryPlays(); got != 2 {
		t.Errorf("plays %d, want 2", got)
	}
}

// TestBodilessCorruptAndLostEntries: a kiosk's bodiless "corrupt" and "lost"
// entries are quarantined with their own reasons (not as an unknown kind),
// count as stored for the ack, show in the quarantine list and in the
// metrics; the same kinds with a body, or an unknown kind, are refused with
// a reason that says so.
func TestBodilessCorruptAndLostEntries(t *testing.T) {
	h := startHub(t, Config{})
	id, tok := h.enrol("S1")
	at := time.Now().Add(-time.Hour)
	b := batch(id, "e1", 1, play(id, at, "junior", record.EndCompleted))
	b.Entries = append(b.Entries,
		record.Entry{Seq: 2, Kind: store.KindCorrupt},
		record.Entry{Seq: 3, Kind: store.KindLost},
		record.Entry{Seq: 4, Kind: store.KindLost, Play: play(id, at, "junior", record.EndCompleted)},
		record.Entry{Seq: 5, Kind: "mangled"},
		record.Entry{Seq: 6, Kind: record.KindPlay, Play: play(id, at, "senior", record.EndCompleted)})
	code, ack, body := h.send(tok, b)
	if code != 200 || ack.AckedSeq != 6 || len(ack.Rejected) != 4 {
		t.Fatalf("%d %s", code, body)
	}
	want := map[uint64]string{2: store.ReasonCorrupt, 3: store.ReasonLost,
		4: "kind lost carries no body", 5: `kind "mangled" is not play, visit, corrupt or lost`}
	for _, r := range ack.Rejected {
		if !strings.Contains(r.Reason, want[r.Seq]) {
			t.Errorf("seq %d: reason %q, want %q", r.Seq, r.Reason, want[r.Seq])
		}
	}
	if got := h.summaryPlays(); got != 2 {
		t.Errorf("plays %d, want 2", got)
	}
	var q struct {
		Records []struct {
			Seq    uint64
			Reason string
		}
	}
	h.getJSON("/api/v1/admin/quarantine", h.admin, &q)
	reasons := map[uint64]string{}
	for _, r := range q.Records {
		reasons[r.Seq] = r.Reason
	}
	if reasons[2] != store.ReasonCorrupt || reasons[3] != store.ReasonLost {
		t.Errorf("quarantine list %+v", q.Records)
	}
	_, m, _ := h.do("GET", "/metrics", h.admin, nil)
	for _, line := range []string{`playhall_hub_ingest_records_total{kind="corrupt",result="quarantined"} 1`,
		`playhall_hub_ingest_records_total{kind="lost",result="quarantined"} 1`} {
		if !strings.Contains(string(m), line) {
			t.Errorf("metrics lack %s", line)
		}
	}
	// Sent again (the kiosk did not see the ack): duplicates, nothing changes.
	if code, ack, body := h.send(tok, b); code != 200 || ack.AckedSeq != 6 || len(ack.Rejected) != 0 {
		t.Fatalf("resend: %d %s", code, body)
	}
}
