package logs

import (
	"context"
	"slices"
	"strings"
	"time"

	watchusage "github.com/watchsim/watchsim/internal/usage"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/logs/filterpattern"
)

// MetricTransformation is the AWS shape MetricTransformation: the metric a metric filter publishes
// and the value and dimensions of each datapoint.
type MetricTransformation struct {
	MetricName      string `json:"metricName"`
	MetricNamespace string `json:"metricNamespace"`
	// MetricValue is a number ("1"), a JSON field ("$.latency") or a space-delimited field ("$size").
	MetricValue string `json:"metricValue"`
	// DefaultValue is published for each ingested event that does not match.
	DefaultValue *float64          `json:"defaultValue,omitempty"`
	Dimensions   map[string]string `json:"dimensions,omitempty"`
	Unit         string            `json:"unit,omitempty"`
}

// MetricFilter is the AWS shape MetricFilter.
type MetricFilter struct {
	FilterName                string                 `json:"filterName"`
	FilterPattern             string                 `json:"filterPattern"`
	MetricTransformations     []MetricTransformation `json:"metricTransformations"`
	CreationTime              int64                  `json:"creationTime"`
	LogGroupName              string                 `json:"logGroupName"`
	ApplyOnTransformedLogs    bool                   `json:"applyOnTransformedLogs"`
	EmitSystemFieldDimensions []string               `json:"emitSystemFieldDimensions,omitempty"`
}

// PutMetricFilterInput is the input of PutMetricFilter.
type PutMetricFilterInput struct {
	LogGroupName          string                 `json:"logGroupName"`
	FilterName            string                 `json:"filterName"`
	FilterPattern         *string                `json:"filterPattern"`
	MetricTransformations []MetricTransformation `json:"metricTransformations"`
	// ApplyOnTransformedLogs (log transformers) is not simulated: true is refused.
	ApplyOnTransformedLogs *bool `json:"applyOnTransformedLogs,omitempty"`
	// FieldSelectionCriteria is not simulated: a non-empty value is refused.
	FieldSelectionCriteria string `json:"fieldSelectionCriteria,omitempty"`
	// EmitSystemFieldDimensions adds the dimensions "@aws.account" and/or "@aws.region".
	EmitSystemFieldDimensions []string `json:"emitSystemFieldDimensions,omitempty"`
}

// PutMetricFilterOutput is the (empty) output of PutMetricFilter.
type PutMetricFilterOutput struct{}

// DescribeMetricFiltersInput is the input of DescribeMetricFilters.
type DescribeMetricFiltersInput struct {
	LogGroupName     string `json:"logGroupName,omitempty"`
	FilterNamePrefix string `json:"filterNamePrefix,omitempty"`
	NextToken        string `json:"nextToken,omitempty"`
	Limit            *int32 `json:"limit,omitempty"`
	MetricName       string `json:"metricName,omitempty"`
	MetricNamespace  string `json:"metricNamespace,omitempty"`
}

// DescribeMetricFiltersOutput is the output of DescribeMetricFilters.
type DescribeMetricFiltersOutput struct {
	MetricFilters []MetricFilter `json:"metricFilters"`
	NextToken     string         `json:"nextToken,omitempty"`
}

// DeleteMetricFilterInput is the input of DeleteMetricFilter.
type DeleteMetricFilterInput struct {
	LogGroupName string `json:"logGroupName"`
	FilterName   string `json:"filterName"`
}

// DeleteMetricFilterOutput is the (empty) output of DeleteMetricFilter.
type DeleteMetricFilterOutput struct{}

// TestMetricFilterInput is the input of TestMetricFilter.
type TestMetricFilterInput struct {
	FilterPattern    *string  `json:"filterPattern"`
	LogEventMessages []string `json:"logEventMessages"`
}

// MetricFilterMatchRecord is the AWS shape MetricFilterMatchRecord.
type MetricFilterMatchRecord struct {
	EventNumber     int64             `json:"eventNumber"`
	EventMessage    string            `json:"eventMessage"`
	ExtractedValues map[string]string `json:"extractedValues"`
}

// TestMetricFilterOutput is the output of TestMetricFilter.
type TestMetricFilterOutput struct {
	Matches []MetricFilterMatchRecord `json:"matches"`
}

type metricFilter struct {
	name     string
	pattern  string
	created  int64
	t        MetricTransformation
	eval     *filterpattern.MetricFilterEvaluator
	system   []string
	regex    bool
	source   string
	dimNames []string // sorted names of the transformation's dimensions
}

