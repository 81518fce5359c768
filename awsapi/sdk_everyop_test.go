package awsapi_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/configservice"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/awsapi"
	"github.com/watchsim/watchsim/awsapi/awsapitest"
	"github.com/watchsim/watchsim/bus"
)

// noValidation removes the SDK's client-side check of required members, so an empty input reaches
// the server, which must answer as the simulator does.
func noValidation(stack *middleware.Stack) error {
	_, err := stack.Initialize.Remove("OperationInputValidation")
	if err != nil && err.Error() != "not found: OperationInputValidation" {
		return err
	}
	return nil
}

// serviceFields are the Simulator fields of each AWS service (the handler's table, restated).
var serviceFields = map[string][]string{
	"CloudWatch":      {"Metrics", "Alarms"},
	"CloudWatch Logs": {"Logs"},
	"EventBridge":     {"Events"},
	"CloudTrail":      {"Trail"},
	"Config Service":  {"Config"},
}

// simulatorMethod finds the Go method of op among the service's Simulator fields.
func simulatorMethod(sim *watchsim.Simulator, svc, op string) (reflect.Value, bool) {
	v := reflect.ValueOf(sim).Elem()
	for _, name := range serviceFields[svc] {
		f := v.FieldByName(name)
		if !f.IsValid() || f.Kind() != reflect.Pointer || f.IsNil() {
			continue
		}
		if m := f.MethodByName(op); m.IsValid() {
			return m, true
		}
	}
	return reflect.Value{}, false
}

// TestEveryOperationOverTheWire calls every operation the handler serves, through the real SDK
// client of its service with an empty input, and the same operation in process on a twin simulator:
// both must succeed, or fail with the same AWS error code — never a deserialization error.
func TestEveryOperationOverTheWire(t *testing.T) {
	sim, twin := newSim(t), newSim(t)
	h, err := awsapi.New(sim)
	if err != nil {
		t.Fatal(err)
	}
	cfg := awsapitest.Config(t, sim)
	clients := map[string]any{
		"CloudWatch": cloudwatch.NewFromConfig(cfg, func(o *cloudwatch.Options) { o.APIOptions = append(o.APIOptions, noValidation) }),
		"CloudWatch/awsJson1_0": cloudwatch.NewFromConfig(cfg, cloudWatchProtocols[1].set,
			func(o *cloudwatch.Options) { o.APIOptions = append(o.APIOptions, noValidation) }),
		"CloudWatch/awsQuery": cloudwatch.NewFromConfig(cfg, cloudWatchProtocols[2].set,
			func(o *cloudwatch.Options) { o.APIOptions = append(o.APIOptions, noValidation) }),
		"CloudWatch Logs": cloudwatchlogs.NewFromConfig(cfg, func(o *cloudwatchlogs.Options) { o.APIOptions = append(o.APIOptions, noValidation) }),
		"EventBridge":     eventbridge.NewFromConfig(cfg, func(o *eventbridge.Options) { o.APIOptions = append(o.APIOptions, noValidation) }),
		"CloudTrail":      cloudtrail.NewFromConfig(cfg, func(o *cloudtrail.Options) { o.APIOptions = append(o.APIOptions, noValidation) }),
		"Config Service":  configservice.NewFromConfig(cfg, func(o *configservice.Options) { o.APIOptions = append(o.APIOptions, noValidation) }),
	}
	skip := map[string]bool{
		"StartLiveTail": true, // an event stream: the SDK needs HTTP/2 event framing, not simulated over the wire
	}
	ctx := context.Background()
	total := 0
	for _, name := range []string{"CloudWatch", "CloudWatch/awsJson1_0", "CloudWatch/awsQuery", "CloudWatch Logs", "EventBridge", "CloudTrail", "Config Service"} {
		svc, proto, _ := strings.Cut(name, "/")
		ops := h.Operations(svc)
		if _, ok := simulatorMethod(sim, svc, "Bus"); !ok && len(ops) == 0 {
			continue // the service is not on the Simulator yet
		}
		if svc != "EventBridge" && len(ops) < 8 {
			t.Fatalf("%s: only %d operations served", svc, len(ops))
		}
		client := reflect.ValueOf(clients[name])
		for _, op := range ops {
			if skip[op] {
				continue
			}
			m := client.MethodByName(op)
			if !m.IsValid() {
				t.Errorf("%s.%s is served but aws-sdk-go-v2 has no such method", svc, op)
				continue
			}
			total++
			res := m.Call([]reflect.Value{reflect.ValueOf(ctx), reflect.New(m.Type().In(1).Elem())})
			wireErr, _ := res[1].Interface().(error)
			dm, ok := simulatorMethod(twin, svc, op)
			if !ok {
				t.Fatalf("%s not found on the twin", op)
			}
			dres := dm.Call([]reflect.Value{reflect.ValueOf(ctx), reflect.Zero(dm.Type().In(1))})
			directErr, _ := dres[1].Interface().(error)
			var de *smithy.DeserializationError
			if errors.As(wireErr, &de) {
				t.Errorf("%s: deserialization error: %v", op, wireErr)
				continue
			}
			switch {
			case wireErr == nil && directErr == nil:
			case wireErr != nil && directErr != nil:
				var api smithy.APIError
				if !errors.As(wireErr, &api) {
					t.Errorf("%s: wire error is not an API error: %T %v", op, wireErr, wireErr)
				} else if proto == "awsQuery" {
					// the SDK's query deserializer reports the shape name as the code; the XML
					// carries the query code, which the shape's awsQueryError trait maps back
					if api.ErrorCode() == "" || api.ErrorCode() == "UnknownError" {
						t.Errorf("%s over query: no code: %v", op, wireErr)
					}
				} else if api.ErrorCode() != bus.ErrorCode(directErr) {
					t.Errorf("%s: wire code %q (%v), in process %q (%v)", op, api.ErrorCode(), wireErr, bus.ErrorCode(directErr), directErr)
				}
			default:
				t.Errorf("%s: over the wire %v, in process %v", op, wireErr, directErr)
			}
		}
	}
	t.Logf("%d operations called over the wire (%v)", total, aws.ToString(cfg.BaseEndpoint) != "")
}
