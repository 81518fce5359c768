package bus

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// BenchmarkSQSSendReceive measures one SendMessage + ReceiveMessage + DeleteMessage round on a fake
// queue, without a MetricDataIn subscriber (metrics off) and with one that discards the data
// (metrics on: the kernel meters and publishes every minute). Simulation time moves one second every
// 100 rounds, so minutes end and are flushed as the benchmark runs. The difference between the two is
// the per-round cost of the AWS/SQS metrics.
func BenchmarkSQSSendReceive(b *testing.B) {
	for _, on := range []bool{false, true} {
		b.Run(fmt.Sprintf("metrics=%v", on), func(b *testing.B) {
			bs := MustNew()
			datums := 0
			if on {
				Subscribe(bs, MetricDataIn(), func(_ context.Context, md MetricData) { datums += len(md.MetricData) })
			}
			q, err := NewSQSQueue(bs, "bench")
			if err != nil {
				b.Fatal(err)
			}
			ctx, p := context.Background(), Payload{Body: []byte("hello, queue")}
			b.ReportAllocs()
			b.ResetTimer()
			cpuMeter(b, "")
			for i := 0; i < b.N; i++ {
				if _, err := q.Send(ctx, p); err != nil {
					b.Fatal(err)
				}
				ms, err := q.Receive(1)
				if err != nil || len(ms) != 1 {
					b.Fatal(err)
				}
				if err := q.Delete(ms[0].ReceiptHandle); err != nil {
					b.Fatal(err)
				}
				if i%100 == 99 {
					if err := bs.Advance(time.Second); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.StopTimer()
			if on && b.N >= 6000 && datums == 0 {
				b.Fatal("metrics on, but no datum was published")
			}
		})
	}
}

// BenchmarkIdleResources30Days advances 30 virtual days over 10,000 idle resources (2,500 each of
// SQS queues, SNS topics, Lambda functions and S3 buckets) with metrics on. The resources are built
// untimed, on a fresh bus every 1,000 operations (before the clock could run past MaxTime); only
// the Advance is timed.
func BenchmarkIdleResources30Days(b *testing.B) {
	var bs *Bus
	build := func() {
		bs = MustNew()
		Subscribe(bs, MetricDataIn(), func(context.Context, MetricData) { b.Fatal("an idle resource published") })
		for j := range 2500 {
			name := fmt.Sprintf("r%d", j)
			if _, err := NewSQSQueue(bs, name); err != nil {
				b.Fatal(err)
			}
			if _, err := NewSNSTopic(bs, name); err != nil {
				b.Fatal(err)
			}
			if _, err := NewLambdaFunction(bs, name, func(context.Context, []byte) error { return nil }); err != nil {
				b.Fatal(err)
			}
			if _, err := NewS3Bucket(bs, "bucket-"+name); err != nil {
				b.Fatal(err)
			}
		}
	}
	build()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%1000 == 999 {
			b.StopTimer()
			build()
			b.StartTimer()
		}
		if err := bs.Advance(30 * 24 * time.Hour); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQueuesAfterBurst30Days: 1,000 queues each get one message sent, received and deleted,
// then 30 days pass. Each queue stays active — sampled every minute — for the six hours the SQS
// guide gives, then sleeps: the cost is 360 samples per queue, not 43,200.
func BenchmarkQueuesAfterBurst30Days(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		bs := MustNew()
		n := 0
		Subscribe(bs, MetricDataIn(), func(_ context.Context, md MetricData) { n += len(md.MetricData) })
		for j := range 1000 {
			q, err := NewSQSQueue(bs, fmt.Sprintf("q%d", j))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := q.Send(context.Background(), Payload{Body: []byte("x")}); err != nil {
				b.Fatal(err)
			}
			ms, _ := q.Receive(1)
			if err := q.Delete(ms[0].ReceiptHandle); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		cpuMeter(b, "")
		if err := bs.Advance(30 * 24 * time.Hour); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if want := 1000 * (360 + 4); n != want { // 360 minutes of Visible; Sent, Size, Received, Deleted
			b.Fatalf("%d datums, want %d", n, want)
		}
		b.StartTimer()
	}
}

// BenchmarkSQSMeteringPerRound isolates what the AWS/SQS metrics add to one send + receive + delete
// round with metrics on: three actions recorded (the on check and the awake sampler's fast path) and
// four samples (NumberOfMessagesSent, SentMessageSize, NumberOfMessagesReceived,
// NumberOfMessagesDeleted), the clock read the operations make anyway passed in. Minutes end (and
// are flushed) as simulation time moves one second every 100 rounds, as in BenchmarkSQSSendReceive.
func BenchmarkSQSMeteringPerRound(b *testing.B) {
	for _, metering := range []bool{false, true} {
		name := "baseline" // the clock read, the queue lock and the Advance alone
		if metering {
			name = "metering"
		}
		b.Run(name, func(b *testing.B) {
			bs := MustNew()
			Subscribe(bs, MetricDataIn(), func(context.Context, MetricData) {})
			q, err := NewSQSQueue(bs, "bench")
			if err != nil {
				b.Fatal(err)
			}
			m := &q.met
			b.ReportAllocs()
			b.ResetTimer()
			cpuMeter(b, "")
			for i := 0; i < b.N; i++ {
				now := bs.Now()
				q.mu.Lock()
				if metering {
					if m.touch(now) {
						m.sent.observeAt(now, 1)
						m.size.observeAt(now, 12)
					}
					if m.touch(now) {
						m.received.observeAt(now, 1)
					}
					if m.touch(now) {
						m.deleted.observeAt(now, 1)
					}
				}
				q.mu.Unlock()
				if i%100 == 99 {
					if err := bs.Advance(time.Second); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
