package config

import (
	"reflect"
	"slices"
	"strconv"
)

// The "Config Configuration Item Change" detail written field by field: every recorded change
// with a notification pays for it, and the plans' reflection over its eighteen item members
// and two string maps was a quarter of a recorded change on the EventBridge path. The bytes are
// json.Marshal's (TestRenderAndDetailMatchMarshal); changedProperties, whose values can be
// anything, goes through the plans.

// appendItemChange appends the JSON of d; ok false: use the plans or encoding/json.
func (e *encoder) appendItemChange(dst []byte, d *itemChangeDetail) ([]byte, bool) {
	ok := true
	dst = append(dst, `{"recordVersion":`...)
	dst = appendJSONString(dst, d.RecordVersion)
	dst = append(dst, `,"messageType":`...)
	dst = appendJSONString(dst, d.MessageType)
	dst = append(dst, `,"configurationItemDiff":`...)
	if d.ConfigurationItemDiff == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, `{"changedProperties":`...)
		if cp := d.ConfigurationItemDiff.ChangedProperties; cp == nil {
			dst = append(dst, "null"...)
		} else {
			p := e.plans.of(reflect.TypeOf(cp), nil)
			if p == nil {
				return dst, false
			}
			if dst, ok = p.enc(dst, reflect.ValueOf(cp)); !ok {
				return dst, false
			}
		}
		dst = append(dst, `,"changeType":`...)
		dst = appendJSONString(dst, d.ConfigurationItemDiff.ChangeType)
		dst = append(dst, '}')
	}
	dst = append(dst, `,"notificationCreationTime":`...)
	dst = appendJSONString(dst, d.NotificationCreationTime)
	dst = append(dst, `,"configurationItem":`...)
	if dst, ok = appendNotificationItem(dst, &d.ConfigurationItem); !ok {
		return dst, false
	}
	return append(dst, '}'), true
}

func appendNotificationItem(dst []byte, n *notificationItem) ([]byte, bool) {
	dst = append(dst, `{"relatedEvents":`...)
	dst = appendStrings(dst, n.RelatedEvents)
	dst = append(dst, `,"relationships":`...)
	if n.Relationships == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, r := range n.Relationships {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"resourceId":`...)
			dst = appendStringPtr(dst, r.ResourceID)
			dst = append(dst, `,"resourceName":`...)
			dst = appendStringPtr(dst, r.ResourceName)
			dst = append(dst, `,"resourceType":`...)
			dst = appendJSONString(dst, r.ResourceType)
			dst = append(dst, `,"name":`...)
			dst = appendJSONString(dst, r.Name)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"configuration":`...)
	if n.Configuration == nil {
		dst = append(dst, "null"...)
	} else {
		var ok bool
		if dst, ok = appendRaw(dst, n.Configuration); !ok {
			return dst, false
		}
	}
	dst = append(dst, `,"supplementaryConfiguration":`...)
	dst = appendStringMap(dst, n.SupplementaryConfiguration)
	dst = append(dst, `,"tags":`...)
	dst = appendStringMap(dst, n.Tags)
	dst = append(dst, `,"configurationItemVersion":`...)
	dst = appendJSONString(dst, n.ConfigurationItemVersion)
	dst = append(dst, `,"configurationItemCaptureTime":`...)
	dst = appendJSONString(dst, n.ConfigurationItemCaptureTime)
	dst = append(dst, `,"configurationStateId":`...)
	dst = strconv.AppendInt(dst, n.ConfigurationStateID, 10)
	dst = append(dst, `,"awsAccountId":`...)
	dst = appendJSONString(dst, n.AwsAccountID)
	dst = append(dst, `,"configurationItemStatus":`...)
	dst = appendJSONString(dst, n.ConfigurationItemStatus)
	dst = append(dst, `,"resourceType":`...)
	dst = appendJSONString(dst, n.ResourceType)
	dst = append(dst, `,"resourceId":`...)
	dst = appendJSONString(dst, n.ResourceID)
	dst = append(dst, `,"resourceName":`...)
	dst = appendStringPtr(dst, n.ResourceName)
	dst = append(dst, `,"ARN":`...)
	dst = appendStringPtr(dst, n.ARN)
	dst = append(dst, `,"awsRegion":`...)
	dst = appendJSONString(dst, n.AwsRegion)
	dst = append(dst, `,"availabilityZone":`...)
	dst = appendStringPtr(dst, n.AvailabilityZone)
	dst = append(dst, `,"configurationStateMd5Hash":`...)
	dst = appendJSONString(dst, n.ConfigurationStateMd5Hash)
	dst = append(dst, `,"resourceCreationTime":`...)
	dst = appendStringPtr(dst, n.ResourceCreationTime)
	return append(dst, '}'), true
}

func appendStrings(dst []byte, l []string) []byte {
	if l == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, s := range l {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, s)
	}
	return append(dst, ']')
}

func appendStringPtr(dst []byte, s *string) []byte {
	if s == nil {
		return append(dst, "null"...)
	}
	return appendJSONString(dst, *s)
}

// appendStringMap writes a map as encoding/json does: keys sorted.
func appendStringMap(dst []byte, m map[string]string) []byte {
	if m == nil {
		return append(dst, "null"...)
	}
	var small [8]string
	keys := small[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	dst = append(dst, '{')
	for i, k := range keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, k)
		dst = append(dst, ':')
		dst = appendJSONString(dst, m[k])
	}
	return append(dst, '}')
}
