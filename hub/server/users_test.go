package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestDeleteUser: DELETE /api/v1/admin/users/{name} is admin-only and
// CSRF-checked for sessions, ends the user's tokens and sessions at once
// (also after the name is added again), answers 404 for an unknown name and
// refuses the last admin with 409.
func TestDeleteUser(t *testing.T) {
	h := startHub(t, Config{})
	if code, b, _ := h.do("POST", "/api/v1/admin/users", h.admin, []byte(`{"name":"li","role":"office","password":"li-password"}`)); code != 201 {
		t.Fatalf("add li: %d %s", code, b)
	}
	code, b, _ := h.do("POST", "/api/v1/admin/tokens", h.admin, []byte(`{"user":"li"}`))
	var tok struct{ Token string }
	if json.Unmarshal(b, &tok); code != 201 || tok.Token == "" {
		t.Fatalf("token for li: %d %s", code, b)
	}
	login := func(user, pw string) (cookie, csrf string) {
		t.Helper()
		code, b, hdr := h.do("POST", "/login", "", []byte(`{"username":"`+user+`","password":"`+pw+`"}`), "Content-Type", "application/json")
		var s struct{ CSRF string }
		json.Unmarshal(b, &s)
		c := (&http.Response{Header: hdr}).Cookies()
		if code != 200 || len(c) == 0 || s.CSRF == "" {
			t.Fatalf("login %s: %d %s", user, code, b)
		}
		return c[0].Name + "=" + c[0].Value, s.CSRF
	}
	liCookie, _ := login("li", "li-password")
	adminCookie, adminCSRF := login("admin", "admin-password")

	if code, b, _ := h.do("DELETE", "/api/v1/admin/users/li", h.office, nil); code != 403 {
		t.Errorf("office deleting: %d %s", code, b)
	}
	if code, b, _ := h.do("DELETE", "/api/v1/admin/users/li", "", nil, "Cookie", adminCookie); code != 403 {
		t.Errorf("session delete without CSRF token: %d %s", code, b)
	}
	if code, b, _ := h.do("DELETE", "/api/v1/admin/users/li", "", nil, "Cookie", adminCookie, "X-CSRF-Token", adminCSRF); code != 200 || !strings.Contains(string(b), `"deleted":"li"`) {
		t.Fatalf("delete li: %d %s", code, b)
	}
	if code, _, _ := h.do("GET", "/api/v1/summary", tok.Token, nil); code != 401 {
		t.Errorf("deleted user's token: %d", code)
	}
	if code, _, _ := h.do("GET", "/api/v1/summary", "", nil, "Cookie", liCookie); code != 401 {
		t.Errorf("deleted user's session: %d", code)
	}
	if code, b, _ := h.do("DELETE", "/api/v1/admin/users/li", h.admin, nil); code != 404 || !strings.Contains(string(b), `"error"`) {
		t.Errorf("deleting again: %d %s", code, b)
	}
	// Added again under the same name: the old token stays dead.
	h.do("POST", "/api/v1/admin/users", h.admin, []byte(`{"name":"li","role":"admin","password":"li-password"}`))
	if code, _, _ := h.do("GET", "/api/v1/summary", tok.Token, nil); code != 401 {
		t.Errorf("old token after the name is added again: %d", code)
	}
	var users struct{ Users []struct{ Name string } }
	h.getJSON("/api/v1/admin/users", h.admin, &users)
	if len(users.Users) != 3 {
		t.Errorf("users %+v", users.Users)
	}

	// Two admins: one may go; the last may not.
	if code, b, _ := h.do("DELETE", "/api/v1/admin/users/li", h.admin, nil); code != 200 {
		t.Fatalf("delete the second admin: %d %s", code, b)
	}
	code, b, _ = h.do("DELETE", "/api/v1/admin/users/admin", h.admin, nil)
	if code != 409 || !strings.Contains(string(b), "last admin") {
		t.Fatalf("delete the last admin: %d %s", code, b)
	}
	if code, _, _ := h.do("GET", "/api/v1/admin/users", h.admin, nil); code != 200 {
		t.Errorf("the last admin's token after the refusal: %d", code)
	}
}
