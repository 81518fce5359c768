package alarms

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/watchsim/watchsim/metrics"
)

// Bucket is one period of an alarm's evaluation range: the statistic's value over
// [Start, Start+Period), or a period with no data.
//
// The zero Bucket is a present datapoint with value 0; set Missing for a period without data.
type Bucket struct {
	// Start is the start of the period (the datapoint's timestamp in AWS terms).
	Start time.Time
	// Missing reports a period without data.
	Missing bool
	// Value is the statistic (or metric-math result) for the period.
	Value float64
	// SampleCount is the number of raw samples behind Value (0 when unknown, e.g. for metric math).
	// It matters for percentile alarms with EvaluateLowSampleCountPercentile=ignore and appears in
	// StateReasonData.
	SampleCount float64
	// Lower and Upper are the anomaly-detection band for the period; only the band operators read them.
	Lower, Upper float64
}

// Definition is the part of a metric alarm's configuration that the evaluator needs.
// [DefinitionOf] builds one from a [PutMetricAlarmInput]; tests may also fill it in directly.
type Definition struct {
	// Namespace of the watched metric ("" for metric-math alarms). Alarms on AWS/DynamoDB always
	// treat missing data as ignore.
	Namespace string
	// Statistic is the statistic or extended statistic ("Average", "p99", "TM(10%:90%)"); "" for math alarms.
	Statistic string
	// Unit is the alarm's Unit, shown in StateReasonData when set.
	Unit string
	// Period in seconds.
	Period int32
	// EvaluationPeriods is N.
	EvaluationPeriods int32
	// DatapointsToAlarm is M; 0 means N.
	DatapointsToAlarm int32
	// Threshold for the four static operators.
	Threshold float64
	// ComparisonOperator decides whether a datapoint breaches.
	ComparisonOperator ComparisonOperator
	// TreatMissingData; "" means missing.
	TreatMissingData TreatMissingData
	// EvaluateLowSampleCountPercentile is "", "evaluate" or "ignore".
	EvaluateLowSampleCountPercentile string
}

// m returns DatapointsToAlarm, defaulting to N.
func (d *Definition) m() int {
	if d.DatapointsToAlarm > 0 {
		return int(d.DatapointsToAlarm)
	}
	return max(1, int(d.EvaluationPeriods))
}

// breaches reports whether a present bucket breaches.
func (d *Definition) breaches(b *Bucket) bool {
	if d.ComparisonOperator.IsBand() {
		return d.ComparisonOperator.BreachesBand(b.Value, b.Lower, b.Upper)
	}
	return d.ComparisonOperator.Breaches(b.Value, d.Threshold)
}

// treat returns the effective TreatMissingData (the AWS/DynamoDB exception applied).
func (d *Definition) treat() TreatMissingData {
	// [UG:AlarmThatSendsEmail] "DynamoDB alarms ... always ignore missing data" (alarms-and-missing-data).
	if d.Namespace == "AWS/DynamoDB" {
		return TreatIgnore
	}
	return d.TreatMissingData.orDefault()
}

// lowSampleThreshold returns the sample count below which a percentile datapoint is "low"
// when the alarm's statistic is a percentile pNN and EvaluateLowSampleCountPercentile=ignore;
// it returns 0 when the rule does not apply.
// [UG:AlarmThatSendsEmail] "Percentile-based CloudWatch alarms and low data samples".
func (d *Definition) lowSampleThreshold() float64 {
	if d.EvaluateLowSampleCountPercentile != "ignore" {
		return 0
	}
	p, ok := percentileOf(d.Statistic)
	if !ok {
		return 0
	}
	th := 10 / p
	if p >= 0.5 {
		th = 10 / (1 - p)
	}
	// 1 − 0.9 is 0.09999999999999998 in binary, which would make 100 samples "too few" for p90:
	// round away the representation error (the documented thresholds are whole numbers or ratios).
	return math.Round(th*1e6) / 1e6
}

// percentileOf parses "pNN[.NNN]" into a fraction.
func percentileOf(stat string) (float64, bool) {
	if len(stat) < 2 || stat[0] != 'p' {
		return 0, false
	}
	v, err := strconv.ParseFloat(stat[1:], 64)
	if err != nil || v < 0 || v > 100 || strings.ContainsAny(stat[1:], "eE+-") {
		return 0, false
	}
	return v / 100, true
}

// PartialBreachingState decides a case AWS leaves open ([derived]): TreatMissingData is missing
// or ignore, fewer than N real datapoints are in the range, every one of them breaches, there are
// fewer than M of them and the premature-alarm rule does not apply. AWS documents only that the alarm
// does not go to ALARM.
type PartialBreachingState int

