package filterpattern

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/watchsim/watchsim/internal/awserr"
)

func ptr(f float64) *float64 { return &f }

func TestMetricFilterEvaluate(t *testing.T) {
	type ev struct {
		msg  string
		obs  MetricObservation
		emit bool
	}
	cases := []struct {
		name    string
		pattern string
		t       MetricTransformation
		events  []ev
	}{
		{"count with default", `ERROR`, MetricTransformation{MetricValue: "1", DefaultValue: ptr(0)}, []ev{
			{"ERROR x", MetricObservation{Value: 1, Matched: true}, true},
			{"INFO x", MetricObservation{Value: 0}, true},
		}},
		{"count without default", `ERROR`, MetricTransformation{MetricValue: "2.5"}, []ev{
			{"ERROR x", MetricObservation{Value: 2.5, Matched: true}, true},
			{"INFO x", MetricObservation{}, false},
		}},
		{"json value", `{ $.latency = * }`, MetricTransformation{MetricValue: "$.latency", DefaultValue: ptr(-1)}, []ev{
			{`{"latency": 50}`, MetricObservation{Value: 50, Matched: true}, true},
			{`{"latency": "7"}`, MetricObservation{Value: 7, Matched: true}, true},
			{`{"latency": "fast"}`, MetricObservation{}, false}, // matched, value not numeric: nothing
			{`{"other": 1}`, MetricObservation{Value: -1}, true},
		}},
		{"json value outside the pattern", `{ $.val = * }`, MetricTransformation{MetricValue: "$.value"}, []ev{
			{`{"val": 1, "value": 3}`, MetricObservation{Value: 3, Matched: true}, true},
			{`{"val": 1}`, MetricObservation{}, false},
		}},
		{"json dimensions", `{ $.eventType = * }`, MetricTransformation{MetricValue: "1", Dimensions: map[string]string{"EventType": "$.eventType", "Src": "$.src.ip"}}, []ev{
			{`{"eventType": "Put", "src": {"ip": "1.2.3.4"}}`, MetricObservation{Value: 1, Matched: true, Dimensions: map[string]string{"EventType": "Put", "Src": "1.2.3.4"}}, true},
			{`{"eventType": "Put"}`, MetricObservation{}, false},
			{`nope`, MetricObservation{}, false},
		}},
		{"delimited value and dimension", `[ip, id, user, timestamp, request, status_code, size]`, MetricTransformation{MetricValue: "$size", Dimensions: map[string]string{"Status": "$status_code", "IP": "$1"}}, []ev{
			{`127.0.0.1 - - [24/Sep/2013:11:49:52 -0700] "GET /index.html HTTP/1.1" 404 287`, MetricObservation{Value: 287, Matched: true, Dimensions: map[string]string{"Status": "404", "IP": "127.0.0.1"}}, true},
			{`127.0.0.1 - - [24/Sep/2013:11:49:52 -0700] "GET /index.html HTTP/1.1" 404 -`, MetricObservation{}, false},
		}},
		{"positional value", `[..., size]`, MetricTransformation{MetricValue: "$3"}, []ev{
			{`a b 12 d`, MetricObservation{Value: 12, Matched: true}, true},
			{`a b`, MetricObservation{}, false},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.t.MetricName, c.t.MetricNamespace = "M", "NS"
			e, err := CompileMetricFilter(c.pattern, c.t)
			if err != nil {
				t.Fatal(err)
			}
			if e.Pattern().String() != c.pattern || e.Transformation().MetricValue != c.t.MetricValue {
				t.Fatal("accessors")
			}
			for _, x := range c.events {
				obs, ok := e.Evaluate(x.msg)
				if ok != x.emit {
					t.Errorf("Evaluate(%q) emitted %v, want %v (%+v)", x.msg, ok, x.emit, obs)
					continue
				}
				if diff := cmp.Diff(x.obs, obs); ok && diff != "" {
					t.Errorf("Evaluate(%q) (-want +got):\n%s", x.msg, diff)
				}
			}
		})
	}
}

