package metrics

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// sparse draws a series on the 60 s grid of [0, n·60) with random gaps.
func sparse(t *rapid.T, label string, n int) *Series {
	s := &Series{Period: 60, Metric: true, Label: label}
	for i := 0; i < n; i++ {
		if rapid.Bool().Draw(t, label+"has") {
			s.Times = append(s.Times, int64(i*60))
			s.Values = append(s.Values, float64(rapid.IntRange(-50, 50).Draw(t, label+"v")))
		}
	}
	return s
}

func asMap(s *Series) map[int64]float64 {
	m := map[int64]float64{}
	for i, t := range s.Times {
		m[t] = s.Values[i]
	}
	return m
}

// Binary operators, IF, FILL and RUNNING_SUM agree with a direct per-timestamp reading of the
// rules in [UG:using-metric-math].
func TestPropertyMathAgainstReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "n")
		a, b := sparse(t, "a", n), sparse(t, "b", n)
		e := &MathEnv{Start: 0, End: int64(n * 60), Period: 60, MetricIDs: []string{"a", "b"}, Lookup: func(id string) (MathValue, error) {
			if id == "a" {
				return SeriesValue(a), nil
			}
			return SeriesValue(b), nil
		}}
		am, bm := asMap(a), asMap(b)
		op := rapid.SampledFrom([]string{"+", "-", "*", "/", "<", ">=", "==", "AND", "OR"}).Draw(t, "op")
		x, err := ParseExpression("a " + op + " b")
		if err != nil {
			t.Fatal(err)
		}
		v, err := x.Eval(e)
		if err != nil {
			t.Fatal(err)
		}
		got := asMap(v.Series[0])
		f := arith(op)
		for i := 0; i < n; i++ {
			ts := int64(i * 60)
			av, aok := am[ts]
			bv, bok := bm[ts]
			w, ok := got[ts]
			if !aok && !bok {
				if ok {
					t.Fatalf("%s: point at %d without inputs", op, ts)
				}
				continue
			}
			want := f(av, bv) // a missing side counts as 0
			if !finite(want) {
				if ok {
					t.Fatalf("%s: non-finite point kept at %d", op, ts)
				}
				continue
			}
			if !ok || w != want {
				t.Fatalf("%s at %d: got %v (%v) want %v", op, ts, w, ok, want)
			}
		}
		// IF(a, b, 7): points where a has a value
		x, _ = ParseExpression("IF(a, b, 7)")
		v, _ = x.Eval(e)
		got = asMap(v.Series[0])
		for i := 0; i < n; i++ {
			ts := int64(i * 60)
			av, aok := am[ts]
			w, ok := got[ts]
			switch {
			case !aok:
				if ok {
					t.Fatalf("IF: point without condition at %d", ts)
				}
			case av != 0:
				if want := bm[ts]; !ok || w != want {
					t.Fatalf("IF true at %d: %v want %v", ts, w, want)
				}
			default:
				if !ok || w != 7 {
					t.Fatalf("IF false at %d: %v", ts, w)
				}
			}
		}
		// FILL(a, 0) covers the grid; RUNNING_SUM ends at SUM
		x, _ = ParseExpression("FILL(a, 0)")
		v, _ = x.Eval(e)
		if len(v.Series[0].Times) != n {
			t.Fatalf("FILL: %d points for %d slots", len(v.Series[0].Times), n)
		}
		if len(a.Values) > 0 {
			x, _ = ParseExpression("RUNNING_SUM(a)")
			v, _ = x.Eval(e)
			last := v.Series[0].Values[len(v.Series[0].Values)-1]
			if sum := seriesAggregate("SUM", a.Values); math.Abs(last-sum) > 1e-9 {
				t.Fatalf("RUNNING_SUM ends at %v, SUM is %v", last, sum)
			}
		}
	})
}
