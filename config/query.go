package config

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config/query"
	"github.com/watchsim/watchsim/internal/awserr"
)

// Advanced query (API reference: SelectResourceConfig,
// https://docs.aws.amazon.com/config/latest/APIReference/API_SelectResourceConfig.html, and
// stored queries). The engine is the pure package config/query; the service keeps the current
// items of every resource in a query.Set, brought up to date at query time for the resources that
// changed since the last query (so recording pays nothing for it). The Set reads an item through
// itemDoc (querydoc.go): a query converts only the properties it reads.

// SelectResourceConfigInput is the input of SelectResourceConfig.
type SelectResourceConfigInput struct {
	Expression string `json:"Expression"`
	Limit      int32  `json:"Limit,omitempty"`
	NextToken  string `json:"NextToken,omitempty"`
}

// FieldInfo names a selected field.
type FieldInfo struct {
	Name string `json:"Name,omitempty"`
}

// QueryInfo describes the selected fields.
type QueryInfo struct {
	SelectFields []FieldInfo `json:"SelectFields"`
}

// SelectResourceConfigOutput is the output of SelectResourceConfig: each result a JSON object as
// a string.
type SelectResourceConfigOutput struct {
	Results   []string   `json:"Results"`
	QueryInfo *QueryInfo `json:"QueryInfo,omitempty"`
	NextToken string     `json:"NextToken,omitempty"`
}

type queryState struct {
	set   *query.Set
	dirty []*resource
}

// markDirty notes that r's current item changed since the last query.
func (q *queryState) markDirty(r *resource) {
	if !r.qdirty {
		r.qdirty = true
		q.dirty = append(q.dirty, r)
	}
}

// syncLocked brings the query set up to date.
func (s *Service) syncQueryLocked() *query.Set {
	q := &s.query
	if q.set == nil {
		q.set = query.NewSet()
	}
	for _, r := range q.dirty {
		r.qdirty = false
		key := r.key.typ + "/" + r.key.id
		it := r.last()
		if it == nil || deletedStatus(it.status) {
			q.set.Delete(key)
			continue
		}
		q.set.PutDoc(key, itemDoc{s, it})
	}
	q.dirty = q.dirty[:0]
	return q.set
}

// visibleTags is the query-visible tags of an item: {key, value, tag} by key.
func visibleTags(it *item) []any {
	keys := make([]string, 0, len(it.tags))
	for k := range it.tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	tags := make([]any, 0, len(keys))
	for _, k := range keys {
		tags = append(tags, map[string]any{"key": k, "value": it.tags[k], "tag": k + "=" + it.tags[k]})
	}
	return tags
}

// visibleRels is the query-visible relationships of an item.
func visibleRels(it *item) []any {
	rels := make([]any, 0, len(it.rels))
	for _, r := range it.rels {
		rel := map[string]any{"resourceType": r.ResourceType, "relationshipName": r.RelationshipName}
		if r.ResourceID != "" {
			rel["resourceId"] = r.ResourceID
		}
		if r.ResourceName != "" {
			rel["resourceName"] = r.ResourceName
		}
		rels = append(rels, rel)
	}
	return rels
}

// visibleSupp is the query-visible supplementary configuration of an item: values decoded.
func visibleSupp(it *item) map[string]any {
	supp := make(map[string]any, len(it.supp))
	for k, v := range it.supp {
		var dec any
		if json.Unmarshal([]byte(v), &dec) == nil {
			supp[k] = dec
		} else {
			supp[k] = v
		}
	}
	return supp
}

// visibleDoc is the query-visible form of a current item (what query.Visible makes of its API
// form), built directly: the configuration decoded once, tags as {key, value, tag} by key, times
// as ISO 8601 with milliseconds. TestVisibleDocAgrees holds it to query.Visible.
func (s *Service) visibleDoc(it *item) map[string]any {
	m := make(map[string]any, 20)
	m["version"], m["accountId"], m["configurationItemCaptureTime"] = CIVersion, s.b.Account(), isoMillis(it.capture)
	m["configurationItemStatus"], m["configurationStateId"], m["arn"] = it.status, strconv.FormatInt(it.stateID, 10), it.arn
	m["resourceType"], m["resourceId"], m["awsRegion"] = it.typ, it.id, s.b.Region()
	if it.name != "" {
		m["resourceName"] = it.name
	}
	if it.d != nil {
		m["availabilityZone"] = availabilityZone(it.typ)
		if !it.created.IsZero() {
			m["resourceCreationTime"] = isoMillis(it.created)
		}
	}
	if it.daily {
		m["recordingFrequency"], m["configurationItemDeliveryTime"] = Daily, isoMillis(it.capture)
	}
	m["tags"], m["relationships"], m["supplementaryConfiguration"] = visibleTags(it), visibleRels(it), visibleSupp(it)
	var conf any
	if strings.HasPrefix(it.typ, "AWS::") { // third-party configurations are not queryable (DG querying-AWS-resources)
		conf = it.d.mapValue()
	}
	m["configuration"] = conf
	return m
}

