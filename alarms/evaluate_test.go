package alarms

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

// bucketsOf turns "0-X" notation (oldest first) into 60-s buckets ending at t0; X breaches threshold 10.
func bucketsOf(s string) []Bucket {
	bs := make([]Bucket, len(s))
	for i, c := range s {
		bs[i].Start = t0.Add(time.Duration(i-len(s)) * time.Minute)
		switch c {
		case '-':
			bs[i].Missing = true
		case 'X':
			bs[i].Value, bs[i].SampleCount = 20, 1
		case '0':
			bs[i].Value, bs[i].SampleCount = 5, 1
		default:
			panic("bad bucket " + string(c))
		}
	}
	return bs
}

type missVector struct {
	id       string
	n, m     int32
	rng      string
	fills    int
	expected map[TreatMissingData]string
}

func loadMissVectors(t *testing.T) []missVector {
	t.Helper()
	f, err := os.Open("testdata/tv-miss.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []missVector
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		fs := strings.Fields(line)
		if len(fs) != 9 {
			t.Fatalf("bad vector line %q", line)
		}
		n, _ := strconv.Atoi(fs[1])
		m, _ := strconv.Atoi(fs[2])
		fills, _ := strconv.Atoi(fs[4])
		out = append(out, missVector{id: fs[0], n: int32(n), m: int32(m), rng: fs[3], fills: fills,
			expected: map[TreatMissingData]string{TreatMissing: fs[5], TreatIgnore: fs[6], TreatBreaching: fs[7], TreatNotBreaching: fs[8]}})
	}
	return out
}

// TestTVMiss checks every cell of TV-MISS-A, TV-MISS-B (the 20 official cells) and TV-MISS-C ([derived]),
// from every previous state.
func TestTVMiss(t *testing.T) {
	vs := loadMissVectors(t)
	if len(vs) < 10 {
		t.Fatalf("only %d vectors loaded", len(vs))
	}
	official := 0
	for _, v := range vs {
		for _, treat := range []TreatMissingData{TreatMissing, TreatIgnore, TreatBreaching, TreatNotBreaching} {
			want := v.expected[treat]
			for _, prev := range []StateValue{StateOK, StateAlarm, StateInsufficientData} {
				d := &Definition{Namespace: "Test", Statistic: "Average", Period: 60, EvaluationPeriods: v.n,
					DatapointsToAlarm: v.m, Threshold: 10, ComparisonOperator: GreaterThanThreshold, TreatMissingData: treat}
				bs := bucketsOf(v.rng)
				r := Evaluate(d, bs, prev, t0)
				exp := StateValue(want)
				if want == "RETAIN" {
					exp = prev
					if !r.Retained {
						t.Errorf("%s/%s prev=%s: Retained=false", v.id, treat, prev)
					}
				}
				if r.State != exp {
					t.Errorf("%s %s %s prev=%s: got %s (%s), want %s", v.id, v.rng, treat, prev, r.State, r.Outcome, exp)
				}
				if (treat == TreatBreaching || treat == TreatNotBreaching) && r.Fills != v.fills {
					t.Errorf("%s %s %s: fills %d, want %d", v.id, v.rng, treat, r.Fills, v.fills)
				}
			}
			if v.id[0] == 'A' || v.id[0] == 'B' {
				official++
			}
		}
	}
	if official != 40 { // 10 rows × 4 treatments = the 20+20 official cells
		t.Fatalf("checked %d official cells, want 40", official)
	}
}

// TestDynamoDBAlwaysIgnores is TV-MISS-C7.
func TestDynamoDBAlwaysIgnores(t *testing.T) {
	d := &Definition{Namespace: "AWS/DynamoDB", Statistic: "Sum", Period: 60, EvaluationPeriods: 3,
		Threshold: 10, ComparisonOperator: GreaterThanThreshold, TreatMissingData: TreatBreaching}
	for _, prev := range []StateValue{StateOK, StateAlarm} {
		r := Evaluate(d, bucketsOf("-----"), prev, t0)
		if r.State != prev || !r.Retained {
			t.Errorf("prev %s: got %+v", prev, r.State)
		}
	}
}

func TestPartialBreachingKnob(t *testing.T) {
	d := &Definition{Statistic: "Average", Period: 60, EvaluationPeriods: 3, Threshold: 10, ComparisonOperator: GreaterThanThreshold}
	cases := []struct {
		mode PartialBreachingState
		want StateValue
	}{{PartialEvaluate, StateOK}, {PartialRetain, StateAlarm}, {PartialInsufficientData, StateInsufficientData}}
	for _, c := range cases {
		cfg := Config{PartialBreaching: c.mode}
		r := cfg.Evaluate(d, bucketsOf("----X"), StateAlarm, t0)
		if r.State != c.want {
			t.Errorf("mode %d: got %s want %s", c.mode, r.State, c.want)
		}
		// The knob must not touch the official cell A2 (a good point).
		if r := cfg.Evaluate(d, bucketsOf("0----"), StateAlarm, t0); r.State != StateOK {
			t.Errorf("mode %d: A2 changed to %s", c.mode, r.State)
		}
	}
}

