package pictures_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/metrics"
	"github.com/watchsim/watchsim/metrics/widgetimage"
	"github.com/watchsim/watchsim/watchsimtest"
	"github.com/watchsim/watchsim/watchsimtest/pictures"
)

var update = flag.Bool("update", false, "rewrite the golden pictures in testdata/")

var ctx = context.Background()

func ptr[T any](v T) *T { return &v }

// scenario runs one alarm story on a fresh simulator and returns it with its start: a latency
// metric every minute for 60 minutes, 40–54 ms, then 120 ms from minute 15 to 24 (a threshold
// crossing), nothing from minute 30 to 44 when gap is set, 50 ms after. The alarm HighLatency
// (Average > 80, 2 of 3 one-minute periods, treat missing data as tmd) notifies the SNS topic
// "ops" on ALARM and OK.
func scenario(t testing.TB, tmd alarms.TreatMissingData, gap bool) (*watchsim.Simulator, time.Time) {
	t.Helper()
	sim := watchsimtest.New(t)
	start := sim.Now()
	latencyStory(t, sim, tmd, gap)
	return sim, start
}

// latencyStory is the story of [scenario] on sim.
func latencyStory(t testing.TB, sim *watchsim.Simulator, tmd alarms.TreatMissingData, gap bool) {
	t.Helper()
	topic, err := bus.NewSNSTopic(sim.Bus, "ops")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sim.Alarms.PutMetricAlarm(ctx, &alarms.PutMetricAlarmInput{AlarmName: "HighLatency", Namespace: "App",
		MetricName: "Latency", Statistic: "Average", Period: 60, EvaluationPeriods: 3, DatapointsToAlarm: ptr(int32(2)),
		Threshold: ptr(80.0), ComparisonOperator: alarms.GreaterThanThreshold, TreatMissingData: tmd,
		AlarmActions: []string{topic.ARN()}, OKActions: []string{topic.ARN()}}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 60; i++ {
		v := 40 + float64(i%15)
		if i >= 15 && i < 25 {
			v = 120
		}
		if !gap || i < 30 || i >= 45 {
			if _, err := sim.Metrics.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "App",
				MetricData: []metrics.MetricDatum{{MetricName: "Latency", Value: &v}}}); err != nil {
				t.Fatal(err)
			}
		}
		if err := sim.Advance(time.Minute); err != nil {
			t.Fatal(err)
		}
	}
}

