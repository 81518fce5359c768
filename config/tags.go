package config

import (
	"context"
	"sort"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
)

// Tags of Config's own resources (API reference: TagResource,
// https://docs.aws.amazon.com/config/latest/APIReference/API_TagResource.html): rules, the
// recorder and stored queries.

// TagResourceInput is the input of TagResource.
type TagResourceInput struct {
	ResourceArn string `json:"ResourceArn"`
	Tags        []Tag  `json:"Tags"`
}

// TagResourceOutput is the (empty) output of TagResource.
type TagResourceOutput struct{}

// UntagResourceInput is the input of UntagResource.
type UntagResourceInput struct {
	ResourceArn string   `json:"ResourceArn"`
	TagKeys     []string `json:"TagKeys"`
}

// UntagResourceOutput is the (empty) output of UntagResource.
type UntagResourceOutput struct{}

// ListTagsForResourceInput is the input of ListTagsForResource.
type ListTagsForResourceInput struct {
	ResourceArn string `json:"ResourceArn"`
	Limit       int32  `json:"Limit,omitempty"`
	NextToken   string `json:"NextToken,omitempty"`
}

// ListTagsForResourceOutput is the output of ListTagsForResource.
type ListTagsForResourceOutput struct {
	Tags      []Tag  `json:"Tags"`
	NextToken string `json:"NextToken,omitempty"`
}

// tagsOf adds tags to a Config resource.
func (s *Service) tagsOf(arn string, tags []Tag) {
	m := s.tags[arn]
	if m == nil {
		m = map[string]string{}
		s.tags[arn] = m
	}
	for _, t := range tags {
		m[t.Key] = t.Value
	}
}

// taggable reports whether arn is one of Config's resources.
func (s *Service) taggable(arn string) bool {
	if r := s.ruleByKey[arn]; r != nil && r.spec.ConfigRuleArn == arn {
		return true
	}
	if s.recorder != nil && s.recorder.arn == arn {
		return true
	}
	for _, q := range s.stored {
		if q.QueryArn == arn {
			return true
		}
	}
	return false
}

func (s *Service) checkTagged(arn string) error {
	if v, bad := awserr.LengthViolation(arn, "resourceArn", 1, 1000); bad {
		return clientErr(codeValidation, awserr.ValidationMessage(v))
	}
	if !s.taggable(arn) {
		return clientErrf("ResourceNotFoundException", "ResourceArn '%s' does not exist", arn)
	}
	return nil
}

func validateTags(tags []Tag) error {
	for i, t := range tags {
		m := "tags." + itoa(i+1) + ".member."
		if v, bad := awserr.LengthViolation(t.Key, m+"key", 1, 128); bad {
			return clientErr(codeValidation, awserr.ValidationMessage(v))
		}
		if len(t.Value) > 256 {
			return awserr.Validation(codeValidation, t.Value, m+"value", "Member must have length less than or equal to 256")
		}
	}
	return nil
}

// TagResource adds or replaces tags of a rule, the recorder or a stored query (at most 50).
func (s *Service) TagResource(ctx context.Context, in *TagResourceInput) (*TagResourceOutput, error) {
	return bus.Call(ctx, s.b, op("TagResource", false), in, func(ctx context.Context, in *TagResourceInput) (*TagResourceOutput, error) {
		if err := validateTags(in.Tags); err != nil {
			return nil, err
		}
		if err := s.checkTagged(in.ResourceArn); err != nil {
			return nil, err
		}
		n := len(s.tags[in.ResourceArn])
		for _, t := range in.Tags {
			if _, ok := s.tags[in.ResourceArn][t.Key]; !ok {
				n++
			}
		}
		if n > 50 {
			return nil, clientErr("TooManyTagsException", "You have reached the limit of the number of tags you can use. For more information, see Service Limits in the AWS Config Developer Guide.")
		}
		s.tagsOf(in.ResourceArn, in.Tags)
		return &TagResourceOutput{}, nil
	})
}

// UntagResource removes tags.
func (s *Service) UntagResource(ctx context.Context, in *UntagResourceInput) (*UntagResourceOutput, error) {
	return bus.Call(ctx, s.b, op("UntagResource", false), in, func(ctx context.Context, in *UntagResourceInput) (*UntagResourceOutput, error) {
		if err := s.checkTagged(in.ResourceArn); err != nil {
			return nil, err
		}
		for _, k := range in.TagKeys {
			delete(s.tags[in.ResourceArn], k)
		}
		return &UntagResourceOutput{}, nil
	})
}

// ListTagsForResource lists the tags of a Config resource, by key.
func (s *Service) ListTagsForResource(ctx context.Context, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
	return bus.Call(ctx, s.b, op("ListTagsForResource", true), in, func(ctx context.Context, in *ListTagsForResourceInput) (*ListTagsForResourceOutput, error) {
		limit, err := limitOf(in.Limit, 50, 50, "limit", codeInvalidLimit)
		if err != nil {
			return nil, err
		}
		if err := s.checkTagged(in.ResourceArn); err != nil {
			return nil, err
		}
		all := []Tag{}
		for k, v := range s.tags[in.ResourceArn] {
			all = append(all, Tag{Key: k, Value: v})
		}
		sort.Slice(all, func(i, j int) bool { return all[i].Key < all[j].Key })
		items, next, err := page("ListTagsForResource", all, in.NextToken, limit)
		if err != nil {
			return nil, err
		}
		return &ListTagsForResourceOutput{Tags: items, NextToken: next}, nil
	})
}
