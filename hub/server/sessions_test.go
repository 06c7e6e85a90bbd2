package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/playhall/playhall/hub/store"
)

// testClock is a settable clock for Config.clock.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *testClock) advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// restart stops the hub (Run closes the store) and runs a new one on the
// same data folder with cfg.
func (h *testHub) restart(cfg Config) {
	h.t.Helper()
	h.stop()
	ctx, cancel := context.WithCancel(context.Background())
	h.mu.Lock()
	h.cancel = cancel
	h.mu.Unlock()
	cfg.Addr = "127.0.0.1:0"
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	ready := make(chan string, 1)
	go func() { h.done <- Run(ctx, h.dir, cfg, func(a string) { ready <- a }) }()
	select {
	case a := <-ready:
		h.url = "http://" + a
	case err := <-h.done:
		h.t.Fatalf("hub did not restart: %v", err)
	}
}

// offline runs f on the hub's store while the hub is stopped.
func (h *testHub) offline(f func(st *store.Store)) {
	h.t.Helper()
	st, err := store.Open(h.dir, time.Second)
	if err != nil {
		h.t.Fatal(err)
	}
	defer st.Close()
	f(st)
}

// login logs user in with JSON and returns the Cookie header value and the
// CSRF token.
func (h *testHub) login(user, pw string) (cookie, csrf string) {
	h.t.Helper()
	code, b, hdr := h.do("POST", "/login", "", []byte(`{"username":"`+user+`","password":"`+pw+`"}`), "Content-Type", "application/json")
	var s struct{ CSRF string }
	json.Unmarshal(b, &s)
	c := (&http.Response{Header: hdr}).Cookies()
	if code != 200 || len(c) == 0 || s.CSRF == "" {
		h.t.Fatalf("login %s: %d %s", user, code, b)
	}
	return c[0].Name + "=" + c[0].Value, s.CSRF
}

// withCookie GETs path with cookie and returns the status and the body.
func (h *testHub) withCookie(path, cookie string) (int, string) {
	h.t.Helper()
	code, b, _ := h.do("GET", path, "", nil, "Cookie", cookie)
	return code, string(b)
}

// refused checks a 401 with a JSON error containing want.
func refused(t *testing.T, what string, code int, body, want string) {
	t.Helper()
	var e struct{ Error string }
	if code != 401 || json.Unmarshal([]byte(body), &e) != nil || !strings.Contains(e.Error, want) {
		t.Errorf("%s: %d %s, want 401 with an error saying %q", what, code, body, want)
	}
}

