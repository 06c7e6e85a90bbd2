package levels

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
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
func LoadWith(fsys fs.FS, opt CheckOptions) (*Pack, []Problem) {
	files, err := readFiles(fsys)
	if err != nil {
		return nil, []Problem{{File: strings.TrimSuffix(opt.Prefix, "/"), Severity: SeverityError, Msg: "cannot read content: " + err.Error()}}
	}
	var probs []Problem
	pack := &Pack{Version: contentVersion(files)}
	for _, f := range files {
		var doc fileDoc
		md, err := toml.NewDecoder(bytes.NewReader(f.data)).Decode(&doc)
		if err != nil {
			probs = append(probs, Problem{File: opt.Prefix + f.name, Severity: SeverityError, Msg: err.Error()})
			continue
		}
		for _, k := range md.Undecoded() {
			probs = append(probs, Problem{File: opt.Prefix + f.name, Severity: SeverityError, Msg: "unknown key " + k.String()})
		}
		pack.Drugs = append(pack.Drugs, doc.Drugs...)
		pack.Lookalikes = append(pack.Lookalikes, doc.Lookalikes...)
		pack.Questions = append(pack.Questions, doc.Questions...)
		pack.Levels = append(pack.Levels, doc.Levels...)
		pack.Playlists = append(pack.Playlists, doc.Playlists...)
		if doc.Story != nil {
			pack.Story = *doc.Story
		}
	}
	if HasErrors(probs) {
		return nil, probs
	}
	pack.index()
	return pack, probs
}
