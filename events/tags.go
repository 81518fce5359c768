package events

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/watchsim/watchsim/bus"
)

// TagResourceInput is the input of TagResource.
type TagResourceInput struct {
	ResourceARN string `json:"ResourceARN"`
	Tags        []Tag  `json:"Tags"`
}

// TagResourceOutput is the (empty) output of TagResource.
type TagResourceOutput struct{}

// UntagResourceInput is the input of UntagResource.
type UntagResourceInput struct {
	ResourceARN string   `json:"ResourceARN"`
	TagKeys     []string `json:"TagKeys"`
}

// UntagResourceOutput is the (empty) output of UntagResource.
type UntagResourceOutput struct{}

// ListTagsForResourceInput is the input of ListTagsForResource.
type ListTagsForResourceInput struct {
	ResourceARN string `json:"ResourceARN"`
}

// ListTagsForResourceOutput is the output of ListTagsForResource.
type ListTagsForResourceOutput struct {
	Tags []Tag `json:"Tags"`
}

// tagged resolves the rule or event bus an ARN names, returning a pointer to its tags and a
// function that announces the change. With write set, a managed rule is refused to anyone but its
// service.
func (s *Service) tagged(ctx context.Context, arn string, write bool) (*map[string]string, func(ctx context.Context), error) {
	if err := checkLen(arn, "resourceARN", 1, 1600); err != nil {
		return nil, nil, err
	}
	a, err := bus.ParseARN(arn)
	if err != nil || a.Service != "events" {
		return nil, nil, validation("Parameter ResourceARN is not valid. Reason: " + arn + " is not a valid ARN.")
	}
	if a.AccountID != s.b.Account() || a.Region != s.b.Region() {
		return nil, nil, bus.NotSimulated("events", "resources of other accounts or regions")
	}
	switch {
	case strings.HasPrefix(a.Resource, "event-bus/"):
		eb, err := s.lookupBus(strings.TrimPrefix(a.Resource, "event-bus/"))
		if err != nil {
			return nil, nil, err
		}
		return &eb.tags, func(ctx context.Context) { s.busChanged(ctx, bus.ResourceUpdated, eb) }, nil
	case strings.HasPrefix(a.Resource, "rule/"):
		rest := strings.TrimPrefix(a.Resource, "rule/")
		busName, name := DefaultBusName, rest
		if i := strings.LastIndexByte(rest, '/'); i >= 0 {
			busName, name = rest[:i], rest[i+1:]
		}
		eb, r, err := s.lookupRule(name, busName)
		if err != nil {
			return nil, nil, err
		}
		if write {
			if err := s.checkManaged(ctx, r, false, " and cannot be modified"); err != nil {
				return nil, nil, err
			}
		}
		return &r.tags, func(ctx context.Context) { s.ruleChanged(ctx, bus.ResourceUpdated, eb, r) }, nil
	}
	return nil, nil, bus.NotSimulatedf("events", "tags on %s", a.Resource)
}

// TagResource adds or replaces tags of a rule or an event bus (at most 50 per resource).
func (s *Service) TagResource(ctx context.Context, in *TagResourceInput) (*TagResourceOutput, error) {
	return bus.Call(ctx, s.b, op("TagResource", false), in, func(ctx context.Context, in *TagResourceInput) (*TagResourceOutput, error) {
		if in.Tags == nil {
			return nil, constraint(nil, "tags", "Member must not be null")
		}
		add, err := checkTags(in.Tags)
		if err != nil {
			return nil, err
		}
		tags, changed, err := s.tagged(ctx, in.ResourceARN, true)
		if err != nil {
			return nil, err
		}
		merged := copyTags(*tags)
		if merged == nil {
			merged = map[string]string{}
		}
		for k, v := range add {
			merged[k] = v
		}
		if len(merged) > 50 {
			return nil, validation("The number of tags exceeds the limit of 50.")
		}
		*tags = merged
		changed(ctx)
		return &TagResourceOutput{}, nil
	})
}

// UntagResource removes tags of a rule or an event bus.
func (s *Service) UntagResource(ctx context.Context, in *UntagResourceInput) (*UntagResourceOutput, error) {
	return bus.Call(ctx, s.b, op("UntagResource", false), in, func(ctx context.Context, in *UntagResourceInput) (*UntagResourceOutput, error) {
		if in.TagKeys == nil {
			return nil, constraint(nil, "tagKeys", "Member must not be null")
		}
		for i, k := range in.TagKeys {
			if err := checkLen(k, "tagKeys."+strconv.Itoa(i+1)+".member", 1, 128); err != nil {
				return nil, err
			}
		}
		tags, changed, err := s.tagged(ctx, in.ResourceARN, true)
		if err != nil {
			return nil, err
		}
		for _, k := range in.TagKeys {
			delete(*tags, k)
		}
		changed(ctx)
		return &UntagResourceOutput{}, nil
	})
}

// ListTagsForResource lists the tags of a rule or an event bus, in key order.
func (s *Service) ListTagsForResource(ctx context.Context, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
	return bus.Call(ctx, s.b, op("ListTagsForResource", true), in, func(ctx context.Context, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
		tags, _, err := s.tagged(ctx, in.ResourceARN, false)
		if err != nil {
			return nil, err
		}
		keys := make([]string, 0, len(*tags))
		for k := range *tags {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		out := &ListTagsForResourceOutput{Tags: []Tag{}}
		for _, k := range keys {
			out.Tags = append(out.Tags, Tag{Key: k, Value: (*tags)[k]})
		}
		return out, nil
	})
}
