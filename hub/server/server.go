// Package server is the hub's HTTP side: kiosk enrolment and ingest, web
// plays, login and sessions, the reports API, exports, admin endpoints,
// /metrics, and the local admin socket the `hub` CLI uses while a server
// holds the database.
package server

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/playhall/playhall/hub/dashboard"
	webplay "github.com/playhall/playhall/hub/play"
	"github.com/playhall/playhall/hub/report"
	"github.com/playhall/playhall/hub/store"
	"github.com/playhall/playhall/levels"
	"github.com/playhall/playhall/record"
)

// SocketFile is the admin socket's name inside the data folder.
const SocketFile = "hub.sock"

// Config is what `hub serve` passes in.
type Config struct {
	Addr             string  // TCP listen address, e.g. 127.0.0.1:8080
	TLSCert, TLSKey  string  // both set: serve HTTPS (cookies get Secure)
	K                int     // small-cell threshold (≥ report.MinK; default 10)
	KioskRate        float64 // ingest requests per second per kiosk (default 50)
	KioskBurst       int     // (default 100)
	WebPerMinute     float64 // web plays per minute per client address (default 60)
	WebDir           string  // optional folder served at /play/ (the web edition)
	Logger           *slog.Logger
	ShutdownDeadline time.Duration // default 10 s

	clock func() time.Time // tests: the server's clock (default time.Now)
}

func (c *Config) defaults() {
	if c.K == 0 {
		c.K = 10
	}
	if c.KioskRate == 0 {
		c.KioskRate = 50
	}
	if c.KioskBurst == 0 {
		c.KioskBurst = 100
	}
	if c.WebPerMinute == 0 {
		c.WebPerMinute = 60
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if c.ShutdownDeadline == 0 {
		c.ShutdownDeadline = 10 * time.Second
	}
}

// Server serves one store. Create with New; Handler gives the TCP routes,
// LocalHandler the admin-socket routes.
type Server struct {
	cfg      Config
	st       *store.Store
	tls      bool
	kioskLim *limiter
	webLim   *limiter
	authLim  *limiter
	metrics  *metrics
	mux      *http.ServeMux
	now      func() time.Time
}

// New wires a server over an open store.
func New(cfg Config, st *store.Store) (*Server, error) {
	cfg.defaults()
	if cfg.K < report.MinK {
		return nil, fmt.Errorf("server: k=%d is below the minimum %d", cfg.K, report.MinK)
	}
	s := &Server{
		cfg: cfg, st: st, tls: cfg.TLSCert != "",
		kioskLim: newLimiter(cfg.KioskRate, cfg.KioskBurst),
		webLim:   newLimiter(cfg.WebPerMinute/60, int(cfg.WebPerMinute)),
		authLim:  newLimiter(10.0/60, 10),
		now:      time.Now,
	}
	if cfg.clock != nil {
		s.now = cfg.clock
	}
	if n, err := st.PurgeSessions(s.now()); err != nil {
		return nil, fmt.Errorf("server: purge expired sessions: %w", err)
	} else if n > 0 {
		cfg.Logger.Info("expired sessions purged", "count", n)
	}
	s.metrics = newMetrics(st, s.now)
	s.mux = s.routes()
	return s, nil
}

// Handler is the public (TCP) handler: body limit, latency metrics, routes.
func (s *Server) Handler() http.Handler { return s.wrap(s.mux, false) }

// LocalHandler serves the same routes on the admin socket, where every
// request acts as the local administrator (the socket is mode 0600 in the
// data folder: whoever can open it can open the database anyway).
func (s *Server) LocalHandler() http.Handler { return s.wrap(s.mux, true) }

func (s *Server) wrap(h http.Handler, local bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		if local {
			r = r.WithContext(context.WithValue(r.Context(), principalKey{}, &store.Principal{Role: store.RoleAdmin, Subject: "local"}))
			r = r.WithContext(context.WithValue(r.Context(), localKey{}, true))
		}
		if r.ContentLength > maxBody(r) {
			if r.URL.Path == webPlaysPath {
				setWebCORS(sw.Header()) // so a browser on another origin can read the 413
			}
			s.metrics.rejected.WithLabelValues("too_large").Inc()
			jsonError(sw, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body of %d bytes is over the %d-byte limit", r.ContentLength, maxBody(r)))
		} else {
			r.Body = http.MaxBytesReader(sw, r.Body, maxBody(r))
			sw.Header().Set("X-Content-Type-Options", "nosniff")
			if r.URL.Path == webPlaysPath {
				setWebCORS(sw.Header())
			}
			h.ServeHTTP(sw, r)
		}
		s.metrics.observe(r, sw.code, time.Since(start))
	})
}

// maxBody is 1 MiB for every request (record.MaxBodyBytes); a school CSV
// of that size holds some ten thousand schools.
func maxBody(*http.Request) int64 { return record.MaxBodyBytes }

type localKey struct{}

