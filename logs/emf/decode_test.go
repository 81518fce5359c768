package emf

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// specExample is the valid example of the specification page ("Embedded metric format example
// and JSON schema").
const specExample = `{
  "_aws": {
    "Timestamp": 1574109732004,
    "CloudWatchMetrics": [
      {
        "Namespace": "lambda-function-metrics",
        "Dimensions": [["functionVersion"]],
        "Metrics": [
          {
            "Name": "time",
            "Unit": "Milliseconds",
            "StorageResolution": 60
          }
        ]
      }
    ]
  },
  "functionVersion": "$LATEST",
  "time": 100,
  "requestId": "989ffbf8-9ace-4817-a57c-e4dd734019ee"
}`

func ms(n int64) time.Time { return time.UnixMilli(n).UTC() }

// tester is what mustError needs of a *testing.T or *rapid.T.
type tester interface {
	Helper()
	Fatalf(format string, args ...any)
}

// mustError returns err as an *Error of the kind, failing the test otherwise.
func mustError(t tester, err error, kind ErrorKind) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v, want an *emf.Error", err)
	}
	if e.Kind != kind {
		t.Fatalf("error kind = %v (%v), want %v", e.Kind, e, kind)
	}
	if len(e.Reasons) == 0 {
		t.Fatalf("error %v has no reasons", e)
	}
	return e
}

func TestDecodeSpecExample(t *testing.T) {
	got, err := Decode(specExample)
	if err != nil {
		t.Fatal(err)
	}
	want := []Datum{{
		Namespace:         "lambda-function-metrics",
		MetricName:        "time",
		Dimensions:        []Dimension{{"functionVersion", "$LATEST"}},
		Values:            []float64{100},
		Unit:              "Milliseconds",
		StorageResolution: 60,
		Timestamp:         ms(1574109732004),
	}}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("Decode (-want +got):\n%s", d)
	}
	if !IsEMF(specExample) {
		t.Fatal("IsEMF(spec example) = false")
	}
}