func TestValidateMetricTransformation(t *testing.T) {
	cases := []struct {
		pattern string
		t       MetricTransformation
		msg     string // "" = valid
	}{
		{`ERROR`, MetricTransformation{MetricValue: "1"}, ""},
		{`ERROR`, MetricTransformation{MetricValue: "-0.5e2"}, ""},
		{``, MetricTransformation{MetricValue: "1", DefaultValue: ptr(0)}, ""},
		{`ERROR`, MetricTransformation{MetricValue: "1", Dimensions: map[string]string{"a": "$a"}}, "The specified filter pattern does not support dimensions"},
		{``, MetricTransformation{MetricValue: "1", Dimensions: map[string]string{"a": "$a"}}, "The specified filter pattern does not support dimensions"},
		{`{ $.a = 1 }`, MetricTransformation{MetricValue: "1", DefaultValue: ptr(0), Dimensions: map[string]string{"a": "$.a"}}, "Invalid metric transformation: dimensions and default value are mutually exclusive properties"},
		{`{ $.a = 1 }`, MetricTransformation{MetricValue: "1", Dimensions: map[string]string{"a": "$.a", "b": "$.b", "c": "$.c", "d": "$.d"}}, "1 validation error detected: Value '{a=$.a, b=$.b, c=$.c, d=$.d}' at 'metricTransformations.1.member.dimensions' failed to satisfy constraint: Member must have length less than or equal to 3"},
		{`{ $.a = 1 }`, MetricTransformation{MetricValue: "1", Dimensions: map[string]string{"a": "$.a", "b": "$.b", "c": "$.c"}}, ""},
		{`{ $.a = 1 }`, MetricTransformation{MetricValue: "$.b[0].c"}, ""},
		{`{ $.a = 1 }`, MetricTransformation{MetricValue: "$.b[*]"}, "Invalid metric transformation: metricValue '$.b[*]' must be a number or a field of the filter pattern"},
		{`{ $.a = 1 }`, MetricTransformation{MetricValue: "$a"}, "Invalid metric transformation: metricValue '$a' must be a number or a field of the filter pattern"},
		{`{ $.a = 1 }`, MetricTransformation{MetricValue: "1", Dimensions: map[string]string{"a": "literal"}}, "Invalid metric transformation: dimension 'a' value 'literal' is not a field of the filter pattern"},
		{`[a, b]`, MetricTransformation{MetricValue: "$b"}, ""},
		{`[a, b]`, MetricTransformation{MetricValue: "$12"}, ""},
		{`[a, b]`, MetricTransformation{MetricValue: "$c"}, "Invalid metric transformation: metricValue '$c' must be a number or a field of the filter pattern"},
		{`[a, b]`, MetricTransformation{MetricValue: "$.a"}, "Invalid metric transformation: metricValue '$.a' must be a number or a field of the filter pattern"},
		{`[a, b]`, MetricTransformation{MetricValue: "$0"}, "Invalid metric transformation: metricValue '$0' must be a number or a field of the filter pattern"},
		{`ERROR`, MetricTransformation{MetricValue: "$.a"}, "Invalid metric transformation: metricValue '$.a' must be a number or a field of the filter pattern"},
		{`ERROR`, MetricTransformation{MetricValue: ""}, "1 validation error detected: Value '' at 'metricTransformations.1.member.metricValue' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{`ERROR`, MetricTransformation{MetricValue: strings.Repeat("1", 101)}, "1 validation error detected: Value '" + strings.Repeat("1", 101) + "' at 'metricTransformations.1.member.metricValue' failed to satisfy constraint: Member must have length less than or equal to 100"},
		{`[a]`, MetricTransformation{MetricValue: "1", Dimensions: map[string]string{"": "$a"}}, "Invalid metric transformation: dimension '' must have a name and value of 1 to 255 characters"},
		{`[a]`, MetricTransformation{MetricValue: "1", Unit: "Milliseconds"}, ""},
		{`[a]`, MetricTransformation{MetricValue: "1", Unit: "ms"}, "1 validation error detected: Value 'ms' at 'metricTransformations.1.member.unit' failed to satisfy constraint: Member must satisfy enum value set: [Seconds, Microseconds, Milliseconds, Bytes, Kilobytes, Megabytes, Gigabytes, Terabytes, Bits, Kilobits, Megabits, Gigabits, Terabits, Percent, Count, Bytes/Second, Kilobytes/Second, Megabytes/Second, Gigabytes/Second, Terabytes/Second, Bits/Second, Kilobits/Second, Megabits/Second, Gigabits/Second, Terabits/Second, Count/Second, None]"},
	}
	for _, c := range cases {
		p, err := Compile(c.pattern)
		if err != nil {
			t.Fatal(err)
		}
		err = ValidateMetricTransformation(p, c.t)
		if c.msg == "" {
			if err != nil {
				t.Errorf("%q %+v: %v", c.pattern, c.t, err)
			}
			continue
		}
		var be *awserr.Error
		if !asBusError(err, &be) || be.Code != InvalidParameterException || be.Message != c.msg {
			t.Errorf("%q %+v: %v, want %q", c.pattern, c.t, err, c.msg)
		}
	}
	if _, err := CompileMetricFilter(`"x`, MetricTransformation{MetricValue: "1"}); awserr.ErrorCode(err) != InvalidParameterException {
		t.Errorf("bad pattern: %v", err)
	}
	if _, err := CompileMetricFilter(`x`, MetricTransformation{MetricValue: "$.x"}); awserr.ErrorCode(err) != InvalidParameterException {
		t.Errorf("bad value: %v", err)
	}
}

func TestTestMetricFilterAPI(t *testing.T) {
	recs, err := TestMetricFilter("ERROR", []string{"[ERROR] 400 BAD REQUEST", "[ERROR] 401 UNAUTHORIZED REQUEST", "[INFO] 200 OK"})
	if err != nil {
		t.Fatal(err)
	}
	want := []MetricFilterMatchRecord{
		{EventNumber: 1, EventMessage: "[ERROR] 400 BAD REQUEST", ExtractedValues: map[string]string{}},
		{EventNumber: 2, EventMessage: "[ERROR] 401 UNAUTHORIZED REQUEST", ExtractedValues: map[string]string{}},
	}
	if diff := cmp.Diff(want, recs); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	recs, err = TestMetricFilter("[a, b]", []string{"x", "only one field? no: two", "p q"})
	if err != nil || len(recs) != 2 || recs[0].EventNumber != 2 || recs[1].EventNumber != 3 || recs[1].ExtractedValues["$b"] != "q" {
		t.Errorf("delimited: %+v %v", recs, err)
	}
	for _, c := range []struct {
		msgs []string
		want string
	}{
		{nil, "1 validation error detected: Value '[]' at 'logEventMessages' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{make([]string, 51), ""},
		{[]string{"a", ""}, "1 validation error detected: Value '[a, ]' at 'logEventMessages' failed to satisfy constraint: Member must satisfy constraint: [Member must have length greater than or equal to 1]"},
	} {
		_, err := TestMetricFilter("x", c.msgs)
		var be *awserr.Error
		if !asBusError(err, &be) || be.Code != InvalidParameterException || (c.want != "" && be.Message != c.want) {
			t.Errorf("TestMetricFilter(%d messages): %v", len(c.msgs), err)
		}
	}
	fifty := make([]string, 50)
	for i := range fifty {
		fifty[i] = "m"
	}
	if recs, err := TestMetricFilter("", fifty); err != nil || len(recs) != 50 || recs[49].EventNumber != 50 {
		t.Errorf("50 messages: %d %v", len(recs), err)
	}
}
