package emf

import "testing"

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
