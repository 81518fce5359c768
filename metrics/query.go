package metrics

import (
	"strconv"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/queryid"
)

// Limits of GetMetricData ([API] GetMetricData).
const (
	MaxQueries          = 500
	MaxDatapointsPerGMD = 100800
)

// compiled is a validated MetricDataQuery.
type compiled struct {
	q        *MetricDataQuery
	stat     Statistic
	period   int64
	expr     *Expression
	insights *insightsQuery
	ret      bool
}

func validationError(msg string) error { return bus.ClientError("ValidationError", msg) }

// compileQueries validates MetricDataQueries ([API] MetricDataQuery): 1–500 queries, Ids unique and
// of the form [a-z][a-zA-Z0-9_]*, exactly one of MetricStat and Expression, a valid statistic,
// period and unit, a parsable expression. Expressions are additionally checked for references to
// unknown Ids and for cycles. Metrics Insights queries and cross-account queries are refused as
// not simulated.
func compileQueries(queries []MetricDataQuery) ([]compiled, map[string]int, error) {
	if len(queries) == 0 {
		return nil, nil, bus.ClientError("MissingParameter", "The parameter MetricDataQueries is required.")
	}
	if len(queries) > MaxQueries {
		return nil, nil, validationError("The collection MetricDataQueries must not have a size greater than 500.")
	}
	out := make([]compiled, len(queries))
	byID := make(map[string]int, len(queries))
	var p problems
	insights := 0
	for i := range queries {
		q := &queries[i]
		m := "MetricDataQueries.member." + strconv.Itoa(i+1)
		c := compiled{q: q, ret: q.ReturnData == nil || *q.ReturnData}
		switch {
		case q.Id == "":
			p.add("ValidationError", "The parameter "+m+".Id is required.")
		case len(q.Id) > 255 || !queryid.Valid(q.Id):
			p.add("ValidationError", "The value "+q.Id+" for parameter "+m+".Id is invalid. Ids must start with a lowercase letter and contain only letters, numbers and underscores.")
		default:
			if _, dup := byID[q.Id]; dup {
				p.add("ValidationError", "The value "+q.Id+" for parameter "+m+".Id is not unique.")
			}
			byID[q.Id] = i
		}
		if q.AccountId != "" {
			return nil, nil, bus.NotSimulated("monitoring", "cross-account observability (MetricDataQuery.AccountId)")
		}
		switch {
		case q.MetricStat != nil && q.Expression != "":
			p.add("ValidationError", "The parameters "+m+".MetricStat and "+m+".Expression are mutually exclusive and you have specified both.")
		case q.MetricStat == nil && q.Expression == "":
			p.add("ValidationError", "Exactly one of the parameters "+m+".MetricStat and "+m+".Expression must be specified.")
		case q.MetricStat != nil:
			ms := q.MetricStat
			if ms.Metric.Namespace == "" {
				p.add("ValidationError", "The parameter "+m+".MetricStat.Metric.Namespace is required.")
			}
			if ms.Metric.MetricName == "" {
				p.add("ValidationError", "The parameter "+m+".MetricStat.Metric.MetricName is required.")
			}
			validateDimensions(&p, m+".MetricStat.Metric.Dimensions", ms.Metric.Dimensions)
			st, err := ParseStatistic(ms.Stat)
			if err != nil {
				// [field] yet-another-cloudwatch-exporter#1435
				p.add("ValidationError", "The value for parameter "+m+".MetricStat.Stat is not a valid statistic.")
			}
			c.stat = st
			c.period = int64(ms.Period)
			if !ValidPeriod(c.period) {
				p.add("ValidationError", "The parameter "+m+".MetricStat.Period must be 1, 5, 10, 20, 30, 60, or any multiple of 60.")
			}
			if ms.Unit != "" && !IsStandardUnit(ms.Unit) {
				p.add("ValidationError", "The parameter "+m+".MetricStat.Unit must be a value in the set "+unitSetText()+".")
			}
		case isInsightsQuery(q.Expression):
			insights++
			if insights > 1 {
				p.add("ValidationError", "Only one Metrics Insights query is allowed per GetMetricData call.")
			}
			iq, err := parseInsights(q.Expression)
			if err != nil {
				if bus.IsNotSimulated(err) {
					return nil, nil, err
				}
				p.add("ValidationError", err.(*bus.Error).Message)
			}
			c.insights = iq
			c.period = int64(q.Period)
			if c.period == 0 {
				c.period = 60
			}
			if !ValidPeriod(c.period) {
				p.add("ValidationError", "The parameter "+m+".Period must be 1, 5, 10, 20, 30, 60, or any multiple of 60.")
			}
		default:
			x, err := ParseExpression(q.Expression)
			if err != nil {
				p.add("ValidationError", "Error in expression "+q.Id+": "+err.Error()+".")
			}
			c.expr = x
			c.period = int64(q.Period)
			if q.Period != 0 && !ValidPeriod(c.period) {
				p.add("ValidationError", "The parameter "+m+".Period must be 1, 5, 10, 20, 30, 60, or any multiple of 60.")
			}
		}
		out[i] = c
	}
	if err := p.err(); err != nil {
		return nil, nil, err
	}
	// references and cycles
	for i := range out {
		if out[i].expr == nil {
			continue
		}
		for _, r := range out[i].expr.refs {
			if _, ok := byID[r]; !ok {
				p.add("ValidationError", "Error in expression "+out[i].q.Id+": Unrecognized metric or expression Id "+r+".")
			}
		}
	}
	if err := p.err(); err != nil {
		return nil, nil, err
	}
	state := make([]uint8, len(out))
	var visit func(i int) error
	visit = func(i int) error {
		switch state[i] {
		case 1:
			return validationError("Circular dependency between expressions involving Id " + out[i].q.Id + ".")
		case 2:
			return nil
		}
		state[i] = 1
		if x := out[i].expr; x != nil {
			deps := x.refs
			for _, r := range deps {
				if err := visit(byID[r]); err != nil {
					return err
				}
			}
		}
		state[i] = 2
		return nil
	}
	for i := range out {
		if err := visit(i); err != nil {
			return nil, nil, err
		}
	}
	return out, byID, nil
}

