package events

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/usage"
)

// The AWS/Events metrics ("Monitoring Amazon EventBridge",
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html): per rule
// (dimension RuleName, plus EventBusName on custom buses) TriggeredRules, MatchedEvents,
// Invocations, FailedInvocations, RetryInvocationAttempts, InvocationsSentToDLQ and
// InvocationsFailedToBeSentToDLQ; for the account (no dimension) MatchedEvents, TriggeredRules,
// Invocations, FailedInvocations and PutEventsFailedEntries. Activity is counted per minute and
// published on bus.MetricDataIn when the minute ends, only for minutes with activity.

// UsageNamespace is the namespace of the metrics EventBridge publishes about itself.
const UsageNamespace = "AWS/Events"

type usageKey struct {
	metric, bus, rule string
}

type meter struct {
	m usage.Minutes[usageKey]
}

// on reports whether counting does anything: the service is open and someone takes metric data.
func (u *meter) on(s *Service) bool {
	return !s.closed && bus.HasSubscribers(s.b, bus.MetricDataIn())
}

func (u *meter) add(s *Service, k usageKey, v float64) {
	if !u.on(s) {
		return
	}
	u.m.Add(s.b, s.b.Now(), k, v, s.publishUsage)
}

// rule counts a per-rule metric.
func (u *meter) rule(s *Service, busName, rule, metric string, v float64) {
	u.add(s, usageKey{metric: metric, bus: busName, rule: rule}, v)
}

// account counts an account-wide metric.
func (u *meter) account(s *Service, metric string, v float64) {
	u.add(s, usageKey{metric: metric}, v)
}

// invocation counts a per-rule metric that also has an account-wide total.
func (u *meter) invocation(s *Service, busName, rule, metric string) {
	u.rule(s, busName, rule, metric, 1)
	u.account(s, metric, 1)
}

func (u *meter) stop() { u.m.Stop() }

func (s *Service) publishUsage(ctx context.Context, minute time.Time) {
	var data []bus.MetricDatum
	s.b.Locked(func() {
		counts := s.usage.m.Take(minute)
		keys := make([]usageKey, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b usageKey) int {
			return strings.Compare(a.metric+"\x00"+a.bus+"\x00"+a.rule, b.metric+"\x00"+b.bus+"\x00"+b.rule)
		})
		for _, k := range keys {
			v := counts[k]
			d := bus.MetricDatum{MetricName: k.metric, Timestamp: minute, Value: &v, Unit: "Count"}
			if k.bus != "" && k.bus != DefaultBusName {
				d.Dimensions = append(d.Dimensions, bus.Dimension{Name: "EventBusName", Value: k.bus})
			}
			if k.rule != "" {
				d.Dimensions = append(d.Dimensions, bus.Dimension{Name: "RuleName", Value: k.rule})
			}
			data = append(data, d)
		}
	})
	usage.Publish(ctx, s.b, UsageNamespace, data, "events:"+UsageNamespace)
}
