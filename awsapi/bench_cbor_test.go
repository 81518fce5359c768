package awsapi_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/fxamacker/cbor/v2"
	"github.com/watchsim/watchsim/internal/cputime"
	"github.com/watchsim/watchsim/metrics"
)

// BenchmarkCBORDecodeFloor: what github.com/fxamacker/cbor/v2 costs on the 1,000-datum
// PutMetricData body exactly as aws-sdk-go-v2 encodes it (indefinite-length maps and arrays), with
// the decoding options of the Handler, for decode targets from none to the real input shape:
//
//   - wellformed: an empty struct, so only the well-formedness pass every Unmarshal makes first;
//   - raw: MetricData as []cbor.RawMessage (each datum found and copied, nothing decoded);
//   - lean: a minimal datum struct (name, dimensions, float timestamp, float value);
//   - shape: the Handler's decode target, metrics.PutMetricDataInput (time.Time, *float64, …),
//     without the timestamp normalisation that follows it.
//
// It bounds what any decode through the library can save: see docs/bench/awsapi.md.
func BenchmarkCBORDecodeFloor(b *testing.B) {
	req := capturePutMetricData(b, &cloudwatch.PutMetricDataInput{Namespace: aws.String("Bench"),
		MetricData: data(1000, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))})
	zr, err := gzip.NewReader(bytes.NewReader(req.body))
	if err != nil {
		b.Fatal(err)
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		b.Fatal(err)
	}
	// the Handler's options (cbor.go), but for the limits, which do not change the cost
	dm, err := cbor.DecOptions{DefaultMapType: reflect.TypeFor[map[string]any](), MaxNestedLevels: 64,
		MaxArrayElements: 1 << 20, MaxMapPairs: 1 << 20, DupMapKey: cbor.DupMapKeyEnforcedAPF,
		TimeTag: cbor.DecTagOptional, FieldNameMatching: cbor.FieldNameMatchingCaseSensitive}.DecMode()
	if err != nil {
		b.Fatal(err)
	}
	type leanDimension struct {
		Name  string `json:"Name"`
		Value string `json:"Value"`
	}
	type leanDatum struct {
		MetricName string          `json:"MetricName"`
		Dimensions []leanDimension `json:"Dimensions"`
		Timestamp  float64         `json:"Timestamp"`
		Value      float64         `json:"Value"`
	}
	targets := []struct {
		name  string
		new   func() any
		count func(any) int
	}{
		{"wellformed", func() any { return &struct{}{} }, func(any) int { return 1000 }},
		{"raw", func() any {
			return &struct {
				MetricData []cbor.RawMessage `json:"MetricData"`
			}{}
		}, func(v any) int {
			return len(v.(*struct {
				MetricData []cbor.RawMessage `json:"MetricData"`
			}).MetricData)
		}},
		{"lean", func() any {
			return &struct {
				MetricData []leanDatum `json:"MetricData"`
			}{}
		}, func(v any) int {
			return len(v.(*struct {
				MetricData []leanDatum `json:"MetricData"`
			}).MetricData)
		}},
		{"shape", func() any { return &metrics.PutMetricDataInput{} }, func(v any) int { return len(v.(*metrics.PutMetricDataInput).MetricData) }},
	}
	for _, t := range targets {
		b.Run(t.name, func(b *testing.B) {
			v := t.new()
			if err := dm.Unmarshal(body, v); err != nil || t.count(v) != 1000 {
				b.Fatalf("%d datums decoded (%v)", t.count(v), err)
			}
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			b.ResetTimer()
			c0 := cputime.Process()
			for i := 0; i < b.N; i++ {
				if err := dm.Unmarshal(body, t.new()); err != nil {
					b.Fatal(err)
				}
			}
			cpu := cputime.Process() - c0
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*1000), "cpu-ns/datum")
		})
	}
}
