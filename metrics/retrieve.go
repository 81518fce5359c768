package metrics

import (
	"context"
	"encoding/base64"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
)

// MaxDatapointsPerGMS is the GetMetricStatistics datapoint limit ([API] GetMetricStatistics).
const MaxDatapointsPerGMS = 1440

// GetMetricStatistics returns statistics of one metric ([API] GetMetricStatistics):
// period-aligned buckets from the rounded StartTime (inclusive) to EndTime (exclusive), one
// datapoint per bucket and unit (only the Unit given, when one is), each stamped with its bucket
// start. Datapoints come in time order, then unit order (AWS does not promise any order).
func (s *Service) GetMetricStatistics(ctx context.Context, in *GetMetricStatisticsInput) (*GetMetricStatisticsOutput, error) {
	op := bus.Operation{Source: Source, Name: "GetMetricStatistics", ReadOnly: true}
	return bus.Call(ctx, s.b, op, in, func(ctx context.Context, in *GetMetricStatisticsInput) (*GetMetricStatisticsOutput, error) {
		stats, err := validateGMS(in)
		if err != nil {
			return nil, err
		}
		return s.getMetricStatisticsLocked(in, stats), nil
	})
}

func validateGMS(in *GetMetricStatisticsInput) ([]Statistic, error) {
	var p problems
	if in.Namespace == "" {
		p.add("MissingParameter", "The parameter Namespace is required.")
	}
	if in.MetricName == "" {
		p.add("MissingParameter", "The parameter MetricName is required.")
	}
	if in.StartTime.IsZero() {
		p.add("MissingParameter", "The parameter StartTime is required.")
	}
	if in.EndTime.IsZero() {
		p.add("MissingParameter", "The parameter EndTime is required.")
	}
	if in.Period == 0 {
		p.add("MissingParameter", "The parameter Period is required.")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	validateDimensions(&p, "Dimensions", in.Dimensions)
	if !in.StartTime.Before(in.EndTime) {
		p.add("InvalidParameterValue", "The parameter StartTime must be less than the parameter EndTime.")
	}
	if !ValidPeriod(int64(in.Period)) {
		p.add("InvalidParameterValue", "The parameter Period must be 1, 5, 10, 20, 30, 60, or any multiple of 60.")
	}
	if len(in.Statistics) == 0 && len(in.ExtendedStatistics) == 0 {
		p.add("MissingParameter", "Must specify either Statistics or ExtendedStatistics.")
	}
	if len(in.Statistics) > 5 {
		p.add("InvalidParameterValue", "The collection Statistics must not have a size greater than 5.")
	}
	if len(in.ExtendedStatistics) > 10 {
		p.add("InvalidParameterValue", "The collection ExtendedStatistics must not have a size greater than 10.")
	}
	var stats []Statistic
	for i, n := range in.Statistics {
		if !IsBasicStatistic(n) {
			p.add("InvalidParameterValue", "The parameter Statistics.member."+strconv.Itoa(i+1)+" must be a value in the set [ SampleCount, Average, Sum, Minimum, Maximum ].")
			continue
		}
		st, _ := ParseStatistic(n)
		stats = append(stats, st)
	}
	for _, n := range in.ExtendedStatistics {
		st, err := ParseExtendedStatistic(n)
		if err != nil {
			p.add("InvalidParameterValue", "The value "+n+" for parameter ExtendedStatistics is not supported.")
			continue
		}
		stats = append(stats, st)
	}
	if in.Unit != "" && !IsStandardUnit(in.Unit) {
		p.add("InvalidParameterValue", "The parameter Unit must be a value in the set "+unitSetText()+".")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	// The datapoint count is computed from the request before looking at the data ([field] cloud-custodian#7103: "You have requested up to 86400 datapoints").
	span := in.EndTime.Sub(in.StartTime)
	n := int64((span + time.Duration(in.Period)*time.Second - 1) / (time.Duration(in.Period) * time.Second))
	if n > MaxDatapointsPerGMS {
		return nil, bus.ClientErrorf("InvalidParameterCombination", "You have requested up to %d datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.", n)
	}
	return stats, nil
}

func (s *Service) getMetricStatisticsLocked(in *GetMetricStatisticsInput, stats []Statistic) *GetMetricStatisticsOutput {
	out := &GetMetricStatisticsOutput{Label: in.MetricName, Datapoints: []Datapoint{}}
	now := s.b.Now()
	p := int64(in.Period)
	if !PeriodSupported(in.StartTime, now, p) {
		return out
	}
	m := s.store.entry(in.Namespace, in.MetricName, in.Dimensions, false)
	if m == nil {
		return out
	}
	start := RoundStart(in.StartTime, now, p).Unix()
	br := bucketRange{start: start, end: in.EndTime.Unix(), period: p}
	n := br.count()
	if n <= 0 {
		return out
	}
	needValues := false
	for _, st := range stats {
		needValues = needValues || st.Extended()
	}
	// one unit at a time (reusing the scratch buckets), then order by time and unit
	var backing []float64
	for _, u := range m.units {
		if in.Unit != "" && u.unit != in.Unit {
			continue
		}
		bs := s.scratch.bucketsFor(n)
		u.collect(br, bs, needValues, &s.scratch)
		for bi := range bs {
			b := &bs[bi]
			if b.SampleCount == 0 {
				continue
			}
			dp := Datapoint{Timestamp: time.Unix(start+int64(bi)*p, 0).UTC(), Unit: u.unit}
			if len(backing) < 5 {
				backing = make([]float64, 5*64) // the basic statistics of 64 datapoints per allocation
			}
			for _, st := range stats {
				v, ok := b.Value(st, s.cfg.percentile)
				if !ok {
					continue
				}
				var slot *float64
				if !st.Extended() {
					slot = &backing[0]
					*slot = v
					backing = backing[1:]
				}
				switch st.Kind {
				case StatSampleCount:
					dp.SampleCount = slot
				case StatSum:
					dp.Sum = slot
				case StatAverage:
					dp.Average = slot
				case StatMinimum:
					dp.Minimum = slot
				case StatMaximum:
					dp.Maximum = slot
				default:
					if dp.ExtendedStatistics == nil {
						dp.ExtendedStatistics = map[string]float64{}
					}
					dp.ExtendedStatistics[st.Name] = v
				}
			}
			out.Datapoints = append(out.Datapoints, dp)
		}
	}
	// units are visited in name order, so a stable sort by time gives time-then-unit order
	sort.SliceStable(out.Datapoints, func(i, j int) bool { return out.Datapoints[i].Timestamp.Before(out.Datapoints[j].Timestamp) })
	return out
}

// GetMetricData evaluates MetricStat and metric-math queries ([API] GetMetricData; [UG:using-metric-math]).
// Results come in query order for queries with ReturnData (default true), timestamps ordered by
// ScanBy (default TimestampDescending). When the results hold more than MaxDatapoints values, the
// response is cut and the cut result gets StatusCode PartialData; NextToken resumes from there,
// except in requests with expressions, for which AWS returns no NextToken.
func (s *Service) GetMetricData(ctx context.Context, in *GetMetricDataInput) (*GetMetricDataOutput, error) {
	op := bus.Operation{Source: Source, Name: "GetMetricData", ReadOnly: true}
	return bus.Call(ctx, s.b, op, in, func(ctx context.Context, in *GetMetricDataInput) (*GetMetricDataOutput, error) {
		return s.getMetricDataLocked(in)
	})
}

func (s *Service) getMetricDataLocked(in *GetMetricDataInput) (*GetMetricDataOutput, error) {
	if in.StartTime.IsZero() {
		return nil, bus.ClientError("MissingParameter", "The parameter StartTime is required.")
	}
	if in.EndTime.IsZero() {
		return nil, bus.ClientError("MissingParameter", "The parameter EndTime is required.")
	}
	if !in.StartTime.Before(in.EndTime) {
		return nil, validationError("The parameter StartTime must be less than the parameter EndTime.")
	}
	desc := true
	switch in.ScanBy {
	case "", "TimestampDescending":
	case "TimestampAscending":
		desc = false
	default:
		return nil, awserr.Validation("ValidationError", in.ScanBy, "scanBy", "Member must satisfy enum value set: [TimestampDescending, TimestampAscending]")
	}
	max := int(in.MaxDatapoints)
	if max <= 0 {
		max = MaxDatapointsPerGMD
	}
	if in.LabelOptions != nil && in.LabelOptions.Timezone != "" && !validTimezone(in.LabelOptions.Timezone) {
		return nil, validationError("The value " + in.LabelOptions.Timezone + " for parameter LabelOptions.Timezone is invalid. It must be in the format +HHMM or -HHMM.")
	}
	qs, byID, err := compileQueries(in.MetricDataQueries)
	if err != nil {
		return nil, err
	}
	r := s.newRun(qs, byID, in.StartTime, in.EndTime, s.b.Now(), true)
	results, err := r.results()
	if err != nil {
		return nil, err
	}
	for i := range results {
		results[i].SampleCounts = nil
		if desc {
			reverseResult(&results[i])
		}
		if strings.Contains(results[i].Label, "${") {
			l, err := expandDynamicLabel(results[i].Label, r, &results[i])
			if err != nil {
				return nil, err
			}
			results[i].Label = l
		}
	}
	// pagination
	skipRes, skipPts := 0, 0
	if in.NextToken != "" {
		skipRes, skipPts, err = decodeGMDToken(in.NextToken, in)
		if err != nil || skipRes > len(results) {
			return nil, bus.ClientError("InvalidNextToken", "The service found NextToken invalid.")
		}
	}
	out := &GetMetricDataOutput{MetricDataResults: []MetricDataResult{}}
	budget := max
	for i := skipRes; i < len(results); i++ {
		res := results[i]
		if i == skipRes && skipPts > 0 {
			if skipPts > len(res.Values) {
				return nil, bus.ClientError("InvalidNextToken", "The service found NextToken invalid.")
			}
			res.Values, res.Timestamps = res.Values[skipPts:], res.Timestamps[skipPts:]
		}
		if len(res.Values) > budget {
			off := budget
			if i == skipRes {
				off += skipPts
			}
			res.Values, res.Timestamps = res.Values[:budget], res.Timestamps[:budget]
			res.StatusCode = StatusPartialData
			out.MetricDataResults = append(out.MetricDataResults, res)
			// "NextToken is not returned if you are performing a math expression" ([API]
			// MetricDataResult.StatusCode): the rest of a request with expressions cannot be paged.
			if !hasExpressions(in.MetricDataQueries) {
				out.NextToken = encodeGMDToken(i, off, in)
			}
			break
		}
		budget -= len(res.Values)
		out.MetricDataResults = append(out.MetricDataResults, res)
	}
	return out, nil
}

func hasExpressions(qs []MetricDataQuery) bool {
	for _, q := range qs {
		if q.Expression != "" {
			return true
		}
	}
	return false
}

func validTimezone(tz string) bool {
	if len(tz) != 5 || (tz[0] != '+' && tz[0] != '-') {
		return false
	}
	for _, c := range tz[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	h, _ := strconv.Atoi(tz[1:3])
	m, _ := strconv.Atoi(tz[3:])
	return h <= 23 && m <= 59
}

// The NextToken of GetMetricData encodes where the previous page stopped and a fingerprint of the
// request, so a token cannot be replayed against another request.
func gmdFingerprint(in *GetMetricDataInput) string {
	var sb strings.Builder
	sb.WriteString(in.StartTime.UTC().Format(time.RFC3339Nano))
	sb.WriteString(in.EndTime.UTC().Format(time.RFC3339Nano))
	for _, q := range in.MetricDataQueries {
		sb.WriteString(q.Id)
		sb.WriteByte(0)
	}
	h := uint64(14695981039346656037)
	for _, c := range []byte(sb.String()) {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return strconv.FormatUint(h, 36)
}

func encodeGMDToken(res, pts int, in *GetMetricDataInput) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(res) + ":" + strconv.Itoa(pts) + ":" + gmdFingerprint(in)))
}

func decodeGMDToken(tok string, in *GetMetricDataInput) (int, int, error) {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, 0, err
	}
	parts := strings.Split(string(raw), ":")
	if len(parts) != 3 || parts[2] != gmdFingerprint(in) {
		return 0, 0, strconv.ErrSyntax
	}
	a, err1 := strconv.Atoi(parts[0])
	b, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil || a < 0 || b < 0 {
		return 0, 0, strconv.ErrSyntax
	}
	return a, b, nil
}
