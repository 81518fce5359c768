package config

import (
	"context"
	"sort"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/awserr"
)

// Reading history and inventory (API reference: GetResourceConfigHistory,
// https://docs.aws.amazon.com/config/latest/APIReference/API_GetResourceConfigHistory.html,
// BatchGetResourceConfig, ListDiscoveredResources, GetDiscoveredResourceCounts).

// GetResourceConfigHistoryInput is the input of GetResourceConfigHistory.
type GetResourceConfigHistoryInput struct {
	ResourceType       string     `json:"resourceType"`
	ResourceID         string     `json:"resourceId"`
	LaterTime          *time.Time `json:"laterTime,omitempty"`
	EarlierTime        *time.Time `json:"earlierTime,omitempty"`
	ChronologicalOrder string     `json:"chronologicalOrder,omitempty"`
	Limit              int32      `json:"limit,omitempty"`
	NextToken          string     `json:"nextToken,omitempty"`
}

// GetResourceConfigHistoryOutput is the output of GetResourceConfigHistory.
type GetResourceConfigHistoryOutput struct {
	ConfigurationItems []ConfigurationItem `json:"configurationItems"`
	NextToken          string              `json:"nextToken,omitempty"`
}

// ResourceKey names a resource.
type ResourceKey struct {
	ResourceType string `json:"resourceType"`
	ResourceID   string `json:"resourceId"`
}

// BatchGetResourceConfigInput is the input of BatchGetResourceConfig.
type BatchGetResourceConfigInput struct {
	ResourceKeys []ResourceKey `json:"resourceKeys"`
}

// BatchGetResourceConfigOutput is the output of BatchGetResourceConfig.
type BatchGetResourceConfigOutput struct {
	BaseConfigurationItems  []BaseConfigurationItem `json:"baseConfigurationItems"`
	UnprocessedResourceKeys []ResourceKey           `json:"unprocessedResourceKeys"`
}

// ListDiscoveredResourcesInput is the input of ListDiscoveredResources.
type ListDiscoveredResourcesInput struct {
	ResourceType            string   `json:"resourceType"`
	ResourceIDs             []string `json:"resourceIds,omitempty"`
	ResourceName            string   `json:"resourceName,omitempty"`
	Limit                   int32    `json:"limit,omitempty"`
	IncludeDeletedResources bool     `json:"includeDeletedResources,omitempty"`
	NextToken               string   `json:"nextToken,omitempty"`
}

// ResourceIdentifier names a discovered resource.
type ResourceIdentifier struct {
	ResourceType         string     `json:"resourceType"`
	ResourceID           string     `json:"resourceId"`
	ResourceName         string     `json:"resourceName,omitempty"`
	ResourceDeletionTime *time.Time `json:"resourceDeletionTime,omitempty"`
}

// ListDiscoveredResourcesOutput is the output of ListDiscoveredResources.
type ListDiscoveredResourcesOutput struct {
	ResourceIdentifiers []ResourceIdentifier `json:"resourceIdentifiers"`
	NextToken           string               `json:"nextToken,omitempty"`
}

// GetDiscoveredResourceCountsInput is the input of GetDiscoveredResourceCounts.
type GetDiscoveredResourceCountsInput struct {
	ResourceTypes []string `json:"resourceTypes,omitempty"`
	Limit         int32    `json:"limit,omitempty"`
	NextToken     string   `json:"nextToken,omitempty"`
}

// ResourceCount is the number of resources of a type.
type ResourceCount struct {
	ResourceType string `json:"resourceType"`
	Count        int64  `json:"count"`
}

// GetDiscoveredResourceCountsOutput is the output of GetDiscoveredResourceCounts.
type GetDiscoveredResourceCountsOutput struct {
	TotalDiscoveredResources int64           `json:"totalDiscoveredResources"`
	ResourceCounts           []ResourceCount `json:"resourceCounts"`
	NextToken                string          `json:"nextToken,omitempty"`
}

// validType reports whether t is a resource type the read APIs accept: one of AWS's, or a
// registered third-party type.
func (s *Service) validType(t string) bool { return validResourceType(t) || s.customTypes[t] != "" }

func (s *Service) needRecorder() error {
	if s.recorder == nil {
		return clientErr(codeNoAvailableRecorder, "There are no configuration recorders available to provide the configuration details of the resources.")
	}
	return nil
}

func notDiscovered(typ, id string) error {
	return clientErrf(codeResourceNotDiscovered, "Resource %s of resourceType:%s is unknown or has not been discovered", id, typ)
}

