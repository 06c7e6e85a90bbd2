package store

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/playhall/playhall/record"
)

func openTest(t *testing.T, dir string) *Store {
	t.Helper()
	st, err := Open(dir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func testPlay(kiosk string, n int, start time.Time) *record.Play {
	return &record.Play{ID: strings.Repeat("0", 30) + string(rune('a'+n%6)) + string(rune('a'+n/6%6)), KioskID: kiosk,
		Source: record.SourceKiosk, ContentVersion: "v1", Start: start.Truncate(time.Minute), Duration: 90,
		Band: "junior", Lang: "zh", Level: "l1", Mode: "sort", End: record.EndCompleted,
		Items:   []record.ItemOutcome{{ID: "meth", Kind: "drug", Seen: 3, Seized: 2, Missed: 1}, {ID: "meth", Kind: "drug", Seen: 1, Seized: 1}},
		Answers: []record.Answer{{Question: "q1", Phase: "post", Correct: true}, {Question: "q2", Phase: "post", Correct: false}}}
}

func TestRollupsSurviveReopenAndCountOnce(t *testing.T) {
	dir := t.TempDir()
	st := openTest(t, dir)
	st.PutSchool(School{Code: "S", Name: "S", District: "D"})
	k, code, err := st.AddKiosk("S", "k")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Enroll(code); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	b := &record.Batch{KioskID: k.ID, Epoch: "e", SentAt: now, Health: record.Health{UTCOffsetMins: 480}}
	for i := 1; i <= 3; i++ {
		b.Entries = append(b.Entries, record.Entry{Seq: uint64(i), Kind: record.KindPlay, Play: testPlay(k.ID, i, now.Add(-time.Hour))})
	}
	vid := strings.Repeat("b", 32)
	b.Entries = append(b.Entries, record.Entry{Seq: 4, Kind: record.KindVisit, Visit: &record.Visit{ID: vid, KioskID: k.ID, Label: "初一(1)班", Students: 30, Start: now.Add(-time.Hour)}})
	ack, stats, err := st.Ingest(k.ID, b)
	if err != nil || ack.AckedSeq != 4 || stats.Plays != 3 || stats.Visits != 1 {
		t.Fatalf("%+v %+v %v", ack, stats, err)
	}
	// The visit closes later: same id, new seq; participation counts it once.
	b2 := &record.Batch{KioskID: k.ID, Epoch: "e", SentAt: now, Entries: []record.Entry{{Seq: 5, Kind: record.KindVisit,
		Visit: &record.Visit{ID: vid, KioskID: k.ID, Label: "初一(1)班", Students: 32, Start: now.Add(-time.Hour), End: now}}}}
	if _, _, err := st.Ingest(k.ID, b2); err != nil {
		t.Fatal(err)
	}
	check := func(st *Store) {
		t.Helper()
		st.View(func(v *Snapshot) {
			var plays, quizPlays, pass, full, durMs int64
			for _, r := range v.Cells {
				c := r.C
				plays += c[CPlays]
				quizPlays += c[CQuizPlays]
				pass += c[CQuizPass]
				full += c[CQuizFull]
				durMs += c[CDurationMs]
			}
			if plays != 3 || quizPlays != 3 || pass != 0 || full != 0 || durMs != 270000 {
				t.Errorf("cells: plays %d quiz %d pass %d full %d dur %d", plays, quizPlays, pass, full, durMs)
			}
			var dp, seen, seized int64
			for _, r := range v.Drugs {
				c := r.C
				dp += c[DPlays]
				seen += c[DSeen]
				seized += c[DSeized]
			}
			if dp != 3 || seen != 12 || seized != 9 {
				t.Errorf("drugs: plays %d seen %d seized %d", dp, seen, seized)
			}
			if len(v.Visits) != 1 || v.Visits[vid].Students != 32 || v.Visits[vid].School != "S" {
				t.Errorf("visits %+v", v.Visits)
			}
		})
	}
	check(st)
	st.Close()
	st = openTest(t, dir)
	defer st.Close()
	check(st)
	if ki, _ := st.Kiosk(k.ID); ki.LastSeen.IsZero() || !ki.Enrolled {
		t.Errorf("kiosk after reopen %+v", ki)
	}
}

func TestOpenLockedAndErrors(t *testing.T) {
	dir := t.TempDir()
	st := openTest(t, dir)
	defer st.Close()
	if _, err := Open(dir, 20*time.Millisecond); !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v", err)
	}
	if _, _, err := st.AddKiosk("NOPE", "x"); !errors.Is(err, ErrUnknownSchool) {
		t.Errorf("unknown school: %v", err)
	}
	if _, err := st.Enroll("AAAA-BBBB-CCCC-DDDD"); !errors.Is(err, ErrNotFound) {
		t.Errorf("bad code: %v", err)
	}
	if _, err := st.AddUserToken("ghost"); !errors.Is(err, ErrNotFound) {
		t.Errorf("token for unknown user: %v", err)
	}
	if err := st.PutSchool(School{Code: "bad code", Name: "x", District: "y"}); !errors.Is(err, ErrBadInput) {
		t.Errorf("bad code accepted: %v", err)
	}
	if _, _, err := st.Ingest("k0001", &record.Batch{KioskID: "k0001", Epoch: "e"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown kiosk: %v", err)
	}
}

func TestSkew(t *testing.T) {
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		sent time.Time
		want time.Duration
	}{
		{time.Time{}, 0},
		{now.Add(-time.Minute), 0},
		{now.Add(-72 * time.Hour), 72 * time.Hour},
		{now.Add(5*time.Hour + 20*time.Second), -5 * time.Hour},
	} {
		if got := Skew(c.sent, now); got != c.want {
			t.Errorf("Skew(%v) = %v, want %v", c.sent, got, c.want)
		}
	}
}

func TestParseSchoolsCSVErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "empty file"},
		{"name,code,district\n", "f.csv:1:1"},
		{"code,name,district,7\nS1,a,b,many\n", "f.csv:2:"},
		{"code,name,district\nS1,a,b\nS1,c,d\n", "already on line 2"},
		{"code,name,district\nS1,a\n", "f.csv:2: 2 fields"},
	} {
		_, err := ParseSchoolsCSV(strings.NewReader(c.in), "f.csv")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.in, err, c.want)
		}
	}
	list, err := ParseSchoolsCSV(strings.NewReader("\uFEFF学校代码,学校名称,区县,初一\nS1,一中,东区,300\n"), "f.csv")
	if err != nil || len(list) != 1 || list[0].Enrolment["初一"] != 300 {
		t.Fatalf("%v %v", list, err)
	}
}