func parseExpression(expr, member string) (*query.Query, error) {
	if v, bad := awserr.LengthViolation(expr, member, 1, query.MaxExpressionLength); bad {
		return nil, clientErr(codeValidation, awserr.ValidationMessage(v))
	}
	return query.Parse(expr)
}

// SelectResourceConfig runs an advanced query over the current items of recorded resources.
func (s *Service) SelectResourceConfig(ctx context.Context, in *SelectResourceConfigInput) (*SelectResourceConfigOutput, error) {
	return bus.Call(ctx, s.b, op("SelectResourceConfig", true), in, func(ctx context.Context, in *SelectResourceConfigInput) (*SelectResourceConfigOutput, error) {
		q, err := parseExpression(in.Expression, "expression")
		if err != nil {
			return nil, err
		}
		page, err := s.syncQueryLocked().Select(q, in.Limit, in.NextToken)
		if err != nil {
			return nil, err
		}
		out := &SelectResourceConfigOutput{Results: page.Results, NextToken: page.NextToken, QueryInfo: &QueryInfo{SelectFields: []FieldInfo{}}}
		if out.Results == nil {
			out.Results = []string{}
		}
		for _, f := range q.SelectFields() {
			out.QueryInfo.SelectFields = append(out.QueryInfo.SelectFields, FieldInfo{Name: f})
		}
		return out, nil
	})
}

// StoredQuery is a saved advanced query.
type StoredQuery struct {
	QueryID     string `json:"QueryId,omitempty"`
	QueryArn    string `json:"QueryArn,omitempty"`
	QueryName   string `json:"QueryName"`
	Description string `json:"Description,omitempty"`
	Expression  string `json:"Expression,omitempty"`
}

// StoredQueryMetadata is a stored query without its expression.
type StoredQueryMetadata struct {
	QueryID     string `json:"QueryId"`
	QueryArn    string `json:"QueryArn"`
	QueryName   string `json:"QueryName"`
	Description string `json:"Description,omitempty"`
}

// PutStoredQueryInput is the input of PutStoredQuery.
type PutStoredQueryInput struct {
	StoredQuery *StoredQuery `json:"StoredQuery"`
	Tags        []Tag        `json:"Tags,omitempty"`
}

// PutStoredQueryOutput is the output of PutStoredQuery.
type PutStoredQueryOutput struct {
	QueryArn string `json:"QueryArn,omitempty"`
}

// GetStoredQueryInput is the input of GetStoredQuery.
type GetStoredQueryInput struct {
	QueryName string `json:"QueryName"`
}

// GetStoredQueryOutput is the output of GetStoredQuery.
type GetStoredQueryOutput struct {
	StoredQuery *StoredQuery `json:"StoredQuery,omitempty"`
}

// ListStoredQueriesInput is the input of ListStoredQueries.
type ListStoredQueriesInput struct {
	NextToken  string `json:"NextToken,omitempty"`
	MaxResults int32  `json:"MaxResults,omitempty"`
}

// ListStoredQueriesOutput is the output of ListStoredQueries.
type ListStoredQueriesOutput struct {
	StoredQueryMetadata []StoredQueryMetadata `json:"StoredQueryMetadata"`
	NextToken           string                `json:"NextToken,omitempty"`
}

// DeleteStoredQueryInput is the input of DeleteStoredQuery.
type DeleteStoredQueryInput struct {
	QueryName string `json:"QueryName"`
}

// DeleteStoredQueryOutput is the (empty) output of DeleteStoredQuery.
type DeleteStoredQueryOutput struct{}

// MaxStoredQueries is the number of stored queries per account and region.
const MaxStoredQueries = 300

