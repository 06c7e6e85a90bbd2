package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/playhall/playhall/internal/testbin"
	"github.com/playhall/playhall/record"
)

// webDir returns a built web edition: $PLAYHALL_WEB_DIR when set (build.sh
// can point it at the dist/web it just built), else a fresh build of the
// current tree made by scripts/web.sh into a temporary folder.
func webDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("PLAYHALL_WEB_DIR"); d != "" {
		for _, f := range []string{"index.html", "main.js", "wasm_exec.js", "playhall.wasm"} {
			if _, err := os.Stat(filepath.Join(d, f)); err != nil {
				t.Fatalf("PLAYHALL_WEB_DIR=%s: %v", d, err)
			}
		}
		return d
	}
	root, err := testbin.Root()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "web")
	cmd := exec.Command(filepath.Join(root, "scripts", "web.sh"), out)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scripts/web.sh %s: %v\n%s", out, err, b)
	}
	return out
}

// The page's view of the game, from the test hook (kiosk/testhook_web.go).
type point struct {
	X  float64 `json:"x"`
	Y  float64 `json:"y"`
	CX float64 `json:"cx"`
	CY float64 `json:"cy"`
}

type hookItem struct {
	point
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	State string `json:"state"`
}

type hookState struct {
	Screen  string `json:"screen"`
	Tick    int    `json:"tick"`
	Still   bool   `json:"still_there"`
	Mode    string `json:"mode"`
	Q       int    `json:"question"`
	Choice  int    `json:"choice"`
	Buttons []struct {
		point
		Kind string `json:"kind"`
		Band string `json:"band"`
		Lang string `json:"lang"`
	} `json:"buttons"`
	Items []hookItem `json:"items"`
	Bins  []struct {
		point
		Kind string `json:"kind"`
	} `json:"bins"`
	Touches int `json:"touches"`
	Seized  int `json:"seized"`
	Sorted  int `json:"sorted"`
	Sent    int `json:"sent"`
	Pending int `json:"pending"`
}

// webPage drives the web edition in one tab with DevTools touch events.
type webPage struct {
	t      *testing.T
	ctx    context.Context
	w, h   float64 // viewport in CSS pixels
	nextID float64
	seized []string // drug ids the test saw seized or sorted to the police
}

func (p *webPage) state() hookState {
	p.t.Helper()
	js, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`window.playhallTest.state()`))
	if err != nil {
		p.t.Fatalf("test hook: %v", err)
	}
	var s hookState
	if err := json.Unmarshal([]byte(js), &s); err != nil {
		p.t.Fatalf("test hook: %v in %s", err, js)
	}
	return s
}

// waitFor polls the game's state until cond holds, failing after d.
func (p *webPage) waitFor(what string, d time.Duration, cond func(hookState) bool) hookState {
	p.t.Helper()
	deadline := time.Now().Add(d)
	tick := time.NewTicker(40 * time.Millisecond)
	defer tick.Stop()
	for {
		s := p.state()
		if cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("waited %v for %s; the game shows %+v", d, what, s)
		}
		<-tick.C
	}
}

// ticksPass waits until the game has run n more ticks, so it has polled the
// touch state in between (the game reads touches once per tick).
func (p *webPage) ticksPass(n int) hookState {
	p.t.Helper()
	t0 := p.state().Tick
	return p.waitFor(fmt.Sprintf("%d ticks", n), time.Minute, func(s hookState) bool { return s.Tick >= t0+n })
}

func (p *webPage) touch(typ input.DispatchTouchEventType, id, x, y float64) {
	p.t.Helper()
	params := input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{}}
	if typ != input.DispatchTouchEventTypeTouchEnd {
		params.TouchPoints = []*input.TouchPoint{{X: x, Y: y, ID: &id}}
	}
	if _, err := chromedp.Call(p.ctx, input.DispatchTouchEvent, params); err != nil {
		p.t.Fatalf("Input.dispatchTouchEvent %s: %v", typ, err)
	}
}

