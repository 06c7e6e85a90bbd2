package server

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/playhall/playhall/record"
)

// TestWebPlaysCORS: the web-play endpoint answers a preflight and its POSTs
// (stored, refused and rate-limited alike) with CORS headers that allow any
// origin without credentials; no other route sends any CORS header.
func TestWebPlaysCORS(t *testing.T) {
	h := startHub(t, Config{WebPerMinute: 1})
	origin := []string{"Origin", "https://www.school.example.cn"}

	code, b, hdr := h.do("OPTIONS", "/api/v1/web/plays", "", nil, "Origin", origin[1],
		"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
	if code != 204 {
		t.Fatalf("preflight: %d %s", code, b)
	}
	for k, want := range map[string]string{"Access-Control-Allow-Origin": "*",
		"Access-Control-Allow-Methods": "POST", "Access-Control-Allow-Headers": "Content-Type"} {
		if got := hdr.Get(k); got != want {
			t.Errorf("preflight %s = %q, want %q", k, got, want)
		}
	}
	if hdr.Get("Access-Control-Allow-Credentials") != "" {
		t.Error("preflight allows credentials")
	}

	p := play("web", time.Now().Add(-3*time.Minute), "junior", record.EndCompleted)
	p.Source = record.SourceWeb
	body, _ := json.Marshal(p)
	for _, want := range []int{200, 429} {
		code, b, hdr = h.do("POST", "/api/v1/web/plays", "", body, "Origin", origin[1], "Content-Type", "application/json")
		if code != want || hdr.Get("Access-Control-Allow-Origin") != "*" || hdr.Get("Access-Control-Allow-Credentials") != "" {
			t.Fatalf("POST: %d (want %d), ACAO %q, ACAC %q: %s", code, want, hdr.Get("Access-Control-Allow-Origin"), hdr.Get("Access-Control-Allow-Credentials"), b)
		}
	}
	if code, _, hdr = h.do("POST", "/api/v1/web/plays", "", make([]byte, record.MaxBodyBytes+1), origin...); code != 413 || hdr.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("oversized POST: %d, ACAO %q", code, hdr.Get("Access-Control-Allow-Origin"))
	}

	for _, c := range []struct{ method, path, token string }{
		{"OPTIONS", "/api/v1/summary", ""},
		{"GET", "/api/v1/summary", h.office},
		{"OPTIONS", "/api/v1/ingest", ""},
		{"POST", "/api/v1/enroll", ""},
		{"GET", "/healthz", ""},
		{"GET", "/", ""},
	} {
		_, _, hdr := h.do(c.method, c.path, c.token, nil, "Origin", origin[1], "Access-Control-Request-Method", "POST")
		for k := range hdr {
			if len(k) > 14 && k[:14] == "Access-Control" {
				t.Errorf("%s %s sends %s", c.method, c.path, k)
			}
		}
	}
}
