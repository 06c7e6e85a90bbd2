package flow

import "github.com/playhall/playhall/levels"

// layout computes the current screen's buttons for the canvas.
func (m *Machine) layout() {
	c := m.env.Canvas
	m.buttons = m.buttons[:0]
	add := func(b Button) { m.buttons = append(m.buttons, b) }
	switch m.screen {
	case ScreenLanguage:
		n := len(m.env.Languages)
		var rs []Rect
		if c.Portrait() {
			rs = column(c, n, 820, c.W-2*Margin-160, 300, 64)
		} else {
			w := 640.0
			rs = grid(n, n, (c.W-float64(n)*w-float64(n-1)*80)/2, 480, float64(n)*w+float64(n-1)*80, 340, 80)
		}
		for i, l := range m.env.Languages {
			add(Button{Kind: BtnLanguage, Index: i, Rect: rs[i], Label: LanguageNames[l]})
		}
	case ScreenBand:
		n := len(m.env.Bands)
		var rs []Rect
		if c.Portrait() {
			cols := min(n, 2)
			rs = grid(n, cols, Margin+24, 560, c.W-2*Margin-48, 500, 40)
		} else {
			rs = grid(n, n, Margin+40, 360, c.W-2*Margin-80, 480, 40)
		}
		for i, b := range m.env.Bands {
			add(Button{Kind: BtnBand, Index: i, Rect: rs[i], Label: BandNames[b]})
		}
		if len(m.env.Languages) > 1 {
			add(Button{Kind: BtnBack, Rect: Rect{Margin, Margin, 220, 130}, Label: LabelBack})
		}
	case ScreenPreQuiz, ScreenQuiz:
		q, _, _, choice := m.Question()
		if q == nil {
			return
		}
		if m.screen == ScreenQuiz && choice >= 0 {
			// Answered: options become the explanation list; Next continues.
			add(bottomButton(c, BtnNext, LabelNext))
			return
		}
		rs := optionRects(c, len(q.Options))
		for i, o := range q.Options {
			add(Button{Kind: BtnOption, Index: i, Rect: rs[i], Label: o.Text})
		}
	case ScreenHowTo:
		add(Button{Kind: BtnSkip, Rect: Rect{c.W - Margin - 300, c.H - Margin - 140, 300, 140}, Label: LabelSkip})
	case ScreenResults:
		if len(m.cards) > 1 {
			cr := ResultsCardRect(c)
			y := cr.Y + cr.H/2 - 80
			add(Button{Kind: BtnPrev, Rect: Rect{cr.X - 24 - 140, y, 140, 160}, Label: LabelPrev})
			add(Button{Kind: BtnNext, Rect: Rect{cr.X + cr.W + 24, y, 140, 160}, Label: LabelNext})
		}
		label := LabelToQuiz
		if len(m.post) == 0 {
			label = LabelToPledge
		}
		add(bottomButton(c, BtnFinish, label))
	case ScreenPledge:
		add(bottomButton(c, BtnFinish, LabelFinish))
	}
}

// ResultsCardRect is where the results screen draws the learning card;
// exported so the drawing layer and the layout agree.
func ResultsCardRect(c Canvas) Rect {
	if c.Portrait() {
		return Rect{Margin + 164, resultsCardY(c), c.W - 2*Margin - 328, resultsCardH(c)}
	}
	return Rect{780, resultsCardY(c), c.W - 780 - Margin - 188, resultsCardH(c)}
}

func resultsCardY(c Canvas) float64 {
	if c.Portrait() {
		return 760
	}
	return 200
}

func resultsCardH(c Canvas) float64 {
	if c.Portrait() {
		return 820
	}
	return 620
}

// BandOf returns the band a band button stands for.
func (m *Machine) BandOf(b Button) levels.Band {
	if b.Kind == BtnBand && b.Index < len(m.env.Bands) {
		return m.env.Bands[b.Index]
	}
	return ""
}

// LangOf returns the language a language button stands for.
func (m *Machine) LangOf(b Button) string {
	if b.Kind == BtnLanguage && b.Index < len(m.env.Languages) {
		return m.env.Languages[b.Index]
	}
	return ""
}
