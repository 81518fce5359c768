package trail

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
)

// putEventsEntry and putEventsInput have the shape of EventBridge's PutEvents input.
type putEventsEntry struct {
	Source       string    `json:"Source"`
	DetailType   string    `json:"DetailType"`
	Detail       string    `json:"Detail"`
	EventBusName string    `json:"EventBusName,omitempty"`
	Time         time.Time `json:"Time,omitzero"`
}

type putEventsInput struct {
	Entries []putEventsEntry `json:"Entries"`
}

type putEventsOutput struct {
	FailedEntryCount int32 `json:"FailedEntryCount"`
	Entries          []struct {
		EventID string `json:"EventId"`
	} `json:"Entries"`
}

var when = time.Date(2026, 11, 25, 10, 0, 0, 400e6, time.UTC)

func alice() bus.Identity {
	return bus.Identity{Type: "IAMUser", PrincipalID: "AIDAEXAMPLE", ARN: "arn:aws:iam::123456789012:user/alice",
		AccountID: "123456789012", AccessKeyID: "AKIAEXAMPLE", UserName: "alice", UserAgent: "aws-sdk-go-v2/1.x", SourceIP: "203.0.113.10"}
}

func call(source, name string, readOnly bool, id bus.Identity, in, out any) *bus.APICall {
	return &bus.APICall{EventID: "e-1", RequestID: "r-1", EventTime: when, EventSource: source, EventName: name,
		AWSRegion: "us-east-1", RecipientAccountID: "123456789012", ReadOnly: readOnly, Identity: id,
		RequestParameters: in, ResponseElements: out}
}

