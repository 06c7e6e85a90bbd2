package server

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/playhall/playhall/hub/store"
	"github.com/playhall/playhall/record"
)

// fill sends n plays per (kiosk, band) pair through the real ingest.
func fill(t *testing.T, h *testHub, tok, kiosk string, start time.Time, counts map[string]int) {
	t.Helper()
	var plays []*record.Play
	for band, n := range counts {
		for i := 0; i < n; i++ {
			end := record.EndCompleted
			if i%4 == 3 {
				end = record.EndAbandoned
			}
			plays = append(plays, play(kiosk, start, band, end))
		}
	}
	for first := 0; first < len(plays); first += 400 {
		last := min(first+400, len(plays))
		if code, ack, body := h.send(tok, batch(kiosk, "e", uint64(first+1), plays[first:last]...)); code != 200 || len(ack.Rejected) > 0 {
			t.Fatalf("fill: %d %s", code, body)
		}
	}
}

// enrolThree enrols one kiosk at each of S1 and S2 (东区) and S3 (西区),
// fills each with plays per band (started two hours ago) and returns the
// kiosk ids and tokens, in school order.
func enrolThree(t *testing.T, h *testHub, s1, s2, s3 map[string]int) (kiosks, tokens [3]string) {
	t.Helper()
	start := time.Now().Add(-2 * time.Hour)
	for i, counts := range [3]map[string]int{s1, s2, s3} {
		kiosks[i], tokens[i] = h.enrol(fmt.Sprintf("S%d", i+1))
		fill(t, h, tokens[i], kiosks[i], start, counts)
	}
	return kiosks, tokens
}

func TestReportSuppressionAndColumns(t *testing.T) {
	h := startHub(t, Config{})
	k1, t1 := h.enrol("S1")
	k2, t2 := h.enrol("S2")
	start := time.Now().Add(-2 * time.Hour)
	fill(t, h, t1, k1, start, map[string]int{"junior": 40, "senior": 3})
	fill(t, h, t2, k2, start, map[string]int{"junior": 25, "senior": 30})

	var rep struct {
		K    int
		By   []string
		Rows []map[string]any
	}
	h.getJSON("/api/v1/report?by=school,band", h.office, &rep)
	if rep.K != 10 || len(rep.Rows) != 4 {
		t.Fatalf("report %+v", rep)
	}
	got := map[string]any{}
	for _, r := range rep.Rows {
		got[fmt.Sprint(r["school"], "/", r["band"])] = r["plays"]
		if r["school"] == "S1" && r["school_name"] != "一中" {
			t.Errorf("school name %v", r["school_name"])
		}
	}
	if got["S1/senior"] != "<10" {
		t.Errorf("S1/senior = %v, want <10", got["S1/senior"])
	}
	// S1 has two cells: the junior one must be hidden too, else S1's total
	// (by=school) minus it reveals the senior one.
	if got["S1/junior"] == float64(40) {
		t.Errorf("S1/junior shown as 40: the small S1/senior cell is recoverable from the S1 total")
	}
	var bySchool struct{ Rows []map[string]any }
	h.getJSON("/api/v1/report?by=school", h.office, &bySchool)
	if len(bySchool.Rows) != 2 || bySchool.Rows[0]["plays"] != float64(43) {
		t.Fatalf("by school %v", bySchool.Rows)
	}
	r := bySchool.Rows[1] // S2: 55 plays, 3 in 4 completed
	if r["completion_rate"].(float64) < 0.7 || r["avg_duration_s"] != float64(150) || r["quiz_avg"] != float64(1) ||
		r["pass_rate"] != float64(1) || r["pre_post_change"] != float64(1) {
		t.Errorf("S2 metrics %v", r)
	}
	var drugs struct{ Rows []map[string]any }
	h.getJSON("/api/v1/report?by=drug,band", h.office, &drugs)
	if len(drugs.Rows) != 4 {
		t.Fatalf("drug rows %v", drugs.Rows)
	}
	for _, r := range drugs.Rows {
		if r["drug"] == "meth" && r["band"] == "junior" && (r["seen"] != float64(130) || r["recognition_rate"] != 0.5) {
			t.Errorf("meth/junior %v", r)
		}
	}
	for _, bad := range []string{"by=school,planet", "by=drug,kiosk", "from=yesterday", "from=2026-02-01&to=2026-01-01", "k=3"} {
		if code, b, _ := h.do("GET", "/api/v1/report?"+bad, h.office, nil); code != 400 || !strings.Contains(string(b), `"error"`) {
			t.Errorf("%s: %d %s", bad, code, b)
		}
	}
	// Date range outside the data: nothing.
	h.getJSON("/api/v1/report?by=school&from=2020-01-01&to=2020-01-31", h.office, &bySchool)
	if len(bySchool.Rows) != 0 {
		t.Errorf("old range: %v", bySchool.Rows)
	}
	var sum struct {
		Plays  int64
		Kiosks int
	}
	h.getJSON("/api/v1/summary", h.admin, &sum)
	if sum.Plays != 98 || sum.Kiosks != 2 {
		t.Errorf("summary %+v", sum)
	}
}

