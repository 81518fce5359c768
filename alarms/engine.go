package alarms

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/jsonscan"
	"github.com/watchsim/watchsim/internal/metricslink"
	"github.com/watchsim/watchsim/metrics"
)

// alarm is the service's record of one metric or composite alarm.
type alarm struct {
	name, arn string
	composite bool
	m         *MetricAlarm    // metric alarms
	c         *CompositeAlarm // composite alarms
	tags      []Tag
	configID  string // the generated query id shown in events for single-metric alarms
	deleted   bool

	// metric alarms
	def      Definition
	queries  []metrics.MetricDataQuery
	probe    []metrics.MetricDataQuery // SampleCount of every metric read: "is there any data?"
	returnID string
	keys     []string
	// stat and probeStat are the fast-path handles of a single-metric alarm (the watched
	// statistic and SampleCount), nil when the metrics service has no fast path.
	stat, probeStat metricslink.StatReader
	// evalError mirrors m.EvaluationState == "EVALUATION_ERROR" (read on every evaluation).
	evalError bool
	// next is the Unix second of the scheduled evaluation (0 = none).
	next int64

	// composite alarms
	rule *Rule
	supp suppression
}

func (a *alarm) state() StateValue {
	if a.composite {
		return a.c.StateValue
	}
	return a.m.StateValue
}

func (a *alarm) typ() AlarmType {
	if a.composite {
		return CompositeAlarmType
	}
	return MetricAlarmType
}

func (a *alarm) step() time.Duration { return EvaluationInterval(a.def.Period) }

func (a *alarm) actionsEnabled() bool {
	if a.composite {
		return a.c.ActionsEnabled
	}
	return a.m.ActionsEnabled
}

func (a *alarm) actionsFor(st StateValue) []string {
	var ok, al, in []string
	if a.composite {
		ok, al, in = a.c.OKActions, a.c.AlarmActions, a.c.InsufficientDataActions
	} else {
		ok, al, in = a.m.OKActions, a.m.AlarmActions, a.m.InsufficientDataActions
	}
	switch st {
	case StateOK:
		return ok
	case StateAlarm:
		return al
	}
	return in
}

// stateFields returns pointers to the state members of the alarm's shape.
func (a *alarm) stateFields() (value *StateValue, reason, data *string, updated, transitioned *time.Time) {
	if a.composite {
		c := a.c
		return &c.StateValue, &c.StateReason, &c.StateReasonData, &c.StateUpdatedTimestamp, &c.StateTransitionedTimestamp
	}
	m := a.m
	return &m.StateValue, &m.StateReason, &m.StateReasonData, &m.StateUpdatedTimestamp, &m.StateTransitionedTimestamp
}

// evaluateLocked evaluates metric alarm a at tick t, applies a transition and schedules the next
// evaluation.
func (s *Service) evaluateLocked(ctx context.Context, a *alarm, t time.Time) {
	s.evals++
	k := s.opts.cfg.K(&a.def)
	// The range in Unix seconds: the same instants as RangeEnd(period, t) and k periods before it
	// (EvaluationInterval divides a day, so truncating Unix seconds equals Time.Truncate).
	period := int64(a.def.Period)
	step := int64(EvaluationInterval(a.def.Period) / time.Second)
	sec := t.Unix()
	endSec := sec - floorMod(sec, step)
	startSec := endSec - int64(k)*period
	start, end := time.Unix(startSec, 0).UTC(), time.Unix(endSec, 0).UTC()
	// The bucket scratch is shared by all alarms (it stays in cache); it is taken out while in use.
	bs := s.bucketScratch[:0]
	s.bucketScratch = nil
	defer func() { s.bucketScratch = bs[:0] }()
	real := false
	if a.stat != nil {
		vals := a.stat.Buckets(start, k, s.valScratch)
		s.valScratch = vals
		for i, v := range vals {
			bs = append(bs, Bucket{Start: time.Unix(startSec+int64(i)*period, 0).UTC(), Value: v.Value, SampleCount: v.SampleCount, Missing: !v.OK})
			real = real || v.OK
		}
		if a.evalError {
			a.evalError = false
			a.m.EvaluationState = ""
			a.m.StateUpdatedTimestamp = t
		}
	} else {
		for i := 0; i < k; i++ {
			bs = append(bs, Bucket{Start: time.Unix(startSec+int64(i)*period, 0).UTC(), Missing: true})
		}
		if !s.queryBucketsLocked(a, bs, start, end, t, &real) {
			return
		}
	}
	s.decideLocked(ctx, a, bs, start, end, t, real)
}

