package bus

// The AWS/SNS metrics of an [SNSTopic], as the Amazon SNS Developer Guide lists them
// (https://docs.aws.amazon.com/sns/latest/dg/sns-monitoring-using-cloudwatch.html): one dimension,
// TopicName; stored at one-minute granularity (the guide's older edition said the metrics are
// pushed every five minutes; a five-minute period reads the same sums either way). A topic reports
// only in minutes with activity, so an idle topic costs nothing.
//   - NumberOfMessagesPublished (Count): 1 per message published;
//   - PublishSize (Bytes): the size of each message published;
//   - NumberOfNotificationsDelivered (Count): 1 per delivery to a subscription that succeeded;
//   - NumberOfNotificationsFailed (Count): 1 per delivery to a subscription that failed (the
//     fake does not retry, so every failed delivery is final).

// SNSNamespace is the CloudWatch namespace of the SNS metrics.
const SNSNamespace = "AWS/SNS"

type snsMetrics struct {
	published, size, delivered, failed *ServiceMetric
}

func (m *snsMetrics) init(t *SNSTopic) {
	dim := Dimension{Name: "TopicName", Value: t.name}
	m.published = mustServiceMetric(t.b, SNSNamespace, "NumberOfMessagesPublished", "Count", dim)
	m.size = mustServiceMetric(t.b, SNSNamespace, "PublishSize", "Bytes", dim)
	m.delivered = mustServiceMetric(t.b, SNSNamespace, "NumberOfNotificationsDelivered", "Count", dim)
	m.failed = mustServiceMetric(t.b, SNSNamespace, "NumberOfNotificationsFailed", "Count", dim)
}

// Name returns the topic name.
func (t *SNSTopic) Name() string { return t.name }