// The choices for [PartialBreachingState].
const (
	// PartialEvaluate evaluates the real points alone: fewer than M breaches gives OK ([derived]; default).
	PartialEvaluate PartialBreachingState = iota
	// PartialRetain keeps the previous state.
	PartialRetain
	// PartialInsufficientData goes to INSUFFICIENT_DATA.
	PartialInsufficientData
)

// LowSampleMode decides how EvaluateLowSampleCountPercentile=ignore acts on a datapoint with too few
// samples. AWS says only that such a datapoint "does not change the alarm state".
type LowSampleMode int

// The choices for [LowSampleMode].
const (
	// LowSampleRetain keeps the previous state when any evaluated datapoint has too few samples ([derived]; default).
	LowSampleRetain LowSampleMode = iota
	// LowSampleAsMissing treats each low-sample datapoint as a missing period and evaluates the rest.
	LowSampleAsMissing
)

// Config holds the evaluator's [derived] choices: the parts of the algorithm AWS does not document.
// The zero Config is the default: each field's zero value is the choice its documentation marks as default.
type Config struct {
	// RangeSize returns the size K of the evaluation range for N evaluation periods of the given length.
	// nil means [DefaultRangeSize].
	RangeSize func(evaluationPeriods, period int32) int
	// PartialBreaching is the state for the undocumented partial case (see [PartialBreachingState]).
	PartialBreaching PartialBreachingState
	// LowSample is the treatment of low-sample percentile datapoints.
	LowSample LowSampleMode
	// PercentileMethod is the pNN definition [Config.BucketsFromSamples] uses (the zero value is
	// metrics.NearestRank, the metrics service's default). A [Service] takes it from its metrics
	// service (metrics.WithPercentileMethod), see [Service.Config].
	PercentileMethod metrics.PercentileMethod
}

// DefaultRangeSize is K = N + max(⌊N/3⌋, 2): the only published instance is N = 3 → K = 5
// [UG:AlarmThatSendsEmail]; the formula is LocalStack's heuristic [derived].
func DefaultRangeSize(evaluationPeriods, period int32) int {
	n := int(evaluationPeriods)
	return n + max(n/3, 2)
}

// K returns the evaluation range size for d under c.
func (c *Config) K(d *Definition) int {
	if c != nil && c.RangeSize != nil {
		if k := c.RangeSize(d.EvaluationPeriods, d.Period); k >= int(d.EvaluationPeriods) {
			return k
		}
		return int(d.EvaluationPeriods)
	}
	return DefaultRangeSize(d.EvaluationPeriods, d.Period)
}

// Outcome names the rule of the algorithm that decided an evaluation.
type Outcome uint8

// Outcomes, in the order the evaluator applies its rules ([UG:AlarmThatSendsEmail], "Configuring how
// CloudWatch alarms treat missing data").
const (
	// OutcomeNoData: no real datapoint in the range; TreatMissingData alone decides.
	OutcomeNoData Outcome = iota
	// OutcomeNewestN: at least N real datapoints; the newest N are evaluated.
	OutcomeNewestN
	// OutcomeFilled: fewer than N real datapoints; the gap is filled with the TreatMissingData value.
	OutcomeFilled
	// OutcomePremature: the premature-alarm rule sent the alarm to ALARM (or retained it under ignore).
	OutcomePremature
	// OutcomeLowSampleCount: a percentile datapoint had too few samples and the state was kept.
	OutcomeLowSampleCount
	// OutcomePartial: the undocumented partial case decided by [Config.PartialBreaching].
	OutcomePartial
)

// String returns the outcome's name.
func (o Outcome) String() string {
	switch o {
	case OutcomeNoData:
		return "NoData"
	case OutcomeNewestN:
		return "NewestN"
	case OutcomeFilled:
		return "Filled"
	case OutcomePremature:
		return "Premature"
	case OutcomeLowSampleCount:
		return "LowSampleCount"
	case OutcomePartial:
		return "Partial"
	}
	return "Outcome(" + strconv.Itoa(int(o)) + ")"
}

// Result is the outcome of one evaluation of a metric alarm.
//
// Reason and ReasonData build the AWS StateReason text and StateReasonData JSON on demand (they are
// only needed on transitions); they read the bucket slice passed to Evaluate, which must not be
// modified before they are called.
type Result struct {
	// State is the new state.
	State StateValue
	// Previous is the state before the evaluation.
	Previous StateValue
	// Retained reports that the rules kept the previous state (ignore, low sample count, PartialRetain).
	Retained bool
	// Outcome is the rule that decided.
	Outcome Outcome
	// Evaluated is the number of datapoints evaluated (real ones plus fills).
	Evaluated int
	// Breaching is the number of evaluated datapoints that breach (fills included).
	Breaching int
	// Fills is the number of missing periods filled with the TreatMissingData value.
	Fills int
	// From is the index in the bucket slice of the oldest evaluated real bucket; every present bucket
	// (not dropped by LowSampleAsMissing) at or after From was evaluated. len(buckets) when none was.
	From int

	def     *Definition
	buckets []Bucket
	now     time.Time
	treat   TreatMissingData
	lowMin  float64 // low-sample threshold applied by LowSampleAsMissing (0 = none)
}

