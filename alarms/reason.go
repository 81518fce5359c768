package alarms

import (
	"strconv"
	"time"

	"github.com/watchsim/watchsim/internal/javafmt"
	"github.com/watchsim/watchsim/internal/jsonscan"
)

// InitialReason is the StateReason of a newly created alarm [AWS-validated].
const InitialReason = "Unchecked: Initial alarm creation"

// Reason returns the StateReason text AWS would write for this result (the forms of the AWS examples in [UG:AlarmThatSendsEmail] and [UG:cloudwatch-and-eventbridge]), or ""
// when the state was retained. Do not assert the exact text in your tests: AWS has reworded it over
// the years; assert the state and the StateReasonData instead.
//
// Forms used: R2 "Threshold Crossed: 1 datapoint [v (dd/MM/yy HH:mm:ss)] was greater than the threshold (T)."
// when N = 1 (current AWS); R1 "Threshold Crossed: k out of the last n datapoints [...] was|were ... (minimum m
// datapoint(s) for OK -> ALARM transition)." otherwise; R4 for a range with no data; R5 for anomaly bands.
//
// The text is kept within AWS's 1,023-character limit for StateReason by listing only the newest
// datapoints that fit [derived: AWS does not document how it shortens long reasons].
func (r *Result) Reason() string {
	return r.shrinkToFit(MaxStateReasonLength, r.reason)
}

// shrinkToFit builds a text with every evaluated datapoint and, while it is longer than max, again
// with fewer of the newest datapoints (three quarters each time).
func (r *Result) shrinkToFit(max int, build func(limit int) string) string {
	s := build(-1)
	for limit := r.Evaluated; len(s) > max && limit > 0; {
		limit = limit * 3 / 4
		s = build(limit)
	}
	return s
}

// reason builds the text listing at most limit datapoints (all if limit < 0).
func (r *Result) reason(limit int) string {
	if r.Retained {
		return ""
	}
	d := r.def
	if r.Outcome == OutcomeNoData {
		n := r.Fills
		label := "[Missing]"
		prefix := "Insufficient Data: "
		switch r.treat {
		case TreatBreaching:
			label, prefix = "[Breaching]", "Threshold Crossed: "
		case TreatNotBreaching:
			label, prefix = "[NonBreaching]", "Threshold Crossed: "
		default:
			n = int(d.EvaluationPeriods)
		}
		b := append([]byte(prefix), "no datapoints were received for "...)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, plural(n, " period", " periods")...)
		b = append(b, " and "...)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, plural(n, " missing datapoint was treated as ", " missing datapoints were treated as ")...)
		b = append(b, label...)
		return string(append(b, '.'))
	}
	if r.State == StateInsufficientData { // PartialInsufficientData [derived]
		b := []byte("Insufficient Data: ")
		b = strconv.AppendInt(b, int64(r.Evaluated), 10)
		b = append(b, " out of the last "...)
		b = strconv.AppendInt(b, int64(d.EvaluationPeriods), 10)
		return string(append(b, " datapoints were received."...))
	}
	alarm := r.State == StateAlarm
	k := r.Breaching
	if !alarm {
		k = r.Evaluated - r.Breaching
	}
	band := d.ComparisonOperator.IsBand()
	b := make([]byte, 0, 160+48*r.Evaluated) // sized for the usual text: one append, one copy
	if band {
		b = append(b, "Thresholds Crossed: "...)
	} else {
		b = append(b, "Threshold Crossed: "...)
	}
	single := d.EvaluationPeriods == 1 && r.Evaluated == 1 && r.Fills == 0 && !band
	if single {
		b = append(b, "1 datapoint ["...)
	} else {
		b = strconv.AppendInt(b, int64(k), 10)
		// "k out of the last N datapoints" (N = EvaluationPeriods, also when fewer real points exist).
		b = append(b, " out of the last "...)
		b = strconv.AppendInt(b, int64(d.EvaluationPeriods), 10)
		b = append(b, " datapoints ["...)
	}
	var lowers, uppers []float64
	first := true
	listed := 0
	r.eachEvaluated(func(bk *Bucket, filled bool) {
		if filled || (limit >= 0 && listed >= limit) {
			return
		}
		listed++
		if !first {
			b = append(b, ", "...)
		}
		first = false
		b = javafmt.AppendDouble(b, bk.Value)
		b = append(b, " ("...)
		b = bk.Start.UTC().AppendFormat(b, ReasonTextTime)
		b = append(b, ')')
		if band {
			lowers = append(lowers, bk.Lower)
			uppers = append(uppers, bk.Upper)
		}
	})
	b = append(b, "] "...)
	if k == 1 {
		b = append(b, "was "...)
	} else {
		b = append(b, "were "...)
	}
	if !alarm {
		b = append(b, "not "...)
	}
	if band {
		op := d.ComparisonOperator
		if op != GreaterThanUpperThreshold {
			b = append(b, "less than the lower thresholds "...)
			b = appendNumberList(b, lowers)
		}
		if op == LessThanLowerOrGreaterThanUpperThreshold {
			b = append(b, " or "...)
		}
		if op != LessThanLowerThreshold {
			b = append(b, "greater than the upper thresholds "...)
			b = appendNumberList(b, uppers)
		}
	} else {
		b = append(b, d.ComparisonOperator.verb()...)
		b = append(b, " the threshold ("...)
		b = javafmt.AppendDouble(b, d.Threshold)
		b = append(b, ')')
	}
	if single {
		return string(append(b, '.'))
	}
	// "minimum m datapoints for OK -> ALARM transition": m = M; for ALARM -> OK, N-M+1 [derived].
	minimum, trans := d.m(), "OK -> ALARM"
	if !alarm {
		minimum, trans = int(d.EvaluationPeriods)-d.m()+1, "ALARM -> OK"
	}
	b = append(b, " (minimum "...)
	b = strconv.AppendInt(b, int64(minimum), 10)
	b = append(b, plural(minimum, " datapoint for ", " datapoints for ")...)
	b = append(b, trans...)
	return string(append(b, " transition)."...))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func appendNumberList(b []byte, fs []float64) []byte {
	b = append(b, '[')
	for i, f := range fs {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = javafmt.AppendDouble(b, f)
	}
	return append(b, ']')
}