// floorMod returns a mod b in [0, b) for b > 0.
func floorMod(a, b int64) int64 {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}

// queryBucketsLocked fills bs from QueryLocked (metric-math alarms, or metrics services without the
// fast path). It returns false after an evaluation error.
func (s *Service) queryBucketsLocked(a *alarm, bs []Bucket, start, end, t time.Time, real *bool) bool {
	k := len(bs)
	p := time.Duration(a.def.Period) * time.Second
	res, err := s.m.QueryLocked(a.queries, start, end)
	if err != nil {
		// A configuration the metrics service cannot evaluate: AWS reports EVALUATION_ERROR with
		// the reason in StateReason and keeps the state.
		a.evalError = true
		if a.m.EvaluationState != "EVALUATION_ERROR" {
			a.m.EvaluationState = "EVALUATION_ERROR"
			a.m.StateReason = "Evaluation error: " + err.Error()
			a.m.StateUpdatedTimestamp = t
		}
		return false
	}
	if a.evalError {
		a.evalError = false
		a.m.EvaluationState = ""
		a.m.StateUpdatedTimestamp = t
	}
	for i := range res {
		r := &res[i]
		if r.Id != a.returnID {
			continue
		}
		for j, ts := range r.Timestamps {
			idx := int(ts.Sub(start) / p)
			if idx < 0 || idx >= k || !ts.Equal(bs[idx].Start) {
				continue
			}
			bs[idx].Missing = false
			bs[idx].Value = r.Values[j]
			if r.SampleCounts != nil {
				bs[idx].SampleCount = r.SampleCounts[j]
			}
			*real = true
		}
		break
	}
	return true
}

// decideLocked evaluates the filled range, applies a transition and schedules the next evaluation.
func (s *Service) decideLocked(ctx context.Context, a *alarm, bs []Bucket, start, end, t time.Time, real bool) {
	r := s.opts.cfg.Evaluate(&a.def, bs, a.m.StateValue, t)
	if r.Changed() {
		s.transitionLocked(ctx, a, r.State, r.Reason(), r.ReasonData(), t, nil, nil)
	}
	// Lazy scheduling: the result can only change while stored data is in the range (even data that
	// yields no value, such as negative samples under a percentile, can yield one once the bucket
	// grid moves), or when the earliest stored point newer than the range enters it.
	if s.opts.scheduling == EveryTick || real {
		step := int64(a.step() / time.Second)
		sec := t.Unix()
		s.scheduleLocked(ctx, a, time.Unix(sec-floorMod(sec, step)+step, 0).UTC()) // nextTick(t, step)
		return
	}
	if first, ok := s.firstDataLocked(a, start, end); ok {
		if first.Before(end) {
			first = t
		}
		s.scheduleLocked(ctx, a, nextTick(first, a.step()))
	}
}

