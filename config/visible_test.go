package config

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config/query"
)

const isoLayout = "2006-01-02T15:04:05.000Z07:00"

// visibleSource is the API form of an item as the query engine takes it.
func visibleSource(s *Service, it *item) map[string]any {
	ci := it.api(s.b.Account(), s.b.Region())
	m := map[string]any{"version": ci.Version, "accountId": ci.AccountID, "configurationItemCaptureTime": ci.ConfigurationItemCaptureTime.Format(isoLayout),
		"configurationItemStatus": ci.ConfigurationItemStatus, "configurationStateId": ci.ConfigurationStateID, "arn": ci.Arn,
		"resourceType": ci.ResourceType, "resourceId": ci.ResourceID, "awsRegion": ci.AwsRegion}
	if ci.ResourceName != "" {
		m["resourceName"] = ci.ResourceName
	}
	if ci.AvailabilityZone != "" {
		m["availabilityZone"] = ci.AvailabilityZone
	}
	if ci.ResourceCreationTime != nil {
		m["resourceCreationTime"] = ci.ResourceCreationTime.Format(isoLayout)
	}
	if ci.RecordingFrequency != "" {
		m["recordingFrequency"] = ci.RecordingFrequency
		m["configurationItemDeliveryTime"] = ci.ConfigurationItemDeliveryTime.Format(isoLayout)
	}
	tags := map[string]any{}
	for k, v := range ci.Tags {
		tags[k] = v
	}
	m["tags"] = tags
	rels := make([]any, 0, len(ci.Relationships))
	for _, r := range ci.Relationships {
		rel := map[string]any{"resourceType": r.ResourceType, "relationshipName": r.RelationshipName}
		if r.ResourceID != "" {
			rel["resourceId"] = r.ResourceID
		}
		if r.ResourceName != "" {
			rel["resourceName"] = r.ResourceName
		}
		rels = append(rels, rel)
	}
	m["relationships"] = rels
	supp := map[string]any{}
	for k, v := range ci.SupplementaryConfiguration {
		supp[k] = v
	}
	m["supplementaryConfiguration"] = supp
	if it.custom {
		m["configuration"] = nil // third-party types: configuration is not queryable (DG querying-AWS-resources)
	} else {
		m["configuration"] = ci.Configuration
	}
	return m
}

// TestVisibleDocAgrees: the directly built query-visible item equals query.Visible of the API form.
func TestVisibleDocAgrees(t *testing.T) {
	b := bus.MustNew()
	defer b.Close()
	s, err := New(b, WithEvaluationDelay(0))
	if err != nil {
		t.Fatal(err)
	}
	_ = s.RegisterResourceType("MyCorp::Svc::Thing", "1")
	now := time.Date(2026, 1, 1, 0, 0, 1, 500e6, time.UTC)
	items := []*item{
		{status: ItemDiscovered, capture: now, stateID: 1, typ: TypeAlarm, id: "a", name: "a", arn: "arn:x", created: now,
			d: newDocState(TypeAlarm, map[string]any{"AlarmName": "a", "ActionsEnabled": true, "Threshold": 1.5}), tags: map[string]string{"b": "2", "a": "1"}},
		{status: ItemOK, capture: now, stateID: 2, typ: TypeTrail, id: "t", created: now, d: newDocState(TypeTrail, map[string]any{"Name": "t"}),
			supp: map[string]string{"Tags": "[]", "Odd": "not json"}, daily: true},
		{status: ItemOK, capture: now, stateID: 3, typ: TypeResourceCompliance, id: "AWS::CloudWatch::Alarm/a",
			rels: []bus.Relationship{{ResourceType: TypeAlarm, ResourceID: "a", RelationshipName: "Is associated with "}},
			d:    newDocState(TypeResourceCompliance, map[string]any{"complianceType": "COMPLIANT"})},
		{status: ItemDiscovered, capture: now, stateID: 4, typ: "MyCorp::Svc::Thing", id: "x", d: newDocState("MyCorp::Svc::Thing", []byte(`{"a":1}`)), custom: true},
	}
	for _, it := range items {
		want, ok := query.Visible(visibleSource(s, it))
		if !ok {
			t.Fatalf("%s not visible", it.id)
		}
		if got := s.visibleDoc(it); !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %#v\nwant %#v", it.id, got, want)
		}
		checkItemDoc(t, s, it)
	}
}

