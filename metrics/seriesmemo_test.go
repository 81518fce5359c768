package metrics

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"pgregory.net/rapid"
)

// Identities that differ only before their last eight bytes share a fingerprint: the memo must
// tell them apart by comparing them, in one call and across calls.
func TestSeriesMemoFingerprintCollisions(t *testing.T) {
	dims := func(v string) []Dimension { return []Dimension{{Name: "Service", Value: v}} }
	if identityFingerprint("a-latency-ms", UnitNone, dims("x-svc-0001")) != identityFingerprint("b-latency-ms", UnitNone, dims("y-svc-0001")) {
		t.Fatal("the test's identities were meant to share a fingerprint")
	}
	s, b := newSvc(t)
	b.Advance(time.Hour)
	var batch []MetricDatum
	for i := 0; i < 300; i++ {
		// three names in a row for one dimension value, then for the other: every identity meets
		// the slot of one that differs from it only in the name, or only in the dimension
		batch = append(batch, MetricDatum{MetricName: string(rune('a'+i%3)) + "-latency-ms", Dimensions: dims(string(rune('x'+i/3%2)) + "-svc-0001"), Value: f(float64(i%3*10 + i/3%2))})
	}
	put(t, s, "M", batch...)
	put(t, s, "M", batch[:7]...)
	for i := 0; i < 6; i++ {
		name, svc, v := string(rune('a'+i%3))+"-latency-ms", string(rune('x'+i/3%2))+"-svc-0001", float64(i%3*10+i/3%2)
		want := 50.0 + 1 // datums i, i+6, … of the first call (300/6 of them) and datum i of the second
		if i == 0 {
			want++ // and its datum 6
		}
		out, err := s.GetMetricStatistics(ctx, &GetMetricStatisticsInput{Namespace: "M", MetricName: name, Dimensions: dims(svc),
			StartTime: b.Now().Add(-time.Hour), EndTime: b.Now().Add(time.Hour), Period: 3600, Statistics: []string{"SampleCount", "Sum"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Datapoints) != 1 || *out.Datapoints[0].SampleCount != want || *out.Datapoints[0].Sum != want*v {
			t.Fatalf("%s %s: %+v, want %v samples of %v", name, svc, out.Datapoints, want, v)
		}
	}
}

// Whatever the batching, the dimension order, the units and the collisions of fingerprints, every
// metric and unit holds exactly the samples put for it (a reference count per canonical identity).
func TestPropertySeriesMemoMatchesReference(t *testing.T) {
	names := []string{"a-latency-ms", "b-latency-ms", "c-latency-ms", "m"}
	dimNames := []string{"Service", "Host", "Zone"}
	values := []string{"x-svc-0001", "y-svc-0001", "svc-2"}
	units := []string{"", UnitNone, "Seconds"}
	type key struct{ name, dims, unit string }
	canon := func(name string, ds []Dimension, unit string) key {
		sorted := slices.Clone(ds)
		slices.SortFunc(sorted, func(a, b Dimension) int { return strings.Compare(a.Name, b.Name) })
		var sb strings.Builder
		for _, d := range sorted {
			sb.WriteString(d.Name + "=" + d.Value + ";")
		}
		if unit == "" {
			unit = UnitNone
		}
		return key{name, sb.String(), unit}
	}
	rapid.Check(t, func(t *rapid.T) {
		b := bus.MustNew()
		s, err := New(b)
		if err != nil {
			t.Fatal(err)
		}
		b.Advance(time.Hour)
		want := map[key][2]float64{}
		ids := map[key][]Dimension{}
		for call := rapid.IntRange(1, 4).Draw(t, "calls"); call > 0; call-- {
			var batch []MetricDatum
			for n := rapid.IntRange(1, 200).Draw(t, "datums"); n > 0; n-- {
				var ds []Dimension
				for _, i := range rapid.Permutation([]int{0, 1, 2}).Draw(t, "dimorder")[:rapid.IntRange(0, 3).Draw(t, "ndims")] {
					ds = append(ds, Dimension{Name: dimNames[i], Value: rapid.SampledFrom(values).Draw(t, "value")})
				}
				d := MetricDatum{MetricName: rapid.SampledFrom(names).Draw(t, "name"), Dimensions: ds,
					Unit: rapid.SampledFrom(units).Draw(t, "unit"), Value: f(float64(rapid.IntRange(0, 9).Draw(t, "v")))}
				batch = append(batch, d)
				k := canon(d.MetricName, ds, d.Unit)
				w := want[k]
				want[k] = [2]float64{w[0] + 1, w[1] + *d.Value}
				ids[k] = ds
			}
			if _, err := s.PutMetricData(ctx, &PutMetricDataInput{Namespace: "P", MetricData: batch}); err != nil {
				t.Fatal(err)
			}
		}
		for k, w := range want {
			out, err := s.GetMetricStatistics(ctx, &GetMetricStatisticsInput{Namespace: "P", MetricName: k.name, Dimensions: ids[k], Unit: k.unit,
				StartTime: b.Now().Add(-time.Hour), EndTime: b.Now().Add(time.Hour), Period: 3600, Statistics: []string{"SampleCount", "Sum"}})
			if err != nil {
				t.Fatal(err)
			}
			if len(out.Datapoints) != 1 || *out.Datapoints[0].SampleCount != w[0] || *out.Datapoints[0].Sum != w[1] {
				t.Fatalf("%+v: %+v, want %v samples summing to %v", k, out.Datapoints, w[0], w[1])
			}
		}
	})
}

// A series the memo resolved in an earlier call is resolved again (and its last put recorded) in
// the next: RecentlyActive sees the second put of a metric.
func TestSeriesMemoRecordsEveryCall(t *testing.T) {
	s, b := newSvc(t)
	b.Advance(time.Hour)
	put(t, s, "M", MetricDatum{MetricName: "m", Value: f(1)})
	b.Advance(4 * time.Hour)
	out, err := s.ListMetrics(ctx, &ListMetricsInput{Namespace: "M", RecentlyActive: "PT3H"})
	if err != nil || len(out.Metrics) != 0 {
		t.Fatalf("%+v %v: want no recently active metric yet", out, err)
	}
	put(t, s, "M", MetricDatum{MetricName: "m", Value: f(2)})
	out, err = s.ListMetrics(ctx, &ListMetricsInput{Namespace: "M", RecentlyActive: "PT3H"})
	if err != nil || len(out.Metrics) != 1 {
		t.Fatalf("%+v %v: want the metric put again", out, err)
	}
}

// appendEsc escapes the key separators 0, 1 and 2 wherever they are, in short strings (its
// one-pass path) and long ones (its IndexByte path) alike.
func TestAppendEscBothPaths(t *testing.T) {
	ref := func(s string) string {
		var b []byte
		for i := 0; i < len(s); i++ {
			if s[i] <= 2 {
				b = append(b, 2, s[i]+'0')
			} else {
				b = append(b, s[i])
			}
		}
		return string(b)
	}
	for _, n := range []int{0, 1, 7, 31, 32, 33, 100} {
		base := strings.Repeat("x", n)
		cases := []string{base}
		for pos := 0; pos < n; pos += max(1, n/4) {
			for c := byte(0); c <= 3; c++ {
				cases = append(cases, base[:pos]+string(rune(c))+base[pos+1:])
			}
		}
		for _, s := range cases {
			if got := string(appendEsc([]byte("p"), s)); got != "p"+ref(s) {
				t.Fatalf("appendEsc(%q) = %q, want %q", s, got, "p"+ref(s))
			}
		}
	}
	if metricKey("a", "b\x00c", nil) == metricKey("a\x00b", "c", nil) {
		t.Fatal("a separator inside a name makes two identities one key")
	}
}
