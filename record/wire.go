package record

import "time"

// The sync protocol between a kiosk and the hub (JSON over HTTP(S)).
//
//	POST /api/v1/enroll        EnrollRequest  -> EnrollResponse   (no auth; one-time code)
//	POST /api/v1/ingest        Batch          -> Ack              (Authorization: Bearer <kiosk token>)
//	POST /api/v1/web/plays     Play           -> WebAck           (anonymous, rate-limited; web edition)
//
// Every record a kiosk logs has a key (kiosk id, log epoch, sequence). Sequences
// start at 1 within an epoch and have no gaps. The hub stores each key at most
// once and answers with the highest sequence S such that every sequence 1..S
// of that epoch is stored (a record the hub rejected and quarantined counts as
// stored: it will never become valid by resending). The kiosk then sends from
// S+1 again. Duplicated, reordered or retried batches are therefore harmless.
//
// Errors are JSON {"error": "..."} with a 4xx/5xx status. 401/403 mean the
// token is revoked or wrong: the kiosk stops and retries only rarely. 429
// carries Retry-After. 413 means the batch is over MaxBatchBytes.

// Batch limits.
const (
	MaxBatchRecords = 500
	MaxBatchBytes   = 256 << 10 // the kiosk's limit; the hub accepts bodies up to 1 MiB
	MaxBodyBytes    = 1 << 20
)

// Kind of an Entry. A kiosk may also send an entry of another kind with no
// body for a sequence it cannot send: "corrupt" (the stored record failed its
// checksum) or "lost" (pruned on the kiosk after this hub acknowledged it,
// before the hub, restored from an older backup, asked for it again). The
// hub quarantines such a sequence, which counts as stored, so its contiguous
// range moves past it.
const (
	KindPlay  = "play"
	KindVisit = "visit"
)

// Entry is one logged record with its sequence number in the epoch.
type Entry struct {
	Seq   uint64 `json:"seq"`
	Kind  string `json:"kind"` // KindPlay or KindVisit
	Play  *Play  `json:"play,omitempty"`
	Visit *Visit `json:"visit,omitempty"`
}

// Health is the kiosk's state, sent with every batch (also an empty one).
type Health struct {
	AppVersion     string  `json:"app_version"`
	ContentVersion string  `json:"content_version"`
	Backlog        int     `json:"backlog"` // records not yet acknowledged, including this batch
	UptimeSeconds  float64 `json:"uptime_seconds"`
	LastError      string  `json:"last_error,omitempty"`
	// OpeningHours is the kiosk's opening hours as "HH:MM-HH:MM" in its local
	// time, with its UTC offset in minutes; the hub flags a kiosk silent for
	// two hours inside them.
	OpeningHours  string `json:"opening_hours,omitempty"`
	UTCOffsetMins int    `json:"utc_offset_minutes"`
}

// Batch is what a kiosk POSTs to /api/v1/ingest.
type Batch struct {
	KioskID string    `json:"kiosk_id"`
	Epoch   string    `json:"epoch"`   // log epoch: random hex, new after a quarantined database
	SentAt  time.Time `json:"sent_at"` // kiosk clock at send; the hub corrects skewed record times with it
	Health  Health    `json:"health"`
	Entries []Entry   `json:"entries"`
}

// Rejected names a record the hub quarantined, and why.
type Rejected struct {
	Seq    uint64 `json:"seq"`
	Reason string `json:"reason"`
}

// Ack is the hub's answer to a Batch.
type Ack struct {
	Epoch    string     `json:"epoch"`
	AckedSeq uint64     `json:"acked_seq"` // highest contiguous sequence stored for the epoch
	Rejected []Rejected `json:"rejected,omitempty"`
}

// EnrollRequest trades a one-time code (printed by `hub kiosk add`) for a token.
type EnrollRequest struct {
	Code string `json:"code"`
}

// EnrollResponse carries the kiosk's identity. The token is shown once; the
// hub keeps only its hash.
type EnrollResponse struct {
	KioskID    string `json:"kiosk_id"`
	Token      string `json:"token"`
	SchoolCode string `json:"school_code"`
	KioskName  string `json:"kiosk_name"`
}

// WebAck answers a web play.
type WebAck struct {
	Stored bool   `json:"stored"`
	ID     string `json:"id"`
}
