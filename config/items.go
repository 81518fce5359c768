package config

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// Configuration items in their two spellings: the API form (ConfigurationItem,
// https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationItem.html) and the
// form pushed in notifications, events and rule invocations ("Example Configuration Item Change
// Notifications", https://docs.aws.amazon.com/config/latest/developerguide/example-sns-notification.html).

// Configuration item statuses.
const (
	ItemOK                         = "OK"
	ItemDiscovered                 = "ResourceDiscovered"
	ItemNotRecorded                = "ResourceNotRecorded"
	ItemDeleted                    = "ResourceDeleted"
	ItemDeletedNotRecorded         = "ResourceDeletedNotRecorded"
	relationshipComplianceAssocate = "Is associated with "
)

// Relationship links a configuration item to another resource.
type Relationship struct {
	ResourceType     string `json:"resourceType,omitempty"`
	ResourceID       string `json:"resourceId,omitempty"`
	ResourceName     string `json:"resourceName,omitempty"`
	RelationshipName string `json:"relationshipName,omitempty"`
}

// ConfigurationItem is a recorded state of a resource, in the API form. Configuration is the
// type's document as a JSON string.
type ConfigurationItem struct {
	Version                       string            `json:"version"`
	AccountID                     string            `json:"accountId"`
	ConfigurationItemCaptureTime  time.Time         `json:"configurationItemCaptureTime"`
	ConfigurationItemStatus       string            `json:"configurationItemStatus"`
	ConfigurationStateID          string            `json:"configurationStateId"`
	ConfigurationItemMD5Hash      string            `json:"configurationItemMD5Hash"`
	Arn                           string            `json:"arn,omitempty"`
	ResourceType                  string            `json:"resourceType"`
	ResourceID                    string            `json:"resourceId"`
	ResourceName                  string            `json:"resourceName,omitempty"`
	AwsRegion                     string            `json:"awsRegion"`
	AvailabilityZone              string            `json:"availabilityZone,omitempty"`
	ResourceCreationTime          *time.Time        `json:"resourceCreationTime,omitempty"`
	Tags                          map[string]string `json:"tags"`
	RelatedEvents                 []string          `json:"relatedEvents"`
	Relationships                 []Relationship    `json:"relationships"`
	Configuration                 string            `json:"configuration,omitempty"`
	SupplementaryConfiguration    map[string]string `json:"supplementaryConfiguration"`
	RecordingFrequency            string            `json:"recordingFrequency,omitempty"`
	ConfigurationItemDeliveryTime *time.Time        `json:"configurationItemDeliveryTime,omitempty"`
}

// BaseConfigurationItem is the item BatchGetResourceConfig returns: no tags, relationships,
// related events or hash.
type BaseConfigurationItem struct {
	Version                       string            `json:"version"`
	AccountID                     string            `json:"accountId"`
	ConfigurationItemCaptureTime  time.Time         `json:"configurationItemCaptureTime"`
	ConfigurationItemStatus       string            `json:"configurationItemStatus"`
	ConfigurationStateID          string            `json:"configurationStateId"`
	Arn                           string            `json:"arn,omitempty"`
	ResourceType                  string            `json:"resourceType"`
	ResourceID                    string            `json:"resourceId"`
	ResourceName                  string            `json:"resourceName,omitempty"`
	AwsRegion                     string            `json:"awsRegion"`
	AvailabilityZone              string            `json:"availabilityZone,omitempty"`
	ResourceCreationTime          *time.Time        `json:"resourceCreationTime,omitempty"`
	Configuration                 string            `json:"configuration,omitempty"`
	SupplementaryConfiguration    map[string]string `json:"supplementaryConfiguration"`
	RecordingFrequency            string            `json:"recordingFrequency,omitempty"`
	ConfigurationItemDeliveryTime *time.Time        `json:"configurationItemDeliveryTime,omitempty"`
}

// item is one recorded configuration item.
type item struct {
	status    string
	capture   time.Time
	stateID   int64
	typ, id   string
	name, arn string
	created   time.Time
	d         *docState // nil for deletions
	tags      map[string]string
	rels      []bus.Relationship
	daily     bool // recorded by the DAILY tick, delivered at its capture time
	custom    bool
	supp      map[string]string
}

func deletedStatus(st string) bool { return st == ItemDeleted || st == ItemDeletedNotRecorded }

func (it *item) relationships() []Relationship {
	out := make([]Relationship, 0, len(it.rels))
	for _, r := range it.rels {
		out = append(out, Relationship{ResourceType: r.ResourceType, ResourceID: r.ResourceID, ResourceName: r.ResourceName, RelationshipName: r.RelationshipName})
	}
	return out
}

func copyTags(t map[string]string) map[string]string {
	out := make(map[string]string, len(t))
	for k, v := range t {
		out[k] = v
	}
	return out
}

func (it *item) supplementary() map[string]string {
	if it.supp == nil {
		return map[string]string{}
	}
	return copyTags(it.supp)
}

