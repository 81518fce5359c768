package transform

import (
	"errors"
	"testing"
	"time"
)

// specEvent is the event of the AWS-validated transformer observations (detail as recorded).
const specEvent = `{"version":"0","id":"7e7d2a54-0c8f-4b6c-9c1b-2d7a6f1e0c11","detail-type":"core.update-account-command",` +
	`"source":"core.update-account-command","account":"111111111111","time":"2022-01-01T00:00:00Z","region":"us-east-1",` +
	`"resources":[],"detail":{"command":"update-account","payload":{"acc_id":"0a787ecb-4015","sf_id":"baz"},` +
	`"listsingle":["HIGH"],"listmulti":["ACTIVE","INACTIVE"],"valid":true}}`

// specPaths are the variables of those observations.
func specPaths() map[string]string {
	return map[string]string{
		"detail-type": "$.detail-type",
		"timestamp":   "$.time",
		"command":     "$.detail.command",
		"userId":      "$.detail.payload.acc_id",
		"payload":     "$.detail.payload",
		"listsingle":  "$.detail.listsingle",
		"listmulti":   "$.detail.listmulti",
		"valid":       "$.detail.valid",
		"missing":     "$.detail.notinmessage",
	}
}

func specContext() Context {
	return Context{
		RuleARN:       "arn:aws:events:us-east-1:111111111111:rule/bus/rule",
		RuleName:      "rule",
		IngestionTime: time.Date(2022, 1, 1, 0, 0, 1, 0, time.UTC),
	}
}

// TestSpecTransformerTable: every row of the transformer table of the spec (observed against AWS).
func TestSpecTransformerTable(t *testing.T) {
	cases := []struct {
		name, template, want string
		drop                 error
	}{
		{"quoted string template", `"Event of <detail-type> type, at time <timestamp>, info extracted from detail <command>"`,
			`"Event of core.update-account-command type, at time 2022-01-01T00:00:00Z, info extracted from detail update-account"`, nil},
		{"quoted string template, path missing", `"Event of <detail-type> type, at time <timestamp>, info extracted from detail <missing>"`,
			`"Event of core.update-account-command type, at time 2022-01-01T00:00:00Z, info extracted from detail "`, nil},
		{"unquoted string values", `{"detailType": <detail-type>,  "time": <timestamp>, "command": <command>}`,
			`{"detailType":"core.update-account-command","time":"2022-01-01T00:00:00Z","command":"update-account"}`, nil},
		{"unquoted, path missing", `{"detailType": <detail-type>, "command": <missing>}`,
			`{"detailType":"core.update-account-command","command":""}`, nil},
		{"quoted placeholder, string value", `{"id" : "<userId>"}`, `{"id":"0a787ecb-4015"}`, nil},
		{"unquoted object", `{"bod": <payload>}`, `{"bod":{"acc_id":"0a787ecb-4015","sf_id":"baz"}}`, nil},
		{"quoted object is dropped", `{"payload": "<payload>"}`, ``, DropInvalidJSON},
		{"quoted array is dropped", `{"x": "<listsingle>"}`, ``, DropInvalidJSON},
		{"object inside a string", `"Payload of <payload> and <listsingle> <listmulti>"`,
			`"Payload of {acc_id:0a787ecb-4015,sf_id:baz} and [HIGH] [ACTIVE,INACTIVE]"`, nil},
		{"boolean inside a string", `"Command is <valid>!"`, `"Command is true!"`, nil},
		{"array value", `{"singlelistitem": <listsingle>}`, `{"singlelistitem":["HIGH"]}`, nil},
		{"every occurrence", `{"multi": "users/<userId>/second/<userId>"}`,
			`{"multi":"users/0a787ecb-4015/second/0a787ecb-4015"}`, nil},
		{"string template starting with {[", `"{[/Check with special starting characters for event of <detail-type> type"`,
			`"{[/Check with special starting characters for event of core.update-account-command type"`, nil},
		{"predefined variables in a string",
			`"Message containing all pre defined variables <aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>"`,
			`"Message containing all pre defined variables arn:aws:events:us-east-1:111111111111:rule/bus/rule rule 2022-01-01T00:00:01Z"`, nil},
		{"predefined event variables", `{"originalEvent": <aws.events.event>, "originalEventJson": <aws.events.event.json>}`,
			`{"originalEvent":{"id":"7e7d2a54-0c8f-4b6c-9c1b-2d7a6f1e0c11","account":"111111111111","detailType":"core.update-account-command",` +
				`"time":"2022-01-01T00:00:00Z","source":"core.update-account-command","region":"us-east-1","resources":[],"version":"0"},` +
				`"originalEventJson":` + specEvent + `}`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Compile("t1", "", "", &InputTransformer{InputPathsMap: specPaths(), InputTemplate: tc.template})
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.Apply([]byte(specEvent), specContext())
			if !errors.Is(err, tc.drop) {
				t.Fatalf("err = %v, want %v", err, tc.drop)
			}
			if string(got) != tc.want {
				t.Fatalf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestConcurrentApply: one shaper serves many goroutines (run with -race).
func TestConcurrentApply(t *testing.T) {
	s, err := Compile("t1", "", "", &InputTransformer{InputPathsMap: specPaths(), InputTemplate: `{"p": <payload>, "c": "<command> at <aws.events.event.ingestion-time>", "e": <aws.events.event>}`})
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.Apply([]byte(specEvent), specContext())
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan string)
	for g := 0; g < 8; g++ {
		go func() {
			for i := 0; i < 200; i++ {
				got, err := s.Apply([]byte(specEvent), specContext())
				if err != nil || string(got) != string(want) {
					done <- string(got)
					return
				}
			}
			done <- ""
		}()
	}
	for g := 0; g < 8; g++ {
		if bad := <-done; bad != "" {
			t.Fatalf("got %s", bad)
		}
	}
}
