package awsapi

import (
	"context"
	"reflect"
	"strings"
	"sync"

	"github.com/watchsim/watchsim"
)

// Protocol is a set of AWS wire protocols a service is served over.
type Protocol uint8

const (
	// RPCv2CBOR is Smithy RPC v2 CBOR: POST …/service/<Service>/operation/<Op>, Smithy-Protocol: rpc-v2-cbor.
	RPCv2CBOR Protocol = 1 << iota
	// JSON10 is AWS JSON 1.0 (X-Amz-Target: <Service>.<Op>, application/x-amz-json-1.0).
	JSON10
	// JSON11 is AWS JSON 1.1 (X-Amz-Target: <Service>.<Op>, application/x-amz-json-1.1).
	JSON11
	// Query is the AWS query protocol: a form with Action=<Op>, answered in XML.
	Query
)

// serviceSpec is one line of the service table: an AWS service, the Simulator fields whose
// operations it serves, and how it is reached on the wire.
type serviceSpec struct {
	name    string   // the AWS service, as in the SDK's service id ("CloudWatch")
	fields  []string // the Simulator fields whose operations make up the service
	signing string   // the SigV4 signing name, the credential scope's service ("monitoring")
	target  string   // the X-Amz-Target prefix, also the rpcv2 service name
	// targetAliases are other X-Amz-Target prefixes clients send for the service.
	targetAliases []string
	protos        Protocol
	// queryCompatible services (awsQueryCompatible trait) send X-Amzn-Query-Error with JSON and CBOR
	// errors and use errorNS#Shape in __type; their errors are named by errorShape.
	queryCompatible bool
	errorNS         string
	version         string // query protocol Version
	xmlns           string // query protocol response namespace
	// errorShape maps an operation's error code to the error shape name the SDK's type registry
	// knows (query-compatible services only; nil means the code is the shape name).
	errorShape func(op, code string) string
	// maxBody limits a request body (after decompression) per operation; 0 entries use the
	// Handler's limit.
	maxBody map[string]int64
}

// services is the service table. A service whose Simulator field is missing or nil is skipped, so the
// lines for services still to come are written already: when the field lands, it is served.
func services() []serviceSpec {
	return []serviceSpec{
		{name: "CloudWatch", fields: []string{"Metrics", "Alarms"}, signing: "monitoring",
			target: "GraniteServiceVersion20100801", protos: RPCv2CBOR | JSON10 | Query,
			queryCompatible: true, errorNS: "com.amazonaws.cloudwatch",
			version: "2010-08-01", xmlns: "http://monitoring.amazonaws.com/doc/2010-08-01/",
			errorShape: cloudWatchErrorShape,
			// "Each PutMetricData request is limited to 1 MB in size for HTTP POST requests"
			// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html).
			maxBody: map[string]int64{"PutMetricData": 1 << 20}},
		{name: "CloudWatch Logs", fields: []string{"Logs"}, signing: "logs", target: "Logs_20140328", protos: JSON11},
		{name: "EventBridge", fields: []string{"Events"}, signing: "events", target: "AWSEvents", protos: JSON11},
		{name: "CloudTrail", fields: []string{"Trail"}, signing: "cloudtrail", target: "CloudTrail_20131101", protos: JSON11,
			// aws-sdk-go-v2 sends the short prefix, botocore (the aws CLI, boto3) the qualified one.
			targetAliases: []string{"com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"}},
		{name: "Config Service", fields: []string{"Config"}, signing: "config", target: "StarlingDoveService", protos: JSON11},
	}
}

// cloudWatchErrorShape names CloudWatch's error shapes by their awsQueryError codes (the CloudWatch
// Smithy model); the dashboard operations model ResourceNotFound and InvalidParameterInput as
// DashboardNotFoundError and DashboardInvalidInputError.
func cloudWatchErrorShape(op, code string) string {
	if strings.Contains(op, "Dashboard") {
		switch code {
		case "ResourceNotFound":
			return "DashboardNotFoundError"
		case "InvalidParameterInput":
			return "DashboardInvalidInputError"
		}
	}
	switch code {
	case "InternalServiceError":
		return "InternalServiceFault"
	case "InvalidFormat":
		return "InvalidFormatFault"
	case "InvalidParameterCombination":
		return "InvalidParameterCombinationException"
	case "InvalidParameterValue":
		return "InvalidParameterValueException"
	case "LimitExceeded":
		return "LimitExceededFault"
	case "MissingParameter":
		return "MissingRequiredParameterException"
	case "ValidationError":
		return "ValidationException"
	case "InvalidParameterInput":
		return "DashboardInvalidInputError"
	}
	return code
}

// operation is one AWS operation found on a service of the Simulator.
type operation struct {
	name   string
	method reflect.Value // bound: func(context.Context, *In) (*Out, error)
	in     reflect.Type  // In (not the pointer)
	outT   reflect.Type  // *Out
	// outEmpty: Out has no fields, so its CBOR form is the empty map whatever the value
	outEmpty bool
	planned  sync.Once // inPlan and out are built on the first call (Handler.plansOf)
	inPlan   *plan
	out      *plan
}

// service is a served line of the table with its operations.
type service struct {
	serviceSpec
	ops map[string]*operation
}

// discover builds the served services of sim: every method of the listed fields with the shape of an
// AWS operation (docs/ARCHITECTURE.md §7), by reflection.
func discover(sim *watchsim.Simulator) ([]*service, error) {
	sv := reflect.ValueOf(sim).Elem()
	var out []*service
	for _, spec := range services() {
		s := &service{serviceSpec: spec, ops: map[string]*operation{}}
		for _, field := range spec.fields {
			f := sv.FieldByName(field)
			if !f.IsValid() || f.Kind() != reflect.Pointer || f.IsNil() {
				continue
			}
			t := f.Type()
			for i := 0; i < t.NumMethod(); i++ {
				m := t.Method(i)
				ft := m.Type
				if ft.NumIn() != 3 || ft.NumOut() != 2 || ft.In(1) != reflect.TypeFor[context.Context]() || ft.In(2).Kind() != reflect.Pointer ||
					ft.In(2).Elem().Kind() != reflect.Struct || ft.Out(0).Kind() != reflect.Pointer || ft.Out(1) != reflect.TypeFor[error]() {
					continue
				}
				if prev, dup := s.ops[m.Name]; dup {
					return nil, &duplicateError{service: spec.name, op: prev.name}
				}
				s.ops[m.Name] = &operation{name: m.Name, method: f.Method(i), in: ft.In(2).Elem(), outT: ft.Out(0),
					outEmpty: ft.Out(0).Elem().Kind() == reflect.Struct && ft.Out(0).Elem().NumField() == 0}
			}
		}
		if len(s.ops) > 0 {
			out = append(out, s)
		}
	}
	return out, nil
}

// plansOf returns op's input and output plans, built on the operation's first call: a Handler
// starts without walking every shape of every service (most tests call a handful of operations).
func (h *Handler) plansOf(op *operation) (in, out *plan) {
	op.planned.Do(func() {
		h.plMu.Lock()
		defer h.plMu.Unlock()
		op.inPlan, op.out = h.plans.of(op.in), h.plans.of(op.outT)
		// finish sets times only on the new plans: those of operations planned before are at
		// their fixpoint already, so concurrent readers of them see no write.
		h.plans.finish()
	})
	return op.inPlan, op.out
}

type duplicateError struct{ service, op string }

func (e *duplicateError) Error() string {
	return "awsapi: two fields of the Simulator serve " + e.service + " operation " + e.op
}
