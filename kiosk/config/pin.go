package config

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// PIN rules: 4–8 digits.
const (
	MinPINLen = 4
	MaxPINLen = 8
	// DefaultPIN opens the staff menu while kiosk.toml has no pin_hash. The
	// kiosk logs a warning at start so staff set their own.
	DefaultPIN = "0000"
)

// ErrBadPIN says a PIN is not 4–8 digits.
var ErrBadPIN = errors.New("a PIN is 4–8 digits")

// ValidPIN reports whether pin is 4–8 ASCII digits.
func ValidPIN(pin string) error {
	if len(pin) < MinPINLen || len(pin) > MaxPINLen {
		return ErrBadPIN
	}
	for _, c := range pin {
		if c < '0' || c > '9' {
			return ErrBadPIN
		}
	}
	return nil
}

// HashPIN returns the bcrypt hash kiosk.toml stores for pin. It costs about
// 50 ms; call it from tools, not from a frame.
func HashPIN(pin string) (string, error) {
	if err := ValidPIN(pin); err != nil {
		return "", err
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pin), bcrypt.DefaultCost)
	if err != nil {
		return "", err
	}
	return string(h), nil
}

// ParsePINHash checks that h looks like a bcrypt hash and returns its cost.
func ParsePINHash(h string) (int, error) {
	cost, err := bcrypt.Cost([]byte(h))
	if err != nil {
		return 0, fmt.Errorf("pin_hash is not a bcrypt hash")
	}
	return cost, nil
}

// CheckPIN reports whether pin matches hash. With an empty hash only
// DefaultPIN matches. It costs as much as HashPIN: run it off the game loop.
func CheckPIN(hash, pin string) bool {
	if hash == "" {
		return pin == DefaultPIN
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pin)) == nil
}

// WritePINHash sets staff.pin_hash in the kiosk.toml at path, keeping every
// other line and comment as it is: it replaces an existing pin_hash line in
// [staff], or adds one under [staff], or appends a [staff] table. The file is
// replaced atomically and checked with Load afterwards.
func WritePINHash(path, hash string) error {
	b, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	lines := strings.Split(string(b), "\n")
	entry := fmt.Sprintf("pin_hash = %q", hash)
	table, staffAt, done := "", -1, false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "[") {
			table = strings.Join(splitKey(strings.Trim(t[:strings.Index(t+"]", "]")], "[] ")), ".")
			if table == "staff" {
				staffAt = i
			}
			continue
		}
		if table == "staff" && strings.HasPrefix(t, "pin_hash") {
			if k, _, ok := strings.Cut(t, "="); ok && strings.TrimSpace(k) == "pin_hash" {
				lines[i] = entry
				done = true
				break
			}
		}
	}
	if !done {
		if staffAt >= 0 {
			lines = append(lines[:staffAt+1], append([]string{entry}, lines[staffAt+1:]...)...)
		} else {
			if len(lines) > 0 && lines[len(lines)-1] == "" {
				lines = lines[:len(lines)-1]
			}
			lines = append(lines, "", "[staff]", entry, "")
		}
	}
	out := strings.Join(lines, "\n")
	if _, err := Parse(path, []byte(out)); err != nil {
		return fmt.Errorf("kiosk.toml would not load after setting the PIN: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(out), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
