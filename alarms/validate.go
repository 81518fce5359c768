package alarms

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
	"github.com/watchsim/watchsim/internal/awsjson"
	"github.com/watchsim/watchsim/internal/javafmt"
	"github.com/watchsim/watchsim/internal/queryid"
	"github.com/watchsim/watchsim/metrics"
)

// Limits of PutMetricAlarm and PutCompositeAlarm ([API]; [UG:cloudwatch_limits]).
const (
	MaxAlarmNameLength        = 255
	MaxAlarmDescriptionLength = 1024
	MaxActionsPerState        = 5
	MaxTags                   = 50
	MaxDimensions             = 30
	MaxMetricsQueries         = 20 // ≤ 10 MetricStat and ≤ 10 expressions
	MaxStateReasonLength      = 1023
	MaxStateReasonDataLength  = 4000
	// MaxEvaluationRangeShort is Period × EvaluationPeriods for periods under an hour (1 day).
	MaxEvaluationRangeShort = 86400
	// MaxEvaluationRangeLong is Period × EvaluationPeriods for periods of an hour or more (7 days).
	MaxEvaluationRangeLong = 604800
)

func validationError(format string, args ...any) *bus.Error {
	return bus.ClientErrorf("ValidationError", format, args...)
}

// constraint returns AWS's "1 validation error detected" ValidationError for one member; a nil
// value prints as "Value null".
func constraint(value any, member, rule string) *bus.Error {
	v := awserr.Violation{Member: member, Constraint: rule, Null: value == nil}
	if value != nil {
		v.Value = fmt.Sprint(value)
	}
	return bus.ClientError("ValidationError", awserr.ValidationMessage(v))
}

func checkLen(value, member string, lo, hi int) error {
	if v, bad := awserr.LengthViolation(value, member, lo, hi); bad {
		return bus.ClientError("ValidationError", awserr.ValidationMessage(v))
	}
	return nil
}

func checkAlarmName(name string) error {
	if err := checkLen(name, "alarmName", 1, MaxAlarmNameLength); err != nil {
		return err
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return constraint(name, "alarmName", "Member must satisfy regular expression pattern: [^\\x00-\\x1F\\x7F]+")
		}
	}
	return nil
}

// actionKinds classifies an alarm action ARN; "" means unsupported.
func actionKind(arn string) string {
	a, err := bus.ParseARN(arn)
	if err != nil {
		return ""
	}
	switch {
	case a.Service == "sns":
		return "sns"
	case a.Service == "lambda" && strings.HasPrefix(a.Resource, "function:"):
		return "lambda"
	case a.Service == "automate" && (a.Resource == "ec2:stop" || a.Resource == "ec2:terminate" || a.Resource == "ec2:reboot" || a.Resource == "ec2:recover"):
		return "ec2"
	case a.Service == "swf" && strings.HasPrefix(a.Resource, "action/actions/AWS_EC2.InstanceId."):
		return "ec2"
	case a.Service == "autoscaling" && strings.HasPrefix(a.Resource, "scalingPolicy:"):
		return "autoscaling"
	case a.Service == "ssm" && strings.HasPrefix(a.Resource, "opsitem:"):
		return "ssm"
	case a.Service == "ssm-incidents" && strings.HasPrefix(a.Resource, "response-plan/"):
		return "ssm-incidents"
	case a.Service == "aiops" && strings.HasPrefix(a.Resource, "investigation-group/"):
		return "aiops"
	}
	return ""
}

func checkActions(composite bool, lists ...struct {
	member string
	arns   []string
}) error {
	for _, l := range lists {
		if len(l.arns) > MaxActionsPerState {
			return constraint("["+strings.Join(l.arns, ", ")+"]", l.member, "Member must have length less than or equal to 5")
		}
		for _, arn := range l.arns {
			if err := checkLen(arn, l.member+".member", 1, 1024); err != nil {
				return err
			}
			kind := actionKind(arn)
			if kind == "" {
				// [derived] AWS rejects ARNs it cannot act on; the exact message is unverified.
				return validationError("Invalid %s arn: %s", l.member, arn)
			}
			if composite && (kind == "ec2" || kind == "autoscaling") {
				// [API] PutCompositeAlarm: composite alarms cannot run EC2 or Auto Scaling actions.
				return validationError("Composite alarms do not support %s actions: %s", kind, arn)
			}
		}
	}
	return nil
}

func checkTags(tags []Tag) error {
	if len(tags) > MaxTags {
		return constraint(fmt.Sprint(len(tags)), "tags", "Member must have length less than or equal to 50")
	}
	for _, t := range tags {
		if err := checkLen(t.Key, "tags.member.key", 1, 128); err != nil {
			return err
		}
		if err := checkLen(t.Value, "tags.member.value", 0, 256); err != nil {
			return err
		}
	}
	return nil
}

