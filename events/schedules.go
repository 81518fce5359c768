package events

import "context"

// Scheduled rules ("Creating a rule that runs on a schedule",
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-rule-schedule.html): each
// ENABLED rule with a ScheduleExpression has one timer on the bus, set to its next firing; when
// it fires, the rule's targets receive a "Scheduled Event" from source "aws.events" whose
// resources hold the rule's ARN, and the timer is set to the firing after. A rate counts from the
// rule's creation; a cron expression fires at second 0 of each matching minute, in UTC. A
// DISABLED rule has no timer, so time passing over it costs nothing; advancing a year costs one
// piece of work per firing.

// scheduleRule sets, moves or stops r's timer after a change to the rule. It runs under the state
// lock.
func (s *Service) scheduleRule(eb *eventBus, r *rule) {
	if r.sched == nil || !r.enabled() || s.closed {
		if r.timer != nil {
			r.timer.Stop()
			r.timer = nil
		}
		return
	}
	next, ok := r.sched.NextFrom(r.created, s.b.Now())
	if !ok {
		if r.timer != nil {
			r.timer.Stop()
			r.timer = nil
		}
		return
	}
	if r.timer != nil {
		r.timer.Reset(next)
		return
	}
	busName := eb.name
	r.timer = s.b.Schedule(next, func(ctx context.Context) { s.fire(ctx, busName, r) })
}

// fire is a scheduled rule's firing (scheduled work: no lock held).
func (s *Service) fire(ctx context.Context, busName string, r *rule) {
	s.collect(ctx, func(out []delivery) []delivery {
		eb := s.buses[busName]
		if eb == nil || eb.rules[r.name] != r || !r.enabled() || r.sched == nil {
			return out
		}
		now := s.b.Now()
		ev := &event{id: s.b.UUID(), detailType: "Scheduled Event", source: "aws.events", account: s.b.Account(),
			region: s.b.Region(), time: now, resources: r.self, detail: "{}", ingested: now}
		s.usage.rule(s, eb.name, r.name, "TriggeredRules", 1)
		s.usage.account(s, "TriggeredRules", 1)
		if len(r.order) > 0 {
			s.buf = ev.appendJSON(s.buf[:0])
			out = s.deliveriesFor(eb, r, s.newSent(ev), routeOptions{}, out)
		}
		if next, ok := r.sched.NextFrom(r.created, now); ok {
			r.timer.Reset(next)
		} else {
			r.timer = nil
		}
		return out
	})
}
