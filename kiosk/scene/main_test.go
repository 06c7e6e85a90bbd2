package scene

import (
	"testing"

	"github.com/playhall/playhall/assets/art/arttest"
)

func TestMain(m *testing.M) { arttest.Main(m) }
