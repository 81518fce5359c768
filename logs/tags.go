package logs

import (
	"context"
	"strings"

	"github.com/watchsim/watchsim/bus"
)

// TagResourceInput is the input of TagResource.
type TagResourceInput struct {
	ResourceArn string            `json:"resourceArn"`
	Tags        map[string]string `json:"tags"`
}

// TagResourceOutput is the (empty) output of TagResource.
type TagResourceOutput struct{}

// UntagResourceInput is the input of UntagResource.
type UntagResourceInput struct {
	ResourceArn string   `json:"resourceArn"`
	TagKeys     []string `json:"tagKeys"`
}

// UntagResourceOutput is the (empty) output of UntagResource.
type UntagResourceOutput struct{}

// ListTagsForResourceInput is the input of ListTagsForResource.
type ListTagsForResourceInput struct {
	ResourceArn string `json:"resourceArn"`
}

// ListTagsForResourceOutput is the output of ListTagsForResource.
type ListTagsForResourceOutput struct {
	Tags map[string]string `json:"tags"`
}

// TagLogGroupInput is the input of the deprecated TagLogGroup.
type TagLogGroupInput struct {
	LogGroupName string            `json:"logGroupName"`
	Tags         map[string]string `json:"tags"`
}

// TagLogGroupOutput is the (empty) output of TagLogGroup.
type TagLogGroupOutput struct{}

// UntagLogGroupInput is the input of the deprecated UntagLogGroup.
type UntagLogGroupInput struct {
	LogGroupName string   `json:"logGroupName"`
	Tags         []string `json:"tags"`
}

// UntagLogGroupOutput is the (empty) output of UntagLogGroup.
type UntagLogGroupOutput struct{}

// ListTagsLogGroupInput is the input of the deprecated ListTagsLogGroup.
type ListTagsLogGroupInput struct {
	LogGroupName string `json:"logGroupName"`
}

// ListTagsLogGroupOutput is the output of ListTagsLogGroup.
type ListTagsLogGroupOutput struct {
	Tags map[string]string `json:"tags"`
}

// taggable returns the tag map of the log group or destination arn names (ARN without ":*") and a
// function that announces a change of it.
func (s *Service) taggable(arn string) (*map[string]string, func(ctx context.Context), error) {
	if err := checkLen(arn, "resourceArn", 1, 1011); err != nil {
		return nil, nil, err
	}
	a, err := bus.ParseARN(arn)
	if err != nil || a.Service != "logs" {
		return nil, nil, invalidParameter("Invalid resource ARN: " + arn)
	}
	if a.AccountID != s.b.Account() || a.Region != s.b.Region() {
		return nil, nil, bus.NotSimulated("logs", "tagging resources of other accounts or regions")
	}
	switch {
	case strings.HasPrefix(a.Resource, "log-group:"):
		name := strings.TrimPrefix(a.Resource, "log-group:")
		g := s.groups[name]
		if g == nil {
			if strings.HasSuffix(name, ":*") {
				return nil, nil, invalidParameter("The ARN of a log group for tagging must not end with ':*'.")
			}
			return nil, nil, errGroupNotFound()
		}
		return &g.tags, func(ctx context.Context) { s.groupChanged(ctx, bus.ResourceUpdated, g) }, nil
	case strings.HasPrefix(a.Resource, "destination:"):
		d := s.destination[strings.TrimPrefix(a.Resource, "destination:")]
		if d == nil {
			return nil, nil, bus.ClientError(ResourceNotFoundException, "The specified destination does not exist.")
		}
		return &d.tags, func(ctx context.Context) { s.destinationChanged(ctx, bus.ResourceUpdated, d) }, nil
	}
	return nil, nil, invalidParameter("Invalid resource ARN: " + arn + " (log groups and destinations are taggable)")
}

func applyTags(dst *map[string]string, add map[string]string) error {
	n := len(*dst)
	for k := range add {
		if _, ok := (*dst)[k]; !ok {
			n++
		}
	}
	if n > MaxTags {
		return bus.ClientError(TooManyTagsException, "A resource can have no more than 50 tags.")
	}
	if *dst == nil {
		*dst = map[string]string{}
	}
	for k, v := range add {
		(*dst)[k] = v
	}
	return nil
}

func tagsOut(t map[string]string) map[string]string {
	if t == nil {
		return map[string]string{}
	}
	return copyTags(t)
}

