package metrics

import (
	"strconv"
	"strings"
)

// StatKind is the kind of a [Statistic].
type StatKind uint8

// The statistic kinds: the five basic statistics and the extended (percentile-style) ones of
// [UG:Statistics-definitions].
const (
	StatSampleCount    StatKind = iota + 1 // SampleCount
	StatSum                                // Sum
	StatAverage                            // Average
	StatMinimum                            // Minimum
	StatMaximum                            // Maximum
	StatPercentile                         // pNN
	StatTrimmedMean                        // TM(a:b), tmN, IQM
	StatWinsorizedMean                     // WM(a:b), wmN
	StatTrimmedCount                       // TC(a:b), tcN
	StatTrimmedSum                         // TS(a:b), tsN
	StatPercentileRank                     // PR(a:b)
)

// Bound is one side of a TM/WM/TC/TS/PR range. When Percent is true Value is a percentage
// (0–100) of the samples; otherwise it is an absolute value of the metric.
type Bound struct {
	Set     bool
	Value   float64
	Percent bool
}

// Statistic is a parsed statistic: a basic one ("Sum") or an extended one ("p99", "TM(10%:90%)").
// The zero value is invalid; build one with [ParseStatistic] or [ParseExtendedStatistic].
type Statistic struct {
	Kind StatKind
	// P is the percentile of a StatPercentile, 0–100.
	P float64
	// Lo and Hi are the bounds of a ranged statistic (tmN and IQM are normalised to bounds).
	Lo, Hi Bound
	// Name is the statistic exactly as written by the caller (it keys ExtendedStatistics maps).
	Name string
}

// Extended reports whether s is an extended (percentile-style) statistic.
func (s Statistic) Extended() bool { return s.Kind >= StatPercentile }

// String returns the statistic as the caller wrote it.
func (s Statistic) String() string { return s.Name }

// IsPercentile reports whether s is a pNN statistic (the only kind EvaluateLowSampleCountPercentile
// applies to).
func (s Statistic) IsPercentile() bool { return s.Kind == StatPercentile }

// basicKind returns the kind of one of the five basic statistic names (case-sensitive, as the
// Statistic enum), or 0.
func basicKind(name string) StatKind {
	switch name {
	case "SampleCount":
		return StatSampleCount
	case "Sum":
		return StatSum
	case "Average":
		return StatAverage
	case "Minimum":
		return StatMinimum
	case "Maximum":
		return StatMaximum
	}
	return 0
}

// BasicStatistics lists the five basic statistics in the order of the AWS Statistic enum.
func BasicStatistics() []string {
	return []string{"SampleCount", "Average", "Sum", "Minimum", "Maximum"}
}

// IsBasicStatistic reports whether name is one of SampleCount, Average, Sum, Minimum, Maximum.
func IsBasicStatistic(name string) bool { return basicKind(name) != 0 }

// ErrInvalidStatistic is wrapped by every error of [ParseStatistic] and [ParseExtendedStatistic]
// (test with errors.Is). It is a constant, so no importer can replace it.
const ErrInvalidStatistic = sentinelError("invalid statistic")

// sentinelError is a constant error.
type sentinelError string

func (e sentinelError) Error() string { return string(e) }

func statErr(s, why string) error {
	return &statError{s: s, why: why}
}

type statError struct{ s, why string }

func (e *statError) Error() string { return "invalid statistic " + strconv.Quote(e.s) + ": " + e.why }
func (e *statError) Unwrap() error { return ErrInvalidStatistic }

// ParseStatistic parses a MetricStat.Stat value: a basic statistic or an extended one.
func ParseStatistic(s string) (Statistic, error) {
	if k := basicKind(s); k != 0 {
		return Statistic{Kind: k, Name: s}, nil
	}
	return ParseExtendedStatistic(s)
}

