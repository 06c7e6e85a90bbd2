package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/playhall/playhall/levels"
)

// OverridesFile is the name of the staff menu's settings file in the
// kiosk's data folder (kiosk.data).
const OverridesFile = "settings.toml"

// OverridesFormat is the only format of settings.toml this kiosk reads and
// writes.
const OverridesFormat = 1

// Overrides are the settings staff changed in the kiosk's staff menu. They
// live in DATA/settings.toml so that a crash, a restart or the nightly
// reboot keeps them, and apply on top of kiosk.toml: a key the file leaves
// out keeps kiosk.toml's value. The kiosk alone writes the file
// (SaveOverrides); deleting it, or the menu's reset, returns every value to
// kiosk.toml.
type Overrides struct {
	// Volume replaces sound.volume (0–1).
	Volume *float64 `toml:"volume,omitempty"`
	// QuietHours false switches kiosk.toml's sound.quiet_hours off; nil
	// keeps them.
	QuietHours *bool `toml:"quiet_hours,omitempty"`
	// Playlist replaces [playlist] for each band it names: level ids, the
	// first is played.
	Playlist map[string][]string `toml:"playlist,omitempty"`
	// Visit is what the visit pickers last showed, for the local day it
	// names (see VisitPicks).
	Visit *VisitPicks `toml:"visit,omitempty"`
}

// VisitPicks are the staff menu's visit group pickers (grade, class,
// students). A class visit lasts about an hour, so the picks are restored
// on a restart the same local day only; the next day starts from the
// defaults. The open visit itself is kept by the play log.
type VisitPicks struct {
	Day      string `toml:"day"` // local date they were set, 2006-01-02
	Grade    string `toml:"grade"`
	Class    int    `toml:"class"`
	Students int    `toml:"students"`
}

// overridesFile is settings.toml as written: the overrides and the format.
type overridesFile struct {
	Format int `toml:"format"`
	Overrides
}

// ErrBadOverrides marks a settings file that was read but cannot be used:
// bad TOML, an unknown key, an unknown format or a value out of range. The
// kiosk then ignores the whole file and runs on kiosk.toml.
var ErrBadOverrides = errors.New("bad settings.toml")

// Empty reports whether o changes nothing.
func (o Overrides) Empty() bool {
	return o.Volume == nil && o.QuietHours == nil && len(o.Playlist) == 0 && o.Visit == nil
}

// Clone returns a deep copy of o.
func (o Overrides) Clone() Overrides {
	c := o
	if o.Volume != nil {
		v := *o.Volume
		c.Volume = &v
	}
	if o.QuietHours != nil {
		q := *o.QuietHours
		c.QuietHours = &q
	}
	if o.Playlist != nil {
		c.Playlist = make(map[string][]string, len(o.Playlist))
		for b, ids := range o.Playlist {
			c.Playlist[b] = slices.Clone(ids)
		}
	}
	if o.Visit != nil {
		v := *o.Visit
		c.Visit = &v
	}
	return c
}

// LoadOverrides reads the settings file at path. A missing file is no
// overrides and no error. A file that cannot be read returns the read
// error; one whose content cannot be used returns an error wrapping
// ErrBadOverrides with path:line:column. It never returns part of a bad
// file.
func LoadOverrides(path string) (Overrides, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Overrides{}, nil
	}
	if err != nil {
		return Overrides{}, err
	}
	return ParseOverrides(path, b)
}

// ParseOverrides checks data as if read from path (used for messages only).
func ParseOverrides(path string, data []byte) (Overrides, error) {
	bad := func(e *Error) (Overrides, error) {
		return Overrides{}, fmt.Errorf("%w: %s", ErrBadOverrides, e)
	}
	var f overridesFile
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		var pe toml.ParseError
		var ppe *toml.ParseError
		if errors.As(err, &ppe) {
			pe = *ppe
		}
		if ppe != nil || errors.As(err, &pe) {
			return bad(&Error{Path: path, Line: max(pe.Position.Line, 1), Col: max(pe.Position.Col, 1), Msg: pe.Message})
		}
		if m := lastKeyRe.FindStringSubmatch(err.Error()); m != nil {
			return bad(scanKeys(data).errorf(path, m[1], "%s: %s", m[1], m[2]))
		}
		return bad(&Error{Path: path, Line: 1, Col: 1, Msg: err.Error()})
	}
	pos := scanKeys(data)
	if und := md.Undecoded(); len(und) > 0 {
		return bad(pos.errorf(path, und[0].String(), "unknown key %q", und[0].String()))
	}
	if f.Format != OverridesFormat {
		return bad(pos.errorf(path, "format", "format %d is not one this kiosk reads (%d)", f.Format, OverridesFormat))
	}
	o := f.Overrides
	if len(o.Playlist) == 0 {
		o.Playlist = nil // an empty [playlist] table changes nothing
	}
	if o.Volume != nil && (*o.Volume < 0 || *o.Volume > 1) {
		return bad(pos.errorf(path, "volume", "volume %v must be between 0 and 1", *o.Volume))
	}
	for band, ids := range o.Playlist {
		if !levels.Band(band).Valid() {
			return bad(pos.errorf(path, "playlist."+band, "%q is not a band (primary, junior, senior, adult)", band))
		}
		if len(ids) == 0 || slices.Contains(ids, "") {
			return bad(pos.errorf(path, "playlist."+band, "playlist.%s must list level ids", band))
		}
	}
	if v := o.Visit; v != nil {
		if _, err := time.Parse(time.DateOnly, v.Day); err != nil {
			return bad(pos.errorf(path, "visit.day", "day %q is not a date like 2026-11-30", v.Day))
		}
		if v.Grade == "" || len([]rune(v.Grade)) > 8 {
			return bad(pos.errorf(path, "visit.grade", "grade must be 1–8 characters"))
		}
		if v.Class < 1 || v.Class > 99 {
			return bad(pos.errorf(path, "visit.class", "class %d must be 1–99", v.Class))
		}
		if v.Students < 1 || v.Students > 500 {
			return bad(pos.errorf(path, "visit.students", "students %d must be 1–500", v.Students))
		}
	}
	return o, nil
}

