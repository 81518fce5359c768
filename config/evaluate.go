package config

import (
	"context"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// Evaluation: when rules run (after a configuration item in scope, periodically, on
// StartConfigRulesEvaluation) and how their results are stored ("Trigger types",
// https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config-rules.html).
//
// Every evaluation is a job due the evaluation delay after its trigger. Jobs are due in the order
// they are queued (the delay is constant), so one bus timer, set to the first job, serves them all:
// the cost follows the evaluations, never the minutes.

type evalJob struct {
	due  time.Time
	r    *rule
	it   *item // the configuration item of a change trigger; nil for a periodic run
	prev *item // the item before it
	left bool  // the resource left the rule's scope
	msg  string
}

type evalQueue struct {
	jobs  []evalJob
	timer *bus.Timer
}

func (q *evalQueue) stop() {
	if q.timer != nil {
		q.timer.Stop()
		q.timer = nil
	}
	q.jobs = nil
}

// enqueueLocked queues an evaluation, or runs it at once without an evaluation delay.
func (s *Service) enqueueLocked(ctx context.Context, j evalJob) {
	j.r.inflight++
	if s.opts.evalDelay == 0 {
		s.runJobLocked(ctx, j)
		return
	}
	j.due = s.b.Now().Add(s.opts.evalDelay)
	s.queue.jobs = append(s.queue.jobs, j)
	if s.queue.timer == nil {
		s.queue.timer = s.b.Schedule(j.due, s.runQueue)
	}
}

// runQueue runs the due jobs (a bus timer's work).
func (s *Service) runQueue(ctx context.Context) {
	s.b.Locked(func() {
		if s.closed {
			return
		}
		q := &s.queue
		q.timer = nil
		now := s.b.Now()
		i := 0
		for ; i < len(q.jobs) && !q.jobs[i].due.After(now); i++ {
			j := q.jobs[i]
			q.jobs[i] = evalJob{}
			s.runJobLocked(ctx, j)
		}
		rest := q.jobs[i:]
		if len(rest) == 0 {
			q.jobs = q.jobs[:0]
			return
		}
		if i > len(q.jobs)/2 {
			q.jobs = append(q.jobs[:0], rest...)
		} else {
			q.jobs = rest
		}
		q.timer = s.b.Schedule(q.jobs[0].due, s.runQueue)
	})
}

// triggerChangeRulesLocked queues the evaluations a new configuration item triggers: every
// change-triggered rule whose scope holds the item, and, with eventLeftScope, every rule whose
// scope held the previous item but not this one.
func (s *Service) triggerChangeRulesLocked(ctx context.Context, _ *resource, prev, it *item) {
	for _, r := range s.rules {
		if !r.onChange || r.state == RuleDeleting {
			continue
		}
		switch {
		case r.inScope(it):
			s.enqueueLocked(ctx, evalJob{r: r, it: it, prev: prev, msg: MessageItemChange})
		case prev != nil && !deletedStatus(prev.status) && r.inScope(prev):
			s.enqueueLocked(ctx, evalJob{r: r, it: it, prev: prev, left: true, msg: MessageItemChange})
		}
	}
}

// initialEvaluationLocked runs a new or updated rule: one evaluation per current item in scope
// (change trigger) and one periodic run, then every frequency (periodic trigger).
func (s *Service) initialEvaluationLocked(ctx context.Context, r *rule, now time.Time) {
	if r.onChange {
		for _, res := range s.resOrder {
			if it := res.last(); it != nil && !deletedStatus(it.status) && r.inScope(it) {
				s.enqueueLocked(ctx, evalJob{r: r, it: it, msg: MessageItemChange})
			}
		}
	}
	if r.periodic || r.onSnap {
		msg := MessageScheduled
		if !r.periodic {
			msg = MessageSnapshotDelivered
		}
		freq := r.freq
		if r.onSnap && !r.periodic {
			if d := s.snapshotPeriod(); d > freq {
				freq = d
			}
		}
		s.enqueueLocked(ctx, evalJob{r: r, msg: msg})
		r.timer = s.b.Every(now.Add(freq), freq, func(ctx context.Context) {
			s.b.Locked(func() {
				if !s.closed && !r.gone && r.state != RuleDeleting {
					s.enqueueLocked(ctx, evalJob{r: r, msg: msg})
				}
			})
		})
	}
}

func (s *Service) snapshotPeriod() time.Duration {
	if c := s.channel; c != nil && c.ConfigSnapshotDeliveryProperties != nil {
		return frequencyDuration(c.ConfigSnapshotDeliveryProperties.DeliveryFrequency)
	}
	return 0
}

// runJobLocked runs one evaluation: a managed rule decides at once; a custom rule's function is
// invoked once the lock is released and answers through PutEvaluations.
func (s *Service) runJobLocked(ctx context.Context, j evalJob) {
	r := j.r
	if r.inflight > 0 {
		r.inflight--
	}
	if r.inflight == 0 && r.state == RuleEvaluating {
		r.state = RuleActive
	}
	if r.gone || r.state == RuleDeleting {
		return
	}
	now := s.b.Now()
	if r.managed == nil {
		s.invokeLambdaLocked(ctx, r, j, now)
		return
	}
	m := r.managed
	if m.check != nil {
		if msg := m.check(r.params); msg != "" {
			r.status.LastFailedEvaluationTime = tp(now)
			r.status.LastErrorCode, r.status.LastErrorMessage = "InvalidParameterValueException", msg
			return
		}
	}
	r.status.LastSuccessfulInvocationTime, r.status.LastSuccessfulEvaluationTime = tp(now), tp(now)
	r.status.FirstEvaluationStarted = true
	if j.it == nil {
		evs := m.scan(r.params, s.viewLocked())
		seen := make(map[resKey]bool, len(evs))
		for _, e := range evs {
			k := resKey{e.typ, e.id}
			seen[k] = true
			s.storeLocked(ctx, r, k, e.ctype, e.annotation, now, now, "")
		}
		// Resources gone since the last run become NOT_APPLICABLE (the rules' "clean up").
		for _, k := range sortedKeys(r.results) {
			if !seen[k] && r.results[k].ctype != NotApplicable {
				s.storeLocked(ctx, r, k, NotApplicable, "", now, now, "")
			}
		}
		return
	}
	it := j.it
	ctype, ann := NotApplicable, ""
	applies := false
	for _, t := range m.types {
		applies = applies || t == it.typ
	}
	if applies && !j.left && !deletedStatus(it.status) {
		ctype, ann = m.change(r.params, it)
		if it.d != nil && it.d.next != nil {
			it.d.shed() // a replaced state rebuilt for a queued evaluation: keep only its delta again
		}
	}
	s.storeLocked(ctx, r, resKey{it.typ, it.id}, ctype, ann, it.capture, now, "")
}

// storeLocked keeps a result unless an evaluation with a later ordering timestamp is already
// stored, and announces a change of compliance type (or a first result).
func (s *Service) storeLocked(ctx context.Context, r *rule, k resKey, ctype, ann string, ordering, invoked time.Time, token string) {
	old := r.results[k]
	if old != nil && ordering.Before(old.ordering) {
		return
	}
	nr := &result{ctype: ctype, annotation: ann, ordering: ordering, invoked: invoked, recorded: s.b.Now(), token: token}
	r.results[k] = nr
	if old == nil || old.ctype != ctype {
		s.complianceChangedLocked(ctx, r, k, old, nr)
	}
}

// complianceChangedLocked publishes the "Config Rules Compliance Change" event and SNS message,
// records the resource's compliance item and starts automatic remediation.
func (s *Service) complianceChangedLocked(ctx context.Context, r *rule, k resKey, old, nr *result) {
	s.complianceNotificationLocked(ctx, r, k, old, nr)
	s.resourceComplianceLocked(ctx, k)
	if r.pack != nil {
		s.packComplianceLocked(ctx, r.pack)
	}
	if nr.ctype == NonCompliant {
		s.autoRemediateLocked(ctx, r, k)
	}
}

type complianceRuleEntry struct {
	ConfigRuleArn  string `json:"configRuleArn"`
	ConfigRuleID   string `json:"configRuleId"`
	ConfigRuleName string `json:"configRuleName"`
	ComplianceType string `json:"complianceType"`
}

type resourceComplianceDoc struct {
	ComplianceType     string                `json:"complianceType"`
	TargetResourceID   string                `json:"targetResourceId"`
	TargetResourceType string                `json:"targetResourceType"`
	ConfigRuleList     []complianceRuleEntry `json:"configRuleList"`
}

// resourceComplianceLocked records the AWS::Config::ResourceCompliance item of a resource when
// the recorder records that type: the rules' results for it and their roll-up.
func (s *Service) resourceComplianceLocked(ctx context.Context, k resKey) {
	rec := s.recorder
	if rec == nil || !rec.recording || !rec.records(TypeResourceCompliance) {
		return
	}
	doc := resourceComplianceDoc{TargetResourceID: k.id, TargetResourceType: k.typ, ConfigRuleList: []complianceRuleEntry{}}
	var types []string
	for _, r := range s.rules {
		if res := r.results[k]; res != nil && !r.gone {
			doc.ConfigRuleList = append(doc.ConfigRuleList, complianceRuleEntry{ConfigRuleArn: r.spec.ConfigRuleArn, ConfigRuleID: r.spec.ConfigRuleID,
				ConfigRuleName: r.name, ComplianceType: res.ctype})
			types = append(types, res.ctype)
		}
	}
	doc.ComplianceType = rollUp(types)
	rc := bus.ResourceChange{ChangeType: bus.ResourceUpdated, ResourceType: TypeResourceCompliance, ResourceID: k.typ + "/" + k.id,
		Relationships: []bus.Relationship{{ResourceType: k.typ, ResourceID: k.id, RelationshipName: relationshipComplianceAssocate}}, Configuration: doc}
	if len(doc.ConfigRuleList) == 0 {
		rc.ChangeType = bus.ResourceDeleted
	}
	s.applyChangeLocked(ctx, rc, false)
}

// rollUp is the compliance roll-up of AWS Config ([API] ComplianceType,
// https://docs.aws.amazon.com/config/latest/APIReference/API_Compliance.html): NOT_APPLICABLE
// results are ignored, any NON_COMPLIANT wins, then any COMPLIANT, else INSUFFICIENT_DATA.
func rollUp(types []string) string {
	c := InsufficientData
	for _, t := range types {
		switch t {
		case NonCompliant:
			return NonCompliant
		case Compliant:
			c = Compliant
		}
	}
	return c
}
