package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/playhall/playhall/levels"
)

func ptr[T any](v T) *T { return &v }

func fullOverrides() Overrides {
	return Overrides{
		Volume:     ptr(0.6),
		QuietHours: ptr(false),
		Playlist:   map[string][]string{"junior": {"sort_junior"}, "adult": {"shooter_adult", "sort_junior"}},
		Visit:      &VisitPicks{Day: "2026-11-30", Grade: "初二", Class: 3, Students: 42},
	}
}

func TestOverridesSaveLoadRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, OverridesFile)
	want := fullOverrides()
	if err := SaveOverrides(path, want); err != nil {
		t.Fatal(err)
	}
	got, err := LoadOverrides(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("loaded %+v, saved %+v", got, want)
	}
	b, _ := os.ReadFile(path)
	for _, s := range []string{"# Staff-menu settings", "format = 1", "volume = 0.6", "quiet_hours = false", "junior = [\"sort_junior\"]", "grade = \"初二\""} {
		if !strings.Contains(string(b), s) {
			t.Errorf("file lacks %q:\n%s", s, b)
		}
	}
	// A second save replaces the first completely and leaves no temp file.
	second := Overrides{Volume: ptr(0.3)}
	if err := SaveOverrides(path, second); err != nil {
		t.Fatal(err)
	}
	got, err = LoadOverrides(path)
	if err != nil || !reflect.DeepEqual(got, second) {
		t.Fatalf("after second save: %+v, %v", got, err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 || ents[0].Name() != OverridesFile {
		t.Fatalf("folder holds %v, want only %s", ents, OverridesFile)
	}
}

func TestOverridesMissingFileIsNone(t *testing.T) {
	o, err := LoadOverrides(filepath.Join(t.TempDir(), OverridesFile))
	if err != nil || !o.Empty() {
		t.Fatalf("missing file: %+v, %v", o, err)
	}
}

func TestOverridesSaveEmptyRemovesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), OverridesFile)
	if err := SaveOverrides(path, fullOverrides()); err != nil {
		t.Fatal(err)
	}
	if err := SaveOverrides(path, Overrides{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("reset left the file: %v", err)
	}
	if err := SaveOverrides(path, Overrides{}); err != nil {
		t.Fatalf("second reset: %v", err)
	}
}

func TestOverridesSaveIntoMissingFolderFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gone", OverridesFile)
	if err := SaveOverrides(path, fullOverrides()); err == nil {
		t.Fatal("save into a missing folder succeeded")
	}
}

func TestOverridesUnreadableIsNotBad(t *testing.T) {
	path := filepath.Join(t.TempDir(), OverridesFile)
	if err := os.Mkdir(path, 0o755); err != nil { // a folder where the file should be
		t.Fatal(err)
	}
	_, err := LoadOverrides(path)
	if err == nil || errors.Is(err, ErrBadOverrides) {
		t.Fatalf("unreadable file: %v, want a read error", err)
	}
}

func TestOverridesCorrupt(t *testing.T) {
	cases := []struct {
		name, data, want string
	}{
		{"garbage", "\x00\x01\xffvolume = ", ":1:"},
		{"truncated", "format = 1\n[playlist]\njunior = [\"sort_j", ":3:"},
		{"no format", "volume = 0.5\n", "format 0 is not one"},
		{"newer format", "format = 2\nvolume = 0.5\n", ":1:1: format 2"},
		{"unknown key", "format = 1\nvolume = 0.5\nbrightness = 3\n", ":3:1: unknown key \"brightness\""},
		{"volume range", "format = 1\nvolume = 3\n", ":2:1: volume 3 must be"},
		{"volume type", "format = 1\nvolume = \"loud\"\n", ":2:"},
		{"band", "format = 1\n[playlist]\ntoddler = [\"x\"]\n", ":3:1: \"toddler\" is not a band"},
		{"empty playlist", "format = 1\n[playlist]\njunior = []\n", ":3:1: playlist.junior must list"},
		{"visit day", "format = 1\n[visit]\nday = \"monday\"\ngrade = \"初二\"\nclass = 3\nstudents = 40\n", ":3:1: day \"monday\""},
		{"visit students", "format = 1\n[visit]\nday = \"2026-11-30\"\ngrade = \"初二\"\nclass = 3\nstudents = 0\n", ":6:1: students 0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), OverridesFile)
			if err := os.WriteFile(path, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			o, err := LoadOverrides(path)
			if !errors.Is(err, ErrBadOverrides) {
				t.Fatalf("err %v, want ErrBadOverrides", err)
			}
			if !o.Empty() {
				t.Errorf("a bad file gave overrides %+v", o)
			}
			if !strings.Contains(err.Error(), path+tc.want) && !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %q lacks %q", err, tc.want)
			}
			if !strings.Contains(err.Error(), path+":") {
				t.Errorf("err %q has no path:line:column", err)
			}
		})
	}
}

