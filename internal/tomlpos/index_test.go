package tomlpos

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

const doc = `# comment
title = "x"   # trailing
[owner]
name = { zh = "名字", en = 'Name' }
dotted.key = 1

[[drug]]
id = "a"
sources = ["u1",
  "u2"]
[[drug]]
id = "b"
  [drug.icon]
  colors = ["#fff"]
  [[drug.opts]]
  text = """multi
line "quoted" """
  [[drug.opts]]
  why = 'x'
options = [ { t = 1 }, { t = 2, u = [3, 4] } ]
"quoted key" = true
`

func TestScanPositions(t *testing.T) {
	x := Scan([]byte(doc))
	tests := []struct {
		key       string
		line, col int
	}{
		{"title", 2, 1},
		{"owner", 3, 1},
		{"owner.name", 4, 1},
		{"owner.name.zh", 4, 10},
		{"owner.name.en", 4, 21}, // characters: 名字 counts 2, not 6 bytes
		{"owner.dotted", 5, 1},
		{"owner.dotted.key", 5, 1},
		{"drug", 7, 1},
		{"drug.0", 7, 1},
		{"drug.0.id", 8, 1},
		{"drug.0.sources.0", 9, 12},
		{"drug.0.sources.1", 10, 3},
		{"drug.1", 11, 1},
		{"drug.1.id", 12, 1},
		{"drug.1.icon", 13, 3},
		{"drug.1.icon.colors.0", 14, 13},
		{"drug.1.opts.0", 15, 3},
		{"drug.1.opts.0.text", 16, 3},
		{"drug.1.opts.1.why", 19, 3},
		{"drug.1.opts.1.options.1.t", 20, 26},
		{"drug.1.opts.1.options.1.u.1", 20, 41},
		{"drug.1.opts.1.quoted key", 21, 1},
	}
	for _, tt := range tests {
		line, col, ok := x.Lookup(toml.Key(strings.Split(tt.key, ".")))
		if !ok || line != tt.line || col != tt.col {
			t.Errorf("Lookup(%s) = %d:%d ok=%v, want %d:%d", tt.key, line, col, ok, tt.line, tt.col)
		}
	}
	// A missing key falls back to its closest written ancestor.
	if line, col := x.Pos(toml.Key{"drug", "1", "icon", "shape"}); line != 13 || col != 3 {
		t.Errorf("Pos(missing) = %d:%d, want 13:3", line, col)
	}
	if line, col := x.Pos(toml.Key{"nothing"}); line != 0 || col != 0 {
		t.Errorf("Pos(nothing) = %d:%d, want 0:0", line, col)
	}
	if !x.Has(toml.Key{"drug", "1", "opts", "1", "options", "0", "t"}) {
		t.Error("Has(inline table in array) = false")
	}
	// Keys come back in document order.
	ks := x.Keys()
	if len(ks) == 0 || ks[0].String() != "title" {
		t.Errorf("Keys()[0] = %v, want title", ks)
	}
}

func TestScanNeverHangs(t *testing.T) {
	for _, src := range []string{"", "[", "[[", "a = [", "a = {", `a = "`, `a = """`, "a.b.", "= 1", "[a]]\n[[", "a = [1,,]", "\\", "'''"} {
		Scan([]byte(src))
	}
}

type kitchen struct {
	Name  string            `toml:"name"`
	Count int8              `toml:"count"`
	Ratio float64           `toml:"ratio"`
	On    bool              `toml:"on"`
	Wait  Duration          `toml:"wait"`
	Tags  []string          `toml:"tags"`
	Sub   *struct{ X int }  `toml:"sub"`
	Items []item            `toml:"item"`
	Map   map[string]string `toml:"map"`
	Plain string
}

type item struct {
	ID string `toml:"id"`
	N  int    `toml:"n"`
}

// Duration is a local alias to prove named types decode like their kind.
type Duration = int

