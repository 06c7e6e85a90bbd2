package tomlpos

import (
	"encoding"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
)

// Error is one decoding problem at a place in the document. Key is the full
// key path (array positions included) or nil for a syntax error.
type Error struct {
	Key  toml.Key
	Line int // 1-based; 0 when unknown
	Col  int // 1-based character column; 0 when unknown
	Msg  string
}

// Error formats as "line:column: message".
func (e Error) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
}

// At formats the error for people as "file:line:column: message" (or
// "file: message" when the line is unknown), the form editors jump to.
func (e Error) At(file string) string {
	if e.Line <= 0 {
		return file + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", file, e.Line, max(e.Col, 1), e.Msg)
}

// DecodeFile is Decode on the file at path; a read error is returned as the
// only Error (line 0).
func DecodeFile(path string, v any) (*Index, []Error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, []Error{{Msg: "cannot read: " + err.Error()}}
	}
	return Decode(src, v)
}

// Decode parses src and stores it in v, a non-nil pointer to a struct,
// strictly: a key with no matching field is an error ("unknown key"), and a
// value of the wrong type is an error; decoding carries on past both, so one
// run reports every problem, sorted by position. A syntax error stops
// decoding and is the only error. The Index is returned for further
// look-ups (nil after a syntax error).
//
// Fields match keys by their `toml:"name"` tag, or by field name (case
// insensitively) when there is no tag; `toml:"-"` fields are skipped.
// Supported field types: string, bool, integers (range-checked), floats
// (integers are accepted), time.Time (TOML date-times), time.Duration (a
// string such as "90s", or an integer of nanoseconds), encoding.TextUnmarshaler
// (from strings), slices, string-keyed maps, pointers, structs and any.
func Decode(src []byte, v any) (*Index, []Error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return nil, []Error{{Msg: fmt.Sprintf("tomlpos: Decode needs a non-nil pointer to a struct, got %T", v)}}
	}
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, []Error{{Line: pe.Position.Line, Col: syntaxCol(src, pe.Position), Msg: "syntax error: " + pe.Message}}
		}
		return nil, []Error{{Msg: "syntax error: " + err.Error()}}
	}
	d := &decoder{idx: Scan(src)}
	d.value(nil, nil, raw, rv.Elem())
	sort.SliceStable(d.errs, func(i, j int) bool {
		a, b := d.errs[i], d.errs[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return d.idx, d.errs
}

// syntaxCol converts the byte column of a toml.ParseError to characters.
func syntaxCol(src []byte, p toml.Position) int {
	starts := lineStarts(src)
	if p.Line < 1 || p.Line > len(starts) {
		return max(p.Col, 1)
	}
	start := starts[p.Line-1]
	return charCol(src, start, start+max(p.Col, 1)-1)
}

type decoder struct {
	idx  *Index
	errs []Error
}

// fail records an error at key. name is the key as shown to people: its
// components without array positions.
func (d *decoder) fail(key []string, name []string, format string, args ...any) {
	line, col := d.idx.Pos(key)
	msg := fmt.Sprintf(format, args...)
	if len(name) > 0 {
		msg = strings.Join(name, ".") + ": " + msg
	}
	d.errs = append(d.errs, Error{Key: append(toml.Key(nil), key...), Line: line, Col: col, Msg: msg})
}

var (
	timeType     = reflect.TypeOf(time.Time{})
	durationType = reflect.TypeOf(time.Duration(0))
	textType     = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
)

func sub(key []string, c string) []string {
	return append(append(make([]string, 0, len(key)+1), key...), c)
}

// value stores data (as BurntSushi/toml decodes into any) in rv.
func (d *decoder) value(key, name []string, data any, rv reflect.Value) {
	t := rv.Type()
	switch {
	case t.Kind() == reflect.Pointer:
		if rv.IsNil() {
			rv.Set(reflect.New(t.Elem()))
		}
		d.value(key, name, data, rv.Elem())
		return
	case t == timeType:
		if tm, ok := data.(time.Time); ok {
			rv.Set(reflect.ValueOf(tm))
			return
		}
		d.fail(key, name, "expected a date-time, found %s", describe(data))
		return
	case t == durationType:
		switch x := data.(type) {
		case string:
			dur, err := time.ParseDuration(x)
			if err != nil {
				d.fail(key, name, "expected a duration such as \"90s\" or \"5m\", found %q", x)
				return
			}
			rv.SetInt(int64(dur))
		case int64:
			rv.SetInt(x)
		default:
			d.fail(key, name, "expected a duration such as \"90s\", found %s", describe(data))
		}
		return
	case reflect.PointerTo(t).Implements(textType) && rv.CanAddr():
		s, ok := data.(string)
		if !ok {
			d.fail(key, name, "expected a string, found %s", describe(data))
			return
		}
		if err := rv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			d.fail(key, name, "%v", err)
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := data.(map[string]any)
		if !ok {
			d.fail(key, name, "expected a table%s, found %s", shape(t), describe(data))
			return
		}
		d.structFields(key, name, m, rv)
	case reflect.Map:
		m, ok := data.(map[string]any)
		if !ok {
			d.fail(key, name, "expected a table, found %s", describe(data))
			return
		}
		if t.Key().Kind() != reflect.String {
			d.fail(key, name, "cannot decode into a map keyed by %s", t.Key())
			return
		}
		if rv.IsNil() {
			rv.Set(reflect.MakeMapWithSize(t, len(m)))
		}
		for _, k := range d.ordered(key, m) {
			ev := reflect.New(t.Elem()).Elem()
			d.value(sub(key, k), sub(name, k), m[k], ev)
			rv.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
	case reflect.Slice:
		var elems []any
		switch x := data.(type) {
		case []any:
			elems = x
		case []map[string]any:
			for _, e := range x {
				elems = append(elems, e)
			}
		case map[string]any:
			if t.Elem().Kind() == reflect.Struct || (t.Elem().Kind() == reflect.Pointer && t.Elem().Elem().Kind() == reflect.Struct) {
				d.fail(key, name, "expected an array of tables: write the header with double brackets, [[%s]]", strings.Join(name, "."))
				return
			}
			d.fail(key, name, "expected an array, found %s", describe(data))
			return
		default:
			d.fail(key, name, "expected an array, found %s", describe(data))
			return
		}
		s := reflect.MakeSlice(t, len(elems), len(elems))
		for i, e := range elems {
			d.value(sub(key, strconv.Itoa(i)), name, e, s.Index(i))
		}
		rv.Set(s)
	case reflect.String:
		s, ok := data.(string)
		if !ok {
			d.fail(key, name, "expected a string, found %s", describe(data))
			return
		}
		rv.SetString(s)
	case reflect.Bool:
		b, ok := data.(bool)
		if !ok {
			d.fail(key, name, "expected true or false, found %s", describe(data))
			return
		}
		rv.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := data.(int64)
		if !ok {
			d.fail(key, name, "expected a whole number, found %s", describe(data))
			return
		}
		if rv.OverflowInt(n) {
			d.fail(key, name, "number %d is too large", n)
			return
		}
		rv.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := data.(int64)
		if !ok || n < 0 {
			d.fail(key, name, "expected a whole number of 0 or more, found %s", describe(data))
			return
		}
		if rv.OverflowUint(uint64(n)) {
			d.fail(key, name, "number %d is too large", n)
			return
		}
		rv.SetUint(uint64(n))
	case reflect.Float32, reflect.Float64:
		switch x := data.(type) {
		case float64:
			if t.Kind() == reflect.Float32 && math.Abs(x) > math.MaxFloat32 && !math.IsInf(x, 0) {
				d.fail(key, name, "number %g is too large", x)
				return
			}
			rv.SetFloat(x)
		case int64:
			rv.SetFloat(float64(x))
		default:
			d.fail(key, name, "expected a number, found %s", describe(data))
		}
	case reflect.Interface:
		if t.NumMethod() != 0 {
			d.fail(key, name, "cannot decode into %s", t)
			return
		}
		if data != nil {
			rv.Set(reflect.ValueOf(data))
		}
	default:
		d.fail(key, name, "cannot decode into %s", t)
	}
}

// ordered returns m's keys in document order (unknown positions last, by name).
func (d *decoder) ordered(key []string, m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	off := func(k string) int {
		if o, ok := d.idx.pos[join(sub(key, k))]; ok {
			return o
		}
		return math.MaxInt
	}
	sort.Slice(ks, func(i, j int) bool {
		oi, oj := off(ks[i]), off(ks[j])
		if oi != oj {
			return oi < oj
		}
		return ks[i] < ks[j]
	})
	return ks
}

func (d *decoder) structFields(key, name []string, m map[string]any, rv reflect.Value) {
	fs := fieldsOf(rv.Type())
	for _, k := range d.ordered(key, m) {
		f, ok := fs.byName[k]
		if !ok {
			f, ok = fs.byFold[strings.ToLower(k)]
		}
		if !ok {
			d.fail(sub(key, k), nil, "unknown key %q%s (expected one of: %s)", k, where(name), strings.Join(fs.names, ", "))
			continue
		}
		d.value(sub(key, k), sub(name, k), m[k], rv.FieldByIndex(f))
	}
}

func where(name []string) string {
	if len(name) == 0 {
		return ""
	}
	return " in " + strings.Join(name, ".")
}

// fields is the decodable fields of a struct type.
type fields struct {
	byName map[string][]int // tag name -> field index path
	byFold map[string][]int // lower-cased name of untagged fields
	names  []string         // every accepted name, in field order
}

var fieldCache sync.Map // reflect.Type -> *fields

func fieldsOf(t reflect.Type) *fields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*fields)
	}
	fs := &fields{byName: map[string][]int{}, byFold: map[string][]int{}}
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("toml")
			tagName, _, _ := strings.Cut(tag, ",")
			if tagName == "-" {
				continue
			}
			idx := append(append([]int(nil), index...), i)
			if f.Anonymous && tagName == "" && f.Type.Kind() == reflect.Struct {
				walk(f.Type, idx)
				continue
			}
			if !f.IsExported() {
				continue
			}
			if tagName != "" {
				fs.byName[tagName] = idx
				fs.names = append(fs.names, tagName)
			} else {
				fs.byName[f.Name] = idx
				fs.byFold[strings.ToLower(f.Name)] = idx
				fs.names = append(fs.names, f.Name)
			}
		}
	}
	walk(t, nil)
	fieldCache.Store(t, fs)
	return fs
}

// shape sketches a small struct as an inline table for messages, such as
// ` like { zh = …, en = … }`; empty for structs of more than three keys.
func shape(t reflect.Type) string {
	fs := fieldsOf(t)
	if len(fs.names) == 0 || len(fs.names) > 3 {
		return ""
	}
	parts := make([]string, len(fs.names))
	for i, n := range fs.names {
		parts[i] = n + " = …"
	}
	return " like { " + strings.Join(parts, ", ") + " }"
}

// describe names a decoded TOML value's type for messages.
func describe(data any) string {
	switch x := data.(type) {
	case string:
		if r := []rune(x); len(r) > 30 {
			x = string(r[:30]) + "..."
		}
		return fmt.Sprintf("the string %q", x)
	case int64:
		return fmt.Sprintf("the whole number %d", x)
	case float64:
		return fmt.Sprintf("the number %g", x)
	case bool:
		return fmt.Sprintf("%t", x)
	case time.Time:
		return "a date-time"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("a %T", data)
}
