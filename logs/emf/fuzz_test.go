package emf

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzDecode checks that Decode never panics and is deterministic, that its answers are
// consistent with IsEMF and with encoding/json's idea of valid JSON, and that every datum it
// returns obeys the rules (so the metrics service never refuses one). Seeds: the table tests'
// documents below and testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		specExample,
		`plain text line`,
		`{"level":"info","msg":"hello"}`,
		`{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"n","Dimensions":[["d"],[]],"Metrics":[{"Name":"m","Unit":"Count","StorageResolution":1}]}]},"d":"v","m":[1,2.5,-3e2]}`,
		`{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"AWS/x","Metrics":[{"Name":"m"}]},{"Namespace":"n","Metrics":[{"Name":"s"}]}]},"s":"x","m":1}`,
		`{"_aws":{"Timestamp":"1","CloudWatchMetrics":[]}}`,
		`{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"n","Dimensions":[["\u0064"]],"Metrics":[{"Name":"m\"x"}]}]},"d":"v\u00e9","m\"x":1e400}`,
		`{"_aws":`,
		` {"_aws":{}} `,
		`{"_aws":{"Timestamp":1e3,"CloudWatchMetrics":null}}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, msg string) {
		got, err := Decode(msg)
		again, err2 := Decode(msg)
		if !cmp.Equal(got, again) || (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
			t.Fatalf("Decode(%q) is not deterministic", msg)
		}
		emf := IsEMF(msg)
		if !emf && (got != nil || err != nil) {
			t.Fatalf("IsEMF(%q) = false but Decode = %v, %v", msg, got, err)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || len(e.Reasons) == 0 || (e.Kind != ParsingError && e.Kind != ValidationError) {
				t.Fatalf("Decode(%q) error %#v is not a well-formed *Error", msg, err)
			}
			if e.Kind == ParsingError && got != nil {
				t.Fatalf("Decode(%q) returned datums with a parsing error", msg)
			}
			if e.Kind == ValidationError && !json.Valid([]byte(msg)) {
				t.Fatalf("Decode(%q) validated invalid JSON", msg)
			}
		}
		if got != nil && !json.Valid([]byte(msg)) {
			t.Fatalf("Decode(%q) published from invalid JSON", msg)
		}
		for _, d := range got {
			checkDatum(t, msg, d)
		}
	})
}

// checkDatum fails unless d obeys every rule a published datum must.
func checkDatum(t *testing.T, msg string, d Datum) {
	t.Helper()
	bad := namespaceProblem(d.Namespace) != "" || metricNameProblem(d.MetricName) != "" ||
		len(d.Dimensions) > MaxDimensionsPerSet || len(d.Values) == 0 || len(d.Values) > MaxValuesPerMetric ||
		!IsStandardUnit(d.Unit) || (d.StorageResolution != 1 && d.StorageResolution != 60)
	for _, x := range d.Dimensions {
		bad = bad || dimensionKeyProblem(x.Name) != "" || dimensionValueProblem(x.Name, x.Value) != ""
	}
	for _, v := range d.Values {
		bad = bad || !validValue(v)
	}
	if bad {
		t.Fatalf("Decode(%q) published a datum that breaks a rule: %+v", msg, d)
	}
}
