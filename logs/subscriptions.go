package logs

import (
	"context"
	"slices"
	"strings"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/logs/filterpattern"
)

// SubscriptionFilter is the AWS shape SubscriptionFilter.
type SubscriptionFilter struct {
	FilterName             string `json:"filterName"`
	LogGroupName           string `json:"logGroupName"`
	FilterPattern          string `json:"filterPattern"`
	DestinationArn         string `json:"destinationArn"`
	RoleArn                string `json:"roleArn,omitempty"`
	Distribution           string `json:"distribution"`
	ApplyOnTransformedLogs bool   `json:"applyOnTransformedLogs"`
	CreationTime           int64  `json:"creationTime"`
}

// PutSubscriptionFilterInput is the input of PutSubscriptionFilter.
type PutSubscriptionFilterInput struct {
	LogGroupName   string  `json:"logGroupName"`
	FilterName     string  `json:"filterName"`
	FilterPattern  *string `json:"filterPattern"`
	DestinationArn string  `json:"destinationArn"`
	RoleArn        string  `json:"roleArn,omitempty"`
	// Distribution is ByLogStream (default) or Random; it decides the Kinesis partition key.
	Distribution string `json:"distribution,omitempty"`
	// ApplyOnTransformedLogs (log transformers) is not simulated: true is refused.
	ApplyOnTransformedLogs *bool `json:"applyOnTransformedLogs,omitempty"`
	// FieldSelectionCriteria and EmitSystemFields are not simulated: values are refused.
	FieldSelectionCriteria string   `json:"fieldSelectionCriteria,omitempty"`
	EmitSystemFields       []string `json:"emitSystemFields,omitempty"`
}

// PutSubscriptionFilterOutput is the (empty) output of PutSubscriptionFilter.
type PutSubscriptionFilterOutput struct{}

// DescribeSubscriptionFiltersInput is the input of DescribeSubscriptionFilters.
type DescribeSubscriptionFiltersInput struct {
	LogGroupName     string `json:"logGroupName"`
	FilterNamePrefix string `json:"filterNamePrefix,omitempty"`
	NextToken        string `json:"nextToken,omitempty"`
	Limit            *int32 `json:"limit,omitempty"`
}

// DescribeSubscriptionFiltersOutput is the output of DescribeSubscriptionFilters.
type DescribeSubscriptionFiltersOutput struct {
	SubscriptionFilters []SubscriptionFilter `json:"subscriptionFilters"`
	NextToken           string               `json:"nextToken,omitempty"`
}

// DeleteSubscriptionFilterInput is the input of DeleteSubscriptionFilter.
type DeleteSubscriptionFilterInput struct {
	LogGroupName string `json:"logGroupName"`
	FilterName   string `json:"filterName"`
}

// DeleteSubscriptionFilterOutput is the (empty) output of DeleteSubscriptionFilter.
type DeleteSubscriptionFilterOutput struct{}

// Destination kinds, as the DestinationType dimension of the AWS/Logs metrics names them.
const (
	destLambda   = "Lambda"
	destKinesis  = "Kinesis Data Streams"
	destFirehose = "Firehose"
)

type subscriptionFilter struct {
	name, pattern string
	pat           *filterpattern.Pattern
	dest, role    string
	kind          string // destLambda, destKinesis or destFirehose (the kind behind a logical destination)
	distribution  string
	created       int64
	regex         bool
	delimited     bool
	pending       map[string][]deliveredEvent // stream name → events waiting for the next batch
	flush         *bus.Timer
	disabledUntil int64
}

func (f *subscriptionFilter) describe(group string) SubscriptionFilter {
	return SubscriptionFilter{FilterName: f.name, LogGroupName: group, FilterPattern: f.pattern, DestinationArn: f.dest,
		RoleArn: f.role, Distribution: f.distribution, CreationTime: f.created}
}

