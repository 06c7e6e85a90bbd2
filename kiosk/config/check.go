package config

import (
	"net/url"
	"regexp"
	"slices"
	"time"

	"github.com/playhall/playhall/levels"
)

var nameRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

// check validates ranges and sets; each failure names the offending key.
func (c *Config) check(path string, pos keyPos) error {
	e := func(key, format string, args ...any) error { return pos.errorf(path, key, format, args...) }
	if c.Kiosk.Name == "" || len([]rune(c.Kiosk.Name)) > 64 {
		return e("kiosk.name", "name must be 1–64 characters")
	}
	if c.Kiosk.School != "" && !nameRe.MatchString(c.Kiosk.School) {
		return e("kiosk.school", "school %q must be letters, digits, _ . - (up to 64)", c.Kiosk.School)
	}
	if c.Kiosk.Data == "" {
		return e("kiosk.data", "data folder must not be empty")
	}
	if c.Hub.URL != "" {
		u, err := url.Parse(c.Hub.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return e("hub.url", "url %q must be http:// or https:// with a host", c.Hub.URL)
		}
	}
	if !slices.Contains([]string{OrientAuto, OrientLandscape, OrientPortrait}, c.Screen.Orientation) {
		return e("screen.orientation", "orientation %q must be auto, landscape or portrait", c.Screen.Orientation)
	}
	durs := []struct {
		key    string
		d      time.Duration
		lo, hi time.Duration
	}{
		{"timeouts.play_idle", c.Timeouts.PlayIdle.Duration, 5 * time.Second, 10 * time.Minute},
		{"timeouts.menu_idle", c.Timeouts.MenuIdle.Duration, 5 * time.Second, 10 * time.Minute},
		{"timeouts.still_there", c.Timeouts.StillThere.Duration, 3 * time.Second, 2 * time.Minute},
		{"timeouts.stuck_touch", c.Timeouts.StuckTouch.Duration, 2 * time.Second, 10 * time.Minute},
		{"timeouts.howto", c.Timeouts.HowTo.Duration, 3 * time.Second, 60 * time.Second},
		{"timeouts.pledge", c.Timeouts.Pledge.Duration, 3 * time.Second, 2 * time.Minute},
		{"staff.tap_window", c.Staff.TapWindow.Duration, 1 * time.Second, 10 * time.Second},
		{"staff.lock_for", c.Staff.LockFor.Duration, 10 * time.Second, time.Hour},
		{"staff.menu_idle", c.Staff.MenuIdle.Duration, 10 * time.Second, time.Hour},
	}
	for _, d := range durs {
		if d.d < d.lo || d.d > d.hi {
			return e(d.key, "%s must be between %s and %s", d.d, d.lo, d.hi)
		}
	}
	if len(c.Language.Languages) == 0 {
		return e("language.languages", "languages must list zh, en or both")
	}
	for _, l := range c.Language.Languages {
		if l != "zh" && l != "en" {
			return e("language.languages", "language %q must be zh or en", l)
		}
	}
	if !slices.Contains(c.Language.Languages, c.Language.Default) {
		return e("language.default", "default %q must be one of languages %v", c.Language.Default, c.Language.Languages)
	}
	if len(c.Language.Bands) == 0 {
		return e("language.bands", "bands must list at least one of primary, junior, senior, adult")
	}
	for _, b := range c.Language.Bands {
		if !levels.Band(b).Valid() {
			return e("language.bands", "band %q must be primary, junior, senior or adult", b)
		}
	}
	if c.Sound.Volume < 0 || c.Sound.Volume > 1 {
		return e("sound.volume", "volume %v must be between 0 and 1", c.Sound.Volume)
	}
	if c.Sound.QuietVolume < 0 || c.Sound.QuietVolume > 1 {
		return e("sound.quiet_volume", "quiet_volume %v must be between 0 and 1", c.Sound.QuietVolume)
	}
	for _, d := range c.Hours.Days {
		if !slices.Contains(dayNames, d) {
			return e("hours.days", "day %q must be one of mon tue wed thu fri sat sun", d)
		}
	}
	if !slices.Contains([]string{"top-left", "top-right", "bottom-left", "bottom-right"}, c.Staff.Corner) {
		return e("staff.corner", "corner %q must be top-left, top-right, bottom-left or bottom-right", c.Staff.Corner)
	}
	if c.Staff.Taps < 3 || c.Staff.Taps > 10 {
		return e("staff.taps", "taps %d must be 3–10", c.Staff.Taps)
	}
	if c.Staff.MaxTries < 1 || c.Staff.MaxTries > 20 {
		return e("staff.max_tries", "max_tries %d must be 1–20", c.Staff.MaxTries)
	}
	if c.Staff.CornerSize < 120 || c.Staff.CornerSize > 400 {
		return e("staff.corner_size", "corner_size %d must be 120–400", c.Staff.CornerSize)
	}
	if c.Staff.PINHash != "" {
		if _, err := ParsePINHash(c.Staff.PINHash); err != nil {
			return e("staff.pin_hash", "%v (set it with: kioskctl pin set --config %s)", err, path)
		}
	}
	for band, ids := range c.Playlist {
		if !levels.Band(band).Valid() {
			return e("playlist."+band, "playlist.%s: %q is not a band (primary, junior, senior, adult)", band, band)
		}
		if len(ids) == 0 {
			return e("playlist."+band, "playlist.%s must list at least one level id", band)
		}
	}
	return nil
}
