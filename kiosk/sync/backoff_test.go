package sync

import (
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	tests := []struct {
		n      int
		r      float64
		want   time.Duration
		wantLo time.Duration
	}{
		{1, 0, 5 * time.Second, 0},
		{2, 0, 10 * time.Second, 0},
		{3, 0, 20 * time.Second, 0},
		{8, 0, 640 * time.Second, 0},
		{9, 0, 15 * time.Minute, 0},
		{1000, 0, 15 * time.Minute, 0},
		{1, 0.999, 0, 4 * time.Second},
		{1000, 0.999, 0, 12 * time.Minute},
	}
	for _, tc := range tests {
		got := Backoff(tc.n, tc.r)
		if tc.want != 0 && got != tc.want {
			t.Errorf("Backoff(%d, %v) = %v, want %v", tc.n, tc.r, got, tc.want)
		}
		if tc.wantLo != 0 && (got < tc.wantLo || got > Backoff(tc.n, 0)) {
			t.Errorf("Backoff(%d, %v) = %v, want in [%v, %v]", tc.n, tc.r, got, tc.wantLo, Backoff(tc.n, 0))
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		h    string
		want time.Duration
	}{
		{"", 0},
		{"30", 30 * time.Second},
		{" 7 ", 7 * time.Second},
		{"-5", 0},
		{"soon", 0},
		{"Sun, 29 Nov 2026 10:02:00 GMT", 2 * time.Minute},
		{"Sun, 29 Nov 2026 09:02:00 GMT", 0},
		{"999999", MaxRetryAfter},
		{"10000000000000", MaxRetryAfter},
	}
	for _, tc := range tests {
		if got := parseRetryAfter(tc.h, now); got != tc.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tc.h, got, tc.want)
		}
	}
}

// FuzzParseRetryAfter: any header the hub (or a proxy) sends gives a wait
// between 0 and MaxRetryAfter, never a panic.
func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"", "30", "-1", "Sun, 29 Nov 2026 10:02:00 GMT", "1e9", "99999999999999999999"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, h string) {
		if d := parseRetryAfter(h, now); d < 0 || d > MaxRetryAfter {
			t.Fatalf("parseRetryAfter(%q) = %v", h, d)
		}
	})
}