// eachEvaluated calls fn for every evaluated datapoint, newest first: the real buckets at or after From
// and, for filled periods, the newest missing buckets (filled=true).
func (r *Result) eachEvaluated(fn func(b *Bucket, filled bool)) {
	fills := r.Fills
	for i := len(r.buckets) - 1; i >= 0; i-- {
		bk := &r.buckets[i]
		isMissing := bk.Missing || (r.lowMin > 0 && bk.SampleCount < r.lowMin)
		switch {
		case !isMissing && i >= r.From:
			fn(bk, false)
		case isMissing && fills > 0:
			fills--
			fn(bk, true)
		}
	}
}

// ReasonData returns the StateReasonData JSON AWS would attach to this result ([UG:cloudwatch-and-eventbridge]), or "" when
// the state was retained. Keys come in AWS's order: version, queryDate, startDate, unit, statistic, period,
// recentDatapoints, threshold (or recentLowerThresholds/recentUpperThresholds for bands), evaluatedDatapoints.
// recentDatapoints is oldest first and evaluatedDatapoints newest first [derived from AWS samples].
//
// The JSON is kept within AWS's 4,000-character limit for StateReasonData by keeping only the newest
// datapoints that fit [derived].
func (r *Result) ReasonData() string {
	return r.shrinkToFit(MaxStateReasonDataLength, r.reasonData)
}

// reasonData builds the JSON with at most limit evaluated datapoints (all if limit < 0).
func (r *Result) reasonData(limit int) string {
	if r.Retained {
		return ""
	}
	d := r.def
	type ev struct {
		b      *Bucket
		filled bool
	}
	var evs []ev
	r.eachEvaluated(func(b *Bucket, filled bool) {
		if limit < 0 || len(evs) < limit {
			evs = append(evs, ev{b, filled})
		}
	})
	var start time.Time
	realCount := 0
	for _, e := range evs {
		if !e.filled {
			realCount++
		}
		start = e.b.Start
	}
	out := make([]byte, 0, 256+96*(len(evs)+len(r.buckets)))
	out = append(out, `{"version":"1.0","queryDate":`...)
	out = jsonscan.AppendString(out, FormatReasonDataTime(r.now))
	if realCount > 0 {
		out = append(out, `,"startDate":`...)
		out = jsonscan.AppendString(out, FormatReasonDataTime(start))
	}
	if d.Unit != "" {
		out = append(out, `,"unit":`...)
		out = jsonscan.AppendString(out, d.Unit)
	}
	if d.Statistic != "" {
		out = append(out, `,"statistic":`...)
		out = jsonscan.AppendString(out, d.Statistic)
	}
	out = append(out, `,"period":`...)
	out = strconv.AppendInt(out, int64(d.Period), 10)
	list := func(key string, get func(*Bucket) float64) {
		out = append(out, `,"`...)
		out = append(out, key...)
		out = append(out, `":[`...)
		first := true
		for i := len(evs) - 1; i >= 0; i-- {
			if evs[i].filled {
				continue
			}
			if !first {
				out = append(out, ',')
			}
			first = false
			out = javafmt.AppendJSONNumber(out, get(evs[i].b))
		}
		out = append(out, ']')
	}
	list("recentDatapoints", func(b *Bucket) float64 { return b.Value })
	if d.ComparisonOperator.IsBand() {
		list("recentLowerThresholds", func(b *Bucket) float64 { return b.Lower })
		list("recentUpperThresholds", func(b *Bucket) float64 { return b.Upper })
	} else {
		out = append(out, `,"threshold":`...)
		out = javafmt.AppendJSONNumber(out, d.Threshold)
	}
	out = append(out, `,"evaluatedDatapoints":[`...)
	for i, e := range evs {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, `{"timestamp":`...)
		out = jsonscan.AppendString(out, FormatReasonDataTime(e.b.Start))
		if !e.filled {
			if e.b.SampleCount > 0 {
				out = append(out, `,"sampleCount":`...)
				out = javafmt.AppendJSONNumber(out, e.b.SampleCount)
			}
			out = append(out, `,"value":`...)
			out = javafmt.AppendJSONNumber(out, e.b.Value)
		}
		out = append(out, '}')
	}
	return string(append(out, "]}"...))
}
