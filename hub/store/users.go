package store

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/crypto/bcrypt"
)

// Roles.
const (
	RoleOffice = "office"
	RoleAdmin  = "admin"
	RoleKiosk  = "kiosk"
)

// User is an office or admin account. Hash is a bcrypt hash.
type User struct {
	Name    string    `json:"name"`
	Role    string    `json:"role"`
	Hash    []byte    `json:"hash,omitempty"`
	Created time.Time `json:"created"`
}

// Token is what a bearer token hash resolves to: a user or a kiosk.
type Token struct {
	Role    string    `json:"role"` // RoleKiosk, or the user's role at issue time (re-read on use)
	Subject string    `json:"subject"`
	Created time.Time `json:"created"`
}

var userName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$`)

// HashPassword bcrypt-hashes a password (8–72 bytes).
func HashPassword(pw string) ([]byte, error) {
	if len(pw) < 8 || len(pw) > 72 {
		return nil, fmt.Errorf("%w: password must be 8–72 bytes", ErrBadInput)
	}
	return bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
}

// AddUser adds or replaces a user whose password hash was made by
// HashPassword (so a CLI can hash before handing it to a running hub).
// Replacing a user (a new password or role) ends its sessions in the same
// transaction; its bearer tokens stay and take the new role.
func (s *Store) AddUser(name, role string, hash []byte) error {
	if !userName.MatchString(name) {
		return fmt.Errorf("%w: user name %q must be 1–64 letters, digits, _ . @ or -", ErrBadInput, name)
	}
	if role != RoleOffice && role != RoleAdmin {
		return fmt.Errorf("%w: role %q is not office or admin", ErrBadInput, role)
	}
	if _, err := bcrypt.Cost(hash); err != nil {
		return fmt.Errorf("%w: password hash is not bcrypt", ErrBadInput)
	}
	u := User{Name: name, Role: role, Hash: hash, Created: s.Now().UTC()}
	b, _ := json.Marshal(u)
	return s.db.Update(func(tx *bolt.Tx) error {
		if err := dropUserSessions(tx, name); err != nil {
			return err
		}
		return tx.Bucket(bUsers).Put([]byte(name), b)
	})
}

// Users lists users without their hashes.
func (s *Store) Users() ([]User, error) {
	var out []User
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bUsers).ForEach(func(k, v []byte) error {
			var u User
			if err := json.Unmarshal(v, &u); err != nil {
				return err
			}
			u.Hash = nil
			out = append(out, u)
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, err
}

// User returns a user (with hash).
func (s *Store) User(name string) (User, error) {
	var u User
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bUsers).Get([]byte(name))
		if v == nil {
			return fmt.Errorf("user %q: %w", name, ErrNotFound)
		}
		return json.Unmarshal(v, &u)
	})
	return u, err
}

// CheckPassword returns the user when name and password match. It spends
// one bcrypt comparison even for unknown users, so timing reveals nothing.
func (s *Store) CheckPassword(name, pw string) (User, bool) {
	u, err := s.User(name)
	hash := u.Hash
	if err != nil {
		hash = dummyHash
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(pw)) != nil || err != nil {
		return User{}, false
	}
	return u, true
}

var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("playhall-no-such-user"), bcrypt.DefaultCost)

// NewSecret returns 32 random bytes as 64 hex digits.
func NewSecret() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

func tokenKey(tok string) []byte {
	h := sha256.Sum256([]byte(tok))
	return h[:]
}

// AddUserToken issues a bearer token for an existing user. The token is
// returned once; only its SHA-256 is stored.
func (s *Store) AddUserToken(name string) (string, error) {
	tok := NewSecret()
	err := s.db.Update(func(tx *bolt.Tx) error {
		v := tx.Bucket(bUsers).Get([]byte(name))
		if v == nil {
			return fmt.Errorf("user %q: %w (add it with: hub user add --data DIR %s --role office)", name, ErrNotFound, name)
		}
		var u User
		if err := json.Unmarshal(v, &u); err != nil {
			return err
		}
		b, _ := json.Marshal(Token{Role: u.Role, Subject: name, Created: s.Now().UTC()})
		return tx.Bucket(bTokens).Put(tokenKey(tok), b)
	})
	if err != nil {
		return "", err
	}
	return tok, nil
}

// Principal is who a credential belongs to.
type Principal struct {
	Role    string `json:"role"` // RoleKiosk, RoleOffice or RoleAdmin
	Subject string `json:"user"` // user name or kiosk id
}

// Authenticate resolves a bearer token. A kiosk token of a revoked kiosk or
// a user token of a deleted user fails with ErrRevoked / ErrNotFound. A
// user's role is read afresh, so changing a role applies to old tokens.
func (s *Store) Authenticate(tok string) (Principal, error) {
	var p Principal
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bTokens).Get(tokenKey(tok))
		if v == nil {
			return ErrNotFound
		}
		var t Token
		if err := json.Unmarshal(v, &t); err != nil {
			return err
		}
		if t.Role == RoleKiosk {
			kv := tx.Bucket(bKiosks).Get([]byte(t.Subject))
			var k Kiosk
			if kv == nil || json.Unmarshal(kv, &k) != nil {
				return ErrNotFound
			}
			if k.Revoked {
				return ErrRevoked
			}
			p = Principal{Role: RoleKiosk, Subject: t.Subject}
			return nil
		}
		uv := tx.Bucket(bUsers).Get([]byte(t.Subject))
		var u User
		if uv == nil || json.Unmarshal(uv, &u) != nil {
			return ErrNotFound
		}
		p = Principal{Role: u.Role, Subject: u.Name}
		return nil
	})
	return p, err
}

// ErrLastAdmin refuses to delete the only remaining admin account.
var ErrLastAdmin = errors.New("the last admin cannot be deleted (add another admin first)")

// DeleteUser removes user name, every bearer token issued to it and its
// sessions, in one transaction (so a user added again later under the same
// name gets none of the old tokens or sessions back). It fails with
// ErrNotFound for an unknown name and ErrLastAdmin when name is the only
// admin; then nothing changes.
func (s *Store) DeleteUser(name string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		ub := tx.Bucket(bUsers)
		v := ub.Get([]byte(name))
		if v == nil {
			return fmt.Errorf("user %q: %w", name, ErrNotFound)
		}
		var u User
		if err := json.Unmarshal(v, &u); err != nil {
			return err
		}
		if u.Role == RoleAdmin {
			admins := 0
			err := ub.ForEach(func(_, v []byte) error {
				var o User
				if json.Unmarshal(v, &o) == nil && o.Role == RoleAdmin {
					admins++
				}
				return nil
			})
			if err != nil {
				return err
			}
			if admins <= 1 {
				return fmt.Errorf("user %q: %w", name, ErrLastAdmin)
			}
		}
		tb := tx.Bucket(bTokens)
		var drop [][]byte
		err := tb.ForEach(func(k, v []byte) error {
			var t Token
			if json.Unmarshal(v, &t) == nil && t.Role != RoleKiosk && t.Subject == name {
				drop = append(drop, append([]byte(nil), k...))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range drop {
			if err := tb.Delete(k); err != nil {
				return err
			}
		}
		if err := dropUserSessions(tx, name); err != nil {
			return err
		}
		return ub.Delete([]byte(name))
	})
}