// Changed reports whether the evaluation changed the state.
func (r *Result) Changed() bool { return r.State != r.Previous }

// Evaluate runs the CloudWatch metric-alarm algorithm ([UG:AlarmThatSendsEmail]: M out of N, the
// evaluation range, TreatMissingData, low-sample percentiles) with the default [Config].
// buckets is the evaluation range, oldest first (normally K = [DefaultRangeSize] buckets; fewer or more
// are accepted); prev is the state before the evaluation and now the evaluation time (the queryDate).
// It does not allocate.
func Evaluate(def *Definition, buckets []Bucket, prev StateValue, now time.Time) Result {
	var c Config
	return c.Evaluate(def, buckets, prev, now)
}

// Evaluate is [Evaluate] under the choices in c.
func (c *Config) Evaluate(def *Definition, buckets []Bucket, prev StateValue, now time.Time) Result {
	r := Result{Previous: prev, def: def, buckets: buckets, now: now, From: len(buckets)}
	treat := def.treat()
	r.treat = treat
	n := int(def.EvaluationPeriods)
	if n < 1 {
		n = 1
	}
	m := def.m()
	lowMin := def.lowSampleThreshold()
	lowAsMissing := lowMin > 0 && c != nil && c.LowSample == LowSampleAsMissing
	if lowAsMissing {
		r.lowMin = lowMin
	}
	present := func(b *Bucket) bool {
		return !b.Missing && !(lowAsMissing && b.SampleCount < lowMin)
	}

	// One backward pass: the newest N real points, the total of real points, the oldest real point and
	// whether every real point newer than it breaches.
	real, windowBreach, allBreach := 0, 0, true
	oldest, lowSeen := -1, false
	for i := len(buckets) - 1; i >= 0; i-- {
		b := &buckets[i]
		if !present(b) {
			continue
		}
		br := def.breaches(b)
		if real < n {
			r.From = i
			if br {
				windowBreach++
			}
			if lowMin > 0 && !lowAsMissing && b.SampleCount < lowMin {
				lowSeen = true
			}
		}
		if !br {
			allBreach = false
		}
		oldest = i
		real++
	}
	retain := func(o Outcome) Result {
		r.State, r.Retained, r.Outcome = prev, true, o
		if !prev.Valid() {
			r.State = StateInsufficientData
		}
		return r
	}

	// 1. No real point in the range: TreatMissingData alone decides.
	if real == 0 {
		r.Outcome = OutcomeNoData
		switch treat {
		case TreatIgnore:
			return retain(OutcomeNoData)
		case TreatBreaching:
			r.State, r.Fills, r.Evaluated, r.Breaching = StateAlarm, n, n, n
		case TreatNotBreaching:
			r.State, r.Fills, r.Evaluated = StateOK, n, n
		default:
			r.State = StateInsufficientData
		}
		return r
	}
	if lowSeen {
		return retain(OutcomeLowSampleCount)
	}
	// 2. At least N real points: the newest N decide; TreatMissingData plays no part.
	if real >= n {
		r.Outcome, r.Evaluated, r.Breaching = OutcomeNewestN, n, windowBreach
		r.State = decide(windowBreach, m)
		return r
	}
	// 3. 0 < real < N.
	r.Evaluated, r.Breaching = real, windowBreach
	if treat == TreatMissing || treat == TreatIgnore {
		// Premature-alarm rule: the oldest real point breaches, is between M and N buckets old
		// (the newest bucket has age 1) and every newer real point breaches.
		if age := len(buckets) - oldest; allBreach && age >= m && age <= n {
			if treat == TreatIgnore {
				return retain(OutcomePremature)
			}
			r.State, r.Outcome = StateAlarm, OutcomePremature
			return r
		}
		if windowBreach == real && windowBreach < m && c != nil {
			switch c.PartialBreaching {
			case PartialRetain:
				return retain(OutcomePartial)
			case PartialInsufficientData:
				r.State, r.Outcome = StateInsufficientData, OutcomePartial
				return r
			}
		}
		r.Outcome = OutcomeFilled
		r.State = decide(windowBreach, m)
		return r
	}
	// breaching / notBreaching: as few fills as possible.
	fills := n - real
	r.Outcome, r.Fills, r.Evaluated = OutcomeFilled, fills, n
	if treat == TreatBreaching {
		r.Breaching += fills
	}
	r.State = decide(r.Breaching, m)
	return r
}

func decide(breaching, m int) StateValue {
	if breaching >= m {
		return StateAlarm
	}
	return StateOK
}