// subNames returns the names of g's subscription filters in order.
func (g *group) subNames() []string {
	if len(g.subs) == 0 {
		return nil
	}
	names := make([]string, 0, len(g.subs))
	for n := range g.subs {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// destinationKind resolves a subscription destination ARN to its kind, checking what CloudWatch
// Logs checks when the filter is put: the account, the role, and that the target exists.
func (s *Service) destinationKind(arn, role string) (string, error) {
	a, err := bus.ParseARN(arn)
	if err != nil {
		return "", invalidParameter("Invalid destinationArn: " + arn)
	}
	if a.AccountID != s.b.Account() {
		if a.Service == "lambda" {
			return "", bus.ClientError(AccessDeniedException, "Cross-account lambda invocation passing is not allowed. You must use DestinationPolicies to create cross account lambda triggers.")
		}
		return "", bus.NotSimulated("logs", "cross-account subscription destinations")
	}
	_, exists := s.b.SinkFor(arn)
	switch a.Service {
	case "lambda":
		if !exists {
			return "", invalidParameter("Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function.")
		}
		return destLambda, nil
	case "kinesis":
		if role == "" {
			return "", invalidParameter("destinationArn for vendor kinesis cannot be used without roleArn")
		}
		if !exists {
			return "", invalidParameter("Could not deliver test message to specified Kinesis stream. Verify the stream exists ")
		}
		return destKinesis, nil
	case "firehose":
		if role == "" {
			return "", invalidParameter("destinationArn for vendor firehose cannot be used without roleArn")
		}
		if !exists {
			return "", invalidParameter("Could not deliver test message to specified Firehose stream. Check if the given Firehose stream is in ACTIVE state.")
		}
		return destFirehose, nil
	case "logs":
		name, ok := strings.CutPrefix(a.Resource, "destination:")
		d := s.destination[name]
		if !ok || d == nil {
			return "", bus.ClientError(ResourceNotFoundException, "The specified destination does not exist.")
		}
		return d.kind, nil
	}
	return "", invalidParameter("Invalid destinationArn: " + arn + " (Lambda, Kinesis, Firehose or a CloudWatch Logs destination)")
}

// PutSubscriptionFilter creates or replaces a subscription filter (PutSubscriptionFilter API
// reference): at most two per group; the destination is a Lambda function, a Kinesis or Firehose
// stream (with a role) or a CloudWatch Logs destination. Kinesis and Firehose destinations receive
// a CONTROL_MESSAGE health check when the filter is put.
func (s *Service) PutSubscriptionFilter(ctx context.Context, in *PutSubscriptionFilterInput) (*PutSubscriptionFilterOutput, error) {
	return bus.Call(ctx, s.b, op("PutSubscriptionFilter", false), in, func(ctx context.Context, in *PutSubscriptionFilterInput) (*PutSubscriptionFilterOutput, error) {
		if err := checkGroupAndName(in.LogGroupName, in.FilterName, "filterName"); err != nil {
			return nil, err
		}
		src, err := checkPattern(in.FilterPattern, "filterPattern")
		if err != nil {
			return nil, err
		}
		if err := checkLen(in.DestinationArn, "destinationArn", 1, 2048); err != nil {
			return nil, err
		}
		dist := in.Distribution
		switch dist {
		case "":
			dist = "ByLogStream"
		case "ByLogStream", "Random":
		default:
			return nil, violation(dist, "distribution", "Member must satisfy enum value set: [Random, ByLogStream]")
		}
		if in.ApplyOnTransformedLogs != nil && *in.ApplyOnTransformedLogs {
			return nil, bus.NotSimulated("logs", "subscription filters on transformed logs (applyOnTransformedLogs)")
		}
		if in.FieldSelectionCriteria != "" || len(in.EmitSystemFields) > 0 {
			return nil, bus.NotSimulated("logs", "subscription filter fieldSelectionCriteria and emitSystemFields")
		}
		kind, err := s.destinationKind(in.DestinationArn, in.RoleArn)
		if err != nil {
			return nil, err
		}
		pat, err := filterpattern.Compile(src)
		if err != nil {
			return nil, err
		}
		g, err := s.lookupGroup(in.LogGroupName, "")
		if err != nil {
			return nil, err
		}
		old := g.subs[in.FilterName]
		if old == nil && len(g.subs) >= MaxSubscriptionFilters {
			return nil, bus.ClientError(LimitExceededException, "Resource limit exceeded.")
		}
		regex := pat.RegexCount() > 0
		if regex && g.regexFilters("", in.FilterName) >= MaxRegexFiltersPerGroup {
			return nil, bus.ClientError(LimitExceededException, "Resource limit exceeded.")
		}
		f := &subscriptionFilter{name: in.FilterName, pattern: src, pat: pat, dest: in.DestinationArn, role: in.RoleArn, kind: kind,
			distribution: dist, created: s.nowMillis(), regex: regex, delimited: pat.Kind() == filterpattern.PatternDelimited,
			pending: map[string][]deliveredEvent{}}
		ct := bus.ResourceCreated
		if old != nil {
			ct = bus.ResourceUpdated
			f.created = old.created
			// Events already waiting go out with the old filter's settings.
			if len(old.pending) > 0 {
				s.flushNow(ctx, g.name, old)
			}
		}
		g.subs[f.name] = f
		if kind != destLambda {
			s.sendControlMessage(ctx, f)
		}
		s.publishChange(ctx, ct, "AWS::Logs::SubscriptionFilter", g.name+"|"+f.name, f.name, "", nil, f.describe(g.name))
		return &PutSubscriptionFilterOutput{}, nil
	})
}

// DeleteSubscriptionFilter deletes a subscription filter; events already matched are still
// delivered.
func (s *Service) DeleteSubscriptionFilter(ctx context.Context, in *DeleteSubscriptionFilterInput) (*DeleteSubscriptionFilterOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteSubscriptionFilter", false), in, func(ctx context.Context, in *DeleteSubscriptionFilterInput) (*DeleteSubscriptionFilterOutput, error) {
		if err := checkGroupAndName(in.LogGroupName, in.FilterName, "filterName"); err != nil {
			return nil, err
		}
		g, err := s.lookupGroup(in.LogGroupName, "")
		if err != nil {
			return nil, err
		}
		f := g.subs[in.FilterName]
		if f == nil {
			return nil, bus.ClientError(ResourceNotFoundException, "The specified subscription filter does not exist.")
		}
		delete(g.subs, f.name)
		if len(f.pending) > 0 {
			s.flushNow(ctx, g.name, f)
		}
		s.publishChange(ctx, bus.ResourceDeleted, "AWS::Logs::SubscriptionFilter", g.name+"|"+f.name, f.name, "", nil, nil)
		return &DeleteSubscriptionFilterOutput{}, nil
	})
}

