package alarms

import (
	"encoding/json"
	"math"
	"testing"
	"time"
)

// TestReasonR2 reproduces the AWS-validated single-datapoint reason (2026) and its StateReasonData.
func TestReasonR2(t *testing.T) {
	start := time.Date(2026, 2, 26, 10, 13, 50, 0, time.UTC)
	d := &Definition{Namespace: "n", Statistic: "Average", Unit: "Seconds", Period: 10, EvaluationPeriods: 1,
		Threshold: 21, ComparisonOperator: GreaterThanThreshold, TreatMissingData: TreatIgnore}
	bs := []Bucket{{Start: start.Add(-20 * time.Second), Missing: true}, {Start: start.Add(-10 * time.Second), Missing: true}, {Start: start, Value: 21.5, SampleCount: 2}}
	now := time.Date(2026, 2, 26, 10, 14, 11, 123e6, time.UTC)
	r := Evaluate(d, bs, StateInsufficientData, now)
	if r.State != StateAlarm {
		t.Fatalf("state %s", r.State)
	}
	if got, want := r.Reason(), "Threshold Crossed: 1 datapoint [21.5 (26/02/26 10:13:50)] was greater than the threshold (21.0)."; got != want {
		t.Errorf("reason\n got %s\nwant %s", got, want)
	}
	want := `{"version":"1.0","queryDate":"2026-02-26T10:14:11.123+0000","startDate":"2026-02-26T10:13:50.000+0000",` +
		`"unit":"Seconds","statistic":"Average","period":10,"recentDatapoints":[21.5],"threshold":21.0,` +
		`"evaluatedDatapoints":[{"timestamp":"2026-02-26T10:13:50.000+0000","sampleCount":2.0,"value":21.5}]}`
	if got := r.ReasonData(); got != want {
		t.Errorf("reason data\n got %s\nwant %s", got, want)
	}
}

// TestReasonR1 reproduces the 3-of-3 example of TV-REASON R1 (2022).
func TestReasonR1(t *testing.T) {
	d := &Definition{Namespace: "n", Statistic: "Sum", Period: 60, EvaluationPeriods: 3, Threshold: 0, ComparisonOperator: GreaterThanThreshold}
	at := func(m int) time.Time { return time.Date(2022, 11, 8, 11, m, 0, 0, time.UTC) }
	bs := []Bucket{{Start: at(21), Missing: true}, {Start: at(22), Missing: true}, {Start: at(23), Value: 20000, SampleCount: 1},
		{Start: at(24), Value: 20000, SampleCount: 1}, {Start: at(25), Value: 20000, SampleCount: 1}}
	r := Evaluate(d, bs, StateOK, time.Date(2022, 11, 8, 11, 26, 5, 0, time.UTC))
	want := "Threshold Crossed: 3 out of the last 3 datapoints [20000.0 (08/11/22 11:25:00), 20000.0 (08/11/22 11:24:00), 20000.0 (08/11/22 11:23:00)] were greater than the threshold (0.0) (minimum 3 datapoints for OK -> ALARM transition)."
	if got := r.Reason(); got != want {
		t.Errorf("reason\n got %s\nwant %s", got, want)
	}
	var rd struct {
		StartDate           string
		RecentDatapoints    []float64
		EvaluatedDatapoints []map[string]any
	}
	if err := json.Unmarshal([]byte(r.ReasonData()), &rd); err != nil {
		t.Fatal(err)
	}
	if rd.StartDate != "2022-11-08T11:23:00.000+0000" || len(rd.RecentDatapoints) != 3 || len(rd.EvaluatedDatapoints) != 3 {
		t.Errorf("reason data %s", r.ReasonData())
	}
	// Back to OK: "not", and the ALARM -> OK minimum.
	bs[4].Value = -1
	bs[3].Value = -1
	r = Evaluate(d, bs, StateAlarm, at(26))
	if got := r.Reason(); got != "Threshold Crossed: 2 out of the last 3 datapoints [-1.0 (08/11/22 11:25:00), -1.0 (08/11/22 11:24:00), 20000.0 (08/11/22 11:23:00)] were not greater than the threshold (0.0) (minimum 1 datapoint for ALARM -> OK transition)." {
		t.Errorf("ok reason %s", got)
	}
}

