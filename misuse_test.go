package watchsim_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/alarms"
	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
	"github.com/watchsim/watchsim/events"
	"github.com/watchsim/watchsim/logs"
	"github.com/watchsim/watchsim/metrics"
	"github.com/watchsim/watchsim/trail"
)

var (
	ctxType   = reflect.TypeFor[context.Context]()
	errorType = reflect.TypeFor[error]()
)

// operation is one AWS operation found by reflection on a service of the Simulator.
type operation struct {
	service string // the Simulator field, e.g. "Alarms"
	name    string // the method, e.g. "PutMetricAlarm"
	in      reflect.Type
}

// operations lists every method of every service the Simulator holds that has the shape of an AWS
// operation: func(context.Context, *XxxInput) (*XxxOutput, error). A service added to the Simulator
// is covered the day it lands.
func operations(t *testing.T, sim *watchsim.Simulator) []operation {
	var ops []operation
	v := reflect.ValueOf(sim).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if !f.IsExported() || f.Type.Kind() != reflect.Pointer || f.Type == reflect.TypeFor[*bus.Bus]() {
			continue
		}
		for m := 0; m < f.Type.NumMethod(); m++ {
			mt := f.Type.Method(m)
			ft := mt.Type // receiver first
			if ft.NumIn() != 3 || ft.NumOut() != 2 || ft.In(1) != ctxType || ft.In(2).Kind() != reflect.Pointer ||
				ft.Out(0).Kind() != reflect.Pointer || ft.Out(1) != errorType {
				continue
			}
			ops = append(ops, operation{service: f.Name, name: mt.Name, in: ft.In(2)})
		}
	}
	if len(ops) < 20 {
		t.Fatalf("found only %d operations by reflection; the Simulator's services changed shape?", len(ops))
	}
	return ops
}

// call invokes op on sim with ctx and in, turning a panic into a test failure.
func call(t *testing.T, sim *watchsim.Simulator, op operation, ctx context.Context, in reflect.Value) (out any, err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s.%s panicked: %v", op.service, op.name, r)
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	svc := reflect.ValueOf(sim).Elem().FieldByName(op.service)
	var c reflect.Value
	if ctx == nil {
		c = reflect.Zero(ctxType)
	} else {
		c = reflect.ValueOf(ctx)
	}
	res := svc.MethodByName(op.name).Call([]reflect.Value{c, in})
	if e := res[1].Interface(); e != nil {
		err = e.(error)
	}
	return res[0].Interface(), err
}

// TestMisuseEveryOperation calls every operation of every service with a nil input, with a nil ctx
// and after Close, and checks the one misuse rule of docs/ARCHITECTURE.md: never a panic; a nil input
// is an empty input (an AWS answer — a result or an AWS error, both of which marshal to JSON); a nil
// ctx returns an error wrapping bus.ErrNilContext and a call after Close one wrapping bus.ErrClosed.
func TestMisuseEveryOperation(t *testing.T) {
	sim, err := watchsim.New()
	if err != nil {
		t.Fatal(err)
	}
	ops := operations(t, sim)
	var records []bus.APICall
	bus.Subscribe(sim.Bus, bus.APICalls(), func(_ context.Context, c bus.APICall) { records = append(records, c) })
	for _, op := range ops {
		t.Run(op.service+"."+op.name, func(t *testing.T) {
			nilIn := reflect.Zero(op.in)
			before := len(records)
			out, err := call(t, sim, op, context.Background(), nilIn)
			if len(records) != before+1 || records[before].EventName != op.name {
				t.Errorf("nil input: the call published no API-call record of its own (does it go through bus.Call?)")
			}
			if err != nil {
				var apiErr interface{ ErrorCode() string }
				if !errors.As(err, &apiErr) || apiErr.ErrorCode() == "" {
					t.Errorf("nil input: error %v is not an AWS error", err)
				}
			} else if _, jerr := json.Marshal(out); jerr != nil {
				t.Errorf("nil input: output does not marshal: %v", jerr)
			}
			_, err = call(t, sim, op, nil, reflect.New(op.in.Elem()))
			if !errors.Is(err, bus.ErrNilContext) {
				t.Errorf("nil ctx: err = %v, want one wrapping bus.ErrNilContext", err)
			}
		})
	}
	for _, r := range records {
		if _, err := json.Marshal(r); err != nil {
			t.Errorf("API-call record of %s does not marshal: %v", r.EventName, err)
		}
	}
	if err := sim.Close(); err != nil {
		t.Fatal(err)
	}
	for _, op := range ops {
		t.Run("closed/"+op.service+"."+op.name, func(t *testing.T) {
			_, err := call(t, sim, op, context.Background(), reflect.New(op.in.Elem()))
			if !errors.Is(err, bus.ErrClosed) {
				t.Errorf("after Close: err = %v, want one wrapping bus.ErrClosed", err)
			}
		})
	}
}