// DescribeSubscriptionFilters lists a group's subscription filters in ASCII order of their names.
func (s *Service) DescribeSubscriptionFilters(ctx context.Context, in *DescribeSubscriptionFiltersInput) (*DescribeSubscriptionFiltersOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeSubscriptionFilters", true), in, func(ctx context.Context, in *DescribeSubscriptionFiltersInput) (*DescribeSubscriptionFiltersOutput, error) {
		limit, err := checkLimit(in.Limit, "limit", MaxDescribeLimit, MaxDescribeLimit)
		if err != nil {
			return nil, err
		}
		if in.LogGroupName == "" {
			return nil, errGroupNotFound()
		}
		g, err := s.lookupGroup(in.LogGroupName, "")
		if err != nil {
			return nil, err
		}
		after := ""
		if in.NextToken != "" {
			if after, err = decodeToken("subscription-filters", in.NextToken); err != nil {
				return nil, err
			}
		}
		out := &DescribeSubscriptionFiltersOutput{SubscriptionFilters: []SubscriptionFilter{}}
		for _, n := range g.subNames() {
			if !strings.HasPrefix(n, in.FilterNamePrefix) || after != "" && n <= after {
				continue
			}
			if len(out.SubscriptionFilters) == limit {
				out.NextToken = encodeToken("subscription-filters", out.SubscriptionFilters[limit-1].FilterName)
				break
			}
			out.SubscriptionFilters = append(out.SubscriptionFilters, g.subs[n].describe(g.name))
		}
		return out, nil
	})
}

// applySubscription queues the events of st from arrival index first that match f for delivery.
func (s *Service) applySubscription(ctx context.Context, g *group, f *subscriptionFilter, st *stream, first int, now int64) {
	es := &st.st
	for i := first; i < es.len(); i++ {
		msg := es.message(i)
		var ev deliveredEvent
		if f.delimited {
			m, ok := f.pat.Match(msg)
			if !ok {
				continue
			}
			ev.ExtractedFields = extractedFields(m)
		} else if !f.pat.Matches(msg) {
			continue
		}
		ev.ID, ev.Timestamp, ev.Message = eventID(g.num, es.seq(i), es.ts[i]), es.ts[i], strings.Clone(msg)
		f.pending[st.name] = append(f.pending[st.name], ev)
	}
	if len(f.pending) > 0 {
		s.scheduleFlush(ctx, g.name, f, now)
	}
}

// extractedFields turns a delimited match's "$name"/"$N" values into the extractedFields of a
// delivered event: the same names without the '$'.
func extractedFields(m *filterpattern.Match) map[string]string {
	vals := m.ExtractedValues()
	if len(vals) == 0 {
		return nil
	}
	out := make(map[string]string, len(vals))
	for k, v := range vals {
		out[strings.TrimPrefix(k, "$")] = v
	}
	return out
}
