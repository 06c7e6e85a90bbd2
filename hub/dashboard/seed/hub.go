// Package seed runs a real hub binary in a data folder and fills it with
// plausible, anonymous plays through the real administration commands and
// the real kiosk API (enrol, then POST /api/v1/ingest). The dashboard's
// browser tests and its screenshot command use it; nothing in the product
// imports it.
//
// Everything it makes is deterministic for a given Plan (a seeded random
// source), and it returns the totals it sent, so a test can check the
// dashboard against numbers it knows.
package seed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// ErrNotReady means the hub did not answer /healthz in time.
var ErrNotReady = errors.New("seed: hub did not become ready")

// Hub is a running `hub serve` process.
type Hub struct {
	Bin  string // the hub binary
	Dir  string // its data folder
	URL  string // http://127.0.0.1:PORT
	cmd  *exec.Cmd
	done chan struct{}
	mu   sync.Mutex
	log  bytes.Buffer // the hub's stderr and stdout, for failure messages
}

// CLI runs `hub ARGS...` with stdin and returns its trimmed standard output.
// The error carries the command line and everything the command printed.
func CLI(bin string, stdin string, args ...string) (string, error) {
	cmd := exec.Command(bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("seed: hub %s: %v\nstdout: %s\nstderr: %s", strings.Join(args, " "), err, out.String(), errb.String())
	}
	return strings.TrimSpace(out.String()), nil
}

// LastLine is the last non-empty line of s (where `hub kiosk add` prints
// the enrolment code).
func LastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// freeAddr asks the kernel for a free loopback port. Another process could
// take it before the hub binds it; Start then fails with the hub's message.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// Start runs `hub serve --addr 127.0.0.1:PORT --data dir` and waits (at most
// wait) until GET /healthz answers 200. Stop it with Stop.
func Start(bin, dir string, wait time.Duration) (*Hub, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, fmt.Errorf("seed: free port: %w", err)
	}
	h := &Hub{Bin: bin, Dir: dir, URL: "http://" + addr, done: make(chan struct{})}
	h.cmd = exec.Command(bin, "serve", "--addr", addr, "--data", dir)
	w := lockedWriter{&h.mu, &h.log}
	h.cmd.Stdout, h.cmd.Stderr = w, w
	if err := h.cmd.Start(); err != nil {
		return nil, fmt.Errorf("seed: start %s serve: %w", bin, err)
	}
	go func() { _ = h.cmd.Wait(); close(h.done) }()
	if err := h.waitReady(wait); err != nil {
		h.Stop()
		return nil, err
	}
	return h, nil
}

// waitReady polls /healthz until it answers 200, the process exits, or the
// deadline passes. Each probe is a real request; the pause between probes
// only keeps the loop from spinning.
func (h *Hub) waitReady(wait time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	tick := time.NewTicker(25 * time.Millisecond)
	defer tick.Stop()
	client := &http.Client{Timeout: time.Second}
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, h.URL+"/healthz", nil)
		if res, err := client.Do(req); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-h.done:
			return fmt.Errorf("%w: hub exited early:\n%s", ErrNotReady, h.Log())
		case <-ctx.Done():
			return fmt.Errorf("%w within %v:\n%s", ErrNotReady, wait, h.Log())
		case <-tick.C:
		}
	}
}

// Log is what the hub has printed so far.
func (h *Hub) Log() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.log.String()
}

// Stop asks the hub to shut down (SIGINT, then kill after 10 s) and waits.
func (h *Hub) Stop() {
	if h == nil || h.cmd == nil || h.cmd.Process == nil {
		return
	}
	_ = h.cmd.Process.Signal(os.Interrupt)
	select {
	case <-h.done:
	case <-time.After(10 * time.Second):
		_ = h.cmd.Process.Kill()
		<-h.done
	}
}
