package awsapi_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/smithy-go"
	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/awsapi"
	"github.com/watchsim/watchsim/awsapi/awsapitest"
)

func newSim(t *testing.T, opts ...watchsim.Option) *watchsim.Simulator {
	t.Helper()
	sim, err := watchsim.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	return sim
}

func TestCloudWatchCBORPutMetricDataAndStatistics(t *testing.T) {
	sim := newSim(t)
	cw := cloudwatch.NewFromConfig(awsapitest.Config(t, sim))
	ctx := context.Background()
	now := sim.Now()
	_, err := cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{
		Namespace: aws.String("MyApp"),
		MetricData: []types.MetricDatum{{
			MetricName: aws.String("Latency"), Value: aws.Float64(12.5), Unit: types.StandardUnitMilliseconds,
			Timestamp:  aws.Time(now.Add(-30 * time.Second)),
			Dimensions: []types.Dimension{{Name: aws.String("Service"), Value: aws.String("api")}},
		}},
	})
	if err != nil {
		t.Fatalf("PutMetricData: %v", err)
	}
	out, err := cw.GetMetricStatistics(ctx, &cloudwatch.GetMetricStatisticsInput{
		Namespace: aws.String("MyApp"), MetricName: aws.String("Latency"),
		Dimensions: []types.Dimension{{Name: aws.String("Service"), Value: aws.String("api")}},
		StartTime:  aws.Time(now.Add(-time.Hour)), EndTime: aws.Time(now.Add(time.Hour)),
		Period: aws.Int32(60), Statistics: []types.Statistic{types.StatisticSum, types.StatisticSampleCount},
	})
	if err != nil {
		t.Fatalf("GetMetricStatistics: %v", err)
	}
	if len(out.Datapoints) != 1 || aws.ToFloat64(out.Datapoints[0].Sum) != 12.5 || aws.ToFloat64(out.Datapoints[0].SampleCount) != 1 {
		t.Fatalf("datapoints = %+v", out.Datapoints)
	}
	if ts := aws.ToTime(out.Datapoints[0].Timestamp); !ts.Equal(now.Add(-60 * time.Second)) {
		t.Errorf("timestamp = %v, want %v", ts, now.Add(-60*time.Second))
	}
	lm, err := cw.ListMetrics(ctx, &cloudwatch.ListMetricsInput{Namespace: aws.String("MyApp")})
	if err != nil || len(lm.Metrics) != 1 || aws.ToString(lm.Metrics[0].MetricName) != "Latency" {
		t.Fatalf("ListMetrics = %+v, %v", lm, err)
	}
}

func TestCloudWatchCBORErrors(t *testing.T) {
	sim := newSim(t)
	cw := cloudwatch.NewFromConfig(awsapitest.Config(t, sim))
	ctx := context.Background()
	_, err := cw.GetDashboard(ctx, &cloudwatch.GetDashboardInput{DashboardName: aws.String("nope")})
	var dnf *types.DashboardNotFoundError
	if !errors.As(err, &dnf) || dnf.ErrorCode() != "ResourceNotFound" {
		t.Fatalf("GetDashboard of a missing dashboard: %T %v", err, err)
	}
	_, err = cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("AWS/EC2"),
		MetricData: []types.MetricDatum{{MetricName: aws.String("x"), Value: aws.Float64(1)}}})
	var ipv *types.InvalidParameterValueException
	if !errors.As(err, &ipv) || ipv.ErrorCode() != "InvalidParameterValue" {
		t.Fatalf("PutMetricData into AWS/: %T %v", err, err)
	}
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorMessage() == "" {
		t.Fatalf("no message: %v", err)
	}
}

// TestConfigCompressesAsLoadDefaultConfig: with awsapitest.Config the SDK gzips a PutMetricData
// body of 10 KiB or more and sends a small one as it is, as a client from config.LoadDefaultConfig
// does.
func TestConfigCompressesAsLoadDefaultConfig(t *testing.T) {
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
	cw := cloudwatch.NewFromConfig(cfg)
	ctx := context.Background()
	for _, n := range []int{1, 500} {
		data := make([]types.MetricDatum, n)
		for i := range data {
			data[i] = types.MetricDatum{MetricName: aws.String(fmt.Sprint("LatencyOfServiceNumber", i)), Value: aws.Float64(1)}
		}
		if _, err := cw.PutMetricData(ctx, &cloudwatch.PutMetricDataInput{Namespace: aws.String("App"), MetricData: data}); err != nil {
			t.Fatal(err)
		}
	}
	if len(rec.reqs) != 2 || rec.reqs[0].Get("Content-Encoding") == "gzip" || rec.reqs[1].Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding of a 1-datum and a 500-datum call: %q, %q", rec.reqs[0].Get("Content-Encoding"), rec.reqs[1].Get("Content-Encoding"))
	}
}
