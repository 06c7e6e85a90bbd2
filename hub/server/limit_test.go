package server

import (
	"strings"
	"testing"
	"time"
)

func TestLimiterKeyedHashAndExpiry(t *testing.T) {
	now := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	l := newLimiter(1, 2) // 1 per second, burst 2
	l.now = func() time.Time { return now }
	k := l.hashKey("192.0.2.7")
	if strings.Contains(k, "192") || len(k) != 32 || k == newLimiter(1, 2).hashKey("192.0.2.7") {
		t.Fatalf("key %q is not a keyed hash unique to this limiter", k)
	}
	for i, want := range []bool{true, true, false} {
		if ok, wait := l.allow(k); ok != want || (!ok && wait != time.Second) {
			t.Fatalf("request %d: %v %v", i, ok, wait)
		}
	}
	now = now.Add(1500 * time.Millisecond)
	if ok, _ := l.allow(k); !ok {
		t.Fatal("not refilled")
	}
	// Idle buckets go once they would be full again.
	now = now.Add(2 * time.Minute)
	l.allow(l.hashKey("198.51.100.1"))
	l.mu.Lock()
	_, stale := l.buckets[k]
	n := len(l.buckets)
	l.mu.Unlock()
	if stale || n != 1 {
		t.Fatalf("after sweep: %d buckets, old one kept %v", n, stale)
	}
}
