package logs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/logs"
)

func TestMetricFilterPublishes(t *testing.T) {
	s, b := newService(t)
	var got []bus.MetricData
	bus.Subscribe(b, bus.MetricDataIn(), func(_ context.Context, md bus.MetricData) {
		if md.Namespace != logs.UsageNamespace {
			got = append(got, md)
		}
	})
	mustGroup(t, s, "app", "s")
	now := ms(b.Now())
	put(t, s, "app", "s", []int64{now}, `{"level":"ERROR","latency":50}`) // before the filter: not counted
	if _, err := s.PutMetricFilter(ctx, &logs.PutMetricFilterInput{LogGroupName: "app", FilterName: "lat", FilterPattern: ptr(`{ $.latency = * }`),
		MetricTransformations: []logs.MetricTransformation{{MetricName: "Latency", MetricNamespace: "App", MetricValue: "$.latency",
			Dimensions: map[string]string{"Level": "$.level"}, Unit: "Milliseconds"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutMetricFilter(ctx, &logs.PutMetricFilterInput{LogGroupName: "app", FilterName: "errors", FilterPattern: ptr(`ERROR`),
		MetricTransformations: []logs.MetricTransformation{{MetricName: "Errors", MetricNamespace: "App", MetricValue: "1", DefaultValue: ptr(0.0)}}}); err != nil {
		t.Fatal(err)
	}
	put(t, s, "app", "s", []int64{now - 60000, now - 30000, now}, `{"level":"ERROR","latency":70}`, `plain INFO line`, `{"level":"INFO","latency":20}`)
	if len(got) != 2 {
		t.Fatalf("batches = %+v", got)
	}
	lat := got[0]
	if lat.Namespace != "App" || len(lat.MetricData) != 2 || samples(lat.MetricData[0])[0] != 70 || lat.MetricData[0].Dimensions[0].Value != "ERROR" ||
		lat.MetricData[0].Unit != "Milliseconds" || !lat.MetricData[0].Timestamp.Equal(time.UnixMilli(now-60000)) || lat.Source != "logs:metric-filter:app:lat" {
		t.Errorf("latency batch = %+v", lat)
	}
	errs := got[1].MetricData
	if len(errs) != 3 || samples(errs[0])[0] != 1 || samples(errs[1])[0] != 0 || samples(errs[2])[0] != 0 {
		t.Errorf("errors with default = %+v", errs)
	}
	d, _ := s.DescribeMetricFilters(ctx, &logs.DescribeMetricFiltersInput{LogGroupName: "app"})
	if len(d.MetricFilters) != 2 || d.MetricFilters[0].FilterName != "errors" || d.MetricFilters[0].MetricTransformations[0].DefaultValue == nil {
		t.Errorf("describe = %+v", d.MetricFilters)
	}
	g, _ := s.DescribeLogGroups(ctx, nil)
	if g.LogGroups[0].MetricFilterCount != 2 {
		t.Errorf("metricFilterCount = %d", g.LogGroups[0].MetricFilterCount)
	}
	_, err := s.PutMetricFilter(ctx, &logs.PutMetricFilterInput{LogGroupName: "app", FilterName: "x", FilterPattern: ptr("ERROR"),
		MetricTransformations: []logs.MetricTransformation{{MetricName: "a", MetricNamespace: "b", MetricValue: "1"}, {MetricName: "c", MetricNamespace: "d", MetricValue: "1"}}})
	wantErr(t, err, logs.InvalidParameterException, "1 validation error detected: Value '[MetricTransformation(metricName=a, metricNamespace=b, metricValue=1), MetricTransformation(metricName=c, metricNamespace=d, metricValue=1)]' at 'metricTransformations' failed to satisfy constraint: Member must have length less than or equal to 1")
	_, err = s.PutMetricFilter(ctx, &logs.PutMetricFilterInput{LogGroupName: "app", FilterName: "x", FilterPattern: ptr("ERROR"),
		MetricTransformations: []logs.MetricTransformation{{MetricName: "a", MetricNamespace: "b", MetricValue: "1", Dimensions: map[string]string{"x": "$.x"}}}})
	wantErr(t, err, logs.InvalidParameterException, "The specified filter pattern does not support dimensions")
	if _, err := s.DeleteMetricFilter(ctx, &logs.DeleteMetricFilterInput{LogGroupName: "app", FilterName: "lat"}); err != nil {
		t.Fatal(err)
	}
	_, err = s.DeleteMetricFilter(ctx, &logs.DeleteMetricFilterInput{LogGroupName: "app", FilterName: "lat"})
	wantErr(t, err, logs.ResourceNotFoundException, "")
	tm, err := s.TestMetricFilter(ctx, &logs.TestMetricFilterInput{FilterPattern: ptr("[ip, user, status=4*]"), LogEventMessages: []string{"1.2.3.4 bob 404", "1.2.3.4 bob 200"}})
	if err != nil || len(tm.Matches) != 1 || tm.Matches[0].EventNumber != 1 || tm.Matches[0].ExtractedValues["$status"] != "404" {
		t.Errorf("TestMetricFilter = %+v, %v", tm, err)
	}
}

func TestMetricFilterLimits(t *testing.T) {
	s, _ := newService(t)
	mustGroup(t, s, "g", "")
	mt := []logs.MetricTransformation{{MetricName: "m", MetricNamespace: "n", MetricValue: "1"}}
	for i := range 100 {
		if _, err := s.PutMetricFilter(ctx, &logs.PutMetricFilterInput{LogGroupName: "g", FilterName: "f" + itoa(int64(i)), FilterPattern: ptr(""), MetricTransformations: mt}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := s.PutMetricFilter(ctx, &logs.PutMetricFilterInput{LogGroupName: "g", FilterName: "f100", FilterPattern: ptr(""), MetricTransformations: mt})
	wantErr(t, err, logs.LimitExceededException, "Resource limit exceeded.")
	if _, err := s.PutMetricFilter(ctx, &logs.PutMetricFilterInput{LogGroupName: "g", FilterName: "f0", FilterPattern: ptr("x"), MetricTransformations: mt}); err != nil {
		t.Errorf("replacing a filter at the limit: %v", err)
	}
	// Regex quota: five regex-bearing filters per group.
	mustGroup(t, s, "r", "")
	for i := range 5 {
		if _, err := s.PutMetricFilter(ctx, &logs.PutMetricFilterInput{LogGroupName: "r", FilterName: "f" + itoa(int64(i)), FilterPattern: ptr("%ab+%"), MetricTransformations: mt}); err != nil {
			t.Fatal(err)
		}
	}
	_, err = s.PutMetricFilter(ctx, &logs.PutMetricFilterInput{LogGroupName: "r", FilterName: "f5", FilterPattern: ptr("%ab+%"), MetricTransformations: mt})
	wantErr(t, err, logs.LimitExceededException, "")
	if _, err := s.CreateLogGroup(ctx, &logs.CreateLogGroupInput{LogGroupName: "ia", LogGroupClass: "INFREQUENT_ACCESS"}); err != nil {
		t.Fatal(err)
	}
	_, err = s.PutMetricFilter(ctx, &logs.PutMetricFilterInput{LogGroupName: "ia", FilterName: "f", FilterPattern: ptr(""), MetricTransformations: mt})
	wantErr(t, err, logs.InvalidParameterException, "")
}

func TestSubscriptionToLambda(t *testing.T) {
	s, b := newService(t)
	forwarded := 0.0
	bus.Subscribe(b, bus.MetricDataIn(), func(_ context.Context, md bus.MetricData) {
		for _, d := range md.MetricData {
			if md.Namespace == logs.UsageNamespace && d.MetricName == "ForwardedLogEvents" {
				forwarded += *d.Value
				if len(d.Dimensions) != 3 || d.Dimensions[1] != (bus.Dimension{Name: "DestinationType", Value: "Lambda"}) {
					t.Errorf("dimensions = %+v", d.Dimensions)
				}
			}
		}
	})
	fn, _ := bus.NewLambdaFunction(b, "consumer", func(context.Context, []byte) error { return nil })
	mustGroup(t, s, "app", "web-1")
	_, err := s.PutSubscriptionFilter(ctx, &logs.PutSubscriptionFilterInput{LogGroupName: "app", FilterName: "all", FilterPattern: ptr(""),
		DestinationArn: "arn:aws:lambda:us-east-1:123456789012:function:missing"})
	wantErr(t, err, logs.InvalidParameterException, "Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function.")
	_, err = s.PutSubscriptionFilter(ctx, &logs.PutSubscriptionFilterInput{LogGroupName: "app", FilterName: "all", FilterPattern: ptr(""),
		DestinationArn: "arn:aws:lambda:us-east-1:999999999999:function:x"})
	wantErr(t, err, logs.AccessDeniedException, "Cross-account lambda invocation passing is not allowed. You must use DestinationPolicies to create cross account lambda triggers.")
	if _, err := s.PutSubscriptionFilter(ctx, &logs.PutSubscriptionFilterInput{LogGroupName: "app", FilterName: "errors", FilterPattern: ptr("[level=ERROR, msg]"),
		DestinationArn: fn.ARN()}); err != nil {
		t.Fatal(err)
	}
	now := ms(b.Now())
	put(t, s, "app", "web-1", []int64{now, now + 1}, "ERROR boom", "INFO fine")
	if len(fn.Invocations()) != 0 {
		t.Fatal("delivered before the batching delay")
	}
	b.Advance(time.Second)
	inv := fn.Invocations()
	if len(inv) != 1 {
		t.Fatalf("invocations = %d", len(inv))
	}
	if !strings.HasPrefix(string(inv[0].Payload), `{"awslogs":{"data":"`) {
		t.Errorf("payload = %s", inv[0].Payload)
	}
	m, err := logs.DecodeDelivery(inv[0].Payload)
	if err != nil {
		t.Fatal(err)
	}
	if m.MessageType != "DATA_MESSAGE" || m.Owner != "123456789012" || m.LogGroup != "app" || m.LogStream != "web-1" ||
		len(m.SubscriptionFilters) != 1 || len(m.LogEvents) != 1 || m.LogEvents[0].Message != "ERROR boom" || len(m.LogEvents[0].ID) != 56 ||
		m.LogEvents[0].ExtractedFields["level"] != "ERROR" {
		t.Errorf("delivered = %+v", m)
	}
	b.Advance(time.Minute)
	if forwarded != 1 {
		t.Errorf("AWS/Logs ForwardedLogEvents = %v, want 1", forwarded)
	}
	for _, n := range []string{"b", "c"} {
		_, err = s.PutSubscriptionFilter(ctx, &logs.PutSubscriptionFilterInput{LogGroupName: "app", FilterName: n, FilterPattern: ptr(""), DestinationArn: fn.ARN()})
	}
	wantErr(t, err, logs.LimitExceededException, "Resource limit exceeded.")
	d, _ := s.DescribeSubscriptionFilters(ctx, &logs.DescribeSubscriptionFiltersInput{LogGroupName: "app"})
	if len(d.SubscriptionFilters) != 2 || d.SubscriptionFilters[0].Distribution != "ByLogStream" {
		t.Errorf("describe = %+v", d)
	}
	_, err = s.DeleteSubscriptionFilter(ctx, &logs.DeleteSubscriptionFilterInput{LogGroupName: "app", FilterName: "zzz"})
	wantErr(t, err, logs.ResourceNotFoundException, "The specified subscription filter does not exist.")
}

func TestSubscriptionToKinesisViaDestination(t *testing.T) {
	s, b := newService(t)
	ks, _ := bus.NewKinesisStream(b, "central")
	mustGroup(t, s, "app", "s")
	_, err := s.PutSubscriptionFilter(ctx, &logs.PutSubscriptionFilterInput{LogGroupName: "app", FilterName: "k", FilterPattern: ptr(""), DestinationArn: ks.ARN()})
	wantErr(t, err, logs.InvalidParameterException, "destinationArn for vendor kinesis cannot be used without roleArn")
	dest, err := s.PutDestination(ctx, &logs.PutDestinationInput{DestinationName: "central", TargetArn: ks.ARN(), RoleArn: "arn:aws:iam::123456789012:role/cwl"})
	if err != nil {
		t.Fatal(err)
	}
	if dest.Destination.Arn != "arn:aws:logs:us-east-1:123456789012:destination:central" {
		t.Errorf("destination = %+v", dest.Destination)
	}
	if _, err := s.PutDestinationPolicy(ctx, &logs.PutDestinationPolicyInput{DestinationName: "central", AccessPolicy: `{"Version":"2012-10-17","Statement":[]}`}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutSubscriptionFilter(ctx, &logs.PutSubscriptionFilterInput{LogGroupName: "app", FilterName: "k", FilterPattern: ptr(""), DestinationArn: dest.Destination.Arn}); err != nil {
		t.Fatal(err)
	}
	recs := ks.Records()
	if len(recs) != 1 {
		t.Fatalf("control message: %d records", len(recs))
	}
	m, err := logs.DecodeDelivery(recs[0].Data)
	if err != nil || m.MessageType != "CONTROL_MESSAGE" || m.Owner != "CloudwatchLogs" ||
		m.LogEvents[0].Message != "CWL CONTROL MESSAGE: Checking health of destination Kinesis stream." {
		t.Errorf("control = %+v %v", m, err)
	}
	put(t, s, "app", "s", []int64{ms(b.Now())}, "hello")
	b.Advance(time.Second)
	recs = ks.Records()
	if len(recs) != 2 || recs[1].PartitionKey != "s" {
		t.Fatalf("records = %+v", recs)
	}
	if m, _ := logs.DecodeDelivery(recs[1].Data); m.LogEvents[0].Message != "hello" {
		t.Errorf("data = %+v", m)
	}
	dd, _ := s.DescribeDestinations(ctx, nil)
	if len(dd.Destinations) != 1 || dd.Destinations[0].AccessPolicy == "" {
		t.Errorf("destinations = %+v", dd)
	}
}

func TestSubscriptionDeliveryFailureRetries(t *testing.T) {
	s, b := newService(t)
	calls := 0
	fn, _ := bus.NewLambdaFunction(b, "flaky", func(context.Context, []byte) error {
		calls++
		if calls < 3 {
			return bus.ServerError("ServiceException", "boom")
		}
		return nil
	})
	mustGroup(t, s, "app", "s")
	s.PutSubscriptionFilter(ctx, &logs.PutSubscriptionFilterInput{LogGroupName: "app", FilterName: "f", FilterPattern: ptr(""), DestinationArn: fn.ARN()})
	put(t, s, "app", "s", []int64{ms(b.Now())}, "x")
	b.Advance(time.Minute)
	if calls != 3 {
		t.Errorf("attempts = %d, want 3 (two failures retried)", calls)
	}
}

func TestExportTask(t *testing.T) {
	s, b := newService(t)
	bucket, _ := bus.NewS3Bucket(b, "archive")
	mustGroup(t, s, "app", "s1")
	now := ms(b.Now())
	put(t, s, "app", "s1", []int64{now - 2000, now - 1000, now}, "one", "two", "three")
	_, err := s.CreateExportTask(ctx, &logs.CreateExportTaskInput{LogGroupName: "app", From: ptr(now - 1000), To: ptr(now), Destination: "nope"})
	wantErr(t, err, logs.InvalidParameterException, "The given bucket does not exist. Please make sure the bucket is valid.")
	out, err := s.CreateExportTask(ctx, &logs.CreateExportTaskInput{LogGroupName: "app", From: ptr(now - 1000), To: ptr(now), Destination: "archive", DestinationPrefix: "p"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.CreateExportTask(ctx, &logs.CreateExportTaskInput{LogGroupName: "app", From: ptr(now - 1000), To: ptr(now), Destination: "archive"})
	wantErr(t, err, logs.LimitExceededException, "")
	b.Advance(time.Second)
	d, _ := s.DescribeExportTasks(ctx, &logs.DescribeExportTasksInput{TaskID: out.TaskID})
	if d.ExportTasks[0].Status.Code != "RUNNING" {
		t.Errorf("status = %+v", d.ExportTasks[0].Status)
	}
	b.Advance(time.Minute)
	d, _ = s.DescribeExportTasks(ctx, &logs.DescribeExportTasksInput{TaskID: out.TaskID})
	if d.ExportTasks[0].Status.Code != "COMPLETED" || d.ExportTasks[0].ExecutionInfo.CompletionTime == nil {
		t.Errorf("status = %+v", d.ExportTasks[0])
	}
	obj, err := bucket.Get("p/" + out.TaskID + "/s1/000000.gz")
	if err != nil {
		t.Fatal(err)
	}
	text := gunzip(t, obj.Body)
	if text != "2026-01-01T00:00:04.000Z two\n2026-01-01T00:00:05.000Z three\n" && !strings.Contains(text, " two\n") {
		t.Errorf("export body = %q", text)
	}
	if strings.Contains(text, "one") {
		t.Errorf("exported an event before from: %q", text)
	}
	_, err = s.CancelExportTask(ctx, &logs.CancelExportTaskInput{TaskID: out.TaskID})
	wantErr(t, err, logs.InvalidOperationException, "")
}

func TestDestinationTagsAndDelete(t *testing.T) {
	s, b := newService(t)
	ks, _ := bus.NewKinesisStream(b, "central")
	d, err := s.PutDestination(ctx, &logs.PutDestinationInput{DestinationName: "d", TargetArn: ks.ARN(), RoleArn: "arn:aws:iam::123456789012:role/r"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.TagResource(ctx, &logs.TagResourceInput{ResourceArn: d.Destination.Arn, Tags: map[string]string{"team": "a"}}); err != nil {
		t.Fatal(err)
	}
	lt, _ := s.ListTagsForResource(ctx, &logs.ListTagsForResourceInput{ResourceArn: d.Destination.Arn})
	if lt.Tags["team"] != "a" {
		t.Errorf("tags = %v", lt.Tags)
	}
	if _, err := s.DeleteDestination(ctx, &logs.DeleteDestinationInput{DestinationName: "d"}); err != nil {
		t.Fatal(err)
	}
	_, err = s.DeleteDestination(ctx, &logs.DeleteDestinationInput{DestinationName: "d"})
	wantErr(t, err, logs.ResourceNotFoundException, "The specified destination does not exist.")
	_, err = s.PutDestination(ctx, &logs.PutDestinationInput{DestinationName: "x", TargetArn: "arn:aws:sqs:us-east-1:123456789012:q", RoleArn: "r"})
	wantErr(t, err, logs.InvalidParameterException, "")
}
