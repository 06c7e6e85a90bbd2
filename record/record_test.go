package record

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func validPlay() Play {
	return Play{
		ID:             "0123456789abcdef0123456789abcdef",
		KioskID:        "k-0001",
		Source:         SourceKiosk,
		ContentVersion: "abcdef0123456789",
		Start:          time.Date(2026, 11, 29, 10, 31, 0, 0, time.UTC),
		Duration:       185.5,
		Band:           "junior",
		Lang:           "zh",
		VisitGroup:     "初二(3)班",
		Level:          "mekong-junior",
		Mode:           "shooter",
		End:            EndCompleted,
		Score:          4200,
		Arrests:        6,
		BossCaught:     true,
		Items:          []ItemOutcome{{ID: "meth", Kind: "drug", Seen: 4, Seized: 3, Missed: 1}, {ID: "rock-sugar", Kind: "lookalike", Seen: 2, FalseAlarms: 1}},
		Answers:        []Answer{{Question: "q-pre-1", Phase: "pre", Choice: 1, Correct: true}, {Question: "q-post-1", Phase: "post", Choice: -1}},
	}
}

func TestPlayValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(p *Play)
		want   string // substring of the error; "" means valid
	}{
		{"valid", func(p *Play) {}, ""},
		{"web source", func(p *Play) { p.Source = SourceWeb; p.KioskID = "web" }, ""},
		{"short id", func(p *Play) { p.ID = "abc" }, "id must be 32"},
		{"upper-case id", func(p *Play) { p.ID = strings.ToUpper(p.ID) }, "id must be 32"},
		{"empty kiosk", func(p *Play) { p.KioskID = "" }, "kiosk_id"},
		{"bad source", func(p *Play) { p.Source = "phone" }, "source"},
		{"no content version", func(p *Play) { p.ContentVersion = "" }, "content_version"},
		{"no start", func(p *Play) { p.Start = time.Time{} }, "start missing"},
		{"seconds in start", func(p *Play) { p.Start = p.Start.Add(17 * time.Second) }, "truncated to the minute"},
		{"negative duration", func(p *Play) { p.Duration = -1 }, "duration"},
		{"endless duration", func(p *Play) { p.Duration = MaxDuration + 1 }, "duration"},
		{"exact age as band", func(p *Play) { p.Band = "13" }, "band"},
		{"bad lang", func(p *Play) { p.Lang = "fr" }, "lang"},
		{"long visit label", func(p *Play) { p.VisitGroup = strings.Repeat("班", MaxLabelRunes+1) }, "visit_group"},
		{"bad level", func(p *Play) { p.Level = "../etc" }, "level"},
		{"bad mode", func(p *Play) { p.Mode = "race" }, "mode"},
		{"bad end", func(p *Play) { p.End = "exploded" }, "end"},
		{"negative score", func(p *Play) { p.Score = -5 }, "score"},
		{"too many arrests", func(p *Play) { p.Arrests = MaxCount + 1 }, "arrests"},
		{"bad item kind", func(p *Play) { p.Items[0].Kind = "weapon" }, "items[0]"},
		{"negative item count", func(p *Play) { p.Items[1].FalseAlarms = -1 }, "items[1]"},
		{"bad answer phase", func(p *Play) { p.Answers[0].Phase = "during" }, "answers[0]"},
		{"answer choice too big", func(p *Play) { p.Answers[1].Choice = 10 }, "answers[1]"},
		{"too many items", func(p *Play) { p.Items = make([]ItemOutcome, MaxItems+1) }, "items"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := validPlay()
			tc.mutate(&p)
			err := p.Validate()
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Validate() = %v, want an error containing %q", err, tc.want)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
		})
	}
}

func TestVisitValidate(t *testing.T) {
	start := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	ok := Visit{ID: "fedcba9876543210fedcba9876543210", KioskID: "k-0001", Label: "初二(3)班", Students: 42, Start: start}
	tests := []struct {
		name   string
		mutate func(v *Visit)
		want   string
	}{
		{"open visit", func(v *Visit) {}, ""},
		{"closed visit", func(v *Visit) { v.End = start.Add(time.Hour) }, ""},
		{"no label", func(v *Visit) { v.Label = "" }, "label"},
		{"no students", func(v *Visit) { v.Students = 0 }, "students"},
		{"too many students", func(v *Visit) { v.Students = MaxStudents + 1 }, "students"},
		{"end before start", func(v *Visit) { v.End = start.Add(-time.Minute) }, "end before start"},
		{"bad id", func(v *Visit) { v.ID = "x" }, "id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := ok
			tc.mutate(&v)
			err := v.Validate()
			if (tc.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.want)) {
				t.Fatalf("Validate() = %v, want %q", err, tc.want)
			}
		})
	}
}

// The JSON field names are the wire contract with the hub and the office's
// tools; renaming one breaks deployed kiosks.
func TestPlayJSONFieldNames(t *testing.T) {
	p := validPlay()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	want := []string{"id", "kiosk_id", "source", "content_version", "start", "duration", "band", "lang",
		"visit_group", "level", "mode", "end", "score", "arrests", "boss_caught", "items", "answers"}
	for _, k := range want {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON has no %q field: %s", k, b)
		}
	}
	if len(m) != len(want) {
		t.Errorf("JSON has %d fields, want exactly %d (a new field needs a privacy review): %s", len(m), len(want), b)
	}
}