func (f *metricFilter) describe(group string) MetricFilter {
	t := f.t
	t.Dimensions = copyTags(t.Dimensions)
	return MetricFilter{FilterName: f.name, FilterPattern: f.pattern, MetricTransformations: []MetricTransformation{t},
		CreationTime: f.created, LogGroupName: group, EmitSystemFieldDimensions: slices.Clone(f.system)}
}

// regexFilters counts the regex-bearing metric and subscription filters of g, leaving out the
// filter named skip of the given kind (the one being replaced).
func (g *group) regexFilters(skipMetric, skipSub string) int {
	n := 0
	for _, f := range g.metricFilters {
		if f.regex && f.name != skipMetric {
			n++
		}
	}
	for _, f := range g.subs {
		if f.regex && f.name != skipSub {
			n++
		}
	}
	return n
}

func checkPattern(p *string, member string) (string, error) {
	if p == nil {
		return "", violation(nil, member, "Member must not be null")
	}
	return *p, nil
}

// PutMetricFilter creates or replaces a metric filter (PutMetricFilter API reference): exactly one
// transformation, at most 100 filters per group, at most five regex-bearing filters (metric and
// subscription filters together) per group, only on STANDARD groups. The filter sees only events
// ingested after it exists.
func (s *Service) PutMetricFilter(ctx context.Context, in *PutMetricFilterInput) (*PutMetricFilterOutput, error) {
	return bus.Call(ctx, s.b, op("PutMetricFilter", false), in, func(ctx context.Context, in *PutMetricFilterInput) (*PutMetricFilterOutput, error) {
		if err := checkGroupAndName(in.LogGroupName, in.FilterName, "filterName"); err != nil {
			return nil, err
		}
		src, err := checkPattern(in.FilterPattern, "filterPattern")
		if err != nil {
			return nil, err
		}
		switch n := len(in.MetricTransformations); {
		case in.MetricTransformations == nil:
			return nil, violation(nil, "metricTransformations", "Member must not be null")
		case n == 0:
			return nil, violation("[]", "metricTransformations", "Member must have length greater than or equal to 1")
		case n > 1:
			return nil, violation(transformationsText(in.MetricTransformations), "metricTransformations", "Member must have length less than or equal to 1")
		}
		t := in.MetricTransformations[0]
		for _, c := range []struct{ v, m string }{{t.MetricName, "metricTransformations.1.member.metricName"},
			{t.MetricNamespace, "metricTransformations.1.member.metricNamespace"}} {
			if err := checkLen(c.v, c.m, 1, 255); err != nil {
				return nil, err
			}
		}
		if strings.ContainsAny(t.MetricName, ":*$") {
			return nil, violation(t.MetricName, "metricTransformations.1.member.metricName", "Member must satisfy regular expression pattern: [^:*$]*")
		}
		if strings.ContainsAny(t.MetricNamespace, "*$") {
			return nil, violation(t.MetricNamespace, "metricTransformations.1.member.metricNamespace", "Member must satisfy regular expression pattern: [^:*$]*")
		}
		if err := checkLen(t.MetricValue, "metricTransformations.1.member.metricValue", 1, 100); err != nil {
			return nil, err
		}
		if in.ApplyOnTransformedLogs != nil && *in.ApplyOnTransformedLogs {
			return nil, bus.NotSimulated("logs", "metric filters on transformed logs (applyOnTransformedLogs)")
		}
		if in.FieldSelectionCriteria != "" {
			return nil, bus.NotSimulated("logs", "metric filter fieldSelectionCriteria")
		}
		for _, d := range in.EmitSystemFieldDimensions {
			if d != "@aws.account" && d != "@aws.region" {
				return nil, invalidParameter("Invalid system field dimension: " + d + " (valid: @aws.account, @aws.region)")
			}
		}
		eval, err := filterpattern.CompileMetricFilter(src, filterpattern.MetricTransformation{MetricName: t.MetricName,
			MetricNamespace: t.MetricNamespace, MetricValue: t.MetricValue, DefaultValue: t.DefaultValue, Dimensions: t.Dimensions, Unit: t.Unit})
		if err != nil {
			return nil, err
		}
		g, err := s.lookupGroup(in.LogGroupName, "")
		if err != nil {
			return nil, err
		}
		if g.class != ClassStandard {
			return nil, invalidParameter("Metric filters are only supported for log groups of the STANDARD log group class.")
		}
		old := g.metricFilters[in.FilterName]
		if old == nil && len(g.metricFilters) >= MaxMetricFilters {
			return nil, bus.ClientError(LimitExceededException, "Resource limit exceeded.")
		}
		regex := eval.Pattern().RegexCount() > 0
		if regex && g.regexFilters(in.FilterName, "") >= MaxRegexFiltersPerGroup {
			return nil, bus.ClientError(LimitExceededException, "Resource limit exceeded.")
		}
		f := &metricFilter{name: in.FilterName, pattern: src, created: s.nowMillis(), t: t, eval: eval, regex: regex,
			system: slices.Clone(in.EmitSystemFieldDimensions), source: "logs:metric-filter:" + g.name + ":" + in.FilterName}
		f.t.Dimensions = copyTags(t.Dimensions)
		for k := range f.t.Dimensions {
			f.dimNames = append(f.dimNames, k)
		}
		slices.Sort(f.dimNames)
		ct := bus.ResourceCreated
		if old != nil {
			ct = bus.ResourceUpdated
			f.created = old.created
			i := slices.Index(g.mfOrder, old)
			g.mfOrder[i] = f
		} else {
			g.mfOrder = append(g.mfOrder, f)
		}
		g.metricFilters[f.name] = f
		s.publishChange(ctx, ct, "AWS::Logs::MetricFilter", g.name+"|"+f.name, f.name, "", nil, f.describe(g.name))
		return &PutMetricFilterOutput{}, nil
	})
}

