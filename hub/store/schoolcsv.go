package store

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// MaxSchoolsCSV bounds an import file's rows.
const MaxSchoolsCSV = 100000

// ParseSchoolsCSV reads a schools file: a header row, then one school per
// row. The header must start with code, name, district (or 学校代码, 学校名称,
// 区县); every further column is a grade label whose values are that
// grade's enrolment (empty means none). A UTF-8 BOM is skipped. Errors name
// the line and column (name is the file name used in messages).
func ParseSchoolsCSV(r io.Reader, name string) ([]School, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	hdr, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: %s: empty file (want a header row code,name,district[,grade...])", ErrBadInput, name)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadInput, name, err)
	}
	if len(hdr) > 0 {
		hdr[0] = strings.TrimPrefix(hdr[0], "\uFEFF")
	}
	want := [][2]string{{"code", "学校代码"}, {"name", "学校名称"}, {"district", "区县"}}
	if len(hdr) < 3 {
		return nil, fmt.Errorf("%w: %s:1: header needs code,name,district first", ErrBadInput, name)
	}
	for i, w := range want {
		h := strings.TrimSpace(hdr[i])
		if !strings.EqualFold(h, w[0]) && h != w[1] {
			return nil, fmt.Errorf("%w: %s:1:%d: header %q should be %s (or %s)", ErrBadInput, name, i+1, h, w[0], w[1])
		}
	}
	grades := make([]string, len(hdr)-3)
	for i := range grades {
		g := strings.TrimSpace(hdr[i+3])
		if g == "" {
			return nil, fmt.Errorf("%w: %s:1:%d: empty grade label", ErrBadInput, name, i+4)
		}
		grades[i] = g
	}
	var out []School
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrBadInput, name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(hdr) {
			return nil, fmt.Errorf("%w: %s:%d: %d fields, the header has %d", ErrBadInput, name, line, len(rec), len(hdr))
		}
		sc := School{Code: strings.TrimSpace(rec[0]), Name: strings.TrimSpace(rec[1]), District: strings.TrimSpace(rec[2])}
		for i, g := range grades {
			v := strings.TrimSpace(rec[i+3])
			if v == "" {
				continue
			}
			n, err := strconv.Atoi(v)
			if err != nil {
				_, col := cr.FieldPos(i + 3)
				return nil, fmt.Errorf("%w: %s:%d:%d: enrolment for grade %s: %q is not a whole number", ErrBadInput, name, line, col, g, v)
			}
			if sc.Enrolment == nil {
				sc.Enrolment = map[string]int{}
			}
			sc.Enrolment[g] = n
		}
		if err := sc.Validate(); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if prev, ok := seen[sc.Code]; ok {
			return nil, fmt.Errorf("%w: %s:%d: school %s already on line %d", ErrBadInput, name, line, sc.Code, prev)
		}
		seen[sc.Code] = line
		out = append(out, sc)
		if len(out) > MaxSchoolsCSV {
			return nil, fmt.Errorf("%w: %s: more than %d schools", ErrBadInput, name, MaxSchoolsCSV)
		}
	}
	return out, nil
}
