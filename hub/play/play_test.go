package play

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// built writes a small fake edition into a temporary folder.
func built(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"index.html":    "<!DOCTYPE html><title>play</title>",
		"main.js":       "// loader",
		"wasm_exec.js":  "// go",
		"playhall.wasm": "\x00asm\x01\x00\x00\x00plain",
		".secret":       "no",
		"sub/x.txt":     "in a folder",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Create(filepath.Join(dir, "playhall.wasm.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write([]byte("\x00asm\x01\x00\x00\x00plain"))
	zw.Close()
	f.Close()
	return dir
}

func serve(t *testing.T, h http.Handler, method, target string, hdr map[string]string) *http.Response {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(Prefix, h)
	req := httptest.NewRequest(method, target, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, req)
	return w.Result()
}

func TestHandler(t *testing.T) {
	dir := built(t)
	h := Handler(dir)
	tests := []struct {
		name, method, target string
		hdr                  map[string]string
		code                 int
		ctype, enc, body     string
	}{
		{"root is the page", "GET", "/play/", nil, 200, "text/html; charset=utf-8", "", "<title>play</title>"},
		{"index by name", "GET", "/play/index.html", nil, 200, "text/html; charset=utf-8", "", "<title>play</title>"},
		{"no slash redirects", "GET", "/play", nil, 307, "", "", ""},
		{"loader", "GET", "/play/main.js", nil, 200, "text/javascript; charset=utf-8", "", "// loader"},
		{"wasm plain", "GET", "/play/playhall.wasm", nil, 200, "application/wasm", "", "plain"},
		{"wasm gzip", "GET", "/play/playhall.wasm", map[string]string{"Accept-Encoding": "br, gzip"}, 200, "application/wasm", "gzip", ""},
		{"gzip refused", "GET", "/play/playhall.wasm", map[string]string{"Accept-Encoding": "gzip;q=0"}, 200, "application/wasm", "", "plain"},
		{"head", "HEAD", "/play/playhall.wasm", nil, 200, "application/wasm", "", ""},
		{"dot file", "GET", "/play/.secret", nil, 404, "", "", ""},
		{"folder not listed", "GET", "/play/sub/", nil, 404, "", "", ""},
		{"missing", "GET", "/play/nope.js", nil, 404, "", "", ""},
		{"post refused", "POST", "/play/", nil, 405, "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := serve(t, h, tc.method, tc.target, tc.hdr)
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.code {
				t.Fatalf("status %d, want %d (%s)", resp.StatusCode, tc.code, body)
			}
			if c := resp.Header.Get("Set-Cookie"); c != "" {
				t.Errorf("Set-Cookie %q: the web edition must set no cookie", c)
			}
			if tc.code != 200 {
				return
			}
			if got := resp.Header.Get("Content-Type"); got != tc.ctype {
				t.Errorf("Content-Type %q, want %q", got, tc.ctype)
			}
			if got := resp.Header.Get("Content-Encoding"); got != tc.enc {
				t.Errorf("Content-Encoding %q, want %q", got, tc.enc)
			}
			if tc.enc == "gzip" {
				zr, err := gzip.NewReader(strings.NewReader(string(body)))
				if err != nil {
					t.Fatal(err)
				}
				plain, _ := io.ReadAll(zr)
				if !strings.HasSuffix(string(plain), "plain") {
					t.Errorf("gzip body decodes to %q", plain)
				}
			} else if !strings.Contains(string(body), tc.body) {
				t.Errorf("body %q does not hold %q", body, tc.body)
			}
			if resp.Header.Get("Cache-Control") != "no-cache" || resp.Header.Get("Content-Security-Policy") != CSP ||
				resp.Header.Get("Referrer-Policy") != "no-referrer" {
				t.Errorf("headers %v", resp.Header)
			}
		})
	}
}

// A path that climbs out of the folder reaches nothing outside it, even
// when the handler is called without a ServeMux cleaning the path first.
func TestTraversal(t *testing.T) {
	dir := built(t)
	outside := filepath.Join(filepath.Dir(dir), "outside.txt")
	if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"/play/../outside.txt", "/play/sub/../../outside.txt", "/play/..%2foutside.txt"} {
		w := httptest.NewRecorder()
		Handler(dir).ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		if w.Code != http.StatusNotFound || strings.Contains(w.Body.String(), "secret") {
			t.Errorf("%s: status %d body %q", target, w.Code, w.Body.String())
		}
	}
}

// A stale .gz (older than the wasm) is never served: it would run an old build.
func TestStaleGzipIgnored(t *testing.T) {
	dir := built(t)
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "playhall.wasm.gz"), old, old); err != nil {
		t.Fatal(err)
	}
	resp := serve(t, Handler(dir), "GET", "/play/playhall.wasm", map[string]string{"Accept-Encoding": "gzip"})
	if resp.Header.Get("Content-Encoding") != "" {
		t.Fatal("served a .gz older than the wasm")
	}
}

func TestNotBuiltPage(t *testing.T) {
	for _, dir := range []string{"", t.TempDir(), filepath.Join(t.TempDir(), "absent")} {
		resp := serve(t, Handler(dir), "GET", "/play/", nil)
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("dir %q: status %d", dir, resp.StatusCode)
		}
		for _, want := range []string{"./build.sh web", "--web", "README.md (The web edition)"} {
			if !strings.Contains(string(body), want) {
				t.Errorf("dir %q: page lacks %q", dir, want)
			}
		}
		if dir != "" && !strings.Contains(string(body), dir) {
			t.Errorf("page does not name the folder %q", dir)
		}
	}
}

// Building after the hub started is picked up without a restart.
func TestBuiltLater(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "web")
	h := Handler(dir)
	if resp := serve(t, h, "GET", "/play/", nil); resp.StatusCode != 503 {
		t.Fatalf("status %d before the build", resp.StatusCode)
	}
	src := built(t)
	if err := os.Rename(src, dir); err != nil {
		t.Fatal(err)
	}
	if resp := serve(t, h, "GET", "/play/", nil); resp.StatusCode != 200 {
		t.Fatalf("status %d after the build", resp.StatusCode)
	}
}

func TestDefaultDir(t *testing.T) {
	data := t.TempDir()
	if got := DefaultDir(data); Ready(got) == nil && got == filepath.Join(data, "web") {
		t.Fatalf("an empty data folder was chosen: %s", got)
	}
	web := built(t)
	if err := os.Rename(web, filepath.Join(data, "web")); err != nil {
		t.Fatal(err)
	}
	got := DefaultDir(data)
	if Ready(got) != nil {
		t.Fatalf("DefaultDir(%s) = %s, which holds no edition", data, got)
	}
}
