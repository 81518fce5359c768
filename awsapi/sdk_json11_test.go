package awsapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	logtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/watchsim/watchsim/awsapi"
	"github.com/watchsim/watchsim/awsapi/awsapitest"
	"github.com/watchsim/watchsim/bus"
)

func TestLogsOverJSON11(t *testing.T) {
	sim := newSim(t)
	cl := cloudwatchlogs.NewFromConfig(awsapitest.Config(t, sim))
	ctx := context.Background()
	if _, err := cl.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("/app/api")}); err != nil {
		t.Fatal(err)
	}
	_, err := cl.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("/app/api")})
	var exists *logtypes.ResourceAlreadyExistsException
	if !errors.As(err, &exists) {
		t.Fatalf("second CreateLogGroup: %T %v", err, err)
	}
	if _, err := cl.CreateLogStream(ctx, &cloudwatchlogs.CreateLogStreamInput{LogGroupName: aws.String("/app/api"), LogStreamName: aws.String("i-123")}); err != nil {
		t.Fatal(err)
	}
	ms := sim.Now().UnixMilli()
	_, err = cl.PutLogEvents(ctx, &cloudwatchlogs.PutLogEventsInput{LogGroupName: aws.String("/app/api"), LogStreamName: aws.String("i-123"),
		LogEvents: []logtypes.InputLogEvent{
			{Message: aws.String("ERROR something broke"), Timestamp: aws.Int64(ms)},
			{Message: aws.String(`{"level":"info"}`), Timestamp: aws.Int64(ms + 1000)},
		}})
	if err != nil {
		t.Fatalf("PutLogEvents: %v", err)
	}
	ge, err := cl.GetLogEvents(ctx, &cloudwatchlogs.GetLogEventsInput{LogGroupName: aws.String("/app/api"), LogStreamName: aws.String("i-123"),
		StartFromHead: aws.Bool(true)})
	if err != nil || len(ge.Events) != 2 || aws.ToString(ge.Events[1].Message) != `{"level":"info"}` || aws.ToInt64(ge.Events[0].Timestamp) != ms {
		t.Fatalf("GetLogEvents = %+v, %v", ge, err)
	}
	fe, err := cl.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: aws.String("/app/api"), FilterPattern: aws.String("ERROR")})
	if err != nil || len(fe.Events) != 1 || aws.ToString(fe.Events[0].LogStreamName) != "i-123" {
		t.Fatalf("FilterLogEvents = %+v, %v", fe, err)
	}
	dg, err := cl.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{})
	if err != nil || len(dg.LogGroups) != 1 || aws.ToInt64(dg.LogGroups[0].CreationTime) != sim.Now().UnixMilli() {
		t.Fatalf("DescribeLogGroups = %+v, %v", dg, err)
	}
	_, err = cl.GetLogEvents(ctx, &cloudwatchlogs.GetLogEventsInput{LogGroupName: aws.String("/nope"), LogStreamName: aws.String("x")})
	var rnf *logtypes.ResourceNotFoundException
	if !errors.As(err, &rnf) || rnf.ErrorCode() != "ResourceNotFoundException" {
		t.Fatalf("GetLogEvents of a missing group: %T %v", err, err)
	}
}

