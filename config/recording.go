package config

import (
	"bytes"
	"context"
	"encoding/json"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// Recording: every change other services publish on bus.ResourceChanges updates the world as
// Config sees it; when the recorder runs and records the type, the change becomes a configuration
// item ("How AWS Config works",
// https://docs.aws.amazon.com/config/latest/developerguide/how-does-config-work.html).

type resKey struct{ typ, id string }

// resource is one resource of the world, with its recorded items.
type resource struct {
	key       resKey
	name, arn string
	live      bool
	created   time.Time
	deletedAt time.Time
	cur       *docState // nil when deleted
	custom    bool      // a third-party type put with PutResourceConfig
	tags      map[string]string
	rels      []bus.Relationship
	supp      map[string]string
	cis       []*item
	dirty     bool  // DAILY recording: changed since the last item
	qdirty    bool  // the current item changed since the last advanced query
	chain     uint8 // replaced states kept as deltas since the last whole one (docState.replacedBy)
}

func (r *resource) last() *item {
	if len(r.cis) == 0 {
		return nil
	}
	return r.cis[len(r.cis)-1]
}

// onResourceChange is the bus.ResourceChanges subscriber.
func (s *Service) onResourceChange(ctx context.Context, rc bus.ResourceChange) {
	if !keepsDocument(rc.ResourceType) {
		return
	}
	var follow bool
	s.b.Locked(func() {
		if s.closed {
			return
		}
		s.applyChangeLocked(ctx, rc, false)
		if rc.ResourceType == TypeTrail {
			follow = s.trailsDeliverToLogsLocked()
		}
	})
	if rc.ResourceType == TypeTrail {
		s.followDeliveries(follow)
	}
}

// applyChangeLocked updates the world and records an item when the recorder records the type.
// force records even while the recorder is stopped (the recorder's own items).
func (s *Service) applyChangeLocked(ctx context.Context, rc bus.ResourceChange, force bool) {
	k := resKey{rc.ResourceType, rc.ResourceID}
	r := s.res[k]
	now := s.b.Now()
	if r == nil {
		if rc.ChangeType == bus.ResourceDeleted {
			return
		}
		r = &resource{key: k}
		s.res[k] = r
		s.resOrder = append(s.resOrder, r)
		s.byType[k.typ] = append(s.byType[k.typ], r)
	}
	if rc.ChangeType == bus.ResourceDeleted {
		if old := r.cur; old != nil {
			defer old.shed()
		}
		r.live, r.deletedAt, r.cur, r.tags, r.rels = false, now, nil, nil, nil
	} else {
		if !r.live {
			r.created = now
		}
		r.live = true
		if raw := s.enc.encode(rc.Configuration); r.cur == nil || !bytes.Equal(r.cur.src, raw) {
			next := &docState{typ: k.typ, src: s.enc.keep(raw)}
			if k.typ == TypeAlarm && s.enc.byPlan && (s.wantsNotifications() || s.hasChangeRulesLocked()) {
				// change-triggered rules and the item notification (its document and diff) read
				// every alarm change: skip parsing the JSON back
				if d, ok := s.enc.plans.alarmDirect(rc.Configuration); ok {
					next.c = &docCache{parsed: d, decoded: true}
				}
			}
			if old := r.cur; old != nil {
				// The state this change replaces keeps only its JSON (as a delta against the new
				// one) once the change is recorded.
				defer old.replacedBy(next, &r.chain, &s.enc)
			}
			r.cur = next
		}
		r.tags = nil
		if len(rc.Tags) > 0 {
			r.tags = copyTags(rc.Tags)
		}
		r.rels = append([]bus.Relationship(nil), rc.Relationships...)
		if rc.ResourceName != "" {
			r.name = rc.ResourceName
		}
		if rc.ARN != "" {
			r.arn = rc.ARN
		}
		r.custom = s.customTypes[k.typ] != ""
		if k.typ == TypeTrail { // trail tags are not recorded (DG config-item-table)
			r.tags = nil
			r.supp = map[string]string{"Tags": "[]"}
		}
	}
	rec := s.recorder
	if rec == nil || !(rec.recording || force) || !(force || rec.records(k.typ)) {
		return
	}
	if rec.frequency(k.typ) == Daily && !force {
		r.dirty = true
		return
	}
	s.recordLocked(ctx, r, now, false)
}

// hasChangeRulesLocked reports whether some rule is triggered by configuration changes.
func (s *Service) hasChangeRulesLocked() bool {
	for _, r := range s.rules {
		if r.onChange {
			return true
		}
	}
	return false
}

func tagsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func relsEqual(a, b []bus.Relationship) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// recordLocked writes the item describing r's current state, if it differs from the last item:
// ResourceDiscovered for a resource without a current item, OK for a change, ResourceDeleted for
// a deletion. Nothing is written when the recorded state is unchanged.
func (s *Service) recordLocked(ctx context.Context, r *resource, now time.Time, daily bool) *item {
	last := r.last()
	var status string
	switch {
	case !r.live:
		if last == nil || deletedStatus(last.status) {
			return nil
		}
		status = ItemDeleted
	case last == nil || deletedStatus(last.status):
		status = ItemDiscovered
	default:
		if (last.d == r.cur || bytes.Equal(last.d.full(), r.cur.src)) && tagsEqual(last.tags, r.tags) && relsEqual(last.rels, r.rels) {
			return nil
		}
		status = ItemOK
	}
	id := now.UnixMilli()
	if last != nil && id <= last.stateID {
		id = last.stateID + 1
	}
	it := &item{status: status, capture: now, stateID: id, typ: r.key.typ, id: r.key.id, name: r.name, arn: r.arn, custom: r.custom,
		d: r.cur, tags: r.tags, rels: r.rels, supp: r.supp}
	if r.live {
		it.created = r.created
	}
	if daily {
		it.daily = true
	}
	r.cis = append(r.cis, it)
	r.dirty = false
	s.query.markDirty(r)
	if rec := s.recorder; rec != nil && rec.recording && rec.lastStatus != StatusSuccess {
		rec.lastStatus, rec.lastChange = StatusSuccess, now
	}
	s.itemNotificationLocked(ctx, last, it)
	s.triggerChangeRulesLocked(ctx, r, last, it)
	return it
}

// discoverLocked records every resource of a recorded type whose state has no current item: the
// discovery AWS Config does when recording starts, and the catch-up after a stop (items for
// resources created, changed or deleted meanwhile).
func (s *Service) discoverLocked(ctx context.Context, now time.Time) {
	rec := s.recorder
	for _, r := range s.resOrder {
		if rec.records(r.key.typ) && r.key.typ != TypeRecorder {
			s.recordLocked(ctx, r, now, false)
		}
	}
}

// rescheduleDailyLocked (re)starts the daily recording tick when some type is recorded DAILY:
// one item per 24 h from the recorder start, only for resources that changed.
func (s *Service) rescheduleDailyLocked(now time.Time) {
	rec := s.recorder
	if rec.daily != nil {
		rec.daily.Stop()
		rec.daily = nil
	}
	daily := rec.mode.RecordingFrequency == Daily
	for _, o := range rec.mode.RecordingModeOverrides {
		daily = daily || o.RecordingFrequency == Daily
	}
	if !daily {
		return
	}
	first := rec.lastStart.Add(24 * time.Hour)
	for !first.After(now) {
		first = first.Add(24 * time.Hour)
	}
	rec.daily = s.b.Every(first, 24*time.Hour, func(ctx context.Context) {
		s.b.Locked(func() {
			if s.closed || s.recorder != rec || !rec.recording {
				return
			}
			t := s.b.Now()
			for _, r := range s.resOrder {
				if r.dirty && rec.records(r.key.typ) {
					s.recordLocked(ctx, r, t, true)
				}
			}
		})
	})
}

// onAPICall follows the CloudTrail calls whose effect is not part of any configuration item but
// which managed rules read: StartLogging and StopLogging (a trail's logging status) and
// PutEventSelectors (its event selectors, which CreateTrail and DeleteTrail reset).
func (s *Service) onAPICall(_ context.Context, c bus.APICall) {
	if c.EventSource != "cloudtrail.amazonaws.com" || c.ErrorCode != "" {
		return
	}
	switch c.EventName {
	case "StartLogging", "StopLogging", "CreateTrail", "DeleteTrail":
		raw, err := json.Marshal(c.RequestParameters)
		if err != nil {
			return
		}
		var p struct{ Name string }
		if json.Unmarshal(raw, &p) != nil {
			return
		}
		s.b.Locked(func() {
			if c.EventName == "CreateTrail" || c.EventName == "DeleteTrail" {
				delete(s.world.selectors, trailName(p.Name))
				delete(s.world.logging, trailName(p.Name))
				return
			}
			s.world.setLogging(p.Name, c.EventName == "StartLogging")
		})
	case "PutEventSelectors":
		if name, sel, ok := parseSelectors(c.ResponseElements); ok {
			s.b.Locked(func() { s.world.selectors[name] = sel })
		}
	}
}
