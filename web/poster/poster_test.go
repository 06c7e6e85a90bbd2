//go:build !js

package poster

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/playhall/playhall/hub/server"
	"github.com/playhall/playhall/hub/store"
	"github.com/playhall/playhall/record"
)

// hub runs a real hub (hub/server.Run over a bbolt store) on loopback and
// returns its URL and an office bearer token.
func hub(t *testing.T, cfg server.Config) (url, token string) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(dir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := store.HashPassword("office-password")
	if err := st.AddUser("office", store.RoleOffice, hash); err != nil {
		t.Fatal(err)
	}
	if token, err = st.AddUserToken("office"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cfg.Addr = "127.0.0.1:0"
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() { done <- server.Run(ctx, dir, cfg, func(a string) { ready <- a }) }()
	select {
	case a := <-ready:
		url = "http://" + a
	case err := <-done:
		t.Fatalf("hub: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("hub stopped with %v", err)
		}
	})
	return url, token
}

// summary returns the hub's exact play total and its by_source keys (whose
// counts follow the small-cell rule, so only their presence is checked).
func summary(t *testing.T, url, token string) (plays int, sources map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("GET", url+"/api/v1/summary", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var s struct {
		Plays    int            `json:"plays"`
		BySource map[string]any `json:"by_source"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		t.Fatal(err)
	}
	return s.Plays, s.BySource
}

func aPlay() record.Play {
	b := make([]byte, 16)
	rand.Read(b)
	return record.Play{ID: hex.EncodeToString(b), KioskID: "k0001", Source: record.SourceKiosk, ContentVersion: "v1",
		Start: time.Now().Add(-3 * time.Minute).Add(17 * time.Second), Duration: 150, Band: "junior", Lang: "zh",
		VisitGroup: "初二(3)班", Level: "shooter_junior", Mode: "shooter", End: record.EndAbandoned, Score: 40,
		Items: []record.ItemOutcome{{ID: "bingdu", Kind: "drug", Seen: 1, Seized: 1}}}
}

// sleeps records the waits a poster asks for and lets them pass at once.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(d time.Duration) <-chan time.Time {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	c := make(chan time.Time, 1)
	c <- time.Now()
	return c
}

func wait(t *testing.T, p *Poster) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := p.Wait(ctx); err != nil {
		t.Fatalf("poster still busy: %+v", p.Stats())
	}
}

func TestAnonymise(t *testing.T) {
	in := aPlay()
	out := Anonymise(in)
	if out.Source != record.SourceWeb || out.KioskID != "web" || out.VisitGroup != "" ||
		out.Start.Second() != 0 || out.Start.Location() != time.UTC {
		t.Fatalf("Anonymise: %+v", out)
	}
	if out.ID != in.ID || out.Band != in.Band || len(out.Items) != 1 {
		t.Fatalf("Anonymise changed the outcome: %+v", out)
	}
}

func TestPostReachesHub(t *testing.T) {
	url, token := hub(t, server.Config{})
	p := New(url+"/", Options{})
	defer p.Close()
	pl := aPlay()
	if err := p.Post(pl); err != nil {
		t.Fatal(err)
	}
	if err := p.Post(pl); err != nil { // the same id again: stored once
		t.Fatal(err)
	}
	wait(t, p)
	if st := p.Stats(); st.Sent != 2 || st.Dropped != 0 || st.Pending != 0 {
		t.Fatalf("stats %+v", st)
	}
	plays, src := summary(t, url, token)
	if _, web := src["web"]; plays != 1 || !web || len(src) != 1 {
		t.Fatalf("plays %d by_source %v, want exactly one web play", plays, src)
	}
}

// The hub refuses a bad record with 400: dropped at once, never retried.
func TestRefusedNotRetried(t *testing.T) {
	url, token := hub(t, server.Config{})
	var s sleeps
	p := New(url, Options{Sleep: s.sleep})
	defer p.Close()
	bad := aPlay()
	bad.Band = "toddler"
	p.Post(bad)
	wait(t, p)
	st := p.Stats()
	if st.Dropped != 1 || st.Sent != 0 || !strings.Contains(st.Last, "400") || len(s.d) != 0 {
		t.Fatalf("stats %+v, waits %v", st, s.d)
	}
	if plays, src := summary(t, url, token); plays != 0 {
		t.Fatalf("plays %d by_source %v", plays, src)
	}
}

// Past the hub's per-address rate the poster waits as Retry-After says.
func TestHonoursRetryAfter(t *testing.T) {
	url, _ := hub(t, server.Config{WebPerMinute: 1})
	var s sleeps
	p := New(url, Options{Sleep: s.sleep, Tries: 3})
	defer p.Close()
	p.Post(aPlay())
	p.Post(aPlay())
	wait(t, p)
	st := p.Stats()
	if st.Sent != 1 || st.Dropped != 1 || !strings.Contains(st.Last, "429") {
		t.Fatalf("stats %+v", st)
	}
	if len(s.d) != 2 || s.d[0] < 30*time.Second || s.d[0] > 61*time.Second {
		t.Fatalf("waits %v, want two waits of the hub's Retry-After (about a minute)", s.d)
	}
}

// An unreachable hub is retried with doubling waits, then the play is dropped.
func TestUnreachableBacksOff(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	var s sleeps
	p := New("http://"+addr, Options{Sleep: s.sleep, Tries: 8})
	defer p.Close()
	p.Post(aPlay())
	wait(t, p)
	want := []time.Duration{2, 4, 8, 16, 32, 60, 60}
	if len(s.d) != len(want) {
		t.Fatalf("waits %v", s.d)
	}
	for i, w := range want {
		if s.d[i] != w*time.Second {
			t.Fatalf("waits %v, want %v seconds", s.d, want)
		}
	}
	if st := p.Stats(); st.Dropped != 1 || !strings.Contains(st.Last, "gave up after 8 tries") {
		t.Fatalf("stats %+v", st)
	}
}

// A full queue refuses at once (Post never blocks the game loop); Close
// ends a poster that is waiting to retry.
func TestQueueFullAndClose(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	asleep := make(chan struct{}, 1)
	p := New("http://"+addr, Options{Queue: 1, Sleep: func(time.Duration) <-chan time.Time {
		asleep <- struct{}{}
		return nil // never fires: the first play waits until Close
	}})
	p.Post(aPlay())
	<-asleep // the first play is in flight, waiting to retry
	if err := p.Post(aPlay()); err != nil {
		t.Fatalf("second play: %v", err)
	}
	if err := p.Post(aPlay()); !errors.Is(err, ErrQueueFull) {
		t.Fatalf("third play: %v, want ErrQueueFull", err)
	}
	p.Close()
	if err := p.Post(aPlay()); !errors.Is(err, ErrClosed) {
		t.Fatalf("after Close: %v", err)
	}
}
