package server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/playhall/playhall/hub/store"
)

// SessionCookie is the name of the login cookie.
const SessionCookie = "playhall_session"

// SessionTTL is how long a session lives after its last use (give or take
// store.SessionSlide: the expiry is moved at most once a minute). Sessions
// are kept in the store (hashed), so they outlive a hub restart.
const SessionTTL = 12 * time.Hour

// sessionOf returns the live session r's cookie names, sliding its expiry.
// ok is false without a cookie; err says why a cookie is refused (expired,
// ended, or its user deleted or changed), or is a storage fault.
func (s *Server) sessionOf(r *http.Request) (sess store.Session, ok bool, err error) {
	c, cerr := r.Cookie(SessionCookie)
	if cerr != nil {
		return sess, false, nil
	}
	sess, err = s.st.LookupSession(c.Value, SessionTTL, s.now())
	switch {
	case err == nil:
		return sess, true, nil
	case errors.Is(err, store.ErrSessionExpired):
		return sess, true, errors.New("session expired; log in again")
	case errors.Is(err, store.ErrNotFound):
		return sess, true, errors.New("session ended (logged out, or the user was changed or deleted); log in again")
	default:
		s.cfg.Logger.Error("session lookup", "err", err)
		return sess, true, errors.New("session could not be read; log in again")
	}
}

type principalKey struct{}

type authedFunc func(w http.ResponseWriter, r *http.Request, p *store.Principal)

// identify finds the request's principal: the admin socket's local admin,
// a bearer token, or a session cookie. csrfOK is false for a session
// request whose unsafe method lacks the session's CSRF token.
func (s *Server) identify(r *http.Request) (p *store.Principal, csrfOK bool, err error) {
	if lp, ok := r.Context().Value(principalKey{}).(*store.Principal); ok {
		return lp, true, nil
	}
	if h := r.Header.Get("Authorization"); h != "" {
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || tok == "" {
			return nil, false, errors.New("the Authorization header must be \"Bearer <token>\"")
		}
		pr, err := s.st.Authenticate(strings.TrimSpace(tok))
		if err != nil {
			if errors.Is(err, store.ErrRevoked) {
				return nil, false, errors.New("this kiosk has been revoked")
			}
			return nil, false, errors.New("unknown or revoked token")
		}
		return &pr, true, nil
	}
	if sess, ok, err := s.sessionOf(r); ok {
		if err != nil {
			return nil, false, err
		}
		pr := &store.Principal{Role: sess.Role, Subject: sess.User}
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return pr, true, nil
		}
		tok := r.Header.Get("X-CSRF-Token")
		if tok == "" {
			tok = r.FormValue("csrf")
		}
		return pr, subtle.ConstantTimeCompare([]byte(tok), []byte(sess.CSRF)) == 1, nil
	}
	return nil, false, errors.New("log in, or send Authorization: Bearer <token>")
}

// auth admits principals whose role is one of roles: 401 without
// credentials (or bad ones), 403 for a wrong role or a missing CSRF token.
func (s *Server) auth(h authedFunc, roles ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, csrfOK, err := s.identify(r)
		if err != nil {
			s.metrics.rejected.WithLabelValues("unauthorized").Inc()
			w.Header().Set("WWW-Authenticate", `Bearer realm="playhall"`)
			jsonError(w, http.StatusUnauthorized, err.Error())
			return
		}
		if !csrfOK {
			s.metrics.rejected.WithLabelValues("forbidden").Inc()
			jsonError(w, http.StatusForbidden, "missing or wrong CSRF token (send X-CSRF-Token from GET /api/v1/session)")
			return
		}
		for _, role := range roles {
			if p.Role == role {
				h(w, r.WithContext(context.WithValue(r.Context(), principalKey{}, p)), p)
				return
			}
		}
		s.metrics.rejected.WithLabelValues("forbidden").Inc()
		jsonError(w, http.StatusForbidden, "role "+p.Role+" may not use "+r.URL.Path)
	})
}

