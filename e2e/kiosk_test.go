package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/playhall/playhall/internal/testbin"
	"github.com/playhall/playhall/record"
)

// xDisplay returns an X display for the kiosk: $DISPLAY when set (build.sh
// test runs the Ebitengine packages with one), else a private Xvfb started
// with scripts/xvfb.sh and stopped at the end of the test.
func xDisplay(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("DISPLAY"); d != "" {
		return d
	}
	root, err := testbin.Root()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(root, "scripts", "xvfb.sh"), "1280x720x24")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errb syncBuffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatalf("scripts/xvfb.sh: %v", err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	cmd.Wait() // the script exits once Xvfb is ready; Xvfb runs on
	var disp string
	var pid int
	if _, err2 := fmt.Sscan(line, &disp, &pid); err != nil || err2 != nil || pid <= 0 {
		t.Fatalf("scripts/xvfb.sh printed %q (%v, %v): %s", line, err, err2, errb.String())
	}
	t.Cleanup(func() {
		if p, err := os.FindProcess(pid); err == nil {
			p.Kill()
		}
	})
	return disp
}

// tally is what a set of plays should show in the hub's reports.
type tally struct {
	plays           int
	byBand, byLevel map[string]*endCounts
	drugs           map[string]*drugCounts
	ids             map[string]record.Play
}

type endCounts struct{ plays, completed, abandoned int }

type drugCounts struct{ plays, seen, seized, missed, falseAlarms int }

func tallyOf(plays []record.Play) tally {
	t := tally{byBand: map[string]*endCounts{}, byLevel: map[string]*endCounts{}, drugs: map[string]*drugCounts{}, ids: map[string]record.Play{}}
	add := func(m map[string]*endCounts, k string, p record.Play) {
		c := m[k]
		if c == nil {
			c = &endCounts{}
			m[k] = c
		}
		c.plays++
		switch p.End {
		case record.EndCompleted:
			c.completed++
		case record.EndAbandoned:
			c.abandoned++
		}
	}
	for _, p := range plays {
		t.plays++
		t.ids[p.ID] = p
		add(t.byBand, p.Band, p)
		add(t.byLevel, p.Level, p)
		for _, it := range p.Items {
			d := t.drugs[it.ID]
			if d == nil {
				d = &drugCounts{}
				t.drugs[it.ID] = d
			}
			d.plays++
			d.seen += it.Seen
			d.seized += it.Seized
			d.missed += it.Missed
			d.falseAlarms += it.FalseAlarms
		}
	}
	return t
}

// cell reads a report count: a number, "<K" or "suppressed" (hidden).
func cell(v any) (n int, shown bool, small bool) {
	switch x := v.(type) {
	case float64:
		return int(x), true, false
	case string:
		return 0, false, strings.HasPrefix(x, "<")
	}
	return 0, false, false
}

// checkRows compares a report's rows with the expected counts: a shown
// number must be exact, "<K" must stand for 1..K−1 plays, a hidden cell
// must exist in the kiosk's data; no row may appear that the kiosk did not
// play, and no expected key may be missing.
func checkRows(t *testing.T, what string, rep report, key string, want map[string]int, cols map[string]map[string]int) {
	t.Helper()
	seen := map[string]bool{}
	exact := 0
	for _, r := range rep.Rows {
		k, _ := r[key].(string)
		w, ok := want[k]
		if !ok {
			t.Errorf("%s: the hub has a row %q the kiosk never played: %v", what, k, r)
			continue
		}
		seen[k] = true
		n, shown, small := cell(r["plays"])
		switch {
		case shown && n != w:
			t.Errorf("%s %s: hub shows %d plays, the kiosk logged %d", what, k, n, w)
		case small && (w < 1 || w >= rep.K):
			t.Errorf("%s %s: hub shows %v, the kiosk logged %d (K=%d)", what, k, r["plays"], w, rep.K)
		}
		if !shown {
			continue
		}
		exact++
		for col, m := range cols {
			if got, ok := r[col].(float64); !ok || int(got) != m[k] {
				t.Errorf("%s %s: hub shows %s=%v, the kiosk logged %d", what, k, col, r[col], m[k])
			}
		}
	}
	for k := range want {
		if !seen[k] {
			t.Errorf("%s: no row for %q (the kiosk logged %d plays)", what, k, want[k])
		}
	}
	if exact == 0 {
		t.Errorf("%s: every row is suppressed, nothing exact was compared (K=%d, rows %v)", what, rep.K, rep.Rows)
	}
}