// tap is one finger down and up at (x, y) CSS pixels, held for two ticks.
func (p *webPage) tap(x, y float64) {
	p.t.Helper()
	p.nextID++
	p.touch(input.DispatchTouchEventTypeTouchStart, p.nextID, x, y)
	p.ticksPass(2)
	p.touch(input.DispatchTouchEventTypeTouchEnd, p.nextID, x, y)
	p.ticksPass(2)
}

// tap2 puts two fingers down at once (one touchStart with two points, as a
// hand does), holds them two ticks and lifts them. It returns how many
// separate touches the game tracked while both were down.
func (p *webPage) tap2(x1, y1, x2, y2 float64) int {
	p.t.Helper()
	a, b := p.nextID+1, p.nextID+2
	p.nextID += 2
	params := input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchStart,
		TouchPoints: []*input.TouchPoint{{X: x1, Y: y1, ID: &a}, {X: x2, Y: y2, ID: &b}}}
	if _, err := chromedp.Call(p.ctx, input.DispatchTouchEvent, params); err != nil {
		p.t.Fatalf("Input.dispatchTouchEvent two fingers: %v", err)
	}
	held := p.ticksPass(2).Touches
	p.touch(input.DispatchTouchEventTypeTouchEnd, 0, 0, 0)
	p.ticksPass(2)
	return held
}

// drag puts a finger down at from, moves it to to in steps (a tick each)
// and lifts it there.
func (p *webPage) drag(fx, fy, tx, ty float64, steps int) {
	p.t.Helper()
	p.nextID++
	id := p.nextID
	p.touch(input.DispatchTouchEventTypeTouchStart, id, fx, fy)
	p.ticksPass(2)
	for i := 1; i <= steps; i++ {
		f := float64(i) / float64(steps)
		p.touch(input.DispatchTouchEventTypeTouchMove, id, fx+(tx-fx)*f, fy+(ty-fy)*f)
		p.ticksPass(1)
	}
	p.touch(input.DispatchTouchEventTypeTouchEnd, id, tx, ty)
	p.ticksPass(2)
}

func (p *webPage) button(s hookState, kind, band, lang string) (point, bool) {
	for _, b := range s.Buttons {
		if b.Kind == kind && (band == "" || b.Band == band) && (lang == "" || b.Lang == lang) {
			return b.point, true
		}
	}
	return point{}, false
}

func (p *webPage) tapButton(s hookState, kind, band, lang string) {
	p.t.Helper()
	b, ok := p.button(s, kind, band, lang)
	if !ok {
		p.t.Fatalf("no %s button (band %q lang %q) on %s: %+v", kind, band, lang, s.Screen, s.Buttons)
	}
	p.tap(b.CX, b.CY)
}

const long = 4 * time.Minute // the page runs slowly in a software-rendered headless browser

// startRound goes from the attract screen to a round for band, touching
// the screens a visitor touches: anywhere to start, a language, the band,
// an answer to every pre-play question, and Skip on the how-to.
func (p *webPage) startRound(band, mode string) hookState {
	p.t.Helper()
	p.waitFor("the attract screen", long, func(s hookState) bool { return s.Screen == "attract" })
	p.tap(p.w/2, p.h*0.6)
	s := p.waitFor("the language screen", long, func(s hookState) bool { return s.Screen == "language" })
	p.tapButton(s, "language", "", "zh")
	s = p.waitFor("the band screen", long, func(s hookState) bool { return s.Screen == "band" })
	p.tapButton(s, "band", band, "")
	for {
		s = p.waitFor("a question, the how-to or the round", long, func(s hookState) bool {
			return s.Screen == "prequiz" || s.Screen == "howto" || s.Screen == "play"
		})
		switch s.Screen {
		case "prequiz":
			q := s.Q
			p.tapButton(s, "option", "", "")
			p.waitFor("the next question", long, func(n hookState) bool { return n.Screen != "prequiz" || n.Q != q })
		case "howto":
			p.tapButton(s, "skip", "", "")
			p.waitFor("the round", long, func(s hookState) bool { return s.Screen == "play" })
		case "play":
			if s.Mode != mode {
				p.t.Fatalf("band %s plays %q, want %q", band, s.Mode, mode)
			}
			return s
		}
	}
}

func inside(pt point, w, h float64) bool {
	return pt.CX > 8 && pt.CY > 8 && pt.CX < w-8 && pt.CY < h-8
}

