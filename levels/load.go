package levels

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/playhall/playhall/internal/tomlpos"
)

// GlyphSet says whether the shipped font can draw a character.
type GlyphSet interface {
	HasGlyph(r rune) bool
}

// CheckOptions tunes loading and validation.
type CheckOptions struct {
	// Glyphs, when set, makes every character of every visible text a
	// checked error if the font has no glyph for it.
	Glyphs GlyphSet
	// Prefix is put before every file name in problems (for example the
	// folder the pack was loaded from, with a trailing slash).
	Prefix string
}

// fileDoc is what one TOML file of a pack may hold. Files are read in name
// order and their tables appended, so staff may split or merge files freely.
type fileDoc struct {
	Drugs      []Drug      `toml:"drug"`
	Lookalikes []Lookalike `toml:"lookalike"`
	Questions  []Question  `toml:"question"`
	Levels     []Level     `toml:"level"`
	Playlists  []Playlist  `toml:"playlist"`
	Story      *Story      `toml:"story"`
}

// Load reads every *.toml file under the root of fsys (subfolders included;
// names starting with "." or "_" are skipped), decodes and validates them as
// one pack. It returns the pack when there is no error-severity problem
// (warnings may still be listed) and nil otherwise. It never panics.
func Load(fsys fs.FS) (*Pack, []Problem) {
	return LoadWith(fsys, CheckOptions{})
}

// LoadDir is Load on a folder; problems name files by their path under dir.
func LoadDir(dir string) (*Pack, []Problem) {
	return LoadDirWith(dir, CheckOptions{})
}

// LoadDirWith is LoadDir with options; opt.Prefix defaults to dir.
func LoadDirWith(dir string, opt CheckOptions) (*Pack, []Problem) {
	if opt.Prefix == "" {
		opt.Prefix = filepath.ToSlash(filepath.Clean(dir)) + "/"
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, []Problem{{File: dir, Severity: SeverityError, Msg: "cannot read content folder: " + err.Error()}}
	}
	if !st.IsDir() {
		return nil, []Problem{{File: dir, Severity: SeverityError, Msg: "content path is not a folder"}}
	}
	return LoadWith(os.DirFS(dir), opt)
}

// packFile is one file read from a pack.
type packFile struct {
	name string // slash path relative to the pack root
	data []byte
}

// readFiles lists the pack's TOML files in name order.
func readFiles(fsys fs.FS) ([]packFile, error) {
	var files []packFile
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		base := path.Base(p)
		if p != "." && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(base, ".toml") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files = append(files, packFile{name: p, data: data})
		return nil
	})
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files, err
}