// retainedLocked returns the items of r within the retention period: the items captured after its
// start, and the one that was current at its start.
func (s *Service) retainedLocked(r *resource) []*item {
	cut := s.b.Now().AddDate(0, 0, -s.retentionDays())
	i := sort.Search(len(r.cis), func(i int) bool { return r.cis[i].capture.After(cut) })
	if i > 0 {
		i--
	}
	return r.cis[i:]
}

// GetResourceConfigHistory returns the items of a resource captured in [earlierTime,
// laterTime], newest first by default, 10 a page by default. A deleted resource's history stays
// readable and ends with its ResourceDeleted item.
func (s *Service) GetResourceConfigHistory(ctx context.Context, in *GetResourceConfigHistoryInput) (*GetResourceConfigHistoryOutput, error) {
	return bus.Call(ctx, s.b, op("GetResourceConfigHistory", true), in, func(ctx context.Context, in *GetResourceConfigHistoryInput) (*GetResourceConfigHistoryOutput, error) {
		if in.ResourceType == "" {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{Null: true, Member: "resourceType", Constraint: "Member must not be null"}))
		}
		if !s.validType(in.ResourceType) {
			return nil, typeViolation(in.ResourceType, "resourceType")
		}
		if v, bad := awserr.LengthViolation(in.ResourceID, "resourceId", 1, 768); bad {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(v))
		}
		if o := in.ChronologicalOrder; o != "" && o != "Reverse" && o != "Forward" {
			return nil, awserr.Validation(codeValidation, o, "chronologicalOrder", "Member must satisfy enum value set: [Reverse, Forward]")
		}
		limit, err := limitOf(in.Limit, 10, 100, "limit", codeInvalidLimit)
		if err != nil {
			return nil, err
		}
		if err := s.needRecorder(); err != nil {
			return nil, err
		}
		later := s.b.Now()
		if in.LaterTime != nil {
			later = *in.LaterTime
		}
		if in.EarlierTime != nil && in.EarlierTime.After(later) {
			return nil, clientErr(codeInvalidTimeRange, "The earlier time must be before the later time.")
		}
		r := s.res[resKey{in.ResourceType, in.ResourceID}]
		if r == nil || len(r.cis) == 0 {
			return nil, notDiscovered(in.ResourceType, in.ResourceID)
		}
		var sel []*item
		for _, it := range s.retainedLocked(r) {
			if it.capture.After(later) || (in.EarlierTime != nil && it.capture.Before(*in.EarlierTime)) {
				continue
			}
			sel = append(sel, it)
		}
		if in.ChronologicalOrder != "Forward" {
			for i, j := 0, len(sel)-1; i < j; i, j = i+1, j-1 {
				sel[i], sel[j] = sel[j], sel[i]
			}
		}
		start, err := pageStart("GetResourceConfigHistory", in.NextToken, len(sel))
		if err != nil {
			return nil, err
		}
		end := min(start+limit, len(sel))
		out := &GetResourceConfigHistoryOutput{ConfigurationItems: []ConfigurationItem{}, NextToken: nextToken("GetResourceConfigHistory", end, len(sel))}
		for _, it := range sel[start:end] {
			out.ConfigurationItems = append(out.ConfigurationItems, it.api(s.b.Account(), s.b.Region()))
		}
		return out, nil
	})
}

// BatchGetResourceConfig returns the current items of up to 100 resources; deleted and unknown
// resources are left out.
func (s *Service) BatchGetResourceConfig(ctx context.Context, in *BatchGetResourceConfigInput) (*BatchGetResourceConfigOutput, error) {
	return bus.Call(ctx, s.b, op("BatchGetResourceConfig", true), in, func(ctx context.Context, in *BatchGetResourceConfigInput) (*BatchGetResourceConfigOutput, error) {
		if n := len(in.ResourceKeys); n < 1 || n > 100 {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "resourceKeys",
				Constraint: "Member must have length between 1 and 100"}))
		}
		for i, k := range in.ResourceKeys {
			if !s.validType(k.ResourceType) {
				return nil, typeViolation(k.ResourceType, "resourceKeys."+itoa(i+1)+".member.resourceType")
			}
		}
		if err := s.needRecorder(); err != nil {
			return nil, err
		}
		out := &BatchGetResourceConfigOutput{BaseConfigurationItems: []BaseConfigurationItem{}, UnprocessedResourceKeys: []ResourceKey{}}
		for _, k := range in.ResourceKeys {
			r := s.res[resKey{k.ResourceType, k.ResourceID}]
			if r == nil {
				continue
			}
			if it := r.last(); it != nil && !deletedStatus(it.status) {
				out.BaseConfigurationItems = append(out.BaseConfigurationItems, it.base(s.b.Account(), s.b.Region()))
			}
		}
		return out, nil
	})
}

