package schedule

import (
	"testing"
	"time"
)

var benchExprs = []struct{ name, expr string }{
	{"every5min", "cron(0/5 * * * ? *)"},
	{"weekdays", "cron(0/30 20-23 ? * MON-FRI *)"},
	{"daily", "cron(15 12 * * ? *)"},
	{"3rdSat", "cron(0 2 ? * SAT#3 *)"},
	{"lastWeekday", "cron(0 0 LW * ? *)"},
	{"leapDay", "cron(0 0 29 2 ? *)"},
	{"rate", "rate(5 minutes)"},
}

func BenchmarkParse(b *testing.B) {
	for _, c := range benchExprs {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(c.expr); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("invalid", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Parse("cron(0 1 * * * *)"); err == nil {
				b.Fatal("accepted")
			}
		}
	})
}

// BenchmarkNext chains Next from firing to firing, as the service does (wrapping back to 2024
// before the year bound).
func BenchmarkNext(b *testing.B) {
	for _, c := range benchExprs {
		b.Run(c.name, func(b *testing.B) {
			s := mustParse(b, c.expr)
			start := date(2024, 1, 1, 0, 0)
			at := start
			b.ReportAllocs()
			for b.Loop() {
				n, ok := s.Next(at)
				if !ok || n.Year() > 2190 {
					n = start
				}
				at = n
			}
		})
	}
}

// BenchmarkYearOf100Rules is the service's load: 100 rules of cron(0/5 * * * ? *) through a
// year, 10.5 M firings; reported as firings per second of Next.
func BenchmarkYearOf100Rules(b *testing.B) {
	rules := make([]*Schedule, 100)
	for i := range rules {
		rules[i] = mustParse(b, "cron(0/5 * * * ? *)")
	}
	end := date(2025, 1, 1, 0, 0)
	var firings int
	for b.Loop() {
		for _, s := range rules {
			for at := date(2024, 1, 1, 0, 0); ; {
				n, _ := s.Next(at)
				if !n.Before(end) {
					break
				}
				firings++
				at = n
			}
		}
	}
	b.ReportMetric(float64(firings)/b.Elapsed().Seconds(), "firings/s")
	_ = time.Second
}
