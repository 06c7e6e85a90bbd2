package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/playhall/playhall/hub/store"
	"github.com/playhall/playhall/record"
)

// testHub is a real hub served by Run on a loopback port.
type testHub struct {
	t      testing.TB
	dir    string
	url    string
	mu     sync.Mutex // serialises stop (a test may stop the hub on its own goroutine while Cleanup stops it too)
	cancel context.CancelFunc
	done   chan error
	admin  string // admin bearer token
	office string // office bearer token
}

// prepare registers schools and users in dir before the hub starts (the
// CLI's offline path).
func prepare(t testing.TB, dir string) (admin, office string) {
	st, err := store.Open(dir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, sc := range []store.School{
		{Code: "S1", Name: "一中", District: "东区", Enrolment: map[string]int{"7": 300, "8": 300}},
		{Code: "S2", Name: "二中", District: "东区", Enrolment: map[string]int{"7": 200}},
		{Code: "S3", Name: "三中", District: "西区", Enrolment: map[string]int{"7": 100}},
	} {
		if err := st.PutSchool(sc); err != nil {
			t.Fatal(err)
		}
	}
	hash, err := store.HashPassword("admin-password")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.AddUser("admin", store.RoleAdmin, hash); err != nil {
		t.Fatal(err)
	}
	if err := st.AddUser("office", store.RoleOffice, hash); err != nil {
		t.Fatal(err)
	}
	if admin, err = st.AddUserToken("admin"); err != nil {
		t.Fatal(err)
	}
	if office, err = st.AddUserToken("office"); err != nil {
		t.Fatal(err)
	}
	return admin, office
}

func startHub(t *testing.T, cfg Config) *testHub { return startHubTB(t, cfg) }

func startHubB(b *testing.B, cfg Config) *testHub { return startHubTB(b, cfg) }

func (h *testHub) enrolB(b *testing.B, school string) (string, string) { return h.enrol(school) }

func (h *testHub) getJSONB(b *testing.B, path, token string, out any) { h.getJSON(path, token, out) }

func startHubTB(t testing.TB, cfg Config) *testHub {
	t.Helper()
	dir := t.TempDir()
	h := &testHub{t: t, dir: dir, done: make(chan error, 1)}
	h.admin, h.office = prepare(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	ready := make(chan string, 1)
	go func() { h.done <- Run(ctx, dir, cfg, func(a string) { ready <- a }) }()
	select {
	case a := <-ready:
		h.url = "http://" + a
	case err := <-h.done:
		t.Fatalf("hub did not start: %v", err)
	}
	t.Cleanup(h.stop)
	return h
}

// stop cancels the hub and waits for Run to return. It may be called from
// any goroutine and more than once: a later call waits for the first.
func (h *testHub) stop() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.cancel == nil {
		return
	}
	h.cancel()
	h.cancel = nil
	if err := <-h.done; err != nil {
		h.t.Errorf("hub stopped with %v", err)
	}
}

// do sends a request and returns status and body.
func (h *testHub) do(method, path, token string, body []byte, hdr ...string) (int, []byte, http.Header) {
	h.t.Helper()
	req, err := http.NewRequest(method, h.url+path, bytes.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b, resp.Header
}

func (h *testHub) getJSON(path, token string, out any) {
	h.t.Helper()
	code, b, _ := h.do("GET", path, token, nil)
	if code != 200 {
		h.t.Fatalf("GET %s: %d %s", path, code, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		h.t.Fatalf("GET %s: %v in %s", path, err, b)
	}
}

// enrol adds a kiosk at school through the admin API and enrols it.
func (h *testHub) enrol(school string) (id, token string) {
	h.t.Helper()
	code, b, _ := h.do("POST", "/api/v1/admin/kiosks", h.admin, []byte(fmt.Sprintf(`{"school":%q,"name":"终端"}`, school)))
	if code != 201 {
		h.t.Fatalf("add kiosk: %d %s", code, b)
	}
	var add AddKioskResponse
	json.Unmarshal(b, &add)
	code, b, _ = h.do("POST", "/api/v1/enroll", "", []byte(fmt.Sprintf(`{"code":%q}`, add.Code)))
	if code != 200 {
		h.t.Fatalf("enroll: %d %s", code, b)
	}
	var er record.EnrollResponse
	json.Unmarshal(b, &er)
	return er.KioskID, er.Token
}

func hexID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// play makes a valid play for kiosk started at start.
func play(kiosk string, start time.Time, band string, end record.End) *record.Play {
	return &record.Play{ID: hexID(), KioskID: kiosk, Source: record.SourceKiosk, ContentVersion: "v1",
		Start: start.UTC().Truncate(time.Minute), Duration: 150, Band: band, Lang: "zh", Level: "mekong-1",
		Mode: "shooter", End: end, Score: 100,
		Items: []record.ItemOutcome{{ID: "meth", Kind: "drug", Seen: 2, Seized: 1, Missed: 1},
			{ID: "candy", Kind: "lookalike", Seen: 1, FalseAlarms: 1}},
		Answers: []record.Answer{{Question: "q1", Phase: "pre", Choice: 0, Correct: false},
			{Question: "q1", Phase: "post", Choice: 1, Correct: true},
			{Question: "q2", Phase: "post", Choice: 2, Correct: true}}}
}

// batch wraps plays as entries with sequences from first.
func batch(kiosk, epoch string, first uint64, plays ...*record.Play) *record.Batch {
	b := &record.Batch{KioskID: kiosk, Epoch: epoch, SentAt: time.Now().UTC(),
		Health: record.Health{AppVersion: "1.0", ContentVersion: "v1", Backlog: len(plays), UTCOffsetMins: 480}}
	for i, p := range plays {
		b.Entries = append(b.Entries, record.Entry{Seq: first + uint64(i), Kind: record.KindPlay, Play: p})
	}
	return b
}

func (h *testHub) send(token string, b *record.Batch) (int, record.Ack, []byte) {
	h.t.Helper()
	body, _ := json.Marshal(b)
	code, resp, _ := h.do("POST", "/api/v1/ingest", token, body)
	var ack record.Ack
	if code == 200 {
		if err := json.Unmarshal(resp, &ack); err != nil {
			h.t.Fatalf("ack: %v %s", err, resp)
		}
	}
	return code, ack, resp
}

func (h *testHub) summaryPlays() int64 {
	var s struct{ Plays int64 }
	h.getJSON("/api/v1/summary", h.office, &s)
	return s.Plays
}
