package events_test

import (
	"encoding/json"
	"testing"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events"
)

// Events other services publish on bus.Events arrive on the default bus with their aws.* source;
// read-only CloudTrail management events reach only ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS rules.
func TestServiceEventsOnTheDefaultBus(t *testing.T) {
	s, b := newService(t)
	plain, all := queue(t, b, "plain"), queue(t, b, "all")
	pattern := `{"source":["aws.cloudwatch"]}`
	rule(t, s, "plain", pattern, events.Target{Id: "q", Arn: plain.ARN()})
	if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: "all", EventPattern: pattern, State: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutTargets(ctx, &events.PutTargetsInput{Rule: "all", Targets: []events.Target{{Id: "q", Arn: all.ARN()}}}); err != nil {
		t.Fatal(err)
	}
	publish := func(detailType string, detail any) {
		d, _ := json.Marshal(detail)
		bus.Publish(ctx, b, bus.Events(), bus.Event{Version: "0", ID: b.UUID(), DetailType: detailType, Source: "aws.cloudwatch",
			Account: b.Account(), Time: b.Now(), Region: b.Region(), Resources: []string{}, Detail: d})
	}
	publish("CloudWatch Alarm State Change", map[string]any{"alarmName": "a"})
	publish("AWS API Call via CloudTrail", map[string]any{"eventName": "DescribeAlarms", "readOnly": true, "managementEvent": true})
	publish("AWS API Call via CloudTrail", map[string]any{"eventName": "PutMetricAlarm", "readOnly": false, "managementEvent": true})
	if n := len(drain(t, plain)); n != 2 {
		t.Errorf("ENABLED rule got %d events, want 2 (no read-only management event)", n)
	}
	if n := len(drain(t, all)); n != 3 {
		t.Errorf("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS rule got %d events, want 3", n)
	}
}

// TestServiceEventDetailCompacted: a service event's detail arrives compact — whitespace between
// tokens removed, whitespace inside string values kept as it is.
func TestServiceEventDetailCompacted(t *testing.T) {
	s, b := newService(t)
	q := queue(t, b, "q")
	rule(t, s, "r", `{"source":["aws.config"]}`, events.Target{Id: "q", Arn: q.ARN()})
	for _, c := range []struct{ detail, want string }{
		{`{"reason": "a  b",` + "\n" + ` "n" : [1, 2]}`, `{"reason":"a  b","n":[1,2]}`},
		{`{"reason":"a \" b\\\\ c","k":"x y"}`, `{"reason":"a \" b\\\\ c","k":"x y"}`},
	} {
		bus.Publish(ctx, b, bus.Events(), bus.Event{Version: "0", ID: b.UUID(), DetailType: "Config Rules Compliance Change",
			Source: "aws.config", Account: b.Account(), Time: b.Now(), Region: b.Region(), Resources: []string{}, Detail: []byte(c.detail)})
		msgs := drain(t, q)
		if len(msgs) != 1 {
			t.Fatalf("%d messages", len(msgs))
		}
		var env struct{ Detail json.RawMessage }
		if err := json.Unmarshal([]byte(msgs[0].Body), &env); err != nil {
			t.Fatal(err)
		}
		if string(env.Detail) != c.want {
			t.Errorf("detail %s delivered as %s, want %s", c.detail, env.Detail, c.want)
		}
	}
}

// TestServiceEventArchivedWithoutRules: a bus with an archive and no rule still takes the events
// of other services (the shortcut for buses nothing can match must not skip archives).
func TestServiceEventArchivedWithoutRules(t *testing.T) {
	s, b := newService(t)
	if _, err := s.CreateArchive(ctx, &events.CreateArchiveInput{ArchiveName: "all", EventSourceArn: defaultBusARN}); err != nil {
		t.Fatal(err)
	}
	bus.Publish(ctx, b, bus.Events(), bus.Event{Version: "0", ID: b.UUID(), DetailType: "CloudWatch Alarm State Change",
		Source: "aws.cloudwatch", Account: b.Account(), Time: b.Now(), Region: b.Region(), Resources: []string{}, Detail: []byte(`{"alarmName":"a"}`)})
	d, err := s.DescribeArchive(ctx, &events.DescribeArchiveInput{ArchiveName: "all"})
	if err != nil || d.EventCount != 1 {
		t.Fatalf("archive after a service event: %+v, %v", d, err)
	}
}
