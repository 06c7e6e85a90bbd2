package store

import (
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/playhall/playhall/record"
)

// AppendPlayJSON appends p as JSON, exactly as encoding/json would write
// record.Play (same field names and omitempty rules), but several times
// faster and without reflection. Raw plays are stored as 'P' followed by
// this JSON, so an auditor can read them with any JSON decoder.
func AppendPlayJSON(b []byte, p *record.Play) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, p.ID)
	b = append(b, `,"kiosk_id":`...)
	b = appendJSONString(b, p.KioskID)
	b = append(b, `,"source":`...)
	b = appendJSONString(b, string(p.Source))
	b = append(b, `,"content_version":`...)
	b = appendJSONString(b, p.ContentVersion)
	if p.AppVersion != "" {
		b = append(b, `,"app_version":`...)
		b = appendJSONString(b, p.AppVersion)
	}
	b = append(b, `,"start":"`...)
	b = p.Start.AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","duration":`...)
	b = appendJSONFloat(b, p.Duration)
	b = append(b, `,"band":`...)
	b = appendJSONString(b, p.Band)
	b = append(b, `,"lang":`...)
	b = appendJSONString(b, p.Lang)
	if p.VisitGroup != "" {
		b = append(b, `,"visit_group":`...)
		b = appendJSONString(b, p.VisitGroup)
	}
	b = append(b, `,"level":`...)
	b = appendJSONString(b, p.Level)
	b = append(b, `,"mode":`...)
	b = appendJSONString(b, p.Mode)
	b = append(b, `,"end":`...)
	b = appendJSONString(b, string(p.End))
	b = append(b, `,"score":`...)
	b = strconv.AppendInt(b, int64(p.Score), 10)
	if p.Arrests != 0 {
		b = append(b, `,"arrests":`...)
		b = strconv.AppendInt(b, int64(p.Arrests), 10)
	}
	if p.BossCaught {
		b = append(b, `,"boss_caught":true`...)
	}
	if len(p.Items) > 0 {
		b = append(b, `,"items":[`...)
		for i, it := range p.Items {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			b = appendJSONString(b, it.ID)
			b = append(b, `,"kind":`...)
			b = appendJSONString(b, it.Kind)
			b = append(b, `,"seen":`...)
			b = strconv.AppendInt(b, int64(it.Seen), 10)
			for _, f := range [...]struct {
				name string
				n    int
			}{{`,"seized":`, it.Seized}, {`,"missed":`, it.Missed}, {`,"false_alarms":`, it.FalseAlarms}} {
				if f.n != 0 {
					b = append(b, f.name...)
					b = strconv.AppendInt(b, int64(f.n), 10)
				}
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(p.Answers) > 0 {
		b = append(b, `,"answers":[`...)
		for i, a := range p.Answers {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"question":`...)
			b = appendJSONString(b, a.Question)
			b = append(b, `,"phase":`...)
			b = appendJSONString(b, a.Phase)
			b = append(b, `,"choice":`...)
			b = strconv.AppendInt(b, int64(a.Choice), 10)
			if a.Correct {
				b = append(b, `,"correct":true}`...)
			} else {
				b = append(b, `,"correct":false}`...)
			}
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendJSONFloat writes f as encoding/json does for float64.
func appendJSONFloat(b []byte, f float64) []byte {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return append(b, '0') // Validate rules these out; never invalid JSON
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9, as encoding/json does
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does (HTML characters escaped,
// invalid UTF-8 replaced by U+FFFD).
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
