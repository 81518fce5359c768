package metrics

import (
	"context"
	"math"
	"time"
)

// Roll-up and retention run on the simulation clock, lazily: the pass is scheduled only for the
// next roll-up tick at which some chunk crosses a retention boundary (3 hours, 15 days, 63 days,
// 455 days after its end, [UG:cloudwatch_concepts] "Metrics retention"), never once per interval
// while nothing can change. A pass at a tick where nothing crosses a boundary would be a no-op, so
// skipping those ticks changes no answer (TestLazyRollupMatchesEveryTick) while a long idle jump
// costs O(work), not O(elapsed intervals).

// retentionBoundaries are the ages (seconds after a chunk's end) at which its data is rolled up to
// the next granularity or dropped.
func retentionBoundaries() [4]int64 {
	return [4]int64{int64(HighResRetention / time.Second), int64(MinuteRetention / time.Second),
		int64(FiveMinRetention / time.Second), int64(HourRetention / time.Second)}
}

// noRollup marks that no roll-up pass is pending.
const noRollup = math.MaxInt64

// nextBoundary returns the Unix time at which a chunk ending at end next crosses a retention
// boundary as seen at now (the first boundary b with now-end ≤ b), or noRollup past the last.
func nextBoundary(end, now int64) int64 {
	age := now - end
	for _, b := range retentionBoundaries() {
		if age <= b {
			return end + b
		}
	}
	return noRollup
}

// rollupTickAfter returns the first roll-up tick strictly after Unix time x: ticks are the
// multiples of the roll-up interval (as time.Time.Truncate counts them).
func (s *Service) rollupTickAfter(x int64) time.Time {
	iv := s.cfg.rollupInterval
	return time.Unix(x, 0).UTC().Truncate(iv).Add(iv)
}

// noteDataLocked is called after data was stored with its earliest timestamp at minT: the chunk
// holding it crosses its first boundary no earlier than three hours after the chunk ends, so the
// pass is brought forward to that tick if it was due later. The state lock is held.
func (s *Service) noteDataLocked(minT int64) {
	if s.closed {
		return
	}
	due := minT - mod(minT, chunkSpan) + chunkSpan + retentionBoundaries()[0]
	s.armRollupLocked(due)
}

// armRollupLocked schedules the pass at the first tick after due (and after now), unless one is
// already pending no later than that.
func (s *Service) armRollupLocked(due int64) {
	// A pending pass at or before due is at or before the tick after it: nothing to move. This is
	// the common case on ingest, and it costs one comparison.
	if due == noRollup || s.rollupAt <= due {
		return
	}
	at := s.rollupTickAfter(max(due, s.b.Now().Unix()))
	if s.rollupAt != noRollup && s.rollupAt <= at.Unix() {
		return
	}
	s.rollupAt = at.Unix()
	if s.rollup == nil {
		s.rollup = s.b.Schedule(at, s.runRollup)
		return
	}
	s.rollup.Reset(at)
}

// runRollup is the scheduled pass: roll up and drop what has aged, then arm the next pass for the
// earliest boundary any remaining chunk will cross.
func (s *Service) runRollup(ctx context.Context) {
	s.b.Locked(func() {
		if s.closed {
			return
		}
		s.rollupAt = noRollup
		s.armRollupLocked(s.store.rollUp(s.b.Now().Unix()))
	})
}
