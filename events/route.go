package events

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events/transform"
)

// Routing: an event on a bus is matched against the bus's compiled matcher (ENABLED rules with a
// pattern), and each matching rule's targets get one delivery each, in the order the targets were
// first put. Matching and shaping happen under the bus state lock; the deliveries themselves run
// after it is released (bus.Defer inside an operation, directly in scheduled work and handlers),
// as the kernel requires.

// sent is the original event of a delivery, shared by its retries and its dead-letter message.
type sent struct {
	body     []byte // the envelope as delivered without input settings
	id       string
	ingested time.Time
	scratch  bool // the record is a scratch's: a delivery that outlives the call copies it
}

// delivery is one attempt to deliver one event to one target.
type delivery struct {
	bus     string
	busDLQ  string
	ruleARN string
	rule    string
	t       *target
	p       bus.Payload
	ev      *sent
	retries int   // retries made before this attempt
	fail    error // set when the event cannot even be shaped (the attempt fails without a call)
	err     error // the attempt's outcome
}

type routeOptions struct {
	forwarded bool     // the event came from another bus: bus targets are skipped
	filter    []string // a replay's Destination.FilterArns: only these rules
}

// cloudTrailDetailType is the detail-type of the events CloudTrail sends for API calls.
const cloudTrailDetailType = "AWS API Call via CloudTrail"

// readOnlyManagement reports whether ev is a CloudTrail record of a read-only management call,
// which only rules in state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS receive ("Receiving
// read-only management events from AWS services",
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html).
func readOnlyManagement(ev *event) bool {
	if ev.detailType != cloudTrailDetailType || !strings.HasPrefix(ev.source, "aws.") {
		return false
	}
	var d struct {
		ReadOnly        bool  `json:"readOnly"`
		ManagementEvent *bool `json:"managementEvent"`
	}
	if json.Unmarshal([]byte(ev.detail), &d) != nil {
		return false
	}
	return d.ReadOnly && (d.ManagementEvent == nil || *d.ManagementEvent)
}

// route matches ev on eb, archives it, and appends a delivery per matching rule's target to out.
// It must run under the bus state lock.
func (s *Service) route(eb *eventBus, ev *event, o routeOptions, out []delivery) []delivery {
	s.buf = ev.appendJSON(s.buf[:0])
	if ev.replayName == "" && len(s.archives) > 0 {
		s.archiveEvent(eb, ev, s.buf)
	}
	if eb.matcher.Len() == 0 {
		return out
	}
	matched, err := eb.matcher.AppendMatches(s.matchBuf[:0], s.buf)
	s.matchBuf = matched[:0]
	if err != nil || len(matched) == 0 {
		return out
	}
	var sn *sent
	mgmt := readOnlyManagement(ev)
	any := false
	for _, name := range matched {
		r := eb.rules[name]
		if r == nil || !r.enabled() || mgmt && r.state != StateEnabledWithAllCloudTrailManagementEvt {
			continue
		}
		if len(o.filter) > 0 && !slices.Contains(o.filter, r.arn) {
			continue
		}
		any = true
		s.usage.rule(s, eb.name, r.name, "TriggeredRules", 1)
		s.usage.rule(s, eb.name, r.name, "MatchedEvents", 1)
		if sn == nil {
			sn = s.newSent(ev)
		}
		out = s.deliveriesFor(eb, r, sn, o, out)
	}
	if any {
		s.usage.account(s, "MatchedEvents", 1)
	}
	return out
}

// newSent keeps the rendered envelope (s.buf) of ev for its deliveries. The envelopes and their
// records are carved from shared chunks, two allocations per few hundred events instead of two per
// event; a chunk lives as long as any delivery (a queued message, a pending retry) holds a part.
func (s *Service) newSent(ev *event) *sent {
	sn := s.nextSent()
	n := len(s.buf)
	if cap(s.arena)-len(s.arena) < n {
		s.arena = make([]byte, 0, max(32<<10, n))
	}
	start := len(s.arena)
	s.arena = append(s.arena, s.buf...)
	*sn = sent{body: s.arena[start : start+n : start+n], id: ev.id, ingested: ev.ingested}
	return sn
}