func checkDimensions(dims []Dimension, member string) error {
	if len(dims) > MaxDimensions {
		return constraint(fmt.Sprint(len(dims)), member, "Member must have length less than or equal to 30")
	}
	seen := map[string]bool{}
	for _, d := range dims {
		if err := checkLen(d.Name, member+".member.name", 1, 255); err != nil {
			return err
		}
		if err := checkLen(d.Value, member+".member.value", 1, 1024); err != nil {
			return err
		}
		if seen[d.Name] {
			return bus.ClientErrorf("InvalidParameterValue", "No Metric may specify the same dimension name twice.")
		}
		seen[d.Name] = true
	}
	return nil
}

// checkStatistic validates a Statistic / ExtendedStatistic pair for a single-metric alarm.
func checkStatistic(stat, ext string) error {
	switch {
	case stat == "" && ext == "":
		return bus.ClientError("MissingParameter", "Either Statistic or ExtendedStatistic must be specified.")
	case stat != "" && ext != "":
		return bus.ClientError("InvalidParameterCombination", "Statistic and ExtendedStatistic cannot both be specified.")
	case stat != "":
		if !isStandardStatistic(stat) {
			return constraint(stat, "statistic", "Member must satisfy enum value set: [Maximum, SampleCount, Sum, Minimum, Average]")
		}
	default:
		s, err := metrics.ParseExtendedStatistic(ext)
		if err != nil || !alarmExtendedStatisticAllowed(s) {
			return bus.ClientErrorf("InvalidParameterValue", "The value %s for parameter ExtendedStatistic is not supported.", ext)
		}
	}
	return nil
}

// validAlarmPeriod reports whether p is 10, 20, 30 or a multiple of 60 ([API] PutMetricAlarm Period).
func validAlarmPeriod(p int32) bool {
	return p == 10 || p == 20 || p == 30 || (p > 0 && p%60 == 0)
}

