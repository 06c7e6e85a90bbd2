// Command shots writes the dashboard's screenshots for the README: it builds
// and starts a real hub on a temporary data folder, fills it with the demo
// plan's plays through the real kiosk API, and photographs the dashboard in
// Chinese and English, the login page and the kiosk and user admin pages in
// headless Chromium at 1440×900, and (unless -full=false) the whole Chinese
// page.
//
//	go run ./hub/dashboard/cmd/shots [-out docs/screenshots]
//
// It needs Chromium (/usr/bin/chromium, or PLAYHALL_CHROMIUM).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/playhall/playhall/hub/dashboard/seed"
	"github.com/playhall/playhall/internal/testbin"
)

const width, height = 1440, 900

func main() {
	out := flag.String("out", "docs/screenshots", "folder for the PNG files")
	full := flag.Bool("full", true, "also write dashboard-zh-full.png, the whole page")
	flag.Parse()
	if err := run(*out, *full); err != nil {
		fmt.Fprintln(os.Stderr, "shots:", err)
		os.Exit(1)
	}
}

func run(out string, full bool) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	bin, err := testbin.Path("hub")
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "playhall-shots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	plan := seed.Demo()
	codes, err := seed.Setup(bin, dir, plan)
	if err != nil {
		return err
	}
	hub, err := seed.Start(bin, dir, 30*time.Second)
	if err != nil {
		return err
	}
	defer hub.Stop()
	tot, err := seed.Ingest(hub.URL, plan, codes, time.Now())
	if err != nil {
		return err
	}
	fmt.Printf("seeded %d plays and %d class visits on %s\n", tot.Plays, tot.Visits, hub.URL)

	profile, err := os.MkdirTemp("", "playhall-shots-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	ctx, cancel, err := seed.Browser(context.Background(), profile, width, height)
	if err != nil {
		return err
	}
	defer cancel()
	b := shooter{ctx: ctx, url: hub.URL}

	steps := []struct {
		what string
		fn   func() error
	}{
		{"login page", func() error {
			if err := b.do(chromedp.EmulateViewport(width, height), chromedp.Navigate(hub.URL+"/login")); err != nil {
				return err
			}
			if err := b.until(`!!document.getElementById("login-form") && document.title.indexOf("登录") === 0`); err != nil {
				return err
			}
			return b.save(filepath.Join(out, "dashboard-login.png"))
		}},
		{"log in", func() error {
			return b.do(
				chromedp.SendKeys(chromedp.ID("username"), seed.AdminUser),
				chromedp.SendKeys(chromedp.ID("password"), seed.AdminPassword),
				chromedp.Click(chromedp.ID("login-submit")))
		}},
		{"dashboard in Chinese", func() error { return b.dashboard(filepath.Join(out, "dashboard-zh.png")) }},
		{"whole dashboard", func() error {
			if !full {
				return nil
			}
			return b.saveFull(filepath.Join(out, "dashboard-zh-full.png"))
		}},
		{"switch to English", func() error { return b.do(chromedp.Click(chromedp.ID("lang-toggle"))) }},
		{"dashboard in English", func() error { return b.dashboard(filepath.Join(out, "dashboard-en.png")) }},
		{"back to Chinese", func() error { return b.do(chromedp.Click(chromedp.ID("lang-toggle"))) }},
		{"kiosk admin", func() error { return b.admin(filepath.Join(out, "dashboard-admin.png")) }},
		{"user admin", func() error {
			if err := b.do(chromedp.Navigate(b.url + "/admin/users")); err != nil {
				return err
			}
			if err := b.until(`document.body.getAttribute("data-state") === "ready" && document.querySelectorAll("#admin-users tbody tr").length >= 2`); err != nil {
				return err
			}
			return b.save(filepath.Join(out, "dashboard-users.png"))
		}},
	}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			return fmt.Errorf("%s: %w", s.what, err)
		}
	}
	return nil
}

type shooter struct {
	ctx context.Context
	url string
}

func (b shooter) do(steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	return chromedp.Do(ctx, steps...)
}

// until polls a JavaScript condition; a navigation during the poll starts
// it again in the new page.
func (b shooter) until(cond string) error {
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	var err error
	for range 20 {
		if _, err = chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(50*time.Second))); err == nil || ctx.Err() != nil {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("waiting for %s: %w", cond, err)
	}
	return nil
}

func (b shooter) save(path string) error {
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		return err
	}
	fmt.Println("wrote", path)
	return nil
}

// saveFull photographs the whole page, not just the window.
func (b shooter) saveFull(path string) error {
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		return err
	}
	fmt.Println("wrote", path)
	return nil
}

const chartsDone = `document.body.getAttribute("data-state") === "ready" &&
  ["chart-time", "chart-band", "chart-drug", "chart-quiz", "chart-ends", "chart-drugband"].every(function (id) {
    return document.getElementById(id).getAttribute("data-drawn") === "1";
  })`

func (b shooter) dashboard(path string) error {
	if err := b.until(`location.pathname === "/" && ` + chartsDone); err != nil {
		return err
	}
	if err := b.do(chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	if ms, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.getAttribute("data-first-ready-ms") || ""`)); err == nil && ms != "" {
		fmt.Printf("dashboard data shown %s ms after the page started loading\n", ms)
	}
	return b.save(path)
}

func (b shooter) admin(path string) error {
	if err := b.do(chromedp.Navigate(b.url + "/admin/kiosks")); err != nil {
		return err
	}
	if err := b.until(`document.body.getAttribute("data-state") === "ready" && document.querySelectorAll("#admin-kiosks tbody tr[data-kiosk]").length > 0`); err != nil {
		return err
	}
	if err := b.do(
		chromedp.SetValue(chromedp.ID("kiosk-school"), "ML11"),
		chromedp.SendKeys(chromedp.ID("kiosk-name"), "图书馆二楼"),
		chromedp.Click(chromedp.CSS(`#kiosk-form button[type=submit]`)),
	); err != nil {
		return err
	}
	if err := b.until(`!document.getElementById("code-box").hidden && document.querySelectorAll('#admin-kiosks tbody tr[data-kiosk]').length > 9`); err != nil {
		return err
	}
	return b.save(path)
}
