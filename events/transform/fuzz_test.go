package transform

import (
	"bytes"
	"errors"
	"testing"

	"github.com/watchsim/watchsim/internal/awserr"
)

// FuzzTemplate: compiling and applying any template to any event never panics, is deterministic,
// and a JSON template's delivered output is valid JSON.
func FuzzTemplate(f *testing.F) {
	for _, s := range []string{`"Event of <detail-type> type"`, `{"a": <payload>, "b": "<userId>", "c": "x <payload> y"}`,
		`<instance> is in state <status>`, `{"e": <aws.events.event>, "j": <aws.events.event.json>}`, `"\"<userId>\""`,
		`"a\<x>"`, `[<listmulti>, <valid>]`, `{"w": <all>}`, `<>`, `"<aws.events.event.ingestion-time>"`} {
		f.Add(s, specEvent)
	}
	f.Add(`{"x": <payload>}`, `{"detail":{"payload":{"a":"b\"c"}}}`)
	f.Add(`"<payload>"`, `{"detail":`)
	f.Fuzz(func(t *testing.T, template, event string) {
		paths := specPaths()
		paths["all"] = "$.detail.*"
		paths["instance"] = "$.detail.instance-id"
		paths["status"] = "$['detail'].state"
		s, err := Compile("t", "", "", &InputTransformer{InputPathsMap: paths, InputTemplate: template})
		if err != nil {
			checkCompileError(t, err)
			return
		}
		c := specContext()
		a, errA := s.Apply([]byte(event), c)
		b, errB := s.Apply([]byte(event), c)
		if !bytes.Equal(a, b) || !errors.Is(errA, errB) {
			t.Fatalf("not deterministic: %q %v / %q %v", a, errA, b, errB)
		}
		if errA == nil && s.IsJSON() && !isJSONValue(a) {
			t.Fatalf("template %q on %q delivered invalid JSON %q", template, event, a)
		}
		var r DropReason
		if errA != nil && !errors.As(errA, &r) {
			t.Fatalf("error %T %v", errA, errA)
		}
	})
}

// FuzzCompile: any input settings give a shaper or an AWS error (ValidationException or
// NotSimulated), never a panic; a compiled shaper applies to the spec event without panicking.
func FuzzCompile(f *testing.F) {
	f.Add("", "$.detail", "", "", "")
	f.Add(`{"a":1}`, "", "", "", "")
	f.Add("", "", "k", "$.detail.payload[*]", `{"k": <k>}`)
	f.Add("", "", "AWSx", "$.a", `<AWSx>`)
	f.Add("", "", "a.b", "$..a", `x`)
	f.Add("", "$['a']['b'][3]", "", "", "")
	f.Add("", "$.a[1:2]", "", "", "")
	f.Add("env:dev", "", "", "", "")
	f.Fuzz(func(t *testing.T, input, inputPath, key, keyPath, template string) {
		var tr *InputTransformer
		if key != "" || template != "" {
			tr = &InputTransformer{InputPathsMap: map[string]string{key: keyPath}, InputTemplate: template}
		}
		s, err := Compile("t", input, inputPath, tr)
		if err != nil {
			checkCompileError(t, err)
			return
		}
		if _, err := s.Apply([]byte(specEvent), specContext()); err != nil {
			var r DropReason
			if !errors.As(err, &r) {
				t.Fatalf("error %T %v", err, err)
			}
		}
	})
}

// checkCompileError fails unless err is a ValidationException or a NotSimulated error.
func checkCompileError(t *testing.T, err error) {
	t.Helper()
	if awserr.IsNotSimulated(err) {
		return
	}
	if e, ok := err.(*awserr.Error); !ok || e.Code != ValidationExceptionCode || e.Message == "" {
		t.Fatalf("error %T %v", err, err)
	}
}