// validatePutMetricAlarm checks in the way PutMetricAlarm does and returns the AWS error
// (a *bus.Error, or a *bus.NotSimulatedError for PromQL alarms) or nil. It does not check things that
// need the service's state (name collisions with composite alarms).
func validatePutMetricAlarm(in *PutMetricAlarmInput) error {
	if err := checkAlarmName(in.AlarmName); err != nil {
		return err
	}
	if err := checkLen(in.AlarmDescription, "alarmDescription", 0, MaxAlarmDescriptionLength); err != nil {
		return err
	}
	if err := checkActions(false, actionLists(in.OKActions, in.AlarmActions, in.InsufficientDataActions)...); err != nil {
		return err
	}
	if err := checkTags(in.Tags); err != nil {
		return err
	}
	if in.EvaluationCriteria != nil || in.EvaluationInterval != 0 {
		return bus.NotSimulated("monitoring", "PromQL alarms (PutMetricAlarm EvaluationCriteria)")
	}
	if in.EvaluationWindow != nil {
		return bus.NotSimulated("monitoring", "PutMetricAlarm EvaluationWindow (WallClockWindow)")
	}
	if in.ComparisonOperator == "" {
		return constraint(nil, "comparisonOperator", "Member must not be null")
	}
	if !in.ComparisonOperator.Valid() {
		return constraint(in.ComparisonOperator, "comparisonOperator", "Member must satisfy enum value set: "+comparisonOperatorSet)
	}
	if in.EvaluationPeriods < 1 {
		if in.EvaluationPeriods == 0 {
			return constraint(nil, "evaluationPeriods", "Member must not be null")
		}
		return constraint(in.EvaluationPeriods, "evaluationPeriods", "Member must have value greater than or equal to 1")
	}
	if in.DatapointsToAlarm != nil {
		if *in.DatapointsToAlarm < 1 {
			return constraint(*in.DatapointsToAlarm, "datapointsToAlarm", "Member must have value greater than or equal to 1")
		}
		// [field] hashicorp/terraform#24070
		if *in.DatapointsToAlarm > in.EvaluationPeriods {
			return validationError("DatapointsToAlarm must be less than or equal to EvaluationPeriods")
		}
	}
	if !in.TreatMissingData.Valid() {
		return validationError("Option %s is not supported. Supported options for parameter TreatMissingData are breaching, notBreaching, ignore and missing.", in.TreatMissingData)
	}
	if e := in.EvaluateLowSampleCountPercentile; e != "" && e != "evaluate" && e != "ignore" {
		return validationError("Option %s is not supported. Supported options for parameter EvaluateLowSampleCountPercentile are evaluate and ignore.", e)
	}
	if in.Unit != "" && !metrics.IsStandardUnit(in.Unit) {
		return constraint(in.Unit, "unit", "Member must satisfy enum value set: ["+strings.Join(metrics.StandardUnits(), ", ")+"]")
	}

	single := in.MetricName != "" || in.Namespace != "" || in.Statistic != "" || in.ExtendedStatistic != "" || len(in.Dimensions) > 0 || in.Period != 0
	switch {
	case single && len(in.Metrics) > 0:
		return bus.ClientError("InvalidParameterCombination", "The parameters MetricName and Metrics are mutually exclusive and you must specify one of them.")
	case !single && len(in.Metrics) == 0:
		return bus.ClientError("MissingParameter", "One of the parameters MetricName or Metrics must be specified.")
	}
	period := in.Period
	if single {
		if err := checkLen(in.MetricName, "metricName", 1, 255); err != nil {
			return err
		}
		if err := checkLen(in.Namespace, "namespace", 1, 255); err != nil {
			return err
		}
		if err := checkDimensions(in.Dimensions, "dimensions"); err != nil {
			return err
		}
		if err := checkStatistic(in.Statistic, in.ExtendedStatistic); err != nil {
			return err
		}
		if in.Period == 0 {
			return bus.ClientError("MissingParameter", "Period must be specified for an alarm on a single metric.")
		}
		if in.EvaluateLowSampleCountPercentile != "" {
			if s, err := metrics.ParseExtendedStatistic(in.ExtendedStatistic); in.ExtendedStatistic == "" || err != nil || !s.IsPercentile() {
				return validationError("EvaluateLowSampleCountPercentile can only be specified for percentile statistics.")
			}
		}
	} else {
		// [UG:AlarmThatSendsEmail] alarms based on metric math expressions cannot perform EC2 actions.
		for _, l := range [][]string{in.OKActions, in.AlarmActions, in.InsufficientDataActions} {
			for _, arn := range l {
				if actionKind(arn) == "ec2" {
					return validationError("EC2 actions are not supported for alarms based on metric math expressions: %s", arn)
				}
			}
		}
		p, err := checkAlarmMetrics(in)
		if err != nil {
			return err
		}
		period = p
	}
	if !validAlarmPeriod(period) {
		// [field] awsdocs/aws-cloudformation-user-guide#777 (2020; 20 s was added to the API later)
		return validationError("Period must be 10, 30 or a multiple of 60")
	}
	span := int64(period) * int64(in.EvaluationPeriods)
	if period < 3600 && span > MaxEvaluationRangeShort {
		return validationError("Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400).")
	}
	if span > MaxEvaluationRangeLong {
		return validationError("Metrics cannot be checked across more than a week (EvaluationPeriods * Period must be <= 604800).")
	}

	band := in.ComparisonOperator.IsBand()
	switch {
	case band && in.ThresholdMetricId == "":
		return validationError("ThresholdMetricId must be specified for comparison operator %s.", in.ComparisonOperator)
	case !band && in.ThresholdMetricId != "":
		return validationError("ThresholdMetricId can only be used with the anomaly detection comparison operators.")
	case band && in.Threshold != nil:
		return bus.ClientError("InvalidParameterCombination", "Threshold must not be specified when ThresholdMetricId is specified.")
	case !band && in.Threshold == nil:
		return bus.ClientError("MissingParameter", "Threshold must be specified for a static threshold alarm.")
	}
	if in.Threshold != nil && !awsjson.Finite(*in.Threshold) {
		// [derived] AWS refuses non-finite doubles ("special values (for example, NaN, +Infinity,
		// -Infinity) are not supported", PutMetricData API reference); the wording is the one
		// PutMetricData uses for such a value.
		return bus.ClientError("InvalidParameterValue", "The value "+javafmt.Double(*in.Threshold)+" for parameter Threshold is invalid.")
	}
	if band {
		for _, a := range in.AlarmActions {
			if actionKind(a) == "autoscaling" {
				return validationError("Auto Scaling actions are not supported for anomaly detection alarms.")
			}
		}
	}
	return nil
}

func actionLists(ok, alarm, insufficient []string) []struct {
	member string
	arns   []string
} {
	return []struct {
		member string
		arns   []string
	}{{"oKActions", ok}, {"alarmActions", alarm}, {"insufficientDataActions", insufficient}}
}