// firstDataLocked returns a lower bound of the earliest stored point at or after start that the
// alarm reads (PutMetricData accepts timestamps up to 2 hours ahead), if there is one. Waking at
// nextTick of it is never late; if the point is not in the range yet, the next evaluation looks again.
func (s *Service) firstDataLocked(a *alarm, start, end time.Time) (time.Time, bool) {
	p := time.Duration(a.def.Period) * time.Second
	// The probe covers whole periods up to at least end + 2 h + 2 periods (both read paths alike).
	n := int((end.Add(2*time.Hour+2*p).Sub(start) + p - 1) / p)
	stop := start.Add(time.Duration(n) * p)
	if a.probeStat != nil {
		s.valScratch = a.probeStat.Buckets(start, n, s.valScratch)
		for i, v := range s.valScratch {
			if v.OK {
				return start.Add(time.Duration(i) * p), true
			}
		}
		return time.Time{}, false
	}
	res, err := s.m.QueryLocked(a.probe, start, stop)
	if err != nil {
		return time.Time{}, false
	}
	var first time.Time
	for _, r := range res {
		if len(r.Timestamps) > 0 && (first.IsZero() || r.Timestamps[0].Before(first)) {
			first = r.Timestamps[0]
		}
	}
	return first, !first.IsZero()
}

// trigger describes the child change behind a composite transition.
type trigger struct {
	a    *alarm
	time time.Time
}

// transitionLocked moves a to state st: it updates the alarm, records history, publishes the state
// change and the EventBridge event, runs the actions (deferred, unlocked) and re-evaluates the
// composite alarms that reference a. visiting guards composite cycles.
func (s *Service) transitionLocked(ctx context.Context, a *alarm, st StateValue, reason, data string, t time.Time, trig *trigger, visiting map[*alarm]bool) {
	value, rs, rd, updated, transitioned := a.stateFields()
	old := stateSnapshot{value: *value, reason: *rs, data: *rd, time: *updated}
	*value, *rs, *rd, *updated = st, reason, data, t
	if old.value != st {
		*transitioned = t
	}
	newSnap := stateSnapshot{value: st, reason: reason, data: data, time: t}
	s.addEntryLocked(historyEntry{AlarmHistoryItem: AlarmHistoryItem{AlarmName: a.name, AlarmType: a.typ(), Timestamp: t,
		HistoryItemType: HistoryStateUpdate, HistorySummary: "Alarm updated from " + string(old.value) + " to " + string(st)},
		state: true, old: old, nw: newSnap})
	bus.Publish(ctx, s.b, bus.AlarmStateChanges(), bus.AlarmStateChange{AlarmName: a.name, AlarmARN: a.arn, AlarmType: string(a.typ()),
		OldState: string(old.value), NewState: string(st), Reason: reason, ReasonData: data, Time: t})
	if bus.HasSubscribers(s.b, bus.Events()) {
		bus.Publish(ctx, s.b, bus.Events(), s.stateChangeEvent(a, old, newSnap, t))
	}
	if old.value != st {
		s.runActionsLocked(ctx, a, old, newSnap, t)
	}
	if ps := s.parents[a.name]; len(ps) > 0 {
		if visiting == nil {
			visiting = map[*alarm]bool{}
		}
		visiting[a] = true
		for _, name := range sortedKeys(ps) {
			if p := s.alarms[name]; p != nil && p.composite {
				s.evaluateCompositeLocked(ctx, p, t, &trigger{a: a, time: t}, visiting)
			}
		}
		delete(visiting, a)
	}
	// An alarm that suppresses composites' actions: start or stop their suppression.
	s.suppressorChangedLocked(ctx, a, old.value, st, t)
}

// stateSnapshot is one side of a state change.
type stateSnapshot struct {
	value        StateValue
	reason, data string
	time         time.Time
}

// stateHistoryData is the HistoryData of a StateUpdate item ([AWS-validated] test_put_metric_alarm):
// stateReasonData is embedded as an object. Built by hand, when a StateUpdate item is described.
func stateHistoryData(old, nw stateSnapshot) string {
	b := make([]byte, 0, 160+len(old.reason)+len(old.data)+len(nw.reason)+len(nw.data)+(len(old.reason)+len(nw.reason))/8)
	side := func(ss stateSnapshot) {
		b = append(b, `{"stateValue":`...)
		b = jsonscan.AppendString(b, string(ss.value))
		b = append(b, `,"stateReason":`...)
		b = jsonscan.AppendString(b, ss.reason)
		// Every StateReasonData the service stores is JSON: built by the evaluator, by
		// json.Marshal (composites) or checked by SetAlarmState validation.
		if ss.data != "" {
			b = append(b, `,"stateReasonData":`...)
			b = append(b, ss.data...)
		}
		b = append(b, '}')
	}
	b = append(b, `{"version":"1.0","oldState":`...)
	side(old)
	b = append(b, `,"newState":`...)
	side(nw)
	return string(append(b, '}'))
}

