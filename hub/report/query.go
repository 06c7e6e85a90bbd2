// Package report turns the hub's roll-ups into the tables the office pulls:
// grouped rows with rates, participation, kiosk health, and exports (CSV,
// XLSX, JSON), all with the small-cell rule applied (see Suppress).
//
// Reports read only the in-memory roll-ups (store.View); no report scans raw
// plays, so a report costs O(roll-up cells in the date range), not O(plays).
package report

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/playhall/playhall/hub/store"
)

// ErrQuery wraps every bad query parameter.
var ErrQuery = errors.New("bad query")

// Dimensions a report may group by.
var Dimensions = []string{"day", "week", "month", "district", "school", "kiosk", "band", "level", "language", "source", "drug"}

// drugOnly are the dimensions the per-drug roll-up carries.
var drugDims = map[string]bool{"day": true, "week": true, "month": true, "district": true, "school": true, "band": true, "drug": true}

// MinK is the smallest allowed small-cell threshold.
const MinK = 5

// Query is a parsed report request.
type Query struct {
	By       []string
	From, To int32             // day numbers, inclusive
	Filter   map[string]string // dimension → exact value (school, district, kiosk, band, level, language, source)
	K        int
}

// NoLimit bounds for an open date range.
const (
	minDay = math.MinInt32
	maxDay = math.MaxInt32
)

// ParseQuery reads by, from, to and the filters from URL values. Dates are
// YYYY-MM-DD (or RFC 3339, whose date part is used), inclusive.
func ParseQuery(v url.Values, k int) (Query, error) {
	q := Query{From: minDay, To: maxDay, K: k, Filter: map[string]string{}}
	if by := strings.TrimSpace(v.Get("by")); by != "" {
		for _, d := range strings.Split(by, ",") {
			d = strings.TrimSpace(d)
			if d == "lang" {
				d = "language"
			}
			if !slices.Contains(Dimensions, d) {
				return q, fmt.Errorf("%w: by: %q is not one of %s", ErrQuery, d, strings.Join(Dimensions, ", "))
			}
			if slices.Contains(q.By, d) {
				return q, fmt.Errorf("%w: by: %q given twice", ErrQuery, d)
			}
			q.By = append(q.By, d)
		}
		if len(q.By) > MaxBy {
			return q, fmt.Errorf("%w: by: at most %d dimensions", ErrQuery, MaxBy)
		}
	}
	var err error
	if q.From, err = parseDay(v.Get("from"), minDay); err != nil {
		return q, fmt.Errorf("%w: from: %v", ErrQuery, err)
	}
	if q.To, err = parseDay(v.Get("to"), maxDay); err != nil {
		return q, fmt.Errorf("%w: to: %v", ErrQuery, err)
	}
	if q.From > q.To {
		return q, fmt.Errorf("%w: from is after to", ErrQuery)
	}
	for _, f := range []string{"school", "district", "kiosk", "band", "level", "language", "source"} {
		if x := v.Get(f); x != "" {
			q.Filter[f] = x
		}
	}
	if n := len(scopeDims(Query{By: q.By, Filter: q.Filter})); n < len(q.By)+countMissing(q) {
		return q, fmt.Errorf("%w: by and the filters together name more than %d dimensions", ErrQuery, MaxBy)
	}
	if q.IsDrug() {
		for _, d := range q.By {
			if !drugDims[d] {
				return q, fmt.Errorf("%w: by=drug can be combined only with day, week, month, district, school and band, not %s", ErrQuery, d)
			}
		}
		for f := range q.Filter {
			if !drugDims[f] {
				return q, fmt.Errorf("%w: by=drug cannot be filtered by %s", ErrQuery, f)
			}
		}
	}
	return q, nil
}

// countMissing is how many filter dimensions q.By lacks.
func countMissing(q Query) int {
	n := 0
	for f := range q.Filter {
		if !slices.Contains(q.By, f) {
			n++
		}
	}
	return n
}

// IsDrug reports whether the query reads the per-drug roll-up.
func (q Query) IsDrug() bool { return slices.Contains(q.By, "drug") }

func parseDay(s string, def int32) (int32, error) {
	if s == "" {
		return def, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		t2, err2 := time.Parse(time.RFC3339, s)
		if err2 != nil {
			return 0, fmt.Errorf("%q is not a date (YYYY-MM-DD)", s)
		}
		t = time.Date(t2.Year(), t2.Month(), t2.Day(), 0, 0, 0, 0, time.UTC)
	}
	return store.DayOf(t, 0), nil
}

// DayLabel, WeekLabel and MonthLabel name a day number's periods.
func DayLabel(d int32) string { return store.DayTime(d).Format("2006-01-02") }

// WeekLabel is the ISO week, e.g. "2026-W48".
func WeekLabel(d int32) string {
	y, w := store.DayTime(d).ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}

// MonthLabel is e.g. "2026-11".
func MonthLabel(d int32) string { return store.DayTime(d).Format("2006-01") }

// ParseK reads a K: at least MinK.
func ParseK(s string, def int) (int, error) {
	if s == "" {
		return def, nil
	}
	k, err := strconv.Atoi(s)
	if err != nil || k < MinK || k > 1000 {
		return 0, fmt.Errorf("%w: k must be a whole number from %d to 1000", ErrQuery, MinK)
	}
	return k, nil
}