// checkAlarmMetrics validates the Metrics list of a math or anomaly alarm and returns its period.
func checkAlarmMetrics(in *PutMetricAlarmInput) (int32, error) {
	if len(in.Metrics) > MaxMetricsQueries {
		return 0, constraint(fmt.Sprint(len(in.Metrics)), "metrics", "Member must have length less than or equal to 20")
	}
	ids := map[string]bool{}
	stats, exprs, returned := 0, 0, 0
	var period int32
	thresholdFound := false
	for i := range in.Metrics {
		q := &in.Metrics[i]
		if err := checkLen(q.Id, "metrics.member.id", 1, 255); err != nil {
			return 0, err
		}
		if !queryid.Valid(q.Id) {
			return 0, validationError("Invalid metrics list: the Id %s must start with a lowercase letter and contain only letters, numbers and underscores.", q.Id)
		}
		if ids[q.Id] {
			return 0, validationError("Invalid metrics list: the Id %s is used more than once.", q.Id)
		}
		ids[q.Id] = true
		if q.AccountId != "" {
			return 0, bus.NotSimulated("monitoring", "cross-account alarm queries (MetricDataQuery AccountId)")
		}
		switch {
		case (q.MetricStat == nil) == (q.Expression == ""):
			return 0, validationError("Invalid metrics list: the metric data query %s must specify exactly one of MetricStat and Expression.", q.Id)
		case q.MetricStat != nil:
			stats++
			ms := q.MetricStat
			if err := checkLen(ms.Metric.MetricName, "metrics.member.metricStat.metric.metricName", 1, 255); err != nil {
				return 0, err
			}
			if err := checkLen(ms.Metric.Namespace, "metrics.member.metricStat.metric.namespace", 1, 255); err != nil {
				return 0, err
			}
			if err := checkDimensions(ms.Metric.Dimensions, "metrics.member.metricStat.metric.dimensions"); err != nil {
				return 0, err
			}
			if _, err := metrics.ParseStatistic(ms.Stat); err != nil {
				return 0, bus.ClientErrorf("InvalidParameterValue", "The value %s for parameter Stat is not supported.", ms.Stat)
			}
			if ms.Unit != "" && !metrics.IsStandardUnit(ms.Unit) {
				return 0, constraint(ms.Unit, "metrics.member.metricStat.unit", "Member must satisfy enum value set: ["+strings.Join(metrics.StandardUnits(), ", ")+"]")
			}
			if period != 0 && ms.Period != period {
				return 0, validationError("Invalid metrics list: all metrics in an alarm must have the same period.")
			}
			period = ms.Period
		default:
			exprs++
			if err := checkLen(q.Expression, "metrics.member.expression", 1, 2048); err != nil {
				return 0, err
			}
			if _, err := metrics.ParseExpression(q.Expression); err != nil {
				if bus.ErrorCode(err) != "" {
					return 0, err
				}
				return 0, validationError("Invalid metrics list: %v", err)
			}
		}
		if returnsData(q) {
			returned++
		}
		if q.Id == in.ThresholdMetricId {
			thresholdFound = true
			if q.Expression == "" || !strings.HasPrefix(strings.TrimSpace(q.Expression), "ANOMALY_DETECTION_BAND") {
				return 0, validationError("ThresholdMetricId %s must refer to an ANOMALY_DETECTION_BAND expression.", q.Id)
			}
		}
	}
	if stats > 10 || exprs > 10 {
		return 0, validationError("Invalid metrics list: an alarm can contain at most 10 metrics and 10 expressions.")
	}
	// [API] MetricDataQuery: in an alarm exactly one query returns data. For an anomaly alarm the band
	// expression is returned as well (it is the threshold).
	want := 1
	if in.ThresholdMetricId != "" {
		want = 2
		if !thresholdFound {
			return 0, validationError("ThresholdMetricId %s does not match any metric data query Id.", in.ThresholdMetricId)
		}
	}
	if returned != want {
		return 0, validationError("Invalid metrics list: exactly one metric data query must have ReturnData set to true.")
	}
	if period == 0 {
		for i := range in.Metrics {
			if p := in.Metrics[i].Period; p != 0 {
				period = p
			}
		}
		if period == 0 {
			return 0, validationError("Invalid metrics list: the Period of an expression-only alarm must be specified.")
		}
	}
	return period, nil
}