// checkItemDoc: what the query Set reads of an item through itemDoc.Leaves is what it would read
// in its whole query-visible form, at every path.
func checkItemDoc(t *testing.T, s *Service, it *item) {
	t.Helper()
	doc := itemDoc{s, it}
	m := doc.Map()
	paths := [][]string{{}, {"nope"}, {"resourceName"}, {"availabilityZone"}, {"resourceCreationTime"}, {"recordingFrequency"},
		{"configurationItemDeliveryTime"}, {"configuration"}, {"resourceId", "x"}, {"tags", "key"}, {"tags", "value"}, {"tags", "tag"}, {"tags", "tag", "x"},
		{"relationships", "resourceId"}, {"relationships", "resourceType"}, {"relationships", "relationshipName"},
		{"relationships", "resourceName"}, {"supplementaryConfiguration", "Tags"}, {"supplementaryConfiguration", "Odd"},
		{"configuration", "complianceType"}, {"configuration", "a"}, {"configuration", "alarmName"}, {"configuration", "name"},
		{"configuration", "threshold"}, {"configuration", "nope"}, {"configuration", "alarmActions"}, {"configuration"}}
	for k := range m {
		paths = append(paths, []string{k})
	}
	for _, p := range paths {
		if got, want := doc.Leaves(nil, p), query.Leaves(nil, m, p); !reflect.DeepEqual(got, want) {
			t.Errorf("%s %v: Leaves %#v, the map's %#v", it.id, p, got, want)
		}
		if len(p) == 1 {
			got, ok := doc.Member(p[0])
			want, wok := m[p[0]]
			if ok != wok || !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s: Member %#v %v, the map's %#v %v", it.id, p[0], got, ok, want, wok)
			}
		}
	}
}

// TestShedRebuilds: a state that is no longer current drops its decoded and rendered forms and
// rebuilds the same ones on demand.
func TestShedRebuilds(t *testing.T) {
	d := newDocState(TypeAlarm, map[string]any{"AlarmName": "a", "ActionsEnabled": true, "Threshold": 1.5,
		"AlarmActions": []string{"arn:aws:sns:us-east-1:123456789012:ops"}})
	out, m := string(d.json()), fmt.Sprint(d.mapValue())
	doc := *d.value().(*AlarmDocument)
	d.shed()
	if d.c != nil {
		t.Fatalf("shed kept %+v", d)
	}
	if got := string(d.json()); got != out {
		t.Fatalf("json after shed %s, want %s", got, out)
	}
	if got := fmt.Sprint(d.mapValue()); got != m {
		t.Fatalf("mapValue after shed %s, want %s", got, m)
	}
	if got := *d.value().(*AlarmDocument); !reflect.DeepEqual(got, doc) {
		t.Fatalf("value after shed %+v, want %+v", got, doc)
	}
}

// TestShedOnlyReplacedStates: a change sheds the state it replaces, and only it; republishing the
// same configuration keeps the current state (shared with the current item) as it is.
func TestShedOnlyReplacedStates(t *testing.T) {
	b := bus.MustNew()
	defer b.Close()
	s, err := New(b)
	if err != nil {
		t.Fatal(err)
	}
	publish := func(threshold float64) {
		bus.Publish(context.Background(), b, bus.ResourceChanges(), bus.ResourceChange{ChangeType: bus.ResourceUpdated,
			ResourceType: TypeAlarm, ResourceID: "a", ResourceName: "a", Time: b.Now(),
			Configuration: map[string]any{"AlarmName": "a", "Threshold": threshold}})
	}
	publish(1)
	var first *docState
	var firstJSON string
	b.Locked(func() { first = s.res[resKey{TypeAlarm, "a"}].cur; first.value(); firstJSON = string(first.full()) })
	publish(1) // the same configuration
	b.Locked(func() {
		if cur := s.res[resKey{TypeAlarm, "a"}].cur; cur != first || first.c == nil || !first.c.decoded {
			t.Error("republishing the same configuration replaced or shed the current state")
		}
	})
	publish(2)
	b.Locked(func() {
		if cur := s.res[resKey{TypeAlarm, "a"}].cur; cur == first || first.c != nil || string(first.full()) != firstJSON {
			t.Error("a change did not shed the state it replaced (or lost its JSON)")
		} else if first.next != cur || len(first.src) != 1 {
			t.Errorf("the replaced state is not kept as a one-byte delta against the new one: %q", first.src)
		}
	})
}
