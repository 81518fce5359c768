package usage

import (
	"context"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
)

func TestMinutesPublishesEachActiveMinuteOnce(t *testing.T) {
	b := bus.MustNew()
	var u Minutes[string]
	var got []string
	publish := func(ctx context.Context, minute time.Time) {
		var counts map[string]float64
		b.Locked(func() { counts = u.Take(minute) })
		got = append(got, minute.Format("15:04")+"="+time.Duration(counts["x"]).String())
	}
	add := func(v float64) { b.Locked(func() { u.Add(b, b.Now(), "x", v, publish) }) }
	add(1)
	add(2)
	add(0)
	if err := b.Advance(90 * time.Second); err != nil {
		t.Fatal(err)
	}
	add(5)
	if err := b.Advance(24 * time.Hour); err != nil {
		t.Fatal(err)
	}
	want := []string{"00:00=3ns", "00:01=5ns"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("published %v, want %v", got, want)
	}
	if u.Pending() != 0 {
		t.Fatalf("%d minutes still pending", u.Pending())
	}
}

func TestMinutesStop(t *testing.T) {
	b := bus.MustNew()
	var u Minutes[int]
	ran := false
	b.Locked(func() { u.Add(b, b.Now(), 1, 1, func(context.Context, time.Time) { ran = true }) })
	b.Locked(u.Stop)
	if err := b.Advance(time.Hour); err != nil {
		t.Fatal(err)
	}
	if ran || u.Pending() != 0 {
		t.Fatalf("a stopped meter published (ran=%v, pending=%d)", ran, u.Pending())
	}
}

func TestPublishBatches(t *testing.T) {
	b := bus.MustNew()
	var sizes []int
	bus.Subscribe(b, bus.MetricDataIn(), func(_ context.Context, m bus.MetricData) { sizes = append(sizes, len(m.MetricData)) })
	Publish(context.Background(), b, "AWS/X", make([]bus.MetricDatum, 2500), "test")
	if len(sizes) != 3 || sizes[0] != 1000 || sizes[1] != 1000 || sizes[2] != 500 {
		t.Fatalf("batches %v, want [1000 1000 500]", sizes)
	}
}