// TestReasonR4 is the AWS-validated all-missing/breaching reason and its reason data.
func TestReasonR4(t *testing.T) {
	d := &Definition{Namespace: "n", Statistic: "Average", Period: 60, EvaluationPeriods: 2, Threshold: 1,
		ComparisonOperator: GreaterThanThreshold, TreatMissingData: TreatBreaching}
	bs := bucketsOf("----")
	r := Evaluate(d, bs, StateInsufficientData, t0)
	if got, want := r.Reason(), "Threshold Crossed: no datapoints were received for 2 periods and 2 missing datapoints were treated as [Breaching]."; got != want {
		t.Errorf("got %s", got)
	}
	var rd map[string]any
	if err := json.Unmarshal([]byte(r.ReasonData()), &rd); err != nil {
		t.Fatal(err)
	}
	if _, ok := rd["startDate"]; ok {
		t.Error("startDate must be absent when no real point was evaluated")
	}
	ev := rd["evaluatedDatapoints"].([]any)
	if len(ev) != 2 || len(ev[0].(map[string]any)) != 1 || len(rd["recentDatapoints"].([]any)) != 0 {
		t.Errorf("reason data %s", r.ReasonData())
	}
}

// TestReasonR5 is the anomaly-band reason form.
func TestReasonR5(t *testing.T) {
	d := &Definition{Namespace: "n", Period: 60, EvaluationPeriods: 1, ComparisonOperator: LessThanLowerOrGreaterThanUpperThreshold}
	bs := []Bucket{{Start: time.Date(2019, 10, 3, 15, 58, 0, 0, time.UTC), Value: 0, Lower: 0.020599444741798756, Upper: 0.3006915352732461}}
	r := Evaluate(d, bs, StateOK, time.Date(2019, 10, 3, 15, 59, 0, 0, time.UTC))
	want := "Thresholds Crossed: 1 out of the last 1 datapoints [0.0 (03/10/19 15:58:00)] was less than the lower thresholds [0.020599444741798756] or greater than the upper thresholds [0.3006915352732461] (minimum 1 datapoint for OK -> ALARM transition)."
	if got := r.Reason(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	var rd map[string]any
	if err := json.Unmarshal([]byte(r.ReasonData()), &rd); err != nil {
		t.Fatal(err)
	}
	if _, ok := rd["threshold"]; ok || rd["recentLowerThresholds"] == nil || rd["statistic"] != nil {
		t.Errorf("band reason data %s", r.ReasonData())
	}
}

func TestRetainedHasNoReason(t *testing.T) {
	d := &Definition{Period: 60, EvaluationPeriods: 3, ComparisonOperator: GreaterThanThreshold, TreatMissingData: TreatIgnore}
	r := Evaluate(d, bucketsOf("-----"), StateOK, t0)
	if r.Reason() != "" || r.ReasonData() != "" || r.Changed() {
		t.Error("retained result must carry no reason")
	}
}

// TestReasonLimits: long ranges (N = 1440) stay within AWS's StateReason (1,023) and StateReasonData
// (4,000) limits, and the reason data is always valid JSON, also for odd values and units.
func TestReasonLimits(t *testing.T) {
	d := &Definition{Namespace: "n", Statistic: "Average", Unit: `Bytes"/Second`, Period: 60, EvaluationPeriods: 1440,
		DatapointsToAlarm: 10, Threshold: 0, ComparisonOperator: GreaterThanThreshold}
	bs := make([]Bucket, DefaultRangeSize(1440, 60))
	for i := range bs {
		bs[i] = Bucket{Start: t0.Add(time.Duration(i-len(bs)) * time.Minute), Value: 1.2345678901234e-7 * float64(i), SampleCount: 3}
	}
	bs[3].Value = math.NaN()
	bs[4].Value = math.Inf(1)
	r := Evaluate(d, bs, StateOK, t0)
	if r.State != StateAlarm {
		t.Fatalf("state %s", r.State)
	}
	if n := len(r.Reason()); n > MaxStateReasonLength || n < 500 {
		t.Errorf("reason length %d", n)
	}
	rd := r.ReasonData()
	if len(rd) > MaxStateReasonDataLength || !json.Valid([]byte(rd)) {
		t.Errorf("reason data length %d, valid %v", len(rd), json.Valid([]byte(rd)))
	}
}
