package events

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events/schedule"
)

// Scheduled rules ("Creating a rule that runs on a schedule",
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-rule-schedule.html): when an
// ENABLED rule with a ScheduleExpression fires, its targets receive a "Scheduled Event" from
// source "aws.events" whose resources hold the rule's ARN. A rate counts from the rule's creation;
// a cron expression fires at second 0 of each matching minute, in UTC. A rule fires first at the
// first instant of its schedule after it was created or enabled.
//
// Rules that fire at the same instants share one timer on the bus (a schedule group): the cron
// rules of a bus with the same expression, and the rate rules with the same expression and
// creation time. When the timer fires, its rules fire one after the other in the order they
// joined, each drawing its event's id and delivering to its targets as a rule of its own would,
// and the timer is set to the group's next instant. A DISABLED rule is in no group, so time passing
// over it costs nothing; advancing a year costs one piece of work per firing.

// schedKey identifies a schedule group.
type schedKey struct {
	bus, expr string
	anchor    int64 // rate rules: the creation time (Unix ns); 0 for cron
}

// schedGroup is the timer of the rules that fire at the same instants. Guarded by the state lock.
type schedGroup struct {
	key    schedKey
	eb     *eventBus
	sched  *schedule.Schedule
	anchor time.Time
	rules  []*rule // in joining order; never modified below its length while shared
	// shared is set while a firing may hold rules: the next removal copies the slice first (once
	// per firing, so disabling n rules of a group one by one costs O(n) each, not a copy each).
	shared bool
	timer  *bus.Timer
}

// scheduleRule puts r in its schedule group, or takes it out, after a change to the rule. It runs
// under the state lock.
func (s *Service) scheduleRule(eb *eventBus, r *rule) {
	if r.sched == nil || !r.enabled() || s.closed {
		s.unschedule(r)
		return
	}
	if r.group != nil {
		return // still in its group, at the group's next instant
	}
	now := s.b.Now()
	next, ok := r.sched.NextFrom(r.created, now)
	if !ok {
		return
	}
	key := schedKey{bus: eb.name, expr: r.schedExpr}
	if strings.HasPrefix(r.schedExpr, "rate(") {
		key.anchor = r.created.UnixNano()
	}
	g := s.schedGroups[key]
	if g == nil {
		g = &schedGroup{key: key, eb: eb, sched: r.sched, anchor: r.created}
		g.timer = s.b.Schedule(next, func(ctx context.Context) { s.fireGroup(ctx, g) })
		if s.schedGroups == nil {
			s.schedGroups = map[schedKey]*schedGroup{}
		}
		s.schedGroups[key] = g
	}
	g.rules = append(g.rules, r)
	r.group, r.schedFrom = g, now
}

// unschedule takes r out of its schedule group, and stops the group's timer when it was the last
// rule. It runs under the state lock.
func (s *Service) unschedule(r *rule) {
	g := r.group
	if g == nil {
		return
	}
	r.group = nil
	if g.shared {
		// A firing in progress may hold the slice: leave it alone.
		g.rules, g.shared = slices.Clone(g.rules), false
	}
	g.rules = slices.DeleteFunc(g.rules, func(x *rule) bool { return x == r })
	if len(g.rules) == 0 && s.schedGroups[g.key] == g {
		g.timer.Stop()
		delete(s.schedGroups, g.key)
	}
}

// fireGroup is a schedule group's timer (scheduled work: no lock held): it sets the timer to the
// next instant, then fires the group's rules in order. A schedule with no instant left (a cron
// whose years are past) ends its group after this last firing.
func (s *Service) fireGroup(ctx context.Context, g *schedGroup) {
	var rules []*rule
	var at time.Time
	last := false
	s.b.Locked(func() {
		if s.closed || s.schedGroups[g.key] != g {
			return
		}
		at, rules = s.b.Now(), g.rules
		g.shared = true
		if next, ok := g.sched.NextFrom(g.anchor, at); ok {
			g.timer.Reset(next)
			return
		}
		last = true
		delete(s.schedGroups, g.key)
	})
	for _, r := range rules {
		s.fire(ctx, g, r, at)
	}
	if last {
		s.b.Locked(func() {
			for _, r := range rules {
				if r.group == g {
					r.group = nil
				}
			}
		})
	}
}

// fire is one rule's firing at the instant at (no lock held). The event's id is drawn as
// bus.Bus.UUID draws it, the envelope comes from the rule's template (scheduledenvelope.go), and
// its record lives in the call's scratch.
func (s *Service) fire(ctx context.Context, g *schedGroup, r *rule, at time.Time) {
	sc := s.takeScratch()
	s.b.Locked(func() {
		// A rule disabled, deleted or replaced since the group fired has left it (unschedule); one
		// that joined the group at this very instant fires first at the next one.
		if s.closed || r.group != g || !r.enabled() || !at.After(r.schedFrom) {
			return
		}
		uid := s.drawUUID()
		if s.usage.on(s) {
			s.usage.rule(s, g.eb.name, r.name, "TriggeredRules", 1)
			s.usage.account(s, "TriggeredRules", 1)
		}
		if len(r.order) > 0 {
			sn := s.newScheduledSent(r, &sc.sent, uid, at)
			sc.ds = s.deliveriesFor(g.eb, r, sn, routeOptions{}, sc.ds[:0])
		}
	})
	s.deliverAll(ctx, sc.ds)
	s.putScratch(sc)
}
