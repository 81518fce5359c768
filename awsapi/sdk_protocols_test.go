package awsapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"
	"github.com/watchsim/watchsim/awsapi"
	"github.com/watchsim/watchsim/awsapi/awsapitest"
)

// recorder wraps a handler and remembers the headers of every request.
type recorder struct {
	h    http.Handler
	mu   sync.Mutex
	reqs []http.Header
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.reqs = append(r.reqs, req.Header.Clone())
	r.mu.Unlock()
	r.h.ServeHTTP(w, req)
}

// cloudWatchProtocols are the three protocols a CloudWatch client may speak: what aws-sdk-go-v2 sends
// today (rpcv2 CBOR), what botocore sends (AWS JSON 1.0, query mode) and what older SDKs send (query).
var cloudWatchProtocols = []struct {
	name        string
	set         func(o *cloudwatch.Options)
	contentType string
}{
	{"rpcv2Cbor", func(*cloudwatch.Options) {}, "application/cbor"},
	{"awsJson1_0", func(o *cloudwatch.Options) { o.Protocol = awsjson.New10(schemas.GraniteServiceVersion20100801) }, "application/x-amz-json-1.0"},
	{"awsQuery", func(o *cloudwatch.Options) { o.Protocol = awsquery.New(schemas.GraniteServiceVersion20100801) }, "application/x-www-form-urlencoded"},
}