func isInsightsQuery(expr string) bool {
	t := strings.TrimSpace(expr)
	return len(t) >= 7 && strings.EqualFold(t[:6], "SELECT") && (t[6] == ' ' || t[6] == '\t' || t[6] == '\n')
}

// run evaluates compiled queries over a range.
type run struct {
	s       *Service
	qs      []compiled
	byID    map[string]int
	start   time.Time
	end     time.Time
	now     time.Time
	api     bool // GetMetricData semantics: start rounding and data-age rules
	vals    []*MathValue
	msgs    [][]MessageData
	metrics []string
}

func (s *Service) newRun(qs []compiled, byID map[string]int, start, end, now time.Time, api bool) *run {
	r := &run{s: s, qs: qs, byID: byID, start: start, end: end, now: now, api: api, vals: make([]*MathValue, len(qs)), msgs: make([][]MessageData, len(qs))}
	for _, c := range qs {
		if c.q.MetricStat != nil {
			r.metrics = append(r.metrics, c.q.Id)
		}
	}
	return r
}

// gridStart is the first bucket start for period p.
func (r *run) gridStart(p int64) int64 {
	if r.api {
		return RoundStart(r.start, r.now, p).Unix()
	}
	return r.start.Unix()
}

// defaultPeriod is the period of expressions without metric inputs: the query Period, else the
// smallest MetricStat period of the request, else 60.
func (r *run) defaultPeriod(c compiled) int64 {
	if c.period > 0 {
		return c.period
	}
	best := int64(0)
	for _, o := range r.qs {
		if o.q.MetricStat != nil && (best == 0 || o.period < best) {
			best = o.period
		}
	}
	if best == 0 {
		best = 60
	}
	return best
}

