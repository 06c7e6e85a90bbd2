package dashboard

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"testing"
)

func get(t *testing.T, h http.Handler, method, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return rec
}

func TestHandlerServes(t *testing.T) {
	h := Handler()
	tests := []struct {
		method, path string
		status       int
		ctype        string
		contains     string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", `id="chart-time"`},
		{"GET", "/login", 200, "text/html; charset=utf-8", `id="login-form"`},
		{"GET", "/admin", 200, "text/html; charset=utf-8", `id="kiosk-form"`},
		{"GET", "/admin/kiosks", 200, "text/html; charset=utf-8", `id="kiosk-form"`},
		{"GET", "/admin/users", 200, "text/html; charset=utf-8", `id="user-form"`},
		{"HEAD", "/", 200, "text/html; charset=utf-8", ""},
		{"GET", "/static/css/app.css", 200, "text/css; charset=utf-8", "--brand"},
		{"GET", "/static/js/dashboard.js", 200, "text/javascript; charset=utf-8", "REFRESH_MS"},
		{"GET", "/static/vendor/echarts.min.js", 200, "text/javascript; charset=utf-8", "echarts"},
		{"GET", "/static/vendor/echarts-LICENSE.txt", 200, "text/plain; charset=utf-8", "Apache License"},
		{"GET", "/static/img/icon.svg", 200, "image/svg+xml", "<svg"},
		{"GET", "/nope", 404, "application/json; charset=utf-8", `"error"`},
		{"GET", "/static/", 404, "application/json; charset=utf-8", "no such file"},
		{"GET", "/static/js/", 404, "application/json; charset=utf-8", "no such file"},
		{"GET", "/static/../dashboard.go", 404, "application/json; charset=utf-8", "no such file"},
		{"GET", "/static/js/../../dashboard.go", 404, "application/json; charset=utf-8", "no such file"},
		{"GET", "/static/missing.js", 404, "application/json; charset=utf-8", "no such file"},
		{"POST", "/", 405, "application/json; charset=utf-8", "not allowed"},
		{"DELETE", "/static/css/app.css", 405, "application/json; charset=utf-8", "not allowed"},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			rec := get(t, h, tc.method, tc.path)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d; body %q", rec.Code, tc.status, rec.Body.String())
			}
			if got := rec.Header().Get("Content-Type"); got != tc.ctype {
				t.Errorf("Content-Type %q, want %q", got, tc.ctype)
			}
			if !strings.Contains(rec.Body.String(), tc.contains) {
				t.Errorf("body does not contain %q", tc.contains)
			}
			if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("missing nosniff")
			}
			if tc.status >= 400 {
				var e struct{ Error string }
				if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" {
					t.Errorf("error body %q is not {\"error\": ...}", rec.Body.String())
				}
			}
		})
	}
}

func TestPagesSecurityHeaders(t *testing.T) {
	h := Handler()
	for _, p := range []string{"/", "/login", "/admin/kiosks"} {
		rec := get(t, h, "GET", p)
		csp := rec.Header().Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", p, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP allows inline script or style: %q", p, csp)
		}
		if rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("%s: pages must not be cached, got %q", p, rec.Header().Get("Cache-Control"))
		}
	}
}

// TestPagesOffline checks every page works with no Internet: each src/href
// is a local /static path that exists, and nothing points at another host.
func TestPagesOffline(t *testing.T) {
	h := Handler()
	ref := regexp.MustCompile(`(?:src|href)="([^"]+)"`)
	for _, p := range []string{"/", "/login", "/admin/users"} {
		body := get(t, h, "GET", p).Body.String()
		if strings.Contains(body, "http://") || strings.Contains(body, "https://") || strings.Contains(body, "//cdn") {
			t.Errorf("%s refers to another host", p)
		}
		if regexp.MustCompile(`<script>|<style|style="| on[a-z]+="`).MatchString(body) {
			t.Errorf("%s has inline script or style, which the CSP blocks", p)
		}
		for _, m := range ref.FindAllStringSubmatch(body, -1) {
			u := strings.ReplaceAll(m[1], "&amp;", "&")
			if strings.HasPrefix(u, "/api/") || u == "/" || u == "/login" || strings.HasPrefix(u, "/admin/") {
				continue
			}
			if rec := get(t, h, "GET", u); rec.Code != 200 {
				t.Errorf("%s refers to %s, which answers %d", p, u, rec.Code)
			}
		}
	}
}