func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func wantsJSON(r *http.Request) bool {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return ct == "application/json" || strings.Contains(r.Header.Get("Accept"), "application/json")
}

// safeNext accepts only a local absolute path as a redirect target.
func safeNext(n string) string {
	if n == "" || !strings.HasPrefix(n, "/") || strings.HasPrefix(n, "//") || strings.Contains(n, "\\") {
		return "/"
	}
	return n
}

// login: POST /login with a form (username, password[, next]) or JSON
// {"username","password"}. Success sets the session cookie and answers
// JSON {user, role, csrf} (JSON callers) or 303 to next (forms). Failure
// answers 401 JSON, or 303 to /login?error=1 for forms. Attempts are
// limited per client address and user name (429).
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var user, pw, next string
	isJSON := wantsJSON(r)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/json" {
		var body struct{ Username, Password, Next string }
		if err := decodeJSON(r, &body); err != nil {
			writeDecodeError(w, err)
			return
		}
		user, pw, next = body.Username, body.Password, body.Next
	} else {
		if err := r.ParseForm(); err != nil {
			writeDecodeError(w, err)
			return
		}
		user, pw, next = r.PostForm.Get("username"), r.PostForm.Get("password"), r.PostForm.Get("next")
	}
	if ok, wait := s.authLim.allow(s.authLim.hashKey(clientAddr(r) + "\x00" + user)); !ok {
		s.metrics.rejected.WithLabelValues("rate_limited").Inc()
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		jsonError(w, http.StatusTooManyRequests, "too many login attempts; wait and try again")
		return
	}
	u, ok := s.st.CheckPassword(user, pw)
	if !ok {
		if isJSON {
			jsonError(w, http.StatusUnauthorized, "wrong user name or password")
		} else {
			http.Redirect(w, r, "/login?error=1", http.StatusSeeOther)
		}
		return
	}
	id, sess, err := s.st.CreateSession(u.Name, SessionTTL, s.now())
	if err != nil {
		if errors.Is(err, store.ErrNotFound) { // deleted since the password check
			jsonError(w, http.StatusUnauthorized, "wrong user name or password")
		} else {
			s.internal(w, err)
		}
		return
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: id, Path: "/", HttpOnly: true,
		Secure: s.tls, SameSite: http.SameSiteStrictMode, MaxAge: int(SessionTTL.Seconds())})
	if isJSON {
		writeJSON(w, http.StatusOK, map[string]string{"user": sess.User, "role": sess.Role, "csrf": sess.CSRF})
		return
	}
	http.Redirect(w, r, safeNext(next), http.StatusSeeOther)
}

// logout: POST /logout with the CSRF token (header X-CSRF-Token or form
// field csrf). Ends the session and clears the cookie.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		jsonError(w, http.StatusUnauthorized, "not logged in")
		return
	}
	_, csrfOK, err := s.identify(r)
	if err != nil {
		jsonError(w, http.StatusUnauthorized, err.Error())
		return
	}
	if !csrfOK {
		jsonError(w, http.StatusForbidden, "missing or wrong CSRF token")
		return
	}
	if err := s.st.DeleteSession(c.Value); err != nil {
		s.internal(w, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: s.tls, SameSite: http.SameSiteStrictMode, MaxAge: -1})
	if wantsJSON(r) {
		writeJSON(w, http.StatusOK, map[string]bool{"logged_out": true})
		return
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// session: GET /api/v1/session → {user, role, csrf} for a session (csrf
// is empty for bearer callers, who need none); 401 otherwise.
func (s *Server) session(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") == "" {
		if sess, ok, err := s.sessionOf(r); ok {
			if err != nil {
				jsonError(w, http.StatusUnauthorized, err.Error())
				return
			}
			writeJSON(w, http.StatusOK, map[string]string{"user": sess.User, "role": sess.Role, "csrf": sess.CSRF})
			return
		}
	}
	p, _, err := s.identify(r)
	if err != nil {
		jsonError(w, http.StatusUnauthorized, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"user": p.Subject, "role": p.Role, "csrf": ""})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func jsonError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