func (r *run) value(i int) (MathValue, error) {
	if v := r.vals[i]; v != nil {
		return *v, nil
	}
	c := r.qs[i]
	var v MathValue
	if c.q.MetricStat != nil {
		s := r.metricSeries(i)
		v = SeriesValue(s)
	} else if c.insights != nil {
		v = r.insightsSeries(c.insights, r.gridStart(max(c.period, 60)), r.end.Unix(), c.period)
	} else {
		p := r.defaultPeriod(c)
		start := r.gridStart(p)
		env := &MathEnv{Start: start, End: r.end.Unix(), Period: p, MetricIDs: r.metrics, Lookup: func(id string) (MathValue, error) {
			j, ok := r.byID[id]
			if !ok {
				return MathValue{}, &MathError{Msg: "Unrecognized metric or expression Id " + id}
			}
			return r.value(j)
		}}
		var err error
		v, err = c.expr.Eval(env)
		if err != nil {
			if me, ok := err.(*MathError); ok {
				return MathValue{}, validationError("Error in expression " + c.q.Id + ": " + me.Msg + ".")
			}
			return MathValue{}, err
		}
	}
	r.vals[i] = &v
	return v, nil
}

// metricSeries aggregates the data of a MetricStat query into its bucket series.
func (r *run) metricSeries(i int) *Series {
	c := r.qs[i]
	ms := c.q.MetricStat
	out := &Series{Period: c.period, Metric: true, Label: ms.Metric.MetricName}
	start := r.gridStart(c.period)
	end := r.end.Unix()
	if end <= start {
		return out
	}
	if r.api && !PeriodSupported(r.start, r.now, c.period) {
		return out
	}
	m := r.s.store.entry(ms.Metric.Namespace, ms.Metric.MetricName, ms.Metric.Dimensions, false)
	if m == nil {
		return out
	}
	var u *unitSeries
	if ms.Unit != "" {
		for _, x := range m.units {
			if x.unit == ms.Unit {
				u = x
			}
		}
	} else {
		var withData []string
		for _, x := range m.units {
			if x.hasData(start, end) {
				if u == nil {
					u = x // units are sorted: the alphabetically first one ([derived])
				}
				withData = append(withData, x.unit)
			}
		}
		if len(withData) > 1 {
			r.msgs[i] = append(r.msgs[i], MessageData{Code: "MultipleUnits", Value: "Multiple units returned: '[" + strings.Join(withData, ", ") + "]'"})
		}
	}
	if u == nil {
		return out
	}
	br := bucketRange{start: start, end: end, period: c.period}
	buckets := r.s.scratch.bucketsFor(br.count())
	u.collect(br, buckets, c.stat.Extended(), &r.s.scratch)
	for bi := range buckets {
		b := &buckets[bi]
		if b.SampleCount == 0 {
			continue
		}
		v, ok := b.Value(c.stat, r.s.cfg.percentile)
		if !ok {
			continue
		}
		out.Times = append(out.Times, start+int64(bi)*c.period)
		out.Values = append(out.Values, v)
		out.Counts = append(out.Counts, b.SampleCount)
	}
	return out
}

// labels computes the default labels of MetricStat queries ([UG:graph-dynamic-labels]): the metric name, plus
// the statistic and/or the period when other queries of the call read the same metric with a
// different statistic and/or period. The unit never goes into the label.
func (r *run) defaultLabels() map[int]string {
	groups := map[string][]int{}
	for i, c := range r.qs {
		if ms := c.q.MetricStat; ms != nil {
			k := metricKey(ms.Metric.Namespace, ms.Metric.MetricName, ms.Metric.Dimensions)
			groups[k] = append(groups[k], i)
		}
	}
	out := map[int]string{}
	for _, idx := range groups {
		statsDiffer, periodsDiffer := false, false
		for _, i := range idx[1:] {
			if r.qs[i].q.MetricStat.Stat != r.qs[idx[0]].q.MetricStat.Stat {
				statsDiffer = true
			}
			if r.qs[i].period != r.qs[idx[0]].period {
				periodsDiffer = true
			}
		}
		for _, i := range idx {
			ms := r.qs[i].q.MetricStat
			l := ms.Metric.MetricName
			if statsDiffer {
				l += " " + ms.Stat
			}
			if periodsDiffer {
				l += " " + strconv.FormatInt(r.qs[i].period, 10)
			}
			out[i] = l
		}
	}
	return out
}

