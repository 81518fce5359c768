package config

import (
	"context"
	"encoding/json"
	"reflect"
	"sort"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/watchsim/watchsim/bus"
)

// Notifications: the EventBridge events Config sends to the default bus ("Monitoring AWS Config
// with Amazon EventBridge",
// https://docs.aws.amazon.com/config/latest/developerguide/monitor-config-with-cloudwatchevents.html)
// and the same bodies on the delivery channel's SNS topic ("Notifications that AWS Config Sends to
// an Amazon SNS topic",
// https://docs.aws.amazon.com/config/latest/developerguide/notifications-for-AWS-Config.html).

// Detail types of Config's EventBridge events.
const (
	DetailItemChange       = "Config Configuration Item Change"
	DetailComplianceChange = "Config Rules Compliance Change"
	DetailReevaluation     = "Config Rules Re-evaluation Status"
	DetailSnapshotStatus   = "Config Configuration Snapshot Delivery Status"
	DetailHistoryStatus    = "Config Configuration History Delivery Status"
	// MaxNotificationSize is the SNS message limit above which an item change is sent in its
	// summary (oversized) form.
	MaxNotificationSize = 256 * 1024
)

// notifyLocked publishes one Config event on bus.Events and, when the delivery channel has a
// topic, delivers the same body to it once the lock is released.
func (s *Service) notifyLocked(ctx context.Context, detailType string, resources []string, detail []byte, subject string) {
	now := s.b.Now()
	if bus.HasSubscribers(s.b, bus.Events()) {
		if resources == nil {
			resources = []string{}
		}
		bus.Publish(ctx, s.b, bus.Events(), bus.Event{Version: "0", ID: s.b.UUID(), DetailType: detailType, Source: "aws.config",
			Account: s.b.Account(), Time: now.Truncate(time.Second), Region: s.b.Region(), Resources: resources, Detail: detail})
	}
	c := s.channel
	if c == nil || c.SnsTopicARN == "" {
		return
	}
	topic := c.SnsTopicARN
	bus.Defer(ctx, s.b, func(ctx context.Context) {
		err := s.b.Deliver(ctx, topic, bus.Payload{Body: detail, Subject: subject})
		s.b.Locked(func() {
			if c != s.channel {
				return
			}
			st := deliverySuccess
			if err != nil {
				st = deliveryFailure
				c.stream.LastErrorCode, c.stream.LastErrorMessage = bus.ErrorCode(err), err.Error()
			}
			if c.stream.LastStatus != st {
				c.stream.LastStatusChangeTime = tp(now)
			}
			c.stream.LastStatus = st
		})
	})
}

// wantsNotifications reports whether anyone would see a notification.
func (s *Service) wantsNotifications() bool {
	return bus.HasSubscribers(s.b, bus.Events()) || (s.channel != nil && s.channel.SnsTopicARN != "")
}

// subject builds an SNS subject: "[AWS Config:<region>] …", cut to 100 characters ending "...".
func (s *Service) subject(text string) string {
	sub := "[AWS Config:" + s.b.Region() + "] " + text
	if utf8.RuneCountInString(sub) > 100 {
		r := []rune(sub)
		sub = string(r[:97]) + "..."
	}
	return sub
}

type itemDiff struct {
	ChangedProperties map[string]any `json:"changedProperties"`
	ChangeType        string         `json:"changeType"`
}

type itemChangeDetail struct {
	RecordVersion            string           `json:"recordVersion"`
	MessageType              string           `json:"messageType"`
	ConfigurationItemDiff    *itemDiff        `json:"configurationItemDiff"`
	NotificationCreationTime string           `json:"notificationCreationTime"`
	ConfigurationItem        notificationItem `json:"configurationItem"`
}

type itemSummary struct {
	ChangeType                   string  `json:"changeType"`
	ConfigurationItemVersion     string  `json:"configurationItemVersion"`
	ConfigurationItemCaptureTime string  `json:"configurationItemCaptureTime"`
	ConfigurationStateID         int64   `json:"configurationStateId"`
	AwsAccountID                 string  `json:"awsAccountId"`
	ConfigurationItemStatus      string  `json:"configurationItemStatus"`
	ResourceType                 string  `json:"resourceType"`
	ResourceID                   string  `json:"resourceId"`
	ResourceName                 *string `json:"resourceName"`
	ARN                          *string `json:"ARN"`
	AwsRegion                    string  `json:"awsRegion"`
	AvailabilityZone             *string `json:"availabilityZone"`
	ConfigurationStateMd5Hash    string  `json:"configurationStateMd5Hash"`
	ResourceCreationTime         *string `json:"resourceCreationTime"`
}

type oversizedDetail struct {
	ConfigurationItemSummary itemSummary       `json:"configurationItemSummary"`
	MessageType              string            `json:"messageType"`
	NotificationCreationTime string            `json:"notificationCreationTime"`
	RecordVersion            string            `json:"recordVersion"`
	S3DeliverySummary        map[string]string `json:"s3DeliverySummary"`
}