// TestTranslationsComplete checks every key the pages and scripts use exists
// in both languages, and both languages have the same keys.
func TestTranslationsComplete(t *testing.T) {
	src, err := static.ReadFile("static/js/i18n.js")
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	zhAt, enAt := strings.Index(text, "zh: {"), strings.Index(text, "en: {")
	if zhAt < 0 || enAt < zhAt {
		t.Fatal("i18n.js: cannot find the zh and en dictionaries")
	}
	keyRe := regexp.MustCompile(`(?m)^\s*"([a-zA-Z0-9.]+)":`)
	keys := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, k := range keyRe.FindAllStringSubmatch(s, -1) {
			m[k[1]] = true
		}
		return m
	}
	zh, en := keys(text[zhAt:enAt]), keys(text[enAt:])
	if len(zh) < 50 {
		t.Fatalf("found only %d zh keys; the parser is broken", len(zh))
	}
	var diff []string
	for k := range zh {
		if !en[k] {
			diff = append(diff, "en lacks "+k)
		}
	}
	for k := range en {
		if !zh[k] {
			diff = append(diff, "zh lacks "+k)
		}
	}
	used := regexp.MustCompile(`data-i18n(?:-ph|-title|-aria)?="([^"]+)"|\bt\("([a-zA-Z0-9.]+)"`)
	err = fs.WalkDir(static, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(path, "vendor") || strings.HasSuffix(path, "i18n.js") {
			return err
		}
		if !strings.HasSuffix(path, ".html") && !strings.HasSuffix(path, ".js") {
			return nil
		}
		b, _ := static.ReadFile(path)
		for _, m := range used.FindAllStringSubmatch(string(b), -1) {
			k := m[1] + m[2]
			if strings.HasSuffix(k, ".") { // a prefix joined at run time, e.g. "role." + role
				continue
			}
			if !zh[k] {
				diff = append(diff, path+" uses missing key "+k)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(diff)
	for _, d := range diff {
		t.Error(d)
	}
}

func TestNamesFromDefaultPack(t *testing.T) {
	rec := get(t, Handler(), "GET", "/static/names.json")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var n struct {
		Drugs, Lookalikes, Levels map[string]struct{ Zh, En string }
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &n); err != nil {
		t.Fatal(err)
	}
	if n.Drugs["heroin"].Zh != "海洛因" || n.Drugs["heroin"].En == "" {
		t.Errorf("heroin is named %+v", n.Drugs["heroin"])
	}
	if len(n.Lookalikes) == 0 || len(n.Levels) == 0 {
		t.Errorf("no look-alike or level names: %d, %d", len(n.Lookalikes), len(n.Levels))
	}
}

func TestStaticCachedPagesNot(t *testing.T) {
	h := Handler()
	rec := get(t, h, "GET", "/static/js/api.js")
	if cc := rec.Header().Get("Cache-Control"); cc != "public, max-age=3600" {
		t.Errorf("asset Cache-Control %q", cc)
	}
	// A conditional request for an unchanged page answers 304 without a body.
	first := get(t, h, "GET", "/login")
	req := httptest.NewRequest("GET", "/login", nil)
	req.Header.Set("If-Modified-Since", first.Header().Get("Last-Modified"))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Errorf("conditional GET: %d, want 304", rec.Code)
	}
	b, _ := io.ReadAll(rec.Body)
	if len(b) != 0 {
		t.Errorf("304 with a body of %d bytes", len(b))
	}
}

func TestAssetsGzip(t *testing.T) {
	h := Handler()
	plain := get(t, h, "GET", "/static/vendor/echarts.min.js")
	if plain.Header().Get("Content-Encoding") != "" {
		t.Fatalf("gzip without Accept-Encoding")
	}
	for _, tc := range []struct {
		accept string
		gz     bool
	}{
		{"gzip, deflate, br", true},
		{"br;q=1.0, gzip;q=0.8", true},
		{"GZIP", true},
		{"gzip;q=0", false},
		{"deflate", false},
		{"", false},
	} {
		req := httptest.NewRequest("GET", "/static/vendor/echarts.min.js", nil)
		req.Header.Set("Accept-Encoding", tc.accept)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if got := rec.Header().Get("Content-Encoding") == "gzip"; got != tc.gz {
			t.Errorf("Accept-Encoding %q: gzip %v, want %v", tc.accept, got, tc.gz)
			continue
		}
		if rec.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("Accept-Encoding %q: no Vary", tc.accept)
		}
		if !tc.gz {
			continue
		}
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, plain.Body.Bytes()) {
			t.Errorf("gzip body decodes to %d bytes, plain is %d", len(b), plain.Body.Len())
		}
		if rec.Body.Len() != 0 { // fully read above
			t.Errorf("trailing bytes")
		}
	}
	// Small and binary files are sent as they are.
	if rec := get(t, h, "GET", "/static/img/icon.svg"); rec.Header().Get("Content-Encoding") != "" {
		t.Errorf("icon.svg (%d bytes) gzip-encoded", rec.Body.Len())
	}
}
