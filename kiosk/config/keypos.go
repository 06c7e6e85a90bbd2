package config

import (
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/playhall/playhall/internal/tomlpos"
)

// keyPos finds where keys are written in kiosk.toml. BurntSushi/toml does
// not expose key positions; internal/tomlpos indexes every table header,
// key and array element once, so each problem gets its line and column.
type keyPos struct{ x *tomlpos.Index }

func scanKeys(data []byte) keyPos { return keyPos{tomlpos.Scan(data)} }

func splitKey(key string) toml.Key {
	parts := strings.Split(key, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return toml.Key(parts)
}

// has reports whether the file writes exactly key ("timeouts.play_idle").
func (p keyPos) has(key string) bool { return p.x.Has(splitKey(key)) }

// at returns the position of key, or of its nearest enclosing table, or 1:1.
func (p keyPos) at(key string) (int, int) {
	l, c := p.x.Pos(splitKey(key))
	if l == 0 {
		return 1, 1
	}
	return l, c
}

func (p keyPos) errorf(path, key, format string, args ...any) *Error {
	l, c := p.at(key)
	return &Error{Path: path, Line: l, Col: c, Msg: fmt.Sprintf(format, args...)}
}
