package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playhall/playhall/internal/testbin"
	"github.com/playhall/playhall/kiosk/config"
)

func TestPINSetWritesHash(t *testing.T) {
	bin, err := testbin.Path("kioskctl")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "kiosk.toml")
	os.WriteFile(path, []byte("[kiosk]\nname = \"hall-1\" # keep me\n"), 0o600)
	cases := []struct {
		stdin string
		ok    bool
	}{
		{"12\n", false},
		{"12ab\n", false},
		{"4826\n", true},
	}
	for _, tc := range cases {
		cmd := exec.Command(bin, "pin", "set", "--config", path, "--pin-stdin")
		cmd.Stdin = strings.NewReader(tc.stdin)
		out, err := cmd.CombinedOutput()
		if (err == nil) != tc.ok {
			t.Fatalf("pin %q: err=%v out=%s", tc.stdin, err, out)
		}
	}
	c, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !config.CheckPIN(c.Staff.PINHash, "4826") || config.CheckPIN(c.Staff.PINHash, "0000") {
		t.Fatal("the written hash does not check 4826 only")
	}
	if b, _ := os.ReadFile(path); !strings.Contains(string(b), "# keep me") {
		t.Fatal("comment lost")
	}
}
