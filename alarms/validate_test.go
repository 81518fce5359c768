package alarms

import (
	"strings"
	"testing"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
)

func ptr[T any](v T) *T { return &v }

func validAlarm() *PutMetricAlarmInput {
	return &PutMetricAlarmInput{AlarmName: "high-cpu", MetricName: "CPUUtilization", Namespace: "AWS/EC2",
		Statistic: "Average", Period: 300, EvaluationPeriods: 3, Threshold: ptr(80.0),
		ComparisonOperator: GreaterThanThreshold, Dimensions: []Dimension{{Name: "InstanceId", Value: "i-1"}},
		AlarmActions: []string{"arn:aws:sns:us-east-1:123456789012:ops"}}
}

func TestValidatePutMetricAlarm(t *testing.T) {
	if err := validatePutMetricAlarm(validAlarm()); err != nil {
		t.Fatalf("valid alarm rejected: %v", err)
	}
	cases := []struct {
		name   string
		mutate func(*PutMetricAlarmInput)
		code   string
		msg    string // substring
	}{
		{"no name", func(a *PutMetricAlarmInput) { a.AlarmName = "" }, "ValidationError", "Value null at 'alarmName'"},
		{"long name", func(a *PutMetricAlarmInput) { a.AlarmName = strings.Repeat("a", 256) }, "ValidationError", "less than or equal to 255"},
		{"control char", func(a *PutMetricAlarmInput) { a.AlarmName = "a\x01" }, "ValidationError", "regular expression"},
		{"6 actions", func(a *PutMetricAlarmInput) {
			a.OKActions = strings.Split(strings.Repeat("arn:aws:sns:us-east-1:123456789012:t,", 6), ",")[:6]
		}, "ValidationError", "'oKActions' failed to satisfy constraint: Member must have length less than or equal to 5"},
		{"bad action", func(a *PutMetricAlarmInput) { a.AlarmActions = []string{"not-an-arn"} }, "ValidationError", "Invalid alarmActions arn"},
		{"period 45", func(a *PutMetricAlarmInput) { a.Period = 45 }, "ValidationError", "Period must be 10, 30 or a multiple of 60"},
		{"no period", func(a *PutMetricAlarmInput) { a.Period = 0 }, "MissingParameter", "Period"},
		{"span > 1 day", func(a *PutMetricAlarmInput) { a.Period = 60; a.EvaluationPeriods = 1441 }, "ValidationError", "more than a day"},
		{"span > 7 days", func(a *PutMetricAlarmInput) { a.Period = 3600; a.EvaluationPeriods = 169 }, "ValidationError", "more than a week"},
		{"M > N", func(a *PutMetricAlarmInput) { a.DatapointsToAlarm = ptr(int32(4)) }, "ValidationError", "DatapointsToAlarm must be less than or equal to EvaluationPeriods"},
		{"M = 0", func(a *PutMetricAlarmInput) { a.DatapointsToAlarm = ptr(int32(0)) }, "ValidationError", "datapointsToAlarm"},
		{"N = 0", func(a *PutMetricAlarmInput) { a.EvaluationPeriods = 0 }, "ValidationError", "evaluationPeriods"},
		{"bad op", func(a *PutMetricAlarmInput) { a.ComparisonOperator = "Bigger" }, "ValidationError", "enum value set"},
		{"bad treat", func(a *PutMetricAlarmInput) { a.TreatMissingData = "zero" }, "ValidationError", "Option zero is not supported"},
		{"bad lowsample", func(a *PutMetricAlarmInput) {
			a.ExtendedStatistic, a.Statistic, a.EvaluateLowSampleCountPercentile = "p99", "", "maybe"
		}, "ValidationError",
			"Option maybe is not supported. Supported options for parameter EvaluateLowSampleCountPercentile are evaluate and ignore."},
		{"both stats", func(a *PutMetricAlarmInput) { a.ExtendedStatistic = "p99" }, "InvalidParameterCombination", ""},
		{"bad stat", func(a *PutMetricAlarmInput) { a.Statistic = "Median" }, "ValidationError", "statistic"},
		{"bad ext stat", func(a *PutMetricAlarmInput) { a.Statistic, a.ExtendedStatistic = "", "p101" }, "InvalidParameterValue", "The value p101 for parameter ExtendedStatistic is not supported."},
		{"no threshold", func(a *PutMetricAlarmInput) { a.Threshold = nil }, "MissingParameter", "Threshold"},
		{"band op without ThresholdMetricId", func(a *PutMetricAlarmInput) { a.ComparisonOperator = LessThanLowerThreshold }, "ValidationError", "ThresholdMetricId"},
		{"metric and Metrics", func(a *PutMetricAlarmInput) {
			a.Metrics = []MetricDataQuery{{Id: "m1", Expression: "SUM(METRICS())", Period: 60}}
		}, "InvalidParameterCombination", ""},
		{"bad unit", func(a *PutMetricAlarmInput) { a.Unit = "Furlongs" }, "ValidationError", "unit"},
		{"dup dims", func(a *PutMetricAlarmInput) { a.Dimensions = append(a.Dimensions, a.Dimensions[0]) }, "InvalidParameterValue", "dimension"},
		{"promql", func(a *PutMetricAlarmInput) { a.EvaluationCriteria = map[string]any{"PromQL": "up"} }, bus.NotSimulatedCode, ""},
	}
	for _, c := range cases {
		a := validAlarm()
		c.mutate(a)
		err := validatePutMetricAlarm(a)
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		if bus.ErrorCode(err) != c.code || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: got %v, want %s containing %q", c.name, err, c.code, c.msg)
		}
	}
}

