package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDeployedFileLoadsToDefaults(t *testing.T) {
	c, err := Load("../../deploy/kiosk.toml")
	if err != nil {
		t.Fatal(err)
	}
	d := Default()
	d.Path = c.Path
	d.Screen.Fullscreen = true // a deployed kiosk runs in kiosk mode
	c.Playlist = nil
	c.Sound.QuietHours, c.Hours.Open, c.Hours.Days = nil, nil, nil
	if !reflect.DeepEqual(c, d) {
		t.Fatalf("deploy/kiosk.toml differs from Default():\n%+v\n%+v", c, d)
	}
}

// Every key of Config appears (documented) in deploy/kiosk.toml.
func TestDeployedFileDocumentsEveryKey(t *testing.T) {
	b, err := os.ReadFile("../../deploy/kiosk.toml")
	if err != nil {
		t.Fatal(err)
	}
	pos := scanKeys(b)
	var walk func(prefix string, typ reflect.Type)
	walk = func(prefix string, typ reflect.Type) {
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			tag := f.Tag.Get("toml")
			if tag == "" || tag == "-" {
				continue
			}
			key := tag
			if prefix != "" {
				key = prefix + "." + tag
			}
			if !pos.has(key) {
				t.Errorf("key %s is not in deploy/kiosk.toml", key)
			}
			if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeOf(Duration{}) {
				walk(key, f.Type)
			}
		}
	}
	walk("", reflect.TypeOf(Config{}))
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, file, want string
	}{
		{"unknown key", "[kiosk]\nname = \"a\"\nnmae = \"b\"\n", "k.toml:3:1: unknown key \"kiosk.nmae\""},
		{"unknown table", "\n\n[sond]\n  volume = 1\n", "k.toml:3:1: unknown key \"sond\""},
		{"syntax", "[kiosk]\nname = \n", "k.toml:2:"},
		{"wrong type", "[sound]\nvolume = \"loud\"\n", "k.toml:2:"},
		{"volume range", "[sound]\n\nvolume = 1.5\n", "k.toml:3:1: volume 1.5 must be between 0 and 1"},
		{"bad duration", "[timeouts]\nplay_idle = \"soon\"\n", "k.toml:2:"},
		{"duration range", "[timeouts]\nplay_idle = \"1s\"\n", "k.toml:2:1: 1s must be between"},
		{"orientation", "[screen]\norientation = \"sideways\"\n", "k.toml:2:1: orientation \"sideways\""},
		{"language default", "[language]\nlanguages = [\"en\"]\ndefault = \"zh\"\n", "k.toml:3:1: default \"zh\""},
		{"band", "[language]\nbands = [\n  \"primary\",\n  \"toddler\",\n]\n", "k.toml:2:1: band \"toddler\""},
		{"span", "[hours]\nopen = [\"8-5\"]\n", "k.toml:2:"},
		{"day", "[hours]\ndays = [\"monday\"]\n", "k.toml:2:1: day \"monday\""},
		{"hub url", "[hub]\nurl = \"ftp://x\"\n", "k.toml:2:1: url"},
		{"pin hash", "[staff]\npin_hash = \"1234\"\n", "k.toml:2:1: pin_hash is not a bcrypt hash"},
		{"playlist band", "[playlist]\ntoddler = [\"a\"]\n", "k.toml:2:1: playlist.toddler"},
		{"playlist empty", "[playlist]\nprimary = []\n", "k.toml:2:1: playlist.primary must list"},
		{"dotted", "kiosk.nam = \"x\"\n", "k.toml:1:1: unknown key \"kiosk.nam\""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("k.toml", []byte(tc.file))
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if !errors.Is(err, ErrConfig) {
				t.Errorf("error %v does not wrap ErrConfig", err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got %q, want prefix %q", err, tc.want)
			}
		})
	}
}

func TestParseValues(t *testing.T) {
	c, err := Parse("k.toml", []byte(`
[kiosk]
name = "展厅一号"
school = "sch-01"
[timeouts]
play_idle = "1m"
[sound]
quiet_hours = ["12:00-13:30"]
quiet_volume = 0.2
[hours]
open = ["08:30-17:30", "22:00-02:00"]
days = ["mon", "sat"]
[playlist]
primary = ["l1", "l2"]
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Timeouts.PlayIdle.Duration != time.Minute || c.Timeouts.MenuIdle.Duration != 20*time.Second {
		t.Errorf("timeouts %+v", c.Timeouts)
	}
	if got := c.Playlist["primary"]; len(got) != 2 {
		t.Errorf("playlist %v", c.Playlist)
	}
	mon := time.Date(2026, 11, 30, 9, 0, 0, 0, time.Local) // a Monday
	cases := []struct {
		at   time.Time
		open bool
		vol  float64
	}{
		{mon, true, 0.8},
		{mon.Add(3*time.Hour + 30*time.Minute), true, 0.2}, // 12:30 quiet
		{mon.Add(-2 * time.Hour), false, 0.8},              // 07:00
		{mon.Add(14 * time.Hour), true, 0.8},               // 23:00
		{mon.Add(24 * time.Hour), false, 0.8},              // Tuesday
	}
	for _, tc := range cases {
		if got := c.Hours.IsOpen(tc.at); got != tc.open {
			t.Errorf("IsOpen(%s) = %v", tc.at, got)
		}
		if got := c.Sound.VolumeAt(tc.at); got != tc.vol {
			t.Errorf("VolumeAt(%s) = %v", tc.at, got)
		}
	}
}

func TestPIN(t *testing.T) {
	if !CheckPIN("", DefaultPIN) || CheckPIN("", "1234") {
		t.Fatal("empty hash must accept only the default PIN")
	}
	for _, bad := range []string{"", "123", "123456789", "12a4"} {
		if _, err := HashPIN(bad); !errors.Is(err, ErrBadPIN) {
			t.Errorf("HashPIN(%q) = %v", bad, err)
		}
	}
	h, err := HashPIN("2468")
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPIN(h, "2468") || CheckPIN(h, "2469") {
		t.Fatal("CheckPIN")
	}
	dir := t.TempDir()
	cases := map[string]string{
		"replace": "[kiosk]\nname = \"x\" # keep\n[staff]\npin_hash = \"\"\ntaps = 4\n",
		"add":     "[staff]\ntaps = 4\n",
		"append":  "# only a comment\n[kiosk]\nname = \"x\"\n",
		"missing": "",
	}
	for name, body := range cases {
		p := filepath.Join(dir, name+".toml")
		if name != "missing" {
			os.WriteFile(p, []byte(body), 0o600)
		}
		if err := WritePINHash(p, h); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		c, err := Load(p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if c.Staff.PINHash != h {
			t.Errorf("%s: hash not written", name)
		}
		out, _ := os.ReadFile(p)
		if strings.Contains(body, "# keep") && !strings.Contains(string(out), "# keep") {
			t.Errorf("%s: comment lost", name)
		}
		if strings.Contains(body, "taps = 4") && c.Staff.Taps != 4 {
			t.Errorf("%s: other key lost", name)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("[kiosk]\nname = \"a\"\n"))
	f.Add([]byte("[hours]\nopen = [\"08:00-17:00\"]\n"))
	f.Add([]byte("[timeouts]\nplay_idle = \"45s\"\n[x]\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Parse("f.toml", b)
		if err == nil && c == nil {
			t.Fatal("nil config without error")
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Line < 1 || e.Col < 1 {
				t.Fatalf("error without position: %v", err)
			}
		}
	})
}