// The smaller examples of the specification page, completed into whole documents.
func TestDecodeSpecSnippets(t *testing.T) {
	cases := []struct {
		name, msg string
		want      []Datum
	}{{
		// DimensionSet array: "Dimensions": [ [ "functionVersion" ] ], "functionVersion": "$LATEST".
		name: "dimension set",
		msg: `{"_aws":{"Timestamp":1559748430481,"CloudWatchMetrics":[{"Namespace":"n","Dimensions":[["functionVersion"]],` +
			`"Metrics":[{"Name":"Time"}]}]},"functionVersion":"$LATEST","Time":1}`,
		want: []Datum{{Namespace: "n", MetricName: "Time", Dimensions: []Dimension{{"functionVersion", "$LATEST"}},
			Values: []float64{1}, Unit: "None", StorageResolution: 60, Timestamp: ms(1559748430481)}},
	}, {
		// MetricDefinition object: {"Name": "Time", "Unit": "Milliseconds", "StorageResolution": 60}, "Time": 1.
		name: "metric definition",
		msg: `{"_aws":{"Timestamp":1559748430481,"CloudWatchMetrics":[{"Namespace":"n","Dimensions":[[]],` +
			`"Metrics":[{"Name":"Time","Unit":"Milliseconds","StorageResolution":60}]}]},"Time":1}`,
		want: []Datum{{Namespace: "n", MetricName: "Time", Values: []float64{1}, Unit: "Milliseconds",
			StorageResolution: 60, Timestamp: ms(1559748430481)}},
	}, {
		// Target members: a reference "A.a" matches the member "A.a", never the nested {"A": {"a"}}.
		name: "dotted reference",
		msg: `{"_aws":{"Timestamp":0,"CloudWatchMetrics":[{"Namespace":"n","Dimensions":[],"Metrics":[{"Name":"A.a"}]}]},` +
			`"A.a":5,"A":{"a":7}}`,
		want: []Datum{{Namespace: "n", MetricName: "A.a", Values: []float64{5}, Unit: "None", StorageResolution: 60, Timestamp: ms(0)}},
	}, {
		name: "high resolution and array values",
		msg: `{"_aws":{"Timestamp":1700000000000,"CloudWatchMetrics":[{"Namespace":"MyApp","Dimensions":[["Service"],["Service","Operation"]],` +
			`"Metrics":[{"Name":"Latency","Unit":"Milliseconds","StorageResolution":1},{"Name":"Errors","Unit":"Count"}]}]},` +
			`"Service":"api","Operation":"Get","Latency":[3,1.5,3],"Errors":0}`,
		want: []Datum{
			{Namespace: "MyApp", MetricName: "Latency", Dimensions: []Dimension{{"Service", "api"}}, Values: []float64{3, 1.5, 3},
				Unit: "Milliseconds", StorageResolution: 1, Timestamp: ms(1700000000000)},
			{Namespace: "MyApp", MetricName: "Latency", Dimensions: []Dimension{{"Service", "api"}, {"Operation", "Get"}}, Values: []float64{3, 1.5, 3},
				Unit: "Milliseconds", StorageResolution: 1, Timestamp: ms(1700000000000)},
			{Namespace: "MyApp", MetricName: "Errors", Dimensions: []Dimension{{"Service", "api"}}, Values: []float64{0},
				Unit: "Count", StorageResolution: 60, Timestamp: ms(1700000000000)},
			{Namespace: "MyApp", MetricName: "Errors", Dimensions: []Dimension{{"Service", "api"}, {"Operation", "Get"}}, Values: []float64{0},
				Unit: "Count", StorageResolution: 60, Timestamp: ms(1700000000000)},
		},
	}, {
		name: "two directives",
		msg: `{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"a","Dimensions":[],"Metrics":[{"Name":"x"}]},` +
			`{"Namespace":"b","Dimensions":[],"Metrics":[{"Name":"x"}]}]},"x":2}`,
		want: []Datum{
			{Namespace: "a", MetricName: "x", Values: []float64{2}, Unit: "None", StorageResolution: 60, Timestamp: ms(1)},
			{Namespace: "b", MetricName: "x", Values: []float64{2}, Unit: "None", StorageResolution: 60, Timestamp: ms(1)},
		},
	}, {
		name: "escaped names and values",
		msg: `{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"a\/b","Dimensions":[["k\u0031"]],"Metrics":[{"Name":"m\"q"}]}]},` +
			`"k1":"v\t1x","m\"q":1}`,
		want: nil, // "v\t1x" has a tab: the set is dropped and the metric is published without dimensions
	}, {
		name: "unknown members ignored, whitespace around",
		msg: " \n\t" + `{"_aws":{"Version":"1","Timestamp":1,"CloudWatchMetrics":[{"X":1,"Namespace":"n","Dimensions":[],` +
			`"Metrics":[{"Name":"m","Other":[1]}]}]},"m":-2.5e3}` + " \r\n",
		want: []Datum{{Namespace: "n", MetricName: "m", Values: []float64{-2500}, Unit: "None", StorageResolution: 60, Timestamp: ms(1)}},
	}, {
		name: "no metrics declared",
		msg:  `{"_aws":{"Timestamp":1,"CloudWatchMetrics":[]}}`,
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Decode(c.msg)
			if c.name == "escaped names and values" {
				mustError(t, err, ValidationError)
				want := []Datum{{Namespace: "a/b", MetricName: `m"q`, Values: []float64{1}, Unit: "None", StorageResolution: 60, Timestamp: ms(1)}}
				if d := cmp.Diff(want, got); d != "" {
					t.Fatalf("Decode (-want +got):\n%s", d)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(c.want, got); d != "" {
				t.Fatalf("Decode (-want +got):\n%s", d)
			}
			if !IsEMF(c.msg) {
				t.Fatal("IsEMF = false")
			}
		})
	}
}

func TestDecodeNotEMF(t *testing.T) {
	for _, msg := range []string{
		"",
		"   ",
		"ERROR something failed",
		`INFO {"_aws":{"Timestamp":1,"CloudWatchMetrics":[]}}`, // no prefix is skipped
		`{"level":"info","msg":"hello"}`,
		`{"msg":"the \"_aws\" member"}`,                        // "_aws" only inside a string
		`{"nested":{"_aws":{"Timestamp":1}}}`,                  // not a root member
		`{"\u005faws":{"Timestamp":1,"CloudWatchMetrics":[]}}`, // escaped spelling: not recognised
		`[{"_aws":{}}]`,
		`"_aws"`,
		`{"_AWS":{"Timestamp":1,"CloudWatchMetrics":[]}}`, // case-sensitive
	} {
		got, err := Decode(msg)
		if got != nil || err != nil {
			t.Errorf("Decode(%q) = %v, %v; want nil, nil", msg, got, err)
		}
		if IsEMF(msg) {
			t.Errorf("IsEMF(%q) = true", msg)
		}
	}
}

func TestDecodeParsingErrors(t *testing.T) {
	const ok = `"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"n","Dimensions":[["d"]],"Metrics":[{"Name":"m"}]}]`
	for _, c := range []struct{ msg, reason string }{
		{`{"_aws":{` + ok + `},"d":"x","m":1`, "not valid JSON"},                // truncated
		{`{"_aws":{` + ok + `},"d":"x","m":1} trailing`, "data after the JSON"}, // additional data
		{`{"_aws":{` + ok + `},"d":"x","m":01}`, "not valid JSON"},
		{`{"_aws":{` + ok + `},"d":"x","m":1}}`, "data after the JSON"},
		{`{"_aws":"x","m":1}`, "_aws is a string, not an object"},
		{`{"_aws":null}`, "_aws is null, not an object"},
		{`{"_aws":{"Timestamp":"1","CloudWatchMetrics":[]}}`, "_aws.Timestamp is a string, not a number"},
		{`{"_aws":{"Timestamp":1,"CloudWatchMetrics":{}}}`, "_aws.CloudWatchMetrics is an object, not an array"},
		{`{"_aws":{"Timestamp":1,"CloudWatchMetrics":[1]}}`, "_aws.CloudWatchMetrics[0] is a number, not an object"},
		{`{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":1}]}}`, "Namespace is a number, not a string"},
		{`{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Dimensions":["d"]}]}}`, "Dimensions[0] is a string, not an array"},
		{`{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Dimensions":[[1]]}]}}`, "Dimensions[0][0] is a number, not a string"},
		{`{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Dimensions":{}}]}}`, "Dimensions is an object, not an array"},
		{`{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Metrics":{}}]}}`, "Metrics is an object, not an array"},
		{`{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Metrics":["m"]}]}}`, "Metrics[0] is a string, not an object"},
		{`{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Metrics":[{"Name":true}]}]}}`, "Name is a boolean, not a string"},
		{`{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Metrics":[{"Name":"m","Unit":1}]}]}}`, "Unit is a number, not a string"},
		{`{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Metrics":[{"Name":"m","StorageResolution":"1"}]}]}}`, "StorageResolution is a string, not a number"},
		// A parsing error wins over a validation error earlier in the document.
		{`{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"AWS/x","Metrics":[]},{"Namespace":[]}]}}`, "Namespace is an array"},
	} {
		got, err := Decode(c.msg)
		if got != nil {
			t.Errorf("Decode(%q) datums = %v, want none", c.msg, got)
		}
		e := mustError(t, err, ParsingError)
		if len(e.Reasons) != 1 || !strings.Contains(e.Reasons[0], c.reason) {
			t.Errorf("Decode(%q) reasons = %q, want one containing %q", c.msg, e.Reasons, c.reason)
		}
		if !IsEMF(c.msg) {
			t.Errorf("IsEMF(%q) = false for a parsing error", c.msg)
		}
	}
}

func TestDecodeDeepNesting(t *testing.T) {
	msg := `{"_aws":{"Timestamp":1,"CloudWatchMetrics":[]},"x":` + strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1) + "}"
	_, err := Decode(msg)
	mustError(t, err, ParsingError)
	msg = `{"_aws":{"Timestamp":1,"CloudWatchMetrics":[]},"x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "}"
	if _, err := Decode(msg); err != nil {
		t.Fatal(err)
	}
}

func TestDecodeDuplicateRootMemberLastWins(t *testing.T) {
	msg := `{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"n","Dimensions":[["d"]],"Metrics":[{"Name":"m"}]}]},` +
		`"d":"first","m":1,"d":"second","m":2}`
	got, err := Decode(msg)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Dimensions[0].Value != "second" || got[0].Values[0] != 2 {
		t.Fatalf("Decode = %+v, want the last d and m", got)
	}
}

func TestDecodeDimensionsDefaults(t *testing.T) {
	for _, dims := range []string{``, `"Dimensions":null,`, `"Dimensions":[],`, `"Dimensions":[[]],`} {
		msg := `{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"n",` + dims + `"Metrics":[{"Name":"m"}]}]},"m":1}`
		got, err := Decode(msg)
		if err != nil {
			t.Fatalf("%s: %v", msg, err)
		}
		if len(got) != 1 || len(got[0].Dimensions) != 0 {
			t.Fatalf("%s: Decode = %+v, want one undimensioned datum", msg, got)
		}
	}
}
