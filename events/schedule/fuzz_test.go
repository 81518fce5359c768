package schedule

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/watchsim/watchsim/internal/awserr"
)

// FuzzParse: Parse never panics; a refused expression gets AWS's ValidationException or a
// NotSimulated error; an accepted one has a String that parses to the same schedule, and Next
// moves strictly forward, at whole minutes for cron, until it runs out.
//
// Seeds: the spec's examples below, and testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	seeds := append(append([]string{}, awsValidCron...), awsInvalidCron...)
	seeds = append(seeds, "rate(5 minutes)", "rate(1 day)", "rate(0 minutes)", "cron(0 0 LW * ? *)",
		"cron(0 0 ? * 2#5 *)", "cron(0 20-2/3 ? * FRI-MON 2020/7)", "cron(0 0 31W * ? *)", "cron(0 0 30 2 ? *)",
		"cron(0 0 L-3 * ? *)", "cron(0  0 * * ? *)")
	for i, s := range seeds {
		f.Add(s, int64(i)*987654321)
	}
	f.Fuzz(func(t *testing.T, expr string, sec int64) {
		s, err := Parse(expr)
		if err != nil {
			var ae *awserr.Error
			if !awserr.IsNotSimulated(err) &&
				!(errors.As(err, &ae) && ae.Code == ValidationExceptionCode && ae.Message == InvalidMessage) {
				t.Fatalf("Parse(%q): unexpected error %T %v", expr, err, err)
			}
			return
		}
		again, err := Parse(s.String())
		if err != nil || !reflect.DeepEqual(s, again) {
			t.Fatalf("Parse(String()) of %q: %v, %+v vs %+v", expr, err, again, s)
		}
		// Start anywhere from 1900 to 2300.
		const lo, hi = -2208988800, 10413792000
		at := time.Unix(lo+(sec%(hi-lo)+(hi-lo))%(hi-lo), 0).UTC()
		for i := 0; i < 5; i++ {
			n, ok := s.Next(at)
			if !ok {
				if s.kind == kindRate {
					t.Fatalf("%s: a rate ran out", expr)
				}
				return
			}
			if !n.After(at) || s.kind == kindCron && (n.Unix()%60 != 0 || n.Nanosecond() != 0 || n.Year() < minYear || n.Year() > maxYear) {
				t.Fatalf("%s: Next(%v) = %v", expr, at, n)
			}
			at = n
		}
	})
}
