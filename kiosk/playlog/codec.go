package playlog

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"

	"github.com/playhall/playhall/record"
)

// FormatVersion is the version byte that starts every stored value. A value
// with another first byte is reported by Check and never decoded blindly.
const FormatVersion byte = 1

// ErrChecksum means a stored value's CRC32C does not match its bytes.
var ErrChecksum = errors.New("playlog: record checksum mismatch")

// ErrFormat means a stored value is too short or has an unknown version byte.
var ErrFormat = errors.New("playlog: unknown record format")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// encodeValue lays out a stored value: version byte, JSON payload, then the
// CRC32C (big-endian) of the version byte and payload.
func encodeValue(v any) ([]byte, error) {
	payload, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 0, 1+len(payload)+4)
	buf = append(buf, FormatVersion)
	buf = append(buf, payload...)
	return binary.BigEndian.AppendUint32(buf, crc32.Checksum(buf, castagnoli)), nil
}

// valuePayload checks a stored value's version and checksum and returns the
// payload. The result aliases b (bbolt memory): copy or decode it before the
// transaction ends.
func valuePayload(b []byte) ([]byte, error) {
	if len(b) < 1+4 {
		return nil, fmt.Errorf("%w: %d bytes", ErrFormat, len(b))
	}
	if b[0] != FormatVersion {
		return nil, fmt.Errorf("%w: version byte %d", ErrFormat, b[0])
	}
	body, sum := b[:len(b)-4], binary.BigEndian.Uint32(b[len(b)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return nil, ErrChecksum
	}
	return body[1:], nil
}

// decodeEntry checks and decodes a stored record.
func decodeEntry(b []byte) (record.Entry, error) {
	var e record.Entry
	p, err := valuePayload(b)
	if err != nil {
		return e, err
	}
	if err := json.Unmarshal(p, &e); err != nil {
		return e, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if (e.Kind == record.KindPlay) != (e.Play != nil) || (e.Kind == record.KindVisit) != (e.Visit != nil) {
		return e, fmt.Errorf("%w: kind %q does not match its body", ErrFormat, e.Kind)
	}
	return e, nil
}

func seqKey(seq uint64) []byte { return binary.BigEndian.AppendUint64(nil, seq) }

func keySeq(k []byte) uint64 {
	if len(k) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(k)
}
