package fonts

import (
	"strings"
	"testing"
)

func TestHasGlyph(t *testing.T) {
	g := Glyphs()
	cases := []struct {
		s    string
		want bool
	}{
		{"抓捕糯康 湄公河缉毒行动", true},
		{"珍爱生命,远离毒品", true},
		{"触摸屏幕开始 / Touch to start", true},
		{"「查获!」「抓获!」《禁毒法》", true},
		{"✓×★☆♥•…●▲⚠→", true},
		{"✗✘✔", false}, // Noto Sans CJK has no ballot X; draw art.Badge or print ×
		{"γ-羟基丁酸 ①②③ ℃", true},
		{"高中·中职 初二(3)班", true},
		{"K粉 摇头丸 麻古 咔哇潮饮", true},
		{"😀", false},      // emoji are not in the subset
		{"\u9FA5", false}, // a CJK ideograph outside GB2312
	}
	for _, c := range cases {
		for _, r := range c.s {
			if got := g.HasGlyph(r); got != c.want {
				t.Errorf("HasGlyph(%q U+%04X) = %v, want %v (in %q)", r, r, got, c.want, c.s)
			}
		}
	}
	if n := g.Len(); n < 7500 {
		t.Errorf("glyph set has %d runes, want at least 7500 (GB2312 + Latin)", n)
	}
}

func TestSizesAndLicence(t *testing.T) {
	for name, b := range map[string][]byte{"Regular": Regular, "Bold": Bold} {
		if len(b) < 1<<20 || len(b) > 4<<20 {
			t.Errorf("%s is %d bytes, want between 1 MiB and 4 MiB", name, len(b))
		}
		if string(b[:4]) != "OTTO" {
			t.Errorf("%s does not start with the OpenType CFF tag: %q", name, b[:4])
		}
	}
	if !strings.Contains(License, "SIL OPEN FONT LICENSE Version 1.1") || !strings.Contains(License, "Adobe") {
		t.Error("License lacks the OFL text or the copyright notice")
	}
}

func BenchmarkGlyphsBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		buildGlyphs()
	}
}
