package metrics

import (
	"context"
	"encoding/base64"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
)

// ListMetricsPageSize is the number of metrics per ListMetrics page ([API]).
const ListMetricsPageSize = 500

// ListMetrics lists metrics ([API] ListMetrics): Namespace and MetricName match exactly,
// a DimensionFilter matches a metric that has that dimension (with that value, when given) among
// any others; RecentlyActive="PT3H" keeps metrics with data in the last 3 hours; metrics without
// data in the past 14 days are not listed. Pages of 500, ordered by namespace, name and dimensions;
// dimensions are sorted by name.
func (s *Service) ListMetrics(ctx context.Context, in *ListMetricsInput) (*ListMetricsOutput, error) {
	op := bus.Operation{Source: Source, Name: "ListMetrics", ReadOnly: true}
	return bus.Call(ctx, s.b, op, in, func(ctx context.Context, in *ListMetricsInput) (*ListMetricsOutput, error) {
		if in.IncludeLinkedAccounts || in.OwningAccount != "" {
			return nil, bus.NotSimulated("monitoring", "cross-account observability (IncludeLinkedAccounts/OwningAccount)")
		}
		var p problems
		if in.RecentlyActive != "" && in.RecentlyActive != "PT3H" {
			p.add("InvalidParameterValue", awserr.ValidationMessage(awserr.Violation{Value: in.RecentlyActive, Member: "recentlyActive",
				Constraint: "Member must satisfy enum value set: [PT3H]"}))
		}
		if len(in.Dimensions) > 10 {
			p.add("InvalidParameterValue", "The collection Dimensions must not have a size greater than 10.")
		}
		if err := p.err(); err != nil {
			return nil, err
		}
		now := s.b.Now()
		after := ""
		if in.NextToken != "" {
			raw, err := base64.RawURLEncoding.DecodeString(in.NextToken)
			if err != nil || len(raw) == 0 {
				return nil, bus.ClientError("InvalidParameterValue", "Invalid NextToken.")
			}
			after = string(raw)
		}
		cutoff := now.Add(-14 * 24 * time.Hour).Unix()
		if in.RecentlyActive == "PT3H" {
			cutoff = now.Add(-3 * time.Hour).Unix()
		}
		out := &ListMetricsOutput{Metrics: []Metric{}}
		for _, m := range s.store.metrics() {
			if after != "" && m.key <= after {
				continue
			}
			if m.lastPut < cutoff {
				continue
			}
			if s.cfg.listDelay > 0 && m.firstPut+int64(s.cfg.listDelay.Seconds()) > now.Unix() {
				continue
			}
			if in.Namespace != "" && m.metric.Namespace != in.Namespace {
				continue
			}
			if in.MetricName != "" && m.metric.MetricName != in.MetricName {
				continue
			}
			if !dimsMatchFilters(m.metric.Dimensions, in.Dimensions) {
				continue
			}
			if len(out.Metrics) == ListMetricsPageSize {
				out.NextToken = base64.RawURLEncoding.EncodeToString([]byte(after))
				break
			}
			mm := m.metric
			mm.Dimensions = append([]Dimension{}, m.metric.Dimensions...)
			out.Metrics = append(out.Metrics, mm)
			after = m.key
		}
		return out, nil
	})
}