// api returns the API form of the item.
func (it *item) api(account, region string) ConfigurationItem {
	ci := ConfigurationItem{Version: CIVersion, AccountID: account, ConfigurationItemCaptureTime: it.capture, ConfigurationItemStatus: it.status,
		ConfigurationStateID: strconv.FormatInt(it.stateID, 10), Arn: it.arn, ResourceType: it.typ, ResourceID: it.id,
		ResourceName: it.name, AwsRegion: region, Tags: copyTags(it.tags), RelatedEvents: []string{}, Relationships: it.relationships(),
		SupplementaryConfiguration: it.supplementary()}
	if it.d != nil {
		ci.Configuration = string(it.d.json())
		ci.AvailabilityZone = availabilityZone(it.typ)
		ci.ResourceCreationTime = tp(it.created)
	}
	if it.daily {
		ci.RecordingFrequency = Daily
		ci.ConfigurationItemDeliveryTime = tp(it.capture)
	}
	return ci
}

// base returns the BatchGetResourceConfig form of the item.
func (it *item) base(account, region string) BaseConfigurationItem {
	a := it.api(account, region)
	return BaseConfigurationItem{Version: a.Version, AccountID: a.AccountID, ConfigurationItemCaptureTime: a.ConfigurationItemCaptureTime,
		ConfigurationItemStatus: a.ConfigurationItemStatus, ConfigurationStateID: a.ConfigurationStateID, Arn: a.Arn, ResourceType: a.ResourceType,
		ResourceID: a.ResourceID, ResourceName: a.ResourceName, AwsRegion: a.AwsRegion, AvailabilityZone: a.AvailabilityZone,
		ResourceCreationTime: a.ResourceCreationTime, Configuration: a.Configuration, SupplementaryConfiguration: a.SupplementaryConfiguration,
		RecordingFrequency: a.RecordingFrequency, ConfigurationItemDeliveryTime: a.ConfigurationItemDeliveryTime}
}

// notificationRelationship is a relationship in the notification form ("name", not "relationshipName").
type notificationRelationship struct {
	ResourceID   *string `json:"resourceId"`
	ResourceName *string `json:"resourceName"`
	ResourceType string  `json:"resourceType"`
	Name         string  `json:"name"`
}

// notificationItem is the notification form of a configuration item, with the key order AWS uses.
type notificationItem struct {
	RelatedEvents                []string                   `json:"relatedEvents"`
	Relationships                []notificationRelationship `json:"relationships"`
	Configuration                json.RawMessage            `json:"configuration"`
	SupplementaryConfiguration   map[string]string          `json:"supplementaryConfiguration"`
	Tags                         map[string]string          `json:"tags"`
	ConfigurationItemVersion     string                     `json:"configurationItemVersion"`
	ConfigurationItemCaptureTime string                     `json:"configurationItemCaptureTime"`
	ConfigurationStateID         int64                      `json:"configurationStateId"`
	AwsAccountID                 string                     `json:"awsAccountId"`
	ConfigurationItemStatus      string                     `json:"configurationItemStatus"`
	ResourceType                 string                     `json:"resourceType"`
	ResourceID                   string                     `json:"resourceId"`
	ResourceName                 *string                    `json:"resourceName"`
	ARN                          *string                    `json:"ARN"`
	AwsRegion                    string                     `json:"awsRegion"`
	AvailabilityZone             *string                    `json:"availabilityZone"`
	ConfigurationStateMd5Hash    string                     `json:"configurationStateMd5Hash"`
	ResourceCreationTime         *string                    `json:"resourceCreationTime"`
}

// isoMillis formats t as AWS's notifications do: ISO 8601 UTC with milliseconds.
func isoMillis(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func strp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// notification returns the notification form of the item.
func (it *item) notification(account, region string) notificationItem {
	n := notificationItem{RelatedEvents: []string{}, Relationships: []notificationRelationship{}, Configuration: json.RawMessage("null"),
		SupplementaryConfiguration: it.supplementary(), Tags: copyTags(it.tags), ConfigurationItemVersion: CIVersion,
		ConfigurationItemCaptureTime: isoMillis(it.capture), ConfigurationStateID: it.stateID, AwsAccountID: account,
		ConfigurationItemStatus: it.status, ResourceType: it.typ, ResourceID: it.id, ARN: strp(it.arn), AwsRegion: region}
	for _, r := range it.rels {
		n.Relationships = append(n.Relationships, notificationRelationship{ResourceID: strp(r.ResourceID), ResourceName: strp(r.ResourceName),
			ResourceType: r.ResourceType, Name: r.RelationshipName})
	}
	if it.d != nil {
		n.Configuration = it.d.json()
		n.ResourceName = strp(it.name)
		n.AvailabilityZone = strp(availabilityZone(it.typ))
		if !it.created.IsZero() {
			c := isoMillis(it.created)
			n.ResourceCreationTime = &c
		}
	}
	return n
}
