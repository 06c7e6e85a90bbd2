package scene

import (
	"strings"

	"github.com/playhall/playhall/assets/art"
)

func splitLines(s string) []string { return strings.Split(s, "\n") }

func measure(s string, size float64) (float64, float64) { return art.Measure(s, size, false) }
