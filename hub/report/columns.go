package report

import (
	"math"
	"strconv"

	"github.com/playhall/playhall/hub/store"
)

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

// Cell is one output value without boxing: null, a whole number, a
// fraction or a string.
type Cell struct {
	Kind byte // CellNull, CellInt, CellFloat, CellString
	I    int64
	F    float64
	S    string
}

// Cell kinds.
const (
	CellNull byte = iota
	CellInt
	CellFloat
	CellString
)

func cInt(v int64) Cell     { return Cell{Kind: CellInt, I: v} }
func cStr(v string) Cell    { return Cell{Kind: CellString, S: v} }
func cFloat(v float64) Cell { return Cell{Kind: CellFloat, F: v} }

// cRatio is a/b rounded to 4 decimals, or null when b is 0.
func cRatio(a, b int64) Cell {
	if b == 0 {
		return Cell{}
	}
	return cFloat(round4(float64(a) / float64(b)))
}

// Any returns the cell as nil, int64, float64 or string.
func (c Cell) Any() any {
	switch c.Kind {
	case CellInt:
		return c.I
	case CellFloat:
		return c.F
	case CellString:
		return c.S
	}
	return nil
}

// Cells returns a row's values in Columns order. A hidden row shows its
// keys, plays as "<K" (small) or "suppressed" (complementary), and null for
// every other figure.
func (t *Table) Cells(r *Row, out []Cell) []Cell {
	out = out[:0]
	for i, d := range t.Query.By {
		out = append(out, cStr(r.Keys[i]))
		switch d {
		case "school":
			out = append(out, cStr(t.schoolName[r.Keys[i]]))
		case "kiosk":
			out = append(out, cStr(t.kioskName[r.Keys[i]]))
		}
	}
	plays := cInt(r.Plays(t.Query.IsDrug()))
	if r.Small {
		plays = cStr("<" + strconv.Itoa(t.Query.K))
	} else if r.Hidden {
		plays = cStr("suppressed")
	}
	null := Cell{}
	if t.Query.IsDrug() {
		c := r.Drug
		if r.Hidden {
			return append(out, cStr(r.Kind), plays, null, null, null, null, null, null)
		}
		return append(out, cStr(r.Kind), plays, cInt(c[store.DSeen]), cInt(c[store.DSeized]), cInt(c[store.DMissed]),
			cInt(c[store.DFalseAlarms]), cRatio(c[store.DSeized], c[store.DSeized]+c[store.DMissed]),
			cRatio(c[store.DFalseAlarms], c[store.DSeen]))
	}
	if r.Hidden {
		out = append(out, plays)
		for range playColumns[1:] {
			out = append(out, null)
		}
		return out
	}
	c := r.Counts
	var change, avgDur Cell
	pre, post := cRatio(c[store.CPreCorrect], c[store.CPreAnswered]), cRatio(c[store.CPrePostCorrect], c[store.CPrePostAnswered])
	if pre.Kind == CellFloat && post.Kind == CellFloat {
		change = cFloat(round4(post.F - pre.F))
	}
	if c[store.CPlays] > 0 {
		avgDur = cFloat(math.Round(float64(c[store.CDurationMs])/float64(c[store.CPlays])/100) / 10)
	}
	return append(out, plays, cInt(c[store.CCompleted]), cInt(c[store.CAbandoned]),
		cRatio(c[store.CCompleted], c[store.CPlays]), cRatio(c[store.CAbandoned], c[store.CPlays]), avgDur,
		cInt(c[store.CQuizPlays]), cRatio(c[store.CQuizCorrect], c[store.CQuizAnswered]),
		cRatio(c[store.CQuizPass], c[store.CQuizPlays]), cRatio(c[store.CQuizFull], c[store.CQuizPlays]),
		cInt(c[store.CPrePlays]), pre, post, change)
}

// Values is Cells as plain values (nil, int64, float64, string).
func (t *Table) Values(r *Row, out []any) []any {
	out = out[:0]
	for _, c := range t.Cells(r, nil) {
		out = append(out, c.Any())
	}
	return out
}

// ratio is a/b rounded to 4 decimals, or nil when b is 0.
func ratio(a, b int64) any {
	if b == 0 {
		return nil
	}
	return round4(float64(a) / float64(b))
}

func round4(x float64) float64 { return math.Round(x*10000) / 10000 }
