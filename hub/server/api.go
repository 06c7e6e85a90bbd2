package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/playhall/playhall/hub/report"
	"github.com/playhall/playhall/hub/store"
	"github.com/playhall/playhall/record"
)

// enroll: POST /api/v1/enroll EnrollRequest → EnrollResponse. No auth (the
// one-time code is the credential); attempts are limited per address.
func (s *Server) enroll(w http.ResponseWriter, r *http.Request) {
	if ok, wait := s.authLim.allow(s.authLim.hashKey("enroll\x00" + clientAddr(r))); !ok {
		s.tooMany(w, wait, "too many enrolment attempts")
		return
	}
	req, err := DecodeEnroll(r.Body)
	if err != nil {
		writeDecodeError(w, err)
		return
	}
	resp, err := s.st.Enroll(req.Code)
	switch {
	case errors.Is(err, store.ErrNotFound):
		jsonError(w, http.StatusForbidden, "unknown or already used enrolment code")
	case errors.Is(err, store.ErrRevoked):
		jsonError(w, http.StatusForbidden, "this kiosk has been revoked")
	case err != nil:
		s.internal(w, err)
	default:
		s.cfg.Logger.Info("kiosk enrolled", "kiosk", resp.KioskID, "school", resp.SchoolCode)
		writeJSON(w, http.StatusOK, resp)
	}
}

func (s *Server) tooMany(w http.ResponseWriter, wait time.Duration, msg string) {
	s.metrics.rejected.WithLabelValues("rate_limited").Inc()
	secs := int(wait/time.Second) + 1
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	jsonError(w, http.StatusTooManyRequests, fmt.Sprintf("%s; retry after %d s", msg, secs))
}

func (s *Server) internal(w http.ResponseWriter, err error) {
	s.cfg.Logger.Error("internal error", "err", err)
	jsonError(w, http.StatusInternalServerError, "internal error: "+err.Error())
}

// ingest: POST /api/v1/ingest Batch → Ack, kiosk token only; the batch's
// kiosk_id must be the token's kiosk (403 otherwise). Rate-limited per kiosk.
func (s *Server) ingest(w http.ResponseWriter, r *http.Request, p *store.Principal) {
	if ok, wait := s.kioskLim.allow(p.Subject); !ok {
		s.tooMany(w, wait, "too many batches from kiosk "+p.Subject)
		return
	}
	b, err := DecodeBatch(r.Body)
	if err != nil {
		writeDecodeError(w, err)
		return
	}
	if b.KioskID != p.Subject {
		jsonError(w, http.StatusForbidden, fmt.Sprintf("batch kiosk_id %q is not this token's kiosk %q", b.KioskID, p.Subject))
		return
	}
	ack, st, err := s.st.Ingest(p.Subject, b)
	switch {
	case errors.Is(err, store.ErrBadInput):
		jsonError(w, http.StatusBadRequest, err.Error())
		return
	case errors.Is(err, store.ErrRevoked), errors.Is(err, store.ErrNotFound):
		jsonError(w, http.StatusForbidden, err.Error())
		return
	case err != nil:
		s.internal(w, err)
		return
	}
	m := s.metrics
	m.batches.Inc()
	m.records.WithLabelValues("play", "stored").Add(float64(st.Plays))
	m.records.WithLabelValues("visit", "stored").Add(float64(st.Visits))
	m.records.WithLabelValues("any", "duplicate").Add(float64(st.Duplicates))
	m.records.WithLabelValues("any", "quarantined").Add(float64(st.Quarantined))
	m.records.WithLabelValues(store.KindCorrupt, "quarantined").Add(float64(st.Corrupt))
	m.records.WithLabelValues(store.KindLost, "quarantined").Add(float64(st.Lost))
	m.backlog.WithLabelValues(p.Subject).Set(float64(b.Health.Backlog))
	if st.Quarantined > 0 {
		s.cfg.Logger.Warn("records quarantined", "kiosk", p.Subject, "epoch", b.Epoch, "count", st.Quarantined, "corrupt_on_kiosk", st.Corrupt, "lost_on_kiosk", st.Lost)
	}
	writeJSON(w, http.StatusOK, ack)
}

