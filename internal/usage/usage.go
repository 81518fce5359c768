package usage

import (
	"context"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// Minutes counts activity per minute, by key. The zero value is ready to use. It is not safe for
// concurrent use: services use it under the bus state lock.
type Minutes[K comparable] struct {
	minutes map[int64]map[K]float64 // minute start (Unix seconds) → counts
	timers  map[int64]*bus.Timer
}

// Add counts v for key k in the minute that contains now. The first count of a minute schedules
// publish to run on b when the minute ends, with the minute's start; publish is expected to
// [Minutes.Take] it. A zero v counts nothing.
func (u *Minutes[K]) Add(b *bus.Bus, now time.Time, k K, v float64, publish func(ctx context.Context, minute time.Time)) {
	if v == 0 {
		return
	}
	m := now.Unix()
	m -= ((m % 60) + 60) % 60
	counts := u.minutes[m]
	if counts == nil {
		if u.minutes == nil {
			u.minutes, u.timers = map[int64]map[K]float64{}, map[int64]*bus.Timer{}
		}
		counts = map[K]float64{}
		u.minutes[m] = counts
		start := time.Unix(m, 0).UTC()
		u.timers[m] = b.Schedule(start.Add(time.Minute), func(ctx context.Context) { publish(ctx, start) })
	}
	counts[k] += v
}

// Take removes and returns the counts of the minute that starts at minute (nil if it had none).
func (u *Minutes[K]) Take(minute time.Time) map[K]float64 {
	m := minute.Unix()
	counts := u.minutes[m]
	delete(u.minutes, m)
	delete(u.timers, m)
	return counts
}

// Stop cancels every pending publication and forgets the counts.
func (u *Minutes[K]) Stop() {
	for _, t := range u.timers {
		t.Stop()
	}
	clear(u.timers)
	clear(u.minutes)
}

// Pending reports how many minutes wait to be published.
func (u *Minutes[K]) Pending() int { return len(u.minutes) }

// Publish sends data to the metrics service on bus.MetricDataIn under namespace, in batches of at
// most 1,000 datums (the most one MetricData message may carry). source names the publisher. It is
// bus.PublishMetricData, the kernel's one path for service-originated datapoints.
func Publish(ctx context.Context, b *bus.Bus, namespace string, data []bus.MetricDatum, source string) {
	bus.PublishMetricData(ctx, b, namespace, data, source)
}