// oversized is the summary form of an item change too large for SNS (256 KB): the item without
// its configuration, relationships and tags, and where the history file will be.
func (s *Service) oversized(ct string, n notificationItem, now time.Time) oversizedDetail {
	return oversizedDetail{ConfigurationItemSummary: itemSummary{ChangeType: ct, ConfigurationItemVersion: CIVersion,
		ConfigurationItemCaptureTime: n.ConfigurationItemCaptureTime, ConfigurationStateID: n.ConfigurationStateID, AwsAccountID: n.AwsAccountID,
		ConfigurationItemStatus: n.ConfigurationItemStatus, ResourceType: n.ResourceType, ResourceID: n.ResourceID, ResourceName: n.ResourceName,
		ARN: n.ARN, AwsRegion: n.AwsRegion, AvailabilityZone: n.AvailabilityZone, ResourceCreationTime: n.ResourceCreationTime},
		MessageType: MessageOversizedItemChange, NotificationCreationTime: isoMillis(now), RecordVersion: "1.0",
		S3DeliverySummary: map[string]string{"s3BucketLocation": s.historyLocation()}}
}

func changeTypeOf(prev, it *item) string {
	switch {
	case deletedStatus(it.status):
		return "DELETE"
	case prev == nil || deletedStatus(prev.status):
		return "CREATE"
	}
	return "UPDATE"
}

// itemNotificationLocked sends the "Config Configuration Item Change" notification of a new item.
func (s *Service) itemNotificationLocked(ctx context.Context, prev, it *item) {
	if !s.wantsNotifications() {
		return
	}
	acct, region := s.b.Account(), s.b.Region()
	now := s.b.Now()
	ct := changeTypeOf(prev, it)
	s.enc.render(it.d)
	d := itemChangeDetail{RecordVersion: CIVersion, MessageType: MessageItemChange, NotificationCreationTime: isoMillis(now),
		ConfigurationItem: it.notification(acct, region), ConfigurationItemDiff: &itemDiff{ChangedProperties: diffItems(prev, it, ct), ChangeType: ct}}
	body, err := s.enc.marshalItemChange(&d)
	if err != nil {
		return
	}
	if len(body) > MaxNotificationSize {
		body, _ = json.Marshal(s.oversized(ct, d.ConfigurationItem, now))
	}
	verb := map[string]string{"CREATE": "Created", "UPDATE": "Updated", "DELETE": "Deleted"}[ct]
	var resources []string
	if it.arn != "" {
		resources = []string{it.arn}
	}
	s.notifyLocked(ctx, DetailItemChange, resources, body, s.subject(it.typ+" "+it.id+" "+verb+" in Account "+acct))
}

func capitalise(k string) string {
	r, n := utf8.DecodeRuneInString(k)
	return string(unicode.ToUpper(r)) + k[n:]
}

// diffItems returns the changedProperties of an update: one entry per changed top-level property
// of the document ("Configuration.<Prop>", list members as "Configuration.<Prop>.<i>"), per
// changed tag ("Tags.<key>") and per changed relationship ("Relationships.<i>"). Creations and
// deletions carry an empty map [derived].
func diffItems(prev, it *item, ct string) map[string]any {
	out := map[string]any{}
	if ct != "UPDATE" {
		return out
	}
	if x, ok := prev.d.value().(*AlarmDocument); ok {
		if y, ok := it.d.value().(*AlarmDocument); ok {
			diffAlarmDocs(out, x, y)
			diffTagsRels(out, prev, it)
			return out
		}
	}
	a, _ := prev.d.mapValue().(map[string]any)
	b, _ := it.d.mapValue().(map[string]any)
	diffConfigMaps(out, a, b)
	diffTagsRels(out, prev, it)
	return out
}

// diffConfigMaps adds the changes between two decoded configuration documents.
func diffConfigMaps(out, a, b map[string]any) {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	for k := range keys {
		pv, okA := a[k]
		cv, okB := b[k]
		la, isListA := pv.([]any)
		lb, isListB := cv.([]any)
		if isListA && isListB {
			for i := 0; i < max(len(la), len(lb)); i++ {
				var x, y any
				hx, hy := i < len(la), i < len(lb)
				if hx {
					x = la[i]
				}
				if hy {
					y = lb[i]
				}
				addChange(out, "Configuration."+capitalise(k)+"."+strconv.Itoa(i), x, y, hx, hy)
			}
			continue
		}
		addChange(out, "Configuration."+capitalise(k), pv, cv, okA, okB)
	}
}

// diffTagsRels adds the changes of tags and relationships between two items.
func diffTagsRels(out map[string]any, prev, it *item) {
	for k := range prev.tags {
		w, ok := it.tags[k]
		addChange(out, "Tags."+k, prev.tags[k], w, true, ok)
	}
	for k, v := range it.tags {
		if _, ok := prev.tags[k]; !ok {
			addChange(out, "Tags."+k, nil, v, false, true)
		}
	}
	for i := 0; i < max(len(prev.rels), len(it.rels)); i++ {
		var x, y any
		hx, hy := i < len(prev.rels), i < len(it.rels)
		if hx {
			x = prev.rels[i]
		}
		if hy {
			y = it.rels[i]
		}
		addChange(out, "Relationships."+strconv.Itoa(i), x, y, hx, hy)
	}
}

