package transform

import (
	"strings"
	"testing"
	"time"
)

// benchEvent is a typical ~1 KB event: an EC2-style envelope with a detail of a few dozen fields.
func benchEvent() []byte {
	var b strings.Builder
	b.WriteString(`{"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"EC2 Instance State-change Notification",` +
		`"source":"aws.ec2","account":"123456789012","time":"2015-11-11T21:29:54Z","region":"us-east-1",` +
		`"resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],"detail":{"instance-id":"i-0123456789","state":"RUNNING",`)
	for i := 0; b.Len() < 1000; i++ {
		b.WriteString(`"field` + string(rune('a'+i%26)) + string(rune('a'+i/26)) + `":"some value of moderate length",`)
	}
	b.WriteString(`"tags":{"env":"prod","team":"ops"}}}`)
	return []byte(b.String())
}

func benchShaper(b *testing.B, input, inputPath string, t *InputTransformer) {
	s, err := Compile("bench", input, inputPath, t)
	if err != nil {
		b.Fatal(err)
	}
	ev := benchEvent()
	c := Context{RuleARN: "arn:aws:events:us-east-1:123456789012:rule/example", RuleName: "example", IngestionTime: time.Unix(1447277394, 0)}
	if _, err := s.Apply(ev, c); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(ev)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Apply(ev, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkApplyInputPath: $.detail.tags of a ~1 KB event.
func BenchmarkApplyInputPath(b *testing.B) { benchShaper(b, "", "$.detail.tags", nil) }

// BenchmarkApplyJSONTemplate: a JSON template with five variables (strings, an array element, an
// object) and a predefined one.
func BenchmarkApplyJSONTemplate(b *testing.B) {
	benchShaper(b, "", "", &InputTransformer{
		InputPathsMap: map[string]string{"instance": "$.detail.instance-id", "state": "$.detail.state", "time": "$.time",
			"resource": "$.resources[0]", "tags": "$.detail.tags"},
		InputTemplate: `{"instance": <instance>, "state": "<state>", "at": <time>, "resource": <resource>, "tags": <tags>, "rule": <aws.events.rule-name>}`,
	})
}

// BenchmarkApplyStringTemplate: a quoted string template with five variables.
func BenchmarkApplyStringTemplate(b *testing.B) {
	benchShaper(b, "", "", &InputTransformer{
		InputPathsMap: map[string]string{"instance": "$.detail.instance-id", "state": "$.detail.state", "time": "$.time",
			"resource": "$.resources[0]", "region": "$.region"},
		InputTemplate: `"instance <instance> is in <state> at <time> (<resource> in <region>)"`,
	})
}

// BenchmarkApplyTextTemplate: a template that is not JSON.
func BenchmarkApplyTextTemplate(b *testing.B) {
	benchShaper(b, "", "", &InputTransformer{
		InputPathsMap: map[string]string{"instance": "$.detail.instance-id", "state": "$.detail.state"},
		InputTemplate: `<instance> is in state <state>`,
	})
}

// BenchmarkAppendToJSONTemplate: the JSON template into a reused buffer (no allocation).
func BenchmarkAppendToJSONTemplate(b *testing.B) {
	s, err := Compile("bench", "", "", &InputTransformer{
		InputPathsMap: map[string]string{"instance": "$.detail.instance-id", "state": "$.detail.state", "time": "$.time",
			"resource": "$.resources[0]", "tags": "$.detail.tags"},
		InputTemplate: `{"instance": <instance>, "state": "<state>", "at": <time>, "resource": <resource>, "tags": <tags>}`,
	})
	if err != nil {
		b.Fatal(err)
	}
	ev := benchEvent()
	var buf []byte
	b.SetBytes(int64(len(ev)))
	b.ReportAllocs()
	for b.Loop() {
		if buf, err = s.AppendTo(buf[:0], ev, Context{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompile: PutTargets-time cost of the five-variable JSON template.
func BenchmarkCompile(b *testing.B) {
	t := &InputTransformer{
		InputPathsMap: map[string]string{"instance": "$.detail.instance-id", "state": "$.detail.state", "time": "$.time",
			"resource": "$.resources[0]", "tags": "$.detail.tags"},
		InputTemplate: `{"instance": <instance>, "state": "<state>", "at": <time>, "resource": <resource>, "tags": <tags>}`,
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile("bench", "", "", t); err != nil {
			b.Fatal(err)
		}
	}
}
