package events_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events"
)

func TestBusesPermissionsAndTags(t *testing.T) {
	s, _ := newService(t, events.WithMaxBuses(2))
	out, err := s.CreateEventBus(ctx, &events.CreateEventBusInput{Name: "orders", Description: "d", KmsKeyIdentifier: "alias/k",
		Tags: []events.Tag{{Key: "team", Value: "a"}}})
	if err != nil || out.EventBusArn != "arn:aws:events:us-east-1:123456789012:event-bus/orders" {
		t.Fatalf("CreateEventBus %+v %v", out, err)
	}
	if _, err := s.CreateEventBus(ctx, &events.CreateEventBusInput{Name: "third"}); bus.ErrorCode(err) != "LimitExceededException" {
		t.Fatalf("over the bus quota: %v", err)
	}
	for _, n := range []string{"default", "a/b"} {
		if _, err := s.CreateEventBus(ctx, &events.CreateEventBusInput{Name: n}); bus.ErrorCode(err) != "ValidationException" {
			t.Errorf("CreateEventBus(%q) = %v", n, err)
		}
	}
	if _, err := s.PutPermission(ctx, &events.PutPermissionInput{EventBusName: "orders", Action: "events:PutEvents", Principal: "111122223333", StatementId: "s1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutPermission(ctx, &events.PutPermissionInput{EventBusName: "orders", Action: "events:PutEvents", Principal: "me", StatementId: "s2"}); bus.ErrorCode(err) != "ValidationException" {
		t.Fatalf("bad principal: %v", err)
	}
	d, err := s.DescribeEventBus(ctx, &events.DescribeEventBusInput{Name: out.EventBusArn})
	if err != nil {
		t.Fatal(err)
	}
	var pol struct {
		Statement []struct {
			Sid       string
			Principal map[string]string
			Resource  string
		}
	}
	if err := json.Unmarshal([]byte(d.Policy), &pol); err != nil || len(pol.Statement) != 1 || pol.Statement[0].Principal["AWS"] != "arn:aws:iam::111122223333:root" ||
		pol.Statement[0].Resource != out.EventBusArn || d.KmsKeyIdentifier != "alias/k" {
		t.Fatalf("DescribeEventBus %+v (%v)", d, err)
	}
	if _, err := s.RemovePermission(ctx, &events.RemovePermissionInput{EventBusName: "orders", StatementId: "nope"}); bus.ErrorCode(err) != "ResourceNotFoundException" {
		t.Fatalf("RemovePermission unknown: %v", err)
	}
	if _, err := s.RemovePermission(ctx, &events.RemovePermissionInput{EventBusName: "orders", StatementId: "s1"}); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.DescribeEventBus(ctx, &events.DescribeEventBusInput{Name: "orders"}); d.Policy != "" {
		t.Fatalf("policy after removal: %s", d.Policy)
	}
	if _, err := s.TagResource(ctx, &events.TagResourceInput{ResourceARN: out.EventBusArn, Tags: []events.Tag{{Key: "env", Value: "prod"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UntagResource(ctx, &events.UntagResourceInput{ResourceARN: out.EventBusArn, TagKeys: []string{"team"}}); err != nil {
		t.Fatal(err)
	}
	tags, err := s.ListTagsForResource(ctx, &events.ListTagsForResourceInput{ResourceARN: out.EventBusArn})
	if err != nil || len(tags.Tags) != 1 || tags.Tags[0] != (events.Tag{Key: "env", Value: "prod"}) {
		t.Fatalf("tags %+v %v", tags, err)
	}
	if _, err := s.TagResource(ctx, &events.TagResourceInput{ResourceARN: "arn:aws:events:us-east-1:123456789012:rule/nope", Tags: []events.Tag{}}); bus.ErrorCode(err) != "ResourceNotFoundException" {
		t.Fatalf("tagging a missing rule: %v", err)
	}
	l, err := s.ListEventBuses(ctx, &events.ListEventBusesInput{})
	if err != nil || len(l.EventBuses) != 2 || l.EventBuses[0].Name != "default" || l.EventBuses[1].Name != "orders" {
		t.Fatalf("ListEventBuses %+v %v", l, err)
	}
	if _, err := s.CreateApiDestination(ctx, &events.CreateApiDestinationInput{Name: "x"}); !bus.IsNotSimulated(err) || !strings.Contains(err.Error(), "API destinations") {
		t.Fatalf("CreateApiDestination: %v", err)
	}
}

// Every rule, bus and archive change is announced as a resource change (what AWS Config records).
func TestResourceChanges(t *testing.T) {
	s, b := newService(t)
	var got []string
	bus.Subscribe(b, bus.ResourceChanges(), func(_ context.Context, c bus.ResourceChange) {
		got = append(got, string(c.ChangeType)+" "+c.ResourceType+" "+c.ResourceName)
	})
	if _, err := s.CreateEventBus(ctx, &events.CreateEventBusInput{Name: "b1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutRule(ctx, &events.PutRuleInput{Name: "r", EventBusName: "b1", EventPattern: `{"source":["x"]}`}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateArchive(ctx, &events.CreateArchiveInput{ArchiveName: "a", EventSourceArn: "arn:aws:events:us-east-1:123456789012:event-bus/b1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteArchive(ctx, &events.DeleteArchiveInput{ArchiveName: "a"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteEventBus(ctx, &events.DeleteEventBusInput{Name: "b1"}); err != nil {
		t.Fatal(err)
	}
	want := "CREATE AWS::Events::EventBus b1|CREATE AWS::Events::Rule r|CREATE AWS::Events::Archive a|DELETE AWS::Events::Archive a|DELETE AWS::Events::Rule r|DELETE AWS::Events::EventBus b1"
	if strings.Join(got, "|") != want {
		t.Fatalf("changes\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
}
