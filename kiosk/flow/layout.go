package flow

import "github.com/playhall/playhall/levels"

// Rect is an axis-aligned rectangle in canvas units.
type Rect struct{ X, Y, W, H float64 }

// Contains reports whether (x, y) lies in r grown by pad on every side.
func (r Rect) Contains(x, y, pad float64) bool {
	return x >= r.X-pad && x < r.X+r.W+pad && y >= r.Y-pad && y < r.Y+r.H+pad
}

// Center returns r's centre.
func (r Rect) Center() (float64, float64) { return r.X + r.W/2, r.Y + r.H/2 }

// HitPad is how far outside a button's drawn shape a touch still counts.
const HitPad = 12

// Button is one touch target on a screen. Kind tells the drawing layer
// which look to give it; Index is the option, band or language index.
type Button struct {
	Kind  ButtonKind
	Index int
	Rect  Rect
	Label levels.Text
}

// ButtonKind names what a button does.
type ButtonKind uint8

// Button kinds.
const (
	BtnLanguage ButtonKind = iota + 1
	BtnBand
	BtnOption // an answer option of a question
	BtnNext   // continue / next question / next card
	BtnPrev   // previous learning card
	BtnSkip   // skip the how-to
	BtnFinish // finish the pledge
	BtnBack   // back to the language choice
)

// Canvas is the logical size the layout is made for.
type Canvas struct{ W, H float64 }

// Portrait reports whether the canvas is taller than wide.
func (c Canvas) Portrait() bool { return c.H > c.W }

// Margin is the safe margin on every side.
const Margin = 48

// column returns n rects of height h stacked from y with gap, each full width
// inside the margins (portrait) or width w centred (landscape).
func column(c Canvas, n int, y, w, h, gap float64) []Rect {
	out := make([]Rect, n)
	x := (c.W - w) / 2
	for i := range out {
		out[i] = Rect{x, y + float64(i)*(h+gap), w, h}
	}
	return out
}

// grid returns n rects in cols columns filling width w from (x0, y).
func grid(n, cols int, x0, y, w, h, gap float64) []Rect {
	out := make([]Rect, n)
	cw := (w - float64(cols-1)*gap) / float64(cols)
	for i := range out {
		r, col := i/cols, i%cols
		out[i] = Rect{x0 + float64(col)*(cw+gap), y + float64(r)*(h+gap), cw, h}
	}
	return out
}

// bottomButton is the wide primary button near the bottom edge.
func bottomButton(c Canvas, kind ButtonKind, label levels.Text) Button {
	w, h := 560.0, 150.0
	if c.Portrait() {
		w = c.W - 2*Margin - 160
	}
	return Button{Kind: kind, Rect: Rect{(c.W - w) / 2, c.H - Margin - h - 24, w, h}, Label: label}
}

// optionRects lays out n answer options under a prompt.
func optionRects(c Canvas, n int) []Rect {
	if c.Portrait() {
		return column(c, n, 760, c.W-2*Margin-40, 190, 32)
	}
	if n <= 2 {
		return grid(n, n, Margin+120, 520, c.W-2*Margin-240, 260, 48)
	}
	return grid(n, 2, Margin+120, 440, c.W-2*Margin-240, 200, 40)
}

// Labels shared by the flow's screens.
var (
	LabelNext     = levels.Text{Zh: "继续", En: "Next"}
	LabelSkip     = levels.Text{Zh: "跳过", En: "Skip"}
	LabelFinish   = levels.Text{Zh: "完成", En: "Finish"}
	LabelPrev     = levels.Text{Zh: "上一张", En: "Back"}
	LabelBack     = levels.Text{Zh: "返回", En: "Back"}
	LabelToQuiz   = levels.Text{Zh: "去答题", En: "Take the quiz"}
	LabelToPledge = levels.Text{Zh: "去宣誓", En: "Take the pledge"}
	LanguageNames = map[string]levels.Text{
		"zh": {Zh: "中文", En: "Chinese"},
		"en": {Zh: "English", En: "English"},
	}
	BandNames = map[levels.Band]levels.Text{
		levels.BandPrimary: {Zh: "小学", En: "Primary"},
		levels.BandJunior:  {Zh: "初中", En: "Junior high"},
		levels.BandSenior:  {Zh: "高中·中职", En: "Senior high"},
		levels.BandAdult:   {Zh: "成人", En: "Adults"},
	}
)