// ListDiscoveredResources lists the discovered resources of a type, in discovery order, 100 a
// page by default.
func (s *Service) ListDiscoveredResources(ctx context.Context, in *ListDiscoveredResourcesInput) (*ListDiscoveredResourcesOutput, error) {
	return bus.Call(ctx, s.b, op("ListDiscoveredResources", true), in, func(ctx context.Context, in *ListDiscoveredResourcesInput) (*ListDiscoveredResourcesOutput, error) {
		if in.ResourceType == "" {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{Null: true, Member: "resourceType", Constraint: "Member must not be null"}))
		}
		if !s.validType(in.ResourceType) {
			return nil, typeViolation(in.ResourceType, "resourceType")
		}
		if len(in.ResourceIDs) > 20 {
			return nil, clientErr(codeValidation, "The specified list had more than 20 resource ID's. It must have '20' or less items")
		}
		if len(in.ResourceIDs) > 0 && in.ResourceName != "" {
			return nil, clientErr(codeValidation, "Both Resource ID and Resource Name cannot be specified in the request")
		}
		limit, err := limitOf(in.Limit, 100, 100, "limit", codeInvalidLimit)
		if err != nil {
			return nil, err
		}
		if err := s.needRecorder(); err != nil {
			return nil, err
		}
		ids := map[string]bool{}
		for _, id := range in.ResourceIDs {
			ids[id] = true
		}
		var all []ResourceIdentifier
		for _, r := range s.resOrder {
			it := r.last()
			if r.key.typ != in.ResourceType || it == nil {
				continue
			}
			if len(ids) > 0 && !ids[r.key.id] {
				continue
			}
			if in.ResourceName != "" && r.name != in.ResourceName {
				continue
			}
			ri := ResourceIdentifier{ResourceType: r.key.typ, ResourceID: r.key.id, ResourceName: r.name}
			if deletedStatus(it.status) {
				if !in.IncludeDeletedResources {
					continue
				}
				ri.ResourceDeletionTime = tp(it.capture)
			}
			all = append(all, ri)
		}
		items, next, err := page("ListDiscoveredResources", all, in.NextToken, limit)
		if err != nil {
			return nil, err
		}
		return &ListDiscoveredResourcesOutput{ResourceIdentifiers: items, NextToken: next}, nil
	})
}

// GetDiscoveredResourceCounts counts the current resources of each recorded type, most numerous
// first. With the recorder stopped the list is empty.
func (s *Service) GetDiscoveredResourceCounts(ctx context.Context, in *GetDiscoveredResourceCountsInput) (*GetDiscoveredResourceCountsOutput, error) {
	return bus.Call(ctx, s.b, op("GetDiscoveredResourceCounts", true), in, func(ctx context.Context, in *GetDiscoveredResourceCountsInput) (*GetDiscoveredResourceCountsOutput, error) {
		if len(in.ResourceTypes) > 20 {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "resourceTypes", Constraint: "Member must have length less than or equal to 20"}))
		}
		limit, err := limitOf(in.Limit, 100, 100, "limit", codeInvalidLimit)
		if err != nil {
			return nil, err
		}
		out := &GetDiscoveredResourceCountsOutput{ResourceCounts: []ResourceCount{}}
		rec := s.recorder
		if rec == nil || !rec.recording {
			return out, nil
		}
		want := map[string]bool{}
		for _, t := range in.ResourceTypes {
			want[t] = true
		}
		counts := map[string]int64{}
		for _, r := range s.resOrder {
			it := r.last()
			if it == nil || deletedStatus(it.status) || !rec.records(r.key.typ) || (len(want) > 0 && !want[r.key.typ]) {
				continue
			}
			counts[r.key.typ]++
			out.TotalDiscoveredResources++
		}
		all := make([]ResourceCount, 0, len(counts))
		for t, n := range counts {
			all = append(all, ResourceCount{ResourceType: t, Count: n})
		}
		sort.Slice(all, func(i, j int) bool {
			if all[i].Count != all[j].Count {
				return all[i].Count > all[j].Count
			}
			return all[i].ResourceType < all[j].ResourceType
		})
		items, next, err := page("GetDiscoveredResourceCounts", all, in.NextToken, limit)
		if err != nil {
			return nil, err
		}
		out.ResourceCounts, out.NextToken = append(out.ResourceCounts, items...), next
		return out, nil
	})
}
