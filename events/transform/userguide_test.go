package transform

import (
	"errors"
	"testing"
)

// ec2Event is the example event of the EventBridge User Guide's input transformation page.
const ec2Event = `{"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"EC2 Instance State-change Notification",` +
	`"source":"aws.ec2","account":"123456789012","time":"2015-11-11T21:29:54Z","region":"us-east-1",` +
	`"resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],"detail":{"instance-id":"i-0123456789","state":"RUNNING"}}`

// TestUserGuideExamples: the input template examples of
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html and of
// the InputTransformer API reference, on the User Guide's EC2 event.
func TestUserGuideExamples(t *testing.T) {
	paths := map[string]string{
		"timestamp": "$.time",
		"instance":  "$.detail.instance-id",
		"state":     "$.detail.state",
		"status":    "$.detail.state",
		"resource":  "$.resources[0]",
	}
	c := Context{RuleARN: "arn:aws:events:us-east-2:123456789012:rule/example", RuleName: "example"}
	cases := []struct{ name, template, want string }{
		{"simple string", `"instance <instance> is in <state>"`, `"instance i-0123456789 is in RUNNING"`},
		{"string with escaped quotes", `"instance \"<instance>\" is in <state>"`, `"instance \"i-0123456789\" is in RUNNING"`},
		{"simple JSON", "{\n  \"instance\" : <instance>,\n  \"state\": <state>\n}", `{"instance":"i-0123456789","state":"RUNNING"}`},
		{"JSON with strings and variables",
			"{\n \"instance\" : <instance>,\n \"state\": \"<state>\",\n \"instanceStatus\": \"instance \\\"<instance>\\\" is in <state>\"\n}",
			`{"instance":"i-0123456789","state":"RUNNING","instanceStatus":"instance \"i-0123456789\" is in RUNNING"}`},
		{"JSON with a mix of variables and static information",
			"{\n  \"instance\" : <instance>,\n  \"state\": [ 9, <state>, true ],\n  \"Transformed\" : \"Yes\"\n}\n",
			`{"instance":"i-0123456789","state":[9,"RUNNING",true],"Transformed":"Yes"}`},
		{"reserved variables in JSON",
			`{"instance" : <instance>, "state": <state>, "ruleArn" : <aws.events.rule-arn>, "ruleName" : <aws.events.rule-name>, "originalEvent" : <aws.events.event>}`,
			`{"instance":"i-0123456789","state":"RUNNING","ruleArn":"arn:aws:events:us-east-2:123456789012:rule/example","ruleName":"example",` +
				`"originalEvent":{"id":"7bf73129-1428-4cd3-a780-95db273d1602","account":"123456789012","detailType":"EC2 Instance State-change Notification",` +
				`"time":"2015-11-11T21:29:54Z","source":"aws.ec2","region":"us-east-1","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],"version":"0"}}`},
		{"reserved variables in a string", `"<aws.events.rule-name> triggered"`, `"example triggered"`},
		{"array index", `{"resource": <resource>}`, `{"resource":"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"}`},
		// The InputTransformer API reference: a template that is not JSON is text.
		{"API reference: text", `<instance> is in state <status>`, `i-0123456789 is in state RUNNING`},
		{"API reference: text with quotes", `<instance> is in state "<status>"`, `i-0123456789 is in state "RUNNING"`},
		{"API reference: JSON", `{"myInstance": <instance>,"myStatus": "<instance> is in state \"<status>\""}`,
			`{"myInstance":"i-0123456789","myStatus":"i-0123456789 is in state \"RUNNING\""}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Compile("t1", "", "", &InputTransformer{InputPathsMap: paths, InputTemplate: tc.template})
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.Apply([]byte(ec2Event), c)
			if err != nil || string(got) != tc.want {
				t.Fatalf("got  %s, %v\nwant %s", got, err, tc.want)
			}
		})
	}
}

// TestModes: no setting, Input, and InputPath (the AWS-validated InputPath observations).
func TestModes(t *testing.T) {
	cases := []struct {
		name, input, inputPath, want string
		mode                         Mode
		drop                         error
	}{
		{"whole event", "", "", specEvent, ModeEvent, nil},
		{"constant input", `{"custom-value":"somecustominput"}`, "", `{"custom-value":"somecustominput"}`, ModeInput, nil},
		{"constant input kept as given", ` [1, 2] `, "", ` [1, 2] `, ModeInput, nil},
		{"detail", "", "$.detail", `{"command":"update-account","payload":{"acc_id":"0a787ecb-4015","sf_id":"baz"},"listsingle":["HIGH"],"listmulti":["ACTIVE","INACTIVE"],"valid":true}`, ModeInputPath, nil},
		{"nested", "", "$.detail.payload", `{"acc_id":"0a787ecb-4015","sf_id":"baz"}`, ModeInputPath, nil},
		{"string leaf keeps its quotes", "", "$.detail.payload.sf_id", `"baz"`, ModeInputPath, nil},
		{"bracket notation", "", `$['detail']["payload"]['sf_id']`, `"baz"`, ModeInputPath, nil},
		{"index", "", "$.detail.listmulti[1]", `"INACTIVE"`, ModeInputPath, nil},
		{"root", "", "$", specEvent, ModeInputPath, nil},
		{"wildcard over an array", "", "$.detail.listmulti[*]", `["ACTIVE","INACTIVE"]`, ModeInputPath, nil},
		{"wildcard over an object", "", "$.detail.payload.*", `["0a787ecb-4015","baz"]`, ModeInputPath, nil},
		{"wildcard then name", "", "$.detail.*.sf_id", `["baz"]`, ModeInputPath, nil},
		{"wildcard selecting nothing", "", "$.detail.valid[*]", `[]`, ModeInputPath, nil},
		{"missing path is dropped", "", "$.detail.nothere", "", ModeInputPath, DropPathNotFound},
		{"index past the end", "", "$.detail.listmulti[2]", "", ModeInputPath, DropPathNotFound},
		{"name on an array", "", "$.detail.listmulti.x", "", ModeInputPath, DropPathNotFound},
		{"not JSONPath selects nothing", "", "detail", "", ModeInputPath, DropPathNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Compile("t1", tc.input, tc.inputPath, nil)
			if err != nil {
				t.Fatal(err)
			}
			if s.Mode() != tc.mode || !s.IsJSON() {
				t.Fatalf("mode %v, IsJSON %v", s.Mode(), s.IsJSON())
			}
			got, err := s.Apply([]byte(specEvent), Context{})
			if !errors.Is(err, tc.drop) || string(got) != tc.want {
				t.Fatalf("got %s, %v; want %s, %v", got, err, tc.want, tc.drop)
			}
			buf := []byte("prefix:")
			got2, err2 := s.AppendTo(buf, []byte(specEvent), Context{})
			if !errors.Is(err2, tc.drop) || string(got2) != "prefix:"+tc.want {
				t.Fatalf("AppendTo: got %s, %v", got2, err2)
			}
		})
	}
}
