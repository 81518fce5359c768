package trail

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/logs"
)

// TestCloudWatchLogsDelivery sends a trail to a log group of the real Logs service: one record per
// log event in <acct>_CloudTrail_<region>, and a metric filter on $.errorCode counts failures (the
// CIS "unauthorized API calls" alarm's filter shape). The Logs service's own PutLogEvents calls are
// not recorded, so delivery does not loop.
func TestCloudWatchLogsDelivery(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	lg := must(logs.New(e.b))
	defer lg.Close()
	must(lg.CreateLogGroup(ctx, &logs.CreateLogGroupInput{LogGroupName: "CloudTrail/audit"}))
	pattern := `{ ($.errorCode = "TrailNotFound*") || ($.errorCode = "AccessDenied*") }`
	must(lg.PutMetricFilter(ctx, &logs.PutMetricFilterInput{LogGroupName: "CloudTrail/audit", FilterName: "unauthorized",
		FilterPattern: &pattern, MetricTransformations: []logs.MetricTransformation{{MetricName: "Failures", MetricNamespace: "CIS", MetricValue: "1"}}}))
	var failures float64
	bus.Subscribe(e.b, bus.MetricDataIn(), func(_ context.Context, m bus.MetricData) {
		for _, d := range m.MetricData {
			if m.Namespace == "CIS" {
				for i, v := range d.Values {
					failures += v * d.Counts[i]
				}
			}
		}
	})
	e.logging(t, CreateTrailInput{Name: "audit", CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/audit:*",
		CloudWatchLogsRoleArn: "arn:aws:iam::123456789012:role/CloudTrail_CloudWatchLogs_Role"})
	_, _ = e.s.GetTrail(ctx, &GetTrailInput{Name: "missing"})
	_, _ = e.s.StopLogging(ctx, &StopLoggingInput{Name: "gone"})
	must(e.s.DescribeTrails(ctx, &DescribeTrailsInput{}))
	_ = e.b.Advance(5 * time.Minute)
	out := must(lg.GetLogEvents(ctx, &logs.GetLogEventsInput{LogGroupName: "CloudTrail/audit", LogStreamName: "123456789012_CloudTrail_us-east-1"}))
	if len(out.Events) != 4 {
		t.Fatalf("%d log events", len(out.Events))
	}
	for _, ev := range out.Events {
		var r map[string]any
		if err := json.Unmarshal([]byte(ev.Message), &r); err != nil || r["eventVersion"] != EventVersion {
			t.Fatalf("message is not a record: %s", ev.Message)
		}
	}
	if failures != 2 {
		t.Fatalf("metric filter counted %v failures, want 2", failures)
	}
	st := must(e.s.GetTrailStatus(ctx, &GetTrailStatusInput{Name: "audit"}))
	if st.LatestCloudWatchLogsDeliveryTime == nil || st.LatestCloudWatchLogsDeliveryError != "" {
		t.Fatalf("status %+v", st)
	}
	_ = e.b.Advance(10 * time.Minute)
	for _, n := range names(e.logRecords(t)) {
		if n == "PutLogEvents" {
			t.Fatal("PutLogEvents was recorded")
		}
	}
	// A log group that is deleted makes the delivery fail, as GetTrailStatus shows.
	must(lg.DeleteLogGroup(ctx, &logs.DeleteLogGroupInput{LogGroupName: "CloudTrail/audit"}))
	_ = e.b.Advance(5 * time.Minute)
	st = must(e.s.GetTrailStatus(ctx, &GetTrailStatusInput{Name: "audit"}))
	if st.LatestCloudWatchLogsDeliveryError != "ResourceNotFoundException" {
		t.Fatalf("status after the group was deleted %+v", st)
	}
}

func TestSNSNotification(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	topic := must(bus.NewSNSTopic(e.b, "trail-topic"))
	e.logging(t, CreateTrailInput{Name: "main", SnsTopicName: "trail-topic"})
	tr := must(e.s.GetTrail(ctx, &GetTrailInput{Name: "main"}))
	if tr.Trail.SnsTopicARN != topic.ARN() {
		t.Fatal(tr.Trail)
	}
	_ = e.b.Advance(5 * time.Minute)
	msgs := topic.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d notifications", len(msgs))
	}
	var n struct {
		S3Bucket    string   `json:"s3Bucket"`
		S3ObjectKey []string `json:"s3ObjectKey"`
	}
	if err := json.Unmarshal([]byte(msgs[0].Message), &n); err != nil || n.S3Bucket != "trail-bucket" || len(n.S3ObjectKey) != 1 ||
		!strings.HasPrefix(n.S3ObjectKey[0], "AWSLogs/123456789012/CloudTrail/") {
		t.Fatalf("notification %s", msgs[0].Message)
	}
	st := must(e.s.GetTrailStatus(ctx, &GetTrailStatusInput{Name: "main"}))
	if st.LatestNotificationTime == nil || st.LatestNotificationAttemptSucceeded != "true" {
		t.Fatalf("%+v", st)
	}
}