func TestExports(t *testing.T) {
	h := startHub(t, Config{})
	k1, t1 := h.enrol("S1")
	fill(t, h, t1, k1, time.Now().Add(-time.Hour), map[string]int{"junior": 20, "senior": 2, "adult": 30})

	code, b, hdr := h.do("GET", "/api/v1/export?format=csv&by=school,band", h.office, nil)
	if code != 200 || !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("csv: %d %q", code, b[:min(len(b), 20)])
	}
	if !strings.Contains(hdr.Get("Content-Disposition"), ".csv") {
		t.Errorf("disposition %q", hdr.Get("Content-Disposition"))
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[0][0] != "学校代码" || recs[0][3] != "游玩次数" || len(recs) != 4 {
		t.Fatalf("csv %v", recs)
	}
	seen := map[string]string{}
	for _, r := range recs[1:] {
		seen[r[2]] = r[3]
	}
	if seen["senior"] != "<10" || seen["junior"] != "suppressed" || seen["adult"] != "30" {
		t.Errorf("csv cells %v", seen)
	}

	code, b, _ = h.do("GET", "/api/v1/export?format=xlsx&by=school,band&lang=en", h.office, nil)
	if code != 200 {
		t.Fatalf("xlsx %d %s", code, b)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("xlsx does not open: %v", err)
	}
	rows, err := f.GetRows("Report")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][3] != "Plays" {
		t.Fatalf("xlsx rows %v", rows)
	}
	for _, r := range rows[1:] {
		if r[2] == "senior" && r[3] != "<10" {
			t.Errorf("xlsx senior %v", r)
		}
	}

	code, b, _ = h.do("GET", "/api/v1/export?format=json&by=band", h.office, nil)
	var js struct{ Rows []map[string]any }
	if code != 200 || json.Unmarshal(b, &js) != nil || len(js.Rows) != 3 {
		t.Fatalf("json export %d %s", code, b)
	}
	if code, _, _ := h.do("GET", "/api/v1/export?format=pdf", h.office, nil); code != 400 {
		t.Errorf("pdf: %d", code)
	}
	if code, _, _ := h.do("GET", "/api/v1/export?format=csv", "", nil); code != 401 {
		t.Errorf("anonymous export: %d", code)
	}
}