// TestNilOption: a nil Option is an error everywhere (the root, the kernel, every service).
func TestNilOption(t *testing.T) {
	if _, err := watchsim.New(nil); err == nil {
		t.Error("watchsim.New(nil) succeeded")
	}
	if _, err := bus.New(nil); err == nil {
		t.Error("bus.New(nil) succeeded")
	}
	if _, err := watchsim.New(watchsim.WithMetricsOptions(nil)); err == nil {
		t.Error("metrics option nil accepted")
	}
	if _, err := watchsim.New(watchsim.WithAlarmsOptions(nil)); err == nil {
		t.Error("alarms option nil accepted")
	}
	if _, err := watchsim.New(watchsim.WithLogsOptions(nil)); err == nil {
		t.Error("logs option nil accepted")
	}
	if _, err := watchsim.New(watchsim.WithEventsOptions(nil)); err == nil {
		t.Error("events option nil accepted")
	}
	if _, err := watchsim.New(watchsim.WithTrailOptions(nil)); err == nil {
		t.Error("trail option nil accepted")
	}
	if _, err := watchsim.New(watchsim.WithConfigOptions(nil)); err == nil {
		t.Error("config option nil accepted")
	}
}

// TestServicesRefuseAClosedBus and a Timeline that was never recorded are misuse answered calmly.
func TestServicesRefuseAClosedBus(t *testing.T) {
	b := bus.MustNew()
	_ = b.Close()
	if _, err := metrics.New(b); !errors.Is(err, bus.ErrClosed) {
		t.Errorf("metrics.New on a closed Bus = %v", err)
	}
	if _, err := logs.New(b); !errors.Is(err, bus.ErrClosed) {
		t.Errorf("logs.New on a closed Bus = %v", err)
	}
	if _, err := events.New(b); !errors.Is(err, bus.ErrClosed) {
		t.Errorf("events.New on a closed Bus = %v", err)
	}
	if _, err := trail.New(b); !errors.Is(err, bus.ErrClosed) {
		t.Errorf("trail.New on a closed Bus = %v", err)
	}
	if _, err := config.New(b); !errors.Is(err, bus.ErrClosed) {
		t.Errorf("config.New on a closed Bus = %v", err)
	}
	sim, err := watchsim.New()
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	closed := bus.MustNew()
	_ = closed.Close()
	if _, err := alarms.New(closed, sim.Metrics); !errors.Is(err, bus.ErrClosed) {
		t.Errorf("alarms.New on a closed Bus = %v", err)
	}
	var tl *watchsim.Timeline = sim.Timeline() // built without WithTimeline: nil
	if tl.Entries() != nil || tl.String() != "" {
		t.Error("a nil Timeline reports entries")
	}
	tl.Note("me", "nothing")
}

// TestOptionGivenTwice: an option that takes a value is refused when given twice, in every package.
func TestOptionGivenTwice(t *testing.T) {
	for name, opts := range map[string][]watchsim.Option{
		"bus":     {watchsim.WithSeed(1), watchsim.WithSeed(2)},
		"metrics": {watchsim.WithMetricsOptions(metrics.WithRollupInterval(time.Hour)), watchsim.WithMetricsOptions(metrics.WithRollupInterval(2 * time.Hour))},
		"alarms":  {watchsim.WithAlarmsOptions(alarms.WithMaxAlarms(1), alarms.WithMaxAlarms(2))},
		"logs":    {watchsim.WithLogsOptions(logs.WithEMF(logs.EMFOff)), watchsim.WithLogsOptions(logs.WithEMF(logs.EMFAuto))},
		"events":  {watchsim.WithEventsOptions(events.WithMaxRulesPerBus(1)), watchsim.WithEventsOptions(events.WithMaxRulesPerBus(2))},
		"trail":   {watchsim.WithTrailOptions(trail.WithMaxTrails(1)), watchsim.WithTrailOptions(trail.WithMaxTrails(2))},
		"config":  {watchsim.WithConfigOptions(config.WithMaxRules(1)), watchsim.WithConfigOptions(config.WithMaxRules(2))},
	} {
		if _, err := watchsim.New(opts...); err == nil || !strings.Contains(err.Error(), "twice") {
			t.Errorf("%s: an option given twice: err = %v", name, err)
		}
	}
	if _, err := watchsim.New(watchsim.WithTimeline(), watchsim.WithTimeline()); err != nil {
		t.Errorf("WithTimeline (no value) twice: %v", err)
	}
}