// TestKioskToHubToDashboard runs the whole chain with the real binaries: a
// hub set up with its CLI, a kiosk enrolled with kioskctl, the kiosk in
// autoplay under X, kioskctl sync, and then the hub's API, its database and
// its dashboard in Chromium must show exactly the plays the kiosk logged.
func TestKioskToHubToDashboard(t *testing.T) {
	hubDir, kioskDir := t.TempDir(), t.TempDir()
	hubBin, kioskBin, ctl := bin(t, "hub"), bin(t, "kiosk"), bin(t, "kioskctl")

	run(t, "", hubBin, "school", "add", "--data", hubDir, "E2E01", "--name", "端到端中学", "--district", "测试区", "--enrolment", "7=300")
	run(t, "admin-password-1\n", hubBin, "user", "add", "--data", hubDir, "admin", "--role", "admin")
	h := startHub(t, hubDir, "--k", "5")
	code := lastLine(h.cli("", "kiosk", "add", "--data", hubDir, "--school", "E2E01", "--name", "一号终端"))
	run(t, "", ctl, "enroll", "--data", kioskDir, "--hub", h.url, "--code", code)

	// About 25 visitors (40 minutes of flow time, 60 ticks per frame, one
	// frame in 60 drawn), one in three walking away mid-round: enough that
	// report cells reach K and show exact numbers to compare.
	root, _ := testbin.Root()
	shot := filepath.Join(t.TempDir(), "last.png")
	kiosk := exec.Command(kioskBin, "--autoplay", "--quit-after", "40m", "--speed", "60", "--draw-every", "60",
		"--walk-away", "3", "--seed", "7", "--data", kioskDir, "--screenshot", shot)
	kiosk.Env = append(os.Environ(), "DISPLAY="+xDisplay(t), "ALSA_CONFIG_PATH="+filepath.Join(root, "testdata", "alsa-null.conf"))
	var klog syncBuffer
	kiosk.Stdout, kiosk.Stderr = &klog, &klog
	started := time.Now()
	if err := kiosk.Run(); err != nil {
		t.Fatalf("kiosk --autoplay: %v\n%s", err, klog.String())
	}
	t.Logf("kiosk ran %.0f s", time.Since(started).Seconds())
	if st, err := os.Stat(shot); err != nil || st.Size() == 0 {
		t.Errorf("no screenshot from the kiosk: %v", err)
	}

	out := run(t, "", ctl, "sync", "--data", kioskDir)
	t.Logf("kioskctl sync: %s", strings.TrimSpace(out))
	var entries []record.Entry
	if err := json.Unmarshal([]byte(run(t, "", ctl, "export", "--data", kioskDir, "--format", "json")), &entries); err != nil {
		t.Fatalf("kioskctl export: %v", err)
	}
	var logged []record.Play
	for _, e := range entries {
		if e.Kind == record.KindPlay && e.Play != nil {
			logged = append(logged, *e.Play)
		}
	}
	if len(logged) < 2 {
		t.Fatalf("the kiosk logged %d plays in autoplay; want a few:\n%s", len(logged), klog.String())
	}
	want := tallyOf(logged)

	// The hub's API.
	token := lastLine(h.cli("", "token", "add", "--data", hubDir, "--user", "admin"))
	var sum summary
	h.get(token, "/api/v1/summary", &sum)
	if _, ok := sum.BySource["kiosk"]; sum.Plays != want.plays || sum.Kiosks != 1 || !ok || len(sum.BySource) != 1 {
		t.Fatalf("summary %+v; the kiosk logged %d plays", sum, want.plays)
	}
	for _, dim := range []struct {
		by string
		m  map[string]*endCounts
	}{{"band", want.byBand}, {"level", want.byLevel}} {
		var rep report
		h.get(token, "/api/v1/report?by="+dim.by, &rep)
		plays, completed, abandoned := map[string]int{}, map[string]int{}, map[string]int{}
		for k, c := range dim.m {
			plays[k], completed[k], abandoned[k] = c.plays, c.completed, c.abandoned
		}
		checkRows(t, "by "+dim.by, rep, dim.by, plays, map[string]map[string]int{"completed": completed, "abandoned": abandoned})
	}
	var drugs report
	h.get(token, "/api/v1/report?by=drug", &drugs)
	plays, seen, seized, missed, fa := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	for k, d := range want.drugs {
		plays[k], seen[k], seized[k], missed[k], fa[k] = d.plays, d.seen, d.seized, d.missed, d.falseAlarms
	}
	checkRows(t, "by drug", drugs, "drug", plays, map[string]map[string]int{"seen": seen, "seized": seized, "missed": missed, "false_alarms": fa})

	// The dashboard in Chromium: log in and see the plays figure.
	ctx, pageErrors := chromium(t, 1280, 900)
	err := chromedp.Do(ctx,
		chromedp.Navigate(h.url+"/"),
		chromedp.WaitVisible(chromedp.ID("login-form")),
		chromedp.SendKeys(chromedp.ID("username"), "admin"),
		chromedp.SendKeys(chromedp.ID("password"), "admin-password-1"),
		chromedp.Click(chromedp.ID("login-submit")),
	)
	if err != nil {
		t.Fatalf("dashboard login: %v", err)
	}
	// The login form posts and the browser navigates to the dashboard; read
	// the figure once the page says it is ready (evaluations that race the
	// navigation fail and are retried until the deadline).
	var shown string
	deadline := time.Now().Add(time.Minute)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for shown == "" {
		shown, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`(function () {
			var el = document.getElementById("kpi-plays");
			return location.pathname === "/" && document.body.getAttribute("data-state") === "ready" && el &&
				el.textContent !== "—" ? el.textContent : "";
		})()`))
		if time.Now().After(deadline) {
			t.Fatalf("the dashboard's plays figure did not appear within a minute (page: %v)", pageErrors())
		}
		<-tick.C
	}
	if n, err := strconv.Atoi(strings.NewReplacer(",", "", " ", "").Replace(strings.TrimSpace(shown))); err != nil || n != want.plays {
		t.Errorf("the dashboard shows %q plays; the kiosk logged %d", shown, want.plays)
	}
	if errs := pageErrors(); len(errs) > 0 {
		t.Errorf("the dashboard reported errors: %s", strings.Join(errs, "\n"))
	}

	// The hub's database holds exactly those plays, with those outcomes.
	h.stop()
	stored, raw := storedPlays(t, hubDir)
	if len(stored) != len(logged) {
		t.Fatalf("the hub stored %d plays; the kiosk logged %d", len(stored), len(logged))
	}
	for _, s := range stored {
		k, ok := want.ids[s.ID]
		if !ok {
			t.Errorf("the hub holds play %s the kiosk never logged", s.ID)
			continue
		}
		if s.Source != record.SourceKiosk || s.End != k.End || s.Level != k.Level || s.Band != k.Band ||
			s.Score != k.Score || s.Lang != k.Lang || fmt.Sprint(sortedItems(s.Items)) != fmt.Sprint(sortedItems(k.Items)) ||
			len(s.Answers) != len(k.Answers) {
			t.Errorf("play %s differs:\nhub   %+v\nkiosk %+v", s.ID, s, k)
		}
	}
	noClientTraces(t, raw)
}

func sortedItems(in []record.ItemOutcome) []record.ItemOutcome {
	out := append([]record.ItemOutcome(nil), in...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
