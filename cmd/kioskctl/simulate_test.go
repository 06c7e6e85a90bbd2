package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playhall/playhall/internal/testbin"
	"github.com/playhall/playhall/kiosk/playlog"
	"github.com/playhall/playhall/record"
)

func simulate(t *testing.T, args ...string) (simSummary, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runSimulate(args, &out, &errb)
	var s simSummary
	if code == 0 && strings.Contains(strings.Join(args, " "), "--json") {
		if err := json.Unmarshal(out.Bytes(), &s); err != nil {
			t.Fatalf("bad JSON %q: %v", out.String(), err)
		}
	}
	return s, out.String() + errb.String(), code
}

func TestSimulateSummary(t *testing.T) {
	a, _, code := simulate(t, "--plays", "40", "--seed", "3", "--json")
	if code != 0 {
		t.Fatal(code)
	}
	b, _, _ := simulate(t, "--plays", "40", "--seed", "3", "--json")
	c, _, _ := simulate(t, "--plays", "40", "--seed", "4", "--json")
	if a.StateHash == "" || a.StateHash != b.StateHash || a.StateHash == c.StateHash {
		t.Fatalf("hashes: seed 3 %s and %s, seed 4 %s", a.StateHash, b.StateHash, c.StateHash)
	}
	if a.Plays != 40 || a.PlaysPerSecond <= 0 || a.GameSeconds <= 0 || a.ContentVersion == "" {
		t.Fatalf("%+v", a)
	}
	sum := 0
	for _, n := range a.ByReason {
		sum += n
	}
	if sum != 40 || len(a.ByLevel) < 2 {
		t.Fatalf("by_reason %v by_level %v", a.ByReason, a.ByLevel)
	}
}

func TestSimulateFlags(t *testing.T) {
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--plays", "0"}, 2, "--plays 0"},
		{[]string{"--band", "toddler"}, 2, "--band"},
		{[]string{"--skill", "godlike"}, 2, "--skill"},
		{[]string{"--level", "nope"}, 2, `--level "nope"`},
		{[]string{"--bogus"}, 2, "bogus"},
		{[]string{"extra"}, 2, "unexpected argument"},
		{[]string{"--levels", "/nonexistent/pack"}, 1, "/nonexistent/pack"},
		{[]string{"--plays", "3", "--band", "adult", "--skill", "expert", "--portrait"}, 0, "3 plays"},
		{[]string{"--help"}, 0, "usage: kioskctl simulate"},
	}
	for _, c := range cases {
		_, out, code := simulate(t, c.args...)
		if code != c.code || !strings.Contains(out, c.msg) {
			t.Errorf("%v: exit %d, output %q; want %d mentioning %q", c.args, code, out, c.code, c.msg)
		}
	}
	var out bytes.Buffer
	if runSimulate([]string{"--plays", "0", "--json"}, &out, &out) != 2 || !strings.Contains(out.String(), `{"error":`) {
		t.Errorf("--json errors must be JSON: %q", out.String())
	}
}

// TestSimulateIntoPlayLog runs the real binary with --data and reads the
// play log back.
func TestSimulateIntoPlayLog(t *testing.T) {
	bin, err := testbin.Path("kioskctl")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out, err := exec.Command(bin, "simulate", "--plays", "25", "--seed", "9", "--data", dir, "--json").CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	var s simSummary
	if err := json.Unmarshal(out, &s); err != nil || s.Logged != 25 {
		t.Fatalf("%v: %s", err, out)
	}
	log, err := playlog.Open(dir, playlog.Options{Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	n, score := 0, 0
	err = log.Each(func(e record.Entry) error {
		if e.Play == nil {
			return nil
		}
		n++
		score += e.Play.Score
		if e.Play.Source != record.SourceSimulated || e.Play.ContentVersion != s.ContentVersion {
			t.Errorf("play %+v", e.Play)
		}
		if err := e.Play.Validate(); err != nil && !strings.Contains(err.Error(), "kiosk_id") {
			t.Errorf("stored play invalid: %v", err)
		}
		return nil
	})
	if err != nil || n != 25 {
		t.Fatalf("%d plays in the log (%v)", n, err)
	}
	if want := int(s.MeanScore*25 + 0.5); score != want {
		t.Fatalf("logged scores sum %d, summary says %d", score, want)
	}
}

func TestSimulateVerify(t *testing.T) {
	// the goldens are recorded on a snapshot pack kept next to them
	_, out, code := simulate(t, "--verify", "../../game/testdata/shooter-portrait-adult-expert.replay", "--levels", "../../game/testdata/pack")
	if code != 0 || !strings.Contains(out, "ok, boss_caught") {
		t.Fatalf("exit %d: %s", code, out)
	}
	// the same file on other content is refused, not replayed
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../game/testdata/pack")); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "story.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\n# edited\n")
	f.Close()
	_, out, code = simulate(t, "--verify", "../../game/testdata/shooter-portrait-adult-expert.replay", "--levels", dir)
	if code != 1 || !strings.Contains(out, "another content version") {
		t.Fatalf("exit %d: %s", code, out)
	}
	_, out, code = simulate(t, "--verify", "/nonexistent.replay")
	if code != 1 || !strings.Contains(out, "nonexistent") {
		t.Fatalf("exit %d: %s", code, out)
	}
}