func transformationsText(ts []MetricTransformation) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = "MetricTransformation(metricName=" + t.MetricName + ", metricNamespace=" + t.MetricNamespace + ", metricValue=" + t.MetricValue + ")"
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// DeleteMetricFilter deletes a metric filter.
func (s *Service) DeleteMetricFilter(ctx context.Context, in *DeleteMetricFilterInput) (*DeleteMetricFilterOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteMetricFilter", false), in, func(ctx context.Context, in *DeleteMetricFilterInput) (*DeleteMetricFilterOutput, error) {
		if err := checkGroupAndName(in.LogGroupName, in.FilterName, "filterName"); err != nil {
			return nil, err
		}
		g, err := s.lookupGroup(in.LogGroupName, "")
		if err != nil {
			return nil, err
		}
		f := g.metricFilters[in.FilterName]
		if f == nil {
			return nil, bus.ClientError(ResourceNotFoundException, "The specified metric filter does not exist.")
		}
		delete(g.metricFilters, f.name)
		g.mfOrder = slices.DeleteFunc(g.mfOrder, func(x *metricFilter) bool { return x == f })
		s.publishChange(ctx, bus.ResourceDeleted, "AWS::Logs::MetricFilter", g.name+"|"+f.name, f.name, "", nil, nil)
		return &DeleteMetricFilterOutput{}, nil
	})
}

// DescribeMetricFilters lists metric filters in ASCII order of their names (of one group, or of all
// groups), filtered by name prefix or by the metric they publish, up to 50 per page.
func (s *Service) DescribeMetricFilters(ctx context.Context, in *DescribeMetricFiltersInput) (*DescribeMetricFiltersOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeMetricFilters", true), in, func(ctx context.Context, in *DescribeMetricFiltersInput) (*DescribeMetricFiltersOutput, error) {
		limit, err := checkLimit(in.Limit, "limit", MaxDescribeLimit, MaxDescribeLimit)
		if err != nil {
			return nil, err
		}
		if len(in.FilterNamePrefix) > MaxNameLength {
			return nil, violation(in.FilterNamePrefix, "filterNamePrefix", "Member must have length less than or equal to 512")
		}
		if len(in.MetricName) > 255 {
			return nil, violation(in.MetricName, "metricName", "Member must have length less than or equal to 255")
		}
		if (in.MetricName == "") != (in.MetricNamespace == "") {
			return nil, invalidParameter("metricName and metricNamespace must be specified together.")
		}
		var groups []*group
		if in.LogGroupName != "" {
			g, err := s.lookupGroup(in.LogGroupName, "")
			if err != nil {
				return nil, err
			}
			groups = []*group{g}
		} else {
			groups = s.sortedGroups()
		}
		after := ""
		if in.NextToken != "" {
			if after, err = decodeToken("metric-filters", in.NextToken); err != nil {
				return nil, err
			}
		}
		var all []MetricFilter
		for _, g := range groups {
			for _, f := range g.metricFilters {
				if !strings.HasPrefix(f.name, in.FilterNamePrefix) ||
					in.MetricName != "" && (f.t.MetricName != in.MetricName || f.t.MetricNamespace != in.MetricNamespace) {
					continue
				}
				all = append(all, f.describe(g.name))
			}
		}
		key := func(m MetricFilter) string { return m.FilterName + "\x00" + m.LogGroupName }
		slices.SortFunc(all, func(a, b MetricFilter) int { return strings.Compare(key(a), key(b)) })
		out := &DescribeMetricFiltersOutput{MetricFilters: []MetricFilter{}}
		for _, m := range all {
			if after != "" && key(m) <= after {
				continue
			}
			if len(out.MetricFilters) == limit {
				out.NextToken = encodeToken("metric-filters", key(out.MetricFilters[limit-1]))
				break
			}
			out.MetricFilters = append(out.MetricFilters, m)
		}
		return out, nil
	})
}

