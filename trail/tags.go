package trail

import (
	"context"

	"github.com/watchsim/watchsim/bus"
)

// MaxTags is the number of tags a trail can have
// (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AddTags.html).
const MaxTags = 50

// mergeTags adds tags to have (a key given again takes the new value) and checks the result.
func mergeTags(have, add []Tag) ([]Tag, error) {
	out := append([]Tag(nil), have...)
	for _, t := range add {
		if len(t.Key) < 1 || len(t.Key) > 128 {
			return nil, bus.ClientError(ErrInvalidTagParameter, "Tag key must be 1 to 128 characters long.")
		}
		if len(t.Value) > 256 {
			return nil, bus.ClientError(ErrInvalidTagParameter, "Tag value must be at most 256 characters long.")
		}
		replaced := false
		for i := range out {
			if out[i].Key == t.Key {
				out[i].Value, replaced = t.Value, true
			}
		}
		if !replaced {
			out = append(out, t)
		}
	}
	if len(out) > MaxTags {
		return nil, bus.ClientErrorf(ErrTagsLimitExceeded, "The number of tags (%d) exceeds the limit of %d.", len(out), MaxTags)
	}
	return out, nil
}

// tagTarget finds the trail a ResourceId (a trail ARN) designates.
func (s *Service) tagTarget(id string) (*trail, error) {
	if id == "" {
		return nil, bus.ClientError(ErrResourceNotFound, "The specified resource is not found.")
	}
	a, err := bus.ParseARN(id)
	if err != nil || a.Service != "cloudtrail" {
		return nil, bus.ClientErrorf(ErrCloudTrailARNInvalid, "%s is not a valid trail ARN.", id)
	}
	if len(a.Resource) > 6 && a.Resource[:6] == "trail/" {
		if t, ok := s.trails[a.Resource[6:]]; ok && t.arn == id {
			return t, nil
		}
	}
	return nil, bus.ClientErrorf(ErrResourceNotFound, "Resource %s is not found.", id)
}

// AddTags adds or replaces tags on a trail.
func (s *Service) AddTags(ctx context.Context, in *AddTagsInput) (*AddTagsOutput, error) {
	return bus.Call(ctx, s.b, op("AddTags", false), in, func(ctx context.Context, in *AddTagsInput) (*AddTagsOutput, error) {
		t, err := s.tagTarget(in.ResourceID)
		if err != nil {
			return nil, err
		}
		tags, err := mergeTags(t.tags, in.TagsList)
		if err != nil {
			return nil, err
		}
		t.tags = tags
		s.changed(ctx, bus.ResourceUpdated, t)
		return &AddTagsOutput{}, nil
	})
}

// RemoveTags removes tags from a trail; a tag with a Value is removed only when the value matches.
func (s *Service) RemoveTags(ctx context.Context, in *RemoveTagsInput) (*RemoveTagsOutput, error) {
	return bus.Call(ctx, s.b, op("RemoveTags", false), in, func(ctx context.Context, in *RemoveTagsInput) (*RemoveTagsOutput, error) {
		t, err := s.tagTarget(in.ResourceID)
		if err != nil {
			return nil, err
		}
		var kept []Tag
		for _, have := range t.tags {
			drop := false
			for _, rm := range in.TagsList {
				if rm.Key == have.Key && (rm.Value == "" || rm.Value == have.Value) {
					drop = true
				}
			}
			if !drop {
				kept = append(kept, have)
			}
		}
		t.tags = kept
		s.changed(ctx, bus.ResourceUpdated, t)
		return &RemoveTagsOutput{}, nil
	})
}

// ListTags returns the tags of up to 20 trails.
func (s *Service) ListTags(ctx context.Context, in *ListTagsInput) (*ListTagsOutput, error) {
	return bus.Call(ctx, s.b, op("ListTags", true), in, func(ctx context.Context, in *ListTagsInput) (*ListTagsOutput, error) {
		if len(in.ResourceIDList) > 20 {
			return nil, bus.ClientError(ErrInvalidParameter, "ResourceIdList can hold at most 20 ARNs.")
		}
		out := &ListTagsOutput{ResourceTagList: []ResourceTag{}}
		for _, id := range in.ResourceIDList {
			t, err := s.tagTarget(id)
			if err != nil {
				return nil, err
			}
			out.ResourceTagList = append(out.ResourceTagList, ResourceTag{ResourceID: id, TagsList: append([]Tag{}, t.tags...)})
		}
		return out, nil
	})
}
