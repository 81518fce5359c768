package trail

import "strings"

// Category is a record's eventCategory, or [NotLogged] for calls CloudTrail does not record.
type Category string

// The categories of an API-call record.
const (
	// Management events are logged by default and kept in Event history (LookupEvents).
	Management Category = "Management"
	// Data events are logged only by trails whose selectors ask for them, and never appear in
	// Event history.
	Data Category = "Data"
	// NotLogged marks calls CloudTrail does not record at all (CloudWatch Logs PutLogEvents).
	NotLogged Category = ""
)

// The event sources of the simulated services.
const (
	SourceCloudWatch  = "monitoring.amazonaws.com"
	SourceLogs        = "logs.amazonaws.com"
	SourceEvents      = "events.amazonaws.com"
	SourceCloudTrail  = "cloudtrail.amazonaws.com"
	SourceConfig      = "config.amazonaws.com"
	sourceTrailData   = "cloudtrail-data.amazonaws.com"
	resourceMetric    = "AWS::CloudWatch::Metric"
	resourceEventBus  = "AWS::Events::EventBus"
	resourceEventSrc  = "AWS::Events::EventSource"
	resourceChannel   = "AWS::CloudTrail::Channel"
	resourceTrailType = "AWS::CloudTrail::Trail"
)

// Classify says how CloudTrail records a call of operation name on the service whose event source
// is source:
//
//   - CloudWatch GetMetricData, GetMetricStatistics, GetMetricWidgetImage, ListMetrics and
//     PutMetricData are data events
//     (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/logging_cw_api_calls.html);
//   - EventBridge PutEvents and PutPartnerEvents are data events
//     (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-logging-monitoring.html);
//   - CloudTrail Data PutAuditEvents is a data event;
//   - CloudWatch Logs PutLogEvents is not logged
//     (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/logging_cw_api_calls_cwl.html);
//   - every other call is a management event.
func Classify(source, name string) Category {
	switch source {
	case SourceCloudWatch:
		switch name {
		case "GetMetricData", "GetMetricStatistics", "GetMetricWidgetImage", "ListMetrics", "PutMetricData":
			return Data
		}
	case SourceEvents:
		if name == "PutEvents" || name == "PutPartnerEvents" {
			return Data
		}
	case sourceTrailData:
		if name == "PutAuditEvents" {
			return Data
		}
	case SourceLogs:
		if name == "PutLogEvents" {
			return NotLogged
		}
	}
	return Management
}

// apiVersion is the record's apiVersion for the services whose AWS samples carry one
// (CloudWatch Logs "20140328", EventBridge "2015-10-07"); the CloudWatch samples have none.
func apiVersion(source string) string {
	switch source {
	case SourceLogs:
		return "20140328"
	case SourceEvents:
		return "2015-10-07"
	}
	return ""
}

// redactionFor returns the redaction policy of an operation's requestParameters:
//   - PutEvents and PutPartnerEvents entries have "detail": "HIDDEN_DUE_TO_SECURITY_REASONS"
//     (the EventBridge user guide's PutEvents sample);
//   - PutMetricData lists only metricName and dimensions of each datum (the CloudWatch user guide's
//     PutMetricData sample: no values, counts, statistics or timestamps).
func redactionFor(source, name string) func([]string, string) redaction {
	switch {
	case source == SourceEvents && (name == "PutEvents" || name == "PutPartnerEvents"):
		return func(path []string, member string) redaction {
			if len(path) == 1 && path[0] == "entries" && member == "detail" {
				return hide
			}
			return keep
		}
	case source == SourceCloudWatch && name == "PutMetricData":
		return func(path []string, member string) redaction {
			if len(path) == 1 && path[0] == "metricData" && member != "metricName" && member != "dimensions" {
				return drop
			}
			return keep
		}
	}
	return nil
}

// eventBridgeSource is the "source" of the "AWS API Call via CloudTrail" event for a record:
// "aws." and the first label of the event source ("aws.logs", "aws.events", "aws.cloudtrail"),
// except CloudWatch, whose events use "aws.cloudwatch" as its alarm events do in watchsim.
// [derived]: the current EventBridge event reference page says "aws.monitoring" for both the
// CloudWatch API calls and the alarm state changes, which contradicts the long-published alarm
// samples; watchsim keeps one name for both.
func eventBridgeSource(source string) string {
	if source == SourceCloudWatch {
		return "aws.cloudwatch"
	}
	if i := strings.IndexByte(source, '.'); i > 0 {
		return "aws." + source[:i]
	}
	return "aws." + source
}
