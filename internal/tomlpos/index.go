// Package tomlpos maps TOML key paths to the line and column where they are
// written, and decodes TOML strictly into Go values with every problem
// (unknown key, wrong type, syntax error) placed at its line and column.
//
// BurntSushi/toml reports syntax errors with positions but keeps no position
// for keys: MetaData.Undecoded() names unknown keys without saying where they
// are, and type errors stop decoding at the first one. Scan fills that gap by
// reading the document once and remembering where every table header, key
// and array element starts; Decode uses it to report all problems in one run.
//
// Key paths are toml.Key values with array positions as decimal components:
// in
//
//	[[drug]]
//	id = "a"
//	[[drug]]
//	sources = ["x", "y"]
//
// the second source is toml.Key{"drug", "1", "sources", "1"}. The same holds
// for arrays of inline tables (options = [{...}, {...}]).
//
// Lines and columns are 1-based; columns count characters (Unicode code
// points), as editors such as VS Code and Notepad++ show them, so a key after
// Chinese text points where staff see it (toml.ParseError counts bytes;
// Decode converts its syntax errors too). A tab counts as one character.
// The package has no state; an Index is safe for concurrent reads.
package tomlpos

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Index records where each key path of one TOML document is written.
type Index struct {
	src        []byte         // the scanned document, for character columns
	pos        map[string]int // joined key path -> byte offset
	lineStarts []int          // byte offset of each line's first byte
}

// sep joins key components in Index maps; it cannot appear in a TOML key
// without an escape that the scanner keeps literally.
const sep = "\x00"

func join(k []string) string { return strings.Join(k, sep) }

// Scan reads src and returns its Index. It never fails: on text that is not
// valid TOML it indexes what it can make out. Cost: one pass over src. The
// Index keeps src to count columns in characters: do not modify src while
// the Index is in use.
func Scan(src []byte) *Index {
	s := &scanner{
		src:  src,
		idx:  &Index{src: src, pos: map[string]int{}, lineStarts: lineStarts(src)},
		aots: map[string]int{},
	}
	s.document()
	return s.idx
}

// lineStarts returns the byte offset of each line's first byte.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// charCol is the 1-based character column of byte offset off in the line
// that starts at byte offset start.
func charCol(src []byte, start, off int) int {
	off = min(max(off, start), len(src))
	return utf8.RuneCount(src[start:off]) + 1
}

// Lookup returns where key is written, or ok=false when the document does
// not contain exactly that key path.
func (x *Index) Lookup(key toml.Key) (line, col int, ok bool) {
	off, ok := x.pos[join(key)]
	if !ok {
		return 0, 0, false
	}
	line, col = x.lineCol(off)
	return line, col, true
}

// Has reports whether the document writes exactly key.
func (x *Index) Has(key toml.Key) bool {
	_, ok := x.pos[join(key)]
	return ok
}

// Pos returns where key is written or, when it is not, where its closest
// written ancestor is (so a missing key points at its table's header). It
// returns 0, 0 when not even the first component is written.
func (x *Index) Pos(key toml.Key) (line, col int) {
	for n := len(key); n > 0; n-- {
		if line, col, ok := x.Lookup(key[:n]); ok {
			return line, col
		}
	}
	return 0, 0
}

// Keys returns every indexed key path in document order.
func (x *Index) Keys() []toml.Key {
	type kv struct {
		k   string
		off int
	}
	all := make([]kv, 0, len(x.pos))
	for k, off := range x.pos {
		all = append(all, kv{k, off})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].off != all[j].off {
			return all[i].off < all[j].off
		}
		return len(all[i].k) < len(all[j].k)
	})
	out := make([]toml.Key, len(all))
	for i, e := range all {
		out[i] = toml.Key(strings.Split(e.k, sep))
	}
	return out
}

func (x *Index) lineCol(off int) (line, col int) {
	i := sort.Search(len(x.lineStarts), func(i int) bool { return x.lineStarts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, charCol(x.src, x.lineStarts[i], off)
}

// record remembers the first place a path is written (a table defined by a
// header and later extended keeps its header's position).
func (x *Index) record(path []string, off int) {
	k := join(path)
	if _, ok := x.pos[k]; !ok {
		x.pos[k] = off
	}
}

// Itoa is the component used for array position i in a key path.
func Itoa(i int) string { return strconv.Itoa(i) }
