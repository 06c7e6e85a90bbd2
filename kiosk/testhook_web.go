//go:build js

package kiosk

import (
	"encoding/json"
	"syscall/js"

	"github.com/playhall/playhall/game/shooter"
	gsort "github.com/playhall/playhall/game/sort"
	"github.com/playhall/playhall/kiosk/flow"
)

// The web edition's test hook, for the end-to-end test that drives the page
// with real touch events (e2e/web_test.go). It exists only when the page
// sets window.PLAYHALL.test (web/main.js does for a URL with ?test=1) and
// only reads: window.playhallTest.state() returns a JSON string with the
// screen, its buttons, the live items of a round and the canvas mapping,
// every point in CSS pixels of the page (client coordinates), so a test
// knows where to touch. It changes nothing and holds nothing about anyone.

// hookPoint is a position in canvas units and in client CSS pixels.
type hookPoint struct {
	X  float64 `json:"x"` // canvas units
	Y  float64 `json:"y"`
	CX float64 `json:"cx"` // client CSS pixels
	CY float64 `json:"cy"`
}

type hookButton struct {
	hookPoint
	Kind  string  `json:"kind"`
	Band  string  `json:"band,omitempty"`
	Lang  string  `json:"lang,omitempty"`
	W     float64 `json:"w"` // client CSS pixels
	H     float64 `json:"h"`
	Label string  `json:"label"`
}

type hookItem struct {
	hookPoint
	ID    string `json:"id"`
	Kind  string `json:"kind"` // "drug" or "lookalike"
	State string `json:"state"`
}

type hookBin struct {
	hookPoint
	Kind string `json:"kind"` // "police" or "safe"
}

type hookState struct {
	Screen  string       `json:"screen"`
	Tick    int          `json:"tick"`
	Still   bool         `json:"still_there"`
	Canvas  [2]float64   `json:"canvas"`
	Scale   float64      `json:"scale"` // device pixels per canvas unit
	DPR     float64      `json:"dpr"`
	Mode    string       `json:"mode,omitempty"`
	Q       int          `json:"question"` // index of the question on a quiz screen (from 0)
	Choice  int          `json:"choice"`   // option chosen on it, -1 none
	Buttons []hookButton `json:"buttons"`
	Items   []hookItem   `json:"items"`
	Bins    []hookBin    `json:"bins,omitempty"`
	Touches int          `json:"touches"` // fingers down, each with its own id, as the input adapter tracks them
	Seized  int          `json:"seized"`
	Sorted  int          `json:"sorted"` // drugs sorted to the police plus look-alikes sorted as safe
	Sent    int          `json:"sent"`   // plays the hub has stored
	Pending int          `json:"pending"`
}

var buttonKinds = map[flow.ButtonKind]string{
	flow.BtnLanguage: "language", flow.BtnBand: "band", flow.BtnOption: "option", flow.BtnNext: "next",
	flow.BtnPrev: "prev", flow.BtnSkip: "skip", flow.BtnFinish: "finish", flow.BtnBack: "back",
}

func installTestHook(a *App) {
	cfg := js.Global().Get("PLAYHALL")
	if cfg.Type() != js.TypeObject || !cfg.Get("test").Truthy() {
		return
	}
	state := js.FuncOf(func(js.Value, []js.Value) any {
		b, err := json.Marshal(a.hookState())
		if err != nil {
			return js.Null()
		}
		return string(b)
	})
	hook := js.Global().Get("Object").New()
	hook.Set("state", state)
	js.Global().Set("playhallTest", hook)
	a.logf("web: test hook window.playhallTest installed")
}

func (a *App) hookState() hookState {
	m, v := a.m, a.view
	dpr := js.Global().Get("devicePixelRatio").Float()
	if dpr <= 0 {
		dpr = 1
	}
	left, top := 0.0, 0.0
	if cv := js.Global().Get("document").Call("querySelector", "canvas"); cv.Truthy() {
		r := cv.Call("getBoundingClientRect")
		left, top = r.Get("left").Float(), r.Get("top").Float()
	}
	pt := func(x, y float64) hookPoint {
		return hookPoint{X: x, Y: y, CX: left + (x*v.S+v.OX)/dpr, CY: top + (y*v.S+v.OY)/dpr}
	}
	c := m.Canvas()
	still, _ := m.StillThere()
	s := hookState{Screen: m.Screen().String(), Tick: m.Now(), Still: still, Canvas: [2]float64{c.W, c.H},
		Scale: v.S, DPR: dpr, Buttons: []hookButton{}, Items: []hookItem{}, Choice: -1}
	for _, b := range m.Buttons() {
		hb := hookButton{hookPoint: pt(b.Rect.X+b.Rect.W/2, b.Rect.Y+b.Rect.H/2), Kind: buttonKinds[b.Kind],
			W: b.Rect.W * v.S / dpr, H: b.Rect.H * v.S / dpr, Label: b.Label.Zh}
		switch b.Kind {
		case flow.BtnBand:
			hb.Band = string(m.BandOf(b))
		case flow.BtnLanguage:
			hb.Lang = m.LangOf(b)
		}
		s.Buttons = append(s.Buttons, hb)
	}
	if m.Screen() == flow.ScreenPreQuiz || m.Screen() == flow.ScreenQuiz {
		_, s.Q, _, s.Choice = m.Question()
	}
	s.Touches = len(a.in.touches)
	t := m.Tally()
	s.Seized = t.Seized
	s.Sorted = t.Seized + t.LookalikesSorted
	if a.plog != nil {
		st := a.plog.post.Stats()
		s.Sent, s.Pending = st.Sent, st.Pending
	}
	if m.Screen() != flow.ScreenPlay {
		return s
	}
	switch g := m.Round().(type) {
	case *shooter.Game:
		s.Mode = "shooter"
		items := g.Items()
		for i := range g.Entities() {
			e := &g.Entities()[i]
			if !e.Alive || (e.Kind != shooter.Package && e.Kind != shooter.Lookalike) || e.Item < 0 || e.Item >= len(items) {
				continue
			}
			s.Items = append(s.Items, hookItem{hookPoint: pt(e.X, e.Y), ID: items[e.Item].ID,
				Kind: items[e.Item].Kind.String(), State: e.State.String()})
		}
	case *gsort.Game:
		s.Mode = "sort"
		for _, it := range g.Items() {
			if !it.Alive {
				continue
			}
			s.Items = append(s.Items, hookItem{hookPoint: pt(it.X, it.Y), ID: it.ItemID, Kind: it.ItemKind.String(), State: it.State.String()})
		}
		for _, b := range g.Bins() {
			s.Bins = append(s.Bins, hookBin{hookPoint: pt(b.X, b.Y), Kind: b.Kind.String()})
		}
	}
	return s
}
