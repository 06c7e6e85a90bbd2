package levels

import (
	"errors"
	"fmt"
	"strings"
)

// Severity says whether a Problem makes a pack invalid.
type Severity string

// Severities. An error makes the pack invalid; a warning does not.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Problem is one thing wrong with a pack, located in its file.
// Line and Col are 1-based; Col counts characters, as editors show them.
// Line is 0 when the problem belongs to the whole pack or file rather than
// one key.
type Problem struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Severity Severity `json:"severity"`
	Msg      string   `json:"msg"`
}

// String formats the problem as "file:line:column: message", the form
// editors and `kioskctl levels check` use; warnings are marked.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", p.Line, max(p.Col, 1))
	}
	b.WriteString(": ")
	if p.Severity == SeverityWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// HasErrors reports whether any problem has error severity.
func HasErrors(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

// ErrInvalid is wrapped by *InvalidError; test with errors.Is.
var ErrInvalid = errors.New("levels: invalid content pack")

// InvalidError carries the problems of a pack that did not validate.
type InvalidError struct {
	Problems []Problem
}

func (e *InvalidError) Error() string {
	var b strings.Builder
	b.WriteString(ErrInvalid.Error())
	for _, p := range e.Problems {
		if p.Severity == SeverityError {
			b.WriteString("\n")
			b.WriteString(p.String())
		}
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *InvalidError) Unwrap() error { return ErrInvalid }
