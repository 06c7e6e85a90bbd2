package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrSessionExpired is returned for a session that existed but whose
// expiry has passed (it is deleted by the lookup that finds it so).
var ErrSessionExpired = errors.New("session expired")

// SessionSlide is the least time between two writes that slide one
// session's expiry: a lookup less than SessionSlide after the last
// extension writes nothing, so a busy browser costs one bbolt write a
// minute, not one per request. A session therefore ends between ttl −
// SessionSlide and ttl after its last use.
const SessionSlide = time.Minute

// Session is a logged-in browser: whose it is, the secret its unsafe
// requests must echo (X-CSRF-Token) and when it ends unless used again.
// The store keeps it under the SHA-256 of the session id (the cookie's
// value), like bearer tokens, so a copy of hub.db holds no usable cookie.
type Session struct {
	User    string    `json:"user"`
	Role    string    `json:"role"`
	CSRF    string    `json:"csrf"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires"`
}

// CreateSession starts a session for user name, valid for ttl from now,
// and returns its id (64 hex digits, shown only now) and state. The role
// is read from the user record in the same transaction; ErrNotFound when
// the user is gone. Expired sessions are purged in the same transaction
// (logins are rare and rate-limited, so the scan is paid rarely).
func (s *Store) CreateSession(name string, ttl time.Duration, now time.Time) (string, Session, error) {
	id := NewSecret()
	var ss Session
	err := s.db.Update(func(tx *bolt.Tx) error {
		v := tx.Bucket(bUsers).Get([]byte(name))
		var u User
		if v == nil || json.Unmarshal(v, &u) != nil {
			return fmt.Errorf("user %q: %w", name, ErrNotFound)
		}
		if _, err := purgeSessions(tx, now); err != nil {
			return err
		}
		ss = Session{User: u.Name, Role: u.Role, CSRF: NewSecret()[:32], Created: now.UTC(), Expires: now.Add(ttl).UTC()}
		b, _ := json.Marshal(ss)
		return tx.Bucket(bSessions).Put(tokenKey(id), b)
	})
	if err != nil {
		return "", Session{}, err
	}
	return id, ss, nil
}

// LookupSession returns the session id names if it has not expired at now
// and its user still exists with the same role, and slides its expiry to
// now+ttl when the last extension is more than SessionSlide old. It fails
// with ErrNotFound (unknown id, or its user deleted or changed since) or
// ErrSessionExpired; a dead session found by the lookup is deleted. The
// common case is one read transaction and no write.
func (s *Store) LookupSession(id string, ttl time.Duration, now time.Time) (Session, error) {
	key := tokenKey(id)
	var ss Session
	var dead error
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		ss, dead, err = readSession(tx, key, now)
		return err
	})
	switch {
	case err != nil:
		return Session{}, err
	case dead != nil:
		if err := s.DeleteSession(id); err != nil {
			return Session{}, err
		}
		return Session{}, dead
	case now.Add(ttl).Sub(ss.Expires) <= SessionSlide:
		return ss, nil
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		var err error
		if ss, dead, err = readSession(tx, key, now); err != nil || dead != nil {
			return err // ended between the two transactions: nothing to slide
		}
		ss.Expires = now.Add(ttl).UTC()
		b, _ := json.Marshal(ss)
		return tx.Bucket(bSessions).Put(key, b)
	})
	if err == nil && dead != nil {
		err = dead
	}
	if err != nil {
		return Session{}, err
	}
	return ss, nil
}

// readSession reads the session stored under key. dead is ErrNotFound or
// ErrSessionExpired when the session may not be used (err is for storage
// faults only).
func readSession(tx *bolt.Tx, key []byte, now time.Time) (ss Session, dead, err error) {
	v := tx.Bucket(bSessions).Get(key)
	if v == nil {
		return ss, ErrNotFound, nil
	}
	if err := json.Unmarshal(v, &ss); err != nil {
		return ss, nil, fmt.Errorf("store: session record: %w", err)
	}
	if now.After(ss.Expires) {
		return ss, ErrSessionExpired, nil
	}
	uv := tx.Bucket(bUsers).Get([]byte(ss.User))
	var u User
	if uv == nil || json.Unmarshal(uv, &u) != nil || u.Role != ss.Role {
		return ss, ErrNotFound, nil
	}
	return ss, nil, nil
}

// DeleteSession ends the session id names (logout). An unknown id is not
// an error.
func (s *Store) DeleteSession(id string) error {
	return s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bSessions).Delete(tokenKey(id)) })
}

// PurgeSessions deletes every session expired at now and returns how many
// it deleted. It scans every session (a handful per office user).
func (s *Store) PurgeSessions(now time.Time) (int, error) {
	var n int
	err := s.db.Update(func(tx *bolt.Tx) error {
		var err error
		n, err = purgeSessions(tx, now)
		return err
	})
	return n, err
}

// SessionCount is how many sessions are stored, expired or not.
func (s *Store) SessionCount() int {
	var n int
	s.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bSessions).Stats().KeyN
		return nil
	})
	return n
}

func purgeSessions(tx *bolt.Tx, now time.Time) (int, error) {
	return dropSessions(tx, func(ss *Session) bool { return now.After(ss.Expires) })
}

// dropUserSessions deletes every session of user name inside tx.
func dropUserSessions(tx *bolt.Tx, name string) error {
	_, err := dropSessions(tx, func(ss *Session) bool { return ss.User == name })
	return err
}

// dropSessions deletes the sessions drop selects (and any record that does
// not decode) and returns how many it deleted.
func dropSessions(tx *bolt.Tx, drop func(*Session) bool) (int, error) {
	b := tx.Bucket(bSessions)
	var keys [][]byte
	err := b.ForEach(func(k, v []byte) error {
		var ss Session
		if json.Unmarshal(v, &ss) != nil || drop(&ss) {
			keys = append(keys, append([]byte(nil), k...))
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(keys), nil
}
