package store

import (
	"encoding/binary"
	"errors"
	"math"
	"time"

	"github.com/playhall/playhall/record"
)

// The raw play records the hub keeps are stored in a compact binary form
// (about a quarter of their JSON size, and several times faster to write),
// so ingest writes fewer pages. Format version 1:
//
//	version byte, then fields in record.Play order: strings and byte
//	slices as uvarint length + bytes, integers as varints, Start as unix
//	minutes, Duration as float64 bits, booleans as one byte; Items and
//	Answers as a uvarint count followed by their fields.
const playCodecV1 = 1

var errCodec = errors.New("stored play: bad encoding")

// AppendPlay appends p's binary form to b.
func AppendPlay(b []byte, p *record.Play) []byte {
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	num := func(n int) { b = binary.AppendVarint(b, int64(n)) }
	flag := func(x bool) {
		if x {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	b = append(b, playCodecV1)
	str(p.ID)
	str(p.KioskID)
	str(string(p.Source))
	str(p.ContentVersion)
	str(p.AppVersion)
	b = binary.AppendVarint(b, p.Start.Unix()/60)
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(p.Duration))
	str(p.Band)
	str(p.Lang)
	str(p.VisitGroup)
	str(p.Level)
	str(p.Mode)
	str(string(p.End))
	num(p.Score)
	num(p.Arrests)
	flag(p.BossCaught)
	b = binary.AppendUvarint(b, uint64(len(p.Items)))
	for _, it := range p.Items {
		str(it.ID)
		str(it.Kind)
		num(it.Seen)
		num(it.Seized)
		num(it.Missed)
		num(it.FalseAlarms)
	}
	b = binary.AppendUvarint(b, uint64(len(p.Answers)))
	for _, a := range p.Answers {
		str(a.Question)
		str(a.Phase)
		num(a.Choice)
		flag(a.Correct)
	}
	return b
}

// DecodePlay reads what AppendPlay wrote.
func DecodePlay(b []byte) (*record.Play, error) {
	if len(b) == 0 || b[0] != playCodecV1 {
		return nil, errCodec
	}
	b = b[1:]
	bad := false
	str := func() string {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			bad = true
			return ""
		}
		s := string(b[k : k+int(n)])
		b = b[k+int(n):]
		return s
	}
	num := func() int {
		n, k := binary.Varint(b)
		if k <= 0 {
			bad = true
			return 0
		}
		b = b[k:]
		return int(n)
	}
	count := func() int {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > 1000 {
			bad = true
			return 0
		}
		b = b[k:]
		return int(n)
	}
	flag := func() bool {
		if len(b) == 0 {
			bad = true
			return false
		}
		x := b[0] == 1
		b = b[1:]
		return x
	}
	p := &record.Play{ID: str(), KioskID: str(), Source: record.Source(str()), ContentVersion: str(), AppVersion: str()}
	p.Start = time.Unix(int64(num())*60, 0).UTC()
	if len(b) < 8 {
		return nil, errCodec
	}
	p.Duration = math.Float64frombits(binary.BigEndian.Uint64(b))
	b = b[8:]
	p.Band, p.Lang, p.VisitGroup, p.Level, p.Mode, p.End = str(), str(), str(), str(), str(), record.End(str())
	p.Score, p.Arrests, p.BossCaught = num(), num(), flag()
	for n := count(); n > 0 && !bad; n-- {
		p.Items = append(p.Items, record.ItemOutcome{ID: str(), Kind: str(), Seen: num(), Seized: num(), Missed: num(), FalseAlarms: num()})
	}
	for n := count(); n > 0 && !bad; n-- {
		p.Answers = append(p.Answers, record.Answer{Question: str(), Phase: str(), Choice: num(), Correct: flag()})
	}
	if bad || len(b) != 0 {
		return nil, errCodec
	}
	return p, nil
}