// TestLowSampleThresholds is TV-LOWSAMPLE.
func TestLowSampleThresholds(t *testing.T) {
	cases := map[string]float64{"p99": 1000, "p95": 200, "p90": 100, "p50": 20, "p10": 100, "p1": 1000, "p25": 40,
		"p99.9": 10000, "p99.99": 100000, "p80": 50, "p20": 50, "p75": 40}
	for stat, want := range cases {
		d := &Definition{Statistic: stat, EvaluateLowSampleCountPercentile: "ignore"}
		if got := d.lowSampleThreshold(); got != want {
			t.Errorf("%s: %v want %v", stat, got, want)
		}
		d.EvaluateLowSampleCountPercentile = "evaluate"
		if d.lowSampleThreshold() != 0 {
			t.Errorf("%s evaluate: threshold applied", stat)
		}
	}
	if (&Definition{Statistic: "Average", EvaluateLowSampleCountPercentile: "ignore"}).lowSampleThreshold() != 0 {
		t.Error("Average must not be a percentile")
	}
}

func TestLowSampleModes(t *testing.T) {
	d := &Definition{Statistic: "p99", Period: 60, EvaluationPeriods: 1, Threshold: 10,
		ComparisonOperator: GreaterThanThreshold, EvaluateLowSampleCountPercentile: "ignore"}
	bs := []Bucket{{Start: t0.Add(-2 * time.Minute), Value: 20, SampleCount: 5000}, {Start: t0.Add(-time.Minute), Value: 1, SampleCount: 3}}
	r := Evaluate(d, bs, StateAlarm, t0)
	if r.State != StateAlarm || r.Outcome != OutcomeLowSampleCount {
		t.Errorf("retain mode: %s %s", r.State, r.Outcome)
	}
	r = Evaluate(d, bs, StateOK, t0)
	if r.State != StateOK || !r.Retained {
		t.Errorf("retain mode from OK: %s", r.State)
	}
	cfg := Config{LowSample: LowSampleAsMissing}
	r = cfg.Evaluate(d, bs, StateOK, t0)
	if r.State != StateAlarm || r.Evaluated != 1 {
		t.Errorf("as-missing mode: %s %+v", r.State, r)
	}
	d.EvaluateLowSampleCountPercentile = "evaluate"
	if r := Evaluate(d, bs, StateAlarm, t0); r.State != StateOK {
		t.Errorf("evaluate: %s", r.State)
	}
}

func TestOperators(t *testing.T) {
	cases := []struct {
		op   ComparisonOperator
		v, t float64
		want bool
	}{
		{GreaterThanOrEqualToThreshold, 5, 5, true}, {GreaterThanOrEqualToThreshold, 4, 5, false},
		{GreaterThanThreshold, 5, 5, false}, {GreaterThanThreshold, 6, 5, true},
		{LessThanThreshold, 5, 5, false}, {LessThanThreshold, 4, 5, true},
		{LessThanOrEqualToThreshold, 5, 5, true}, {LessThanOrEqualToThreshold, 6, 5, false},
	}
	for _, c := range cases {
		if got := c.op.Breaches(c.v, c.t); got != c.want {
			t.Errorf("%s(%v,%v)=%v", c.op, c.v, c.t, got)
		}
	}
	if !LessThanLowerOrGreaterThanUpperThreshold.BreachesBand(11, 0, 10) || !LessThanLowerOrGreaterThanUpperThreshold.BreachesBand(-1, 0, 10) ||
		LessThanLowerOrGreaterThanUpperThreshold.BreachesBand(5, 0, 10) || LessThanLowerThreshold.BreachesBand(11, 0, 10) ||
		!GreaterThanUpperThreshold.BreachesBand(11, 0, 10) || GreaterThanThreshold.BreachesBand(11, 0, 10) ||
		// the band is closed: its edges do not breach
		LessThanLowerOrGreaterThanUpperThreshold.BreachesBand(0, 0, 10) || LessThanLowerOrGreaterThanUpperThreshold.BreachesBand(10, 0, 10) ||
		LessThanLowerThreshold.BreachesBand(0, 0, 10) || GreaterThanUpperThreshold.BreachesBand(10, 0, 10) {
		t.Error("band operators")
	}
}

