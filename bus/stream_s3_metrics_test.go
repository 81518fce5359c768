package bus

import (
	"context"
	"testing"
	"time"
)

// exerciseStreams puts records to a Kinesis and a Firehose stream and makes requests to a bucket
// with an entire-bucket and a prefix metrics configuration.
func exerciseStreams(t *testing.T, b *Bus) {
	t.Helper()
	ctx := context.Background()
	k, err := NewKinesisStream(b, "clicks")
	must(t, err)
	f, err := NewFirehoseStream(b, "archive")
	must(t, err)
	for _, body := range []string{"a", "bcd"} {
		must(t, b.Deliver(ctx, k.ARN(), Payload{Body: []byte(body)}))
		must(t, b.Deliver(ctx, f.ARN(), Payload{Body: []byte(body)}))
	}
	bk, err := NewS3Bucket(b, "media")
	must(t, err)
	must(t, bk.PutMetricsConfiguration("EntireBucket", ""))
	must(t, bk.PutMetricsConfiguration("images", "img/"))
	must(t, bk.Put("img/cat.png", []byte("12345678"), nil))
	must(t, bk.Put("doc/a.txt", []byte("xy"), nil))
	if _, err := bk.Get("img/cat.png"); err != nil {
		t.Fatal(err)
	}
	if _, err := bk.Get("img/none.png"); ErrorCode(err) != "NoSuchKey" {
		t.Fatalf("Get of a missing key: %v", err)
	}
	bk.List("")
	bk.Put("tmp", []byte("x"), nil)
	bk.Delete("tmp")
}

func TestStreamAndS3MetricValues(t *testing.T) {
	b := MustNew()
	got := collect(b)
	exerciseStreams(t, b)
	must(t, b.Advance(24*time.Hour))
	sum := func(ns, name, filter string) float64 {
		s := 0.0
		for _, c := range *got {
			if c.ns != ns || c.d.MetricName != name {
				continue
			}
			if filter != "" && c.d.Dimensions[1].Value != filter {
				continue
			}
			s += valueOf(c.d)
		}
		return s
	}
	for _, c := range []struct {
		ns, name, filter string
		want             float64
	}{
		{KinesisNamespace, "IncomingRecords", "", 2},
		{KinesisNamespace, "IncomingBytes", "", 4},
		{KinesisNamespace, "PutRecord.Success", "", 2},
		{FirehoseNamespace, "IncomingPutRequests", "", 2},
		{FirehoseNamespace, "IncomingBytes", "", 4},
		{S3Namespace, "AllRequests", "EntireBucket", 7},
		{S3Namespace, "AllRequests", "images", 3},
		{S3Namespace, "GetRequests", "images", 2},
		{S3Namespace, "4xxErrors", "images", 1},
		{S3Namespace, "BytesDownloaded", "EntireBucket", 8},
		{S3Namespace, "BytesUploaded", "EntireBucket", 11},
		{S3Namespace, "ListRequests", "images", 0},
		{S3Namespace, "BucketSizeBytes", "", 10},
		{S3Namespace, "NumberOfObjects", "", 2},
	} {
		if s := sum(c.ns, c.name, c.filter); s != c.want {
			t.Errorf("%s %s %s: sum %v, want %v", c.ns, c.name, c.filter, s, c.want)
		}
	}
}

// TestS3StorageDaily: the storage metrics come once a day, for each day the bucket holds objects,
// stamped with the day's start; an emptied bucket stops reporting.
func TestS3StorageDaily(t *testing.T) {
	b := MustNew()
	got := collect(b)
	bk, err := NewS3Bucket(b, "logs")
	must(t, err)
	must(t, b.Advance(5*time.Hour))
	must(t, bk.Put("a", make([]byte, 100), nil))
	must(t, b.Advance(3*24*time.Hour))
	bk.Delete("a")
	must(t, b.Advance(10*24*time.Hour))
	var days []string
	for _, c := range *got {
		if c.d.MetricName == "BucketSizeBytes" {
			days = append(days, c.d.Timestamp.Format("01-02")+"="+time.Duration(*c.d.Value).String())
		}
	}
	want := []string{"01-01=100ns", "01-02=100ns", "01-03=100ns"}
	if len(days) != len(want) || days[0] != want[0] || days[2] != want[2] {
		t.Fatalf("daily BucketSizeBytes %v, want %v", days, want)
	}
	if bk.met.sampler.Awake() {
		t.Error("the sampler of an empty bucket is still awake")
	}
	if err := bk.PutMetricsConfiguration("bad id!", ""); ErrorCode(err) != "InvalidConfigurationId" {
		t.Errorf("bad configuration id: %v", err)
	}
	if err := bk.DeleteMetricsConfiguration("none"); ErrorCode(err) != "NoSuchConfiguration" {
		t.Errorf("deleting a missing configuration: %v", err)
	}
}
