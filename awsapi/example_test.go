package awsapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/awsapi"
	"github.com/watchsim/watchsim/awsapi/awsapitest"
	"github.com/watchsim/watchsim/bus"
)

// The README's short example, with the code under test holding a *cloudwatch.Client: datapoints sent
// over rpcv2 CBOR (gzip), an M-of-N alarm evaluated on simulation time, its SNS notification read
// from SQS with *sqs.Client.
func Example() {
	sim, _ := watchsim.New()
	defer sim.Close()
	h, _ := awsapi.New(sim)
	srv := httptest.NewServer(h)
	defer srv.Close()
	cfg := aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "secret"}, nil
		})}
	cw, sq := cloudwatch.NewFromConfig(cfg), sqs.NewFromConfig(cfg)
	ctx := context.Background()

	pager, _ := bus.NewSQSQueue(sim.Bus, "pager") // fakes addressable by ARN
	ops, _ := bus.NewSNSTopic(sim.Bus, "ops")
	_, _ = ops.Subscribe(pager.ARN(), false)

	_, err := cw.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{
		AlarmName: aws.String("HighLatency"), Namespace: aws.String("MyApp"), MetricName: aws.String("Latency"),
		Statistic: types.StatisticAverage, Period: aws.Int32(60), EvaluationPeriods: aws.Int32(3),
		DatapointsToAlarm: aws.Int32(2), Threshold: aws.Float64(100),
		ComparisonOperator: types.ComparisonOperatorGreaterThanThreshold, AlarmActions: []string{ops.ARN()},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range []float64{50, 50, 250, 250, 250} { // one datapoint a minute
		_, err := cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("MyApp"),
			MetricData: []types.MetricDatum{{MetricName: aws.String("Latency"), Value: aws.Float64(v)}}})
		if err != nil {
			fmt.Println(err)
			return
		}
		_ = sim.Advance(time.Minute) // evaluations run now, in order
	}
	msgs, _ := sq.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(pager.URL()), MaxNumberOfMessages: 10})
	for _, m := range msgs.Messages {
		var envelope struct{ Message string }
		var alarm struct{ AlarmName, NewStateValue, StateChangeTime string }
		_ = json.Unmarshal([]byte(aws.ToString(m.Body)), &envelope)
		_ = json.Unmarshal([]byte(envelope.Message), &alarm)
		fmt.Println(alarm.AlarmName, alarm.NewStateValue, alarm.StateChangeTime)
	}
	// Output:
	// HighLatency ALARM 2026-01-01T00:04:00.000+0000
}

// ExampleHandler_Services lists what a Handler serves: every service of the Simulator in the table.
func ExampleHandler_Services() {
	sim, _ := watchsim.New()
	defer sim.Close()
	h, _ := awsapi.New(sim)
	for _, s := range h.Services()[:2] {
		name, _, _ := strings.Cut(s, " (") // "CloudWatch (22 operations)"
		fmt.Println(name, len(h.Operations(name)) > 0)
	}
	// Output:
	// CloudWatch true
	// CloudWatch Logs true
}

// TestConfigHelper shows the one call a test needs: awsapitest.Config.
func TestConfigHelper(t *testing.T) {
	sim := newSim(t)
	cw := cloudwatch.NewFromConfig(awsapitest.Config(t, sim))
	out, err := cw.ListMetrics(context.Background(), &cloudwatch.ListMetricsInput{})
	if err != nil || len(out.Metrics) != 0 {
		t.Fatalf("ListMetrics = %+v, %v", out, err)
	}
}