// TestSessionSurvivesRestart: a session is kept in hub.db, so the cookie
// works after the hub is stopped and started again on the same folder,
// with the same CSRF token, for unsafe requests too; only its hash is on
// disk; logout ends it for good.
func TestSessionSurvivesRestart(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)}
	cfg := Config{clock: clk.now}
	h := startHub(t, cfg)
	cookie, csrf := h.login("admin", "admin-password")

	h.restart(cfg)
	clk.advance(time.Hour)
	if code, body := h.withCookie("/api/v1/summary", cookie); code != 200 {
		t.Fatalf("cookie after a restart: %d %s", code, body)
	}
	var sess struct{ User, Role, CSRF string }
	if code, body := h.withCookie("/api/v1/session", cookie); code != 200 || json.Unmarshal([]byte(body), &sess) != nil ||
		sess.User != "admin" || sess.Role != store.RoleAdmin || sess.CSRF != csrf {
		t.Fatalf("session after a restart: %d %s (csrf at login %s)", code, body, csrf)
	}
	if code, b, _ := h.do("POST", "/api/v1/admin/tokens", "", []byte(`{"user":"office"}`), "Cookie", cookie, "X-CSRF-Token", csrf); code != 201 {
		t.Errorf("POST with the cookie and CSRF token after a restart: %d %s", code, b)
	}
	if code, b, _ := h.do("POST", "/api/v1/admin/tokens", "", []byte(`{"user":"office"}`), "Cookie", cookie); code != 403 {
		t.Errorf("POST with the cookie but no CSRF token after a restart: %d %s", code, b)
	}

	h.stop()
	db, err := os.ReadFile(filepath.Join(h.dir, store.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimPrefix(cookie, SessionCookie+"=")
	if len(id) != 64 || bytes.Contains(db, []byte(id)) {
		t.Errorf("hub.db holds the session id %q itself (want only its hash)", id)
	}
	h.offline(func(st *store.Store) {
		if n := st.SessionCount(); n != 1 {
			t.Errorf("%d sessions stored, want 1", n)
		}
	})

	h.restart(cfg)
	code, b, _ := h.do("POST", "/logout", "", nil, "Cookie", cookie, "X-CSRF-Token", csrf, "Accept", "application/json")
	if code != 200 || !strings.Contains(string(b), `"logged_out":true`) {
		t.Fatalf("logout: %d %s", code, b)
	}
	h.restart(cfg)
	code, body := h.withCookie("/api/v1/summary", cookie)
	refused(t, "cookie after logout and a restart", code, body, "log in again")
	h.stop()
	h.offline(func(st *store.Store) {
		if n := st.SessionCount(); n != 0 {
			t.Errorf("%d sessions stored after logout, want 0", n)
		}
	})
}

// TestSessionExpiry: the expiry slides with use (a session used every 11 h
// lives on past 12 h from login), a session unused for SessionTTL is a 401
// JSON error saying it expired, also after a restart, and expired sessions
// nobody presents are purged when the hub starts.
func TestSessionExpiry(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)}
	cfg := Config{clock: clk.now}
	h := startHub(t, cfg)
	cookie, _ := h.login("office", "admin-password")
	for i := range 3 { // 11, 22 and 33 h after login
		clk.advance(11 * time.Hour)
		if code, body := h.withCookie("/api/v1/summary", cookie); code != 200 {
			t.Fatalf("use %d, %d h after login: %d %s", i+1, 11*(i+1), code, body)
		}
		if i == 1 {
			h.restart(cfg)
		}
	}
	clk.advance(SessionTTL + time.Second)
	code, body := h.withCookie("/api/v1/summary", cookie)
	refused(t, "cookie unused for SessionTTL", code, body, "expired")
	code, body = h.withCookie("/api/v1/session", cookie)
	refused(t, "GET /api/v1/session with the expired cookie", code, body, "log in again")

	// Two sessions left to expire unused are purged when the hub starts.
	h.login("office", "admin-password")
	h.login("admin", "admin-password")
	h.stop()
	h.offline(func(st *store.Store) {
		if n := st.SessionCount(); n != 2 {
			t.Fatalf("%d sessions stored before expiry, want 2", n)
		}
	})
	clk.advance(SessionTTL + time.Minute)
	h.restart(cfg)
	h.stop()
	h.offline(func(st *store.Store) {
		if n := st.SessionCount(); n != 0 {
			t.Errorf("%d sessions stored after a start past their expiry, want 0", n)
		}
	})
}

// TestSessionEndsWithItsUser: deleting a user (over HTTP, or offline while
// the hub is stopped, as `hub user delete` does) or giving it another role
// ends its sessions, also across a restart; other users' sessions stay.
func TestSessionEndsWithItsUser(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)}
	cfg := Config{clock: clk.now}
	h := startHub(t, cfg)
	for _, u := range []string{"li", "wang", "zhao"} {
		if code, b, _ := h.do("POST", "/api/v1/admin/users", h.admin, []byte(`{"name":"`+u+`","role":"office","password":"a-password"}`)); code != 201 {
			t.Fatalf("add %s: %d %s", u, code, b)
		}
	}
	li, _ := h.login("li", "a-password")
	wang, _ := h.login("wang", "a-password")
	zhao, _ := h.login("zhao", "a-password")
	admin, _ := h.login("admin", "admin-password")

	if code, b, _ := h.do("DELETE", "/api/v1/admin/users/li", h.admin, nil); code != 200 {
		t.Fatalf("delete li: %d %s", code, b)
	}
	code, body := h.withCookie("/api/v1/summary", li)
	refused(t, "deleted user's cookie", code, body, "log in again")
	if code, b, _ := h.do("POST", "/api/v1/admin/users", h.admin, []byte(`{"name":"wang","role":"admin","password":"a-password"}`)); code != 201 {
		t.Fatalf("make wang an admin: %d %s", code, b)
	}
	code, body = h.withCookie("/api/v1/admin/users", wang)
	refused(t, "cookie of a user whose role changed", code, body, "log in again")

	h.stop()
	h.offline(func(st *store.Store) {
		if err := st.DeleteUser("zhao"); err != nil {
			t.Fatal(err)
		}
		if err := st.AddUser("li", store.RoleOffice, mustHash(t, "a-password")); err != nil {
			t.Fatal(err) // the name comes back: the old cookie must stay dead
		}
	})
	h.restart(cfg)
	code, body = h.withCookie("/api/v1/summary", zhao)
	refused(t, "cookie of a user deleted while the hub was stopped", code, body, "log in again")
	code, body = h.withCookie("/api/v1/summary", li)
	refused(t, "deleted user's cookie after the name is added again", code, body, "log in again")
	if code, body := h.withCookie("/api/v1/admin/users", admin); code != 200 {
		t.Errorf("another user's session after all that: %d %s", code, body)
	}
}

func mustHash(t *testing.T, pw string) []byte {
	t.Helper()
	h, err := store.HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	return h
}
