package playlog

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"testing"

	berrors "go.etcd.io/bbolt/errors"

	"github.com/playhall/playhall/record"
)

func TestCodecRoundTripAndDamage(t *testing.T) {
	p := play(3)
	p.ID = NewID()
	v, err := encodeValue(record.Entry{Seq: 7, Kind: record.KindPlay, Play: &p})
	if err != nil {
		t.Fatal(err)
	}
	e, err := decodeEntry(v)
	if err != nil || e.Seq != 7 || e.Play.ID != p.ID || e.Play.Items[0].Seized != 2 {
		t.Fatalf("round trip: %+v %v", e, err)
	}
	tests := []struct {
		name string
		mod  func([]byte) []byte
		want error
	}{
		{"flipped payload bit", func(b []byte) []byte { b[10] ^= 4; return b }, ErrChecksum},
		{"flipped checksum", func(b []byte) []byte { b[len(b)-1] ^= 1; return b }, ErrChecksum},
		{"truncated", func(b []byte) []byte { return b[:len(b)-3] }, ErrChecksum},
		{"too short", func(b []byte) []byte { return b[:3] }, ErrFormat},
		{"future version", func(b []byte) []byte { b[0] = 9; return b }, ErrFormat},
	}
	for _, tc := range tests {
		b := tc.mod(append([]byte(nil), v...))
		if _, err := decodeEntry(b); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
}

// FuzzDecodeEntry feeds arbitrary stored bytes (a damaged disk) to the
// decoder: it must return an entry or an error, never panic, and whatever it
// accepts must re-encode to a value it accepts again.
func FuzzDecodeEntry(f *testing.F) {
	p := play(1)
	p.ID = NewID()
	good, _ := encodeValue(record.Entry{Seq: 1, Kind: record.KindPlay, Play: &p})
	f.Add(good)
	f.Add([]byte{1, '{', '}', 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := decodeEntry(b)
		if err != nil {
			return
		}
		again, err := encodeValue(e)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := decodeEntry(again); err != nil {
			t.Fatalf("accepted value does not survive a round trip: %v", err)
		}
	})
}

func TestIsDiskFull(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{&os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, true},
		{fmt.Errorf("file resize error: %s", syscall.ENOSPC), true},
		{berrors.ErrMaxSizeReached, true},
		{fmt.Errorf("wrapped: %w", berrors.ErrMaxSizeReached), true},
		{errors.New("There is not enough space on the disk."), true},
		{syscall.EIO, false},
		{errors.New("input/output error"), false},
	}
	for _, tc := range tests {
		if got := isDiskFull(tc.err); got != tc.want {
			t.Errorf("isDiskFull(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