// TestEventBridgeEvents: management calls become "AWS API Call via CloudTrail" events whether or
// not a trail exists; data events only when a logging trail selects them.
func TestEventBridgeEvents(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	var got []bus.Event
	bus.Subscribe(e.b, bus.Events(), func(_ context.Context, ev bus.Event) { got = append(got, ev) })
	must(e.s.DescribeTrails(ctx, &DescribeTrailsInput{}))
	type pmd struct{ Namespace string }
	putData := func() {
		_, _ = bus.Call(ctx, e.b, bus.Operation{Source: SourceCloudWatch, Name: "PutMetricData"}, &pmd{"A"},
			func(context.Context, *pmd) (*struct{}, error) { return &struct{}{}, nil })
	}
	putData()
	if len(got) != 1 || got[0].DetailType != "AWS API Call via CloudTrail" || got[0].Source != "aws.cloudtrail" ||
		got[0].EventBusName != "default" || len(got[0].Resources) != 0 {
		t.Fatalf("events %+v", got)
	}
	var detail map[string]any
	if err := json.Unmarshal(got[0].Detail, &detail); err != nil || detail["eventName"] != "DescribeTrails" {
		t.Fatalf("detail %s", got[0].Detail)
	}
	must(e.s.CreateTrail(ctx, &CreateTrailInput{Name: "data", S3BucketName: "trail-bucket"}))
	must(e.s.PutEventSelectors(ctx, &PutEventSelectorsInput{TrailName: "data", AdvancedEventSelectors: []AdvancedEventSelector{{
		FieldSelectors: []AdvancedFieldSelector{{Field: "eventCategory", Equals: []string{"Data"}},
			{Field: "resources.type", Equals: []string{"AWS::CloudWatch::Metric"}}}}}}))
	must(e.s.StartLogging(ctx, &StartLoggingInput{Name: "data"}))
	got = nil
	putData()
	if len(got) != 1 || got[0].Source != "aws.cloudwatch" {
		t.Fatalf("data event with a trail: %+v", got)
	}
}

// TestEventBridgeDetailOfLikeCalls: calls like the one before them are written from the builder's
// memo, their JSON only when someone asks for it — here the EventBridge event, after Event
// history took the stored skeleton without it. Each event's detail is the record LookupEvents
// returns for its eventID.
func TestEventBridgeDetailOfLikeCalls(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	var got []bus.Event
	bus.Subscribe(e.b, bus.Events(), func(_ context.Context, ev bus.Event) { got = append(got, ev) })
	in := &benchIn{AlarmName: "HighCPU", Period: 60}
	for range 3 {
		benchCall(ctx, e.b, in)
	}
	in.Period = 300 // a change of parameters: built in full again
	benchCall(ctx, e.b, in)
	if len(got) != 4 {
		t.Fatalf("%d events", len(got))
	}
	seen := map[string]bool{}
	for i, ev := range got {
		var d struct {
			EventID           string `json:"eventID"`
			RequestParameters struct {
				Period int `json:"period"`
			} `json:"requestParameters"`
		}
		if err := json.Unmarshal(ev.Detail, &d); err != nil || seen[d.EventID] {
			t.Fatalf("event %d detail %s (%v)", i, ev.Detail, err)
		}
		seen[d.EventID] = true
		if want := []int{60, 60, 60, 300}[i]; d.RequestParameters.Period != want {
			t.Fatalf("event %d period %d, want %d", i, d.RequestParameters.Period, want)
		}
		out := must(e.s.LookupEvents(ctx, &LookupEventsInput{LookupAttributes: []LookupAttribute{{"EventId", d.EventID}}}))
		if len(out.Events) != 1 || out.Events[0].CloudTrailEvent != string(ev.Detail) {
			t.Fatalf("event %d: detail\n%s\nLookupEvents\n%+v", i, ev.Detail, out.Events)
		}
	}
}