// validatePutCompositeAlarm checks in the way PutCompositeAlarm does, parses the rule and returns it.
// It does not check that the referenced alarms exist (that needs the service's state).
func validatePutCompositeAlarm(in *PutCompositeAlarmInput) (*Rule, error) {
	if err := checkAlarmName(in.AlarmName); err != nil {
		return nil, err
	}
	if err := checkLen(in.AlarmDescription, "alarmDescription", 0, MaxAlarmDescriptionLength); err != nil {
		return nil, err
	}
	if err := checkActions(true, actionLists(in.OKActions, in.AlarmActions, in.InsufficientDataActions)...); err != nil {
		return nil, err
	}
	if err := checkTags(in.Tags); err != nil {
		return nil, err
	}
	if in.AlarmRule == "" {
		return nil, constraint(nil, "alarmRule", "Member must not be null")
	}
	rule, err := ParseRule(in.AlarmRule)
	if err != nil {
		return nil, err
	}
	if in.ActionsSuppressor != "" {
		if err := checkLen(in.ActionsSuppressor, "actionsSuppressor", 1, 1600); err != nil {
			return nil, err
		}
		if in.ActionsSuppressorWaitPeriod == nil || in.ActionsSuppressorExtensionPeriod == nil {
			return nil, validationError("ActionsSuppressorWaitPeriod and ActionsSuppressorExtensionPeriod are required when ActionsSuppressor is specified.")
		}
		if *in.ActionsSuppressorWaitPeriod < 0 || *in.ActionsSuppressorExtensionPeriod < 0 {
			return nil, validationError("ActionsSuppressorWaitPeriod and ActionsSuppressorExtensionPeriod must not be negative.")
		}
	} else if in.ActionsSuppressorWaitPeriod != nil || in.ActionsSuppressorExtensionPeriod != nil {
		return nil, validationError("ActionsSuppressorWaitPeriod and ActionsSuppressorExtensionPeriod can only be specified with ActionsSuppressor.")
	}
	return rule, nil
}

// validateSetAlarmState checks the SetAlarmState input fields that need no state.
func validateSetAlarmState(in *SetAlarmStateInput) error {
	if err := checkAlarmName(in.AlarmName); err != nil {
		return err
	}
	if !in.StateValue.Valid() {
		// [AWS-validated] test_set_alarm_invalid_state
		return constraint(in.StateValue, "stateValue", "Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]")
	}
	if err := checkLen(in.StateReason, "stateReason", 0, MaxStateReasonLength); err != nil {
		return err
	}
	if in.StateReasonData != "" {
		if err := checkLen(in.StateReasonData, "stateReasonData", 0, MaxStateReasonDataLength); err != nil {
			return err
		}
		if !json.Valid([]byte(in.StateReasonData)) {
			return bus.ClientError("InvalidFormat", "StateReasonData is not valid JSON.")
		}
	}
	return nil
}

// DefinitionOf returns the evaluator's view of a single-metric alarm. For math and anomaly alarms
// Namespace and Statistic are empty and Period is the queries' period.
func DefinitionOf(in *PutMetricAlarmInput) Definition {
	d := Definition{
		Namespace:                        in.Namespace,
		Statistic:                        in.Statistic,
		Unit:                             in.Unit,
		Period:                           in.Period,
		EvaluationPeriods:                in.EvaluationPeriods,
		ComparisonOperator:               in.ComparisonOperator,
		TreatMissingData:                 in.TreatMissingData,
		EvaluateLowSampleCountPercentile: in.EvaluateLowSampleCountPercentile,
	}
	if in.ExtendedStatistic != "" {
		d.Statistic = in.ExtendedStatistic
	}
	if in.DatapointsToAlarm != nil {
		d.DatapointsToAlarm = *in.DatapointsToAlarm
	}
	if in.Threshold != nil {
		d.Threshold = *in.Threshold
	}
	if d.Period == 0 {
		for _, q := range in.Metrics {
			if q.MetricStat != nil {
				d.Period = q.MetricStat.Period
			} else if d.Period == 0 && q.Period != 0 {
				d.Period = q.Period
			}
		}
	}
	return d
}

// alarmExtendedStatisticAllowed reports whether an ExtendedStatistic is in the set the
// PutMetricAlarm documentation lists ([API] PutMetricAlarm): p, tm, tc, ts, wm with a number, IQM,
// PR(n:m), and TC/TM/TS/WM(X%:X%) whose percentage bounds lie between 10 and 90 inclusive.
// s must already have parsed successfully.
func alarmExtendedStatisticAllowed(s metrics.Statistic) bool {
	if !s.Extended() {
		return false
	}
	if s.Kind == metrics.StatPercentile || s.Kind == metrics.StatPercentileRank || s.Name == "IQM" {
		return true
	}
	if len(s.Name) > 2 && s.Name[2] != '(' { // tmN, wmN, tcN, tsN
		return true
	}
	for _, b := range []metrics.Bound{s.Lo, s.Hi} {
		if b.Set && b.Percent && (b.Value < 10 || b.Value > 90) {
			return false
		}
	}
	return true
}
