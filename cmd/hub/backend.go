package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"time"

	"github.com/playhall/playhall/hub/server"
	"github.com/playhall/playhall/hub/store"
)

// backend carries out an administration command: on the database directly
// when no hub is serving DIR, or through the running hub's admin socket.
type backend interface {
	AddSchool(store.School) error
	ImportSchools(list []store.School, csv []byte, name string) error
	Schools() ([]store.School, error)
	AddKiosk(school, name string) (store.Kiosk, string, error)
	Kiosks() ([]store.Kiosk, error)
	RevokeKiosk(id string) (store.Kiosk, error)
	AddUser(name, role string, hash []byte) error
	Users() ([]store.User, error)
	DeleteUser(name string) error
	AddToken(user string) (string, error)
	Backup(path string) error
	Close() error
	Via() string // "database" or "running hub"
}

// open picks the backend for dir. The database is tried first; when a
// running hub holds its lock, the admin socket is used instead.
func open(dir string) (backend, error) {
	if dir == "" {
		return nil, fmt.Errorf("--data DIR is required: %w", errUsage)
	}
	st, err := store.Open(dir, 100*time.Millisecond)
	if err == nil {
		return local{st}, nil
	}
	if !errors.Is(err, store.ErrLocked) {
		return nil, err
	}
	sock := filepath.Join(dir, server.SocketFile)
	c := &remote{sock: sock, hc: &http.Client{Timeout: 5 * time.Minute, Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", sock)
		},
	}}}
	if _, err := c.do("GET", "/healthz", nil, nil); err != nil {
		return nil, fmt.Errorf("%s is locked by another process, and its admin socket does not answer (%v)", filepath.Join(dir, store.DBFile), err)
	}
	return c, nil
}

type local struct{ st *store.Store }

func (l local) Via() string                                              { return "database" }
func (l local) AddSchool(s store.School) error                           { return l.st.PutSchool(s) }
func (l local) ImportSchools(s []store.School, _ []byte, _ string) error { return l.st.PutSchools(s) }
func (l local) Schools() ([]store.School, error)                         { return l.st.Schools(), nil }
func (l local) AddKiosk(school, name string) (store.Kiosk, string, error) {
	return l.st.AddKiosk(school, name)
}
func (l local) Kiosks() ([]store.Kiosk, error)               { return l.st.Kiosks(), nil }
func (l local) RevokeKiosk(id string) (store.Kiosk, error)   { return l.st.RevokeKiosk(id) }
func (l local) AddUser(name, role string, hash []byte) error { return l.st.AddUser(name, role, hash) }
func (l local) Users() ([]store.User, error)                 { return l.st.Users() }
func (l local) DeleteUser(name string) error                 { return l.st.DeleteUser(name) }
func (l local) AddToken(user string) (string, error)         { return l.st.AddUserToken(user) }
func (l local) Backup(path string) error                     { return l.st.Backup(path) }
func (l local) Close() error                                 { return l.st.Close() }

type remote struct {
	sock string
	hc   *http.Client
}

func (c *remote) Via() string  { return "running hub (" + c.sock + ")" }
func (c *remote) Close() error { c.hc.CloseIdleConnections(); return nil }

// do sends a request to the admin socket and decodes a JSON answer into
// out; a non-2xx answer becomes an error carrying the hub's message.
func (c *remote) do(method, path string, in, out any) ([]byte, error) {
	var body io.Reader
	if b, ok := in.([]byte); ok {
		body = bytes.NewReader(b)
	} else if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, "http://hub"+path, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(raw, &e) == nil && e.Error != "" {
			return nil, errors.New(e.Error)
		}
		return nil, fmt.Errorf("running hub answered %s", resp.Status)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return nil, fmt.Errorf("running hub's answer: %v", err)
		}
	}
	return raw, nil
}

func (c *remote) AddSchool(s store.School) error {
	_, err := c.do("POST", "/api/v1/admin/schools", s, nil)
	return err
}

// ImportSchools sends the CSV itself, so the running hub imports it in one
// transaction (all or none), as the offline path does.
func (c *remote) ImportSchools(_ []store.School, csv []byte, name string) error {
	_, err := c.do("POST", "/api/v1/admin/schools/import?name="+url.QueryEscape(name), csv, nil)
	return err
}

func (c *remote) Schools() ([]store.School, error) {
	var out struct{ Schools []store.School }
	_, err := c.do("GET", "/api/v1/admin/schools", nil, &out)
	return out.Schools, err
}

func (c *remote) AddKiosk(school, name string) (store.Kiosk, string, error) {
	var out server.AddKioskResponse
	_, err := c.do("POST", "/api/v1/admin/kiosks", server.AddKioskRequest{School: school, Name: name}, &out)
	return out.Kiosk, out.Code, err
}

func (c *remote) Kiosks() ([]store.Kiosk, error) {
	var out struct{ Kiosks []store.Kiosk }
	_, err := c.do("GET", "/api/v1/admin/kiosks", nil, &out)
	return out.Kiosks, err
}

func (c *remote) RevokeKiosk(id string) (store.Kiosk, error) {
	var out struct{ Kiosk store.Kiosk }
	_, err := c.do("POST", "/api/v1/admin/kiosks/"+url.PathEscape(id)+"/revoke", nil, &out)
	return out.Kiosk, err
}

func (c *remote) AddUser(name, role string, hash []byte) error {
	_, err := c.do("POST", "/api/v1/admin/users", server.AddUserRequest{Name: name, Role: role, PasswordHash: hash}, nil)
	return err
}

func (c *remote) Users() ([]store.User, error) {
	var out struct{ Users []store.User }
	_, err := c.do("GET", "/api/v1/admin/users", nil, &out)
	return out.Users, err
}

func (c *remote) DeleteUser(name string) error {
	_, err := c.do("DELETE", "/api/v1/admin/users/"+url.PathEscape(name), nil, nil)
	return err
}

func (c *remote) AddToken(user string) (string, error) {
	var out struct{ Token string }
	_, err := c.do("POST", "/api/v1/admin/tokens", map[string]string{"user": user}, &out)
	return out.Token, err
}

func (c *remote) Backup(path string) error {
	_, err := c.do("POST", "/api/v1/admin/backup", map[string]string{"path": path}, nil)
	return err
}
