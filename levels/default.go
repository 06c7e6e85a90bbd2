package levels

import (
	"embed"
	"io/fs"
	"sync"
)

// packFS holds the default 「抓捕糯康」 pack, embedded in every binary.
//
//go:embed pack
var packFS embed.FS

// DefaultFS returns the default pack's files (drugs.toml, levels.toml ...)
// at the root of the returned file system.
func DefaultFS() fs.FS {
	sub, err := fs.Sub(packFS, "pack")
	if err != nil {
		panic(err) // cannot happen: "pack" is a valid embedded directory
	}
	return sub
}

// DefaultPrefix is the folder shown in problems about the default pack, so a
// developer can find the file in the source tree.
const DefaultPrefix = "levels/pack/"

var (
	defaultOnce sync.Once
	defaultPack *Pack
	defaultErr  error
)

// Default returns the embedded default pack, loaded and validated once and
// cached; every caller gets the same *Pack, which must not be modified. The
// error (an *InvalidError) means the shipped pack is broken, which the
// levels tests prevent.
func Default() (*Pack, error) {
	defaultOnce.Do(func() {
		p, probs := LoadWith(DefaultFS(), CheckOptions{Prefix: DefaultPrefix})
		if p == nil {
			defaultErr = &InvalidError{Problems: probs}
			return
		}
		defaultPack = p
	})
	return defaultPack, defaultErr
}
