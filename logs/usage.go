package logs

import (
	"context"
	"slices"
	"strings"
	"time"

	watchusage "github.com/watchsim/watchsim/internal/usage"

	"github.com/watchsim/watchsim/bus"
)

// The AWS/Logs metrics ("Monitoring with CloudWatch metrics" in the CloudWatch Logs User Guide,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html):
// IncomingLogEvents and IncomingBytes per log group and for the account, ForwardedLogEvents,
// ForwardedBytes and DeliveryErrors per log group, destination type and subscription filter, and
// EMFValidationErrors / EMFParsingErrors per log group. Activity is counted per minute and published
// on bus.MetricDataIn when the minute ends, only for minutes with activity: an idle service
// schedules nothing.

// UsageNamespace is the namespace of the metrics CloudWatch Logs publishes about itself.
const UsageNamespace = "AWS/Logs"

type usageKey struct {
	metric, group, destType, filter string
}

type usage struct {
	m watchusage.Minutes[usageKey]
}

func (u *usage) stop() { u.m.Stop() }

// add counts v for key in the current minute, arranging for the minute to be published when it ends.
func (u *usage) add(s *Service, k usageKey, v float64) {
	if s.closed {
		return
	}
	u.m.Add(s.b, s.b.Now(), k, v, s.publishUsage)
}

func (u *usage) incoming(s *Service, group string, events, bytes int64) {
	u.add(s, usageKey{metric: "IncomingLogEvents", group: group}, float64(events))
	u.add(s, usageKey{metric: "IncomingBytes", group: group}, float64(bytes))
	u.add(s, usageKey{metric: "IncomingLogEvents"}, float64(events))
	u.add(s, usageKey{metric: "IncomingBytes"}, float64(bytes))
}

func (u *usage) forwarded(s *Service, group, kind, filter string, events, bytes int64) {
	u.add(s, usageKey{"ForwardedLogEvents", group, kind, filter}, float64(events))
	u.add(s, usageKey{"ForwardedBytes", group, kind, filter}, float64(bytes))
}

func (u *usage) deliveryError(s *Service, group, kind, filter string, events int64) {
	u.add(s, usageKey{"DeliveryErrors", group, kind, filter}, float64(events))
}

// asciiFilterName is the FilterName dimension value: the filter name converted to ASCII, with
// unsupported characters replaced by '?'.
func asciiFilterName(n string) string {
	var b strings.Builder
	for _, r := range n {
		if r < 0x20 || r > 0x7e {
			r = '?'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (s *Service) publishUsage(ctx context.Context, ts time.Time) {
	var data []bus.MetricDatum
	s.b.Locked(func() {
		counts := s.usage.m.Take(ts)
		keys := make([]usageKey, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b usageKey) int {
			return strings.Compare(a.metric+"\x00"+a.group+"\x00"+a.destType+"\x00"+a.filter, b.metric+"\x00"+b.group+"\x00"+b.destType+"\x00"+b.filter)
		})
		for _, k := range keys {
			v := counts[k]
			d := bus.MetricDatum{MetricName: k.metric, Timestamp: ts, Value: &v, Unit: "None"}
			if strings.HasSuffix(k.metric, "Bytes") {
				d.Unit = "Bytes"
			}
			if k.group != "" {
				d.Dimensions = append(d.Dimensions, bus.Dimension{Name: "LogGroupName", Value: k.group})
			}
			if k.destType != "" {
				d.Dimensions = append(d.Dimensions, bus.Dimension{Name: "DestinationType", Value: k.destType},
					bus.Dimension{Name: "FilterName", Value: asciiFilterName(k.filter)})
			}
			data = append(data, d)
		}
	})
	s.publishMetrics(ctx, UsageNamespace, data, "logs:"+UsageNamespace)
}
