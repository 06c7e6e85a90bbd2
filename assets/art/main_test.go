package art

import (
	"flag"
	"testing"

	"github.com/playhall/playhall/assets/art/arttest"
)

var gallery = flag.String("gallery", "", "write a PNG contact sheet of every sprite to this file")

func TestMain(m *testing.M) { arttest.Main(m) }
