package store

import (
	"bytes"
	"errors"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/crypto/bcrypt"
)

const ttl = 12 * time.Hour

func sessionStore(t testing.TB) *Store {
	st, err := Open(t.TempDir(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	hash, err := bcryptMin("a-long-password")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range [][2]string{{"root", RoleAdmin}, {"li", RoleOffice}} {
		if err := st.AddUser(u[0], u[1], hash); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// bcryptMin hashes pw at bcrypt's lowest cost (the tests need a valid
// hash, not a slow one).
func bcryptMin(pw string) ([]byte, error) {
	return bcrypt.GenerateFromPassword([]byte(pw), bcrypt.MinCost)
}

// writes is how many pages bbolt has written so far: unchanged across a
// call means the call committed no write transaction.
func writes(st *Store) int64 { s := st.db.Stats(); return s.TxStats.GetWrite() }

// TestSessionSlidesAtMostOncePerMinute: a lookup within SessionSlide of the
// last extension writes nothing and leaves the expiry; a later one moves it
// to now+ttl; past the expiry the lookup fails with ErrSessionExpired and
// deletes the session.
func TestSessionSlidesAtMostOncePerMinute(t *testing.T) {
	st := sessionStore(t)
	t0 := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	id, ss, err := st.CreateSession("li", ttl, t0)
	if err != nil || ss.User != "li" || ss.Role != RoleOffice || len(ss.CSRF) != 32 || !ss.Expires.Equal(t0.Add(ttl)) {
		t.Fatalf("create: %+v %v", ss, err)
	}
	w := writes(st)
	got, err := st.LookupSession(id, ttl, t0.Add(59*time.Second))
	if err != nil || got.CSRF != ss.CSRF || !got.Expires.Equal(t0.Add(ttl)) {
		t.Fatalf("lookup after 59 s: %+v %v", got, err)
	}
	if writes(st) != w {
		t.Errorf("a lookup 59 s after the last extension wrote to the database")
	}
	t1 := t0.Add(61 * time.Second)
	if got, err = st.LookupSession(id, ttl, t1); err != nil || !got.Expires.Equal(t1.Add(ttl)) {
		t.Fatalf("lookup after 61 s: %+v %v", got, err)
	}
	if writes(st) == w {
		t.Errorf("a lookup 61 s after the last extension did not write the new expiry")
	}
	if got, err = st.LookupSession(id, ttl, t1.Add(ttl)); err != nil { // the last instant
		t.Fatalf("lookup at the expiry: %+v %v", got, err)
	}
	id2, _, _ := st.CreateSession("li", ttl, t1)
	if _, err := st.LookupSession(id2, ttl, t1.Add(ttl+time.Nanosecond)); !errors.Is(err, ErrSessionExpired) {
		t.Errorf("lookup past the expiry: %v", err)
	}
	if _, err := st.LookupSession(id2, ttl, t1); !errors.Is(err, ErrNotFound) {
		t.Errorf("an expired session is still stored after the lookup refused it: %v", err)
	}
	if _, err := st.LookupSession("no-such-session", ttl, t1); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
}

// TestSessionStoredHashed: the bucket's key is the SHA-256 of the id and
// the id appears nowhere in the stored record.
func TestSessionStoredHashed(t *testing.T) {
	st := sessionStore(t)
	id, _, err := st.CreateSession("root", ttl, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	st.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bSessions).ForEach(func(k, v []byte) error {
			if !bytes.Equal(k, tokenKey(id)) || bytes.Contains(k, []byte(id)) || bytes.Contains(v, []byte(id)) {
				t.Errorf("session stored as %x → %s; id %s", k, v, id)
			}
			return nil
		})
	})
	if n := st.SessionCount(); n != 1 {
		t.Errorf("%d sessions", n)
	}
}

// TestSessionsEndWithTheirUser: deleting a user, replacing it (new role or
// password) and logging out end its sessions and only its; a session for
// an unknown user is refused; PurgeSessions deletes exactly the expired.
func TestSessionsEndWithTheirUser(t *testing.T) {
	st := sessionStore(t)
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	if _, _, err := st.CreateSession("nobody", ttl, now); !errors.Is(err, ErrNotFound) {
		t.Errorf("session for an unknown user: %v", err)
	}
	hash, _ := bcryptMin("another-password")
	li, _, _ := st.CreateSession("li", ttl, now)
	root, _, _ := st.CreateSession("root", ttl, now)
	if err := st.AddUser("li", RoleAdmin, hash); err != nil {
		t.Fatal(err)
	}
	if _, err := st.LookupSession(li, ttl, now); !errors.Is(err, ErrNotFound) {
		t.Errorf("session after its user's role changed: %v", err)
	}
	if err := st.AddUser("root", RoleAdmin, hash); err != nil { // same role, new password
		t.Fatal(err)
	}
	if _, err := st.LookupSession(root, ttl, now); !errors.Is(err, ErrNotFound) {
		t.Errorf("session after its user's password changed: %v", err)
	}
	root, _, _ = st.CreateSession("root", ttl, now)
	li, _, _ = st.CreateSession("li", ttl, now)
	if err := st.DeleteUser("li"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.LookupSession(li, ttl, now); !errors.Is(err, ErrNotFound) {
		t.Errorf("session after its user was deleted: %v", err)
	}
	if err := st.AddUser("li", RoleAdmin, hash); err != nil {
		t.Fatal(err)
	}
	if _, err := st.LookupSession(li, ttl, now); !errors.Is(err, ErrNotFound) {
		t.Errorf("old session after the name was added again: %v", err)
	}
	if ss, err := st.LookupSession(root, ttl, now); err != nil || ss.User != "root" {
		t.Errorf("another user's session: %+v %v", ss, err)
	}
	if err := st.DeleteSession(root); err != nil {
		t.Fatal(err)
	}
	if _, err := st.LookupSession(root, ttl, now); !errors.Is(err, ErrNotFound) {
		t.Errorf("session after DeleteSession: %v", err)
	}

	st.CreateSession("root", time.Hour, now)
	keep, _, _ := st.CreateSession("root", 3*time.Hour, now)
	if n, err := st.PurgeSessions(now.Add(2 * time.Hour)); n != 1 || err != nil {
		t.Errorf("purge: %d %v, want 1", n, err)
	}
	if _, err := st.LookupSession(keep, time.Hour, now.Add(2*time.Hour)); err != nil || st.SessionCount() != 1 {
		t.Errorf("unexpired session after the purge: %v (%d stored)", err, st.SessionCount())
	}
}

// BenchmarkLookupSession is the cost a cookie adds to every request when
// the expiry does not need to move (one read transaction).
func BenchmarkLookupSession(b *testing.B) {
	st := sessionStore(b)
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	id, _, err := st.CreateSession("li", ttl, now)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := st.LookupSession(id, ttl, now.Add(time.Second)); err != nil {
			b.Fatal(err)
		}
	}
}
