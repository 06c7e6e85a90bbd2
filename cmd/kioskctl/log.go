package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/playhall/playhall/kiosk/playlog"
	"github.com/playhall/playhall/record"
)

func init() {
	register("stats", "count plays in the play log (--data DIR [--json])", runStats)
	register("export", "write the play log as CSV or JSON (--data DIR --format csv|json)", runExport)
}

// logFlags returns a flag set that prints its errors and usage to stderr.
func logFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("kioskctl "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// logParse parses args and insists on --data; it returns the exit code to
// use when parsing failed (or -1 to go on).
func logParse(fs *flag.FlagSet, args []string, data *string, stderr io.Writer) int {
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return 2
	}
	if *data == "" {
		fmt.Fprintf(stderr, "%s: --data DIR is required (the kiosk's data folder)\n", fs.Name())
		return 2
	}
	return -1
}

// LogDrugCount is one drug's or look-alike's totals over the stored plays.
type LogDrugCount struct {
	Plays       int `json:"plays"` // plays in which it appeared
	Seen        int `json:"seen"`
	Seized      int `json:"seized"`
	Missed      int `json:"missed"`
	FalseAlarms int `json:"false_alarms"`
}

// LogStats is `kioskctl stats --json`.
type LogStats struct {
	Epoch      string                   `json:"epoch"`
	Records    int                      `json:"records"`
	Plays      int                      `json:"plays"`
	Visits     int                      `json:"visits"`
	Students   int                      `json:"visit_students"`
	Unsynced   int                      `json:"unsynced"`
	Corrupt    int                      `json:"corrupt"`
	LostToHub  int                      `json:"lost_to_hub,omitempty"` // see playlog.Status.LostToHub
	First      *time.Time               `json:"first_start,omitempty"`
	Last       *time.Time               `json:"last_start,omitempty"`
	Bands      map[string]int           `json:"bands"`
	Levels     map[string]int           `json:"levels"`
	Modes      map[string]int           `json:"modes"`
	Ends       map[string]int           `json:"ends"`
	Sources    map[string]int           `json:"sources"`
	Langs      map[string]int           `json:"langs"`
	Days       map[string]int           `json:"days"` // local date of start
	Drugs      map[string]*LogDrugCount `json:"drugs"`
	Lookalikes map[string]*LogDrugCount `json:"lookalikes"`
	QuizAnswer int                      `json:"quiz_answers"`
	QuizRight  int                      `json:"quiz_correct"`
}

