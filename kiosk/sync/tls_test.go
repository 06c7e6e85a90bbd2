package sync

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeTLS makes a private CA and a certificate for 127.0.0.1 signed by it,
// as an education office would for an intranet hub.
func writeTLS(t *testing.T, dir string) (caFile, certFile, keyFile string) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Playhall test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "hub"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalECPrivateKey(key)
	caFile, certFile, keyFile = filepath.Join(dir, "ca.pem"), filepath.Join(dir, "hub.pem"), filepath.Join(dir, "hub.key")
	os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), 0o644)
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
	return caFile, certFile, keyFile
}

func TestTLSWithPrivateCA(t *testing.T) {
	caFile, cert, key := writeTLS(t, t.TempDir())
	h := newHub(t, "--tls-cert", cert, "--tls-key", key)
	if !strings.HasPrefix(h.URL, "https://") {
		t.Fatalf("hub URL %s", h.URL)
	}
	code := h.addKiosk("hall-tls")
	if _, err := Enroll(t.Context(), t.TempDir(), h.URL, code, ""); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("enrolment without the CA: %v", err)
	}
	if _, err := Enroll(t.Context(), t.TempDir(), h.URL, code, filepath.Join(t.TempDir(), "missing.pem")); err == nil {
		t.Fatal("missing CA file accepted")
	}
	dir := t.TempDir()
	e, err := Enroll(t.Context(), dir, h.URL, code, caFile)
	if err != nil {
		t.Fatal(err)
	}
	if e.CAFile != caFile {
		t.Fatalf("CA file not stored: %+v", e)
	}
	k := &kiosk{dir: dir, enr: e}
	k.log = openLog(t, dir)
	k.fill(t, 50)
	if err := New(Config{DataDir: dir, Log: k.log, Health: health}).SyncNow(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	h.caFile = caFile // the admin API is HTTPS too
	if n := h.plays(); n != 50 {
		t.Fatalf("hub holds %d plays", n)
	}
}