// evaluateCompositeLocked re-evaluates composite c after a child change (trig) or a configuration
// change (trig == nil). Evaluation stops at a cycle.
func (s *Service) evaluateCompositeLocked(ctx context.Context, c *alarm, t time.Time, trig *trigger, visiting map[*alarm]bool) {
	if visiting[c] || s.onCycleLocked(c) {
		// "the evaluation of composite alarms stops if CloudWatch detects a cycle in the evaluation
		// path" (DeleteAlarms and PutCompositeAlarm API references): a composite whose rule leads
		// back to itself keeps its state until a rule change breaks the cycle [derived: which
		// composites stop — those on the cycle; composites that only read one keep evaluating].
		return
	}
	st := StateOK
	if c.rule.Eval(func(ref string) StateValue {
		if ch := s.resolveLocked(ref); ch != nil {
			return ch.state()
		}
		return StateInsufficientData
	}) {
		st = StateAlarm
	}
	if st == c.c.StateValue {
		return
	}
	var reason string
	var children []*alarm
	if trig != nil {
		reason = trig.a.arn + " transitioned to " + string(trig.a.state()) + " at " + trig.time.UTC().Format(CompositeReasonTime)
		children = []*alarm{trig.a}
	} else {
		verb := "updated"
		if c.c.StateValue == StateInsufficientData && c.c.StateReason == InitialReason {
			verb = "created"
		}
		reason = c.arn + " was " + verb + " and its alarm rule evaluates to " + string(st)
		for _, ref := range c.rule.Refs() {
			if ch := s.resolveLocked(ref); ch != nil {
				children = append(children, ch)
			}
		}
	}
	type stateJSON struct {
		Value     StateValue `json:"value"`
		Timestamp string     `json:"timestamp"`
	}
	type trigJSON struct {
		Arn   string    `json:"arn"`
		State stateJSON `json:"state"`
	}
	var tj []trigJSON
	for _, ch := range children {
		_, _, _, upd, _ := ch.stateFields()
		tj = append(tj, trigJSON{Arn: ch.arn, State: stateJSON{Value: ch.state(), Timestamp: FormatReasonDataTime(*upd)}})
	}
	data, _ := json.Marshal(struct {
		TriggeringAlarms []trigJSON `json:"triggeringAlarms"`
	}{tj})
	if visiting == nil {
		visiting = map[*alarm]bool{}
	}
	visiting[c] = true
	s.transitionLocked(ctx, c, st, reason, string(data), t, trig, visiting)
	delete(visiting, c)
}

// resolveLocked finds the alarm a rule reference (name or ARN) names.
func (s *Service) resolveLocked(ref string) *alarm {
	if strings.HasPrefix(ref, "arn:") {
		a, err := bus.ParseARN(ref)
		if err != nil || a.Service != "cloudwatch" || a.Region != s.b.Region() || a.AccountID != s.b.Account() ||
			!strings.HasPrefix(a.Resource, "alarm:") {
			return nil
		}
		ref = strings.TrimPrefix(a.Resource, "alarm:")
	}
	return s.alarms[ref]
}

// onCycleLocked reports whether composite c's rule leads back to c through the rules of the
// composites it references (a rule naming its own alarm included).
func (s *Service) onCycleLocked(c *alarm) bool {
	seen := map[*alarm]bool{}
	stack := []*alarm{c}
	for len(stack) > 0 {
		a := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, ref := range a.rule.Refs() {
			ch := s.resolveLocked(ref)
			if ch == nil || !ch.composite {
				continue
			}
			if ch == c {
				return true
			}
			if !seen[ch] {
				seen[ch] = true
				stack = append(stack, ch)
			}
		}
	}
	return false
}
