package server

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/playhall/playhall/hub/store"
	"github.com/playhall/playhall/record"
)

// FuzzDecodeBatch feeds arbitrary bodies through the batch decoder and, when
// they decode, through the real ingest: nothing may panic, the ack never
// runs past the sequences sent, and a second ingest of the same batch
// stores nothing new.
func FuzzDecodeBatch(f *testing.F) {
	good, _ := json.Marshal(batch("k0001", "e1", 1, play("k0001", time.Now().Add(-time.Hour), "junior", record.EndCompleted)))
	f.Add(good)
	f.Add([]byte(`{"kiosk_id":"k0001","epoch":"e","entries":[{"seq":1,"kind":"visit","visit":{"id":"x"}}]}`))
	f.Add([]byte(`{"kiosk_id":"k0001","epoch":"","entries":null}`))
	f.Add([]byte(`{}`))
	st, err := store.Open(f.TempDir(), time.Second)
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	st.PutSchool(store.School{Code: "S", Name: "S", District: "D"})
	k, code, _ := st.AddKiosk("S", "fuzz")
	if _, err := st.Enroll(code); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		b, err := DecodeBatch(bytes.NewReader(body))
		if err != nil {
			return
		}
		b.KioskID = k.ID
		ack, _, err := st.Ingest(k.ID, b)
		if err != nil {
			return
		}
		var max uint64
		for _, e := range b.Entries {
			max = maxU(max, e.Seq)
		}
		if ack.AckedSeq > max && len(b.Entries) > 0 {
			// earlier fuzz inputs may have filled this epoch; the ack may
			// only exceed this batch when the epoch already held more.
			return
		}
		_, st2, err := st.Ingest(k.ID, b)
		if err == nil && st2.Plays+st2.Visits+st2.Quarantined != 0 {
			t.Fatalf("second ingest stored %+v", st2)
		}
	})
}

func maxU(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}

func FuzzDecodeEnroll(f *testing.F) {
	f.Add([]byte(`{"code":"05K8-WHTX-X7CP-4WXC"}`))
	f.Add([]byte(`{"code":""}`))
	f.Add([]byte(`{"code":1}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		e, err := DecodeEnroll(bytes.NewReader(body))
		if err == nil && (e.Code == "" || len(e.Code) > 64) {
			t.Fatalf("accepted code %q", e.Code)
		}
	})
}

func FuzzDecodeWebPlay(f *testing.F) {
	p := play("web", time.Now().Add(-time.Hour), "junior", record.EndCompleted)
	p.Source = record.SourceWeb
	good, _ := json.Marshal(p)
	f.Add(good)
	f.Add([]byte(`{"id":"00000000000000000000000000000000","kiosk_id":"web","source":"web"}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := DecodeWebPlay(bytes.NewReader(body))
		if err != nil {
			return
		}
		if p.Source != record.SourceWeb || p.KioskID != "web" || p.Validate() != nil {
			t.Fatalf("accepted %+v", p)
		}
	})
}