// TestEventBridgeOverJSON11 sends an event with PutEvents to a rule whose target is an SQS queue
// read over the wire; skipped until the EventBridge service is on the Simulator.
func TestEventBridgeOverJSON11(t *testing.T) {
	sim := newSim(t)
	h, err := awsapi.New(sim)
	if err != nil {
		t.Fatal(err)
	}
	if h.Operations("EventBridge") == nil {
		t.Skip("the Simulator has no EventBridge service yet")
	}
	cfg := awsapitest.Config(t, sim)
	eb, sq := eventbridge.NewFromConfig(cfg), sqs.NewFromConfig(cfg)
	ctx := context.Background()
	q, err := sq.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("orders")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eb.PutRule(ctx, &eventbridge.PutRuleInput{Name: aws.String("placed"),
		EventPattern: aws.String(`{"source":["my.app"],"detail-type":["OrderPlaced"]}`)}); err != nil {
		t.Fatalf("PutRule: %v", err)
	}
	if _, err := eb.PutTargets(ctx, &eventbridge.PutTargetsInput{Rule: aws.String("placed"),
		Targets: []ebtypes.Target{{Id: aws.String("q"), Arn: aws.String(sim.Bus.ARN("sqs", "orders"))}}}); err != nil {
		t.Fatalf("PutTargets: %v", err)
	}
	when := sim.Now().Add(-1500 * time.Millisecond)
	out, err := eb.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{
		{Source: aws.String("my.app"), DetailType: aws.String("OrderPlaced"), Detail: aws.String(`{"orderId":"42"}`), Time: aws.Time(when)},
		{Source: aws.String("my.app"), DetailType: aws.String("OrderPlaced")}, // no Detail: a failed entry, not an error
	}})
	if err != nil || out.FailedEntryCount != 1 || aws.ToString(out.Entries[0].EventId) == "" || aws.ToString(out.Entries[1].ErrorCode) == "" {
		t.Fatalf("PutEvents = %+v, %v", out, err)
	}
	if err := sim.Advance(time.Minute); err != nil {
		t.Fatal(err)
	}
	msgs, err := sq.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: q.QueueUrl, MaxNumberOfMessages: 10})
	if err != nil || len(msgs.Messages) != 1 {
		t.Fatalf("ReceiveMessage = %+v, %v", msgs, err)
	}
	var ev struct {
		Time   time.Time
		Detail map[string]string
	}
	if err := json.Unmarshal([]byte(aws.ToString(msgs.Messages[0].Body)), &ev); err != nil || ev.Detail["orderId"] != "42" ||
		!ev.Time.Equal(when.Truncate(time.Second)) {
		t.Fatalf("event = %s (%v)", aws.ToString(msgs.Messages[0].Body), err)
	}
	_, err = eb.DescribeRule(ctx, &eventbridge.DescribeRuleInput{Name: aws.String("nope")})
	var rnf *ebtypes.ResourceNotFoundException
	if !errors.As(err, &rnf) {
		t.Fatalf("DescribeRule of a missing rule: %T %v", err, err)
	}
}

// TestIdentityReachesTheDispatcher: the access key (a configured user), the user agent and the
// source IP of a request are the identity of its API-call record, which CloudTrail reports.
func TestIdentityReachesTheDispatcher(t *testing.T) {
	sim := newSim(t)
	var mu sync.Mutex
	var calls []bus.APICall
	bus.Subscribe(sim.Bus, bus.APICalls(), func(_ context.Context, c bus.APICall) {
		mu.Lock()
		calls = append(calls, c)
		mu.Unlock()
	})
	cfg := awsapitest.Config(t, sim, awsapi.WithUser(awsapitest.AccessKeyID, awsapitest.SecretAccessKey, "alice"))
	cw := cloudwatch.NewFromConfig(cfg)
	if _, err := cw.ListMetrics(context.Background(), &cloudwatch.ListMetricsInput{}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(calls) != 1 {
		t.Fatalf("%d API-call records", len(calls))
	}
	id := calls[0].Identity
	if id.Type != "IAMUser" || id.UserName != "alice" || id.AccessKeyID != awsapitest.AccessKeyID ||
		id.ARN != "arn:aws:iam::123456789012:user/alice" || !strings.HasPrefix(id.PrincipalID, "AIDA") ||
		id.SourceIP != "127.0.0.1" || !strings.Contains(id.UserAgent, "aws-sdk-go-v2/") {
		t.Fatalf("identity = %+v", id)
	}
	if calls[0].EventName != "ListMetrics" || calls[0].EventSource != "monitoring.amazonaws.com" {
		t.Fatalf("record = %+v", calls[0])
	}
}