// seizeInShooter taps flying drug packages until the game counts a
// seizure. The first tap uses two fingers at once (the second on another
// drug, or on the river), and the game must see two separate touches.
func (p *webPage) seizeInShooter() {
	p.t.Helper()
	deadline := time.Now().Add(long)
	twoFingers := false
	for time.Now().Before(deadline) {
		s := p.state()
		if s.Screen != "play" {
			p.t.Fatalf("the round ended before a drug was seized: %+v", s)
		}
		var drugs []hookItem
		for _, it := range s.Items {
			if it.Kind == "drug" && it.State == "flying" && inside(it.point, p.w, p.h) {
				drugs = append(drugs, it)
			}
		}
		if len(drugs) == 0 {
			p.ticksPass(1)
			continue
		}
		before := s.Seized
		if !twoFingers {
			x2, y2 := p.w/2, p.h*0.97
			if len(drugs) > 1 {
				x2, y2 = drugs[1].CX, drugs[1].CY
			}
			if n := p.tap2(drugs[0].CX, drugs[0].CY, x2, y2); n != 2 {
				p.t.Fatalf("two fingers down, the game tracked %d touches", n)
			}
			twoFingers = true
		} else {
			p.tap(drugs[0].CX, drugs[0].CY)
		}
		if n := p.state(); n.Seized > before {
			p.seized = append(p.seized, drugs[0].ID)
			if len(drugs) > 1 && n.Seized > before+1 {
				p.seized = append(p.seized, drugs[1].ID)
			}
			return
		}
	}
	p.t.Fatalf("no drug seized within %v", long)
}

// sortDrugToPolice drags a drug on the belt into the police bin. While
// only look-alikes ride the belt it sorts them as safe, as a visitor would
// (which also keeps the idle timer from ending the round).
func (p *webPage) sortDrugToPolice() {
	p.t.Helper()
	deadline := time.Now().Add(long)
	for time.Now().Before(deadline) {
		s := p.state()
		if s.Screen != "play" {
			p.t.Fatalf("the round ended before a drug was sorted: %+v", s)
		}
		bins := map[string]point{}
		for _, b := range s.Bins {
			bins[b.Kind] = b.point
		}
		if len(bins) != 2 {
			p.t.Fatalf("bins %+v, want police and safe", s.Bins)
		}
		var drug, safe *hookItem
		for i := range s.Items {
			it := &s.Items[i]
			if it.State != "on_belt" || !inside(it.point, p.w, p.h) {
				continue
			}
			if it.Kind == "drug" && drug == nil {
				drug = it
			} else if it.Kind == "lookalike" && safe == nil {
				safe = it
			}
		}
		switch {
		case drug != nil:
			before := s.Seized
			to := bins["police"]
			p.drag(drug.CX, drug.CY, to.CX, to.CY, 6)
			n := p.waitFor("the drop to count", time.Minute, func(n hookState) bool {
				return n.Seized > before || n.Screen != "play" || !slices.ContainsFunc(n.Items, func(x hookItem) bool { return x.State == "held" })
			})
			if n.Seized > before {
				p.seized = append(p.seized, drug.ID)
				return
			}
			p.t.Logf("drag of %s at (%.0f,%.0f) to the police bin did not count; items now %+v", drug.ID, drug.CX, drug.CY, n.Items)
		case safe != nil:
			to := bins["safe"]
			p.drag(safe.CX, safe.CY, to.CX, to.CY, 4)
		default:
			p.ticksPass(1)
		}
	}
	p.t.Fatalf("no drug sorted within %v", long)
}

