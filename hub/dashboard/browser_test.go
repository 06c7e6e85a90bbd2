package dashboard_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/playhall/playhall/hub/dashboard/seed"
	"github.com/playhall/playhall/internal/testbin"
	"github.com/playhall/playhall/record"
)

func TestDashboardInChromium(t *testing.T) {
	s := hubWithPlays(t)
	tb := newTab(t)
	tb.login(s.hub.URL, seed.AdminUser, seed.AdminPassword)

	// Headline: every seeded play is inside the default 30-day range.
	tb.until("the plays figure", `document.getElementById("kpi-plays").textContent !== "—"`)
	if got := digits(evalJS[string](tb, `document.getElementById("kpi-plays").textContent`)); got != s.totals.Plays {
		t.Errorf("plays shown %d, seeded %d", got, s.totals.Plays)
	}
	if got := evalJS[string](tb, `document.getElementById("kpi-completion").textContent`); !strings.HasSuffix(got, "%") {
		t.Errorf("completion shows %q, want a percentage", got)
	}
	if got := evalJS[string](tb, `document.getElementById("kpi-quiz").textContent`); !strings.HasSuffix(got, "%") {
		t.Errorf("quiz pass rate shows %q, want a percentage", got)
	}
	for _, id := range []string{"chart-time", "chart-band", "chart-drug", "chart-quiz", "chart-ends", "chart-drugband"} {
		tb.until(id+" drawn", chartDrawn+`("`+id+`")`)
	}
	// The per-drug chart names drugs from the content pack, not by id.
	names := evalJS[[]string](tb, `echarts.getInstanceByDom(document.getElementById("chart-drug")).getOption().yAxis[0].data`)
	if !contains(names, "海洛因") {
		t.Errorf("drug chart categories %q lack 海洛因", names)
	}
	// Pre/post: the demo levels ask questions before play.
	tb.until("the pre/post table", `!document.getElementById("quiz-prepost").hidden && document.querySelectorAll("#quiz-prepost-items tr").length === 4`)
	// Tables: a school row with its name, the tiny school suppressed, kiosks listed.
	tb.until("the school table", `document.querySelectorAll("#table-schools tbody tr").length >= 7`)
	schoolText := evalJS[string](tb, `document.getElementById("table-schools").innerText`)
	for _, want := range []string{"景洪市第一中学", "勐腊县瑶区乡中心小学", "<10"} {
		if !strings.Contains(schoolText, want) {
			t.Errorf("school table lacks %q:\n%s", want, schoolText)
		}
	}
	districtText := evalJS[string](tb, `document.getElementById("table-districts").innerText`)
	for _, want := range []string{"景洪市", "勐海县", "勐腊县", "合计"} {
		if !strings.Contains(districtText, want) {
			t.Errorf("district table lacks %q:\n%s", want, districtText)
		}
	}
	kiosks := evalJS[string](tb, `document.getElementById("table-kiosks").innerText`)
	for _, want := range []string{"一楼展厅 1 号机", "1.0.0", "正常", "二号楼大厅"} {
		if !strings.Contains(kiosks, want) {
			t.Errorf("kiosk table lacks %q:\n%s", want, kiosks)
		}
	}

	t.Run("table sorts by a clicked column", func(t *testing.T) {
		playsCol := `document.querySelectorAll("#table-schools thead th")[2]`
		firstCell := `document.querySelector("#table-schools tbody tr td:nth-child(3)").textContent`
		tb.do("sort schools by plays", chromedp.Evaluate[chromedp.Void](playsCol+`.click()`))
		tb.until("descending plays", playsCol+`.getAttribute("aria-sort") === "descending"`)
		var cells []int
		for _, c := range evalJS[[]string](tb, `Array.from(document.querySelectorAll("#table-schools tbody tr td:nth-child(3)")).map(function (td) { return td.textContent; })`) {
			if n := digits(c); n >= 0 {
				cells = append(cells, n)
			}
		}
		for i := 1; i < len(cells); i++ {
			if cells[i] > cells[i-1] {
				t.Fatalf("plays column not descending after a click: %v", cells)
			}
		}
		if len(cells) < 3 || digits(evalJS[string](tb, firstCell)) != cells[0] {
			t.Fatalf("numbers %v should come first", cells)
		}
		tb.do("sort the other way", chromedp.Evaluate[chromedp.Void](playsCol+`.click()`))
		tb.until("ascending plays", playsCol+`.getAttribute("aria-sort") === "ascending"`)
		if got := evalJS[string](tb, firstCell); digits(got) >= 0 {
			t.Errorf("ascending order should start with the hidden cells, starts with %q", got)
		}
	})

	t.Run("filter by band changes the figures", func(t *testing.T) {
		loads := evalJS[string](tb, `document.body.getAttribute("data-loads")`)
		tb.do("choose 小学", chromedp.SetValue(chromedp.ID("f-band"), "primary"),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("f-band").dispatchEvent(new Event("change"))`))
		tb.until("the reload after the filter change", `document.body.getAttribute("data-loads") !== "`+loads+`" && document.body.getAttribute("data-state") === "ready"`)
		if got, want := digits(evalJS[string](tb, `document.getElementById("kpi-plays").textContent`)), s.totals.ByBand["primary"]; got != want {
			t.Errorf("plays for 小学 shown %d, seeded %d (all bands %d)", got, want, s.totals.Plays)
		}
		bands := evalJS[[]string](tb, `echarts.getInstanceByDom(document.getElementById("chart-band")).getOption().xAxis[0].data`)
		if len(bands) != 1 || bands[0] != "小学" {
			t.Errorf("band chart after filter shows %q, want only 小学", bands)
		}
		if !strings.Contains(evalJS[string](tb, `location.search`), "band=primary") {
			t.Errorf("the filter is not kept in the address")
		}
		loads = evalJS[string](tb, `document.body.getAttribute("data-loads")`)
		tb.do("back to all bands", chromedp.SetValue(chromedp.ID("f-band"), ""),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("f-band").dispatchEvent(new Event("change"))`))
		tb.until("the reload", `document.body.getAttribute("data-loads") !== "`+loads+`" && document.body.getAttribute("data-state") === "ready"`)
		if got := digits(evalJS[string](tb, `document.getElementById("kpi-plays").textContent`)); got != s.totals.Plays {
			t.Errorf("plays after clearing the filter %d, seeded %d", got, s.totals.Plays)
		}
	})

	t.Run("district filter narrows schools and tables", func(t *testing.T) {
		loads := evalJS[string](tb, `document.body.getAttribute("data-loads")`)
		tb.do("choose 勐腊县", chromedp.SetValue(chromedp.ID("f-district"), "勐腊县"),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("f-district").dispatchEvent(new Event("change"))`))
		tb.until("the reload", `document.body.getAttribute("data-loads") !== "`+loads+`" && document.body.getAttribute("data-state") === "ready"`)
		opts := evalJS[[]string](tb, `Array.from(document.querySelectorAll("#f-school option")).map(function (o) { return o.textContent; })`)
		if len(opts) != 3 || !contains(opts, "勐腊县实验小学") || !contains(opts, "勐腊县瑶区乡中心小学") {
			t.Errorf("school choices for 勐腊县: %q", opts)
		}
		if n := evalJS[int](tb, `document.querySelectorAll("#table-schools tbody tr").length`); n != 2 {
			t.Errorf("school table has %d rows for 勐腊县, want 2", n)
		}
		if got := evalJS[string](tb, `document.getElementById("table-districts").innerText`); strings.Contains(got, "景洪市") || !strings.Contains(got, "勐腊县") {
			t.Errorf("district table for 勐腊县:\n%s", got)
		}
		// The hub filters the summary and the kiosk list (not the page).
		if got, want := digits(evalJS[string](tb, `document.getElementById("kpi-plays").textContent`)), s.totals.BySchool["ML11"]+s.totals.BySchool["ML35"]; got != want {
			t.Errorf("plays for 勐腊县 shown %d, seeded %d", got, want)
		}
		kioskRows := evalJS[[]string](tb, `Array.from(document.querySelectorAll("#table-kiosks tbody tr td:first-child")).map(function (td) { return td.textContent; })`)
		if len(kioskRows) != 2 || !contains(kioskRows, "校史馆展厅") || !contains(kioskRows, "流动展台") {
			t.Errorf("kiosk table for 勐腊县: %q", kioskRows)
		}
		loads = evalJS[string](tb, `document.body.getAttribute("data-loads")`)
		tb.do("all districts again", chromedp.SetValue(chromedp.ID("f-district"), ""),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("f-district").dispatchEvent(new Event("change"))`))
		tb.until("the reload", `document.body.getAttribute("data-loads") !== "`+loads+`" && document.body.getAttribute("data-state") === "ready"`)
	})

	t.Run("export CSV with BOM and rows", func(t *testing.T) {
		dir := t.TempDir()
		progress := chromedp.Events(tb.ctx, browser.DownloadProgress)
		tb.do("download the CSV",
			chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
					Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: new(true)})
				return err
			}),
			chromedp.Click(chromedp.ID("export-csv")),
		)
		file := waitDownload(t, tb.ctx, progress, dir)
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
			t.Fatalf("CSV does not start with a UTF-8 BOM: % x", b[:min(8, len(b))])
		}
		rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
		if err != nil {
			t.Fatalf("CSV does not parse: %v\n%s", err, b)
		}
		if len(rows) < 8 {
			t.Fatalf("CSV has %d rows, want a header and a row per school:\n%s", len(rows), b)
		}
		if !strings.Contains(string(b), "景洪市第一中学") || !strings.Contains(string(b), "<10") {
			t.Errorf("CSV lacks a school name or the suppressed cell:\n%s", b)
		}

		progress = chromedp.Events(tb.ctx, browser.DownloadProgress)
		tb.do("download the Excel file", chromedp.Click(chromedp.ID("export-xlsx")))
		x, err := os.ReadFile(waitDownload(t, tb.ctx, progress, dir))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(x, []byte("PK\x03\x04")) || len(x) < 1000 {
			t.Errorf("the Excel export (%d bytes) is not an XLSX (zip) file", len(x))
		}
	})

	t.Run("English toggle is remembered", func(t *testing.T) {
		tb.do("click English", chromedp.Click(chromedp.ID("lang-toggle")))
		tb.until("English labels", `document.documentElement.lang === "en" && document.querySelector('[data-i18n="chart.time"]').textContent === "Plays over time"`)
		tb.until("English chart axis", `echarts.getInstanceByDom(document.getElementById("chart-band")).getOption().xAxis[0].data.indexOf("Primary") >= 0`)
		if !strings.Contains(evalJS[string](tb, `document.getElementById("export-csv").href`), "lang=en") {
			t.Errorf("exports do not follow the language")
		}
		tb.do("reload", chromedp.Reload())
		tb.until("English after reload", `document.body.getAttribute("data-state") === "ready" && document.querySelector('[data-i18n="kpi.plays"]').textContent === "Plays"`)
		tb.do("back to Chinese", chromedp.Click(chromedp.ID("lang-toggle")))
		tb.until("Chinese labels", `document.documentElement.lang === "zh-CN" && document.querySelector('[data-i18n="kpi.plays"]').textContent === "体验人次"`)
	})

	t.Run("admin adds and revokes a kiosk", func(t *testing.T) {
		tb.do("open kiosk admin", chromedp.Navigate(s.hub.URL+"/admin/kiosks"))
		tb.until("kiosk admin ready", `document.body.getAttribute("data-state") === "ready" && document.querySelectorAll("#admin-kiosks tbody tr[data-kiosk]").length > 0`)
		before := evalJS[int](tb, `document.querySelectorAll("#admin-kiosks tbody tr[data-kiosk]").length`)
		tb.do("add a kiosk",
			chromedp.SetValue(chromedp.ID("kiosk-school"), "JH03"),
			chromedp.SendKeys(chromedp.ID("kiosk-name"), "浏览器测试终端"),
			chromedp.Click(chromedp.CSS(`#kiosk-form button[type=submit]`)),
		)
		tb.until("the enrolment code", `!document.getElementById("code-box").hidden && document.getElementById("enrol-code").textContent.length > 0`)
		code := evalJS[string](tb, `document.getElementById("enrol-code").textContent`)
		if !regexp.MustCompile(`^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$`).MatchString(code) {
			t.Errorf("enrolment code %q does not look like XXXX-XXXX-XXXX-XXXX", code)
		}
		tb.until("the new kiosk in the list", fmt.Sprintf(`document.querySelectorAll("#admin-kiosks tbody tr[data-kiosk]").length === %d`, before+1))
		// The code shown really enrols a kiosk.
		var en record.EnrollResponse
		if err := seed.PostJSON(s.hub.URL+"/api/v1/enroll", "", record.EnrollRequest{Code: code}, &en); err != nil {
			t.Fatalf("enrolling with the code the page showed: %v", err)
		}
		if en.SchoolCode != "JH03" || en.KioskName != "浏览器测试终端" {
			t.Errorf("enrolled as %+v", en)
		}
		tb.do("revoke it", chromedp.Click(chromedp.CSS(`button[data-revoke="`+en.KioskID+`"]`)))
		tb.until("the kiosk shown revoked", `(function(){var r=document.querySelector('tr[data-kiosk="`+en.KioskID+`"]');return !!r && r.innerText.indexOf("已停用")>=0 && !r.querySelector("button[data-revoke]");})()`)
	})

	t.Run("admin adds an office user who cannot see admin pages", func(t *testing.T) {
		tb.do("open user admin", chromedp.Navigate(s.hub.URL+"/admin/users"))
		tb.until("user admin ready", `document.body.getAttribute("data-state") === "ready" && document.querySelectorAll("#admin-users tbody tr").length >= 2`)
		tb.do("add a user",
			chromedp.SendKeys(chromedp.ID("user-name"), "wangfang"),
			chromedp.SetValue(chromedp.ID("user-role"), "office"),
			chromedp.SendKeys(chromedp.ID("user-pass"), "office-pass-1"),
			chromedp.SendKeys(chromedp.ID("user-pass2"), "office-pass-1"),
			chromedp.Click(chromedp.CSS(`#user-form button[type=submit]`)),
		)
		tb.until("the new user listed", `!!document.querySelector('tr[data-user="wangfang"]')`)
		if evalJS[bool](tb, `!!document.querySelector('tr[data-user="`+seed.AdminUser+`"] button[data-delete-user]')`) {
			t.Errorf("the logged-in admin is offered to delete themself")
		}
		tb.do("delete the new user", chromedp.Click(chromedp.CSS(`button[data-delete-user="wangfang"]`)))
		tb.until("the user gone", `!document.querySelector('tr[data-user="wangfang"]') && document.body.getAttribute("data-state") === "ready"`)
		tb.do("add the user again",
			chromedp.SendKeys(chromedp.ID("user-name"), "wangfang"),
			chromedp.SetValue(chromedp.ID("user-role"), "office"),
			chromedp.SendKeys(chromedp.ID("user-pass"), "office-pass-1"),
			chromedp.SendKeys(chromedp.ID("user-pass2"), "office-pass-1"),
			chromedp.Click(chromedp.CSS(`#user-form button[type=submit]`)),
		)
		tb.until("the user listed again", `!!document.querySelector('tr[data-user="wangfang"]')`)
		tb.do("log out", chromedp.Click(chromedp.ID("logout")))
		tb.until("the login page", `location.pathname === "/login" && !!document.getElementById("login-form")`)
		tb.do("log in as the office user",
			chromedp.SendKeys(chromedp.ID("username"), "wangfang"),
			chromedp.SendKeys(chromedp.ID("password"), "office-pass-1"),
			chromedp.Click(chromedp.ID("login-submit")),
		)
		tb.until("the dashboard", `location.pathname === "/" && document.body.getAttribute("data-state") === "ready"`)
		if evalJS[bool](tb, `!document.querySelector('[data-nav="kiosks"]').hidden`) {
			t.Errorf("an office user sees the kiosk admin link")
		}
		tb.do("open kiosk admin as office", chromedp.Navigate(s.hub.URL+"/admin/kiosks"))
		tb.until("the admin-only notice", `!document.getElementById("forbidden").hidden && document.getElementById("tab-kiosks").hidden`)
	})
}