func TestDecodeReportsEverything(t *testing.T) {
	src := `name = "k"
count = 300
ratio = 2
on = "yes"
tags = ["a", 2]
nmae = "typo"
plain = "ok"
[sub]
X = 1
Y = 2
[[item]]
id = "a"
n = 1.5
[[item]]
id = "b"
colour = "red"
[map]
a = "x"
b = 3
`
	var k kitchen
	_, errs := Decode([]byte(src), &k)
	want := []struct {
		line, col int
		has       string
	}{
		{2, 1, "count: number 300 is too large"},
		{4, 1, "on: expected true or false"},
		{5, 14, "tags: expected a string, found the whole number 2"},
		{6, 1, `unknown key "nmae"`},
		{10, 1, `unknown key "Y" in sub`},
		{13, 1, "item.n: expected a whole number, found the number 1.5"},
		{16, 1, `unknown key "colour" in item (expected one of: id, n)`},
		{19, 1, "map.b: expected a string"},
	}
	if len(errs) != len(want) {
		t.Fatalf("got %d errors, want %d: %v", len(errs), len(want), errs)
	}
	for i, w := range want {
		e := errs[i]
		if e.Line != w.line || e.Col != w.col || !strings.Contains(e.Msg, w.has) {
			t.Errorf("error %d = %v, want %d:%d containing %q", i, e, w.line, w.col, w.has)
		}
	}
	if k.Name != "k" || k.Ratio != 2 || k.Plain != "ok" || k.Sub == nil || k.Sub.X != 1 || len(k.Items) != 2 || k.Items[1].ID != "b" || k.Map["a"] != "x" {
		t.Errorf("good values not decoded: %+v", k)
	}
}

func TestDecodeSyntaxError(t *testing.T) {
	var k kitchen
	_, errs := Decode([]byte("name = \"k\"\ncount = = 3\n"), &k)
	if len(errs) != 1 || errs[0].Line != 2 || errs[0].Col == 0 || !strings.Contains(errs[0].Msg, "syntax error") {
		t.Fatalf("errs = %v, want one syntax error on line 2", errs)
	}
	if _, errs := Decode([]byte("a = 1"), k); len(errs) != 1 {
		t.Fatalf("decoding into a non-pointer: %v", errs)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(doc)
	f.Add("[[item]]\nid = 1\n[[item]]\nn = 'x'\n")
	f.Fuzz(func(t *testing.T, src string) {
		var k kitchen
		x, _ := Decode([]byte(src), &k)
		if x != nil {
			for _, key := range x.Keys() {
				if line, _ := x.Pos(key); line < 1 {
					t.Fatalf("key %v has no line", key)
				}
			}
		}
		Scan([]byte(src))
	})
}

func TestDecodeFileAndAt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kiosk.toml")
	if err := os.WriteFile(path, []byte("name = \"k\"\nnmae = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var k kitchen
	_, errs := DecodeFile(path, &k)
	if len(errs) != 1 || errs[0].At("kiosk.toml") != `kiosk.toml:2:1: unknown key "nmae" (expected one of: name, count, ratio, on, wait, tags, sub, item, map, Plain)` {
		t.Fatalf("errs = %v", errs)
	}
	_, errs = DecodeFile(filepath.Join(t.TempDir(), "missing.toml"), &k)
	if len(errs) != 1 || !strings.HasPrefix(errs[0].At("missing.toml"), "missing.toml: cannot read: ") {
		t.Fatalf("missing file: %v", errs)
	}
}

func TestDecodeSingleBracketHint(t *testing.T) {
	var k kitchen
	_, errs := Decode([]byte("[item]\nid = \"a\"\n"), &k)
	if len(errs) != 1 || errs[0].Line != 1 || !strings.Contains(errs[0].Msg, "item: expected an array of tables: write the header with double brackets, [[item]]") {
		t.Fatalf("errs = %v", errs)
	}
}

func TestColumnsCountCharacters(t *testing.T) {
	// Staff's editors count characters: a key or a syntax error after
	// Chinese text has the column it would have after as many Latin letters.
	zh := Scan([]byte("name = { zh = \"抓捕糯康\", en = \"x\" }\n"))
	latin := Scan([]byte("name = { zh = \"abcd\", en = \"x\" }\n"))
	key := toml.Key{"name", "en"}
	zl, zc, _ := zh.Lookup(key)
	ll, lc, _ := latin.Lookup(key)
	if zl != 1 || zc != 23 || zc != lc || zl != ll {
		t.Errorf("after Chinese %d:%d, after Latin %d:%d; want 1:23 both", zl, zc, ll, lc)
	}
	var k kitchen
	_, ze := Decode([]byte("name = \"k\"\ntags = [\"糯康\"] x\n"), &k)
	_, le := Decode([]byte("name = \"k\"\ntags = [\"ab\"] x\n"), &k)
	if len(ze) != 1 || len(le) != 1 || ze[0].Line != 2 || ze[0].Col != le[0].Col {
		t.Errorf("syntax error after Chinese %v, after Latin %v: want the same line 2 and column", ze, le)
	}
}
