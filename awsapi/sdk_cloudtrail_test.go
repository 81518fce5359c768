package awsapi_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/watchsim/watchsim/awsapi/awsapitest"
	"github.com/watchsim/watchsim/bus"
)

// TestCloudTrailOverJSON11: a trail made and read with *cloudtrail.Client; a CloudWatch call made
// over CBOR is found by LookupEvents with the caller the SDK signed as, and the trail's status
// reports its delivery times as timestamps the SDK decodes.
func TestCloudTrailOverJSON11(t *testing.T) {
	sim := newSim(t)
	cfg := awsapitest.Config(t, sim)
	ct, cw := cloudtrail.NewFromConfig(cfg), cloudwatch.NewFromConfig(cfg)
	ctx := context.Background()
	if _, err := bus.NewS3Bucket(sim.Bus, "audit-logs"); err != nil {
		t.Fatal(err)
	}
	_, err := ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("audit"), S3BucketName: aws.String("missing-bucket")})
	var noBucket *cttypes.S3BucketDoesNotExistException
	if !errors.As(err, &noBucket) {
		t.Fatalf("CreateTrail on a missing bucket: %T %v", err, err)
	}
	out, err := ct.CreateTrail(ctx, &cloudtrail.CreateTrailInput{Name: aws.String("audit"), S3BucketName: aws.String("audit-logs"),
		EnableLogFileValidation: aws.Bool(true)})
	if err != nil || aws.ToString(out.TrailARN) != "arn:aws:cloudtrail:us-east-1:123456789012:trail/audit" || !aws.ToBool(out.LogFileValidationEnabled) {
		t.Fatalf("CreateTrail = %+v, %v", out, err)
	}
	if _, err := ct.StartLogging(ctx, &cloudtrail.StartLoggingInput{Name: aws.String("audit")}); err != nil {
		t.Fatal(err)
	}
	if _, err := cw.PutMetricAlarm(ctx, &cloudwatch.PutMetricAlarmInput{AlarmName: aws.String("High"), Namespace: aws.String("App"),
		MetricName: aws.String("Latency"), Statistic: cwtypes.StatisticAverage, Period: aws.Int32(60), EvaluationPeriods: aws.Int32(1),
		Threshold: aws.Float64(100), ComparisonOperator: cwtypes.ComparisonOperatorGreaterThanThreshold}); err != nil {
		t.Fatal(err)
	}
	if err := sim.Advance(10 * time.Minute); err != nil {
		t.Fatal(err)
	}
	look, err := ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{LookupAttributes: []cttypes.LookupAttribute{
		{AttributeKey: cttypes.LookupAttributeKeyEventName, AttributeValue: aws.String("PutMetricAlarm")}}})
	if err != nil || len(look.Events) != 1 {
		t.Fatalf("LookupEvents = %+v, %v", look, err)
	}
	e := look.Events[0]
	if aws.ToString(e.AccessKeyId) != awsapitest.AccessKeyID || !aws.ToTime(e.EventTime).Equal(sim.Now().Add(-10*time.Minute)) ||
		len(e.Resources) != 1 || aws.ToString(e.Resources[0].ResourceName) != "High" ||
		!strings.Contains(aws.ToString(e.CloudTrailEvent), `"eventSource":"monitoring.amazonaws.com"`) ||
		strings.Contains(aws.ToString(e.CloudTrailEvent), `"tlsDetails"`) != strings.HasPrefix(aws.ToString(cfg.BaseEndpoint), "https") {
		t.Fatalf("LookupEvents event = %+v", e)
	}
	st, err := ct.GetTrailStatus(ctx, &cloudtrail.GetTrailStatusInput{Name: aws.String("audit")})
	if err != nil || !aws.ToBool(st.IsLogging) || st.LatestDeliveryTime == nil || st.StartLoggingTime == nil ||
		!st.LatestDeliveryTime.After(*st.StartLoggingTime) {
		t.Fatalf("GetTrailStatus = %+v, %v", st, err)
	}
	_, err = ct.GetTrail(ctx, &cloudtrail.GetTrailInput{Name: aws.String("nope")})
	var notFound *cttypes.TrailNotFoundException
	if !errors.As(err, &notFound) {
		t.Fatalf("GetTrail of a missing trail: %T %v", err, err)
	}
}
