package levels

import (
	"strings"
	"testing"
)

func TestWrapLines(t *testing.T) {
	han := func(n int) string { return strings.Repeat("毒", n) }
	for _, tt := range []struct {
		name    string
		s       string
		perLine int
		width   func(rune) float64
		want    int
	}{
		{"one full line", han(22), 22, cellWidth, 1},
		{"one over", han(23), 22, cellWidth, 2},
		{"closing punctuation hangs", han(22) + "。", 22, cellWidth, 1},
		{"hard breaks", "毒\n毒\n毒", 22, cellWidth, 3},
		{"Latin counts half", han(20) + "B12", 22, cellWidth, 1},
		{"two card lines", han(44), 22, cellWidth, 2},
		{"surrounding space ignored", "  " + han(22) + "\n", 22, cellWidth, 1},
		{"words wrap at spaces", "aaaa bbbb", 6, oneChar, 2},
		{"a word moves whole", "aa bbbbb", 6, oneChar, 2},
		{"words fit", "aa bb", 6, oneChar, 1},
		{"a long word is cut", "abcdefghij", 4, oneChar, 3},
	} {
		if got := wrapLines(tt.s, tt.perLine, tt.width); got != tt.want {
			t.Errorf("%s: wrapLines(%q, %d) = %d, want %d", tt.name, tt.s, tt.perLine, got, tt.want)
		}
	}
}

func TestFitIsPerLine(t *testing.T) {
	// A harm card holds 3 lines of about 22 cells: four short hard-broken
	// lines do not fit although their total is small, and 64 cells in
	// three full lines fit although they pass the old 60-cell budget.
	for _, tt := range []struct {
		harm string
		warn bool
	}{
		{"伤害大脑。\n伤害心脏。\n会成瘾。\n会致死。", true},
		{strings.Repeat("很", 64), false},
		{strings.Repeat("很", 67), true},
	} {
		over := map[string]string{"drugs.toml": drugHead + drugName + strings.Replace(drugTail, "伤害大脑和心脏。", strings.ReplaceAll(tt.harm, "\n", `\n`), 1) + drugSource}
		p, probs := LoadWith(minimalFS(t, over), CheckOptions{})
		if p == nil {
			t.Fatalf("pack invalid:\n%s", list(probs))
		}
		warned := false
		for _, pr := range probs {
			warned = warned || strings.Contains(pr.Msg, "drug.harm.zh:") && strings.Contains(pr.Msg, "too long for a harm card (3 lines of about 22)")
		}
		if warned != tt.warn {
			t.Errorf("harm %q: warned %v, want %v; got:\n%s", tt.harm, warned, tt.warn, list(probs))
		}
	}
}
