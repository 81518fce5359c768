package config_test

import (
	"encoding/json"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config"
)

func publish(e *env, typ, id, arn string, conf any, tags map[string]string) {
	bus.Publish(ctx, e.b, bus.ResourceChanges(), bus.ResourceChange{ChangeType: bus.ResourceCreated, ResourceType: typ, ResourceID: id, ResourceName: id,
		ARN: arn, Time: e.b.Now(), Tags: tags, Configuration: conf})
}

// queryWorld is the fixture of the spec's worked advanced-query examples.
func queryWorld(t *testing.T) *env {
	e := newEnv(t, config.WithEvaluationDelay(0))
	e.record(t, nil)
	for _, a := range []struct {
		name    string
		enabled bool
		tags    map[string]string
	}{{"orders-5xx", true, map[string]string{"team": "orders"}}, {"cpu-high", false, nil}, {"disk-low", true, map[string]string{"team": "infra"}}} {
		c := alarmConf(a.name, nil, nil, nil)
		c["ActionsEnabled"] = a.enabled
		e.change(bus.ResourceCreated, config.TypeAlarm, a.name, c, a.tags)
	}
	tr := func(name string, multi, validation bool) map[string]any {
		return map[string]any{"Name": name, "S3BucketName": "logs", "IsMultiRegionTrail": multi, "LogFileValidationEnabled": validation,
			"TrailARN": "arn:aws:cloudtrail:us-east-1:123456789012:trail/" + name, "HomeRegion": "us-east-1"}
	}
	publish(e, config.TypeTrail, "org-audit", "arn:aws:cloudtrail:us-east-1:123456789012:trail/org-audit", tr("org-audit", true, true), nil)
	publish(e, config.TypeTrail, "dev", "arn:aws:cloudtrail:us-east-1:123456789012:trail/dev", tr("dev", false, false), nil)
	for _, b := range []string{"default", "orders-bus"} {
		publish(e, config.TypeEventBus, b, "arn:aws:events:us-east-1:123456789012:event-bus/"+b, map[string]any{"Name": b, "Arn": "arn:aws:events:us-east-1:123456789012:event-bus/" + b}, nil)
	}
	publish(e, config.TypeEventRule, "ship", "arn:aws:events:us-east-1:123456789012:rule/orders-bus/ship", map[string]any{"Name": "ship", "EventBusName": "orders-bus", "State": "ENABLED"}, nil)
	publish(e, config.TypeEventRule, "nightly", "arn:aws:events:us-east-1:123456789012:rule/nightly", map[string]any{"Name": "nightly", "EventBusName": "default", "State": "DISABLED", "ScheduleExpression": "rate(1 day)"}, nil)
	publish(e, "AWS::Logs::LogGroup", "/app", "arn:aws:logs:us-east-1:123456789012:log-group:/app", map[string]any{"logGroupName": "/app"}, nil)
	get(e.s.PutConfigRule(ctx, managedRule("actions-enabled", "CLOUDWATCH_ALARM_ACTION_ENABLED_CHECK", "")))(t)
	get(e.s.PutConfigRule(ctx, managedRule("trail-validation", "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", "")))(t)
	e.advance(t, time.Minute)
	return e
}

