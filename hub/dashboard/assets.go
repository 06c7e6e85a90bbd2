package dashboard

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
)

// asset is one embedded file ready to serve: its bytes, its type, and a
// gzip copy when that is smaller (text only).
type asset struct {
	plain, gz []byte
	ctype     string
}

var (
	assetMu    sync.Mutex
	assetCache = map[string]*asset{}
)

// loadAsset reads static/name once and keeps it (and its gzip copy) in
// memory: the whole folder is about 1.2 MB, its gzip copies about 0.4 MB.
func loadAsset(name string) (*asset, error) {
	assetMu.Lock()
	defer assetMu.Unlock()
	if a, ok := assetCache[name]; ok {
		return a, nil
	}
	b, err := fs.ReadFile(static, "static/"+name)
	if err != nil {
		return nil, err
	}
	a := &asset{plain: b, ctype: types[path.Ext(name)]}
	if a.ctype == "" {
		a.ctype = http.DetectContentType(b)
	}
	if compressible(a.ctype) && len(b) > 1024 {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(b)
		if zw.Close() == nil && buf.Len() < len(b) {
			a.gz = buf.Bytes()
		}
	}
	assetCache[name] = a
	return a, nil
}

// types are fixed here rather than read from the system's mime.types, so
// the hub answers the same on every machine.
var types = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".json": "application/json; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".txt":  "text/plain; charset=utf-8",
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "javascript") ||
		strings.Contains(ctype, "json") || strings.Contains(ctype, "svg")
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// serveAsset answers GET and HEAD for static/name, gzip-encoded when the
// client accepts it, with Last-Modified (the process start) so browsers
// revalidate with If-Modified-Since.
func serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	a, err := loadAsset(name)
	if err != nil {
		jsonError(w, http.StatusNotFound, "no such file: "+r.URL.Path)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("Cache-Control", "public, max-age=3600")
	body := a.plain
	if a.gz != nil {
		h.Set("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			h.Set("Content-Encoding", "gzip")
			body = a.gz
		}
	}
	http.ServeContent(w, r, name, buildTime, bytes.NewReader(body))
}
