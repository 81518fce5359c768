package bus

import "time"

// The metrics of a fake [Stream], for the one operation the fake models — a record put to the
// stream (each delivery to its ARN is one PutRecord):
//
// AWS/Kinesis, dimension StreamName, the basic stream-level metrics of the Amazon Kinesis Data
// Streams Developer Guide (https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html):
//   - IncomingRecords (Count) and IncomingBytes (Bytes): the records and bytes put;
//   - PutRecord.Success (Count): 1 per successful PutRecord;
//   - PutRecord.Bytes (Bytes): the bytes of each PutRecord.
//
// AWS/Firehose, dimension DeliveryStreamName, the data-ingestion and API metrics of the Amazon
// Data Firehose Developer Guide (https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html):
//   - IncomingRecords (Count), IncomingBytes (Bytes), IncomingPutRequests (Count);
//   - PutRecord.Requests (Count) and PutRecord.Bytes (Bytes).
//
// One-minute granularity, reported only in minutes with records. Reads (GetRecords), shard-level
// (enhanced) metrics and Firehose's delivery to destinations are not modelled by the fake, so their
// metrics are not reported.

// Namespaces of the Kinesis Data Streams and Firehose metrics.
const (
	KinesisNamespace  = "AWS/Kinesis"
	FirehoseNamespace = "AWS/Firehose"
)

type streamMetrics struct {
	records, bytes, requests, requestBytes *ServiceMetric
	success                                *ServiceMetric // Kinesis only
}

func (m *streamMetrics) init(s *Stream) {
	if s.service == "kinesis" {
		dim := Dimension{Name: "StreamName", Value: s.name}
		m.records = mustServiceMetric(s.b, KinesisNamespace, "IncomingRecords", "Count", dim)
		m.bytes = mustServiceMetric(s.b, KinesisNamespace, "IncomingBytes", "Bytes", dim)
		m.success = mustServiceMetric(s.b, KinesisNamespace, "PutRecord.Success", "Count", dim)
		m.requestBytes = mustServiceMetric(s.b, KinesisNamespace, "PutRecord.Bytes", "Bytes", dim)
		return
	}
	dim := Dimension{Name: "DeliveryStreamName", Value: s.name}
	m.records = mustServiceMetric(s.b, FirehoseNamespace, "IncomingRecords", "Count", dim)
	m.bytes = mustServiceMetric(s.b, FirehoseNamespace, "IncomingBytes", "Bytes", dim)
	m.requests = mustServiceMetric(s.b, FirehoseNamespace, "IncomingPutRequests", "Count", dim)
	m.requestBytes = mustServiceMetric(s.b, FirehoseNamespace, "PutRecord.Bytes", "Bytes", dim)
	m.success = mustServiceMetric(s.b, FirehoseNamespace, "PutRecord.Requests", "Count", dim)
}

// put accounts for one record of n bytes put at now.
func (m *streamMetrics) put(now time.Time, n int) {
	if !m.records.m.on() {
		return
	}
	m.records.observeAt(now, 1)
	m.bytes.observeAt(now, float64(n))
	m.requestBytes.observeAt(now, float64(n))
	m.success.observeAt(now, 1)
	if m.requests != nil {
		m.requests.observeAt(now, 1)
	}
}

// Name returns the stream name.
func (s *Stream) Name() string { return s.name }