func collectLogStats(dir string) (*LogStats, error) {
	s := &LogStats{Bands: map[string]int{}, Levels: map[string]int{}, Modes: map[string]int{}, Ends: map[string]int{},
		Sources: map[string]int{}, Langs: map[string]int{}, Days: map[string]int{},
		Drugs: map[string]*LogDrugCount{}, Lookalikes: map[string]*LogDrugCount{}}
	in, err := playlog.Walk(dir, func(e record.Entry) error {
		switch {
		case e.Kind == playlog.KindCorrupt:
			s.Corrupt++
		case e.Visit != nil:
			s.Visits++
			s.Students += e.Visit.Students
		case e.Play != nil:
			p := e.Play
			s.Plays++
			s.Bands[p.Band]++
			s.Levels[p.Level]++
			s.Modes[p.Mode]++
			s.Ends[string(p.End)]++
			s.Sources[string(p.Source)]++
			s.Langs[p.Lang]++
			s.Days[p.Start.Local().Format("2006-01-02")]++
			if s.First == nil || p.Start.Before(*s.First) {
				t := p.Start
				s.First = &t
			}
			if s.Last == nil || p.Start.After(*s.Last) {
				t := p.Start
				s.Last = &t
			}
			for _, it := range p.Items {
				m := s.Drugs
				if it.Kind == "lookalike" {
					m = s.Lookalikes
				}
				c := m[it.ID]
				if c == nil {
					c = &LogDrugCount{}
					m[it.ID] = c
				}
				c.Plays++
				c.Seen += it.Seen
				c.Seized += it.Seized
				c.Missed += it.Missed
				c.FalseAlarms += it.FalseAlarms
			}
			for _, a := range p.Answers {
				s.QuizAnswer++
				if a.Correct {
					s.QuizRight++
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.Epoch, s.Records, s.LostToHub = in.Epoch, in.Records, int(in.LostToHub)
	if in.LastSeq > in.AckedSeq {
		s.Unsynced = int(in.LastSeq - in.AckedSeq)
	}
	return s, nil
}

func runStats(args []string, stdout, stderr io.Writer) int {
	fs := logFlags("stats", stderr)
	data := fs.String("data", "", "the kiosk's data folder")
	asJSON := fs.Bool("json", false, "print JSON")
	if code := logParse(fs, args, data, stderr); code >= 0 {
		return code
	}
	s, err := collectLogStats(*data)
	if err != nil {
		fmt.Fprintln(stderr, "kioskctl stats:", err)
		return 1
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(s)
		return 0
	}
	fmt.Fprintf(stdout, "plays %d, visits %d (%d students), records %d, not yet synced %d, epoch %s\n",
		s.Plays, s.Visits, s.Students, s.Records, s.Unsynced, s.Epoch)
	if s.Corrupt > 0 {
		fmt.Fprintf(stdout, "UNREADABLE RECORDS: %d (run kioskctl db check)\n", s.Corrupt)
	}
	if s.LostToHub > 0 {
		fmt.Fprintf(stdout, "LOST TO THE HUB: %d records (pruned here before a hub restored from an older backup asked for them again)\n", s.LostToHub)
	}
	if s.First != nil {
		fmt.Fprintf(stdout, "first play %s, last play %s\n", s.First.Local().Format("2006-01-02 15:04"), s.Last.Local().Format("2006-01-02 15:04"))
	}
	for _, g := range []struct {
		name string
		m    map[string]int
	}{{"band", s.Bands}, {"level", s.Levels}, {"mode", s.Modes}, {"end", s.Ends}, {"source", s.Sources}, {"lang", s.Langs}} {
		fmt.Fprintf(stdout, "%-7s %s\n", g.name, logFormatCounts(g.m))
	}
	if s.QuizAnswer > 0 {
		fmt.Fprintf(stdout, "quiz    %d of %d answers correct (%.0f%%)\n", s.QuizRight, s.QuizAnswer, 100*float64(s.QuizRight)/float64(s.QuizAnswer))
	}
	for _, g := range []struct {
		name string
		m    map[string]*LogDrugCount
	}{{"drug", s.Drugs}, {"look-alike", s.Lookalikes}} {
		if len(g.m) == 0 {
			continue
		}
		fmt.Fprintf(stdout, "%-20s %6s %6s %6s %6s %6s\n", g.name, "plays", "seen", "seized", "missed", "false")
		for _, id := range logSortedKeys(g.m) {
			c := g.m[id]
			fmt.Fprintf(stdout, "%-20s %6d %6d %6d %6d %6d\n", id, c.Plays, c.Seen, c.Seized, c.Missed, c.FalseAlarms)
		}
	}
	return 0
}

func logSortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func logFormatCounts(m map[string]int) string {
	if len(m) == 0 {
		return "-"
	}
	var parts []string
	for _, k := range logSortedKeys(m) {
		parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
	}
	return strings.Join(parts, " ")
}

var csvHeader = []string{"seq", "kind", "id", "kiosk_id", "source", "content_version", "app_version", "start", "end_time",
	"duration_s", "band", "lang", "visit_group", "students", "level", "mode", "end", "score", "arrests", "boss_caught", "items", "answers"}

func csvRow(e record.Entry) []string {
	row := make([]string, len(csvHeader))
	row[0], row[1] = strconv.FormatUint(e.Seq, 10), e.Kind
	if v := e.Visit; v != nil {
		row[2], row[3], row[7] = v.ID, v.KioskID, v.Start.Format(time.RFC3339)
		if !v.End.IsZero() {
			row[8] = v.End.Format(time.RFC3339)
		}
		row[12], row[13] = v.Label, strconv.Itoa(v.Students)
	}
	if p := e.Play; p != nil {
		var items, answers []string
		for _, it := range p.Items {
			items = append(items, fmt.Sprintf("%s:%s:%d/%d/%d/%d", it.ID, it.Kind, it.Seen, it.Seized, it.Missed, it.FalseAlarms))
		}
		for _, a := range p.Answers {
			answers = append(answers, fmt.Sprintf("%s:%s:%d:%t", a.Question, a.Phase, a.Choice, a.Correct))
		}
		copy(row[2:], []string{p.ID, p.KioskID, string(p.Source), p.ContentVersion, p.AppVersion, p.Start.Format(time.RFC3339), "",
			strconv.FormatFloat(p.Duration, 'f', -1, 64), p.Band, p.Lang, p.VisitGroup, "", p.Level, p.Mode, string(p.End),
			strconv.Itoa(p.Score), strconv.Itoa(p.Arrests), strconv.FormatBool(p.BossCaught),
			strings.Join(items, " "), strings.Join(answers, " ")})
	}
	return row
}

func runExport(args []string, stdout, stderr io.Writer) int {
	fs := logFlags("export", stderr)
	data := fs.String("data", "", "the kiosk's data folder")
	format := fs.String("format", "csv", "csv or json")
	bom := fs.Bool("bom", false, "start CSV with a UTF-8 byte-order mark (for Excel)")
	if code := logParse(fs, args, data, stderr); code >= 0 {
		return code
	}
	var err error
	switch *format {
	case "csv":
		if *bom {
			io.WriteString(stdout, "\ufeff")
		}
		w := csv.NewWriter(stdout)
		w.Write(csvHeader)
		_, err = playlog.Walk(*data, func(e record.Entry) error { return w.Write(csvRow(e)) })
		w.Flush()
		if err == nil {
			err = w.Error()
		}
	case "json":
		// A JSON array of record.Entry, one per line, written as it is read.
		first := true
		io.WriteString(stdout, "[")
		_, err = playlog.Walk(*data, func(e record.Entry) error {
			b, err := json.Marshal(e)
			if err != nil {
				return err
			}
			if !first {
				io.WriteString(stdout, ",")
			}
			first = false
			_, err = fmt.Fprintf(stdout, "\n%s", b)
			return err
		})
		io.WriteString(stdout, "\n]\n")
	default:
		fmt.Fprintf(stderr, "kioskctl export: --format %q: use csv or json\n", *format)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "kioskctl export:", err)
		return 1
	}
	return 0
}
