package sync

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Retry timing.
const (
	BackoffMin        = 5 * time.Second
	BackoffMax        = 15 * time.Minute
	UnauthorizedRetry = time.Hour // after 401/403: the token was revoked; try rarely
	IdlePoll          = time.Minute
	MaxRetryAfter     = time.Hour // a larger Retry-After is clamped
)

// Backoff returns the wait after the n-th consecutive failure (n ≥ 1):
// 5 s, 10 s, 20 s … doubling up to 15 min, then shortened by a random
// 0–20 % (r in [0,1)) so kiosks that lost the hub together do not return
// together. It never gives up: every n has a finite wait.
func Backoff(n int, r float64) time.Duration {
	d := BackoffMin
	for i := 1; i < n && d < BackoffMax; i++ {
		d *= 2
	}
	d = min(d, BackoffMax)
	return d - time.Duration(r*0.2*float64(d))
}

// parseRetryAfter reads a Retry-After header: delay seconds or an HTTP date.
// It returns 0 when absent or unreadable, and at most MaxRetryAfter.
func parseRetryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	var d time.Duration
	if n, err := strconv.Atoi(h); err == nil {
		if n > int(MaxRetryAfter/time.Second) {
			return MaxRetryAfter // also keeps n × 1 s from overflowing
		}
		d = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(h); err == nil {
		d = t.Sub(now)
	}
	if d < 0 {
		return 0
	}
	return min(d, MaxRetryAfter)
}
