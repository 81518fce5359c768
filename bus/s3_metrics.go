package bus

import (
	"strings"
	"sync"
	"time"
)

// The AWS/S3 metrics of a fake [S3Bucket], as the Amazon S3 User Guide lists them
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html).
//
// Daily storage metrics, reported once a day for every bucket that holds objects, stamped with the
// start of the (UTC) day they describe and published when it ends:
//   - BucketSizeBytes (Bytes), dimensions BucketName and StorageType=StandardStorage (the fake
//     stores every object in the STANDARD class);
//   - NumberOfObjects (Count), dimensions BucketName and StorageType=AllStorageTypes.
//
// Request metrics, one-minute granularity, only for a bucket with a metrics configuration
// ([S3Bucket.PutMetricsConfiguration]), dimensions BucketName and FilterId (the configuration's
// id); a configuration with a prefix filter counts only requests for keys with that prefix:
//   - AllRequests, GetRequests, PutRequests, DeleteRequests, ListRequests (Count): 1 per request;
//   - BytesDownloaded, BytesUploaded (Bytes): the body bytes of each Get and Put;
//   - 4xxErrors (Count): per request, 1 if it failed with a client error, else 0 (Sum counts them,
//     Average is the rate).

// S3Namespace is the CloudWatch namespace of the S3 metrics.
const S3Namespace = "AWS/S3"

type s3Request int

const (
	s3Get s3Request = iota
	s3Put
	s3Delete
	s3List
	s3Requests // the number of request kinds
)

// metric is the request metric of the kind.
func (k s3Request) metric() string {
	switch k {
	case s3Get:
		return "GetRequests"
	case s3Put:
		return "PutRequests"
	case s3Delete:
		return "DeleteRequests"
	}
	return "ListRequests"
}

type s3Metrics struct {
	sampler *Sampler

	mu      sync.Mutex
	configs []*s3MetricsConfig
}

type s3MetricsConfig struct {
	id, prefix            string
	all, errors, down, up *ServiceMetric
	byType                [s3Requests]*ServiceMetric
}

func (m *s3Metrics) init(s *S3Bucket) {
	m.sampler = &Sampler{m: s.b.metering(), namespace: S3Namespace, period: Daily, fn: s.sampleStorage}
}

// changed wakes the daily storage sampler after the bucket's contents changed.
func (m *s3Metrics) changed() {
	if m.sampler.m.on() {
		m.sampler.wakeAt(m.sampler.m.b.Now())
	}
}

// request accounts for one request on key to every metrics configuration whose filter matches it.
func (m *s3Metrics) request(s *S3Bucket, kind s3Request, key string, n int, clientError bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.configs) == 0 || !m.sampler.m.on() {
		return
	}
	now := s.b.Now()
	failed := 0.0
	if clientError {
		failed = 1
	}
	for _, c := range m.configs {
		if c.prefix != "" && (kind == s3List || !strings.HasPrefix(key, c.prefix)) {
			continue
		}
		c.all.observeAt(now, 1)
		c.byType[kind].observeAt(now, 1)
		c.errors.observeAt(now, failed)
		switch {
		case kind == s3Get && !clientError:
			c.down.observeAt(now, float64(n))
		case kind == s3Put && !clientError:
			c.up.observeAt(now, float64(n))
		}
	}
}

// PutMetricsConfiguration creates or replaces the request-metrics configuration id of the bucket
// (PutBucketMetricsConfiguration): from then on the bucket reports request metrics with
// FilterId=id, for the requests on keys starting with prefix ("" for the entire bucket). The id
// has 1 to 64 letters, digits, periods, dashes and underscores; a bucket has at most 1,000
// configurations.
func (s *S3Bucket) PutMetricsConfiguration(id, prefix string) error {
	if id == "" || len(id) > 64 || strings.Trim(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") != "" {
		// The API reference lists no code for a bad Id. 400 InvalidConfigurationId is what S3 answers
		// for an empty configuration id (as S3-compatibility test suites checked against AWS record,
		// for the inventory configuration); the message text is watchsim's.
		return ClientError("InvalidConfigurationId", "The specified configuration id is not valid.").WithStatus(400)
	}
	dims := []Dimension{{Name: "BucketName", Value: s.name}, {Name: "FilterId", Value: id}}
	c := &s3MetricsConfig{id: id, prefix: prefix,
		all:    mustServiceMetric(s.b, S3Namespace, "AllRequests", "Count", dims...),
		errors: mustServiceMetric(s.b, S3Namespace, "4xxErrors", "Count", dims...),
		down:   mustServiceMetric(s.b, S3Namespace, "BytesDownloaded", "Bytes", dims...),
		up:     mustServiceMetric(s.b, S3Namespace, "BytesUploaded", "Bytes", dims...),
	}
	for k := range s3Requests {
		c.byType[k] = mustServiceMetric(s.b, S3Namespace, k.metric(), "Count", dims...)
	}
	m := &s.met
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, old := range m.configs {
		if old.id == id {
			m.configs[i] = c
			return nil
		}
	}
	if len(m.configs) == 1000 {
		return ClientError("TooManyConfigurations", "You are attempting to create a new configuration but have already reached the 1,000-configuration limit.").WithStatus(400)
	}
	m.configs = append(m.configs, c)
	return nil
}

// DeleteMetricsConfiguration removes the request-metrics configuration id
// (DeleteBucketMetricsConfiguration).
func (s *S3Bucket) DeleteMetricsConfiguration(id string) error {
	m := &s.met
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, c := range m.configs {
		if c.id == id {
			m.configs = append(m.configs[:i], m.configs[i+1:]...)
			return nil
		}
	}
	return ClientError("NoSuchConfiguration", "The specified configuration does not exist.").WithStatus(404)
}

// sampleStorage is the bucket's daily SampleFunc.
func (s *S3Bucket) sampleStorage(start time.Time) ([]MetricDatum, bool) {
	s.mu.Lock()
	n, size := len(s.objects), s.bytes
	s.mu.Unlock()
	if n == 0 {
		return nil, false
	}
	bytes, count := float64(size), float64(n)
	return []MetricDatum{
		{MetricName: "BucketSizeBytes", Timestamp: start, Value: &bytes, Unit: "Bytes",
			Dimensions: []Dimension{{Name: "BucketName", Value: s.name}, {Name: "StorageType", Value: "StandardStorage"}}},
		{MetricName: "NumberOfObjects", Timestamp: start, Value: &count, Unit: "Count",
			Dimensions: []Dimension{{Name: "BucketName", Value: s.name}, {Name: "StorageType", Value: "AllStorageTypes"}}},
	}, true
}
