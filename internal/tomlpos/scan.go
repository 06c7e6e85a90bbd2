package tomlpos

import (
	"strconv"
	"strings"
)

// scanner is a forgiving TOML reader that only tracks structure: headers,
// keys, inline tables and arrays. Every loop consumes at least one byte or
// stops, so it terminates on any input.
type scanner struct {
	src   []byte
	i     int
	idx   *Index
	table []string       // current table path, array positions included
	aots  map[string]int // array-of-tables path (positions of parents included) -> count
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.i]
}

func (s *scanner) has(prefix string) bool {
	if s.i >= len(s.src) {
		return false
	}
	return strings.HasPrefix(string(s.src[s.i:min(len(s.src), s.i+len(prefix))]), prefix)
}

// skipSpace skips blanks and tabs on the current line.
func (s *scanner) skipSpace() {
	for !s.eof() && (s.src[s.i] == ' ' || s.src[s.i] == '\t') {
		s.i++
	}
}

// skipAll skips whitespace, newlines and comments.
func (s *scanner) skipAll() {
	for !s.eof() {
		switch s.src[s.i] {
		case ' ', '\t', '\r', '\n':
			s.i++
		case '#':
			s.skipLine()
		default:
			return
		}
	}
}

// skipLine moves past the next newline.
func (s *scanner) skipLine() {
	for !s.eof() && s.src[s.i] != '\n' {
		s.i++
	}
	if !s.eof() {
		s.i++
	}
}

func (s *scanner) document() {
	for {
		s.skipAll()
		if s.eof() {
			return
		}
		start := s.i
		switch s.peek() {
		case '[':
			s.header()
		default:
			s.keyValue(s.table)
		}
		if s.i == start { // not TOML we understand: drop the line
			s.skipLine()
		}
	}
}

// header reads [a.b] or [[a.b]].
func (s *scanner) header() {
	start := s.i
	aot := s.has("[[")
	if aot {
		s.i += 2
	} else {
		s.i++
	}
	s.skipSpace()
	parts, _ := s.key()
	s.skipLine()
	if len(parts) == 0 {
		return
	}
	// Resolve parents: a parent that is an array of tables means its
	// latest element.
	var path []string
	last := len(parts)
	if aot {
		last--
	}
	for _, p := range parts[:last] {
		path = append(path, p)
		if n, ok := s.aots[join(path)]; ok && n > 0 {
			path = append(path, strconv.Itoa(n-1))
		}
	}
	if aot {
		path = append(path, parts[last])
		k := join(path)
		n := s.aots[k]
		s.aots[k] = n + 1
		s.idx.record(path, start)
		path = append(path, strconv.Itoa(n))
	}
	for i := range path {
		s.idx.record(path[:i+1], start)
	}
	s.table = path
}

// keyValue reads key = value under base.
func (s *scanner) keyValue(base []string) {
	start := s.i
	parts, _ := s.key()
	if len(parts) == 0 {
		return
	}
	path := append(append([]string(nil), base...), parts...)
	for i := len(base); i < len(path); i++ {
		s.idx.record(path[:i+1], start)
	}
	s.skipSpace()
	if s.peek() != '=' {
		return
	}
	s.i++
	s.skipSpace()
	s.value(path)
}

// key reads a possibly dotted key and returns its components.
func (s *scanner) key() ([]string, bool) {
	var parts []string
	for {
		s.skipSpace()
		if s.eof() {
			return parts, false
		}
		switch c := s.peek(); {
		case c == '"':
			parts = append(parts, s.basicString())
		case c == '\'':
			parts = append(parts, s.literalString())
		case isBare(c):
			j := s.i
			for !s.eof() && isBare(s.src[s.i]) {
				s.i++
			}
			parts = append(parts, string(s.src[j:s.i]))
		default:
			return parts, false
		}
		s.skipSpace()
		if s.peek() != '.' {
			return parts, true
		}
		s.i++
	}
}

func isBare(c byte) bool {
	return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// value reads one value written at path, indexing inline tables and arrays.
func (s *scanner) value(path []string) {
	switch {
	case s.eof():
	case s.peek() == '{':
		s.i++
		for {
			s.skipAll()
			if s.eof() {
				return
			}
			if s.peek() == '}' {
				s.i++
				return
			}
			if s.peek() == ',' {
				s.i++
				continue
			}
			start := s.i
			s.keyValue(path)
			if s.i == start {
				s.i++
			}
		}
	case s.peek() == '[':
		s.i++
		for n := 0; ; n++ {
			s.skipAll()
			if s.eof() {
				return
			}
			if s.peek() == ']' {
				s.i++
				return
			}
			elem := append(append([]string(nil), path...), strconv.Itoa(n))
			s.idx.record(elem, s.i)
			start := s.i
			s.value(elem)
			if s.i == start {
				s.i++
			}
			s.skipAll()
			if s.peek() == ',' {
				s.i++
			}
		}
	case s.has(`"""`):
		s.multiline(`"""`, true)
	case s.has(`'''`):
		s.multiline(`'''`, false)
	case s.peek() == '"':
		s.basicString()
	case s.peek() == '\'':
		s.literalString()
	default:
		for !s.eof() {
			switch s.src[s.i] {
			case ',', ']', '}', '#', '\n', '\r':
				return
			}
			s.i++
		}
	}
}

// basicString reads "..." and returns its contents, unescaped where Go's
// rules agree with TOML's (which covers the escapes keys use).
func (s *scanner) basicString() string {
	j := s.i
	s.i++
	for !s.eof() && s.src[s.i] != '"' && s.src[s.i] != '\n' {
		if s.src[s.i] == '\\' {
			s.i++
		}
		s.i++
	}
	end := min(s.i, len(s.src))
	raw := string(s.src[j+1 : end])
	if !s.eof() && s.src[s.i] == '"' {
		s.i++
	}
	if u, err := strconv.Unquote(`"` + raw + `"`); err == nil {
		return u
	}
	return raw
}

// literalString reads '...'.
func (s *scanner) literalString() string {
	j := s.i + 1
	s.i++
	for !s.eof() && s.src[s.i] != '\'' && s.src[s.i] != '\n' {
		s.i++
	}
	raw := string(s.src[j:s.i])
	if !s.eof() && s.src[s.i] == '\'' {
		s.i++
	}
	return raw
}

// multiline skips a multi-line string (triple double or single quotes),
// including up to two quotes that
// TOML allows right before the closing delimiter.
func (s *scanner) multiline(delim string, escapes bool) {
	s.i += 3
	for !s.eof() {
		if escapes && s.src[s.i] == '\\' {
			s.i += 2
			continue
		}
		if s.has(delim) {
			s.i += 3
			for k := 0; k < 2 && !s.eof() && s.src[s.i] == delim[0]; k++ {
				s.i++
			}
			return
		}
		s.i++
	}
	s.i = min(s.i, len(s.src))
}
