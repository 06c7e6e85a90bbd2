package replay

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/playhall/playhall/game"
)

// Write writes r as text (gzipped when zip is true). It fills Format and
// Version; the rest of the header is the caller's.
func Write(w io.Writer, r *Replay, zip bool) error {
	var gz *gzip.Writer
	if zip {
		gz = gzip.NewWriter(w)
		w = gz
	}
	bw := bufio.NewWriter(w)
	h := r.Header
	h.Format, h.Version = Format, Version
	hb, err := json.Marshal(&h)
	if err != nil {
		return err
	}
	bw.Write(hb)
	bw.WriteByte('\n')
	var line []byte
	for _, t := range r.Input {
		line = strconv.AppendInt(line[:0], int64(t.Tick), 10)
		for _, e := range t.Events {
			line = append(line, ' ', "?dmu"[min(int(e.Kind), 3)])
			line = strconv.AppendInt(line, int64(e.ID), 10)
			line = append(line, ' ')
			line = strconv.AppendFloat(line, e.X, 'g', -1, 64)
			line = append(line, ' ')
			line = strconv.AppendFloat(line, e.Y, 'g', -1, 64)
		}
		line = append(line, '\n')
		bw.Write(line)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if gz != nil {
		return gz.Close()
	}
	return nil
}

// Read parses a replay (plain or gzipped). Every problem is an ErrFormat or
// ErrVersion error that names the line. Read never panics on bad input and
// bounds what it keeps by the Max constants.
func Read(rd io.Reader) (*Replay, error) {
	br := bufio.NewReader(rd)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%w: gzip: %v", ErrFormat, err)
		}
		defer gz.Close()
		br = bufio.NewReader(io.LimitReader(gz, 256<<20))
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%w: line 1: %v", ErrFormat, err)
		}
		return nil, fmt.Errorf("%w: empty file", ErrFormat)
	}
	r := &Replay{}
	dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r.Header); err != nil {
		return nil, fmt.Errorf("%w: line 1: header: %v", ErrFormat, err)
	}
	if err := r.Header.check(); err != nil {
		return nil, err
	}
	last, total, n := -1, 0, 1
	for sc.Scan() {
		n++
		t, err := parseTick(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("%w: line %d: %v", ErrFormat, n, err)
		}
		if t.Tick <= last {
			return nil, fmt.Errorf("%w: line %d: tick %d does not follow tick %d", ErrFormat, n, t.Tick, last)
		}
		if t.Tick >= r.Ticks {
			return nil, fmt.Errorf("%w: line %d: tick %d beyond the header's %d ticks", ErrFormat, n, t.Tick, r.Ticks)
		}
		if total += len(t.Events); total > MaxEvents {
			return nil, fmt.Errorf("%w: line %d: more than %d events", ErrFormat, n, MaxEvents)
		}
		last = t.Tick
		r.Input = append(r.Input, t)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: line %d: %v", ErrFormat, n+1, err)
	}
	return r, nil
}

func (h *Header) check() error {
	switch {
	case h.Format != Format:
		return fmt.Errorf("%w: line 1: format %q is not %q", ErrFormat, h.Format, Format)
	case h.Version != Version:
		return fmt.Errorf("%w: line 1: version %d (this build reads %d)", ErrVersion, h.Version, Version)
	case h.ContentVersion == "":
		return fmt.Errorf("%w: line 1: content_version missing", ErrFormat)
	case h.Level == "":
		return fmt.Errorf("%w: line 1: level missing", ErrFormat)
	case h.Mode != "shooter" && h.Mode != "sort":
		return fmt.Errorf("%w: line 1: mode %q is not shooter or sort", ErrFormat, h.Mode)
	case h.Ticks < 0 || h.Ticks > MaxTicks:
		return fmt.Errorf("%w: line 1: ticks %d out of range 0–%d", ErrFormat, h.Ticks, MaxTicks)
	case !(game.Canvas{W: h.Canvas[0], H: h.Canvas[1]}).Valid():
		return fmt.Errorf("%w: line 1: canvas %gx%g out of range", ErrFormat, h.Canvas[0], h.Canvas[1])
	case len(h.Hash) != 16 || strings.Trim(h.Hash, "0123456789abcdef") != "":
		return fmt.Errorf("%w: line 1: hash %q is not 16 lowercase hex digits", ErrFormat, h.Hash)
	}
	return nil
}

func parseTick(s string) (Tick, error) {
	f := strings.Fields(s)
	if len(f) < 4 || (len(f)-1)%3 != 0 {
		return Tick{}, fmt.Errorf("want a tick and groups of kind+id x y, got %d fields", len(f))
	}
	n, err := strconv.Atoi(f[0])
	if err != nil || n < 0 || n >= MaxTicks {
		return Tick{}, fmt.Errorf("tick %q is not a number in 0–%d", f[0], MaxTicks-1)
	}
	k := (len(f) - 1) / 3
	if k > MaxEventsPerTick {
		return Tick{}, fmt.Errorf("%d events in one tick (at most %d)", k, MaxEventsPerTick)
	}
	t := Tick{Tick: n, Events: make([]game.PointerEvent, k)}
	for i := range k {
		g := f[1+3*i : 4+3*i]
		e := &t.Events[i]
		switch g[0][0] {
		case 'd':
			e.Kind = game.Down
		case 'm':
			e.Kind = game.Move
		case 'u':
			e.Kind = game.Up
		default:
			return Tick{}, fmt.Errorf("event %d: kind %q is not d, m or u", i+1, g[0][:1])
		}
		id, err := strconv.Atoi(g[0][1:])
		if err != nil || id < 0 || id > MaxPointerID {
			return Tick{}, fmt.Errorf("event %d: pointer id %q is not a number in 0–%d", i+1, g[0][1:], MaxPointerID)
		}
		e.ID = id
		if e.X, err = coord(g[1]); err != nil {
			return Tick{}, fmt.Errorf("event %d: x: %v", i+1, err)
		}
		if e.Y, err = coord(g[2]); err != nil {
			return Tick{}, fmt.Errorf("event %d: y: %v", i+1, err)
		}
	}
	return t, nil
}

func coord(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.Abs(v) > MaxCoord {
		return 0, fmt.Errorf("%q is not a number within ±%g", s, MaxCoord)
	}
	return v, nil
}
