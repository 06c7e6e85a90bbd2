package server

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"

	"github.com/playhall/playhall/hub/store"
)

func storeError(w http.ResponseWriter, s *Server, err error) {
	switch {
	case errors.Is(err, store.ErrBadInput), errors.Is(err, store.ErrUnknownSchool):
		jsonError(w, http.StatusBadRequest, err.Error())
	case errors.Is(err, store.ErrNotFound):
		jsonError(w, http.StatusNotFound, err.Error())
	case errors.Is(err, store.ErrExists), errors.Is(err, store.ErrLastAdmin):
		jsonError(w, http.StatusConflict, err.Error())
	default:
		s.internal(w, err)
	}
}

func (s *Server) adminKiosks(w http.ResponseWriter, r *http.Request, _ *store.Principal) {
	list := s.st.Kiosks()
	if list == nil {
		list = []store.Kiosk{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"kiosks": list})
}

// AddKioskRequest is the body of POST /api/v1/admin/kiosks.
type AddKioskRequest struct {
	School string `json:"school"`
	Name   string `json:"name"`
}

// AddKioskResponse carries the one-time enrolment code.
type AddKioskResponse struct {
	Kiosk store.Kiosk `json:"kiosk"`
	Code  string      `json:"code"`
}

func (s *Server) adminAddKiosk(w http.ResponseWriter, r *http.Request, p *store.Principal) {
	var req AddKioskRequest
	if err := decodeJSON(r, &req); err != nil {
		writeDecodeError(w, err)
		return
	}
	k, code, err := s.st.AddKiosk(req.School, req.Name)
	if err != nil {
		storeError(w, s, err)
		return
	}
	s.cfg.Logger.Info("kiosk added", "kiosk", k.ID, "school", k.School, "by", p.Subject)
	writeJSON(w, http.StatusCreated, AddKioskResponse{Kiosk: k, Code: code})
}

func (s *Server) adminRevokeKiosk(w http.ResponseWriter, r *http.Request, p *store.Principal) {
	k, err := s.st.RevokeKiosk(r.PathValue("id"))
	if err != nil {
		storeError(w, s, err)
		return
	}
	s.cfg.Logger.Info("kiosk revoked", "kiosk", k.ID, "by", p.Subject)
	writeJSON(w, http.StatusOK, map[string]any{"kiosk": k})
}

func (s *Server) adminUsers(w http.ResponseWriter, r *http.Request, _ *store.Principal) {
	list, err := s.st.Users()
	if err != nil {
		s.internal(w, err)
		return
	}
	if list == nil {
		list = []store.User{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"users": list})
}

// adminDeleteUser: DELETE /api/v1/admin/users/{name} → {"deleted": name}.
// The user's tokens and sessions end at once (store.DeleteUser); 404 for
// an unknown name, 409 for the last admin.
func (s *Server) adminDeleteUser(w http.ResponseWriter, r *http.Request, p *store.Principal) {
	name := r.PathValue("name")
	if err := s.st.DeleteUser(name); err != nil {
		storeError(w, s, err)
		return
	}
	s.cfg.Logger.Info("user deleted", "user", name, "by", p.Subject)
	writeJSON(w, http.StatusOK, map[string]string{"deleted": name})
}

// AddUserRequest is the body of POST /api/v1/admin/users. PasswordHash (a
// bcrypt hash) is accepted only on the local admin socket, where the CLI
// hashes the password itself.
type AddUserRequest struct {
	Name         string `json:"name"`
	Role         string `json:"role"`
	Password     string `json:"password,omitempty"`
	PasswordHash []byte `json:"password_hash,omitempty"`
}