func validQueryName(n string) bool {
	if n == "" || len(n) > 64 {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func queryNameError(n string) error {
	return awserr.Validation(codeValidation, n, "queryName", "Member must satisfy regular expression pattern: ^[a-zA-Z0-9-_]+$")
}

func notFoundQuery(n string) error {
	return clientErrf("ResourceNotFoundException", "The query %s does not exist.", n)
}

// PutStoredQuery saves a query (at most 300), or updates the one of that name. The expression is
// checked by the query parser [derived].
func (s *Service) PutStoredQuery(ctx context.Context, in *PutStoredQueryInput) (*PutStoredQueryOutput, error) {
	return bus.Call(ctx, s.b, op("PutStoredQuery", false), in, func(ctx context.Context, in *PutStoredQueryInput) (*PutStoredQueryOutput, error) {
		sq := in.StoredQuery
		if sq == nil {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{Null: true, Member: "storedQuery", Constraint: "Member must not be null"}))
		}
		if !validQueryName(sq.QueryName) {
			return nil, queryNameError(sq.QueryName)
		}
		if len(sq.Description) > 256 {
			return nil, awserr.Validation(codeValidation, sq.Description, "storedQuery.description", "Member must have length less than or equal to 256")
		}
		if len(in.Tags) > 50 {
			return nil, clientErr("TooManyTagsException", "The number of tags exceeds the limit of 50.")
		}
		if _, err := parseExpression(sq.Expression, "storedQuery.expression"); err != nil {
			return nil, err
		}
		old := s.stored[sq.QueryName]
		if old == nil && len(s.stored) >= MaxStoredQueries {
			return nil, clientErr(codeLimitExceeded, "You have reached the limit of 300 stored queries.")
		}
		nq := *sq
		if old != nil {
			nq.QueryID, nq.QueryArn = old.QueryID, old.QueryArn
		} else {
			nq.QueryID = s.b.UUID()
			nq.QueryArn = s.b.ARN("config", "stored-query/"+sq.QueryName+"/query-"+strings.ReplaceAll(nq.QueryID, "-", "")[:16])
			s.storedOrder = append(s.storedOrder, sq.QueryName)
			if len(in.Tags) > 0 {
				s.tagsOf(nq.QueryArn, in.Tags)
			}
		}
		s.stored[sq.QueryName] = &nq
		s.applyChangeLocked(ctx, bus.ResourceChange{ChangeType: bus.ResourceUpdated, ResourceType: TypeStoredQuery, ResourceID: nq.QueryID,
			ResourceName: nq.QueryName, ARN: nq.QueryArn, Configuration: map[string]any{"QueryId": nq.QueryID, "QueryArn": nq.QueryArn,
				"QueryName": nq.QueryName, "QueryDescription": nq.Description, "QueryExpression": nq.Expression}}, false)
		return &PutStoredQueryOutput{QueryArn: nq.QueryArn}, nil
	})
}

// GetStoredQuery returns a stored query.
func (s *Service) GetStoredQuery(ctx context.Context, in *GetStoredQueryInput) (*GetStoredQueryOutput, error) {
	return bus.Call(ctx, s.b, op("GetStoredQuery", true), in, func(ctx context.Context, in *GetStoredQueryInput) (*GetStoredQueryOutput, error) {
		if !validQueryName(in.QueryName) {
			return nil, queryNameError(in.QueryName)
		}
		q := s.stored[in.QueryName]
		if q == nil {
			return nil, notFoundQuery(in.QueryName)
		}
		c := *q
		return &GetStoredQueryOutput{StoredQuery: &c}, nil
	})
}

// ListStoredQueries lists the stored queries in creation order.
func (s *Service) ListStoredQueries(ctx context.Context, in *ListStoredQueriesInput) (*ListStoredQueriesOutput, error) {
	return bus.Call(ctx, s.b, op("ListStoredQueries", true), in, func(ctx context.Context, in *ListStoredQueriesInput) (*ListStoredQueriesOutput, error) {
		limit, err := limitOf(in.MaxResults, 100, 100, "maxResults", codeValidation)
		if err != nil {
			return nil, err
		}
		start, err := pageStart("ListStoredQueries", in.NextToken, len(s.storedOrder))
		if err != nil {
			return nil, err
		}
		end := min(start+limit, len(s.storedOrder))
		out := &ListStoredQueriesOutput{StoredQueryMetadata: []StoredQueryMetadata{}, NextToken: nextToken("ListStoredQueries", end, len(s.storedOrder))}
		for _, n := range s.storedOrder[start:end] {
			q := s.stored[n]
			out.StoredQueryMetadata = append(out.StoredQueryMetadata, StoredQueryMetadata{QueryID: q.QueryID, QueryArn: q.QueryArn, QueryName: q.QueryName, Description: q.Description})
		}
		return out, nil
	})
}

// DeleteStoredQuery deletes a stored query.
func (s *Service) DeleteStoredQuery(ctx context.Context, in *DeleteStoredQueryInput) (*DeleteStoredQueryOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteStoredQuery", false), in, func(ctx context.Context, in *DeleteStoredQueryInput) (*DeleteStoredQueryOutput, error) {
		if !validQueryName(in.QueryName) {
			return nil, queryNameError(in.QueryName)
		}
		q := s.stored[in.QueryName]
		if q == nil {
			return nil, notFoundQuery(in.QueryName)
		}
		delete(s.stored, in.QueryName)
		for i, n := range s.storedOrder {
			if n == in.QueryName {
				s.storedOrder = append(s.storedOrder[:i], s.storedOrder[i+1:]...)
				break
			}
		}
		delete(s.tags, q.QueryArn)
		s.applyChangeLocked(ctx, bus.ResourceChange{ChangeType: bus.ResourceDeleted, ResourceType: TypeStoredQuery, ResourceID: q.QueryID}, false)
		return &DeleteStoredQueryOutput{}, nil
	})
}