// TestAlarmPagesSQSOverEveryProtocol: datapoints sent over the wire (gzip) drive an alarm created over
// the wire, which fires after an advance and pages an SQS queue read with *sqs.Client.
func TestAlarmPagesSQSOverEveryProtocol(t *testing.T) {
	for _, p := range cloudWatchProtocols {
		t.Run(p.name, func(t *testing.T) {
			sim := newSim(t)
			h, err := awsapi.New(sim)
			if err != nil {
				t.Fatal(err)
			}
			rec := &recorder{h: h}
			srv := httptest.NewServer(rec)
			t.Cleanup(srv.Close)
			cfg := awsapitest.Config(t, sim)
			cfg.BaseEndpoint = aws.String(srv.URL)
			cfg.RequestMinCompressSizeBytes = 0 // gzip every PutMetricData, as a client built from a literal does
			cw := cloudwatch.NewFromConfig(cfg, p.set)
			sq := sqs.NewFromConfig(cfg)
			sn := sns.NewFromConfig(cfg)
			ctx := context.Background()

			q, err := sq.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("pager")})
			if err != nil {
				t.Fatalf("CreateQueue: %v", err)
			}
			queueARN := sim.Bus.ARN("sqs", "pager")
			topic, err := sn.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("ops")})
			if err != nil {
				t.Fatalf("CreateTopic: %v", err)
			}
			if _, err := sn.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("sqs"),
				Endpoint: aws.String(queueARN), Attributes: map[string]string{"RawMessageDelivery": "true"}}); err != nil {
				t.Fatalf("Subscribe: %v", err)
			}
			topics, err := sn.ListTopics(ctx, &sns.ListTopicsInput{})
			if err != nil || len(topics.Topics) != 1 || aws.ToString(topics.Topics[0].TopicArn) != aws.ToString(topic.TopicArn) {
				t.Fatalf("ListTopics = %+v, %v", topics, err)
			}
			_, err = cw.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{
				AlarmName: aws.String("HighLatency"), Namespace: aws.String("MyApp"), MetricName: aws.String("Latency"),
				Statistic: types.StatisticAverage, Period: aws.Int32(60), EvaluationPeriods: aws.Int32(1),
				Threshold: aws.Float64(100), ComparisonOperator: types.ComparisonOperatorGreaterThanThreshold,
				AlarmActions: []string{aws.ToString(topic.TopicArn)},
			})
			if err != nil {
				t.Fatalf("PutMetricAlarm: %v", err)
			}
			data := make([]types.MetricDatum, 20)
			for i := range data {
				data[i] = types.MetricDatum{MetricName: aws.String("Latency"), Value: aws.Float64(250),
					Timestamp: aws.Time(sim.Now().Add(time.Duration(i) * time.Second))}
			}
			if _, err := cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("MyApp"), MetricData: data}); err != nil {
				t.Fatalf("PutMetricData: %v", err)
			}
			if err := sim.Advance(3 * time.Minute); err != nil {
				t.Fatal(err)
			}
			da, err := cw.DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{"HighLatency"}})
			if err != nil {
				t.Fatalf("DescribeAlarms: %v", err)
			}
			if len(da.MetricAlarms) != 1 || da.MetricAlarms[0].StateValue != types.StateValueAlarm {
				t.Fatalf("alarms = %+v", da.MetricAlarms)
			}
			a := da.MetricAlarms[0]
			if aws.ToFloat64(a.Threshold) != 100 || aws.ToInt32(a.Period) != 60 || aws.ToTime(a.StateUpdatedTimestamp).IsZero() ||
				len(a.AlarmActions) != 1 || a.AlarmActions[0] != aws.ToString(topic.TopicArn) {
				t.Errorf("alarm read back = %+v", a)
			}
			msgs, err := sq.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: q.QueueUrl, MaxNumberOfMessages: 10})
			if err != nil {
				t.Fatalf("ReceiveMessage: %v", err)
			}
			if len(msgs.Messages) != 1 {
				t.Fatalf("messages = %+v", msgs.Messages)
			}
			var note struct{ AlarmName, NewStateValue string }
			if err := json.Unmarshal([]byte(aws.ToString(msgs.Messages[0].Body)), &note); err != nil ||
				note.AlarmName != "HighLatency" || note.NewStateValue != "ALARM" {
				t.Fatalf("notification = %s (%v)", aws.ToString(msgs.Messages[0].Body), err)
			}
			if _, err := sq.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: q.QueueUrl, ReceiptHandle: msgs.Messages[0].ReceiptHandle}); err != nil {
				t.Fatalf("DeleteMessage: %v", err)
			}

			// error paths, with the modeled types and the query codes
			_, err = cw.GetDashboard(ctx, &cloudwatch.GetDashboardInput{DashboardName: aws.String("nope")})
			// Over query, the error names only its code, which DashboardNotFoundError and ResourceNotFound
			// share; the SDK picks one of the two.
			var dnf *types.DashboardNotFoundError
			var api smithy.APIError
			if p.name == "awsQuery" {
				if !errors.As(err, &api) || api.ErrorCode() != "ResourceNotFound" {
					t.Errorf("GetDashboard: %T %v", err, err)
				}
			} else if !errors.As(err, &dnf) || dnf.ErrorCode() != "ResourceNotFound" {
				t.Errorf("GetDashboard: %T %v", err, err)
			}
			_, err = cw.SetAlarmState(ctx, &cloudwatch.SetAlarmStateInput{AlarmName: aws.String("nope"),
				StateValue: types.StateValueOk, StateReason: aws.String("x")})
			var rnf *types.ResourceNotFound
			if !errors.As(err, &rnf) || rnf.ErrorCode() != "ResourceNotFound" {
				t.Errorf("SetAlarmState: %T %v", err, err)
			}
			_, err = cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("MyApp"),
				MetricData: []types.MetricDatum{{MetricName: aws.String("x"), Value: aws.Float64(1), Values: []float64{1}}}})
			var ipc *types.InvalidParameterCombinationException
			// (the SDK's query deserializer sets no code override: ErrorCode is the shape name there)
			if !errors.As(err, &ipc) || (ipc.ErrorCode() != "InvalidParameterCombination") != (p.name == "awsQuery") {
				t.Errorf("PutMetricData with Value and Values: %T %v", err, err)
			}

			var sawGzip, sawType bool
			for _, hd := range rec.reqs {
				if hd.Get("Content-Encoding") == "gzip" {
					sawGzip = true
				}
				if strings.HasPrefix(hd.Get("Content-Type"), p.contentType) {
					sawType = true
				}
			}
			if !sawGzip || !sawType {
				t.Errorf("gzip seen %v, %s seen %v", sawGzip, p.contentType, sawType)
			}
		})
	}
}
