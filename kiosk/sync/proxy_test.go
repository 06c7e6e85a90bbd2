package sync

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	stdsync "sync"
	"testing"
)

// faultProxy is a real TCP proxy between the kiosk and the hub that injects
// network faults: it can cut the n-th answer from the hub in half, call a
// hook as request bytes flow (to kill the hub mid-batch), and record the
// kiosk's bytes so a test can replay them.
type faultProxy struct {
	ln     net.Listener
	target string

	mu        stdsync.Mutex
	upBytes   int64
	onUp      func(total int64) // called after each forwarded chunk, lock not held
	cutNth    int               // cut the cutNth read from the hub (1-based); 0 = never
	downReads int
	recording bool
	streams   []*bytes.Buffer
}

func newProxy(t testing.TB, target string) *faultProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &faultProxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close() })
	go p.serve()
	return p
}

func (p *faultProxy) URL() string { return "http://" + p.ln.Addr().String() }

func (p *faultProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.handle(c)
	}
}

func (p *faultProxy) handle(client net.Conn) {
	defer client.Close()
	hub, err := net.Dial("tcp", p.target)
	if err != nil {
		return // the kiosk sees a connection closed: hub unreachable
	}
	defer hub.Close()
	var rec *bytes.Buffer
	p.mu.Lock()
	if p.recording {
		rec = &bytes.Buffer{}
		p.streams = append(p.streams, rec)
	}
	p.mu.Unlock()
	done := make(chan struct{}, 2)
	go func() { // kiosk → hub
		defer func() { done <- struct{}{} }()
		buf := make([]byte, 32<<10)
		for {
			n, err := client.Read(buf)
			if n > 0 {
				p.mu.Lock()
				if rec != nil {
					rec.Write(buf[:n])
				}
				p.upBytes += int64(n)
				total, hook := p.upBytes, p.onUp
				p.mu.Unlock()
				if _, werr := hub.Write(buf[:n]); werr != nil {
					return
				}
				if hook != nil {
					hook(total)
				}
			}
			if err != nil {
				return
			}
		}
	}()
	go func() { // hub → kiosk
		defer func() { done <- struct{}{} }()
		buf := make([]byte, 32<<10)
		for {
			n, err := hub.Read(buf)
			if n > 0 {
				p.mu.Lock()
				p.downReads++
				cut := p.cutNth != 0 && p.downReads == p.cutNth
				p.mu.Unlock()
				if cut {
					client.Write(buf[:n/2])
					return // closes both: the kiosk gets half an answer
				}
				if _, werr := client.Write(buf[:n]); werr != nil {
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	<-done
}

// recordedRequests parses the recorded kiosk→hub bytes back into requests
// (method, path, headers, body) in the order they were sent.
func (p *faultProxy) recordedRequests(t testing.TB) []recorded {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []recorded
	for _, s := range p.streams {
		r := bufio.NewReader(bytes.NewReader(s.Bytes()))
		for {
			req, err := http.ReadRequest(r)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("recorded stream: %v", err)
			}
			body, err := io.ReadAll(req.Body)
			if err != nil {
				t.Fatalf("recorded body: %v", err)
			}
			out = append(out, recorded{path: req.URL.Path, auth: req.Header.Get("Authorization"), body: body})
		}
	}
	return out
}

type recorded struct {
	path, auth string
	body       []byte
}
