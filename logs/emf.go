package logs

import (
	"context"
	"errors"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/logs/emf"
)

// applyEMF reads the events of st from arrival index first as CloudWatch embedded metric format
// (package logs/emf) and publishes their metrics on bus.MetricDataIn. An invalid document stays a
// plain log event; what of it is invalid publishes nothing and is counted in the AWS/Logs metrics
// EMFParsingErrors or EMFValidationErrors of the group (one per problem), as the CloudWatch Logs
// metrics page describes them. A datapoint whose _aws.Timestamp is more than two weeks old or two
// hours ahead is a validation error too, as CloudWatch does not accept it.
func (s *Service) applyEMF(ctx context.Context, g *group, st *stream, first int) {
	es := &st.st
	now := s.b.Now()
	oldest, newest := now.Add(-14*24*time.Hour), now.Add(2*time.Hour)
	var byNS map[string][]bus.MetricDatum
	var order []string
	for i := first; i < es.len(); i++ {
		msg := es.message(i)
		if !emf.IsEMF(msg) {
			continue
		}
		datums, err := emf.Decode(msg)
		var e *emf.Error
		if errors.As(err, &e) {
			n := len(e.Reasons)
			if e.Kind == emf.ParsingError || n == 0 {
				n = 1
			}
			s.usage.add(s, usageKey{metric: e.Kind.MetricName(), group: g.name}, float64(n))
		}
		for _, d := range datums {
			if d.Timestamp.Before(oldest) || d.Timestamp.After(newest) {
				s.usage.add(s, usageKey{metric: emf.ValidationError.MetricName(), group: g.name}, 1)
				continue
			}
			md := bus.MetricDatum{MetricName: d.MetricName, Timestamp: d.Timestamp, Unit: d.Unit, StorageResolution: d.StorageResolution}
			if len(d.Values) == 1 {
				v := d.Values[0]
				md.Value = &v
			} else {
				md.Values = append([]float64(nil), d.Values...)
			}
			for _, dim := range d.Dimensions {
				md.Dimensions = append(md.Dimensions, bus.Dimension{Name: dim.Name, Value: dim.Value})
			}
			if byNS == nil {
				byNS = map[string][]bus.MetricDatum{}
			}
			if _, ok := byNS[d.Namespace]; !ok {
				order = append(order, d.Namespace)
			}
			byNS[d.Namespace] = append(byNS[d.Namespace], md)
		}
	}
	for _, ns := range order {
		s.publishMetrics(ctx, ns, byNS[ns], "logs:emf:"+g.name)
	}
}