// ParseExtendedStatistic parses an extended statistic with the grammar of [UG:Statistics-definitions]
// ([UG:Statistics-definitions]):
//
//	pNN, pNN.NNNNNNNNNN            percentile 0–100, at most 10 decimals
//	tmN wmN tcN tsN                lowercase; N is the upper percentage bound (tm99 ≡ TM(:99%))
//	TM(a:b) WM(a:b) TC(a:b) TS(a:b) PR(a:b)
//	                               uppercase; a or b may be omitted (not both); "%" makes a bound a
//	                               percentage (0–100), otherwise it is an absolute value; PR takes
//	                               absolute bounds only; a < b
//	IQM                            ≡ TM(25%:75%)
func ParseExtendedStatistic(s string) (Statistic, error) {
	st := Statistic{Name: s}
	switch {
	case s == "IQM":
		st.Kind = StatTrimmedMean
		st.Lo = Bound{Set: true, Value: 25, Percent: true}
		st.Hi = Bound{Set: true, Value: 75, Percent: true}
		return st, nil
	case len(s) >= 2 && s[0] == 'p':
		v, ok := parseStatNumber(s[1:])
		if !ok || v > 100 {
			return st, statErr(s, "percentile must be p0 to p100 with at most 10 decimals")
		}
		st.Kind, st.P = StatPercentile, v
		return st, nil
	case len(s) >= 3 && (s[:2] == "tm" || s[:2] == "wm" || s[:2] == "tc" || s[:2] == "ts"):
		v, ok := parseStatNumber(s[2:])
		if !ok || v > 100 || v == 0 {
			return st, statErr(s, "the bound must be a percentage above 0 and at most 100 with at most 10 decimals")
		}
		st.Kind = rangedKind(strings.ToUpper(s[:2]))
		st.Hi = Bound{Set: true, Value: v, Percent: true}
		return st, nil
	case len(s) >= 4 && s[2] == '(' && s[len(s)-1] == ')':
		k := rangedKind(s[:2])
		if k == 0 {
			return st, statErr(s, "unknown statistic")
		}
		st.Kind = k
		inner := s[3 : len(s)-1]
		colon := strings.IndexByte(inner, ':')
		if colon < 0 || strings.IndexByte(inner[colon+1:], ':') >= 0 {
			return st, statErr(s, "the range must be written a:b")
		}
		var err error
		if st.Lo, err = parseBound(s, inner[:colon]); err != nil {
			return st, err
		}
		if st.Hi, err = parseBound(s, inner[colon+1:]); err != nil {
			return st, err
		}
		if !st.Lo.Set && !st.Hi.Set {
			return st, statErr(s, "at least one bound is required")
		}
		if k == StatPercentileRank && (st.Lo.Percent || st.Hi.Percent) {
			return st, statErr(s, "PR takes absolute bounds")
		}
		if st.Lo.Set && st.Hi.Set && st.Lo.Percent == st.Hi.Percent && st.Lo.Value >= st.Hi.Value {
			return st, statErr(s, "the lower bound must be less than the upper bound")
		}
		return st, nil
	}
	return st, statErr(s, "unknown statistic")
}

func rangedKind(p string) StatKind {
	switch p {
	case "TM":
		return StatTrimmedMean
	case "WM":
		return StatWinsorizedMean
	case "TC":
		return StatTrimmedCount
	case "TS":
		return StatTrimmedSum
	case "PR":
		return StatPercentileRank
	}
	return 0
}

func parseBound(full, s string) (Bound, error) {
	if s == "" {
		return Bound{}, nil
	}
	b := Bound{Set: true}
	if strings.HasSuffix(s, "%") {
		b.Percent = true
		s = s[:len(s)-1]
	}
	v, ok := parseStatNumber(s)
	if !ok {
		return b, statErr(full, "a bound must be a non-negative number with at most 10 decimals")
	}
	if b.Percent && v > 100 {
		return b, statErr(full, "a percentage bound must be between 0 and 100")
	}
	b.Value = v
	return b, nil
}

// parseStatNumber accepts digits with an optional fraction of 1–10 digits: "99", "99.9", "0.5".
func parseStatNumber(s string) (float64, bool) {
	if s == "" || len(s) > 32 {
		return 0, false
	}
	dot := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && dot < 0:
			dot = i
		default:
			return 0, false
		}
	}
	if dot == 0 || dot == len(s)-1 || (dot > 0 && len(s)-dot-1 > 10) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}