// TestGoldenRecords compares records byte for byte with what AWS writes for the same call (the
// samples of the CloudWatch, EventBridge and CloudTrail user guides, brought to eventVersion 1.11).
func TestGoldenRecords(t *testing.T) {
	th := 80.0
	cases := []struct {
		name string
		call *bus.APICall
		want string
	}{
		{"PutMetricAlarm, IAM user, management write", call(SourceCloudWatch, "PutMetricAlarm", false, alice(),
			&alarms.PutMetricAlarmInput{AlarmName: "HighCPU", Namespace: "AWS/EC2", MetricName: "CPUUtilization", Statistic: "Average",
				Period: 300, EvaluationPeriods: 2, Threshold: &th, ComparisonOperator: "GreaterThanThreshold"}, &alarms.PutMetricAlarmOutput{}),
			`{"eventVersion":"1.11","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/alice","accountId":"123456789012","accessKeyId":"AKIAEXAMPLE","userName":"alice"},"eventTime":"2026-11-25T10:00:00Z","eventSource":"monitoring.amazonaws.com","eventName":"PutMetricAlarm","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.10","userAgent":"aws-sdk-go-v2/1.x","requestParameters":{"alarmName":"HighCPU","metricName":"CPUUtilization","namespace":"AWS/EC2","statistic":"Average","period":300,"evaluationPeriods":2,"threshold":80.0,"comparisonOperator":"GreaterThanThreshold"},"responseElements":null,"requestID":"r-1","eventID":"e-1","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012","eventCategory":"Management"}`},
		{"UpdateTrail failure, root", func() *bus.APICall {
			c := call(SourceCloudTrail, "UpdateTrail", false, bus.Identity{Type: "Root", AccountID: "123456789012", AccessKeyID: "AKIAROOT",
				SourceIP: "192.0.2.1", UserAgent: "aws-cli/2.13.23"}, &UpdateTrailInput{Name: "myTrail2"}, nil)
			c.ErrorCode, c.ErrorMessage = "TrailNotFoundException", "Unknown trail: myTrail2 for the user: 123456789012"
			return c
		}(), `{"eventVersion":"1.11","userIdentity":{"type":"Root","principalId":"123456789012","arn":"arn:aws:iam::123456789012:root","accountId":"123456789012","accessKeyId":"AKIAROOT"},"eventTime":"2026-11-25T10:00:00Z","eventSource":"cloudtrail.amazonaws.com","eventName":"UpdateTrail","awsRegion":"us-east-1","sourceIPAddress":"192.0.2.1","userAgent":"aws-cli/2.13.23","errorCode":"TrailNotFoundException","errorMessage":"Unknown trail: myTrail2 for the user: 123456789012","requestParameters":{"name":"myTrail2"},"responseElements":null,"requestID":"r-1","eventID":"e-1","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012","eventCategory":"Management"}`},
		{"GetMetricData, assumed role, data read", call(SourceCloudWatch, "GetMetricData", true,
			bus.Identity{Type: "AssumedRole", PrincipalID: "AROAEXAMPLE:my-session", ARN: "arn:aws:sts::123456789012:assumed-role/ops/my-session",
				AccountID: "123456789012", AccessKeyID: "ASIAEXAMPLE", SourceIP: "AWS Internal", UserAgent: "AWS Internal"},
			&struct {
				StartTime time.Time `json:"StartTime"`
				EndTime   time.Time `json:"EndTime"`
			}{time.Date(2024, 4, 19, 4, 0, 0, 0, time.UTC), time.Date(2024, 4, 19, 16, 30, 5, 0, time.UTC)}, &struct{ X int }{1}),
			`{"eventVersion":"1.11","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:my-session","arn":"arn:aws:sts::123456789012:assumed-role/ops/my-session","accountId":"123456789012","accessKeyId":"ASIAEXAMPLE","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE","arn":"arn:aws:iam::123456789012:role/ops","accountId":"123456789012","userName":"ops"},"attributes":{"creationDate":"2026-11-25T10:00:00Z","mfaAuthenticated":"false"}}},"eventTime":"2026-11-25T10:00:00Z","eventSource":"monitoring.amazonaws.com","eventName":"GetMetricData","awsRegion":"us-east-1","sourceIPAddress":"AWS Internal","userAgent":"AWS Internal","requestParameters":{"startTime":"Apr 19, 2024, 4:00:00 AM","endTime":"Apr 19, 2024, 4:30:05 PM"},"responseElements":null,"requestID":"r-1","eventID":"e-1","readOnly":true,"resources":[{"type":"AWS::CloudWatch::Metric"}],"eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"123456789012","eventCategory":"Data"}`},
		{"PutEvents, AWS service, data write with redaction", call(SourceEvents, "PutEvents", false,
			bus.Identity{Type: "AWSService", InvokedBy: "scheduler.amazonaws.com", AccessKeyID: "AKIAIOSFODNN7EXAMPLE", AccountID: "123456789012"},
			&putEventsInput{Entries: []putEventsEntry{{Source: "my.app", DetailType: "order", Detail: `{"secret":1}`}}},
			&putEventsOutput{Entries: []struct {
				EventID string `json:"EventId"`
			}{{EventID: "ev-1"}}}),
			`{"eventVersion":"1.11","userIdentity":{"type":"AWSService","invokedBy":"scheduler.amazonaws.com"},"eventTime":"2026-11-25T10:00:00Z","eventSource":"events.amazonaws.com","eventName":"PutEvents","awsRegion":"us-east-1","sourceIPAddress":"scheduler.amazonaws.com","userAgent":"scheduler.amazonaws.com","requestParameters":{"entries":[{"source":"my.app","detailType":"order","detail":"HIDDEN_DUE_TO_SECURITY_REASONS"}]},"responseElements":{"failedEntryCount":0,"entries":[{"eventId":"ev-1"}]},"requestID":"r-1","eventID":"e-1","readOnly":false,"resources":[{"type":"AWS::Events::EventBus","ARN":"arn:aws:events:us-east-1:123456789012:event-bus/default"}],"eventType":"AwsApiCall","apiVersion":"2015-10-07","managementEvent":false,"recipientAccountId":"123456789012","eventCategory":"Data"}`},
	}
	var bd Builder
	for _, c := range cases {
		r, ok := bd.Build(c.call)
		if !ok {
			t.Fatalf("%s: not logged", c.name)
		}
		if string(r.JSON) != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, r.JSON, c.want)
		}
		if !json.Valid(r.JSON) {
			t.Errorf("%s: invalid JSON", c.name)
		}
	}
}