// TagResource adds or overwrites tags of a log group or destination (ARN without ":*").
func (s *Service) TagResource(ctx context.Context, in *TagResourceInput) (*TagResourceOutput, error) {
	return bus.Call(ctx, s.b, op("TagResource", false), in, func(ctx context.Context, in *TagResourceInput) (*TagResourceOutput, error) {
		if len(in.Tags) == 0 {
			return nil, violation(nil, "tags", "Member must not be null")
		}
		if err := checkTags(in.Tags, "tags"); err != nil {
			return nil, err
		}
		t, changed, err := s.taggable(in.ResourceArn)
		if err != nil {
			return nil, err
		}
		if err := applyTags(t, in.Tags); err != nil {
			return nil, err
		}
		changed(ctx)
		return &TagResourceOutput{}, nil
	})
}

// UntagResource removes tags from a log group or destination.
func (s *Service) UntagResource(ctx context.Context, in *UntagResourceInput) (*UntagResourceOutput, error) {
	return bus.Call(ctx, s.b, op("UntagResource", false), in, func(ctx context.Context, in *UntagResourceInput) (*UntagResourceOutput, error) {
		if len(in.TagKeys) == 0 {
			return nil, violation(nil, "tagKeys", "Member must not be null")
		}
		t, changed, err := s.taggable(in.ResourceArn)
		if err != nil {
			return nil, err
		}
		for _, k := range in.TagKeys {
			delete(*t, k)
		}
		changed(ctx)
		return &UntagResourceOutput{}, nil
	})
}

// ListTagsForResource lists the tags of a log group or destination.
func (s *Service) ListTagsForResource(ctx context.Context, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
	return bus.Call(ctx, s.b, op("ListTagsForResource", true), in, func(ctx context.Context, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
		t, _, err := s.taggable(in.ResourceArn)
		if err != nil {
			return nil, err
		}
		return &ListTagsForResourceOutput{Tags: tagsOut(*t)}, nil
	})
}

// TagLogGroup is the deprecated tagging call by group name; it shares the tags of TagResource.
func (s *Service) TagLogGroup(ctx context.Context, in *TagLogGroupInput) (*TagLogGroupOutput, error) {
	return bus.Call(ctx, s.b, op("TagLogGroup", false), in, func(ctx context.Context, in *TagLogGroupInput) (*TagLogGroupOutput, error) {
		if len(in.Tags) == 0 {
			return nil, violation(nil, "tags", "Member must not be null")
		}
		if err := checkTags(in.Tags, "tags"); err != nil {
			return nil, err
		}
		g, err := s.lookupGroup(in.LogGroupName, "")
		if err != nil {
			return nil, err
		}
		if err := applyTags(&g.tags, in.Tags); err != nil {
			return nil, err
		}
		s.groupChanged(ctx, bus.ResourceUpdated, g)
		return &TagLogGroupOutput{}, nil
	})
}

// UntagLogGroup is the deprecated untagging call by group name.
func (s *Service) UntagLogGroup(ctx context.Context, in *UntagLogGroupInput) (*UntagLogGroupOutput, error) {
	return bus.Call(ctx, s.b, op("UntagLogGroup", false), in, func(ctx context.Context, in *UntagLogGroupInput) (*UntagLogGroupOutput, error) {
		if len(in.Tags) == 0 {
			return nil, violation(nil, "tags", "Member must not be null")
		}
		g, err := s.lookupGroup(in.LogGroupName, "")
		if err != nil {
			return nil, err
		}
		for _, k := range in.Tags {
			delete(g.tags, k)
		}
		s.groupChanged(ctx, bus.ResourceUpdated, g)
		return &UntagLogGroupOutput{}, nil
	})
}

// ListTagsLogGroup is the deprecated tag listing by group name.
func (s *Service) ListTagsLogGroup(ctx context.Context, in *ListTagsLogGroupInput) (*ListTagsLogGroupOutput, error) {
	return bus.Call(ctx, s.b, op("ListTagsLogGroup", true), in, func(ctx context.Context, in *ListTagsLogGroupInput) (*ListTagsLogGroupOutput, error) {
		g, err := s.lookupGroup(in.LogGroupName, "")
		if err != nil {
			return nil, err
		}
		return &ListTagsLogGroupOutput{Tags: tagsOut(g.tags)}, nil
	})
}
