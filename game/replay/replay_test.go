package replay

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/playhall/playhall/game"
)

func sample() *Replay {
	return &Replay{
		Header: Header{Format: Format, Version: Version, ContentVersion: "472aacab23badf73", Level: "shooter_adult",
			Mode: "shooter", Band: "junior", Seed: 42, Canvas: [2]float64{1920, 1080}, Ticks: 500, Hash: "00112233445566ff"},
		Input: []Tick{
			{Tick: 3, Events: []game.PointerEvent{{Kind: game.Down, ID: 0, X: 960.125, Y: 540}, {Kind: game.Up, ID: 0, X: 960.125, Y: 540}}},
			{Tick: 4, Events: []game.PointerEvent{{Kind: game.Move, ID: 12, X: 0.1 + 0.2, Y: -3}}},
			{Tick: 499, Events: []game.PointerEvent{{Kind: game.Down, ID: 1, X: 1e-300, Y: 1919.9999999999998}}},
		},
	}
}

func TestRoundTrip(t *testing.T) {
	for _, zip := range []bool{false, true} {
		var b bytes.Buffer
		if err := Write(&b, sample(), zip); err != nil {
			t.Fatal(err)
		}
		got, err := Read(&b)
		if err != nil {
			t.Fatalf("zip %v: %v", zip, err)
		}
		if !reflect.DeepEqual(got, sample()) {
			t.Fatalf("zip %v: got %+v", zip, got)
		}
	}
}

func TestPlainFileIsSmallText(t *testing.T) {
	var b bytes.Buffer
	Write(&b, sample(), false)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 4 || lines[1] != "3 d0 960.125 540 u0 960.125 540" || !strings.HasPrefix(lines[0], `{"format":"playhall-replay","version":1,`) {
		t.Fatalf("file:\n%s", b.String())
	}
}

func TestReadErrors(t *testing.T) {
	head := `{"format":"playhall-replay","version":1,"content_version":"c","level":"l","mode":"shooter","band":"junior","seed":1,"canvas":[1920,1080],"ticks":100,"hash":"0011223344556677"}`
	cases := []struct {
		name, file string
		want       error
		msg        string
	}{
		{"empty", "", ErrFormat, "empty file"},
		{"not json", "hello\n", ErrFormat, "line 1"},
		{"other format", strings.Replace(head, "playhall-replay", "aaaaxy", 1), ErrFormat, "format"},
		{"newer version", strings.Replace(head, `"version":1`, `"version":2`, 1), ErrVersion, "line 1: version 2"},
		{"unknown key", strings.Replace(head, `"seed":1`, `"seed":1,"name":"Li Lei"`, 1), ErrFormat, "name"},
		{"bad mode", strings.Replace(head, `"shooter"`, `"racing"`, 1), ErrFormat, "mode"},
		{"bad canvas", strings.Replace(head, `[1920,1080]`, `[0,0]`, 1), ErrFormat, "canvas"},
		{"bad hash", strings.Replace(head, `0011223344556677`, `xyz`, 1), ErrFormat, "hash"},
		{"no content version", strings.Replace(head, `"content_version":"c"`, `"content_version":""`, 1), ErrFormat, "content_version"},
		{"too many ticks", strings.Replace(head, `"ticks":100`, `"ticks":99999999`, 1), ErrFormat, "ticks"},
		{"short line", head + "\n5 d0 1\n", ErrFormat, "line 2"},
		{"bad kind", head + "\n5 x0 1 2\n", ErrFormat, "line 2: event 1: kind"},
		{"bad id", head + "\n5 d-1 1 2\n", ErrFormat, "pointer id"},
		{"nan", head + "\n5 d0 NaN 2\n", ErrFormat, "x:"},
		{"huge coord", head + "\n5 d0 1 1e9\n", ErrFormat, "y:"},
		{"ticks out of order", head + "\n5 d0 1 2\n5 u0 1 2\n", ErrFormat, "line 3: tick 5 does not follow"},
		{"tick beyond header", head + "\n100 d0 1 2\n", ErrFormat, "beyond"},
		{"bad gzip", "\x1f\x8b\x00garbage", ErrFormat, "gzip"},
		{"line too long", head + "\n5 d0 1 2\n" + strings.Repeat("9", maxLine+1) + "\n", ErrFormat, "line 3: bufio.Scanner: token too long"},
	}
	for _, c := range cases {
		_, err := Read(strings.NewReader(c.file))
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: err %v, want %v mentioning %q", c.name, err, c.want, c.msg)
		}
	}
}

func TestCheckContentVersion(t *testing.T) {
	r := sample()
	if err := r.Check("472aacab23badf73"); err != nil {
		t.Fatal(err)
	}
	err := r.Check("ffffffffffffffff")
	if !errors.Is(err, ErrContentVersion) || !strings.Contains(err.Error(), "472aacab23badf73") || !strings.Contains(err.Error(), "ffffffffffffffff") {
		t.Fatalf("%v", err)
	}
}

type fakeGame struct{ tick int }

func (f *fakeGame) Step([]game.PointerEvent) { f.tick++ }
func (f *fakeGame) Events() []game.Event     { return nil }
func (f *fakeGame) Done() bool               { return false }
func (f *fakeGame) Hash() uint64             { return 0 }
func (f *fakeGame) Tick() int                { return f.tick }

func TestSourceAndRecorder(t *testing.T) {
	r := sample()
	rec := &Recorder{Src: r.Source(), Replay: &Replay{}}
	g := &fakeGame{}
	var buf []game.PointerEvent
	for g.tick < r.Ticks {
		buf = rec.Next(g, buf)
		g.Step(buf)
	}
	if !reflect.DeepEqual(rec.Replay.Input, r.Input) {
		t.Fatalf("recorded %+v", rec.Replay.Input)
	}
}

func FuzzRead(f *testing.F) {
	var b bytes.Buffer
	Write(&b, sample(), false)
	f.Add(b.Bytes())
	b.Reset()
	Write(&b, sample(), true)
	f.Add(b.Bytes())
	f.Add([]byte("{}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Read(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrFormat) && !errors.Is(err, ErrVersion) {
				t.Fatalf("error outside the sentinels: %v", err)
			}
			return
		}
		// whatever reads must write and read back identically
		var out bytes.Buffer
		if err := Write(&out, r, false); err != nil {
			t.Fatal(err)
		}
		r2, err := Read(&out)
		if err != nil {
			t.Fatalf("re-read: %v", err)
		}
		if !reflect.DeepEqual(r, r2) {
			t.Fatalf("round trip differs")
		}
	})
}
