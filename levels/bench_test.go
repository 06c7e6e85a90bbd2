package levels

import (
	"testing"

	"github.com/playhall/playhall/assets/fonts"
)

// BenchmarkLoadDefault measures a full load and validation of the default
// pack with the glyph check, what a kiosk pays on every hot reload.
func BenchmarkLoadDefault(b *testing.B) {
	opt := CheckOptions{Glyphs: fonts.Glyphs()}
	b.ReportAllocs()
	for b.Loop() {
		if p, probs := LoadWith(DefaultFS(), opt); p == nil {
			b.Fatal(probs)
		}
	}
}
