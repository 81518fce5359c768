package trail

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// operations lists the methods with the shape of an AWS operation, as the module's misuse test
// finds them.
func operations() []reflect.Method {
	ctxType, errType := reflect.TypeFor[context.Context](), reflect.TypeFor[error]()
	var ops []reflect.Method
	st := reflect.TypeFor[*Service]()
	for i := 0; i < st.NumMethod(); i++ {
		m := st.Method(i)
		ft := m.Type
		if ft.NumIn() == 3 && ft.NumOut() == 2 && ft.In(1) == ctxType && ft.In(2).Kind() == reflect.Pointer &&
			ft.Out(0).Kind() == reflect.Pointer && ft.Out(1) == errType {
			ops = append(ops, m)
		}
	}
	return ops
}

func TestMisuseEveryOperation(t *testing.T) {
	e := newEnv(t)
	ops := operations()
	if len(ops) < 21 {
		t.Fatalf("only %d operations", len(ops))
	}
	var records int
	bus.Subscribe(e.b, bus.APICalls(), func(context.Context, bus.APICall) { records++ })
	sv := reflect.ValueOf(e.s)
	for _, m := range ops {
		before := records
		res := m.Func.Call([]reflect.Value{sv, reflect.ValueOf(context.Background()), reflect.Zero(m.Type.In(2))})
		if records != before+1 {
			t.Errorf("%s with a nil input: %d records", m.Name, records-before)
		}
		if !res[0].IsNil() {
			if _, err := json.Marshal(res[0].Interface()); err != nil {
				t.Errorf("%s output does not marshal: %v", m.Name, err)
			}
		}
		res = m.Func.Call([]reflect.Value{sv, reflect.Zero(m.Type.In(1)), reflect.Zero(m.Type.In(2))})
		if err, _ := res[1].Interface().(error); !errors.Is(err, bus.ErrNilContext) {
			t.Errorf("%s with a nil ctx: %v", m.Name, err)
		}
	}
	e.b.Close()
	for _, m := range ops {
		res := m.Func.Call([]reflect.Value{sv, reflect.ValueOf(context.Background()), reflect.Zero(m.Type.In(2))})
		if err, _ := res[1].Interface().(error); !errors.Is(err, bus.ErrClosed) {
			t.Errorf("%s after Close: %v", m.Name, err)
		}
	}
	if _, err := New(e.b); !errors.Is(err, bus.ErrClosed) {
		t.Errorf("New on a closed bus: %v", err)
	}
}

func TestOptions(t *testing.T) {
	b := bus.MustNew()
	defer b.Close()
	bad := [][]Option{{nil}, {WithLookupDelay(-1)}, {WithLookupDelay(1), WithLookupDelay(2)}, {WithDeliveryPeriod(0)},
		{WithSigningKey(nil)}, {WithMaxTrails(0)}}
	for _, o := range bad {
		if _, err := New(b, o...); err == nil {
			t.Errorf("New(%v) accepted", o)
		}
	}
	if _, err := New(nil); err == nil {
		t.Error("New(nil)")
	}
}

// TestConcurrentCallsAndAdvance runs callers and Advance together (run with -race).
func TestConcurrentCallsAndAdvance(t *testing.T) {
	e := newEnv(t, WithSigningKey(testKey(t)))
	ctx := context.Background()
	tr := true
	e.logging(t, CreateTrailInput{Name: "main", EnableLogFileValidation: &tr})
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				_, _ = e.s.GetTrail(ctx, &GetTrailInput{Name: "main"})
				_, _ = e.s.LookupEvents(ctx, &LookupEventsInput{MaxResults: i32(5)})
				_, _ = e.s.GetTrailStatus(ctx, &GetTrailStatusInput{Name: "main"})
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 30; i++ {
			_ = e.b.Advance(7 * time.Minute)
		}
	}()
	wg.Wait()
	_ = e.b.Advance(2 * time.Hour)
	rep := must(e.s.ValidateLogs(ValidateLogsInput{TrailARN: "arn:aws:cloudtrail:us-east-1:123456789012:trail/main", StartTime: e.s.epoch}))
	if rep.ExitCode != 0 || rep.LogsValid == 0 {
		t.Fatal(rep.Output)
	}
	hist := 0
	in := &LookupEventsInput{LookupAttributes: []LookupAttribute{{"EventName", "GetTrail"}}}
	for {
		out := must(e.s.LookupEvents(ctx, in))
		hist += len(out.Events)
		if out.NextToken == "" {
			break
		}
		in.NextToken = out.NextToken
	}
	if hist != 200 {
		t.Fatalf("%d GetTrail events in history, want 200", hist)
	}
}
