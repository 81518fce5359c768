package query

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"time"
)

// Visible returns the query-visible form of a configuration item given in its API form (the
// ConfigurationItem shape of https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationItem.html
// decoded by encoding/json into a map), and whether advanced query sees the item at all:
//
//   - items with configurationItemStatus ResourceNotRecorded, ResourceDeleted or
//     ResourceDeletedNotRecorded are not queryable (advanced query reads the current state of
//     recorded resources; "advanced query does not support querying CIs with ResourceNotRecorded",
//     DG querying-AWS-resources); ok is false;
//   - configuration, a JSON document in a string, is decoded into its value; for a third-party
//     (custom) resource type, one not in the AWS:: namespace, it is null ("Third-party resources
//     retrieved using advanced queries will have the configuration field set as NULL");
//   - each supplementaryConfiguration value that is a JSON document in a string is decoded;
//   - tags, a name→value map, become a list of {"key", "value", "tag": "key=value"} objects sorted by
//     key (the properties tags.key, tags.value and tags.tag of the schema,
//     https://github.com/awslabs/aws-config-resource-schema);
//   - the date properties (configurationItemCaptureTime, resourceCreationTime,
//     configurationItemDeliveryTime), RFC 3339 strings or epoch seconds, become ISO-8601 UTC with
//     milliseconds, the form query results show (DG example-query).
//
// Other members are kept as they are. ci itself is not modified.
func Visible(ci map[string]any) (doc map[string]any, ok bool) {
	switch ci["configurationItemStatus"] {
	case "ResourceNotRecorded", "ResourceDeleted", "ResourceDeletedNotRecorded":
		return nil, false
	}
	doc = make(map[string]any, len(ci))
	for k, v := range ci {
		switch k {
		case "configuration":
			if rt, _ := ci["resourceType"].(string); !strings.HasPrefix(rt, "AWS::") {
				v = nil
			} else if s, isStr := v.(string); isStr {
				var dec any
				if json.Unmarshal([]byte(s), &dec) == nil {
					v = dec
				}
			}
		case "supplementaryConfiguration":
			if m, isMap := v.(map[string]any); isMap {
				out := make(map[string]any, len(m))
				for sk, sv := range m {
					if s, isStr := sv.(string); isStr {
						var dec any
						if json.Unmarshal([]byte(s), &dec) == nil {
							sv = dec
						}
					}
					out[sk] = sv
				}
				v = out
			}
		case "tags":
			if m, isMap := v.(map[string]any); isMap {
				v = tagList(m)
			}
		case "configurationItemCaptureTime", "resourceCreationTime", "configurationItemDeliveryTime":
			v = isoMillis(v)
		}
		doc[k] = v
	}
	return doc, true
}

// VisibleJSON is [Visible] of a configuration item given as its API-form JSON (for example what
// encoding/json writes for the service's ConfigurationItem); ok is false also for JSON that is not
// an object.
func VisibleJSON(ci []byte) (doc map[string]any, ok bool) {
	var m map[string]any
	if json.Unmarshal(ci, &m) != nil || m == nil {
		return nil, false
	}
	return Visible(m)
}

func tagList(m map[string]any) []any {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]any, 0, len(keys))
	for _, k := range keys {
		val, _ := m[k].(string)
		out = append(out, map[string]any{"key": k, "value": val, "tag": k + "=" + val})
	}
	return out
}

// isoMillis converts a timestamp (RFC 3339 string or epoch seconds) to ISO-8601 UTC with
// milliseconds; other values are returned unchanged.
func isoMillis(v any) any {
	var t time.Time
	switch x := v.(type) {
	case string:
		p, err := time.Parse(time.RFC3339Nano, x)
		if err != nil {
			return v
		}
		t = p
	default:
		f, ok := number(v)
		if !ok {
			return v
		}
		t = time.UnixMilli(int64(math.Round(f * 1000)))
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}
