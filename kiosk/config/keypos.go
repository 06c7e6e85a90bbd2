package config

import (
	"fmt"
	"strings"
)

// keyPos maps dotted key paths ("timeouts.play_idle") to where the key
// starts in the file. BurntSushi/toml does not expose key positions, so a
// small line scanner that tracks [table] headers finds them. It understands
// what kiosk.toml uses: tables, key = value lines, dotted and quoted keys,
// comments and values that span lines inside brackets.
type keyPos map[string][2]int

func scanKeys(data []byte) keyPos {
	pos := keyPos{}
	table := ""
	depth := 0 // open brackets of a multi-line array value
	for i, line := range strings.Split(string(data), "\n") {
		ln := i + 1
		trim := strings.TrimLeft(line, " \t")
		col := len(line) - len(trim) + 1
		if depth > 0 {
			depth += bracketDelta(trim)
			continue
		}
		if trim == "" || trim[0] == '#' {
			continue
		}
		if trim[0] == '[' {
			end := strings.Index(trim, "]")
			if end < 0 {
				continue
			}
			name := strings.Trim(trim[1:end], "[] \t")
			table = normKey(name)
			pos.set(table, ln, col)
			continue
		}
		eq := strings.Index(trim, "=")
		if eq < 0 {
			continue
		}
		key := normKey(trim[:eq])
		full := key
		if table != "" {
			full = table + "." + key
		}
		pos.set(full, ln, col)
		depth = bracketDelta(trim[eq+1:])
		if depth < 0 {
			depth = 0
		}
	}
	return pos
}

func (p keyPos) set(k string, line, col int) {
	if _, ok := p[k]; !ok {
		p[k] = [2]int{line, col}
	}
}

// bracketDelta counts [ minus ] outside strings and comments.
func bracketDelta(s string) int {
	d := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return d
		case c == '[':
			d++
		case c == ']':
			d--
		}
	}
	return d
}

func normKey(s string) string {
	parts := strings.Split(strings.TrimSpace(s), ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

// at returns the position of key, or of its nearest enclosing table, or 1:1.
func (p keyPos) at(key string) (int, int) {
	for k := key; k != ""; {
		if v, ok := p[k]; ok {
			return v[0], v[1]
		}
		i := strings.LastIndex(k, ".")
		if i < 0 {
			break
		}
		k = k[:i]
	}
	return 1, 1
}

func (p keyPos) errorf(path, key, format string, args ...any) *Error {
	l, c := p.at(key)
	return &Error{Path: path, Line: l, Col: c, Msg: fmt.Sprintf(format, args...)}
}