// webPlay: POST /api/v1/web/plays Play → WebAck. Anonymous; limited per
// client address through keyed hashes held only in memory.
func (s *Server) webPlay(w http.ResponseWriter, r *http.Request) {
	if ok, wait := s.webLim.allow(s.webLim.hashKey(clientAddr(r))); !ok {
		s.tooMany(w, wait, "too many web plays from this address")
		return
	}
	p, err := DecodeWebPlay(r.Body)
	if err != nil {
		writeDecodeError(w, err)
		return
	}
	stored, err := s.st.IngestWeb(p)
	if errors.Is(err, store.ErrBadInput) {
		jsonError(w, http.StatusBadRequest, err.Error())
		return
	} else if err != nil {
		s.internal(w, err)
		return
	}
	result := "duplicate"
	if stored {
		result = "stored"
	}
	s.metrics.records.WithLabelValues("web", result).Inc()
	writeJSON(w, http.StatusOK, record.WebAck{Stored: stored, ID: p.ID})
}

// k is the query's K: the server's, or a larger one from ?k=.
func (s *Server) k(r *http.Request) (int, error) {
	k, err := report.ParseK(r.URL.Query().Get("k"), s.cfg.K)
	if err != nil {
		return 0, err
	}
	if k < s.cfg.K {
		return 0, fmt.Errorf("%w: k may be raised above the hub's %d, not lowered", report.ErrQuery, s.cfg.K)
	}
	return k, nil
}

// summary: GET /api/v1/summary?from=&to=[&district=&school=&band=] →
// report.Summary.
func (s *Server) summary(w http.ResponseWriter, r *http.Request, _ *store.Principal) {
	serveBuilt(s, w, r, report.BuildSummary)
}

// serveBuilt answers a report built by build from the request's query and
// K: 200 with its JSON, or 400 with the error of a bad query or K.
func serveBuilt[T any](s *Server, w http.ResponseWriter, r *http.Request, build func(*store.Store, url.Values, int) (T, error)) {
	k, err := s.k(r)
	if err != nil {
		jsonError(w, http.StatusBadRequest, err.Error())
		return
	}
	out, err := build(s.st, r.URL.Query(), k)
	if err != nil {
		jsonError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// reportQuery parses the request's report query and K, or answers 400.
func (s *Server) reportQuery(w http.ResponseWriter, r *http.Request) (report.Query, bool) {
	k, err := s.k(r)
	if err != nil {
		jsonError(w, http.StatusBadRequest, err.Error())
		return report.Query{}, false
	}
	q, err := report.ParseQuery(r.URL.Query(), k)
	if err != nil {
		jsonError(w, http.StatusBadRequest, err.Error())
		return report.Query{}, false
	}
	return q, true
}

// report: GET /api/v1/report?by=...&from=&to=[&filters] → {"k", "by",
// "columns", "rows"}.
func (s *Server) report(w http.ResponseWriter, r *http.Request, _ *store.Principal) {
	q, ok := s.reportQuery(w, r)
	if !ok {
		return
	}
	t := report.Build(s.st, q)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if err := report.WriteJSON(w, t); err != nil {
		s.cfg.Logger.Warn("report write", "err", err)
	}
}

// exportBatchCells is report.ExportOptions.BatchCells for exports (0: the
// default); tests lower it to stream small tables in parts.
var exportBatchCells int

// export: GET /api/v1/export?format=csv|xlsx|json&by=...[&lang=zh|en] → a
// file download with the same rows, cells and suppression as
// /api/v1/report, written as it is read from a report.Export (chunked
// once past net/http's buffer), so the hub's memory does not grow with the
// rows of a table that has parts.
func (s *Server) export(w http.ResponseWriter, r *http.Request, _ *store.Principal) {
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "csv"
	}
	if format != "csv" && format != "xlsx" && format != "json" {
		jsonError(w, http.StatusBadRequest, "format must be csv, xlsx or json")
		return
	}
	lang := r.URL.Query().Get("lang")
	if lang == "" {
		lang = "zh"
	}
	if lang != "zh" && lang != "en" {
		jsonError(w, http.StatusBadRequest, "lang must be zh or en")
		return
	}
	q, ok := s.reportQuery(w, r)
	if !ok {
		return
	}
	t := report.NewExport(s.st, q, report.ExportOptions{BatchCells: exportBatchCells})
	defer t.Close()
	if err := t.SpillErr(); err != nil {
		s.cfg.Logger.Warn("export held in memory: its spill file failed", "err", err)
	}
	var err error
	name := "playhall-report-" + s.now().Format("20060102-1504") + "." + format
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	switch format {
	case "csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		err = report.WriteCSV(w, t, lang)
	case "xlsx":
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		err = report.WriteXLSX(w, t, lang)
	case "json":
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		err = report.WriteJSON(w, t)
	}
	if err != nil {
		s.cfg.Logger.Warn("export write", "err", err)
	}
}

// participation: GET /api/v1/participation?by=school|district&from=&to=
// [&district=&school=] → report.Participation.
func (s *Server) participation(w http.ResponseWriter, r *http.Request, _ *store.Principal) {
	serveBuilt(s, w, r, report.BuildParticipation)
}

// kiosksHealth: GET /api/v1/kiosks[?district=&school=] → {"kiosks": [...]}.
func (s *Server) kiosksHealth(w http.ResponseWriter, r *http.Request, _ *store.Principal) {
	h, err := report.Health(s.st, r.URL.Query(), s.now())
	if err != nil {
		jsonError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"kiosks": h})
}

