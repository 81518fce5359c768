package trail

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
)

func TestTrailLifecycleDeliversFiles(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.logging(t, CreateTrailInput{Name: "main"})
	must(e.s.GetTrail(ctx, &GetTrailInput{Name: "main"}))
	if got := e.bucket.List(""); len(got) != 0 {
		t.Fatalf("files before the delivery period: %v", got)
	}
	if err := e.b.Advance(5 * time.Minute); err != nil {
		t.Fatal(err)
	}
	recs := e.logRecords(t)
	if got, want := names(recs), []string{"StartLogging", "GetTrail"}; !slices.Equal(got, want) {
		t.Fatalf("records %v, want %v (CreateTrail happened before logging)", got, want)
	}
	st := must(e.s.GetTrailStatus(ctx, &GetTrailStatusInput{Name: "main"}))
	if !st.IsLogging || st.LatestDeliveryTime == nil || !st.LatestDeliveryTime.Equal(e.b.Now()) {
		t.Fatalf("status %+v", st)
	}
	key := e.bucket.List("")[0].Key
	want := "AWSLogs/123456789012/CloudTrail/us-east-1/2026/01/01/123456789012_CloudTrail_us-east-1_20260101T0005Z_"
	if len(key) != len(want)+16+len(".json.gz") || key[:len(want)] != want {
		t.Fatalf("key %q", key)
	}
	must(e.s.StopLogging(ctx, &StopLoggingInput{Name: "main"}))
	recs = e.logRecords(t)
	if got := names(recs); !slices.Contains(got, "StopLogging") || len(e.bucket.List("")) != 2 {
		t.Fatalf("StopLogging not delivered at stop: %v", got)
	}
	n := len(recs)
	must(e.s.GetTrail(ctx, &GetTrailInput{Name: "main"}))
	if err := e.b.Advance(time.Hour); err != nil {
		t.Fatal(err)
	}
	if len(e.logRecords(t)) != n {
		t.Fatal("records delivered while logging was stopped")
	}
}

func TestCreateTrailErrors(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	f := false
	tr := true
	cases := []struct {
		in   CreateTrailInput
		code string
		msg  string
	}{
		{CreateTrailInput{Name: "ab", S3BucketName: "trail-bucket"}, ErrInvalidTrailName,
			"Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters."},
		{CreateTrailInput{Name: "-abc", S3BucketName: "trail-bucket"}, ErrInvalidTrailName, "Trail name must starts with a letter or number."},
		{CreateTrailInput{Name: "abc-", S3BucketName: "trail-bucket"}, ErrInvalidTrailName, "Trail name must ends with a letter or number."},
		{CreateTrailInput{Name: "a b c", S3BucketName: "trail-bucket"}, ErrInvalidTrailName,
			"Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_)."},
		{CreateTrailInput{Name: "my-_ns", S3BucketName: "trail-bucket"}, ErrInvalidTrailName, ""},
		{CreateTrailInput{Name: "10.0.0.1", S3BucketName: "trail-bucket"}, ErrInvalidTrailName, ""},
		{CreateTrailInput{Name: "abc", S3BucketName: "missing-bucket"}, ErrS3BucketDoesNotExist, "S3 bucket missing-bucket does not exist!"},
		{CreateTrailInput{Name: "abc", S3BucketName: "Bad_Bucket"}, ErrInvalidS3BucketName, ""},
		{CreateTrailInput{Name: "abc", S3BucketName: "trail-bucket", SnsTopicName: "nope"}, ErrInsufficientSnsTopicPolicy,
			"SNS Topic does not exist or the topic policy is incorrect!"},
		{CreateTrailInput{Name: "abc", S3BucketName: "trail-bucket", IsMultiRegionTrail: &tr, IncludeGlobalServiceEvents: &f},
			ErrInvalidParameterCombination, "Multi-Region trail must include global service events."},
		{CreateTrailInput{Name: "abc", S3BucketName: "trail-bucket", CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:x:*"},
			ErrInvalidParameterCombination, ""},
	}
	for _, c := range cases {
		_, err := e.s.CreateTrail(ctx, &c.in)
		if bus.ErrorCode(err) != c.code {
			t.Errorf("%+v: error %v, want %s", c.in, err, c.code)
			continue
		}
		if c.msg != "" {
			if e, ok := err.(*bus.Error); !ok || e.Message != c.msg {
				t.Errorf("%+v: message %q, want %q", c.in, err, c.msg)
			}
		}
	}
	_, err := e.s.CreateTrail(ctx, &CreateTrailInput{Name: "abc", S3BucketName: "trail-bucket", IsOrganizationTrail: &tr})
	if !bus.IsNotSimulated(err) {
		t.Errorf("organization trail: %v", err)
	}
}

func TestTrailQuotaAndNotFound(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	for _, n := range []string{"t1x", "t2x", "t3x", "t4x", "t5x"} {
		must(e.s.CreateTrail(ctx, &CreateTrailInput{Name: n, S3BucketName: "trail-bucket"}))
	}
	_, err := e.s.CreateTrail(ctx, &CreateTrailInput{Name: "t6x", S3BucketName: "trail-bucket"})
	if bus.ErrorCode(err) != ErrMaximumNumberOfTrailsExceeded {
		t.Fatalf("sixth trail: %v", err)
	}
	_, err = e.s.CreateTrail(ctx, &CreateTrailInput{Name: "t5x", S3BucketName: "trail-bucket"})
	if bus.ErrorCode(err) != ErrTrailAlreadyExists && bus.ErrorCode(err) != ErrMaximumNumberOfTrailsExceeded {
		t.Fatalf("duplicate: %v", err)
	}
	_, err = e.s.UpdateTrail(ctx, &UpdateTrailInput{Name: "myTrail2"})
	if err == nil || err.Error() == "" || bus.ErrorCode(err) != ErrTrailNotFound {
		t.Fatalf("update missing: %v", err)
	}
	if got := err.(*bus.Error).Message; got != "Unknown trail: myTrail2 for the user: 123456789012" {
		t.Fatalf("message %q", got)
	}
	out := must(e.s.DescribeTrails(ctx, &DescribeTrailsInput{}))
	if len(out.TrailList) != 5 || out.TrailList[0].HomeRegion != "us-east-1" || *out.TrailList[0].IncludeGlobalServiceEvents != true {
		t.Fatalf("describe %+v", out)
	}
	if out.TrailList[0].SnsTopicName != "" || out.TrailList[0].KmsKeyID != "" {
		t.Fatal("unset string fields present")
	}
	byARN := must(e.s.GetTrail(ctx, &GetTrailInput{Name: "arn:aws:cloudtrail:us-east-1:123456789012:trail/t1x"}))
	if byARN.Trail.Name != "t1x" {
		t.Fatal(byARN)
	}
	must(e.s.DeleteTrail(ctx, &DeleteTrailInput{Name: "t1x"}))
	lt := must(e.s.ListTrails(ctx, &ListTrailsInput{}))
	if len(lt.Trails) != 4 {
		t.Fatal(lt)
	}
}