func TestReadPlays(t *testing.T) {
	dir := t.TempDir()
	st := openTest(t, dir)
	st.PutSchool(School{Code: "S", Name: "S", District: "D"})
	k, code, _ := st.AddKiosk("S", "k")
	st.Enroll(code)
	now := time.Now().UTC()
	p := testPlay(k.ID, 1, now.Add(-time.Hour))
	bad := testPlay(k.ID, 2, now.Add(-time.Hour))
	bad.Band = "none"
	if _, _, err := st.Ingest(k.ID, &record.Batch{KioskID: k.ID, Epoch: "e", SentAt: now, Entries: []record.Entry{
		{Seq: 1, Kind: record.KindPlay, Play: p}, {Seq: 2, Kind: record.KindPlay, Play: bad}}}); err != nil {
		t.Fatal(err)
	}
	w := testPlay(WebKiosk, 3, now.Add(-2*time.Minute))
	w.Source = record.SourceWeb
	if ok, err := st.IngestWeb(w); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if _, err := ReadPlays(dir, 20*time.Millisecond); !errors.Is(err, ErrLocked) {
		t.Fatalf("while open: %v", err)
	}
	st.Close()
	plays, err := ReadPlays(dir, time.Second)
	if err != nil || len(plays) != 2 {
		t.Fatalf("%d plays, %v", len(plays), err)
	}
	ids := map[string]bool{plays[0].ID: true, plays[1].ID: true}
	if !ids[p.ID] || !ids[w.ID] {
		t.Fatalf("got %v", ids)
	}
}