// TestWebEditionTouch plays the web edition served by the hub at /play/
// with real touch events and checks that both plays reach the hub,
// anonymously, with their outcomes.
func TestWebEditionTouch(t *testing.T) {
	dir := webDir(t)
	hubDir := t.TempDir()
	h := startHub(t, hubDir, "--web", dir, "--k", "5")
	token := h.officeToken()

	ctx, pageErrors := chromium(t, 960, 600)
	ctx, cancel := context.WithTimeout(ctx, 20*time.Minute)
	defer cancel()
	// idle=10: ten seconds of game time without a touch show "Still
	// there?" for three more, then the play ends as abandoned and is sent
	// (a visitor gets 120 s and 20 s). Ten leave time to wait for a drug.
	if err := chromedp.Do(ctx, chromedp.Navigate(h.url+"/play?test=1&idle=10&still=3")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!window.playhallTest`, chromedp.WithPollingTimeout(long))); err != nil {
		t.Fatalf("the web edition did not start: %v\nhub log:\n%s\npage: %v", err, h.log.String(), pageErrors())
	}
	size, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[innerWidth, innerHeight]`))
	if err != nil {
		t.Fatal(err)
	}
	p := &webPage{t: t, ctx: ctx, w: size[0], h: size[1]}

	// Round 1: the junior band plays the shooter; a tap seizes a drug.
	start := time.Now()
	p.startRound("junior", "shooter")
	t.Logf("%.0fs: shooter round on (tick %d)", time.Since(start).Seconds(), p.state().Tick)
	p.seizeInShooter()
	t.Logf("%.0fs: drug seized (tick %d)", time.Since(start).Seconds(), p.state().Tick)
	p.waitFor("the first play to reach the hub", long, func(s hookState) bool { return s.Sent >= 1 })
	t.Logf("%.0fs: first play stored (tick %d)", time.Since(start).Seconds(), p.state().Tick)

	// Round 2: the primary band plays the sort game; a drag puts a drug in
	// the police bin.
	p.startRound("primary", "sort")
	t.Logf("%.0fs: sort round on (tick %d)", time.Since(start).Seconds(), p.state().Tick)
	p.sortDrugToPolice()
	t.Logf("%.0fs: drug sorted (tick %d)", time.Since(start).Seconds(), p.state().Tick)
	s := p.waitFor("the second play to reach the hub", long, func(s hookState) bool { return s.Sent >= 2 })
	t.Logf("%.0fs: second play stored (tick %d)", time.Since(start).Seconds(), s.Tick)
	if s.Pending != 0 {
		t.Fatalf("plays still pending: %+v", s)
	}

	// The hub counts them, as web plays, in the same reports as kiosk plays.
	var sum summary
	h.get(token, "/api/v1/summary", &sum)
	if _, ok := sum.BySource["web"]; sum.Plays != 2 || !ok || len(sum.BySource) != 1 {
		t.Fatalf("summary %+v, want 2 plays, all from the web", sum)
	}
	var drugs report
	h.get(token, "/api/v1/report?by=drug", &drugs)
	for _, id := range p.seized {
		if !slices.ContainsFunc(drugs.Rows, func(r map[string]any) bool { return r["drug"] == id }) {
			t.Errorf("per-drug report has no row for %s: %v", id, drugs.Rows)
		}
	}

	// Nothing identifies the browser: no cookie, no storage.
	traces, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.cookie + "|" + localStorage.length + "|" + sessionStorage.length`))
	if err != nil || traces != "|0|0" {
		t.Errorf("the page keeps state about the visitor: %q %v", traces, err)
	}
	if errs := pageErrors(); len(errs) > 0 {
		t.Errorf("the page reported errors: %s", strings.Join(errs, "\n"))
	}

	// The stored records are exactly the two plays, anonymous, with the
	// seizure and the sort in their outcomes, and no client address.
	h.stop()
	plays, raw := storedPlays(t, hubDir)
	if len(plays) != 2 {
		t.Fatalf("the hub stored %d plays, want 2: %+v", len(plays), plays)
	}
	seized := map[string]int{}
	modes := map[string]bool{}
	for _, pl := range plays {
		if pl.Source != record.SourceWeb || pl.KioskID != "web" || pl.VisitGroup != "" {
			t.Errorf("web play not anonymous: %+v", pl)
		}
		modes[pl.Mode] = true
		for _, it := range pl.Items {
			seized[it.ID] += it.Seized
		}
	}
	if !modes["shooter"] || !modes["sort"] {
		t.Errorf("modes %v, want a shooter and a sort play", modes)
	}
	for _, id := range p.seized {
		if seized[id] < 1 {
			t.Errorf("drug %s was seized on screen but its stored outcome says %d", id, seized[id])
		}
	}
	noClientTraces(t, raw)
}
