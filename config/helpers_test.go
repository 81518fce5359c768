package config_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/smithy-go"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
)

var ctx = context.Background()

// tb is what the helpers need of a *testing.T or a *rapid.T.
type tb interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
	Cleanup(func())
}

type env struct {
	b      *bus.Bus
	s      *config.Service
	bucket *bus.S3Bucket
}

// newEnv returns a Config service on a fresh bus with an S3 bucket "config-bucket".
func newEnv(t tb, opts ...config.Option) *env {
	t.Helper()
	b := bus.MustNew()
	s, err := config.New(b, opts...)
	if err != nil {
		t.Fatal(err)
	}
	bk, err := bus.NewS3Bucket(b, "config-bucket")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(); b.Close() })
	return &env{b: b, s: s, bucket: bk}
}

const role = "arn:aws:iam::123456789012:role/config"

// record puts the recorder (with group, nil for all supported types) and the channel, and starts it.
func (e *env) record(t tb, group *config.RecordingGroup) {
	t.Helper()
	get(e.s.PutConfigurationRecorder(ctx, &config.PutConfigurationRecorderInput{ConfigurationRecorder: &config.ConfigurationRecorder{
		RoleARN: role, RecordingGroup: group}}))(t)
	get(e.s.PutDeliveryChannel(ctx, &config.PutDeliveryChannelInput{DeliveryChannel: &config.DeliveryChannel{S3BucketName: "config-bucket"}}))(t)
	get(e.s.StartConfigurationRecorder(ctx, &config.StartConfigurationRecorderInput{ConfigurationRecorderName: "default"}))(t)
}

// get returns v, failing the test on err: get(op(ctx, in))(t).
func get[T any](v T, err error) func(t tb) T {
	return func(t tb) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// wantCode checks that err is an AWS error with the code.
func wantCode(t tb, err error, code string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != code {
		t.Fatalf("got error %v, want code %s", err, code)
	}
}

// alarmConf is an alarm as the alarms service publishes it (its DescribeAlarms shape).
func alarmConf(name string, alarmActions, insufficient, ok []string) map[string]any {
	return map[string]any{"AlarmName": name, "AlarmArn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name,
		"ActionsEnabled": true, "OKActions": ok, "AlarmActions": alarmActions, "InsufficientDataActions": insufficient,
		"StateValue": "INSUFFICIENT_DATA", "MetricName": "CPUUtilization", "Namespace": "AWS/EC2", "Statistic": "Average",
		"Period": 300, "EvaluationPeriods": 1, "Threshold": 80.0, "ComparisonOperator": "GreaterThanThreshold",
		"AlarmConfigurationUpdatedTimestamp": time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
}

// change publishes a resource change as a service would.
func (e *env) change(ct bus.ChangeType, typ, id string, conf any, tags map[string]string) {
	bus.Publish(ctx, e.b, bus.ResourceChanges(), bus.ResourceChange{ChangeType: ct, ResourceType: typ, ResourceID: id, ResourceName: id,
		ARN: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + id, Time: e.b.Now(), Tags: tags, Configuration: conf})
}

func (e *env) advance(t tb, d time.Duration) {
	t.Helper()
	if err := e.b.Advance(d); err != nil {
		t.Fatal(err)
	}
}

// events collects the Config events published on bus.Events.
func collectEvents(t *testing.T, b *bus.Bus) *[]bus.Event {
	var got []bus.Event
	unsub := bus.Subscribe(b, bus.Events(), func(_ context.Context, ev bus.Event) {
		if ev.Source == "aws.config" {
			got = append(got, ev)
		}
	})
	t.Cleanup(unsub)
	return &got
}
