// Package clocktest is a manual clock for tests of the play log and sync
// client: time moves only when the test calls Advance or Set, so nothing
// sleeps and nothing is timed.
package clocktest

import (
	"sort"
	"sync"
	"time"
)

// Clock is a manual playlog.Clock. The zero value is not usable; call New.
type Clock struct {
	mu      sync.Mutex
	now     time.Time
	mono    time.Duration // elapsed time; timers use it, like Go's monotonic clock
	waiters []waiter
	blocked chan struct{} // signalled whenever a waiter is added
}

type waiter struct {
	at time.Duration
	ch chan time.Time
}

// New returns a clock set to t.
func New(t time.Time) *Clock { return &Clock{now: t, blocked: make(chan struct{}, 1)} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// After returns a channel that receives once the clock has been advanced by d.
func (c *Clock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.waiters = append(c.waiters, waiter{c.mono + d, ch})
	select {
	case c.blocked <- struct{}{}:
	default:
	}
	return ch
}

// Waiting is signalled (at most one pending signal) each time someone calls
// After; a test receives from it to know a goroutine is now waiting.
func (c *Clock) Waiting() <-chan struct{} { return c.blocked }

// Pending returns the durations from now of every outstanding After, sorted.
func (c *Clock) Pending() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	var ds []time.Duration
	for _, w := range c.waiters {
		ds = append(ds, w.at-c.mono)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds
}

// Advance moves the clock forward by d and fires every After that is due.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	c.mono += d
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if w.at <= c.mono {
			w.ch <- c.now
		} else {
			kept = append(kept, w)
		}
	}
	c.waiters = kept
}

// Set changes the wall time only, as when someone sets the system clock:
// like Go's monotonic timers, pending After channels are not affected.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}
