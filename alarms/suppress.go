package alarms

import (
	"context"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// suppression is the ActionsSuppressor state of a composite alarm ([API] PutCompositeAlarm;
// [UG:Create_Composite_Alarm], "Composite alarm action suppression"):
//
//   - while the suppressor is in ALARM, the composite's actions do not run;
//   - a composite transition while the suppressor is not in ALARM starts a WaitPeriod;
//   - the suppressor leaving ALARM starts an ExtensionPeriod;
//   - a composite transition during a period discards it and starts a new WaitPeriod;
//   - when a period ends the actions of the composite's current state run — only if a transition's
//     actions were suppressed [derived: AWS does not say what runs at the end of a period].
type suppression struct {
	timer   *bus.Timer
	gen     int
	pending bool
	old     stateSnapshot // the state before the first suppressed transition
}

// suppressorName normalises an ActionsSuppressor reference (name or ARN) to an alarm name.
func (s *Service) suppressorName(ref string) string {
	if strings.HasPrefix(ref, "arn:") {
		if a, err := bus.ParseARN(ref); err == nil {
			return strings.TrimPrefix(a.Resource, "alarm:")
		}
	}
	return ref
}

func (s *Service) setSuppressedLocked(c *alarm, by ActionsSuppressedBy) {
	c.c.ActionsSuppressedBy = by
	if by == "" {
		c.c.ActionsSuppressedReason = ""
		return
	}
	c.c.ActionsSuppressedReason = "Actions suppressed by " + string(by)
}

func (s *Service) stopSuppressionTimerLocked(c *alarm) {
	if c.supp.timer != nil {
		c.supp.timer.Stop()
		c.supp.timer = nil
	}
	c.supp.gen++
}

// suppressLocked is called on a composite transition with actions enabled; it reports whether the
// actions are suppressed (and arranges for them to run later if a period ends).
func (s *Service) suppressLocked(c *alarm, old stateSnapshot, t time.Time) bool {
	if c.c.ActionsSuppressor == "" {
		return false
	}
	s.stopSuppressionTimerLocked(c)
	if !c.supp.pending {
		c.supp.old = old
	}
	sup := s.resolveLocked(c.c.ActionsSuppressor)
	if sup != nil && sup.state() == StateAlarm {
		c.supp.pending = true
		s.setSuppressedLocked(c, SuppressedByAlarm)
		return true
	}
	w := time.Duration(*c.c.ActionsSuppressorWaitPeriod) * time.Second
	if w <= 0 {
		c.supp.pending = false
		s.setSuppressedLocked(c, "")
		return false
	}
	c.supp.pending = true
	s.setSuppressedLocked(c, SuppressedByWaitPeriod)
	s.startPeriodLocked(c, t.Add(w))
	return true
}

func (s *Service) startPeriodLocked(c *alarm, end time.Time) {
	s.stopSuppressionTimerLocked(c)
	gen := c.supp.gen
	c.supp.timer = s.b.Schedule(end, func(ctx context.Context) {
		s.b.Locked(func() { s.periodEndedLocked(ctx, c, gen) })
	})
}

// periodEndedLocked ends a WaitPeriod or ExtensionPeriod.
func (s *Service) periodEndedLocked(ctx context.Context, c *alarm, gen int) {
	if c.deleted || c.supp.gen != gen {
		return
	}
	c.supp.timer = nil
	if sup := s.resolveLocked(c.c.ActionsSuppressor); sup != nil && sup.state() == StateAlarm {
		s.setSuppressedLocked(c, SuppressedByAlarm)
		return
	}
	s.setSuppressedLocked(c, "")
	if !c.supp.pending {
		return
	}
	c.supp.pending = false
	if !c.c.ActionsEnabled {
		return
	}
	v, rs, rd, upd, _ := c.stateFields()
	s.deliverActionsLocked(ctx, c, c.supp.old, stateSnapshot{value: *v, reason: *rs, data: *rd, time: *upd})
}

// suppressorChangedLocked reacts to a transition of an alarm that suppresses composites.
func (s *Service) suppressorChangedLocked(ctx context.Context, a *alarm, oldV, newV StateValue, t time.Time) {
	if oldV == newV {
		return
	}
	for _, cname := range sortedKeys(s.suppressed[a.name]) {
		c := s.alarms[cname]
		if c == nil || !c.composite {
			continue
		}
		switch {
		case newV == StateAlarm:
			// The suppressor went into ALARM: a running WaitPeriod/ExtensionPeriod gives way to Alarm.
			if c.supp.timer != nil || c.supp.pending {
				s.stopSuppressionTimerLocked(c)
				s.setSuppressedLocked(c, SuppressedByAlarm)
			}
		case oldV == StateAlarm:
			if c.c.ActionsSuppressedBy == SuppressedByAlarm {
				e := time.Duration(*c.c.ActionsSuppressorExtensionPeriod) * time.Second
				s.setSuppressedLocked(c, SuppressedByExtensionPeriod)
				s.startPeriodLocked(c, t.Add(e))
			}
		}
	}
}