func TestValidateMathAlarm(t *testing.T) {
	math := &PutMetricAlarmInput{AlarmName: "err-rate", EvaluationPeriods: 2, Threshold: ptr(5.0), ComparisonOperator: GreaterThanThreshold,
		Metrics: []MetricDataQuery{
			{Id: "e1", Expression: "100*errors/requests"},
			{Id: "errors", MetricStat: &MetricStat{Metric: Metric{Namespace: "App", MetricName: "Errors"}, Period: 60, Stat: "Sum"}, ReturnData: ptr(false)},
			{Id: "requests", MetricStat: &MetricStat{Metric: Metric{Namespace: "App", MetricName: "Requests"}, Period: 60, Stat: "Sum"}, ReturnData: ptr(false)},
		}}
	if err := validatePutMetricAlarm(math); err != nil {
		t.Fatalf("valid math alarm rejected: %v", err)
	}
	if d := DefinitionOf(math); d.Period != 60 || d.Statistic != "" {
		t.Errorf("definition %+v", d)
	}
	two := *math
	two.Metrics = append([]MetricDataQuery(nil), math.Metrics...)
	two.Metrics[1].ReturnData = nil
	if err := validatePutMetricAlarm(&two); err == nil || !strings.Contains(err.Error(), "ReturnData") {
		t.Errorf("two returned series: %v", err)
	}
	dup := *math
	dup.Metrics = append([]MetricDataQuery(nil), math.Metrics...)
	dup.Metrics[2].Id = "errors"
	if err := validatePutMetricAlarm(&dup); err == nil {
		t.Error("duplicate ids accepted")
	}
	anomaly := &PutMetricAlarmInput{AlarmName: "anom", EvaluationPeriods: 1, ComparisonOperator: LessThanLowerOrGreaterThanUpperThreshold,
		ThresholdMetricId: "ad1", Metrics: []MetricDataQuery{
			{Id: "m1", MetricStat: &MetricStat{Metric: Metric{Namespace: "App", MetricName: "Latency"}, Period: 60, Stat: "Average"}},
			{Id: "ad1", Expression: "ANOMALY_DETECTION_BAND(m1, 2)"},
		}}
	if err := validatePutMetricAlarm(anomaly); err != nil {
		t.Fatalf("anomaly alarm rejected: %v", err)
	}
	anomaly.Threshold = ptr(1.0)
	if err := validatePutMetricAlarm(anomaly); bus.ErrorCode(err) != "InvalidParameterCombination" {
		t.Errorf("anomaly with Threshold: %v", err)
	}
}

func TestValidatePutCompositeAlarm(t *testing.T) {
	in := &PutCompositeAlarmInput{AlarmName: "c", AlarmRule: `ALARM(a) OR ALARM(b)`, AlarmActions: []string{"arn:aws:sns:us-east-1:123456789012:t"}}
	r, err := validatePutCompositeAlarm(in)
	if err != nil || len(r.Refs()) != 2 {
		t.Fatalf("%v %v", r, err)
	}
	in.AlarmActions = []string{"arn:aws:automate:us-east-1:ec2:stop"}
	if _, err := validatePutCompositeAlarm(in); err == nil {
		t.Error("EC2 action on a composite accepted")
	}
	in.AlarmActions = nil
	in.ActionsSuppressor = "s"
	if _, err := validatePutCompositeAlarm(in); err == nil {
		t.Error("suppressor without periods accepted")
	}
	in.ActionsSuppressorWaitPeriod, in.ActionsSuppressorExtensionPeriod = ptr(int32(60)), ptr(int32(60))
	if _, err := validatePutCompositeAlarm(in); err != nil {
		t.Error(err)
	}
	in.AlarmRule = "()"
	if _, err := validatePutCompositeAlarm(in); err == nil || err.(*bus.Error).Message != "Error in AlarmRule [Unsupported token ')' at char 1]" {
		t.Errorf("bad rule: %v", err)
	}
}

func TestValidateSetAlarmState(t *testing.T) {
	err := validateSetAlarmState(&SetAlarmStateInput{AlarmName: "a", StateValue: "INVALID", StateReason: "r"})
	want := "1 validation error detected: Value 'INVALID' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]"
	if e, ok := err.(*bus.Error); !ok || e.Code != "ValidationError" || e.Message != want {
		t.Errorf("got %v", err)
	}
	err = validateSetAlarmState(&SetAlarmStateInput{AlarmName: "a", StateValue: StateOK, StateReason: "r", StateReasonData: "{"})
	if bus.ErrorCode(err) != "InvalidFormat" {
		t.Errorf("bad json: %v", err)
	}
}

// The ExtendedStatistic set PutMetricAlarm accepts ([API] PutMetricAlarm, ExtendedStatistic).
func TestAlarmExtendedStatisticAllowed(t *testing.T) {
	for in, want := range map[string]bool{
		"p90": true, "tm90": true, "IQM": true, "PR(1:2)": true, "TC(10%:90%)": true, "TM(5%:90%)": false,
		"WM(10%:95%)": false, "TS(:90%)": true, "TM(10:20)": true,
	} {
		st, err := metrics.ParseExtendedStatistic(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := alarmExtendedStatisticAllowed(st); got != want {
			t.Errorf("%s: %v", in, got)
		}
	}
}