// results evaluates every query and returns the results of those with ReturnData, in query order,
// with ascending timestamps.
func (r *run) results() ([]MetricDataResult, error) {
	labels := r.defaultLabels()
	var out []MetricDataResult
	for i, c := range r.qs {
		v, err := r.value(i)
		if err != nil {
			return nil, err
		}
		if !c.ret {
			continue
		}
		if v.Kind == KindScalar {
			return nil, validationError("Error in expression " + c.q.Id + ": the expression must return a time series or an array of time series, not a scalar.")
		}
		base := c.q.Label
		if base == "" {
			if l, ok := labels[i]; ok {
				base = l
			} else {
				base = c.q.Id
			}
		}
		for _, s := range v.Series {
			label := base
			if v.Kind == KindSeriesArray {
				switch {
				case c.q.Label != "" && s.Label != "":
					label = c.q.Label + " " + s.Label
				case s.Label != "":
					label = s.Label
				}
			}
			res := MetricDataResult{Id: c.q.Id, Label: label, StatusCode: StatusComplete, Messages: r.msgs[i],
				Timestamps: make([]time.Time, len(s.Times)), Values: append([]float64{}, s.Values...)}
			for k, t := range s.Times {
				res.Timestamps[k] = time.Unix(t, 0).UTC()
			}
			if s.Metric {
				res.SampleCounts = append([]float64(nil), s.Counts...)
			}
			out = append(out, res)
		}
	}
	return out, nil
}

// queryLocked evaluates MetricStat and metric-math queries over [start, end) for callers that
// already hold the bus state lock (the alarms service during evaluation, through the engine). It
// does NOT take the lock. Contract:
//
//   - queries are validated as GetMetricData validates them (errors are *bus.Error with code
//     ValidationError, or *bus.NotSimulatedError);
//   - buckets start exactly at start (no StartTime rounding, no data-age rule): bucket k of a
//     MetricStat with period P covers [start+k·P, start+(k+1)·P) and is stamped with its start;
//     only buckets with data (and, for extended statistics, available data) are returned;
//   - results are returned for the queries whose ReturnData is true (default), in query order; an
//     expression that yields several series gives several results with the same Id;
//   - Timestamps ascend; SampleCounts[k] is the number of samples behind Values[k] for MetricStat
//     results (nil for expressions);
//   - the unit rules of GetMetricData apply (a MetricStat Unit selects that unit; without one the
//     alphabetically first unit with data is used and a MultipleUnits message is attached).
func (s *Service) queryLocked(queries []MetricDataQuery, start, end time.Time) ([]MetricDataResult, error) {
	if !start.Before(end) {
		return nil, validationError("The parameter StartTime must be less than the parameter EndTime.")
	}
	qs, byID, err := compileQueries(queries)
	if err != nil {
		return nil, err
	}
	return s.newRun(qs, byID, start, end, s.b.Now(), false).results()
}

// validateQueries checks MetricDataQueries without evaluating them (for PutMetricAlarm's Metrics).
// It does not touch service state.
func validateQueries(queries []MetricDataQuery) error {
	_, _, err := compileQueries(queries)
	return err
}

// sortResultsDesc reverses every result's arrays (ScanBy TimestampDescending).
func reverseResult(r *MetricDataResult) {
	for i, j := 0, len(r.Values)-1; i < j; i, j = i+1, j-1 {
		r.Values[i], r.Values[j] = r.Values[j], r.Values[i]
		r.Timestamps[i], r.Timestamps[j] = r.Timestamps[j], r.Timestamps[i]
		if r.SampleCounts != nil {
			r.SampleCounts[i], r.SampleCounts[j] = r.SampleCounts[j], r.SampleCounts[i]
		}
	}
}
