package filterpattern

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/watchsim/watchsim/internal/awserr"
)

// filterVector is one line of testdata/logs-filter-vectors.jsonl (the project's recorded filter-pattern vectors).
type filterVector struct {
	ID              string            `json:"id"`
	Src             string            `json:"src"`
	Pattern         string            `json:"pattern"`
	Event           string            `json:"event"`
	Match           *bool             `json:"match"`
	Error           string            `json:"error"`
	Message         string            `json:"message"`
	Note            string            `json:"note"`
	ExtractedValues map[string]string `json:"extractedValues"`
	MetricValue     string            `json:"metricValue"`
	Value           *float64          `json:"value"`
}

func loadFilterVectors(t testing.TB) []filterVector {
	t.Helper()
	f, err := os.Open("testdata/logs-filter-vectors.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []filterVector
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v filterVector
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("bad vector line: %v", err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestFilterVectors(t *testing.T) {
	vectors := loadFilterVectors(t)
	if len(vectors) != 225 {
		t.Fatalf("loaded %d vectors, want 225", len(vectors))
	}
	for _, v := range vectors {
		t.Run(v.ID, func(t *testing.T) {
			p, err := Compile(v.Pattern)
			if v.Error != "" {
				if err == nil {
					t.Fatalf("Compile(%q) succeeded, want %s", v.Pattern, v.Error)
				}
				if got := awserr.ErrorCode(err); got != v.Error {
					t.Fatalf("Compile(%q) error code %q (%v), want %q", v.Pattern, got, err, v.Error)
				}
				var be *awserr.Error
				if !asBusError(err, &be) {
					t.Fatalf("error %T is not *awserr.Error", err)
				}
				if v.Message != "" {
					want := strings.ReplaceAll(v.Message, "<the pattern>", v.Pattern)
					if be.Message != want {
						t.Fatalf("message %q, want %q", be.Message, want)
					}
				}
				if _, err := TestMetricFilter(v.Pattern, []string{"x"}); awserr.ErrorCode(err) != v.Error {
					t.Fatalf("TestMetricFilter error %v, want %s", err, v.Error)
				}
				return
			}
			if err != nil {
				t.Fatalf("Compile(%q): %v", v.Pattern, err)
			}
			want := *v.Match
			if got := p.Matches(v.Event); got != want {
				t.Fatalf("Matches(%q, %q) = %v, want %v (%s)", v.Pattern, v.Event, got, want, v.Note)
			}
			m, ok := p.Match(v.Event)
			if ok != want {
				t.Fatalf("Match = %v, want %v", ok, want)
			}
			recs, err := TestMetricFilter(v.Pattern, []string{v.Event})
			if err != nil {
				t.Fatalf("TestMetricFilter: %v", err)
			}
			if (len(recs) == 1) != want {
				t.Fatalf("TestMetricFilter returned %d records, want match=%v", len(recs), want)
			}
			if v.ExtractedValues != nil {
				if diff := cmp.Diff(v.ExtractedValues, recs[0].ExtractedValues); diff != "" {
					t.Fatalf("extractedValues (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(v.ExtractedValues, m.ExtractedValues()); diff != "" {
					t.Fatalf("Match.ExtractedValues (-want +got):\n%s", diff)
				}
			}
			if v.MetricValue != "" {
				e, err := NewMetricFilterEvaluator(p, MetricTransformation{MetricName: "m", MetricNamespace: "n", MetricValue: v.MetricValue})
				if err != nil {
					t.Fatalf("NewMetricFilterEvaluator: %v", err)
				}
				obs, ok := e.Evaluate(v.Event)
				if !ok || !obs.Matched || obs.Value != *v.Value {
					t.Fatalf("Evaluate = %+v, %v; want value %v", obs, ok, *v.Value)
				}
			}
		})
	}
}

func asBusError(err error, target **awserr.Error) bool { return errors.As(err, target) }