// composite adds two alarms and the composite "ServiceDown" (ALARM(HighLatency) AND
// ALARM(HighErrors)) with an action, and runs 60 minutes where the two overlap for a while.
func composite(t testing.TB) (*watchsim.Simulator, time.Time) {
	t.Helper()
	sim := watchsimtest.New(t)
	start := sim.Now()
	topic, err := bus.NewSNSTopic(sim.Bus, "pager")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"Latency", "Errors"} {
		if _, err := sim.Alarms.PutMetricAlarm(ctx, &alarms.PutMetricAlarmInput{AlarmName: "High" + m, Namespace: "App",
			MetricName: m, Statistic: "Maximum", Period: 60, EvaluationPeriods: 1, Threshold: ptr(10.0),
			ComparisonOperator: alarms.GreaterThanThreshold}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := sim.Alarms.PutCompositeAlarm(ctx, &alarms.PutCompositeAlarmInput{AlarmName: "ServiceDown",
		AlarmRule: "ALARM(HighLatency) AND ALARM(HighErrors)", AlarmActions: []string{topic.ARN()}}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 60; i++ {
		lat, errs := 5.0, 1.0
		if i >= 10 && i < 40 {
			lat = 50
		}
		if i >= 25 && i < 50 {
			errs = 30
		}
		if _, err := sim.Metrics.PutMetricData(ctx, &metrics.PutMetricDataInput{Namespace: "App", MetricData: []metrics.MetricDatum{
			{MetricName: "Latency", Value: &lat}, {MetricName: "Errors", Value: &errs}}}); err != nil {
			t.Fatal(err)
		}
		if err := sim.Advance(time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	return sim, start
}

type pictureCase struct {
	golden string
	alarm  string
	run    func(testing.TB) (*watchsim.Simulator, time.Time)
}

func pictureCases() []pictureCase {
	cases := []pictureCase{{"threshold-crossing", "HighLatency", func(t testing.TB) (*watchsim.Simulator, time.Time) {
		return scenario(t, alarms.TreatMissing, false)
	}}}
	for _, tmd := range []alarms.TreatMissingData{alarms.TreatMissing, alarms.TreatNotBreaching, alarms.TreatBreaching, alarms.TreatIgnore} {
		cases = append(cases, pictureCase{"missing-data-" + string(tmd), "HighLatency", func(t testing.TB) (*watchsim.Simulator, time.Time) {
			return scenario(t, tmd, true)
		}})
	}
	return append(cases, pictureCase{"composite", "ServiceDown", composite})
}

// TestAlarmPictureGolden: each scenario's SVG is byte-identical to its golden file and to a second
// run of the same simulation; the PNG is byte-identical run to run. go test -update rewrites them.
func TestAlarmPictureGolden(t *testing.T) {
	for _, c := range pictureCases() {
		t.Run(c.golden, func(t *testing.T) {
			draw := func() ([]byte, []byte) {
				sim, start := c.run(t)
				ch, err := pictures.AlarmChart(ctx, sim, c.alarm, start, sim.Now())
				if err != nil {
					t.Fatal(err)
				}
				svg, err := ch.SVG()
				if err != nil {
					t.Fatal(err)
				}
				p, err := ch.PNG()
				if err != nil {
					t.Fatal(err)
				}
				return svg, p
			}
			svg1, png1 := draw()
			svg2, png2 := draw()
			if !bytes.Equal(svg1, svg2) || !bytes.Equal(png1, png2) {
				t.Fatal("the same simulation drew different bytes")
			}
			if _, err := png.Decode(bytes.NewReader(png1)); err != nil {
				t.Fatalf("PNG does not decode: %v", err)
			}
			path := filepath.Join("testdata", c.golden+".svg")
			if *update {
				if err := os.WriteFile(path, svg1, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test -update writes it)", err)
			}
			if !bytes.Equal(svg1, want) {
				t.Errorf("%s differs from the picture drawn (go test -update rewrites it after a deliberate change)", path)
			}
		})
	}
}

// logT is a testing.TB whose failure and logs the test controls; everything else is the real t's.
type logT struct {
	testing.TB
	failed   bool
	logs     []string
	cleanups []func()
}

func (f *logT) Helper()                        {}
func (f *logT) Failed() bool                   { return f.failed }
func (f *logT) Cleanup(fn func())              { f.cleanups = append(f.cleanups, fn) }
func (f *logT) Logf(format string, a ...any)   { f.logs = append(f.logs, fmt.Sprintf(format, a...)) }
func (f *logT) Fatalf(format string, a ...any) { f.failed = true; f.Logf(format, a...) }

func (f *logT) finish() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

// TestPicturesOnFailure: a failing test gets one SVG and one PNG per alarm in $WATCHSIM_PICTURES,
// logged before the timeline, equal to what Write draws for the test's span; an alarm
// that does not exist is logged, not drawn; a passing test writes nothing.
func TestPicturesOnFailure(t *testing.T) {
	for _, failed := range []bool{false, true} {
		root := t.TempDir()
		t.Setenv(pictures.Env, root)
		ft := &logT{TB: t}
		sim := watchsimtest.New(ft)
		start := sim.Now()
		pictures.OnFailure(ft, sim, "HighLatency", "Nope")
		latencyStory(t, sim, alarms.TreatMissing, true)
		var want []byte
		if failed {
			svg, _, err := pictures.Write(ctx, sim, "HighLatency", start, sim.Now(), t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			want, _ = os.ReadFile(svg)
		}
		ft.failed = failed
		ft.finish()
		logged := strings.Join(ft.logs, "\n")
		dir := filepath.Join(root, "TestPicturesOnFailure")
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		if !failed {
			if len(files) != 0 || strings.Contains(logged, "picture") {
				t.Errorf("passing test: files %v, logs:\n%s", files, logged)
			}
			continue
		}
		svgPath, pngPath := filepath.Join(dir, "HighLatency.svg"), filepath.Join(dir, "HighLatency.png")
		if len(files) != 2 || !strings.Contains(logged, svgPath) || !strings.Contains(logged, pngPath) {
			t.Fatalf("files %v, logs:\n%s", files, logged)
		}
		if got, _ := os.ReadFile(svgPath); !bytes.Equal(got, want) {
			t.Error("the picture written on failure is not the test's span drawn by Write")
		}
		if f, _ := os.Open(pngPath); f == nil {
			t.Error("no PNG")
		} else if _, err := png.Decode(f); err != nil {
			t.Errorf("PNG: %v", err)
		}
		if !strings.Contains(logged, `alarm "Nope": pictures: no alarm named "Nope"`) {
			t.Errorf("missing alarm not reported:\n%s", logged)
		}
		if p, tl := strings.Index(logged, svgPath), strings.Index(logged, "watchsim timeline"); tl < 0 || p > tl {
			t.Errorf("picture not logged before the timeline:\n%s", logged)
		}
	}
}

// TestAlarmChartLayers checks the picture against the simulation it shows: one series equal to
// GetMetricData's, the threshold line, a missing-data marker for every minute of the gap and no
// other, a state band for every StateUpdate, an action marker for every Action.
func TestAlarmChartLayers(t *testing.T) {
	sim, start := scenario(t, alarms.TreatBreaching, true)
	c, err := pictures.AlarmChart(ctx, sim, "HighLatency", start, sim.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Series) != 1 || len(c.Series[0].Values) != 45 || len(c.Horizontal) != 1 || c.Horizontal[0].Value != 80 || c.Horizontal[0].Fill != "above" {
		t.Fatalf("series/threshold: %+v %+v", c.Series, c.Horizontal)
	}
	var missing, actions []time.Time
	for _, m := range c.Markers {
		if m.Kind == widgetimage.MissingData {
			missing = append(missing, m.At)
		} else {
			actions = append(actions, m.At)
			if m.Label != "ops" {
				t.Errorf("action label %q, want the topic name", m.Label)
			}
		}
	}
	if len(missing) != 15 || !missing[0].Equal(start.Add(30*time.Minute)) || !missing[14].Equal(start.Add(44*time.Minute)) {
		t.Errorf("missing-data markers %v", missing)
	}
	h, err := sim.Alarms.DescribeAlarmHistory(ctx, &alarms.DescribeAlarmHistoryInput{AlarmName: "HighLatency", ScanBy: alarms.TimestampAscending})
	if err != nil {
		t.Fatal(err)
	}
	var ups, acts int
	for _, it := range h.AlarmHistoryItems {
		switch it.HistoryItemType {
		case alarms.HistoryStateUpdate:
			if it.Timestamp.After(start) { // a change at creation leaves no band of the state before
				ups++
			}
		case alarms.HistoryAction:
			acts++
		}
	}
	if len(c.States) != ups+1 || len(actions) != acts || acts == 0 {
		t.Errorf("%d bands for %d state updates, %d action markers for %d actions", len(c.States), ups, len(actions), acts)
	}
	for i, b := range c.States {
		if i > 0 && !b.From.Equal(c.States[i-1].To) {
			t.Errorf("bands %d and %d do not meet", i-1, i)
		}
	}
	if first, last := c.States[0], c.States[len(c.States)-1]; !first.From.Equal(start) || !last.To.Equal(sim.Now()) {
		t.Errorf("bands from %v (%s) to %v", first.From, first.State, last.To)
	}
	if _, err := pictures.AlarmChart(ctx, sim, "HighLatency", sim.Now(), start); err == nil {
		t.Error("reversed range accepted")
	}
	if _, err := pictures.AlarmChart(ctx, nil, "HighLatency", start, sim.Now()); err == nil {
		t.Error("nil simulator accepted")
	}
}
