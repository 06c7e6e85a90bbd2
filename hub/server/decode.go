package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/playhall/playhall/record"
)

// errTooLarge marks a body over the limit (413).
var errTooLarge = errors.New("request body over the 1 MiB limit")

// decodeStrict decodes exactly one JSON value from r into v. Unknown fields
// are ignored (a newer kiosk may send more); trailing data is an error.
func decodeStrict(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return errTooLarge
		}
		if errors.Is(err, io.EOF) {
			return errors.New("empty body; expected JSON")
		}
		return fmt.Errorf("body is not valid JSON: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return errTooLarge
		}
		return errors.New("body has data after the JSON value")
	}
	return nil
}

func decodeJSON(r *http.Request, v any) error { return decodeStrict(r.Body, v) }

func writeDecodeError(w http.ResponseWriter, err error) {
	var mbe *http.MaxBytesError
	if errors.Is(err, errTooLarge) || errors.As(err, &mbe) {
		jsonError(w, http.StatusRequestEntityTooLarge, errTooLarge.Error())
		return
	}
	jsonError(w, http.StatusBadRequest, err.Error())
}

// DecodeBatch reads a kiosk batch. It never panics; shape problems of
// single records are left to validation (which quarantines them). It uses
// the faster JSON v2 decoder (github.com/go-json-experiment/json): field
// names match exactly as record's tags spell them, unknown fields are
// ignored, invalid UTF-8 and trailing data are errors.
func DecodeBatch(r io.Reader) (*record.Batch, error) {
	var b record.Batch
	if err := jsonv2.UnmarshalRead(r, &b); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, errTooLarge
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, errors.New("body is not complete JSON")
		}
		return nil, fmt.Errorf("body is not a valid batch: %v", err)
	}
	if b.KioskID == "" {
		return nil, errors.New("batch: kiosk_id missing")
	}
	if len(b.Entries) > record.MaxBatchRecords {
		return nil, fmt.Errorf("batch: %d entries; at most %d", len(b.Entries), record.MaxBatchRecords)
	}
	return &b, nil
}

// DecodeEnroll reads an enrolment request.
func DecodeEnroll(r io.Reader) (*record.EnrollRequest, error) {
	var e record.EnrollRequest
	if err := decodeStrict(r, &e); err != nil {
		return nil, err
	}
	if e.Code == "" || len(e.Code) > 64 {
		return nil, errors.New("enroll: code missing or too long")
	}
	return &e, nil
}

// DecodeWebPlay reads one web play and validates it.
func DecodeWebPlay(r io.Reader) (*record.Play, error) {
	var p record.Play
	if err := decodeStrict(r, &p); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if p.Source != record.SourceWeb || p.KioskID != "web" {
		return nil, errors.New("a web play needs source \"web\" and kiosk_id \"web\"")
	}
	return &p, nil
}
