package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/playhall/playhall/hub/dashboard/seed"
	"github.com/playhall/playhall/internal/testbin"
)

// bin returns the path of a real Playhall binary.
func bin(t *testing.T, name string) string {
	t.Helper()
	p, err := testbin.Path(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// run runs a binary with stdin and returns its standard output; a failure
// stops the test with everything the command printed.
func run(t *testing.T, stdin string, exe string, args ...string) string {
	t.Helper()
	cmd := exec.Command(exe, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\nstdout: %s\nstderr: %s", filepath.Base(exe), strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

// lastLine is the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// syncBuffer collects a process's output for failure messages.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// hubProc is a running `hub serve`.
type hubProc struct {
	t    *testing.T
	bin  string
	dir  string
	url  string
	cmd  *exec.Cmd
	done chan struct{}
	log  syncBuffer
}

// startHub runs `hub serve --addr 127.0.0.1:PORT --data dir ARGS...` and
// waits until /healthz answers. The hub is stopped at the end of the test.
func startHub(t *testing.T, dir string, args ...string) *hubProc {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	h := &hubProc{t: t, bin: bin(t, "hub"), dir: dir, url: "http://" + addr, done: make(chan struct{})}
	h.cmd = exec.Command(h.bin, append([]string{"serve", "--addr", addr, "--data", dir}, args...)...)
	h.cmd.Stdout, h.cmd.Stderr = &h.log, &h.log
	if err := h.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { h.cmd.Wait(); close(h.done) }()
	t.Cleanup(h.stop)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tick := time.NewTicker(25 * time.Millisecond)
	defer tick.Stop()
	for {
		if resp, err := http.Get(h.url + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return h
			}
		}
		select {
		case <-h.done:
			t.Fatalf("hub exited before it was ready:\n%s", h.log.String())
		case <-ctx.Done():
			t.Fatalf("hub not ready in 30 s:\n%s", h.log.String())
		case <-tick.C:
		}
	}
}

// stop sends SIGINT and waits for the hub to exit (kill after 15 s).
func (h *hubProc) stop() {
	if h.cmd.Process == nil {
		return
	}
	select {
	case <-h.done:
		return
	default:
	}
	h.cmd.Process.Signal(os.Interrupt)
	select {
	case <-h.done:
	case <-time.After(15 * time.Second):
		h.cmd.Process.Kill()
		<-h.done
		h.t.Errorf("hub did not stop on SIGINT within 15 s")
	}
}

// cli runs `hub ARGS... --data DIR` style commands against this hub's data.
func (h *hubProc) cli(stdin string, args ...string) string {
	h.t.Helper()
	return run(h.t, stdin, h.bin, args...)
}

// officeToken adds an office user and returns a bearer token for it.
func (h *hubProc) officeToken() string {
	h.t.Helper()
	h.cli("office-password-1\n", "user", "add", "--data", h.dir, "office", "--role", "office")
	return lastLine(h.cli("", "token", "add", "--data", h.dir, "--user", "office"))
}

// get fetches an API path with a bearer token and decodes the JSON answer.
func (h *hubProc) get(token, path string, out any) {
	h.t.Helper()
	req, _ := http.NewRequest("GET", h.url+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		h.t.Fatalf("GET %s: %s %s", path, resp.Status, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		h.t.Fatalf("GET %s: %v in %s", path, err, b)
	}
}

// summary is GET /api/v1/summary.
type summary struct {
	Plays    int            `json:"plays"`
	Kiosks   int            `json:"kiosks"`
	BySource map[string]any `json:"by_source"`
	K        int            `json:"k"`
}

// report is GET /api/v1/report: rows of keys and counts; a count is a
// number, "<K" or "suppressed" (the small-cell rule).
type report struct {
	K    int              `json:"k"`
	Rows []map[string]any `json:"rows"`
}

// chromium starts a headless Chromium with a fresh profile and returns a
// context for its first tab. Uncaught exceptions and console errors of the
// page are collected in errs.
func chromium(t *testing.T, width, height int) (ctx context.Context, errs func() []string) {
	t.Helper()
	ctx, cancel, err := seed.Browser(context.Background(), t.TempDir(), width, height)
	if err != nil {
		t.Fatalf("end-to-end tests need Chromium: %v", err)
	}
	t.Cleanup(cancel)
	var mu sync.Mutex
	var list []string
	note := func(s string) { mu.Lock(); list = append(list, s); mu.Unlock() }
	exc := chromedp.Events(ctx, runtime.ExceptionThrown)
	cons := chromedp.Events(ctx, runtime.ConsoleAPICalled)
	go func() {
		for ev, err := range exc {
			if err != nil {
				return
			}
			d := ""
			if ev.ExceptionDetails.Exception != nil {
				d = ev.ExceptionDetails.Exception.Description
			}
			note("exception: " + ev.ExceptionDetails.Text + " " + d)
		}
	}()
	go func() {
		for ev, err := range cons {
			if err != nil {
				return
			}
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value))
			}
			line := strings.Join(parts, " ")
			if testing.Verbose() {
				t.Logf("page console: %s", line)
			}
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				note("console.error: " + line)
			}
		}
	}()
	return ctx, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), list...) }
}