// nextSent returns the next record of the current chunk.
func (s *Service) nextSent() *sent {
	if len(s.sentSlab) == 0 {
		s.sentSlab = make([]sent, 128)
	}
	sn := &s.sentSlab[0]
	s.sentSlab = s.sentSlab[1:]
	return sn
}

// deliveriesFor appends one delivery per target of r, with the payload each target's input
// settings make of the event.
func (s *Service) deliveriesFor(eb *eventBus, r *rule, ev *sent, o routeOptions, out []delivery) []delivery {
	for _, id := range r.order {
		t := r.targets[id]
		if o.forwarded && t.kind == "events" {
			continue // no third-bus hop
		}
		d := delivery{bus: eb.name, busDLQ: eb.dlq, ruleARN: r.arn, rule: r.name, t: t, ev: ev}
		if t.shaper.Mode() == transform.ModeEvent {
			d.p.Body = ev.body
		} else {
			body, err := t.shaper.Apply(ev.body, transform.Context{RuleARN: r.arn, RuleName: r.name, IngestionTime: ev.ingested})
			if err != nil {
				d.fail = err
			}
			d.p.Body = body
		}
		switch t.kind {
		case "sqs":
			if t.shape.SqsParameters != nil && t.shape.SqsParameters.MessageGroupId != "" {
				// FIFO targets: the event id deduplicates ([derived]: AWS documents only MessageGroupId).
				d.p.GroupID, d.p.DedupID = t.shape.SqsParameters.MessageGroupId, ev.id
			}
		case "kinesis":
			d.p.Key = ev.id // "If you don't include this parameter, the default is to use the eventId as the partition key."
			if t.partition != nil {
				if k, err := t.partition.Apply(ev.body, transform.Context{}); err == nil && len(k) > 0 {
					d.p.Key = strings.Trim(string(k), `"`)
				}
			}
		case "logs":
			d.p.Key = ev.id // one log stream per event ([derived])
		case "events":
			d.p.Body = ev.body
			d.p.Attributes = map[string]string{forwardedAttribute: eb.name}
		}
		out = append(out, d)
	}
	return out
}

// deliverAll runs deliveries outside the state lock, then settles their outcomes: success,
// a retry on the clock, or the dead-letter queue. It must not be called under the lock.
func (s *Service) deliverAll(ctx context.Context, ds []delivery) {
	if len(ds) == 0 {
		return
	}
	for i := range ds {
		d := &ds[i]
		if d.fail != nil {
			d.err = d.fail
			continue
		}
		d.err = s.b.Deliver(ctx, d.t.shape.Arn, d.p)
	}
	failed := false
	for i := range ds {
		failed = failed || ds[i].err != nil
	}
	if !failed && !bus.HasSubscribers(s.b, bus.MetricDataIn()) {
		return // nothing to count, retry or dead-letter
	}
	var dead []deadLetter
	s.b.Locked(func() {
		for i := range ds {
			dead = s.settle(&ds[i], dead)
		}
	})
	s.sendDeadLetters(ctx, dead)
}

// scratch is where one collect (or fire) call builds its deliveries, reused from call to call:
// nothing keeps a delivery's address past deliverAll, and a retry copies the delivery, and the
// event record too when it lives here.
type scratch struct {
	ds   []delivery
	sent sent // the record of a scheduled firing's event
}

// maxScratchDeliveries bounds the deliveries a kept scratch has room for.
const maxScratchDeliveries = 256

func (s *Service) takeScratch() *scratch {
	if sc := s.spare.Swap(nil); sc != nil {
		return sc
	}
	return new(scratch)
}

// putScratch keeps sc for the next call. Not cleared: until the next call overwrites them, its
// stale deliveries keep at most maxScratchDeliveries envelopes' chunks and targets alive.
func (s *Service) putScratch(sc *scratch) {
	if cap(sc.ds) <= maxScratchDeliveries {
		sc.ds = sc.ds[:0]
		s.spare.Store(sc)
	}
}

// collect runs fn under the state lock and delivers what it routed once the lock is released.
func (s *Service) collect(ctx context.Context, fn func(out []delivery) []delivery) {
	sc := s.takeScratch()
	s.b.Locked(func() {
		if !s.closed {
			sc.ds = fn(sc.ds[:0])
		}
	})
	s.deliverAll(ctx, sc.ds)
	s.putScratch(sc)
}
