//go:build js

// Command web is the WebAssembly edition of Playhall: the kiosk's visitor
// flow, games and content pack in a browser page (web/index.html), with
// finished plays posted anonymously to the hub. Build it with
// `./build.sh web` (scripts/web.sh); see README.md (The web edition).
//
// The page configures it through window.PLAYHALL (web/main.js fills it):
//
//	hub          hub URL; "" means the page's own origin (the hub serving /play/)
//	lang         first language, "zh" or "en"
//	playIdle     seconds without a touch in a round before "Still there?" (default 120)
//	menuIdle     the same on every other screen (default 90)
//	stillThere   length of the "Still there?" countdown in seconds (default 20)
//	test         install the read-only test hook window.playhallTest
//
// Compared with a kiosk: no staff menu (its gesture is off), no play log on
// disk, no class visits, a gentler idle reset, no exit.
package main

import (
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"os"
	"syscall/js"
	"time"

	"github.com/playhall/playhall/kiosk"
	"github.com/playhall/playhall/kiosk/config"
	"github.com/playhall/playhall/version"
)

func main() {
	page := js.Global().Get("PLAYHALL")
	if page.Type() != js.TypeObject {
		page = js.Global().Get("Object").New()
	}
	cfg := webConfig(page)
	fmt.Fprintf(os.Stderr, "%s: hub %s\n", version.String("web"), cfg.Hub.URL)
	var seed [8]byte
	rand.Read(seed[:])
	err := kiosk.Run(kiosk.Options{Config: cfg, Seed: binary.LittleEndian.Uint64(seed[:]), Log: os.Stderr})
	if err != nil {
		fmt.Fprintf(os.Stderr, "web: %v\n", err)
		if f := js.Global().Get("playhallFailed"); f.Type() == js.TypeFunction {
			f.Invoke(err.Error())
		}
	}
}

// webConfig is the kiosk configuration of the web edition.
func webConfig(page js.Value) *config.Config {
	cfg := config.Default()
	cfg.Kiosk.Name = "web"
	cfg.Kiosk.Data = ""
	cfg.Hub.URL = str(page, "hub")
	if cfg.Hub.URL == "" {
		cfg.Hub.URL = js.Global().Get("location").Get("origin").String()
	}
	if l := str(page, "lang"); l == "zh" || l == "en" {
		cfg.Language.Default = l
	}
	// A gentler idle reset than a hall's: a student at a desk may read a
	// card for a while, and nobody else is waiting for the screen.
	cfg.Timeouts.PlayIdle = secs(page, "playIdle", 120)
	cfg.Timeouts.MenuIdle = secs(page, "menuIdle", 90)
	cfg.Timeouts.StillThere = secs(page, "stillThere", 20)
	// No staff menu: a corner of size 0 never sees the gesture, and there is
	// no PIN, no exit and no fullscreen lock.
	cfg.Staff.CornerSize = 0
	cfg.Staff.Taps = 1 << 30
	cfg.Staff.AllowExit = false
	cfg.Staff.PINHash = "none: the web edition has no staff menu"
	cfg.Screen.Fullscreen = false
	cfg.Screen.FPSOverlay = false
	return cfg
}

func str(v js.Value, key string) string {
	if x := v.Get(key); x.Type() == js.TypeString {
		return x.String()
	}
	return ""
}

// secs reads a number of seconds (1 s to 1 h), else def.
func secs(v js.Value, key string, def float64) config.Duration {
	s := def
	if x := v.Get(key); x.Type() == js.TypeNumber && x.Float() >= 1 && x.Float() <= 3600 {
		s = x.Float()
	}
	return config.Duration{Duration: time.Duration(s * float64(time.Second))}
}