func (s *Server) adminAddUser(w http.ResponseWriter, r *http.Request, p *store.Principal) {
	var req AddUserRequest
	if err := decodeJSON(r, &req); err != nil {
		writeDecodeError(w, err)
		return
	}
	hash := req.PasswordHash
	if len(hash) > 0 && r.Context().Value(localKey{}) == nil {
		jsonError(w, http.StatusBadRequest, "password_hash is accepted only from the local admin socket; send password")
		return
	}
	if len(hash) == 0 {
		var err error
		if hash, err = store.HashPassword(req.Password); err != nil {
			storeError(w, s, err)
			return
		}
	}
	if err := s.st.AddUser(req.Name, req.Role, hash); err != nil {
		storeError(w, s, err)
		return
	}
	s.cfg.Logger.Info("user added", "user", req.Name, "role", req.Role, "by", p.Subject)
	writeJSON(w, http.StatusCreated, map[string]string{"name": req.Name, "role": req.Role})
}

func (s *Server) adminAddToken(w http.ResponseWriter, r *http.Request, p *store.Principal) {
	var req struct {
		User string `json:"user"`
	}
	if err := decodeJSON(r, &req); err != nil {
		writeDecodeError(w, err)
		return
	}
	tok, err := s.st.AddUserToken(req.User)
	if err != nil {
		storeError(w, s, err)
		return
	}
	s.cfg.Logger.Info("token issued", "user", req.User, "by", p.Subject)
	writeJSON(w, http.StatusCreated, map[string]string{"user": req.User, "token": tok})
}

func (s *Server) adminAddSchool(w http.ResponseWriter, r *http.Request, _ *store.Principal) {
	var sc store.School
	if err := decodeJSON(r, &sc); err != nil {
		writeDecodeError(w, err)
		return
	}
	if err := s.st.PutSchool(sc); err != nil {
		storeError(w, s, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"school": sc})
}

// adminImportSchools: POST /api/v1/admin/schools/import with a CSV body
// (see store.ParseSchoolsCSV); ?name= names the file in error messages.
func (s *Server) adminImportSchools(w http.ResponseWriter, r *http.Request, _ *store.Principal) {
	name := r.URL.Query().Get("name")
	if name == "" {
		name = "upload.csv"
	}
	list, err := store.ParseSchoolsCSV(r.Body, name)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			jsonError(w, http.StatusRequestEntityTooLarge, errTooLarge.Error())
			return
		}
		storeError(w, s, err)
		return
	}
	if err := s.st.PutSchools(list); err != nil {
		storeError(w, s, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"imported": len(list)})
}

// adminBackupDownload streams a consistent copy of the database.
func (s *Server) adminBackupDownload(w http.ResponseWriter, r *http.Request, _ *store.Principal) {
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", `attachment; filename="hub-backup-`+s.now().Format("20060102-150405")+`.db"`)
	if _, err := s.st.WriteBackup(w); err != nil {
		s.cfg.Logger.Warn("backup download", "err", err)
	}
}

// adminBackupFile writes a backup to a path on the hub's machine; only on
// the local admin socket (the CLI's `hub backup`).
func (s *Server) adminBackupFile(w http.ResponseWriter, r *http.Request, _ *store.Principal) {
	if r.Context().Value(localKey{}) == nil {
		jsonError(w, http.StatusForbidden, "backup to a file is only for the local admin socket; use GET /api/v1/admin/backup")
		return
	}
	var req struct {
		Path string `json:"path"`
	}
	if err := decodeJSON(r, &req); err != nil {
		writeDecodeError(w, err)
		return
	}
	if !filepath.IsAbs(req.Path) {
		jsonError(w, http.StatusBadRequest, "path must be absolute")
		return
	}
	if err := s.st.Backup(req.Path); err != nil {
		s.internal(w, err)
		return
	}
	st, err := os.Stat(req.Path)
	if err != nil {
		s.internal(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"path": req.Path, "bytes": strconv.FormatInt(st.Size(), 10),
		"note": fmt.Sprintf("consistent copy of %s", filepath.Join(s.st.Dir(), store.DBFile))})
}

// adminQuarantine: GET /api/v1/admin/quarantine[?limit=N] → the records the
// hub refused, newest first, with the reason and the entry as received.
func (s *Server) adminQuarantine(w http.ResponseWriter, r *http.Request, _ *store.Principal) {
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	list, err := s.st.Quarantine(limit)
	if err != nil {
		s.internal(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"records": list})
}
