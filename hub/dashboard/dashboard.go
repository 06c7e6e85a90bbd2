// Package dashboard holds the education office's web pages: the dashboard
// itself, the login page and the admin pages for kiosks and users, with their
// scripts, styles and the bundled Apache ECharts library. Everything is
// embedded in the binary, so the hub works on an intranet with no Internet.
//
// The pages are static. They read and change data only through the hub's
// JSON API (/api/v1/...), with the session cookie the hub sets at login, and
// send the CSRF token from /api/v1/session on every state-changing request.
// The package therefore holds no state, checks no credentials and never
// imports Ebitengine; the hub decides who may see what.
package dashboard

import (
	"bytes"
	"embed"
	"encoding/json"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static
var static embed.FS

// pages maps a page path to the embedded HTML file served for it.
var pages = map[string]string{
	"/":             "static/index.html",
	"/index.html":   "static/index.html",
	"/login":        "static/login.html",
	"/admin":        "static/admin.html",
	"/admin/":       "static/admin.html",
	"/admin/kiosks": "static/admin.html",
	"/admin/users":  "static/admin.html",
}

// contentSecurityPolicy allows only the hub's own scripts, styles and images:
// no inline script, no CDN, no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Handler serves the pages at /, /login, /admin, /admin/kiosks and
// /admin/users, the assets under /static/, and /static/names.json (display
// names of drugs, look-alikes and levels from the default content pack). Any other path is a 404 with a
// JSON error, so the hub may mount it as its fallback for "/". Only GET and
// HEAD are answered (405 otherwise). Pages are never cached (so a new hub
// version shows at once); assets are cached for an hour, revalidated by
// Last-Modified, and sent gzip-encoded to clients that accept it (the copies
// are made once, on first request, and kept in memory). The handler is safe
// for concurrent use.
func Handler() http.Handler {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic("dashboard: embedded static folder missing: " + err.Error())
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			jsonError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed on "+r.URL.Path)
			return
		}
		if file, ok := pages[r.URL.Path]; ok {
			servePage(w, r, file)
			return
		}
		if r.URL.Path == namesPath {
			serveNames(w, r)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/static/") {
			clean := path.Clean(r.URL.Path)
			if clean != r.URL.Path || strings.HasSuffix(clean, "/static") {
				jsonError(w, http.StatusNotFound, "no such file: "+r.URL.Path)
				return
			}
			name := strings.TrimPrefix(clean, "/static/")
			if st, err := fs.Stat(sub, name); err != nil || st.IsDir() {
				jsonError(w, http.StatusNotFound, "no such file: "+r.URL.Path)
				return
			}
			serveAsset(w, r, name)
			return
		}
		jsonError(w, http.StatusNotFound, "no such page: "+r.URL.Path)
	})
}

// buildTime stamps pages for Last-Modified; embedded files carry no time.
var buildTime = time.Now()

func servePage(w http.ResponseWriter, r *http.Request, file string) {
	b, err := static.ReadFile(file)
	if err != nil {
		jsonError(w, http.StatusInternalServerError, "dashboard page missing: "+file)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Frame-Options", "DENY")
	http.ServeContent(w, r, path.Base(file), buildTime, bytes.NewReader(b))
}

func jsonError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": msg})
}
