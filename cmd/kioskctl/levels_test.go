package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playhall/playhall/internal/testbin"
)

// runKioskctl runs the real kioskctl binary and returns stdout, stderr and
// the exit code.
func runKioskctl(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	bin, err := testbin.Path("kioskctl")
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return out.String(), errb.String(), 0
	case errors.As(err, &ee):
		return out.String(), errb.String(), ee.ExitCode()
	}
	t.Fatal(err)
	return "", "", -1
}

// copyMinimal copies the levels package's minimal test pack into a new
// folder and returns it.
func copyMinimal(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "..", "levels", "testdata", "minimal")
	dir := t.TempDir()
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLevelsCheckDefault(t *testing.T) {
	out, errOut, code := runKioskctl(t, "levels", "check")
	if code != 0 || !strings.HasPrefix(out, "ok: version ") || errOut != "" {
		t.Fatalf("check of the built-in pack: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

func TestLevelsCheckBroken(t *testing.T) {
	dir := copyMinimal(t)
	edit := func(name, old, new string) {
		p := filepath.Join(dir, name)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("levels.toml", "health = 3", "health = 99")
	edit("lookalikes.toml", `resembles = "meth"`, `resembles = "cocaine"`)
	edit("drugs.toml", `name = { zh = "冰毒", en = "Meth" }`, `name = { zh = "冰毒", en = "Meth" }`+"\ncolour = \"red\"")
	edit("story.toml", `pledge = { zh = "远离毒品。", en = "Stay away from drugs." }`, `pledge = { zh = "远离毒品。" }`)
	out, errOut, code := runKioskctl(t, "levels", "check", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	d := filepath.ToSlash(dir)
	want := []string{
		d + `/drugs.toml:5:1: unknown key "colour" in drug (expected one of: id, name, category, icon, looks, harm, harm_by_band, cue, refuse, legal, sources)`,
		d + `/levels.toml:11:3: level.difficulty.health: expected 1 to 10, found 99`,
		d + `/lookalikes.toml:3:1: lookalike.resembles: no drug has id "cocaine"`,
		d + `/story.toml:3:1: warning: story.pledge.en: missing: no English text, the Chinese is shown instead`,
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), out)
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d:\n got %s\nwant %s", i+1, lines[i], w)
		}
	}
	if !strings.Contains(errOut, "3 error(s), 1 warning(s)") {
		t.Errorf("stderr summary: %q", errOut)
	}

	// Warnings alone do not fail.
	dir2 := copyMinimal(t)
	p := filepath.Join(dir2, "story.toml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), `, en = "Stay away from drugs."`, "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code = runKioskctl(t, "levels", "check", dir2)
	if code != 0 || !strings.Contains(out, "story.toml:3:1: warning: story.pledge.en") || !strings.Contains(out, "ok: version") {
		t.Fatalf("warnings only: exit %d\n%s", code, out)
	}

	if _, _, code := runKioskctl(t, "levels", "check", filepath.Join(dir, "missing")); code != 1 {
		t.Errorf("missing folder: exit %d, want 1", code)
	}
	if _, _, code := runKioskctl(t, "levels", "frobnicate"); code != 2 {
		t.Errorf("unknown subcommand: exit %d, want 2", code)
	}
}

func TestLevelsListJSON(t *testing.T) {
	out, errOut, code := runKioskctl(t, "levels", "list", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Version string `json:"version"`
		Drugs   []struct {
			ID       string   `json:"id"`
			NameZh   string   `json:"name_zh"`
			Category string   `json:"category"`
			Sources  []string `json:"sources"`
		} `json:"drugs"`
		Lookalikes []struct {
			ID        string `json:"id"`
			NameZh    string `json:"name_zh"`
			Resembles string `json:"resembles"`
		} `json:"lookalikes"`
		Questions []struct {
			ID      string   `json:"id"`
			Bands   []string `json:"bands"`
			PrePlay *bool    `json:"pre_play"`
		} `json:"questions"`
		Levels []struct {
			ID    string   `json:"id"`
			Mode  string   `json:"mode"`
			Bands []string `json:"bands"`
		} `json:"levels"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(got.Version) != 16 || len(got.Drugs) < 20 || len(got.Lookalikes) < 8 || len(got.Questions) < 40 || len(got.Levels) < 5 {
		t.Fatalf("listing too small: %d drugs %d look-alikes %d questions %d levels", len(got.Drugs), len(got.Lookalikes), len(got.Questions), len(got.Levels))
	}
	// The field names the issue fixes are present.
	for _, key := range []string{`"name_zh": "冰毒"`, `"name_en": "Meth (\"ice\")"`, `"category": "synthetic"`, `"resembles": "meth"`, `"pre_play": true`, `"mode": "sort"`, `"sources": [`} {
		if !strings.Contains(out, key) {
			t.Errorf("listing lacks %s", key)
		}
	}
	for _, d := range got.Drugs {
		if d.NameZh == "" || d.Category == "" || len(d.Sources) == 0 {
			t.Errorf("drug %s lacks name_zh, category or sources", d.ID)
		}
	}
	for _, q := range got.Questions {
		if q.PrePlay == nil || len(q.Bands) == 0 {
			t.Errorf("question %s lacks pre_play or bands", q.ID)
		}
	}

	// The listing of a folder carries that folder's version.
	dir := copyMinimal(t)
	out, _, code = runKioskctl(t, "levels", "list", dir, "--json")
	if code != 0 || !strings.Contains(out, `"id": "rock_sugar"`) || strings.Contains(out, `"heroin"`) {
		t.Fatalf("list DIR: exit %d\n%s", code, out)
	}
}

func TestLevelsExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	out, errOut, code := runKioskctl(t, "levels", "export", dir)
	if code != 0 || !strings.Contains(out, "wrote ") {
		t.Fatalf("export: exit %d\n%s%s", code, out, errOut)
	}
	// The exported folder is the built-in pack: same content version.
	check, _, code := runKioskctl(t, "levels", "check", dir)
	builtin, _, _ := runKioskctl(t, "levels", "check")
	if code != 0 || check != builtin {
		t.Fatalf("exported pack differs:\n%s\nvs\n%s", check, builtin)
	}
	// Never over a folder with files in it.
	if _, errOut, code := runKioskctl(t, "levels", "export", dir); code != 1 || !strings.Contains(errOut, "not empty") {
		t.Fatalf("export over a full folder: exit %d %s", code, errOut)
	}
}