// TestRecordFieldsMatchSample compares the PutMetricAlarm record with the spec's 1.11 sample field
// by field (tlsDetails aside: watchsim calls do not come over TLS).
func TestRecordFieldsMatchSample(t *testing.T) {
	sample := `{"eventVersion":"1.11",
 "userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/alice",
                 "accountId":"123456789012","accessKeyId":"AKIAEXAMPLE","userName":"alice"},
 "eventTime":"2026-11-25T10:00:00Z","eventSource":"monitoring.amazonaws.com","eventName":"PutMetricAlarm",
 "awsRegion":"us-east-1","sourceIPAddress":"203.0.113.10","userAgent":"aws-sdk-go-v2/1.x",
 "requestParameters":{"alarmName":"HighCPU","namespace":"AWS/EC2","metricName":"CPUUtilization","statistic":"Average",
                      "period":300,"evaluationPeriods":2,"threshold":80.0,"comparisonOperator":"GreaterThanThreshold"},
 "responseElements":null,"requestID":"r-1","eventID":"e-1","readOnly":false,
 "eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012","eventCategory":"Management"}`
	th := 80.0
	var bd Builder
	r, _ := bd.Build(call(SourceCloudWatch, "PutMetricAlarm", false, alice(),
		&alarms.PutMetricAlarmInput{AlarmName: "HighCPU", Namespace: "AWS/EC2", MetricName: "CPUUtilization", Statistic: "Average",
			Period: 300, EvaluationPeriods: 2, Threshold: &th, ComparisonOperator: "GreaterThanThreshold"}, &alarms.PutMetricAlarmOutput{}))
	var got, want map[string]any
	_ = json.Unmarshal(r.JSON, &got)
	_ = json.Unmarshal([]byte(sample), &want)
	if d := cmp.Diff(want, got); d != "" {
		t.Fatal(d)
	}
}

// TestRecordsThroughServices records real calls: the metrics service's PutMetricData (a data
// event, values redacted), the alarms service's DeleteAlarms, and PutLogEvents (not logged).
func TestRecordsThroughServices(t *testing.T) {
	b := bus.MustNew()
	defer b.Close()
	var got []Record
	var bd Builder
	bus.Subscribe(b, bus.APICalls(), func(_ context.Context, c bus.APICall) {
		if r, ok := bd.Build(&c); ok {
			got = append(got, r)
		}
	})
	m := must(metrics.New(b))
	a := must(alarms.New(b, m))
	ctx := context.Background()
	v := 42.0
	must(m.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "App", MetricData: []metrics.MetricDatum{{MetricName: "Latency",
		Dimensions: []metrics.Dimension{{Name: "Api", Value: "x"}}, Value: &v, Unit: "Milliseconds"}}}))
	must(a.DeleteAlarms(ctx, &alarms.DeleteAlarmsInput{AlarmNames: []string{"HighCPU"}}))
	if len(got) != 2 {
		t.Fatalf("%d records", len(got))
	}
	pmd := string(got[0].JSON)
	if !strings.Contains(pmd, `"requestParameters":{"namespace":"App","metricData":[{"metricName":"Latency","dimensions":[{"name":"Api","value":"x"}]}]}`) ||
		got[0].Category != Data || strings.Contains(pmd, `42.0`) || strings.Contains(pmd, `"unit"`) {
		t.Fatalf("PutMetricData record %s", pmd)
	}
	if got[1].Category != Management || got[1].Resources[0] != (Resource{"AWS::CloudWatch::Alarm", "HighCPU"}) || got[1].Username != "watchsim" {
		t.Fatalf("DeleteAlarms record %+v", got[1])
	}
	if Classify(SourceLogs, "PutLogEvents") != NotLogged {
		t.Fatal("PutLogEvents must not be logged")
	}
}

func TestRecordLimits(t *testing.T) {
	var bd Builder
	big := strings.Repeat("x", MaxParametersSize+1)
	c := call(SourceCloudTrail, "CreateTrail", false, alice(), &CreateTrailInput{Name: big}, nil)
	c.ErrorCode, c.ErrorMessage = "InvalidTrailNameException", strings.Repeat("é", 1000)
	c.Identity.UserAgent = strings.Repeat("a", 5000)
	r, _ := bd.Build(c)
	var m map[string]any
	if err := json.Unmarshal(r.JSON, &m); err != nil {
		t.Fatal(err)
	}
	if m["requestParameters"] != nil || len(m["userAgent"].(string)) != MaxStringFieldSize || len(m["errorMessage"].(string)) > MaxStringFieldSize {
		t.Fatalf("limits not applied: %d %d", len(m["userAgent"].(string)), len(m["errorMessage"].(string)))
	}
}

func TestDecapitalize(t *testing.T) {
	for in, want := range map[string]string{"AlarmName": "alarmName", "S3BucketName": "s3BucketName", "ARN": "ARN",
		"KmsKeyId": "kmsKeyId", "trailNameList": "trailNameList", "": ""} {
		if got := decapitalize(in); got != want {
			t.Errorf("decapitalize(%q) = %q, want %q", in, got, want)
		}
	}
}