func rows(t *testing.T, results []string) []map[string]any {
	var out []map[string]any
	for _, r := range results {
		var m map[string]any
		if err := json.Unmarshal([]byte(r), &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

func TestSelectResourceConfigWorkedExamples(t *testing.T) {
	e := queryWorld(t)
	for i, tc := range []struct {
		expr   string
		want   string // JSON array of rows; "" for an error
		fields []string
		order  bool
	}{
		{"SELECT resourceId, configuration.actionsEnabled WHERE resourceType = 'AWS::CloudWatch::Alarm' AND configuration.actionsEnabled = false",
			`[{"resourceId":"cpu-high","configuration":{"actionsEnabled":false}}]`, []string{"resourceId", "configuration.actionsEnabled"}, false},
		{"SELECT resourceType, COUNT(*) WHERE resourceType LIKE 'AWS::Events::%' GROUP BY resourceType",
			`[{"COUNT(*)":2,"resourceType":"AWS::Events::EventBus"},{"COUNT(*)":2,"resourceType":"AWS::Events::Rule"}]`, nil, false},
		{"SELECT configuration.complianceType, COUNT(*) WHERE resourceType = 'AWS::Config::ResourceCompliance' GROUP BY configuration.complianceType",
			`[{"COUNT(*)":2,"configuration":{"complianceType":"NON_COMPLIANT"}},{"COUNT(*)":3,"configuration":{"complianceType":"COMPLIANT"}}]`, nil, false},
		{"SELECT resourceId WHERE resourceType = 'AWS::CloudTrail::Trail' AND configuration.isMultiRegionTrail = true AND configuration.logFileValidationEnabled = true",
			`[{"resourceId":"org-audit"}]`, nil, false},
		{"SELECT resourceId WHERE resourceType = 'AWS::CloudWatch::Alarm' AND tags.tag = 'team=orders'", `[{"resourceId":"orders-5xx"}]`, nil, false},
		{"SELECT resourceName, configuration.State WHERE resourceType = 'AWS::Events::Rule' AND NOT configuration.State = 'ENABLED'",
			`[{"resourceName":"nightly","configuration":{"State":"DISABLED"}}]`, nil, false},
		{"SELECT resourceId WHERE resourceType IN ('AWS::CloudWatch::Alarm','AWS::CloudTrail::Trail') AND resourceName LIKE 'org%'", `[{"resourceId":"org-audit"}]`, nil, false},
		{"SELECT COUNT(*) WHERE resourceType = 'AWS::CloudWatch::Alarm'", `[{"COUNT(*)":3}]`, nil, false},
		{"SELECT resourceId WHERE resourceType = 'AWS::Config::ResourceCompliance' AND relationships.resourceId = 'cpu-high'",
			`[{"resourceId":"AWS::CloudWatch::Alarm/cpu-high"}]`, nil, false},
		{"SELECT resourceId WHERE resourceName LIKE 'or%'", "", nil, false},
		{"SELECT resourceId FROM x", "", nil, false},
		{"SELECT DISTINCT resourceType", "", nil, false},
		{"SELECT resourceId WHERE resourceType = 'AWS::Logs::LogGroup'", `[]`, nil, false},
	} {
		out, err := e.s.SelectResourceConfig(ctx, &config.SelectResourceConfigInput{Expression: tc.expr})
		if tc.want == "" {
			wantCode(t, err, "InvalidExpressionException")
			continue
		}
		if err != nil {
			t.Errorf("%d: %v", i+1, err)
			continue
		}
		var want []map[string]any
		_ = json.Unmarshal([]byte(tc.want), &want)
		got := rows(t, out.Results)
		key := func(m map[string]any) string { b, _ := json.Marshal(m); return string(b) }
		sort.Slice(got, func(i, j int) bool { return key(got[i]) < key(got[j]) })
		sort.Slice(want, func(i, j int) bool { return key(want[i]) < key(want[j]) })
		if len(got) != len(want) || (len(want) > 0 && !reflect.DeepEqual(got, want)) {
			t.Errorf("%d: %s\n got %v\nwant %v", i+1, tc.expr, got, want)
		}
		if tc.fields != nil {
			var names []string
			for _, f := range out.QueryInfo.SelectFields {
				names = append(names, f.Name)
			}
			if !reflect.DeepEqual(names, tc.fields) {
				t.Errorf("%d: fields %v", i+1, names)
			}
		}
	}
	out := get(e.s.SelectResourceConfig(ctx, &config.SelectResourceConfigInput{Expression: "SELECT * WHERE resourceType = 'AWS::CloudTrail::Trail' ORDER BY resourceId DESC"}))(t)
	r := rows(t, out.Results)
	if len(r) != 2 || r[0]["resourceId"] != "org-audit" || r[0]["configuration"] != nil || r[0]["accountId"] != "123456789012" {
		t.Errorf("SELECT *: %v", out.Results)
	}
	// a change is seen by the next query
	e.change(bus.ResourceDeleted, config.TypeAlarm, "cpu-high", nil, nil)
	out = get(e.s.SelectResourceConfig(ctx, &config.SelectResourceConfigInput{Expression: "SELECT COUNT(*) WHERE resourceType = 'AWS::CloudWatch::Alarm'"}))(t)
	if out.Results[0] != `{"COUNT(*)":2}` {
		t.Errorf("after deletion: %v", out.Results)
	}
}

func TestStoredQueriesTagsCustomTypes(t *testing.T) {
	e := newEnv(t)
	e.record(t, nil)
	out := get(e.s.PutStoredQuery(ctx, &config.PutStoredQueryInput{StoredQuery: &config.StoredQuery{QueryName: "alarms", Expression: "SELECT resourceId WHERE resourceType = 'AWS::CloudWatch::Alarm'"},
		Tags: []config.Tag{{Key: "k", Value: "v"}}}))(t)
	_, err := e.s.PutStoredQuery(ctx, &config.PutStoredQueryInput{StoredQuery: &config.StoredQuery{QueryName: "bad", Expression: "SELECT FROM"}})
	wantCode(t, err, "InvalidExpressionException")
	_, err = e.s.PutStoredQuery(ctx, &config.PutStoredQueryInput{StoredQuery: &config.StoredQuery{QueryName: "bad name", Expression: "SELECT resourceId"}})
	wantCode(t, err, "ValidationException")
	g := get(e.s.GetStoredQuery(ctx, &config.GetStoredQueryInput{QueryName: "alarms"}))(t)
	if g.StoredQuery.QueryArn != out.QueryArn || g.StoredQuery.QueryID == "" {
		t.Fatalf("%+v", g)
	}
	l := get(e.s.ListStoredQueries(ctx, nil))(t)
	if len(l.StoredQueryMetadata) != 1 {
		t.Fatal(l)
	}
	tags := get(e.s.ListTagsForResource(ctx, &config.ListTagsForResourceInput{ResourceArn: out.QueryArn}))(t)
	if len(tags.Tags) != 1 {
		t.Fatal(tags)
	}
	h := get(e.s.ListDiscoveredResources(ctx, &config.ListDiscoveredResourcesInput{ResourceType: config.TypeStoredQuery}))(t)
	if len(h.ResourceIdentifiers) != 1 || h.ResourceIdentifiers[0].ResourceName != "alarms" {
		t.Fatalf("stored query not recorded: %+v", h)
	}
	get(e.s.DeleteStoredQuery(ctx, &config.DeleteStoredQueryInput{QueryName: "alarms"}))(t)
	_, err = e.s.GetStoredQuery(ctx, &config.GetStoredQueryInput{QueryName: "alarms"})
	wantCode(t, err, "ResourceNotFoundException")
	_, err = e.s.TagResource(ctx, &config.TagResourceInput{ResourceArn: out.QueryArn, Tags: []config.Tag{{Key: "a", Value: "b"}}})
	wantCode(t, err, "ResourceNotFoundException")
	rec := get(e.s.DescribeConfigurationRecorders(ctx, nil))(t).ConfigurationRecorders[0]
	get(e.s.TagResource(ctx, &config.TagResourceInput{ResourceArn: rec.Arn, Tags: []config.Tag{{Key: "a", Value: "b"}}}))(t)
	get(e.s.UntagResource(ctx, &config.UntagResourceInput{ResourceArn: rec.Arn, TagKeys: []string{"a"}}))(t)
	lr := get(e.s.ListConfigurationRecorders(ctx, nil))(t)
	if len(lr.ConfigurationRecorderSummaries) != 1 || lr.ConfigurationRecorderSummaries[0].Arn != rec.Arn {
		t.Fatal(lr)
	}

	// third-party types
	_, err = e.s.PutResourceConfig(ctx, &config.PutResourceConfigInput{ResourceType: "MyCorp::Svc::Thing", SchemaVersionID: "00000001", ResourceID: "t1", Configuration: `{"a":1}`})
	wantCode(t, err, "ValidationException")
	if err := e.s.RegisterResourceType("MyCorp::Svc::Thing", "00000001"); err != nil {
		t.Fatal(err)
	}
	if err := e.s.RegisterResourceType("AWS::Svc::Thing", "1"); err == nil {
		t.Error("AWS:: registered")
	}
	get(e.s.PutResourceConfig(ctx, &config.PutResourceConfigInput{ResourceType: "MyCorp::Svc::Thing", SchemaVersionID: "00000001", ResourceID: "t1", Configuration: `{"a":1}`}))(t)
	get(e.s.PutResourceConfig(ctx, &config.PutResourceConfigInput{ResourceType: "MyCorp::Svc::Thing", SchemaVersionID: "00000001", ResourceID: "t1", Configuration: `{"a":1}`}))(t)
	get(e.s.PutResourceConfig(ctx, &config.PutResourceConfigInput{ResourceType: "MyCorp::Svc::Thing", SchemaVersionID: "00000001", ResourceID: "t1", Configuration: `{"a":2}`}))(t)
	get(e.s.DeleteResourceConfig(ctx, &config.DeleteResourceConfigInput{ResourceType: "MyCorp::Svc::Thing", ResourceID: "t1"}))(t)
	ch := get(e.s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: "MyCorp::Svc::Thing", ResourceID: "t1", ChronologicalOrder: "Forward"}))(t)
	if len(ch.ConfigurationItems) != 3 || ch.ConfigurationItems[0].ConfigurationItemStatus != config.ItemDiscovered || ch.ConfigurationItems[1].Configuration != `{"a":2}` ||
		ch.ConfigurationItems[2].ConfigurationItemStatus != config.ItemDeleted {
		t.Fatalf("custom history: %+v", ch)
	}
	get(e.s.StopConfigurationRecorder(ctx, &config.StopConfigurationRecorderInput{ConfigurationRecorderName: "default"}))(t)
	_, err = e.s.PutResourceConfig(ctx, &config.PutResourceConfigInput{ResourceType: "MyCorp::Svc::Thing", SchemaVersionID: "00000001", ResourceID: "t2", Configuration: `{}`})
	wantCode(t, err, "NoRunningConfigurationRecorderException")
}
