package sync

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	stdsync "sync"
	"syscall"
	"testing"
	"time"

	"github.com/playhall/playhall/internal/testbin"
	"github.com/playhall/playhall/kiosk/playlog"
	"github.com/playhall/playhall/record"
)

// realHub is the real `hub` binary serving a data folder on loopback.
type realHub struct {
	t        testing.TB
	bin      string
	dir      string
	addr     string // host:port; kept across restarts
	URL      string
	admin    string   // bearer token of an admin user
	extra    []string // more `hub serve` flags
	caFile   string   // CA of the hub's TLS certificate, if any
	cmd      *exec.Cmd
	exited   chan struct{}
	stderrMu stdsync.Mutex
	stderr   bytes.Buffer
}

var servingRE = regexp.MustCompile(`msg="hub serving" url=(\S+)`)

// newHub prepares a hub data folder with a school, an admin and its token,
// and starts serving on a free loopback port.
func newHub(t testing.TB, extra ...string) *realHub {
	t.Helper()
	bin, err := testbin.Path("hub")
	if err != nil {
		t.Fatal(err)
	}
	h := &realHub{t: t, bin: bin, dir: filepath.Join(t.TempDir(), "hub"), extra: extra}
	h.cli("", "school", "add", "--data", h.dir, "S001", "--name", "第一中学", "--district", "西山区")
	h.cli("correct horse battery\n", "user", "add", "--data", h.dir, "ops", "--role", "admin")
	h.admin = lastLine(h.cli("", "token", "add", "--data", h.dir, "--user", "ops"))
	h.start("127.0.0.1:0")
	t.Cleanup(h.stop)
	return h
}

// cli runs a hub administration command and returns its stdout.
func (h *realHub) cli(stdin string, args ...string) string {
	h.t.Helper()
	cmd := exec.Command(h.bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		h.t.Fatalf("hub %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// addKiosk registers a kiosk and returns its one-time enrolment code.
func (h *realHub) addKiosk(name string) string {
	return lastLine(h.cli("", "kiosk", "add", "--data", h.dir, "--school", "S001", "--name", name))
}

// start runs `hub serve` and waits for its "hub serving" log line.
func (h *realHub) start(addr string) {
	h.t.Helper()
	args := append([]string{"serve", "--addr", addr, "--data", h.dir}, h.extra...)
	if !strings.Contains(strings.Join(h.extra, " "), "--kiosk-rate") {
		args = append(args, "--kiosk-rate", "1000")
	}
	cmd := exec.Command(h.bin, args...)
	pr, err := cmd.StderrPipe()
	if err != nil {
		h.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		h.t.Fatal(err)
	}
	h.cmd, h.exited = cmd, make(chan struct{})
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			line := sc.Text()
			h.stderrMu.Lock()
			h.stderr.WriteString(line + "\n")
			h.stderrMu.Unlock()
			if m := servingRE.FindStringSubmatch(line); m != nil {
				ready <- m[1]
			}
		}
		close(ready)
	}()
	go func(c *exec.Cmd, done chan struct{}) { c.Wait(); close(done) }(cmd, h.exited)
	u, ok := <-ready
	if !ok {
		h.stderrMu.Lock()
		defer h.stderrMu.Unlock()
		h.t.Fatalf("hub serve did not start:\n%s", h.stderr.String())
	}
	h.URL = u
	h.addr = strings.TrimPrefix(strings.TrimPrefix(u, "http://"), "https://")
}

// restart serves the same data folder on the same address again.
func (h *realHub) restart() { h.start(h.addr) }

// stop ends the hub gracefully (SIGTERM) if it runs.
func (h *realHub) stop() {
	if h.cmd == nil {
		return
	}
	h.cmd.Process.Signal(syscall.SIGTERM)
	<-h.exited
	h.cmd = nil
}

// kill ends the hub with SIGKILL, as a power cut would.
func (h *realHub) kill() {
	if h.cmd == nil {
		return
	}
	h.cmd.Process.Kill()
	<-h.exited
	h.cmd = nil
}

// get fetches a JSON API with the admin token.
func (h *realHub) get(path string, out any) {
	h.t.Helper()
	req, _ := http.NewRequest("GET", h.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+h.admin)
	hc := http.DefaultClient
	if h.caFile != "" {
		var err error
		if hc, err = httpClient(h.caFile); err != nil {
			h.t.Fatal(err)
		}
	}
	resp, err := hc.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		h.t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		h.t.Fatalf("GET %s: %v: %s", path, err, b)
	}
}

// plays returns the hub's exact total of stored plays.
func (h *realHub) plays() int {
	var s struct {
		Plays int `json:"plays"`
	}
	h.get("/api/v1/summary", &s)
	return s.Plays
}

// kioskHealth returns what the hub knows of a kiosk's health.
func (h *realHub) kioskHealth(id string) map[string]any {
	var r struct {
		Kiosks []map[string]any `json:"kiosks"`
	}
	h.get("/api/v1/kiosks", &r)
	for _, k := range r.Kiosks {
		if k["id"] == id {
			return k
		}
	}
	h.t.Fatalf("kiosk %s not in /api/v1/kiosks", id)
	return nil
}

// kiosk is an enrolled kiosk data folder with an open log.
type kiosk struct {
	dir string
	log *playlog.Log
	enr Enrollment
}

func newKiosk(t testing.TB, h *realHub, hubURL string) *kiosk {
	t.Helper()
	k := &kiosk{dir: filepath.Join(t.TempDir(), "kiosk")}
	code := h.addKiosk(fmt.Sprintf("hall-%d", time.Now().UnixNano()%100000))
	var err error
	if k.enr, err = Enroll(t.Context(), k.dir, hubURL, code, ""); err != nil {
		t.Fatal(err)
	}
	k.log = openLog(t, k.dir)
	return k
}

func openLog(t testing.TB, dir string) *playlog.Log {
	t.Helper()
	l, err := playlog.Open(dir, playlog.Options{Logf: t.Logf, QueueLimit: 200_000})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// play is a valid kiosk play that started recently (the hub refuses times
// far in the past or future).
func testPlay(i int) record.Play {
	return record.Play{Source: record.SourceKiosk, ContentVersion: "pack-1", AppVersion: "test",
		Start: time.Now().Add(-time.Duration(i%600) * time.Second), Duration: 120 + float64(i%60),
		Band: []string{"primary", "junior", "senior", "adult"}[i%4], Lang: []string{"zh", "en"}[i%2],
		Level: fmt.Sprintf("mekong-%d", i%3+1), Mode: "shooter", End: record.EndCompleted, Score: i % 5000,
		Items: []record.ItemOutcome{{ID: "ice", Kind: "drug", Seen: 3, Seized: 2, Missed: 1},
			{ID: "milk-tea", Kind: "lookalike", Seen: 1, FalseAlarms: i % 2}},
		Answers: []record.Answer{{Question: "q-ice", Phase: "post", Choice: i % 3, Correct: i%3 == 0}}}
}

// fill appends n plays and waits until they are durable.
func (k *kiosk) fill(t testing.TB, n int) {
	t.Helper()
	var last *playlog.Receipt
	for i := range n {
		r, err := k.log.Append(testPlay(i))
		if err != nil {
			t.Fatal(err)
		}
		last = r
	}
	if last != nil {
		if err := last.Err(); err != nil {
			t.Fatal(err)
		}
	}
}
