package alarms

import (
	"testing"
	"time"

	"pgregory.net/rapid"
)

// oracle is the documented algorithm ([UG:AlarmThatSendsEmail]) written as plainly as possible, to check the
// single-pass implementation against.
func oracle(d *Definition, bs []Bucket, prev StateValue) StateValue {
	treat := d.treat()
	n, m := int(d.EvaluationPeriods), d.m()
	type pt struct {
		i      int
		breach bool
	}
	var real []pt
	for i := range bs {
		if !bs[i].Missing {
			real = append(real, pt{i, d.breaches(&bs[i])})
		}
	}
	count := func(ps []pt) int {
		c := 0
		for _, p := range ps {
			if p.breach {
				c++
			}
		}
		return c
	}
	if len(real) == 0 {
		switch treat {
		case TreatMissing:
			return StateInsufficientData
		case TreatIgnore:
			return prev
		case TreatBreaching:
			return StateAlarm
		}
		return StateOK
	}
	if len(real) >= n {
		if count(real[len(real)-n:]) >= m {
			return StateAlarm
		}
		return StateOK
	}
	if treat == TreatMissing || treat == TreatIgnore {
		o := real[0]
		age := len(bs) - o.i
		premature := count(real) == len(real) && age >= m && age <= n
		if premature {
			if treat == TreatMissing {
				return StateAlarm
			}
			return prev
		}
		if count(real) >= m {
			return StateAlarm
		}
		return StateOK
	}
	c := count(real)
	if treat == TreatBreaching {
		c += n - len(real)
	}
	if c >= m {
		return StateAlarm
	}
	return StateOK
}

func genDefinition(t *rapid.T) *Definition {
	n := rapid.Int32Range(1, 8).Draw(t, "N")
	return &Definition{
		Namespace:          rapid.SampledFrom([]string{"Test", "AWS/DynamoDB"}).Draw(t, "ns"),
		Statistic:          "Average",
		Period:             60,
		EvaluationPeriods:  n,
		DatapointsToAlarm:  rapid.Int32Range(1, n).Draw(t, "M"),
		Threshold:          0,
		ComparisonOperator: rapid.SampledFrom([]ComparisonOperator{GreaterThanThreshold, LessThanOrEqualToThreshold}).Draw(t, "op"),
		TreatMissingData:   rapid.SampledFrom([]TreatMissingData{"", TreatMissing, TreatIgnore, TreatBreaching, TreatNotBreaching}).Draw(t, "treat"),
	}
}

func genBuckets(t *rapid.T, k int) []Bucket {
	bs := make([]Bucket, k)
	for i := range bs {
		bs[i].Start = t0.Add(time.Duration(i-k) * time.Minute)
		switch rapid.IntRange(0, 2).Draw(t, "b") {
		case 0:
			bs[i].Missing = true
		case 1:
			bs[i].Value, bs[i].SampleCount = 1, 1
		default:
			bs[i].Value, bs[i].SampleCount = -1, 1
		}
	}
	return bs
}

var allStates = []StateValue{StateOK, StateAlarm, StateInsufficientData}

// TestEvaluateMatchesOracle checks the single-pass evaluator against the plain statement of the algorithm.
func TestEvaluateMatchesOracle(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := genDefinition(t)
		k := DefaultRangeSize(d.EvaluationPeriods, d.Period) + rapid.IntRange(-1, 2).Draw(t, "extraK")
		bs := genBuckets(t, max(k, 1))
		prev := rapid.SampledFrom(allStates).Draw(t, "prev")
		got := Evaluate(d, bs, prev, t0)
		if want := oracle(d, bs, prev); got.State != want {
			t.Fatalf("Evaluate=%s (%s), oracle=%s", got.State, got.Outcome, want)
		}
		// Determinism and purity: the same input gives the same result and reason.
		again := Evaluate(d, bs, prev, t0)
		if again.State != got.State || again.Reason() != got.Reason() || again.ReasonData() != got.ReasonData() {
			t.Fatal("not deterministic")
		}
	})
}

// TestMOfNMonotonic: raising DatapointsToAlarm never turns a non-ALARM result into ALARM.
func TestMOfNMonotonic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := genDefinition(t)
		if d.treat() == TreatIgnore || d.DatapointsToAlarm == d.EvaluationPeriods {
			t.Skip("retaining treatments keep any previous state")
		}
		bs := genBuckets(t, DefaultRangeSize(d.EvaluationPeriods, d.Period))
		prev := rapid.SampledFrom(allStates).Draw(t, "prev")
		lo := Evaluate(d, bs, prev, t0)
		d2 := *d
		d2.DatapointsToAlarm++
		hi := Evaluate(&d2, bs, prev, t0)
		if hi.State == StateAlarm && lo.State != StateAlarm {
			t.Fatalf("M=%d gives ALARM but M=%d gives %s", d2.DatapointsToAlarm, d.DatapointsToAlarm, lo.State)
		}
	})
}

// TestEvaluateIdempotent: re-evaluating the same range from the state just reached keeps it. This is
// what makes lazy scheduling (evaluate only when data changes) equal to evaluating every minute.
func TestEvaluateIdempotent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := genDefinition(t)
		bs := genBuckets(t, DefaultRangeSize(d.EvaluationPeriods, d.Period))
		prev := rapid.SampledFrom(allStates).Draw(t, "prev")
		r1 := Evaluate(d, bs, prev, t0)
		r2 := Evaluate(d, bs, r1.State, t0.Add(time.Minute))
		if r2.State != r1.State {
			t.Fatalf("%s then %s", r1.State, r2.State)
		}
	})
}
