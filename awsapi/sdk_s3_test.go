package awsapi_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/watchsim/watchsim/awsapi/awsapitest"
	"github.com/watchsim/watchsim/bus"
)

func TestS3OverRESTXML(t *testing.T) {
	sim := newSim(t)
	cl := s3.NewFromConfig(awsapitest.Config(t, sim), func(o *s3.Options) { o.UsePathStyle = true })
	ctx := context.Background()
	if _, err := cl.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("trail-logs")}); err != nil {
		t.Fatalf("CreateBucket: %v", err)
	}
	lb, err := cl.ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil || len(lb.Buckets) != 1 || aws.ToString(lb.Buckets[0].Name) != "trail-logs" {
		t.Fatalf("ListBuckets = %+v, %v", lb, err)
	}
	for i := 0; i < 5; i++ {
		if _, err := cl.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("trail-logs"), Key: aws.String(fmt.Sprintf("AWSLogs/2026/%02d.json.gz", i)),
			Body: bytes.NewReader([]byte(fmt.Sprintf("object %d", i))), Metadata: map[string]string{"signature": fmt.Sprint(i)}}); err != nil {
			t.Fatalf("PutObject: %v", err)
		}
	}
	// a simulated service writes to a bucket through the bus; the client reads it over the wire
	s, _ := sim.Bus.SinkFor(sim.Bus.ARN("s3", "trail-logs"))
	if err := s.(*bus.S3Bucket).Put("other/x", []byte("x"), nil); err != nil {
		t.Fatal(err)
	}
	var keys []string
	var tok *string
	for pages := 0; ; pages++ {
		out, err := cl.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("trail-logs"), Prefix: aws.String("AWSLogs/"),
			MaxKeys: aws.Int32(2), ContinuationToken: tok})
		if err != nil {
			t.Fatalf("ListObjectsV2: %v", err)
		}
		for _, o := range out.Contents {
			keys = append(keys, aws.ToString(o.Key))
		}
		if !aws.ToBool(out.IsTruncated) {
			if pages != 2 {
				t.Errorf("%d pages", pages+1)
			}
			break
		}
		tok = out.NextContinuationToken
	}
	if len(keys) != 5 || keys[0] != "AWSLogs/2026/00.json.gz" || keys[4] != "AWSLogs/2026/04.json.gz" {
		t.Fatalf("keys = %v", keys)
	}
	v1, err := cl.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String("trail-logs"), Delimiter: aws.String("/")})
	if err != nil || len(v1.CommonPrefixes) != 2 || aws.ToString(v1.CommonPrefixes[0].Prefix) != "AWSLogs/" || len(v1.Contents) != 0 {
		t.Fatalf("ListObjects with a delimiter = %+v, %v", v1, err)
	}
	got, err := cl.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("trail-logs"), Key: aws.String("AWSLogs/2026/03.json.gz")})
	if err != nil {
		t.Fatalf("GetObject: %v", err)
	}
	body, _ := io.ReadAll(got.Body)
	if string(body) != "object 3" || got.Metadata["signature"] != "3" {
		t.Fatalf("GetObject = %q %v", body, got.Metadata)
	}
	head, err := cl.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("trail-logs"), Key: aws.String("AWSLogs/2026/01.json.gz")})
	if err != nil || head.Metadata["signature"] != "1" || aws.ToInt64(head.ContentLength) != 8 || aws.ToString(head.ETag) == "" {
		t.Fatalf("HeadObject = %+v, %v", head, err)
	}
	if _, err := cl.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("trail-logs"), Key: aws.String("AWSLogs/2026/01.json.gz")}); err != nil {
		t.Fatalf("DeleteObject: %v", err)
	}
	_, err = cl.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("trail-logs"), Key: aws.String("AWSLogs/2026/01.json.gz")})
	var nsk *s3types.NoSuchKey
	if !errors.As(err, &nsk) {
		t.Fatalf("GetObject of a deleted key: %T %v", err, err)
	}
	_, err = cl.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("trail-logs"), Key: aws.String("nope")})
	var nf *s3types.NotFound
	if !errors.As(err, &nf) {
		t.Fatalf("HeadObject of a missing key: %T %v", err, err)
	}
	_, err = cl.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("nope")})
	var nsb *s3types.NoSuchBucket
	if !errors.As(err, &nsb) {
		t.Fatalf("ListObjectsV2 of a missing bucket: %T %v", err, err)
	}
	_, err = cl.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("trail-logs")})
	var owned *s3types.BucketAlreadyOwnedByYou
	if !errors.As(err, &owned) {
		t.Fatalf("CreateBucket twice: %T %v", err, err)
	}
}