func TestLoginSessionCSRFLogout(t *testing.T) {
	h := startHub(t, Config{})
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	form := url.Values{"username": {"office"}, "password": {"wrong-password"}}
	resp, err := noRedirect.PostForm(h.url+"/login", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/login?error=1" {
		t.Fatalf("bad password: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	form.Set("password", "admin-password")
	form.Set("next", "//evil.example/")
	resp, err = noRedirect.PostForm(h.url+"/login", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/" {
		t.Fatalf("login: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == SessionCookie {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Secure {
		t.Fatalf("cookie %+v", cookie)
	}
	ck := "playhall_session=" + cookie.Value
	code, b, _ := h.do("GET", "/api/v1/session", "", nil, "Cookie", ck)
	var sess struct{ User, Role, CSRF string }
	json.Unmarshal(b, &sess)
	if code != 200 || sess.User != "office" || sess.Role != "office" || len(sess.CSRF) < 16 {
		t.Fatalf("session %d %s", code, b)
	}
	if code, _, _ := h.do("GET", "/api/v1/summary", "", nil, "Cookie", ck); code != 200 {
		t.Errorf("summary with cookie: %d", code)
	}
	if code, _, _ := h.do("GET", "/api/v1/admin/users", "", nil, "Cookie", ck); code != 403 {
		t.Errorf("office cookie on admin: %d", code)
	}
	if code, _, _ := h.do("POST", "/logout", "", nil, "Cookie", ck); code != 403 {
		t.Errorf("logout without CSRF: %d", code)
	}
	if code, _, _ := h.do("POST", "/logout", "", nil, "Cookie", ck, "X-CSRF-Token", sess.CSRF, "Accept", "application/json"); code != 200 {
		t.Errorf("logout: %d", code)
	}
	if code, _, _ := h.do("GET", "/api/v1/summary", "", nil, "Cookie", ck); code != 401 {
		t.Errorf("after logout: %d", code)
	}
	// JSON login as admin, then a CSRF-protected admin POST.
	code, b, hdr := h.do("POST", "/login", "", []byte(`{"username":"admin","password":"admin-password"}`), "Content-Type", "application/json")
	json.Unmarshal(b, &sess)
	if code != 200 || sess.Role != "admin" {
		t.Fatalf("json login %d %s", code, b)
	}
	ck = strings.Split(hdr.Get("Set-Cookie"), ";")[0]
	body := []byte(`{"school":"S1","name":"x"}`)
	if code, _, _ := h.do("POST", "/api/v1/admin/kiosks", "", body, "Cookie", ck); code != 403 {
		t.Errorf("admin POST without CSRF: %d", code)
	}
	if code, b, _ := h.do("POST", "/api/v1/admin/kiosks", "", body, "Cookie", ck, "X-CSRF-Token", sess.CSRF); code != 201 {
		t.Errorf("admin POST with CSRF: %d %s", code, b)
	}
	// Unauthenticated routes and the dashboard mount.
	for path, want := range map[string]int{"/healthz": 200, "/api/v1/summary": 401, "/metrics": 401, "/": 200, "/login": 200} {
		if code, b, _ := h.do("GET", path, "", nil); code != want {
			t.Errorf("GET %s: %d %s, want %d", path, code, b, want)
		}
	}
}

func TestMetricsParticipationAndHealth(t *testing.T) {
	h := startHub(t, Config{})
	k1, t1 := h.enrol("S1")
	h.enrol("S3") // enrolled, never synced: flagged
	b := batch(k1, "e", 1, play(k1, time.Now().Add(-time.Hour), "junior", record.EndCompleted))
	b.Entries = append(b.Entries,
		record.Entry{Seq: 2, Kind: record.KindVisit, Visit: &record.Visit{ID: hexID(), KioskID: k1, Label: "初二(3)班", Students: 45, Start: time.Now().Add(-time.Hour)}},
		record.Entry{Seq: 3, Kind: record.KindVisit, Visit: &record.Visit{ID: hexID(), KioskID: k1, Label: "初二(4)班", Students: 40, Start: time.Now().Add(-time.Hour)}})
	b.Health.Backlog = 7
	if code, ack, body := h.send(t1, b); code != 200 || ack.AckedSeq != 3 {
		t.Fatalf("%d %s", code, body)
	}
	code, m, _ := h.do("GET", "/metrics", h.office, nil)
	for _, want := range []string{`playhall_hub_ingest_records_total{kind="play",result="stored"} 1`,
		`playhall_hub_kiosk_backlog{kiosk="` + k1 + `"} 7`, "playhall_hub_kiosks_seen 1", "playhall_hub_http_request_duration_seconds_bucket"} {
		if code != 200 || !strings.Contains(string(m), want) {
			t.Errorf("metrics lack %q (status %d)", want, code)
		}
	}
	var p struct {
		Rows  []map[string]any
		Total map[string]any
	}
	h.getJSON("/api/v1/participation?by=district", h.office, &p)
	east := p.Rows[0]
	if east["district"] != "东区" || east["schools"] != float64(2) || east["schools_participating"] != float64(1) ||
		east["school_rate"] != 0.5 || east["students"] != float64(85) || east["enrolment"] != float64(800) {
		t.Errorf("east %v", east)
	}
	h.getJSON("/api/v1/participation?by=school", h.office, &p)
	if p.Rows[0]["students"] != float64(85) || p.Rows[0]["student_rate"] != 0.1417 {
		t.Errorf("school rows %v", p.Rows)
	}
	var health struct{ Kiosks []map[string]any }
	h.getJSON("/api/v1/kiosks", h.office, &health)
	if len(health.Kiosks) != 2 || health.Kiosks[0]["backlog"] != float64(7) || health.Kiosks[0]["flagged"] != false ||
		health.Kiosks[1]["flagged"] != true {
		t.Errorf("health %v", health.Kiosks)
	}
}

// TestGracefulShutdownFinishesRequestsInFlight: shutdown begins while a
// kiosk's batch is half sent and its handler is reading it; new connections
// are refused, the batch completes with a full ack, and the store is closed.
//
// "In flight" means inside the handler. The request announces
// "Expect: 100-continue", so the hub writes "100 Continue" only when the
// handler first reads the body. Waiting for StateActive instead is not
// enough: net/http fires it as soon as the headers are read and drops the
// request if Shutdown begins before the handler starts (a kiosk resends
// such an unacknowledged batch).
func TestGracefulShutdownFinishesRequestsInFlight(t *testing.T) {
	h := startHub(t, Config{})
	k1, t1 := h.enrol("S1")
	var plays []*record.Play
	for i := 0; i < 500; i++ {
		plays = append(plays, play(k1, time.Now().Add(-time.Hour), "junior", record.EndCompleted))
	}
	body, _ := json.Marshal(batch(k1, "e", 1, plays...))
	conn, err := net.Dial("tcp", strings.TrimPrefix(h.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/ingest HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\n"+
		"Expect: 100-continue\r\nContent-Length: %d\r\n\r\n", t1, len(body))
	br := bufio.NewReader(conn)
	if cont, err := http.ReadResponse(br, nil); err != nil || cont.StatusCode != http.StatusContinue {
		t.Fatalf("no 100 Continue from the ingest handler: %v %v", cont, err)
	}
	// The handler is reading the body: send half of it, then shut down.
	conn.Write(body[:len(body)/2])
	stopped := make(chan struct{})
	go func() { h.stop(); close(stopped) }()
	// New connections are refused once shutdown has begun...
	for {
		c, err := net.Dial("tcp", strings.TrimPrefix(h.url, "http://"))
		if err != nil {
			break
		}
		c.Close()
	}
	// ...while the request in flight completes with a full ack.
	conn.Write(body[len(body)/2:])
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("in-flight request cut off: %v", err)
	}
	var ack record.Ack
	json.NewDecoder(resp.Body).Decode(&ack)
	resp.Body.Close()
	if resp.StatusCode != 200 || ack.AckedSeq != 500 {
		t.Fatalf("in-flight request: %d %+v", resp.StatusCode, ack)
	}
	<-stopped
	st, err := store.Open(h.dir, time.Second)
	if err != nil {
		t.Fatalf("database not released after shutdown: %v", err)
	}
	defer st.Close()
	var n int64
	st.View(func(v *store.Snapshot) {
		for _, c := range v.Cells {
			n += c.C[store.CPlays]
		}
	})
	if n != 500 {
		t.Fatalf("%d plays stored, want 500", n)
	}
}

func TestParticipationSuppressesSmallStudentCounts(t *testing.T) {
	h := startHub(t, Config{})
	k1, t1 := h.enrol("S1")
	k2, t2 := h.enrol("S2")
	k3, t3 := h.enrol("S3")
	visit := func(kiosk string, n int) *record.Batch {
		b := batch(kiosk, "e", 1)
		b.Entries = []record.Entry{{Seq: 1, Kind: record.KindVisit, Visit: &record.Visit{ID: hexID(), KioskID: kiosk,
			Label: "初一(2)班", Students: n, Start: time.Now().Add(-time.Hour)}}}
		return b
	}
	for _, v := range []struct {
		tok, id string
		n       int
	}{{t1, k1, 40}, {t2, k2, 4}, {t3, k3, 50}} {
		if code, _, body := h.send(v.tok, visit(v.id, v.n)); code != 200 {
			t.Fatalf("%d %s", code, body)
		}
	}
	var p struct{ Rows []map[string]any }
	h.getJSON("/api/v1/participation?by=school", h.office, &p)
	got := map[string]any{}
	for _, r := range p.Rows {
		got[r["school"].(string)] = r["students"]
	}
	// S2 (4 students) is small; S1 shares its district (东区), whose total is
	// published, so S1 is hidden too.
	if got["S2"] != "<10" || got["S1"] != "suppressed" || got["S3"] == "<10" {
		t.Fatalf("students %v", got)
	}
}

func TestReportFiltersAndSchoolImport(t *testing.T) {
	h := startHub(t, Config{})
	k1, t1 := h.enrol("S1")
	k3, t3 := h.enrol("S3")
	start := time.Now().Add(-2 * time.Hour)
	fill(t, h, t1, k1, start, map[string]int{"junior": 20, "senior": 30})
	fill(t, h, t3, k3, start, map[string]int{"junior": 25})
	for q, want := range map[string]float64{
		"by=band&school=S1":       2,
		"by=band&district=西区":     1,
		"by=school&band=junior":   2,
		"by=school&band=nonsense": 0,
		"by=drug&district=东区":     2,
	} {
		var rep struct{ Rows []map[string]any }
		h.getJSON("/api/v1/report?"+q, h.office, &rep)
		if float64(len(rep.Rows)) != want {
			t.Errorf("%s: %d rows, want %v: %v", q, len(rep.Rows), want, rep.Rows)
		}
	}
	var rep struct{ Rows []map[string]any }
	h.getJSON("/api/v1/report?by=school&band=junior", h.office, &rep)
	if rep.Rows[0]["plays"] != float64(20) || rep.Rows[1]["plays"] != float64(25) {
		t.Errorf("junior by school %v", rep.Rows)
	}
	csvBody := []byte("code,name,district,7\nN1,新一中,南区,100\nN2,新二中,南区,abc\n")
	code, b, _ := h.do("POST", "/api/v1/admin/schools/import?name=new.csv", h.admin, csvBody)
	if code != 400 || !strings.Contains(string(b), "new.csv:3:") {
		t.Fatalf("bad CSV: %d %s", code, b)
	}
	var schools struct{ Schools []map[string]any }
	h.getJSON("/api/v1/schools", h.office, &schools)
	if len(schools.Schools) != 3 {
		t.Fatalf("a bad import changed the registry: %v", schools.Schools)
	}
	csvBody = []byte("code,name,district,7\nN1,新一中,南区,100\nN2,新二中,南区,\n")
	if code, b, _ := h.do("POST", "/api/v1/admin/schools/import?name=new.csv", h.admin, csvBody); code != 200 || !strings.Contains(string(b), `"imported":2`) {
		t.Fatalf("import: %d %s", code, b)
	}
}