func (s *Server) schools(w http.ResponseWriter, r *http.Request, _ *store.Principal) {
	list := s.st.Schools()
	if list == nil {
		list = []store.School{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"schools": list})
}

// questionsParams are the parameters GET /api/v1/questions honours. The
// per-question roll-up (store.QuestKey) is kept per day, school, band,
// question and phase, so it has no kiosk, level, language or source to
// filter on and no by= to group with.
var questionsParams = []string{"from", "to", "k", "district", "school", "band"}

// questions: GET /api/v1/questions?from=&to=[&district=&school=&band=&k=]
// → per question and phase: answered, correct, rate; rows under K answers
// are "<K", rows hidden to protect them "suppressed" (see
// report.Questions). Any other parameter given a value (kiosk=, level=,
// language=, source=, by=, ...) is a 400 that names it, rather than a
// report that silently ignores it.
func (s *Server) questions(w http.ResponseWriter, r *http.Request, _ *store.Principal) {
	if bad := unsupportedParams(r.URL.Query(), questionsParams); len(bad) > 0 {
		jsonError(w, http.StatusBadRequest, fmt.Sprintf("%s: the questions report cannot use %s; "+
			"it is kept per day, school, band, question and phase, so it takes only from, to, k and the filters district, school and band",
			report.ErrQuery, strings.Join(bad, ", ")))
		return
	}
	k, err := s.k(r)
	if err != nil {
		jsonError(w, http.StatusBadRequest, err.Error())
		return
	}
	q, err := report.ParseQuery(r.URL.Query(), k)
	if err != nil {
		jsonError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"k": k, "rows": report.Questions(s.st, q)})
}

// unsupportedParams lists, sorted, the parameters of v outside allowed
// that carry a value (an empty value asks for nothing, as everywhere).
func unsupportedParams(v url.Values, allowed []string) []string {
	var bad []string
	for name, vals := range v {
		if slices.Contains(allowed, name) {
			continue
		}
		if slices.ContainsFunc(vals, func(x string) bool { return strings.TrimSpace(x) != "" }) {
			bad = append(bad, name+"=")
		}
	}
	slices.Sort(bad)
	return bad
}