// TestLiveRefresh sends new plays from a new kiosk while the dashboard is
// open and waits for the headline to show them without a reload.
func TestLiveRefresh(t *testing.T) {
	s := hubWithPlays(t)
	tb := newTab(t)
	tb.do("open login", chromedp.Navigate(s.hub.URL+"/login"),
		chromedp.Evaluate[chromedp.Void](`localStorage.setItem("playhall.refreshMs", "1000")`))
	tb.login(s.hub.URL, seed.AdminUser, seed.AdminPassword)
	before := digits(evalJS[string](tb, `document.getElementById("kpi-plays").textContent`))
	if before < s.totals.Plays {
		t.Fatalf("plays shown %d, seeded at least %d", before, s.totals.Plays)
	}
	// `hub kiosk add` while the hub runs goes through its admin socket.
	out, err := seed.CLI(s.hub.Bin, "", "kiosk", "add", "--data", s.hub.Dir, "--school", "JH03", "--name", "实时刷新测试")
	if err != nil {
		t.Fatal(err)
	}
	plan := seed.Demo()
	extra := seed.Plan{Schools: plan.Schools, Kiosks: []seed.Kiosk{{School: "JH03", Name: "实时刷新测试", PerDay: 20}}, Days: 2, Seed: 7}
	tot, err := seed.Ingest(s.hub.URL, extra, []string{seed.LastLine(out)}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if tot.Plays == 0 {
		t.Fatal("sent no plays")
	}
	// Later tests (in any order, e.g. -shuffle) expect the new totals.
	s.totals.Plays += tot.Plays
	for b, n := range tot.ByBand {
		s.totals.ByBand[b] += n
	}
	tb.until("the new plays on the open page", fmt.Sprintf(
		`Number(document.getElementById("kpi-plays").textContent.replace(/[^0-9]/g, "")) === %d`, before+tot.Plays))
}

func TestLoginRejectsWrongPassword(t *testing.T) {
	s := hubWithPlays(t)
	tb := newTab(t)
	tb.do("open login", chromedp.Navigate(s.hub.URL+"/login"))
	tb.do("log in wrongly",
		chromedp.SendKeys(chromedp.ID("username"), seed.AdminUser),
		chromedp.SendKeys(chromedp.ID("password"), "not-the-password"),
		chromedp.Click(chromedp.ID("login-submit")),
	)
	tb.until("the error message", `document.getElementById("login-error").textContent === "用户名或密码不正确。"`)
	if p := evalJS[string](tb, `location.pathname`); p != "/login" {
		t.Errorf("after a wrong password the page is %s", p)
	}
}

// TestFreshHub opens the dashboard of a hub with schools and users but no
// kiosk yet: it says how to start, and the charts say there is no data.
func TestFreshHub(t *testing.T) {
	bin, err := testbin.Path("hub")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	plan := seed.Demo()
	plan.Kiosks = nil
	if _, err := seed.Setup(bin, dir, plan); err != nil {
		t.Fatal(err)
	}
	h, err := seed.Start(bin, dir, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(h.Stop)
	tb := newTab(t)
	tb.login(h.URL, seed.AdminUser, seed.AdminPassword)
	tb.until("the getting-started hint", `!document.getElementById("empty-hint").hidden && document.getElementById("empty-hint").textContent.indexOf("终端管理") >= 0`)
	if got := evalJS[string](tb, `document.getElementById("kpi-plays").textContent`); got != "0" {
		t.Errorf("plays on a fresh hub: %q", got)
	}
	title := evalJS[string](tb, `(echarts.getInstanceByDom(document.getElementById("chart-band")).getOption().title || [{}])[0].text || ""`)
	if title != "暂无数据" {
		t.Errorf("band chart on a fresh hub says %q, want 暂无数据", title)
	}
	if n := evalJS[int](tb, `document.querySelectorAll("#table-schools tbody tr").length`); n != len(plan.Schools) {
		t.Errorf("school table lists %d schools, registered %d", n, len(plan.Schools))
	}
}