func (s *Server) routes() *http.ServeMux {
	m := http.NewServeMux()
	m.HandleFunc("GET /healthz", s.healthz)
	m.HandleFunc("POST /login", s.login)
	m.HandleFunc("POST /logout", s.logout)
	m.HandleFunc("GET /api/v1/session", s.session)

	m.HandleFunc("POST /api/v1/enroll", s.enroll)
	m.Handle("POST /api/v1/ingest", s.auth(s.ingest, store.RoleKiosk))
	m.HandleFunc("POST "+webPlaysPath, s.webPlay)
	m.HandleFunc("OPTIONS "+webPlaysPath, webPlayPreflight)

	office := []string{store.RoleOffice, store.RoleAdmin}
	m.Handle("GET /api/v1/summary", s.auth(s.summary, office...))
	m.Handle("GET /api/v1/report", s.auth(s.report, office...))
	m.Handle("GET /api/v1/export", s.auth(s.export, office...))
	m.Handle("GET /api/v1/participation", s.auth(s.participation, office...))
	m.Handle("GET /api/v1/kiosks", s.auth(s.kiosksHealth, office...))
	m.Handle("GET /api/v1/schools", s.auth(s.schools, office...))
	m.Handle("GET /api/v1/questions", s.auth(s.questions, office...))
	m.Handle("GET /metrics", s.auth(func(w http.ResponseWriter, r *http.Request, _ *store.Principal) {
		s.metrics.handler().ServeHTTP(w, r)
	}, office...))

	m.Handle("GET /api/v1/admin/kiosks", s.auth(s.adminKiosks, store.RoleAdmin))
	m.Handle("POST /api/v1/admin/kiosks", s.auth(s.adminAddKiosk, store.RoleAdmin))
	m.Handle("POST /api/v1/admin/kiosks/{id}/revoke", s.auth(s.adminRevokeKiosk, store.RoleAdmin))
	m.Handle("GET /api/v1/admin/users", s.auth(s.adminUsers, store.RoleAdmin))
	m.Handle("POST /api/v1/admin/users", s.auth(s.adminAddUser, store.RoleAdmin))
	m.Handle("DELETE /api/v1/admin/users/{name}", s.auth(s.adminDeleteUser, store.RoleAdmin))
	m.Handle("POST /api/v1/admin/tokens", s.auth(s.adminAddToken, store.RoleAdmin))
	m.Handle("GET /api/v1/admin/schools", s.auth(s.schools, store.RoleAdmin))
	m.Handle("POST /api/v1/admin/schools", s.auth(s.adminAddSchool, store.RoleAdmin))
	m.Handle("POST /api/v1/admin/schools/import", s.auth(s.adminImportSchools, store.RoleAdmin))
	m.Handle("GET /api/v1/admin/quarantine", s.auth(s.adminQuarantine, store.RoleAdmin))
	m.Handle("GET /api/v1/admin/backup", s.auth(s.adminBackupDownload, store.RoleAdmin))
	m.Handle("POST /api/v1/admin/backup", s.auth(s.adminBackupFile, store.RoleAdmin))

	m.Handle("GET /play/", webplay.Handler(s.cfg.WebDir)) // the web edition, or a page saying how to build it
	dash := dashboard.Handler()
	m.Handle("/", dash)
	return m
}

// purgeSessions deletes expired sessions every interval until ctx ends
// (New purges once at start; lookups delete the expired ones they meet).
func (s *Server) purgeSessions(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := s.st.PurgeSessions(s.now()); err != nil {
				s.cfg.Logger.Warn("purge expired sessions", "err", err)
			}
		}
	}
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// Run opens the store in cfg's data folder, serves TCP (and the admin
// socket DATA/hub.sock) until ctx is cancelled, then shuts down gracefully:
// stops accepting, lets requests in flight finish (up to
// cfg.ShutdownDeadline), closes the store. ready, if not nil, is called with
// the bound address once both listeners accept.
func Run(ctx context.Context, dataDir string, cfg Config, ready func(addr string)) error {
	cfg.defaults()
	st, err := store.Open(dataDir, 200*time.Millisecond)
	if err != nil {
		return err
	}
	defer st.Close()
	if pack, err := levels.Default(); err == nil {
		st.KnowPack(pack) // plays of the shipped content get their ids checked
	} else {
		cfg.Logger.Warn("embedded content pack unavailable; ids are not checked", "err", err)
	}
	srv, err := New(cfg, st)
	if err != nil {
		return err
	}
	purgeCtx, stopPurge := context.WithCancel(ctx)
	purged := make(chan struct{})
	go func() { defer close(purged); srv.purgeSessions(purgeCtx, time.Hour) }()
	defer func() { stopPurge(); <-purged }() // before st.Close
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("hub: listen %s: %w", cfg.Addr, err)
	}
	sockPath := filepath.Join(dataDir, SocketFile)
	os.Remove(sockPath) // a stale socket of a dead hub; the database lock proves none is running
	oldMask := umask(0o177)
	sln, err := net.Listen("unix", sockPath)
	umask(oldMask)
	if err != nil {
		ln.Close()
		return fmt.Errorf("hub: admin socket %s: %w", sockPath, err)
	}
	os.Chmod(sockPath, 0o600)
	defer os.Remove(sockPath)

	pub := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second, ErrorLog: slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn)}
	loc := &http.Server{Handler: srv.LocalHandler(), ReadHeaderTimeout: 10 * time.Second}
	scheme := "http"
	if cfg.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(cfg.TLSCert, cfg.TLSKey)
		if err != nil {
			ln.Close()
			sln.Close()
			return fmt.Errorf("hub: TLS certificate %s / key %s: %w", cfg.TLSCert, cfg.TLSKey, err)
		}
		pub.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, pub.TLSConfig)
		scheme = "https"
	}
	errc := make(chan error, 2)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); errc <- pub.Serve(ln) }()
	go func() { defer wg.Done(); errc <- loc.Serve(sln) }()
	cfg.Logger.Info("hub serving", "url", scheme+"://"+ln.Addr().String(), "data", dataDir, "k", cfg.K, "socket", sockPath)
	if ready != nil {
		ready(ln.Addr().String())
	}
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	cfg.Logger.Info("hub shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownDeadline)
	defer cancel()
	e1 := pub.Shutdown(sctx)
	e2 := loc.Shutdown(sctx)
	wg.Wait()
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return errors.Join(e1, e2)
}
