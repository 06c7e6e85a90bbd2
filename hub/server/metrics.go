package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/playhall/playhall/hub/store"
)

// metrics are the hub's Prometheus series (a private registry, served at
// /metrics to office and admin users).
type metrics struct {
	reg      *prometheus.Registry
	records  *prometheus.CounterVec
	batches  prometheus.Counter
	backlog  *prometheus.GaugeVec
	latency  *prometheus.HistogramVec
	rejected *prometheus.CounterVec
}

func newMetrics(st *store.Store, now func() time.Time) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.records = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "playhall_hub_ingest_records_total",
		Help: "Records received, by kind (play, visit, web) and result (stored, duplicate, quarantined). rate() of it is the ingest rate.",
	}, []string{"kind", "result"})
	m.batches = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "playhall_hub_ingest_batches_total", Help: "Kiosk batches accepted.",
	})
	m.backlog = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "playhall_hub_kiosk_backlog", Help: "Backlog each kiosk reported with its last batch (records not yet acknowledged).",
	}, []string{"kiosk"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "playhall_hub_http_request_duration_seconds",
		Help:    "HTTP request latency by route pattern and status code.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"route", "code"})
	m.rejected = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "playhall_hub_http_rejected_total", Help: "Requests refused before reaching a handler's work, by reason (rate_limited, too_large, unauthorized, forbidden).",
	}, []string{"reason"})
	seen := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "playhall_hub_kiosks_seen", Help: "Kiosks that synced in the last 24 hours.",
	}, func() float64 {
		n := 0
		cut := now().Add(-24 * time.Hour)
		for _, k := range st.Kiosks() {
			if k.LastSeen.After(cut) {
				n++
			}
		}
		return float64(n)
	})
	enrolled := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "playhall_hub_kiosks_enrolled", Help: "Kiosks enrolled and not revoked.",
	}, func() float64 {
		n := 0
		for _, k := range st.Kiosks() {
			if k.Enrolled && !k.Revoked {
				n++
			}
		}
		return float64(n)
	})
	m.reg.MustRegister(m.records, m.batches, m.backlog, m.latency, m.rejected, seen, enrolled,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// statusWriter records the status code for the latency histogram.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(c int) {
	if w.code == 0 {
		w.code = c
	}
	w.ResponseWriter.WriteHeader(c)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (m *metrics) observe(r *http.Request, code int, d time.Duration) {
	route := r.Pattern
	if route == "" {
		route = "other"
	}
	if code == 0 {
		code = http.StatusOK
	}
	m.latency.WithLabelValues(route, strconv.Itoa(code)).Observe(d.Seconds())
}
