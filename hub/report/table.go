package report

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/playhall/playhall/hub/store"
)

// Row is one aggregated report row.
type Row struct {
	Keys   []string // one value per Query.By dimension
	Counts store.Counts
	Drug   store.DrugCounts
	Kind   string // drug rows: "drug" or "lookalike"
	Small  bool   // under K: shown as "<K"
	Hidden bool   // Small, or hidden to protect another cell
}

// Plays is the row's play count (plays in which the item appeared, for drug rows).
func (r *Row) Plays(drug bool) int64 {
	if drug {
		return r.Drug[store.DPlays]
	}
	return r.Counts[store.CPlays]
}

// Table is a computed, suppressed report.
type Table struct {
	Query Query
	Rows  []Row
	// names for labels
	schoolName, schoolDistrict, kioskName, kioskSchool map[string]string
}

const sep = "\x1f"

// Build aggregates the roll-ups for q and applies the small-cell rule.
// It holds the store's read lock only while aggregating.
func Build(s *store.Store, q Query) *Table {
	t := &Table{Query: q, schoolName: map[string]string{}, schoolDistrict: map[string]string{},
		kioskName: map[string]string{}, kioskSchool: map[string]string{}}
	idx := map[string]int{}
	keys := make([]string, len(q.By))
	s.View(func(v *store.Snapshot) {
		for code, sc := range v.Schools {
			t.schoolName[code] = sc.Name
			t.schoolDistrict[code] = sc.District
		}
		t.schoolName[store.WebSchool] = "网络版 (web)"
		t.schoolDistrict[store.WebSchool] = store.WebSchool
		for id, k := range v.Kiosks {
			t.kioskName[id] = k.Name
			t.kioskSchool[id] = k.School
		}
		t.kioskName[store.WebKiosk] = "网络版 (web)"
		t.kioskSchool[store.WebKiosk] = store.WebSchool
		add := func(day int32, dim func(string) string) *Row {
			for i, d := range q.By {
				keys[i] = dim(d)
			}
			k := strings.Join(keys, sep)
			i, ok := idx[k]
			if !ok {
				i = len(t.Rows)
				idx[k] = i
				t.Rows = append(t.Rows, Row{Keys: append([]string(nil), keys...)})
			}
			return &t.Rows[i]
		}
		if q.IsDrug() {
			for ck, c := range v.Drugs {
				if ck.Day < q.From || ck.Day > q.To {
					continue
				}
				dim := func(d string) string {
					switch d {
					case "drug":
						return ck.Item
					case "band":
						return ck.Band
					case "school":
						return ck.School
					case "district":
						return t.district(ck.School)
					}
					return periodKey(d, ck.Day)
				}
				if !t.match(q.Filter, dim) {
					continue
				}
				r := add(ck.Day, dim)
				r.Kind = ck.Kind
				for i := range c {
					r.Drug[i] += c[i]
				}
			}
			return
		}
		for ck, c := range v.Cells {
			if ck.Day < q.From || ck.Day > q.To {
				continue
			}
			dim := func(d string) string {
				switch d {
				case "school":
					return ck.School
				case "kiosk":
					return ck.Kiosk
				case "band":
					return ck.Band
				case "level":
					return ck.Level
				case "language":
					return ck.Lang
				case "source":
					return ck.Source
				case "district":
					return t.district(ck.School)
				}
				return periodKey(d, ck.Day)
			}
			if !t.match(q.Filter, dim) {
				continue
			}
			r := add(ck.Day, dim)
			for i := range c {
				r.Counts[i] += c[i]
			}
		}
	})
	sort.Slice(t.Rows, func(i, j int) bool {
		a, b := t.Rows[i].Keys, t.Rows[j].Keys
		for x := range a {
			if a[x] != b[x] {
				return a[x] < b[x]
			}
		}
		return false
	})
	t.suppress()
	return t
}

