package sync

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/playhall/playhall/kiosk/playlog"
	"github.com/playhall/playhall/kiosk/playlog/clocktest"
	"github.com/playhall/playhall/record"
)

func health() record.Health {
	return record.Health{AppVersion: "kiosk test", ContentVersion: "pack-1", OpeningHours: "09:00-17:00"}
}

func TestEnrollAndSyncExactlyOnce(t *testing.T) {
	h := newHub(t)
	k := newKiosk(t, h, h.URL)
	st, err := os.Stat(filepath.Join(k.dir, EnrollmentFile))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("enrollment file: %v mode %v", err, st.Mode())
	}
	if got, err := LoadEnrollment(k.dir); err != nil || got.Token != k.enr.Token || got.KioskID == "" {
		t.Fatalf("enrollment: %+v %v", got, err)
	}
	// A one-time code works once.
	code := h.addKiosk("hall-x")
	if _, err := Enroll(t.Context(), t.TempDir(), h.URL, code, ""); err != nil {
		t.Fatal(err)
	}
	var he *HTTPError
	if _, err := Enroll(t.Context(), t.TempDir(), h.URL, code, ""); !errors.As(err, &he) || he.Status/100 != 4 {
		t.Fatalf("second use of a code: %v", err)
	}
	if _, err := Enroll(t.Context(), t.TempDir(), "ftp://hub", code, ""); !errors.Is(err, ErrBadHubURL) {
		t.Fatal("bad hub URL accepted")
	}

	k.fill(t, 1234)
	if _, err := k.log.StartVisit("初二(3)班", 40); err != nil {
		t.Fatal(err)
	}
	r, _ := k.log.EndVisit()
	r.Err()
	c := New(Config{DataDir: k.dir, Log: k.log, Health: health})
	var steps [][2]int
	if err := c.SyncNow(t.Context(), func(sent, total int) { steps = append(steps, [2]int{sent, total}) }); err != nil {
		t.Fatal(err)
	}
	if len(steps) < 3 || steps[len(steps)-1] != [2]int{1235, 1235} {
		t.Fatalf("progress %v", steps)
	}
	prev := 0
	for _, s := range steps {
		if s[0]-prev > record.MaxBatchRecords {
			t.Fatalf("a batch of %d records", s[0]-prev)
		}
		prev = s[0]
	}
	s := c.Status()
	if s.State != StateIdle || s.Backlog != 0 || s.LastSuccess.IsZero() || s.KioskID != k.enr.KioskID {
		t.Fatalf("status %+v", s)
	}
	if n := h.plays(); n != 1234 {
		t.Fatalf("hub holds %d plays, want 1234", n)
	}
	// Syncing again sends only health, never a play twice.
	if err := c.SyncNow(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	if n := h.plays(); n != 1234 {
		t.Fatalf("after a second sync the hub holds %d plays", n)
	}
	hk := h.kioskHealth(k.enr.KioskID)
	if hk["app_version"] != "kiosk test" || hk["backlog"] != 0.0 || hk["opening_hours"] != "09:00-17:00" {
		t.Fatalf("health at the hub: %v", hk)
	}
}

