package sync

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/playhall/playhall/record"
)

// EnrollmentFile is the kiosk's identity inside the data folder (mode 0600).
const EnrollmentFile = "enrollment.json"

// ErrNotEnrolled means DATA/enrollment.json does not exist yet.
var ErrNotEnrolled = errors.New("sync: kiosk not enrolled (run kioskctl enroll)")

// ErrBadHubURL means the hub URL given to Enroll is not an http(s) URL with
// a host; nothing was sent or stored.
var ErrBadHubURL = errors.New("sync: bad hub URL")

// Enrollment is what DATA/enrollment.json holds. The token is a secret: the
// file is written with mode 0600 and the token is never logged or shown.
type Enrollment struct {
	HubURL     string    `json:"hub_url"`
	CAFile     string    `json:"ca_file,omitempty"` // PEM bundle trusted for the hub's TLS, besides the system roots
	KioskID    string    `json:"kiosk_id"`
	Token      string    `json:"token"`
	SchoolCode string    `json:"school_code"`
	KioskName  string    `json:"kiosk_name"`
	EnrolledAt time.Time `json:"enrolled_at"`
}

// LoadEnrollment reads DATA/enrollment.json; ErrNotEnrolled if it is absent.
func LoadEnrollment(dataDir string) (Enrollment, error) {
	var e Enrollment
	b, err := os.ReadFile(filepath.Join(dataDir, EnrollmentFile))
	if errors.Is(err, os.ErrNotExist) {
		return e, ErrNotEnrolled
	}
	if err != nil {
		return e, fmt.Errorf("sync: %w", err)
	}
	if err := json.Unmarshal(b, &e); err != nil {
		return e, fmt.Errorf("sync: %s: %v", filepath.Join(dataDir, EnrollmentFile), err)
	}
	if e.HubURL == "" || e.KioskID == "" || e.Token == "" {
		return e, fmt.Errorf("sync: %s: hub_url, kiosk_id or token missing", filepath.Join(dataDir, EnrollmentFile))
	}
	return e, nil
}

// saveEnrollment writes the file atomically with mode 0600.
func saveEnrollment(dataDir string, e Enrollment) error {
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(e, "", "  ")
	path := filepath.Join(dataDir, EnrollmentFile)
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Enroll trades a one-time code from `hub kiosk add` for the kiosk's id and
// token and stores them in DATA/enrollment.json (mode 0600), replacing an
// earlier enrolment. caFile may be empty (system roots only).
func Enroll(ctx context.Context, dataDir, hubURL, code, caFile string) (Enrollment, error) {
	u, err := url.Parse(strings.TrimRight(hubURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Enrollment{}, fmt.Errorf("%w %q: it must look like https://hub.example:8443", ErrBadHubURL, hubURL)
	}
	if caFile != "" {
		if caFile, err = filepath.Abs(caFile); err != nil {
			return Enrollment{}, err
		}
	}
	hc, err := httpClient(caFile)
	if err != nil {
		return Enrollment{}, err
	}
	var resp record.EnrollResponse
	if err := postJSON(ctx, hc, u.String()+"/api/v1/enroll", "", record.EnrollRequest{Code: strings.TrimSpace(code)}, &resp); err != nil {
		return Enrollment{}, err
	}
	if resp.KioskID == "" || resp.Token == "" {
		return Enrollment{}, errors.New("sync: hub answered without a kiosk id or token")
	}
	e := Enrollment{HubURL: u.String(), CAFile: caFile, KioskID: resp.KioskID, Token: resp.Token,
		SchoolCode: resp.SchoolCode, KioskName: resp.KioskName, EnrolledAt: time.Now().UTC()}
	if err := saveEnrollment(dataDir, e); err != nil {
		return Enrollment{}, fmt.Errorf("sync: storing enrolment: %w", err)
	}
	return e, nil
}

// httpClient trusts the system roots plus the PEM certificates in caFile.
func httpClient(caFile string) (*http.Client, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 2
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, fmt.Errorf("sync: CA file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("sync: CA file %s holds no PEM certificate", caFile)
		}
		tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	return &http.Client{Transport: tr, Timeout: 60 * time.Second}, nil
}

// HTTPError is a non-2xx answer from the hub.
type HTTPError struct {
	Status     int
	Message    string        // the hub's {"error": ...} text, or the status text
	RetryAfter time.Duration // from a 429's Retry-After; 0 if absent
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("hub answered %d: %s", e.Status, e.Message)
}

// Unauthorized reports a revoked or wrong token (401/403).
func (e *HTTPError) Unauthorized() bool {
	return e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden
}

func postJSON(ctx context.Context, hc *http.Client, url, token string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return postBody(ctx, hc, url, token, body, out, time.Now)
}

func postBody(ctx context.Context, hc *http.Client, url, token string, body []byte, out any, now func() time.Time) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, record.MaxBodyBytes))
	if err != nil {
		return fmt.Errorf("sync: reading the hub's answer: %w", err)
	}
	if resp.StatusCode/100 != 2 {
		he := &HTTPError{Status: resp.StatusCode, Message: http.StatusText(resp.StatusCode)}
		var msg struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(data, &msg) == nil && msg.Error != "" {
			he.Message = msg.Error
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			he.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), now())
		}
		return he
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("sync: the hub's answer is not valid JSON (%d bytes): %v", len(data), err)
	}
	return nil
}
