package dashboard_test

import (
	"context"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/playhall/playhall/hub/dashboard/seed"
	"github.com/playhall/playhall/internal/testbin"
)

// seeded is one real hub with the demo plan's plays, shared by the browser
// tests of this package.
type seeded struct {
	hub    *seed.Hub
	totals seed.Totals
	codes  []string
}

var (
	seedOnce sync.Once
	seedHub  *seeded
	seedErr  error
)

// hubWithPlays starts the real hub binary on a temporary data folder,
// registers the demo schools, users and kiosks with the hub CLI, and sends
// the demo plays through the real enrolment and ingest API.
func hubWithPlays(t *testing.T) *seeded {
	t.Helper()
	seedOnce.Do(func() {
		bin, err := testbin.Path("hub")
		if err != nil {
			seedErr = err
			return
		}
		dir, err := os.MkdirTemp("", "playhall-dashboard-test-")
		if err != nil {
			seedErr = err
			return
		}
		plan := seed.Demo()
		codes, err := seed.Setup(bin, dir, plan)
		if err != nil {
			seedErr = err
			return
		}
		h, err := seed.Start(bin, dir, 30*time.Second)
		if err != nil {
			seedErr = err
			return
		}
		tot, err := seed.Ingest(h.URL, plan, codes, time.Now())
		if err != nil {
			h.Stop()
			seedErr = fmt.Errorf("%w\nhub log:\n%s", err, h.Log())
			return
		}
		seedHub = &seeded{hub: h, totals: tot, codes: codes}
	})
	if seedErr != nil {
		t.Fatalf("seeded hub: %v", seedErr)
	}
	return seedHub
}

func TestMain(m *testing.M) {
	code := m.Run()
	if seedHub != nil {
		seedHub.hub.Stop()
		os.RemoveAll(seedHub.hub.Dir)
	}
	os.Exit(code)
}

// page is one Chromium tab with a fresh profile; it records every uncaught
// JavaScript exception and console error so the test can fail on them.
type tab struct {
	t      *testing.T
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

func newTab(t *testing.T) *tab {
	t.Helper()
	if _, err := seed.ChromiumPath(); err != nil {
		t.Fatalf("browser tests need Chromium: %v", err)
	}
	ctx, cancel, err := seed.Browser(context.Background(), t.TempDir(), 1440, 900)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cancel)
	tb := &tab{t: t, ctx: ctx}
	exc := chromedp.Events(ctx, runtime.ExceptionThrown)
	cons := chromedp.Events(ctx, runtime.ConsoleAPICalled)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range exc {
			if err != nil {
				return
			}
			tb.note("exception: " + ev.ExceptionDetails.Text + " " + describe(ev.ExceptionDetails.Exception))
		}
	}()
	go func() {
		for ev, err := range cons {
			if err != nil {
				return
			}
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, describe(a))
				}
				tb.note("console.error: " + strings.Join(parts, " "))
			}
		}
	}()
	go func() {
		// Accept every confirm() (kiosk revocation asks one).
		for _, err := range dialogs {
			if err != nil {
				return
			}
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	t.Cleanup(func() {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		for _, e := range tb.errors {
			t.Errorf("page reported %s", e)
		}
	})
	return tb
}

func describe(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	if o.Description != "" {
		return o.Description
	}
	return string(o.Value)
}

func (tb *tab) note(s string) {
	tb.mu.Lock()
	tb.errors = append(tb.errors, s)
	tb.mu.Unlock()
}

// do runs steps with a 30 s limit, failing the test with what was running.
func (tb *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// until polls a JavaScript condition in the page until it is truthy.
func (tb *tab) until(what, cond string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	var err error
	start := time.Now()
	defer func() {
		if d := time.Since(start); d > 3*time.Second {
			tb.t.Logf("waited %v for %s", d.Round(time.Millisecond), what)
		}
	}()
	// A navigation while polling destroys the page's JavaScript context;
	// the poll then starts again in the new page.
	for attempt := 0; attempt < 20; attempt++ {
		if _, err = chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(25*time.Second))); err == nil || ctx.Err() != nil {
			break
		}
	}
	if err != nil {
		snap, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`location.href + " state=" + document.body.getAttribute("data-state") + " " + document.body.innerText.slice(0, 600)`))
		tb.t.Fatalf("waiting for %s (%s): %v\npage: %s", what, cond, err, snap)
	}
}

func evalJS[T any](tb *tab, expr string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

func (tb *tab) login(baseURL, user, password string) {
	tb.t.Helper()
	tb.do("open the dashboard", chromedp.Navigate(baseURL+"/"))
	tb.until("the login page (not logged in yet)", `location.pathname === "/login" && !!document.getElementById("login-form")`)
	tb.do("log in",
		chromedp.SendKeys(chromedp.ID("username"), user),
		chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.ID("login-submit")),
	)
	tb.until("the dashboard after login", `location.pathname === "/" && document.body.getAttribute("data-state") === "ready"`)
}

func digits(s string) int {
	n, err := strconv.Atoi(strings.NewReplacer(",", "", " ", "").Replace(strings.TrimSpace(s)))
	if err != nil {
		return -1
	}
	return n
}

// chartDrawn is true when the chart's ECharts instance has series data and
// its canvas has at least 500 painted pixels.
const chartDrawn = `(function (id) {
  var el = document.getElementById(id);
  var inst = el && window.echarts.getInstanceByDom(el);
  if (!inst) return false;
  var opt = inst.getOption();
  if (!opt.series || !opt.series.length || !opt.series[0].data || !opt.series[0].data.length) return false;
  var c = el.querySelector("canvas");
  if (!c || !c.width) return false;
  var d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data, n = 0;
  for (var i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return n > 500;
})`

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func waitDownload(t *testing.T, ctx context.Context, progress iter.Seq2[browser.EventDownloadProgress, error], dir string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	done := make(chan string, 1)
	go func() {
		defer close(done)
		for ev, err := range progress {
			if err != nil {
				return
			}
			if ev.State == browser.DownloadProgressStateCompleted {
				done <- filepath.Join(dir, ev.GUID)
				return
			}
			if ev.State == browser.DownloadProgressStateCanceled {
				return
			}
		}
	}()
	select {
	case f, ok := <-done:
		if !ok {
			t.Fatal("the download was cancelled or the browser went away")
		}
		return f
	case <-ctx.Done():
		t.Fatal("no completed download within 30 s")
	}
	return ""
}