// TestHubUnreachableThenBack drives Run with a manual clock: the hub is down,
// the client backs off 5 s, 10 s, 20 s; the hub comes back and every record
// arrives once.
func TestHubUnreachableThenBack(t *testing.T) {
	h := newHub(t)
	k := newKiosk(t, h, h.URL)
	h.stop()
	k.fill(t, 700)
	clk := clocktest.New(time.Now())
	c := New(Config{DataDir: k.dir, Log: k.log, Health: health, Clock: clk, Rand: func() float64 { return 0 }})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { c.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	for _, want := range []time.Duration{5 * time.Second, 10 * time.Second, 20 * time.Second} {
		<-clk.Waiting()
		s := c.Status()
		if p := clk.Pending(); len(p) != 1 || p[0] != want {
			t.Fatalf("backoff %v, want %v", p, want)
		}
		if s.State != StateWaiting || s.LastError == "" || s.Backlog != 700 || !s.NextTry.Equal(clk.Now().Add(want)) {
			t.Fatalf("status while the hub is down: %+v", s)
		}
		if want == 20*time.Second {
			h.restart()
		}
		clk.Advance(want)
	}
	<-clk.Waiting()
	if s := c.Status(); s.State != StateIdle || s.Backlog != 0 || s.Failures != 0 {
		t.Fatalf("status after the hub came back: %+v", s)
	}
	if p := clk.Pending(); len(p) != 1 || p[0] != IdlePoll {
		t.Fatalf("idle wait %v", p)
	}
	if n := h.plays(); n != 700 {
		t.Fatalf("hub holds %d plays, want 700", n)
	}
	// A new play wakes the loop without waiting for the clock.
	k.fill(t, 5)
	for k.log.Backlog() != 0 || h.plays() != 705 {
		<-clk.Waiting()
	}
}

func TestHubKilledMidBatch(t *testing.T) {
	h := newHub(t)
	px := newProxy(t, h.addr)
	k := newKiosk(t, h, px.URL())
	k.fill(t, 5000)
	killed := make(chan struct{})
	px.mu.Lock()
	px.onUp = func(total int64) {
		if total > 600_000 {
			px.mu.Lock()
			px.onUp = nil
			px.mu.Unlock()
			h.kill() // SIGKILL while the third batch is on the wire
			close(killed)
		}
	}
	px.mu.Unlock()
	c := New(Config{DataDir: k.dir, Log: k.log, Health: health})
	err := c.SyncNow(t.Context(), nil)
	<-killed
	if err == nil || c.Status().State != StateWaiting {
		t.Fatalf("sync across a killed hub: %v %+v", err, c.Status())
	}
	left := k.log.Backlog()
	if left == 0 || left == 5000 {
		t.Fatalf("backlog %d after the kill", left)
	}
	h.restart()
	if err := c.SyncNow(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	if n := h.plays(); n != 5000 || k.log.Backlog() != 0 {
		t.Fatalf("hub holds %d plays, kiosk backlog %d", n, k.log.Backlog())
	}
}

func TestTruncatedResponse(t *testing.T) {
	h := newHub(t)
	px := newProxy(t, h.addr)
	k := newKiosk(t, h, px.URL())
	k.fill(t, 1500)
	px.mu.Lock()
	px.cutNth = px.downReads + 2 // the answer to the second batch
	px.mu.Unlock()
	c := New(Config{DataDir: k.dir, Log: k.log, Health: health})
	err := c.SyncNow(t.Context(), nil)
	if err == nil {
		t.Fatal("a cut answer went unnoticed")
	}
	if left := k.log.Backlog(); left != 1000 {
		t.Fatalf("backlog %d after the cut answer, want 1000 (the hub stored batch 2 but the kiosk does not know)", left)
	}
	if n := h.plays(); n != 1000 {
		t.Fatalf("hub holds %d plays after two batches", n)
	}
	if err := c.SyncNow(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	if n := h.plays(); n != 1500 || k.log.Backlog() != 0 {
		t.Fatalf("hub holds %d plays, backlog %d", n, k.log.Backlog())
	}
}

// TestDuplicatedAndReorderedBatches records the kiosk's real traffic, then
// replays it to a second hub (a copy of the first before the sync) in
// reverse order and again shuffled: every record is stored once and the
// acknowledgement only reaches the end once batch 1 has arrived.
func TestDuplicatedAndReorderedBatches(t *testing.T) {
	h := newHub(t)
	px := newProxy(t, h.addr)
	k := newKiosk(t, h, px.URL())
	h.stop()
	twin := &realHub{t: t, bin: h.bin, dir: filepath.Join(t.TempDir(), "twin"), admin: h.admin}
	if out, err := exec.Command("cp", "-a", h.dir, twin.dir).CombinedOutput(); err != nil {
		t.Fatalf("copy hub data: %v %s", err, out)
	}
	os.Remove(filepath.Join(twin.dir, "hub.sock"))
	h.restart()
	k.fill(t, 2600)
	px.mu.Lock()
	px.recording = true
	px.mu.Unlock()
	if err := New(Config{DataDir: k.dir, Log: k.log, Health: health}).SyncNow(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	if n := h.plays(); n != 2600 {
		t.Fatalf("hub holds %d", n)
	}
	var batches []recorded
	for _, r := range px.recordedRequests(t) {
		if r.path == "/api/v1/ingest" {
			batches = append(batches, r)
		}
	}
	if len(batches) < 6 {
		t.Fatalf("%d batches recorded", len(batches))
	}
	twin.start("127.0.0.1:0")
	defer twin.stop()
	post := func(r recorded) record.Ack {
		req, _ := http.NewRequest("POST", twin.URL+r.path, bytes.NewReader(r.body))
		req.Header.Set("Authorization", r.auth)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		var ack record.Ack
		if resp.StatusCode != 200 || json.Unmarshal(b, &ack) != nil {
			t.Fatalf("replay: %d %s", resp.StatusCode, b)
		}
		return ack
	}
	// Reverse order, each twice: nothing is contiguous until batch 1 lands.
	for i := len(batches) - 1; i >= 0; i-- {
		for range 2 {
			ack := post(batches[i])
			want := uint64(0)
			if i == 0 {
				want = 2600
			}
			if ack.AckedSeq != want {
				t.Fatalf("replaying batch %d: acked %d, want %d", i, ack.AckedSeq, want)
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	rng.Shuffle(len(batches), func(i, j int) { batches[i], batches[j] = batches[j], batches[i] })
	for _, b := range batches {
		if ack := post(b); ack.AckedSeq != 2600 {
			t.Fatalf("shuffled replay acked %d", ack.AckedSeq)
		}
	}
	if n := twin.plays(); n != 2600 {
		t.Fatalf("twin hub holds %d plays after duplicated, reordered batches; want 2600", n)
	}
}

func TestRevokedTokenStopsAndRetriesHourly(t *testing.T) {
	h := newHub(t)
	k := newKiosk(t, h, h.URL)
	k.fill(t, 3)
	clk := clocktest.New(time.Now())
	c := New(Config{DataDir: k.dir, Log: k.log, Health: health, Clock: clk})
	if err := c.SyncNow(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	h.cli("", "kiosk", "revoke", "--data", h.dir, k.enr.KioskID)
	k.fill(t, 2)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { c.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	<-clk.Waiting()
	s := c.Status()
	if s.State != StateUnauthorized || !strings.Contains(s.LastError, "40") || s.Backlog != 2 {
		t.Fatalf("status after revoke: %+v", s)
	}
	if p := clk.Pending(); len(p) != 1 || p[0] != UnauthorizedRetry {
		t.Fatalf("retry after revoke in %v, want 1h", p)
	}
	// Staff enrol the kiosk again: the hub makes it a new kiosk. The next
	// hourly try picks up the new identity; the 3 plays already at the hub
	// are not sent again, the 2 new ones arrive once.
	e2, err := Enroll(t.Context(), k.dir, h.URL, h.addKiosk("hall-again"), "")
	if err != nil || e2.KioskID == k.enr.KioskID {
		t.Fatalf("re-enrol: %+v %v", e2, err)
	}
	epoch := k.log.Epoch()
	clk.Advance(UnauthorizedRetry)
	<-clk.Waiting()
	if s := c.Status(); s.State != StateIdle || s.Backlog != 0 || s.KioskID != e2.KioskID {
		t.Fatalf("status after re-enrolment: %+v", s)
	}
	if n := h.plays(); n != 5 {
		t.Fatalf("hub holds %d plays, want 5", n)
	}
	if k.log.Epoch() == epoch {
		t.Fatal("a new kiosk id did not start a new epoch")
	}
}

func TestRateLimitedHonoursRetryAfter(t *testing.T) {
	h := newHub(t, "--kiosk-rate", "1")
	k := newKiosk(t, h, h.URL)
	clk := clocktest.New(time.Now())
	c := New(Config{DataDir: k.dir, Log: k.log, Health: health, Clock: clk})
	// Health-only syncs until the hub's bucket is empty and it answers 429.
	waits := 0
	for i := 0; waits == 0; i++ {
		if i > 1000 {
			t.Fatal("the hub never rate-limited")
		}
		done := make(chan error, 1)
		go func() { done <- c.SyncNow(t.Context(), nil) }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-clk.Waiting():
			// SyncNow got 429 and waits on the clock for Retry-After.
			for {
				waits++
				s := c.Status()
				p := clk.Pending()
				if !strings.Contains(s.LastError, "429") || len(p) != 1 || p[0] < time.Second || p[0] > 2*time.Second {
					t.Fatalf("429 wait %v, status %+v", p, s)
				}
				clk.Advance(p[0])
				select {
				case err := <-done:
					if err != nil {
						t.Fatal(err)
					}
				case <-clk.Waiting():
					continue // still limited: the hub's bucket refills in real time
				}
				break
			}
		}
	}
	if c.Status().State != StateIdle {
		t.Fatalf("status %+v", c.Status())
	}
}

// TestDamagedRecordDoesNotBlockTheOutbox flips a byte inside one stored
// record: the client sends it as kind "corrupt", the hub quarantines that
// sequence, and everything after it still arrives.
func TestDamagedRecordDoesNotBlockTheOutbox(t *testing.T) {
	h := newHub(t)
	k := newKiosk(t, h, h.URL)
	k.fill(t, 20)
	k.log.Close()
	db, err := bolt.Open(filepath.Join(k.dir, playlog.DBFile), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("records"))
		key := []byte{0, 0, 0, 0, 0, 0, 0, 7}
		v := append([]byte(nil), b.Get(key)...)
		v[30] ^= 0x20
		return b.Put(key, v)
	})
	db.Close()
	if k.log, err = playlog.Open(k.dir, playlog.Options{Logf: t.Logf}); err != nil {
		t.Fatal(err)
	}
	c := New(Config{DataDir: k.dir, Log: k.log, Health: health})
	if err := c.SyncNow(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	if n := h.plays(); n != 19 || k.log.Backlog() != 0 {
		t.Fatalf("hub holds %d plays (want 19), backlog %d", n, k.log.Backlog())
	}
	if s := k.log.Status(); !strings.Contains(s.LastError, "record 7") {
		t.Fatalf("damage not reported: %+v", s)
	}
}

// TestKioskClockWrong: the kiosk's clock was set back two years (a dead
// CMOS battery) and then jumps forward again mid-session. Plays are stamped
// by the wrong clock; the batch's sent_at comes from the same clock, so the
// hub corrects them to the right day instead of refusing them as too old.
func TestKioskClockWrong(t *testing.T) {
	h := newHub(t)
	k := newKiosk(t, h, h.URL)
	k.log.Close()
	real := time.Now().UTC()
	clk := clocktest.New(real.AddDate(-2, 0, 0))
	var err error
	if k.log, err = playlog.Open(k.dir, playlog.Options{Logf: t.Logf, Clock: clk}); err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		p := testPlay(i)
		p.Start = time.Time{} // stamped by the log's (wrong) clock
		if _, err := k.log.AppendSync(p); err != nil {
			t.Fatal(err)
		}
	}
	c := New(Config{DataDir: k.dir, Log: k.log, Health: health, Clock: clk})
	if err := c.SyncNow(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	var today struct {
		Plays int `json:"plays"`
	}
	day := real.Format("2006-01-02")
	h.get("/api/v1/summary?from="+day+"&to="+day, &today)
	if today.Plays != 30 {
		t.Fatalf("hub counts %d plays today, want 30 (clock skew not corrected)", today.Plays)
	}
	// NTP fixes the clock: later plays carry the right time; nothing is lost.
	clk.Set(real)
	k.fill(t, 10)
	if err := c.SyncNow(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	if n := h.plays(); n != 40 || k.log.Backlog() != 0 {
		t.Fatalf("hub holds %d plays, backlog %d", n, k.log.Backlog())
	}
}

// TestBatchLimits records the real traffic: no batch holds more than 500
// records or 256 KiB, whether plays are small (count-limited) or carry the
// most items a play may have (size-limited).
func TestBatchLimits(t *testing.T) {
	h := newHub(t)
	px := newProxy(t, h.addr)
	k := newKiosk(t, h, px.URL())
	k.fill(t, 1100)
	for i := range 150 {
		p := testPlay(i)
		p.Items = nil
		for j := range record.MaxItems {
			p.Items = append(p.Items, record.ItemOutcome{ID: fmt.Sprintf("drug-with-a-long-id-%03d", j), Kind: "drug",
				Seen: 9999, Seized: 9999, Missed: 9999, FalseAlarms: 9999})
		}
		if _, err := k.log.Append(p); err != nil {
			t.Fatal(err)
		}
	}
	k.fill(t, 1)
	px.mu.Lock()
	px.recording = true
	px.mu.Unlock()
	if err := New(Config{DataDir: k.dir, Log: k.log, Health: health}).SyncNow(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	full, bySize, total := 0, 0, 0
	for _, r := range px.recordedRequests(t) {
		if r.path != "/api/v1/ingest" {
			continue
		}
		var b record.Batch
		if err := json.Unmarshal(r.body, &b); err != nil {
			t.Fatal(err)
		}
		if len(r.body) > record.MaxBatchBytes || len(b.Entries) > record.MaxBatchRecords {
			t.Fatalf("batch of %d bytes, %d records", len(r.body), len(b.Entries))
		}
		if len(b.Entries) == record.MaxBatchRecords {
			full++
		} else if len(r.body) > record.MaxBatchBytes*3/4 {
			bySize++
		}
		total += len(b.Entries)
	}
	if full < 2 || bySize < 2 || total != 1251 {
		t.Fatalf("%d full batches, %d size-limited, %d records sent", full, bySize, total)
	}
	if n := h.plays(); n != 1251 {
		t.Fatalf("hub holds %d", n)
	}
}