// Resolve returns the part of o that still fits: c is kiosk.toml, pack the
// content in use and today the kiosk's local date (2006-01-02). It drops,
// with one note each for the log and the staff menu, a playlist for a band
// c no longer offers, level ids the pack no longer holds for their band,
// and visit picks set on another day. A nil pack drops no level.
func (o Overrides) Resolve(c *Config, pack *levels.Pack, today string) (Overrides, []string) {
	out := o.Clone()
	var notes []string
	bands := make([]string, 0, len(out.Playlist))
	for b := range out.Playlist {
		bands = append(bands, b)
	}
	slices.Sort(bands)
	for _, b := range bands {
		if !slices.Contains(c.Language.Bands, b) {
			notes = append(notes, fmt.Sprintf("playlist.%s dropped: kiosk.toml no longer offers band %s", b, b))
			delete(out.Playlist, b)
			continue
		}
		if pack == nil {
			continue
		}
		var keep []string
		for _, id := range out.Playlist[b] {
			if l := pack.Level(id); l == nil || (len(l.Bands) > 0 && !slices.Contains(l.Bands, levels.Band(b))) {
				notes = append(notes, fmt.Sprintf("playlist.%s: level %q dropped: content %s has no such level for %s", b, id, pack.Version, b))
				continue
			}
			keep = append(keep, id)
		}
		if len(keep) == 0 {
			delete(out.Playlist, b)
		} else {
			out.Playlist[b] = keep
		}
	}
	if len(out.Playlist) == 0 {
		out.Playlist = nil
	}
	if out.Visit != nil && out.Visit.Day != today {
		notes = append(notes, fmt.Sprintf("visit pickers of %s dropped: they are kept for the day they were set", out.Visit.Day))
		out.Visit = nil
	}
	return out, notes
}

const overridesHeader = `# Staff-menu settings of this kiosk, written by the kiosk itself. They apply
# on top of kiosk.toml: a key missing here keeps kiosk.toml's value. To go back
# to kiosk.toml, use "reset to kiosk.toml" in the staff menu or delete this file.
`

// MarshalOverrides returns the file SaveOverrides writes for o.
func MarshalOverrides(o Overrides) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(overridesHeader)
	if err := toml.NewEncoder(&buf).Encode(overridesFile{Format: OverridesFormat, Overrides: o}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// SaveOverrides replaces the file at path with o; an empty o removes it.
// The new file is written beside the old one, fsync'd and renamed over it,
// and the folder is fsync'd, so a crash or power cut at any point leaves
// either the old file or the new one, never a mix. It costs two fsyncs:
// callers on a frame loop run it elsewhere.
func SaveOverrides(path string, o Overrides) error {
	dir := filepath.Dir(path)
	if o.Empty() {
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return syncDir(dir)
	}
	b, err := MarshalOverrides(o)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if _, err := tmp.Write(b); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		return err
	}
	ok = true
	return syncDir(dir)
}

// syncDir makes a rename or removal in dir durable. Windows cannot fsync a
// folder (NTFS journals the rename), so there it does nothing.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err // EINVAL: the file system cannot sync folders
	}
	return nil
}

// SetAsideOverrides moves an unusable settings file at path to
// settings.bad.toml beside it (replacing an older one), so the next save
// does not destroy what staff or support may want to look at. It returns
// the new path.
func SetAsideOverrides(path string) (string, error) {
	bad := strings.TrimSuffix(path, filepath.Ext(path)) + ".bad" + filepath.Ext(path)
	if err := os.Rename(path, bad); err != nil {
		return "", err
	}
	return bad, syncDir(filepath.Dir(path))
}