func TestRangeSize(t *testing.T) {
	if k := DefaultRangeSize(3, 60); k != 5 {
		t.Errorf("N=3: K=%d, want 5 (the documented instance)", k)
	}
	if k := DefaultRangeSize(1, 60); k != 3 {
		t.Errorf("N=1: K=%d", k)
	}
	c := Config{RangeSize: func(n, p int32) int { return 1 }}
	if k := c.K(&Definition{EvaluationPeriods: 4}); k != 4 {
		t.Errorf("K below N must be raised to N, got %d", k)
	}
}

func TestEvaluateDoesNotAllocate(t *testing.T) {
	d := &Definition{Statistic: "Average", Period: 60, EvaluationPeriods: 3, DatapointsToAlarm: 2, Threshold: 10, ComparisonOperator: GreaterThanThreshold}
	bs := bucketsOf("0-X-X")
	allocs := testing.AllocsPerRun(100, func() { _ = Evaluate(d, bs, StateOK, t0) })
	if allocs != 0 {
		t.Errorf("Evaluate allocates %v times", allocs)
	}
}

// TestLowSampleBoundary: a datapoint with exactly 10/(1−p) samples is not "low" (the threshold is the
// minimum sample count, [UG:AlarmThatSendsEmail] "Percentile-based CloudWatch alarms and low data
// samples"); one fewer is. Both LowSample modes.
func TestLowSampleBoundary(t *testing.T) {
	for _, tc := range []struct {
		stat    string
		samples float64
		low     bool
	}{{"p90", 100, false}, {"p90", 99, true}, {"p99", 1000, false}, {"p99", 999, true}, {"p50", 20, false}, {"p50", 19, true},
		{"p10", 100, false}, {"p10", 99, true}, {"p99.9", 10000, false}, {"p99.9", 9999, true}} {
		d := &Definition{Statistic: tc.stat, Period: 60, EvaluationPeriods: 1, Threshold: 10,
			ComparisonOperator: GreaterThanThreshold, EvaluateLowSampleCountPercentile: "ignore"}
		bs := []Bucket{{Start: t0.Add(-time.Minute), Value: 20, SampleCount: tc.samples}}
		var reasons []string
		for _, cfg := range []Config{{}, {LowSample: LowSampleAsMissing}} {
			r := cfg.Evaluate(d, bs, StateOK, t0)
			if low := r.State != StateAlarm; low != tc.low {
				t.Errorf("%s with %v samples, mode %d: state %s (%s), want low=%v", tc.stat, tc.samples, cfg.LowSample, r.State, r.Outcome, tc.low)
			}
			reasons = append(reasons, r.Reason()+r.ReasonData())
		}
		// A datapoint that is not low reads the same in both modes (the as-missing mode must not
		// print it as missing).
		if !tc.low && reasons[0] != reasons[1] {
			t.Errorf("%s with %v samples: reasons differ between modes:\n%s\n%s", tc.stat, tc.samples, reasons[0], reasons[1])
		}
	}
}

// TestPartialAtExactlyM: fewer than N real points, all breaching, exactly M of them, too old for the
// premature-alarm rule: M breaching points are enough for ALARM whatever the PartialBreaching knob
// (the knob covers only fewer than M).
func TestPartialAtExactlyM(t *testing.T) {
	d := &Definition{Statistic: "Average", Period: 60, EvaluationPeriods: 3, DatapointsToAlarm: 2, Threshold: 10,
		ComparisonOperator: GreaterThanThreshold, TreatMissingData: TreatMissing}
	for _, mode := range []PartialBreachingState{PartialEvaluate, PartialRetain, PartialInsufficientData} {
		cfg := Config{PartialBreaching: mode}
		if r := cfg.Evaluate(d, bucketsOf("XX---"), StateOK, t0); r.State != StateAlarm {
			t.Errorf("mode %d: %s (%s)", mode, r.State, r.Outcome)
		}
	}
}

// TestZeroEvaluationPeriods: the pure evaluator treats a Definition without EvaluationPeriods as
// N = M = 1 rather than alarming on anything.
func TestZeroEvaluationPeriods(t *testing.T) {
	d := &Definition{Statistic: "Average", Period: 60, Threshold: 10, ComparisonOperator: GreaterThanThreshold}
	if r := Evaluate(d, bucketsOf("0"), StateInsufficientData, t0); r.State != StateOK || r.Evaluated != 1 {
		t.Errorf("non-breaching point: %s, %d evaluated", r.State, r.Evaluated)
	}
	if r := Evaluate(d, bucketsOf("X"), StateInsufficientData, t0); r.State != StateAlarm {
		t.Errorf("breaching point: %s", r.State)
	}
}
