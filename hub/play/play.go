// Package play serves the web edition (the folder scripts/web.sh builds:
// index.html, main.js, wasm_exec.js, playhall.wasm and playhall.wasm.gz) at
// /play/ on the hub, without login.
//
// Contract of Handler(dir):
//   - Mount it at "/play/" (it strips that prefix itself); "/play" is
//     redirected there by the hub's ServeMux.
//   - GET and HEAD only (405 otherwise). Only the folder's files are served:
//     no directory listings, no dot files, nothing outside dir.
//   - When dir is "" or holds no built edition, every request gets a clear
//     HTML page (503) saying how to build it and where the hub looks; it is
//     checked per request, so building after the hub started works.
//   - playhall.wasm goes out as application/wasm, compressed from
//     playhall.wasm.gz when the browser accepts gzip and that file is at
//     least as new. Files are revalidated on every load (Cache-Control:
//     no-cache with Last-Modified), so a rebuilt edition is picked up.
//   - Responses set no cookie and carry a Content-Security-Policy that lets
//     the page talk only to its own origin, plus Referrer-Policy no-referrer.
package play

import (
	"fmt"
	"html"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Prefix is where the hub mounts Handler.
const Prefix = "/play/"

// Files a built web edition holds; Handler needs the first two.
var Files = []string{"index.html", "playhall.wasm", "wasm_exec.js", "main.js"}

// CSP is the Content-Security-Policy of the web edition's responses: scripts
// and WebAssembly from the same origin only, requests to the same origin only
// (the hub's /api/v1/web/plays).
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; media-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; " +
	"object-src 'none'; base-uri 'none'; frame-ancestors 'self'"

// Ready reports whether dir holds a built web edition, and if not, why.
func Ready(dir string) error {
	if dir == "" {
		return fmt.Errorf("no web edition folder configured")
	}
	for _, f := range Files[:2] {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.IsDir() {
			return fmt.Errorf("%s has no %s", dir, f)
		}
	}
	return nil
}

// Handler serves the web edition in dir at /play/ (see the package doc).
func Handler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Content-Type-Options", "nosniff")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "only GET and HEAD", http.StatusMethodNotAllowed)
			return
		}
		if err := Ready(dir); err != nil {
			notBuilt(w, dir, err)
			return
		}
		name := strings.TrimPrefix(r.URL.Path, strings.TrimSuffix(Prefix, "/"))
		name = strings.TrimPrefix(path.Clean("/"+name), "/")
		if name == "" {
			name = "index.html"
		}
		if strings.HasPrefix(name, ".") || strings.Contains(name, "/.") || strings.HasSuffix(name, ".tmp") {
			http.NotFound(w, r)
			return
		}
		file := filepath.Join(dir, filepath.FromSlash(name))
		st, err := os.Stat(file)
		if err != nil || st.IsDir() {
			http.NotFound(w, r)
			return
		}
		h.Set("Cache-Control", "no-cache")
		if name == "playhall.wasm" {
			h.Set("Content-Type", "application/wasm")
			h.Add("Vary", "Accept-Encoding")
			if gz, err := os.Stat(file + ".gz"); err == nil && !gz.ModTime().Before(st.ModTime()) && acceptsGzip(r) {
				h.Set("Content-Encoding", "gzip")
				file, st = file+".gz", gz
			}
		}
		f, err := os.Open(file)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		http.ServeContent(w, r, name, st.ModTime(), f)
	})
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// notBuilt answers 503 with a page that says how to build the edition.
func notBuilt(w http.ResponseWriter, dir string, why error) {
	where := dir
	if where == "" {
		where = "(none)"
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	fmt.Fprintf(w, notBuiltPage, html.EscapeString(why.Error()), html.EscapeString(where))
}

const notBuiltPage = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>网络版未安装 · Web edition not installed</title>
<style>body{font:18px/1.6 sans-serif;max-width:46em;margin:3em auto;padding:0 1em;color:#1b2636}
code,pre{background:#eef2f6;padding:.1em .3em;border-radius:4px}pre{padding:.8em}</style></head>
<body><h1>网络版尚未安装 · The web edition is not installed on this hub</h1>
<p>本中心没有找到已构建的网络版游戏。The hub found no built web edition: %s.</p>
<p>当前目录 Folder in use: <code>%s</code></p>
<h2>安装 How to install</h2>
<pre>./build.sh web                       # builds dist/web (index.html, playhall.wasm, ...)
hub serve --data DIR --web dist/web  # or copy dist/web next to the hub binary</pre>
<p>Then reload this page. See README.md (The web edition).</p></body></html>
`

// DefaultDir is where the hub looks for the web edition when no --web flag
// is given: "dist/web" next to the hub binary (or one folder up, for bin/hub
// in a source checkout), then "web" inside the data folder, then "dist/web"
// in the working directory. It returns the first that holds a built edition,
// else "dist/web" next to the binary (so the not-built page names it).
func DefaultDir(dataDir string) string {
	var cands []string
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		bin := filepath.Dir(exe)
		cands = append(cands, filepath.Join(bin, "dist", "web"), filepath.Join(bin, "..", "dist", "web"))
	}
	if dataDir != "" {
		cands = append(cands, filepath.Join(dataDir, "web"))
	}
	if wd, err := os.Getwd(); err == nil {
		cands = append(cands, filepath.Join(wd, "dist", "web"))
	}
	for _, c := range cands {
		if Ready(c) == nil {
			return filepath.Clean(c)
		}
	}
	if len(cands) == 0 {
		return "dist/web"
	}
	return filepath.Clean(cands[0])
}
