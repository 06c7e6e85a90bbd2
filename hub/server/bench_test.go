package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/playhall/playhall/record"
)

// BenchmarkIngestLoopback posts batches of 500 plays to a real hub over
// loopback HTTP (4 kiosks sending in parallel, each with its own epoch and
// sequence), every batch committed with fsync. plays/s is the figure the
// issue asks for (target ≥ 20,000).
func BenchmarkIngestLoopback(b *testing.B) {
	h := startHubB(b, Config{KioskRate: 1e6, KioskBurst: 1e6})
	const kiosks, per = 4, record.MaxBatchRecords
	type sender struct {
		tok  string
		id   string
		next uint64
	}
	var senders []*sender
	for i := 0; i < kiosks; i++ {
		id, tok := h.enrolB(b, "S1")
		senders = append(senders, &sender{tok: tok, id: id, next: 1})
	}
	start := time.Now().Add(-time.Hour)
	// Pre-build one batch body per kiosk per iteration lazily: encoding is
	// the kiosk's cost, not the hub's.
	bodies := make([][][]byte, kiosks)
	for k, s := range senders {
		n := b.N/kiosks + 1
		for i := 0; i < n; i++ {
			var plays []*record.Play
			for j := 0; j < per; j++ {
				plays = append(plays, play(s.id, start, []string{"junior", "senior", "adult", "primary"}[j%4], record.EndCompleted))
			}
			body, _ := json.Marshal(batch(s.id, "bench", uint64(i*per+1), plays...))
			bodies[k] = append(bodies[k], body)
		}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: kiosks}}
	var sent atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	began := time.Now()
	var wg sync.WaitGroup
	var failed atomic.Value
	for k := range senders {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			s := senders[k]
			n := b.N / kiosks
			if k < b.N%kiosks {
				n++
			}
			for i := 0; i < n; i++ {
				sent.Add(1)
				req, _ := http.NewRequest("POST", h.url+"/api/v1/ingest", bytes.NewReader(bodies[k][i]))
				req.Header.Set("Authorization", "Bearer "+s.tok)
				resp, err := client.Do(req)
				if err != nil {
					failed.Store(err.Error())
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					failed.Store(fmt.Sprintf("status %d", resp.StatusCode))
					return
				}
			}
		}(k)
	}
	wg.Wait()
	el := time.Since(began)
	b.StopTimer()
	if f := failed.Load(); f != nil {
		b.Fatal(f)
	}
	b.ReportMetric(float64(b.N*per)/el.Seconds(), "plays/s")
	var s struct{ Plays int64 }
	h.getJSONB(b, "/api/v1/summary", h.office, &s)
	if s.Plays != int64(b.N*per) {
		b.Fatalf("stored %d plays, sent %d", s.Plays, b.N*per)
	}
}
