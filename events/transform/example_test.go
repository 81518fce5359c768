package transform_test

import (
	"errors"
	"fmt"

	"github.com/watchsim/watchsim/events/transform"
)

const event = `{"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"EC2 Instance State-change Notification",` +
	`"source":"aws.ec2","account":"123456789012","time":"2015-11-11T21:29:54Z","region":"us-east-1",` +
	`"resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],"detail":{"instance-id":"i-0123456789","state":"RUNNING"}}`

// An InputTransformer with a JSON template: unquoted string values get quotes, the result is sent
// without whitespace.
func ExampleCompile() {
	s, err := transform.Compile("target-1", "", "", &transform.InputTransformer{
		InputPathsMap: map[string]string{"instance": "$.detail.instance-id", "state": "$.detail.state"},
		InputTemplate: `{"instance": <instance>, "status": "instance <instance> is in <state>", "rule": <aws.events.rule-name>}`,
	})
	if err != nil {
		panic(err)
	}
	out, err := s.Apply([]byte(event), transform.Context{RuleName: "example"})
	fmt.Println(string(out), err)
	// Output: {"instance":"i-0123456789","status":"instance i-0123456789 is in RUNNING","rule":"example"} <nil>
}

// An InputPath selects part of the event; a string keeps its quotes.
func ExampleShaper_Apply_inputPath() {
	s, _ := transform.Compile("target-1", "", "$.detail.state", nil)
	out, _ := s.Apply([]byte(event), transform.Context{})
	fmt.Println(string(out))
	// Output: "RUNNING"
}

// A template that is not JSON is sent as text.
func ExampleShaper_Apply_text() {
	s, _ := transform.Compile("target-1", "", "", &transform.InputTransformer{
		InputPathsMap: map[string]string{"instance": "$.detail.instance-id", "state": "$.detail.state"},
		InputTemplate: `<instance> is in state <state>`,
	})
	out, _ := s.Apply([]byte(event), transform.Context{})
	fmt.Println(string(out), s.IsJSON())
	// Output: i-0123456789 is in state RUNNING false
}

// An object in quotes makes a JSON template invalid: EventBridge delivers nothing.
func ExampleDropReason() {
	s, _ := transform.Compile("target-1", "", "", &transform.InputTransformer{
		InputPathsMap: map[string]string{"detail": "$.detail"},
		InputTemplate: `{"detail": "<detail>"}`,
	})
	_, err := s.Apply([]byte(event), transform.Context{})
	fmt.Println(errors.Is(err, transform.DropInvalidJSON))
	// Output: true
}

// PutTargets-time validation, with AWS's message.
func ExampleCompile_invalidPlaceholder() {
	_, err := transform.Compile("target-1", "", "", &transform.InputTransformer{
		InputTemplate: `"Event of <detail-type> type"`,
	})
	fmt.Println(err)
	// Output: ValidationException: InputTemplate for target target-1 contains invalid placeholder detail-type.
}