// TestMetricFilter tests a filter pattern on 1–50 messages; matches are numbered from 1.
func (s *Service) TestMetricFilter(ctx context.Context, in *TestMetricFilterInput) (*TestMetricFilterOutput, error) {
	return bus.Call(ctx, s.b, op("TestMetricFilter", true), in, func(ctx context.Context, in *TestMetricFilterInput) (*TestMetricFilterOutput, error) {
		src, err := checkPattern(in.FilterPattern, "filterPattern")
		if err != nil {
			return nil, err
		}
		if in.LogEventMessages == nil {
			return nil, violation(nil, "logEventMessages", "Member must not be null")
		}
		recs, err := filterpattern.TestMetricFilter(src, in.LogEventMessages)
		if err != nil {
			return nil, err
		}
		out := &TestMetricFilterOutput{Matches: make([]MetricFilterMatchRecord, len(recs))}
		for i, r := range recs {
			out.Matches[i] = MetricFilterMatchRecord{EventNumber: r.EventNumber, EventMessage: r.EventMessage, ExtractedValues: r.ExtractedValues}
			if out.Matches[i].ExtractedValues == nil {
				out.Matches[i].ExtractedValues = map[string]string{}
			}
		}
		return out, nil
	})
}

// applyMetricFilter runs the events of st from arrival index first through f and publishes one
// sample per observation on bus.MetricDataIn. Consecutive observations with the same timestamp and
// dimensions travel in one datum as Values and Counts (at most 150 distinct values, the
// PutMetricData limit), which CloudWatch stores exactly as separate datapoints: every event still
// counts once in SampleCount, Sum and the percentiles.
func (s *Service) applyMetricFilter(ctx context.Context, g *group, f *metricFilter, st *stream, first int, now int64) {
	es := &st.st
	var data []bus.MetricDatum
	var lastTS int64
	for i := first; i < es.len(); i++ {
		obs, ok := f.eval.Evaluate(es.message(i))
		if !ok {
			continue
		}
		ts := es.ts[i]
		if s.opts.metricTime == IngestionTime {
			ts = now
		}
		var dims []bus.Dimension
		if obs.Dimensions != nil || len(f.system) > 0 {
			for _, k := range f.dimNames {
				if val, ok := obs.Dimensions[k]; ok {
					dims = append(dims, bus.Dimension{Name: k, Value: val})
				}
			}
			for _, sys := range f.system {
				val := s.b.Account()
				if sys == "@aws.region" {
					val = s.b.Region()
				}
				dims = append(dims, bus.Dimension{Name: sys, Value: val})
			}
		}
		if n := len(data); n > 0 && lastTS == ts && slices.Equal(data[n-1].Dimensions, dims) {
			d := &data[n-1]
			if k := slices.Index(d.Values, obs.Value); k >= 0 {
				d.Counts[k]++
				continue
			}
			if len(d.Values) < 150 {
				d.Values = append(d.Values, obs.Value)
				d.Counts = append(d.Counts, 1)
				continue
			}
		}
		lastTS = ts
		data = append(data, bus.MetricDatum{MetricName: f.t.MetricName, Dimensions: dims, Timestamp: time.UnixMilli(ts).UTC(),
			Values: []float64{obs.Value}, Counts: []float64{1}, Unit: f.t.Unit})
	}
	s.publishMetrics(ctx, f.t.MetricNamespace, data, f.source)
}

// publishMetrics publishes datums on bus.MetricDataIn in batches of at most 1,000, the
// PutMetricData limit the metrics service applies to every batch.
func (s *Service) publishMetrics(ctx context.Context, namespace string, data []bus.MetricDatum, source string) {
	watchusage.Publish(ctx, s.b, namespace, data, source)
}
