package emf

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorKind(t *testing.T) {
	if ParsingError.MetricName() != "EMFParsingErrors" || ValidationError.MetricName() != "EMFValidationErrors" {
		t.Fatal("MetricName")
	}
	if ParsingError.String() != "parsing" || ValidationError.String() != "validation" || ErrorKind(0).String() != "unknown" ||
		ErrorKind(0).MetricName() != "" {
		t.Fatal("String")
	}
	e := &Error{Kind: ValidationError, Reasons: []string{"a", "b"}}
	if e.Error() != "emf: validation error: a; b" {
		t.Fatal(e.Error())
	}
}

func TestErrorUnwrapsThroughWrapping(t *testing.T) {
	_, err := Decode(`{"_aws":{"Timestamp":1}}`)
	wrapped := fmt.Errorf("ingest: %w", err)
	var e *Error
	if !errors.As(wrapped, &e) || e.Kind != ValidationError || e.Kind.MetricName() != "EMFValidationErrors" {
		t.Fatalf("errors.As(%v) = %+v", wrapped, e)
	}
	if got := err.Error(); got != "emf: validation error: _aws: CloudWatchMetrics is missing" {
		t.Fatal(got)
	}
}

func TestProblems(t *testing.T) {
	var p problems
	if p.err() != nil {
		t.Fatal("no problems, but an error")
	}
	p.add("here", "bad")
	p.add("there", "worse")
	e, ok := p.err().(*Error)
	if !ok || e.Kind != ValidationError || len(e.Reasons) != 2 || e.Reasons[1] != "there: worse" {
		t.Fatalf("%#v", p.err())
	}
	pe := parseError("broken").(*Error)
	if pe.Kind != ParsingError || len(pe.Reasons) != 1 {
		t.Fatalf("%#v", pe)
	}
}