// contentVersion hashes the files (name and bytes, in name order): the first
// 16 hex digits of a SHA-256.
func contentVersion(files []packFile) string {
	h := sha256.New()
	for _, f := range files {
		h.Write([]byte(f.name))
		h.Write([]byte{0})
		h.Write(f.data)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// LoadWith is Load with options.
func LoadWith(fsys fs.FS, opt CheckOptions) (pack *Pack, probs []Problem) {
	defer func() {
		// Loading must never take a kiosk down; a panic here is a bug,
		// reported as a problem rather than a crash.
		if r := recover(); r != nil {
			pack = nil
			probs = append(probs, Problem{File: strings.TrimSuffix(opt.Prefix, "/"), Severity: SeverityError, Msg: fmt.Sprintf("internal error while loading: %v", r)})
		}
	}()
	files, err := readFiles(fsys)
	if err != nil {
		return nil, []Problem{{File: strings.TrimSuffix(opt.Prefix, "/"), Severity: SeverityError, Msg: "cannot read content: " + err.Error()}}
	}
	l := &loader{opt: opt, files: files, pack: &Pack{Version: contentVersion(files)}}
	l.decode()
	l.validate()
	sortProblems(l.probs)
	if HasErrors(l.probs) {
		return nil, l.probs
	}
	l.pack.index()
	return l.pack, l.probs
}

// origin is where an entity was written: a file and its key path there
// (for example {"drug", "3"} for the fourth [[drug]] of that file).
type origin struct {
	file int
	key  toml.Key
}

// loader holds one load's state.
type loader struct {
	opt   CheckOptions
	files []packFile
	idx   []*tomlpos.Index
	pack  *Pack
	probs []Problem

	drugAt, lookAt, questionAt, levelAt, playlistAt []origin
	storyAt                                         *origin

	// badKeys holds the keys that failed to decode ("file|key"); checks of
	// what is under them are not reported again.
	badKeys map[string]bool
}

func badKey(file int, key []string) string {
	return strconv.Itoa(file) + "|" + strings.Join(key, "\x00")
}

// decode reads each file strictly and appends its tables to the pack.
func (l *loader) decode() {
	l.idx = make([]*tomlpos.Index, len(l.files))
	for fi, f := range l.files {
		if !utf8.Valid(f.data) {
			l.probs = append(l.probs, Problem{File: l.name(fi), Severity: SeverityError, Msg: "file is not UTF-8 text; save it as UTF-8"})
			continue
		}
		var doc fileDoc
		x, errs := tomlpos.Decode(f.data, &doc)
		l.idx[fi] = x
		for _, e := range errs {
			l.probs = append(l.probs, Problem{File: l.name(fi), Line: e.Line, Col: e.Col, Severity: SeverityError, Msg: e.Msg})
			if len(e.Key) > 0 {
				if l.badKeys == nil {
					l.badKeys = map[string]bool{}
				}
				l.badKeys[badKey(fi, e.Key)] = true
			}
		}
		if x == nil { // syntax error: nothing usable in this file
			continue
		}
		for i := range doc.Drugs {
			l.drugAt = append(l.drugAt, origin{fi, toml.Key{"drug", strconv.Itoa(i)}})
		}
		for i := range doc.Lookalikes {
			l.lookAt = append(l.lookAt, origin{fi, toml.Key{"lookalike", strconv.Itoa(i)}})
		}
		for i := range doc.Questions {
			l.questionAt = append(l.questionAt, origin{fi, toml.Key{"question", strconv.Itoa(i)}})
		}
		for i := range doc.Levels {
			l.levelAt = append(l.levelAt, origin{fi, toml.Key{"level", strconv.Itoa(i)}})
		}
		for i := range doc.Playlists {
			l.playlistAt = append(l.playlistAt, origin{fi, toml.Key{"playlist", strconv.Itoa(i)}})
		}
		p := l.pack
		p.Drugs = append(p.Drugs, doc.Drugs...)
		p.Lookalikes = append(p.Lookalikes, doc.Lookalikes...)
		p.Questions = append(p.Questions, doc.Questions...)
		p.Levels = append(p.Levels, doc.Levels...)
		p.Playlists = append(p.Playlists, doc.Playlists...)
		if doc.Story != nil {
			o := origin{fi, toml.Key{"story"}}
			if l.storyAt != nil {
				l.errAt(o, nil, "a pack has one [story]; another is already in %s", l.where(*l.storyAt))
				continue
			}
			l.storyAt = &o
			p.Story = *doc.Story
		}
	}
}

func (l *loader) name(fi int) string { return l.opt.Prefix + l.files[fi].name }

// pos returns the line and column of o's key plus sub (or the closest
// written ancestor).
func (l *loader) pos(o origin, sub []string) (line, col int) {
	if o.file < 0 || l.idx[o.file] == nil {
		return 0, 0
	}
	k := append(append(toml.Key(nil), o.key...), sub...)
	return l.idx[o.file].Pos(k)
}

// where formats o as file:line for messages that point elsewhere.
func (l *loader) where(o origin) string {
	line, _ := l.pos(o, nil)
	return fmt.Sprintf("%s:%d", l.name(o.file), line)
}

func (l *loader) add(sev Severity, o origin, sub []string, format string, args ...any) {
	if l.badKeys != nil && o.file >= 0 {
		full := append(append([]string(nil), o.key...), sub...)
		for n := len(full); n > 0; n-- {
			if l.badKeys[badKey(o.file, full[:n])] {
				return // already reported as a type error
			}
		}
	}
	msg := fmt.Sprintf(format, args...)
	if len(sub) > 0 {
		msg = displayKey(o.key, sub) + ": " + msg
	}
	p := Problem{Severity: sev, Msg: msg}
	if o.file >= 0 {
		p.File = l.name(o.file)
		p.Line, p.Col = l.pos(o, sub)
	} else {
		p.File = strings.TrimSuffix(l.opt.Prefix, "/")
		if p.File == "" {
			p.File = "pack"
		}
	}
	l.probs = append(l.probs, p)
}

func (l *loader) errAt(o origin, sub []string, format string, args ...any) {
	l.add(SeverityError, o, sub, format, args...)
}

func (l *loader) warnAt(o origin, sub []string, format string, args ...any) {
	l.add(SeverityWarning, o, sub, format, args...)
}

// packWide is the origin of problems that belong to no file.
var packWide = origin{file: -1}

// displayKey names a key for people: the table and the sub-key, array
// positions shown 1-based in brackets (waves[2].speed is the second wave).
func displayKey(base toml.Key, sub []string) string {
	var b strings.Builder
	all := append(append([]string(nil), base...), sub...)
	for i, c := range all {
		if n, err := strconv.Atoi(c); err == nil && i > 0 {
			if i == 1 { // the entity's own position is in the line number
				continue
			}
			fmt.Fprintf(&b, "[%d]", n+1)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(c)
	}
	return b.String()
}

func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}