func (t *Table) match(f map[string]string, dim func(string) string) bool {
	for d, want := range f {
		if dim(d) != want {
			return false
		}
	}
	return true
}

func (t *Table) district(school string) string {
	if d, ok := t.schoolDistrict[school]; ok {
		return d
	}
	return "(unknown)"
}

func periodKey(d string, day int32) string {
	switch d {
	case "day":
		return DayLabel(day)
	case "week":
		return WeekLabel(day)
	case "month":
		return MonthLabel(day)
	}
	return ""
}

// suppress builds the marginal groups and applies Suppress.
func (t *Table) suppress() {
	q := t.Query
	values := make([]int64, len(t.Rows))
	for i := range t.Rows {
		values[i] = t.Rows[i].Plays(q.IsDrug())
	}
	var groups [][]int
	addGroups := func(extra func(r *Row, dim int) string, dim int) {
		m := map[string][]int{}
		var sb strings.Builder
		for i := range t.Rows {
			r := &t.Rows[i]
			sb.Reset()
			for x, k := range r.Keys {
				if x != dim {
					sb.WriteString(k)
					sb.WriteString(sep)
				}
			}
			if extra != nil {
				sb.WriteString(extra(r, dim))
			}
			m[sb.String()] = append(m[sb.String()], i)
		}
		for _, g := range m {
			groups = append(groups, g)
		}
	}
	for dim, d := range q.By {
		addGroups(nil, dim)
		switch d {
		case "day":
			addGroups(func(r *Row, dim int) string { return WeekLabel(dayOfLabel(r.Keys[dim])) }, dim)
			addGroups(func(r *Row, dim int) string { return MonthLabel(dayOfLabel(r.Keys[dim])) }, dim)
		case "school":
			addGroups(func(r *Row, dim int) string { return t.district(r.Keys[dim]) }, dim)
		case "kiosk":
			addGroups(func(r *Row, dim int) string { return t.kioskSchool[r.Keys[dim]] }, dim)
			addGroups(func(r *Row, dim int) string { return t.district(t.kioskSchool[r.Keys[dim]]) }, dim)
		}
	}
	small, hidden := Suppress(values, groups, q.K)
	for i := range t.Rows {
		t.Rows[i].Small, t.Rows[i].Hidden = small[i], hidden[i]
	}
}

func dayOfLabel(s string) int32 {
	d, _ := parseDay(s, 0)
	return d
}

// Column describes one output column.
type Column struct {
	Key string `json:"key"` // JSON key and CSV header in English
	ZH  string `json:"zh"`  // header for people, Chinese
	EN  string `json:"en"`  // header for people, English
}

var playColumns = []Column{
	{"plays", "游玩次数", "Plays"},
	{"completed", "完成次数", "Completed"},
	{"abandoned", "中途离开", "Abandoned"},
	{"completion_rate", "完成率", "Completion rate"},
	{"abandonment_rate", "离开率", "Abandonment rate"},
	{"avg_duration_s", "平均时长(秒)", "Average duration (s)"},
	{"quiz_plays", "答题次数", "Quiz plays"},
	{"quiz_avg", "答题正确率", "Quiz average"},
	{"pass_rate", "及格率(≥60%)", "Pass rate (≥60%)"},
	{"full_marks_rate", "满分率", "Full-marks rate"},
	{"pre_plays", "有前测次数", "Plays with pre-quiz"},
	{"pre_correct_rate", "前测正确率", "Pre-quiz correct"},
	{"post_correct_rate", "后测正确率", "Post-quiz correct"},
	{"pre_post_change", "前后测变化", "Pre/post change"},
}

var drugColumns = []Column{
	{"kind", "类别", "Kind"},
	{"plays", "出现局数", "Plays seen in"},
	{"seen", "出现次数", "Seen"},
	{"seized", "查获", "Seized"},
	{"missed", "漏掉", "Missed"},
	{"false_alarms", "误抓(相似物)", "False alarms"},
	{"recognition_rate", "识别率", "Recognition rate"},
	{"false_alarm_rate", "误抓率", "False-alarm rate"},
}

