package store

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/playhall/playhall/record"
)

// AppendPlayJSON must write exactly what encoding/json writes.
func TestAppendPlayJSONMatchesEncodingJSON(t *testing.T) {
	base := testPlay("k0001", 1, time.Date(2026, 11, 2, 9, 31, 0, 0, time.UTC))
	odd := *base
	odd.VisitGroup, odd.BossCaught, odd.Arrests, odd.AppVersion = "初二(3)班 <&> \"q\" \\ \n\t\x01 \u2028", true, 3, "1.0"
	odd.Duration = 1e-7
	odd.Items = append(odd.Items, record.ItemOutcome{ID: "x", Kind: "lookalike", Seen: 2, FalseAlarms: 1})
	bad := *base
	bad.VisitGroup = "a\xffb"
	bad.Items, bad.Answers, bad.Duration = nil, nil, 123.456
	for _, p := range []*record.Play{base, &odd, &bad} {
		want, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendPlayJSON(nil, p); string(got) != string(want) {
			t.Errorf("\ngot  %s\nwant %s", got, want)
		}
	}
}

func FuzzAppendPlayJSON(f *testing.F) {
	f.Add("初二(3)班", 150.5, 3, "meth")
	f.Add("\x00\xff<>&\u2029", 1e-9, -1, "")
	f.Fuzz(func(t *testing.T, label string, dur float64, n int, item string) {
		p := testPlay("k0001", 1, time.Date(2026, 11, 2, 9, 31, 0, 0, time.UTC))
		p.VisitGroup, p.Duration, p.Score, p.Items[0].ID = label, dur, n, item
		want, err := json.Marshal(p)
		if err != nil {
			return // NaN or Inf: Validate rejects those before storage
		}
		if got := AppendPlayJSON(nil, p); string(got) != string(want) {
			t.Fatalf("\ngot  %s\nwant %s", got, want)
		}
	})
}
