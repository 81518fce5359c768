package logs_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/logs"
)

func TestEmbeddedMetricFormat(t *testing.T) {
	for _, mode := range []logs.EMFMode{logs.EMFAuto, logs.EMFOff} {
		s, b := newService(t, logs.WithEMF(mode))
		var got []bus.MetricData
		bus.Subscribe(b, bus.MetricDataIn(), func(_ context.Context, md bus.MetricData) { got = append(got, md) })
		mustGroup(t, s, "lambda", "s")
		now := ms(b.Now())
		ts := strconv.FormatInt(now-1000, 10)
		doc := `{"_aws":{"Timestamp":` + ts + `,"CloudWatchMetrics":[{"Namespace":"lambda-function-metrics","Dimensions":[["functionVersion"]],` +
			`"Metrics":[{"Name":"time","Unit":"Milliseconds","StorageResolution":1}]}]},"functionVersion":"$LATEST","time":100,"requestId":"989ffbf8"}`
		bad := `{"_aws":{"Timestamp":` + ts + `,"CloudWatchMetrics":[{"Namespace":"n","Metrics":[{"Name":"m","Unit":"Parsecs"}]}]},"m":1}`
		put(t, s, "lambda", "s", []int64{now, now, now}, doc, bad, `{"_aws":`)
		b.Advance(time.Minute)
		var emfData []bus.MetricData
		var usage map[string]float64
		for _, md := range got {
			if md.Namespace == logs.UsageNamespace {
				usage = map[string]float64{}
				for _, d := range md.MetricData {
					if len(d.Dimensions) == 1 {
						usage[d.MetricName] = *d.Value
					}
				}
				continue
			}
			emfData = append(emfData, md)
		}
		if mode == logs.EMFOff {
			if len(emfData) != 0 || usage["EMFValidationErrors"] != 0 {
				t.Errorf("EMFOff published %+v / %v", emfData, usage)
			}
			continue
		}
		if len(emfData) != 1 || emfData[0].Namespace != "lambda-function-metrics" {
			t.Fatalf("EMF metrics = %+v", emfData)
		}
		d := emfData[0].MetricData[0]
		if d.MetricName != "time" || *d.Value != 100 || d.Unit != "Milliseconds" || d.StorageResolution != 1 ||
			d.Dimensions[0] != (bus.Dimension{Name: "functionVersion", Value: "$LATEST"}) || d.Timestamp.UnixMilli() != now-1000 {
			t.Errorf("datum = %+v", d)
		}
		if usage["EMFValidationErrors"] != 1 || usage["EMFParsingErrors"] != 1 || usage["IncomingLogEvents"] != 3 {
			t.Errorf("AWS/Logs = %v", usage)
		}
	}
}