var keyHeaders = map[string][2]string{
	"day": {"日期", "Day"}, "week": {"周", "Week"}, "month": {"月份", "Month"},
	"district": {"区县", "District"}, "school": {"学校代码", "School code"}, "school_name": {"学校", "School"},
	"kiosk": {"终端", "Kiosk"}, "kiosk_name": {"终端名称", "Kiosk name"}, "band": {"年龄段", "Age band"},
	"level": {"关卡", "Level"}, "language": {"语言", "Language"}, "source": {"来源", "Source"}, "drug": {"毒品/相似物", "Drug / look-alike"},
}

// Columns lists the table's columns in order: keys (with school and kiosk
// names after their codes), then the metrics.
func (t *Table) Columns() []Column {
	var cols []Column
	for _, d := range t.Query.By {
		h := keyHeaders[d]
		cols = append(cols, Column{d, h[0], h[1]})
		if d == "school" || d == "kiosk" {
			n := d + "_name"
			h := keyHeaders[n]
			cols = append(cols, Column{n, h[0], h[1]})
		}
	}
	if t.Query.IsDrug() {
		return append(cols, drugColumns...)
	}
	return append(cols, playColumns...)
}

// Values returns a row's values in Columns order. A hidden row shows its
// keys, plays as "<K" (small) or "suppressed" (complementary), and nil for
// every other figure.
func (t *Table) Values(r *Row, out []any) []any {
	out = out[:0]
	for i, d := range t.Query.By {
		out = append(out, r.Keys[i])
		switch d {
		case "school":
			out = append(out, t.schoolName[r.Keys[i]])
		case "kiosk":
			out = append(out, t.kioskName[r.Keys[i]])
		}
	}
	plays := any(r.Plays(t.Query.IsDrug()))
	if r.Small {
		plays = "<" + strconv.Itoa(t.Query.K)
	} else if r.Hidden {
		plays = "suppressed"
	}
	if t.Query.IsDrug() {
		c := r.Drug
		if r.Hidden {
			return append(out, r.Kind, plays, nil, nil, nil, nil, nil, nil)
		}
		return append(out, r.Kind, plays, c[store.DSeen], c[store.DSeized], c[store.DMissed], c[store.DFalseAlarms],
			ratio(c[store.DSeized], c[store.DSeized]+c[store.DMissed]), ratio(c[store.DFalseAlarms], c[store.DSeen]))
	}
	if r.Hidden {
		out = append(out, plays)
		for range playColumns[1:] {
			out = append(out, nil)
		}
		return out
	}
	c := r.Counts
	var change any
	pre, post := ratio(c[store.CPreCorrect], c[store.CPreAnswered]), ratio(c[store.CPrePostCorrect], c[store.CPrePostAnswered])
	if pre != nil && post != nil {
		change = round4(post.(float64) - pre.(float64))
	}
	var avgDur any
	if c[store.CPlays] > 0 {
		avgDur = math.Round(float64(c[store.CDurationMs])/float64(c[store.CPlays])/100) / 10
	}
	return append(out, plays, c[store.CCompleted], c[store.CAbandoned],
		ratio(c[store.CCompleted], c[store.CPlays]), ratio(c[store.CAbandoned], c[store.CPlays]), avgDur,
		c[store.CQuizPlays], ratio(c[store.CQuizCorrect], c[store.CQuizAnswered]),
		ratio(c[store.CQuizPass], c[store.CQuizPlays]), ratio(c[store.CQuizFull], c[store.CQuizPlays]),
		c[store.CPrePlays], pre, post, change)
}

// ratio is a/b rounded to 4 decimals, or nil when b is 0.
func ratio(a, b int64) any {
	if b == 0 {
		return nil
	}
	return round4(float64(a) / float64(b))
}

func round4(x float64) float64 { return math.Round(x*10000) / 10000 }