func TestSetAsideOverrides(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, OverridesFile)
	os.WriteFile(path, []byte("junk ="), 0o644)
	bad, err := SetAsideOverrides(path)
	if err != nil {
		t.Fatal(err)
	}
	if bad != filepath.Join(dir, "settings.bad.toml") {
		t.Fatalf("set aside as %s", bad)
	}
	if b, _ := os.ReadFile(bad); string(b) != "junk =" {
		t.Fatalf("set-aside copy holds %q", b)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the bad file is still in place: %v", err)
	}
}

func TestOverridesResolve(t *testing.T) {
	pack, err := levels.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := Default()
	c.Language.Bands = []string{"primary", "junior", "senior"} // adult no longer offered
	o := Overrides{
		Volume: ptr(0.5),
		Playlist: map[string][]string{
			"junior":  {"retired_level", "sort_junior"}, // first no longer in the pack
			"senior":  {"shooter_primary"},              // a level for another band
			"primary": {"shooter_primary"},              // fine
			"adult":   {"shooter_adult"},                // band dropped from kiosk.toml
		},
		Visit: &VisitPicks{Day: "2026-11-29", Grade: "初二", Class: 3, Students: 40},
	}
	orig := o.Clone()
	got, notes := o.Resolve(c, pack, "2026-11-30")
	want := Overrides{Volume: ptr(0.5), Playlist: map[string][]string{"junior": {"sort_junior"}, "primary": {"shooter_primary"}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("resolved %+v\nwant %+v", got, want)
	}
	if !reflect.DeepEqual(o, orig) {
		t.Fatal("Resolve changed its receiver")
	}
	wantNotes := []string{
		"playlist.adult dropped: kiosk.toml no longer offers band adult",
		`playlist.junior: level "retired_level" dropped`,
		`playlist.senior: level "shooter_primary" dropped`,
		"visit pickers of 2026-11-29 dropped",
	}
	if len(notes) != len(wantNotes) {
		t.Fatalf("notes %q, want %d", notes, len(wantNotes))
	}
	for i, w := range wantNotes {
		if !strings.HasPrefix(notes[i], w) {
			t.Errorf("note %d %q, want prefix %q", i, notes[i], w)
		}
	}

	// The same day keeps the visit picks; a nil pack drops no level.
	got, notes = orig.Resolve(Default(), nil, "2026-11-29")
	if got.Visit == nil || len(got.Playlist) != 4 || len(notes) != 0 {
		t.Fatalf("same day, no pack: %+v %q", got, notes)
	}
	// Everything stale leaves no playlist at all.
	got, _ = Overrides{Playlist: map[string][]string{"junior": {"gone"}}}.Resolve(Default(), pack, "2026-11-30")
	if !got.Empty() {
		t.Fatalf("all stale: %+v, want empty", got)
	}
}

func FuzzParseOverrides(f *testing.F) {
	for _, o := range []Overrides{fullOverrides(), {Volume: ptr(0.0)}, {QuietHours: ptr(true)}} {
		b, err := MarshalOverrides(o)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("format = 1\n[playlist]\njunior = []\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		o, err := ParseOverrides("s.toml", b)
		if err != nil {
			if !errors.Is(err, ErrBadOverrides) || !strings.Contains(err.Error(), "s.toml:") {
				t.Fatalf("error without ErrBadOverrides or position: %v", err)
			}
			if !o.Empty() {
				t.Fatalf("bad file gave %+v", o)
			}
			return
		}
		// Whatever parses writes back to the same overrides.
		out, err := MarshalOverrides(o)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseOverrides("s.toml", out)
		if err != nil || !reflect.DeepEqual(again, o) {
			t.Fatalf("round trip: %+v → %q → %+v, %v", o, out, again, err)
		}
	})
}

// BenchmarkSaveOverrides is the cost of one staff change reaching the disk
// (write, two fsyncs, rename): why the kiosk saves off the game loop.
func BenchmarkSaveOverrides(b *testing.B) {
	path := filepath.Join(b.TempDir(), OverridesFile)
	o := fullOverrides()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		v := float64(i%100) / 100
		o.Volume = &v
		if err := SaveOverrides(path, o); err != nil {
			b.Fatal(err)
		}
	}
}
