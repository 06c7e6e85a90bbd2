package levels

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/playhall/playhall/assets/fonts"
)

// minimalFS returns the valid pack in testdata/minimal with files replaced
// or added by over (name -> content).
func minimalFS(t testing.TB, over map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	ents, err := os.ReadDir("testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join("testdata/minimal", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		fsys[e.Name()] = &fstest.MapFile{Data: b}
	}
	for name, src := range over {
		if src == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

func TestMinimalPackValid(t *testing.T) {
	p, probs := LoadWith(minimalFS(t, nil), CheckOptions{Glyphs: fonts.Glyphs()})
	if p == nil || len(probs) != 0 {
		t.Fatalf("minimal pack: pack=%v problems=%v", p != nil, probs)
	}
	if p.Level("shoot").Difficulty.BossHits != 8 || p.Level("shoot").Difficulty.Health != 3 {
		t.Errorf("absent difficulty knobs not defaulted: %+v", p.Level("shoot").Difficulty)
	}
}

const drugHead = `[[drug]]
id = "meth"
category = "synthetic"
`

const drugTail = `icon = { shape = "crystals", colors = ["#E8F4FA"] }
looks = { zh = "像冰糖的晶体。", en = "Crystals like rock sugar." }
harm = { zh = "伤害大脑和心脏。", en = "Harms brain and heart." }
cue = { zh = "小袋装,陌生人给。", en = "Small bag from a stranger." }
refuse = { zh = "说不,离开。", en = "Say no and leave." }
`

const drugName = `name = { zh = "冰毒", en = "Meth" }
`

const drugSource = `sources = ["http://www.nncc626.com/2018-07/05/c_129907520.htm"]
`

// want is one problem a broken pack must report.
type want struct {
	file      string
	line, col int
	has       string
}

func TestBrokenPacks(t *testing.T) {
	levels, err := os.ReadFile("testdata/minimal/levels.toml")
	if err != nil {
		t.Fatal(err)
	}
	lv := string(levels)
	tests := []struct {
		name string
		over map[string]string
		want []want
	}{
		{"syntax error", map[string]string{"drugs.toml": "[[drug]]\nid = \"meth\"\ncategory = = \"synthetic\"\n" + drugName + drugTail + drugSource},
			[]want{{"drugs.toml", 3, 12, "syntax error"}}},
		{"unknown key", map[string]string{"drugs.toml": drugHead + drugName + "colour = \"red\"\n" + drugTail + drugSource},
			[]want{{"drugs.toml", 5, 1, `unknown key "colour" in drug (expected one of: id, name,`}}},
		{"unknown nested key", map[string]string{"drugs.toml": drugHead + "name = { zh = \"冰毒\", eng = \"Meth\" }\n" + drugTail + drugSource},
			[]want{{"drugs.toml", 4, 21, `unknown key "eng" in drug.name`}}}, // column in characters: 冰毒 is 2
		{"wrong type", map[string]string{"levels.toml": strings.Replace(lv, "duration = 60\n", "duration = \"sixty\"\n", 1)},
			[]want{{"levels.toml", 5, 1, `level.duration: expected a number, found the string "sixty"`}}},
		{"wrong type in array", map[string]string{"levels.toml": strings.Replace(lv, `drugs = ["meth"]`, `drugs = ["meth", 7]`, 1)},
			[]want{{"levels.toml", 19, 20, "level.waves.drugs: expected a string, found the whole number 7"}}},
		{"out of range", map[string]string{"levels.toml": strings.Replace(lv, "health = 3", "health = 99", 1)},
			[]want{{"levels.toml", 11, 3, "level.difficulty.health: expected 1 to 10, found 99"}}},
		{"wave out of range", map[string]string{"levels.toml": strings.Replace(lv, "lookalike_share = 0.2", "lookalike_share = 0.95", 1)},
			[]want{{"levels.toml", 21, 3, "level.waves[1].lookalike_share: expected 0 to 0.8, found 0.95"}}},
		{"dangling look-alike reference", map[string]string{"lookalikes.toml": strings.Replace(mustRead(t, "lookalikes.toml"), `resembles = "meth"`, `resembles = "cocaine"`, 1)},
			[]want{{"lookalikes.toml", 3, 1, `lookalike.resembles: no drug has id "cocaine"`}}},
		{"dangling wave reference", map[string]string{"levels.toml": strings.Replace(lv, `drugs = ["meth"]`, `drugs = ["meth", "nope"]`, 1)},
			[]want{{"levels.toml", 19, 20, `level.waves[1].drugs[2]: no drug has id "nope"`}}},
		{"dangling question reference", map[string]string{"levels.toml": strings.Replace(lv, `pre_questions = ["q1"]`, `pre_questions = ["q2"]`, 1)},
			[]want{{"levels.toml", 8, 18, `level.pre_questions[1]: no question has id "q2"`}}},
		{"dangling playlist reference", map[string]string{"playlists.toml": strings.Replace(mustRead(t, "playlists.toml"), `levels = ["shoot"]`, `levels = ["shot"]`, 1)},
			[]want{{"playlists.toml", 7, 11, `playlist.levels[1]: no level has id "shot"`}}},
		{"duplicate id", map[string]string{"drugs.toml": drugHead + drugName + drugTail + drugSource + "\n" + drugHead + drugName + drugTail + drugSource},
			[]want{{"drugs.toml", 13, 1, `drug.id: duplicate drug id "meth" (first defined at drugs.toml:1)`}}},
		{"duplicate id across files", map[string]string{"more.toml": strings.Replace(mustRead(t, "lookalikes.toml"), `id = "rock_sugar"`, `id = "meth"`, 1)},
			[]want{{"more.toml", 2, 1, `id "meth" is already a drug's id (drugs.toml:1)`}}},
		{"missing source", map[string]string{"drugs.toml": drugHead + drugName + drugTail},
			[]want{{"drugs.toml", 1, 1, "drug.sources: missing: a drug needs at least one source URL"}}},
		{"source not a URL", map[string]string{"drugs.toml": drugHead + drugName + drugTail + "sources = [\"http://ok.example/a\", \"nncc626.com\"]\n"},
			[]want{{"drugs.toml", 10, 35, `drug.sources[2]: "nncc626.com" is not a web address`}}},
		{"missing glyph", map[string]string{"drugs.toml": drugHead + "name = { zh = \"冰毒𠀀\", en = \"Meth\" }\n" + drugTail + drugSource},
			[]want{{"drugs.toml", 4, 10, `drug.name.zh: the kiosk font has no glyph for '𠀀' (U+20000)`}}},
		{"missing zh text", map[string]string{"drugs.toml": drugHead + "name = { en = \"Meth\" }\n" + drugTail + drugSource},
			[]want{{"drugs.toml", 4, 1, "drug.name.zh: missing: the Chinese text is required"}}},
		{"two correct options and a missing why", map[string]string{"questions.toml": strings.Replace(strings.Replace(mustRead(t, "questions.toml"), "  why = { zh = \"不对。\", en = \"No.\" }\n", "", 1), "text = { zh = \"树叶\", en = \"Leaves\" }\n", "text = { zh = \"树叶\", en = \"Leaves\" }\n  correct = true\n", 1)},
			[]want{{"questions.toml", 8, 3, "question.options: expected exactly one option with correct = true, found 2"}, {"questions.toml", 13, 3, "question.options[2].why: missing: expected a text"}}},
		{"shooter without boss", map[string]string{"levels.toml": strings.Replace(lv, "  boss = true\n", "", 1)},
			[]want{{"levels.toml", 13, 3, "level.waves[1]: boss: the last wave of a shooter level must have boss = true"}}},
		{"sort with traffickers", map[string]string{"levels.toml": strings.Replace(lv, "  every = 2\n", "  every = 2\n  traffickers = 2\n", 1)},
			[]want{{"levels.toml", 36, 3, "level.waves[1].traffickers: a sort level has no traffickers"}}},
		{"bad band and shape", map[string]string{"lookalikes.toml": strings.Replace(mustRead(t, "lookalikes.toml"), `"jar"`, `"jug"`, 1), "playlists.toml": strings.Replace(mustRead(t, "playlists.toml"), `band = "adult"`, `band = "grown-up"`, 1)},
			[]want{{"lookalikes.toml", 5, 10, `lookalike.icon.shape: "jug" is not an icon shape`}, {"playlists.toml", 14, 1, `playlist.band: "grown-up" is not an age band`}}},
		{"cigarette as a safe twin", map[string]string{"lookalikes.toml": strings.Replace(mustRead(t, "lookalikes.toml"), `name = { zh = "冰糖", en = "Rock sugar" }`, `name = { zh = "普通香烟", en = "Cigarettes" }`, 1)},
			[]want{{"lookalikes.toml", 4, 1, "lookalike.name: a look-alike is shown as safe, and cigarettes and e-cigarettes are never safe"}}},
		{"vape as a safe twin", map[string]string{"lookalikes.toml": strings.Replace(mustRead(t, "lookalikes.toml"), `shape = "jar"`, `shape = "cartridge"`, 1)},
			[]want{{"lookalikes.toml", 4, 1, "lookalike.name: a look-alike is shown as safe"}}},
		{"two stories", map[string]string{"zz.toml": mustRead(t, "story.toml")},
			[]want{{"zz.toml", 1, 1, "a pack has one [story]; another is already in story.toml:1"}}},
		{"not UTF-8", map[string]string{"drugs.toml": "id = \"\xff\"\n"},
			[]want{{"drugs.toml", 0, 0, "not UTF-8"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, probs := LoadWith(minimalFS(t, tt.over), CheckOptions{Glyphs: fonts.Glyphs()})
			if p != nil {
				t.Errorf("broken pack loaded; problems: %v", probs)
			}
			for _, w := range tt.want {
				if !hasProblem(probs, w) {
					t.Errorf("no problem %s:%d:%d containing %q; got:\n%s", w.file, w.line, w.col, w.has, list(probs))
				}
			}
		})
	}
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata/minimal", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func hasProblem(probs []Problem, w want) bool {
	for _, p := range probs {
		if p.File == w.file && p.Line == w.line && (w.col == 0 || p.Col == w.col) && strings.Contains(p.Msg, w.has) && p.Severity == SeverityError {
			return true
		}
	}
	return false
}

func list(probs []Problem) string {
	var b strings.Builder
	for _, p := range probs {
		b.WriteString("  " + p.String() + "\n")
	}
	return b.String()
}

func TestAllProblemsInOneRun(t *testing.T) {
	// Three independent mistakes in three files: all are reported.
	over := map[string]string{
		"drugs.toml":      drugHead + drugName + "colour = \"red\"\n" + drugTail,
		"lookalikes.toml": strings.Replace(mustRead(t, "lookalikes.toml"), `resembles = "meth"`, `resembles = 5`, 1),
		"questions.toml":  strings.Replace(mustRead(t, "questions.toml"), `drugs = ["meth"]`, `drugs = ["cocaine"]`, 1),
	}
	_, probs := LoadWith(minimalFS(t, over), CheckOptions{})
	for _, w := range []want{
		{"drugs.toml", 5, 1, `unknown key "colour"`},
		{"drugs.toml", 1, 1, "sources: missing"},
		{"lookalikes.toml", 3, 1, "lookalike.resembles: expected a string, found the whole number 5"},
		{"questions.toml", 5, 10, `question.drugs[1]: no drug has id "cocaine"`},
	} {
		if !hasProblem(probs, w) {
			t.Errorf("missing %v in:\n%s", w, list(probs))
		}
	}
}

func TestWarningsDoNotFail(t *testing.T) {
	long := strings.Repeat("很长", 40)
	over := map[string]string{"drugs.toml": drugHead + "name = { zh = \"冰毒\" }\n" + strings.Replace(drugTail, "伤害大脑和心脏。", long, 1) + drugSource}
	p, probs := LoadWith(minimalFS(t, over), CheckOptions{})
	if p == nil {
		t.Fatalf("warnings made the pack invalid:\n%s", list(probs))
	}
	var fit, en bool
	for _, pr := range probs {
		if pr.Severity != SeverityWarning {
			t.Errorf("unexpected error %v", pr)
		}
		fit = fit || (pr.Line == 7 && strings.Contains(pr.Msg, "drug.harm.zh: 80 cells is too long for a harm card"))
		en = en || (pr.Line == 4 && strings.Contains(pr.Msg, "drug.name.en: missing"))
		if !strings.Contains(pr.String(), "warning: ") {
			t.Errorf("String() does not mark the warning: %s", pr)
		}
	}
	if !fit || !en {
		t.Errorf("fit warning %v, English warning %v; got:\n%s", fit, en, list(probs))
	}
}

func TestProblemString(t *testing.T) {
	p := Problem{File: "levels/pack/drugs.toml", Line: 12, Col: 3, Severity: SeverityError, Msg: "drug.sources: missing"}
	if got := p.String(); got != "levels/pack/drugs.toml:12:3: drug.sources: missing" {
		t.Errorf("String() = %q", got)
	}
	if got := (Problem{File: "pack", Severity: SeverityError, Msg: "no levels"}).String(); got != "pack: no levels" {
		t.Errorf("String() without a line = %q", got)
	}
}

func TestLoadDirNamesFiles(t *testing.T) {
	dir := t.TempDir()
	for name, f := range minimalFS(t, map[string]string{"levels.toml": strings.Replace(mustRead(t, "levels.toml"), "health = 3", "health = 0", 1)}) {
		if err := os.WriteFile(filepath.Join(dir, name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, probs := LoadDir(dir)
	w := want{filepath.ToSlash(dir) + "/levels.toml", 11, 3, "health: expected 1 to 10, found 0"}
	if !hasProblem(probs, w) {
		t.Errorf("missing %v in:\n%s", w, list(probs))
	}
	if _, probs := LoadDir(filepath.Join(dir, "missing")); len(probs) != 1 || !strings.Contains(probs[0].Msg, "cannot read content folder") {
		t.Errorf("missing folder: %v", probs)
	}
}

func TestVersionFollowsContent(t *testing.T) {
	a, _ := Load(minimalFS(t, nil))
	b, _ := Load(minimalFS(t, nil))
	c, _ := Load(minimalFS(t, map[string]string{"extra.toml": "# a comment changes the version\n"}))
	if a == nil || b == nil || c == nil {
		t.Fatal("minimal pack did not load")
	}
	if a.Version != b.Version || a.Version == c.Version || len(a.Version) != 16 {
		t.Errorf("versions %q %q %q: want equal for equal files, different otherwise, 16 hex", a.Version, b.Version, c.Version)
	}
}

func TestTypeErrorNotRepeated(t *testing.T) {
	// name = "冰毒" is one mistake: one problem, not also "name.zh missing".
	over := map[string]string{"drugs.toml": drugHead + "name = \"冰毒\"\n" + drugTail + drugSource}
	_, probs := LoadWith(minimalFS(t, over), CheckOptions{})
	if len(probs) != 1 || probs[0].String() != `drugs.toml:4:1: drug.name: expected a table like { zh = …, en = … }, found the string "冰毒"` {
		t.Fatalf("got:\n%s", list(probs))
	}
}