func addChange(out map[string]any, path string, prev, cur any, hadPrev, hasCur bool) {
	switch {
	case hadPrev && hasCur:
		if reflect.DeepEqual(prev, cur) {
			return
		}
		out[path] = map[string]any{"previousValue": prev, "updatedValue": cur, "changeType": "UPDATE"}
	case hasCur:
		out[path] = map[string]any{"previousValue": nil, "updatedValue": cur, "changeType": "CREATE"}
	case hadPrev:
		out[path] = map[string]any{"previousValue": prev, "updatedValue": nil, "changeType": "DELETE"}
	}
}

type evaluationQualifier struct {
	ConfigRuleName string `json:"configRuleName"`
	ResourceType   string `json:"resourceType"`
	ResourceID     string `json:"resourceId"`
	EvaluationMode string `json:"evaluationMode"`
}

type evaluationIdentifier struct {
	EvaluationResultQualifier evaluationQualifier `json:"evaluationResultQualifier"`
	OrderingTimestamp         string              `json:"orderingTimestamp"`
}

type eventEvaluationResult struct {
	EvaluationResultIdentifier evaluationIdentifier `json:"evaluationResultIdentifier"`
	ComplianceType             string               `json:"complianceType"`
	ResultRecordedTime         string               `json:"resultRecordedTime"`
	ConfigRuleInvokedTime      string               `json:"configRuleInvokedTime"`
	Annotation                 string               `json:"annotation,omitempty"`
}

type complianceDetail struct {
	ResourceID               string                 `json:"resourceId"`
	AwsRegion                string                 `json:"awsRegion"`
	AwsAccountID             string                 `json:"awsAccountId"`
	ConfigRuleName           string                 `json:"configRuleName"`
	RecordVersion            string                 `json:"recordVersion"`
	ConfigRuleARN            string                 `json:"configRuleARN"`
	MessageType              string                 `json:"messageType"`
	NewEvaluationResult      eventEvaluationResult  `json:"newEvaluationResult"`
	OldEvaluationResult      *eventEvaluationResult `json:"oldEvaluationResult,omitempty"`
	NotificationCreationTime string                 `json:"notificationCreationTime"`
	ResourceType             string                 `json:"resourceType"`
}

func eventResult(r *rule, k resKey, res *result) eventEvaluationResult {
	return eventEvaluationResult{EvaluationResultIdentifier: evaluationIdentifier{EvaluationResultQualifier: evaluationQualifier{
		ConfigRuleName: r.name, ResourceType: k.typ, ResourceID: k.id, EvaluationMode: "DETECTIVE"}, OrderingTimestamp: isoMillis(res.ordering)},
		ComplianceType: res.ctype, ResultRecordedTime: isoMillis(res.recorded), ConfigRuleInvokedTime: isoMillis(res.invoked), Annotation: res.annotation}
}

// complianceNotificationLocked sends "Config Rules Compliance Change" for a first result or a
// changed compliance type.
func (s *Service) complianceNotificationLocked(ctx context.Context, r *rule, k resKey, old, nr *result) {
	if !s.wantsNotifications() {
		return
	}
	d := complianceDetail{ResourceID: k.id, AwsRegion: s.b.Region(), AwsAccountID: s.b.Account(), ConfigRuleName: r.name, RecordVersion: "1.0",
		ConfigRuleARN: r.spec.ConfigRuleArn, MessageType: "ComplianceChangeNotification", NewEvaluationResult: eventResult(r, k, nr),
		NotificationCreationTime: isoMillis(s.b.Now()), ResourceType: k.typ}
	if old != nil {
		o := eventResult(r, k, old)
		d.OldEvaluationResult = &o
	}
	body, err := json.Marshal(d)
	if err != nil {
		return
	}
	s.notifyLocked(ctx, DetailComplianceChange, nil, body,
		s.subject(k.typ+" "+k.id+" is "+nr.ctype+" with "+r.name+" in Account "+s.b.Account()))
}

// reevaluationNotificationLocked sends "Config Rules Re-evaluation Status" for
// StartConfigRulesEvaluation.
func (s *Service) reevaluationNotificationLocked(ctx context.Context, names []string) {
	if !s.wantsNotifications() {
		return
	}
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	body, err := json.Marshal(struct {
		AwsAccountID             string   `json:"awsAccountId"`
		AwsRegion                string   `json:"awsRegion"`
		ConfigRuleNames          []string `json:"configRuleNames"`
		NotificationCreationTime string   `json:"notificationCreationTime"`
		MessageType              string   `json:"messageType"`
		RecordVersion            string   `json:"recordVersion"`
	}{s.b.Account(), s.b.Region(), sorted, isoMillis(s.b.Now()), "ConfigRulesEvaluationStarted", "1.0"})
	if err != nil {
		return
	}
	s.notifyLocked(ctx, DetailReevaluation, nil, body, s.subject("Config Rules Evaluation Started for Account "+s.b.Account()))
}
