package server

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"sync"
	"time"
)

// limiter is an in-memory token bucket per key. Keys for client addresses
// are keyed hashes (HMAC-SHA256 with a secret made at start and never
// stored), so neither memory dumps of old keys nor the disk hold addresses.
// Idle buckets expire. Safe for concurrent use.
type limiter struct {
	mu      sync.Mutex
	rate    float64 // tokens per second
	burst   float64
	buckets map[string]*bucket
	secret  []byte
	now     func() time.Time
	sweepAt time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(perSecond float64, burst int) *limiter {
	sec := make([]byte, 32)
	if _, err := rand.Read(sec); err != nil {
		panic(err)
	}
	return &limiter{rate: perSecond, burst: float64(burst), buckets: map[string]*bucket{}, secret: sec, now: time.Now}
}

// hashKey returns the keyed hash of a client address.
func (l *limiter) hashKey(addr string) string {
	m := hmac.New(sha256.New, l.secret)
	m.Write([]byte(addr))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// allow takes one token for key. When none is left it returns false and
// how long until one is.
func (l *limiter) allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if now.After(l.sweepAt) {
		l.sweep(now)
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	return false, wait
}

// sweep drops buckets that have refilled completely (they hold nothing a
// fresh bucket would not).
func (l *limiter) sweep(now time.Time) {
	full := time.Duration(l.burst / l.rate * float64(time.Second))
	for k, b := range l.buckets {
		if now.Sub(b.last) > full {
			delete(l.buckets, k)
		}
	}
	l.sweepAt = now.Add(time.Minute)
}
