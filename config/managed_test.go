package config

import (
	"slices"
	"testing"
	"time"
)

func alarmItem(d AlarmDocument) *item {
	return &item{typ: TypeAlarm, id: d.AlarmName, status: ItemOK, d: &docState{typ: TypeAlarm, c: &docCache{parsed: &d, decoded: true}}}
}

func f64(v float64) *float64 { return &v }

const topicA, topicB = "arn:aws:sns:us-east-1:123456789012:a", "arn:aws:sns:us-east-1:123456789012:b"

// TestAlarmActionCheckTable is the decision table of CLOUDWATCH_ALARM_ACTION_CHECK.
func TestAlarmActionCheckTable(t *testing.T) {
	m := lookupManaged("CLOUDWATCH_ALARM_ACTION_CHECK")
	for _, tc := range []struct {
		name                    string
		params                  map[string]string
		alarm, insufficient, ok []string
		enabled                 bool
		want                    string
	}{
		{"no actions, defaults", nil, nil, nil, nil, true, NonCompliant},
		{"alarm action only, defaults (insufficient-data action required)", nil, []string{topicA}, nil, nil, true, NonCompliant},
		{"alarm and insufficient, defaults", nil, []string{topicA}, []string{topicA}, nil, true, Compliant},
		{"alarm and insufficient, actions disabled (not consulted)", nil, []string{topicA}, []string{topicA}, nil, false, Compliant},
		{"ok required, missing", map[string]string{"okActionRequired": "true"}, []string{topicA}, []string{topicA}, nil, true, NonCompliant},
		{"ok required, present", map[string]string{"okActionRequired": "true"}, []string{topicA}, []string{topicA}, []string{topicA}, true, Compliant},
		{"nothing required", map[string]string{"alarmActionRequired": "false", "insufficientDataActionRequired": "false"}, nil, nil, nil, true, Compliant},
		{"action1 matches", map[string]string{"action1": topicA}, []string{topicA}, []string{topicA}, nil, true, Compliant},
		{"action2 matches the ok list", map[string]string{"alarmActionRequired": "false", "insufficientDataActionRequired": "false", "action2": topicB}, nil, nil, []string{topicB}, true, Compliant},
		{"actionN given, none matches", map[string]string{"action1": topicB}, []string{topicA}, []string{topicA}, nil, true, NonCompliant},
		{"True in another case", map[string]string{"alarmActionRequired": "TRUE", "insufficientDataActionRequired": "false"}, nil, nil, nil, true, NonCompliant},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it := alarmItem(AlarmDocument{AlarmName: "a", ActionsEnabled: tc.enabled, AlarmActions: tc.alarm, InsufficientDataActions: tc.insufficient, OKActions: tc.ok})
			got, _ := m.change(m.withDefaults(tc.params), it)
			if got != tc.want {
				t.Fatalf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestAlarmRulesTables(t *testing.T) {
	enabled := lookupManaged("CLOUDWATCH_ALARM_ACTION_ENABLED_CHECK")
	desc := lookupManaged("CLOUDWATCH_ALARM_DESCRIPTION")
	for _, tc := range []struct {
		d               AlarmDocument
		wantEn, wantDes string
	}{
		{AlarmDocument{ActionsEnabled: true, AlarmDescription: "x"}, Compliant, Compliant},
		{AlarmDocument{ActionsEnabled: false, AlarmDescription: " "}, NonCompliant, NonCompliant},
		{AlarmDocument{ActionsEnabled: true}, Compliant, NonCompliant},
	} {
		if got, _ := enabled.change(nil, alarmItem(tc.d)); got != tc.wantEn {
			t.Errorf("%+v: enabled check %s, want %s", tc.d, got, tc.wantEn)
		}
		if got, _ := desc.change(nil, alarmItem(tc.d)); got != tc.wantDes {
			t.Errorf("%+v: description check %s, want %s", tc.d, got, tc.wantDes)
		}
	}
	settings := lookupManaged("CLOUDWATCH_ALARM_SETTINGS_CHECK")
	base := AlarmDocument{MetricName: "CPUUtilization", Period: 300, Threshold: f64(80), EvaluationPeriods: 2, ComparisonOperator: "GreaterThanThreshold", Statistic: "Average"}
	for _, tc := range []struct {
		name   string
		params map[string]string
		mod    func(*AlarmDocument)
		want   string
	}{
		{"other metric", map[string]string{"metricName": "Errors"}, nil, NotApplicable},
		{"metric math (no metric name)", map[string]string{"metricName": "CPUUtilization"}, func(d *AlarmDocument) { d.MetricName = "" }, NotApplicable},
		{"defaults: period 300", map[string]string{"metricName": "CPUUtilization"}, nil, Compliant},
		{"period differs from the default", map[string]string{"metricName": "CPUUtilization"}, func(d *AlarmDocument) { d.Period = 60 }, NonCompliant},
		{"period given", map[string]string{"metricName": "CPUUtilization", "period": "60"}, func(d *AlarmDocument) { d.Period = 60 }, Compliant},
		{"threshold differs", map[string]string{"metricName": "CPUUtilization", "threshold": "90"}, nil, NonCompliant},
		{"threshold equal", map[string]string{"metricName": "CPUUtilization", "threshold": "80"}, nil, Compliant},
		{"evaluation periods differ", map[string]string{"metricName": "CPUUtilization", "evaluationPeriods": "3"}, nil, NonCompliant},
		{"operator differs", map[string]string{"metricName": "CPUUtilization", "comparisonOperator": "LessThanThreshold"}, nil, NonCompliant},
		{"statistic equal", map[string]string{"metricName": "CPUUtilization", "statistic": "Average"}, nil, Compliant},
		{"statistic differs", map[string]string{"metricName": "CPUUtilization", "statistic": "Maximum"}, nil, NonCompliant},
	} {
		d := base
		if tc.mod != nil {
			tc.mod(&d)
		}
		if got, _ := settings.change(settings.withDefaults(tc.params), alarmItem(d)); got != tc.want {
			t.Errorf("settings %s: %s, want %s", tc.name, got, tc.want)
		}
	}
	bus := lookupManaged("CUSTOM_EVENTBUS_POLICY_ATTACHED")
	for _, tc := range []struct {
		d    EventBusDocument
		want string
	}{
		{EventBusDocument{Name: "default"}, NotApplicable},
		{EventBusDocument{Name: "orders"}, NonCompliant},
		{EventBusDocument{Name: "orders", Policy: `{"Version":"2012-10-17"}`}, Compliant},
	} {
		d := tc.d
		if got, _ := bus.change(nil, &item{typ: TypeEventBus, d: &docState{typ: TypeEventBus, c: &docCache{parsed: &d, decoded: true}}}); got != tc.want {
			t.Errorf("bus %+v: %s, want %s", tc.d, got, tc.want)
		}
	}
}

func TestPeriodicRulesTables(t *testing.T) {
	i32 := func(v int32) *int32 { return &v }
	w := &worldView{account: "123456789012",
		trails: []trailState{
			{doc: &TrailDocument{Name: "a", IsMultiRegionTrail: true, LogFileValidationEnabled: true, KmsKeyID: "k", S3BucketName: "b1"}, logging: true},
			{doc: &TrailDocument{Name: "b", CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:g:*", S3BucketName: "b2"}, logging: false},
		},
		groups: []*LogGroupState{{LogGroupName: "app/one", RetentionInDays: i32(7)}, {LogGroupName: "app/two", KmsKeyID: "key1"}, {LogGroupName: "sys/x", RetentionInDays: i32(400), KmsKeyID: "key2"}},
	}
	results := func(id string, p map[string]string) map[string]string {
		m := lookupManaged(id)
		out := map[string]string{}
		for _, e := range m.scan(m.withDefaults(p), w) {
			out[e.id] = e.ctype
		}
		return out
	}
	check := func(name string, got, want map[string]string) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %v, want %v", name, got, want)
			return
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %v, want %v", name, got, want)
				return
			}
		}
	}
	check("validation", results("CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", nil), map[string]string{"a": Compliant, "b": NonCompliant})
	check("encryption", results("CLOUD_TRAIL_ENCRYPTION_ENABLED", nil), map[string]string{"a": Compliant, "b": NonCompliant})
	check("cwl", results("CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED", nil), map[string]string{"a": NonCompliant, "b": Compliant})
	check("enabled", results("CLOUD_TRAIL_ENABLED", nil), map[string]string{"123456789012": Compliant})
	check("enabled, bucket of the stopped trail", results("CLOUD_TRAIL_ENABLED", map[string]string{"s3BucketName": "b2"}), map[string]string{"123456789012": NonCompliant})
	check("multi-region", results("MULTI_REGION_CLOUD_TRAIL_ENABLED", nil), map[string]string{"123456789012": Compliant})
	check("multi-region, other bucket", results("MULTI_REGION_CLOUD_TRAIL_ENABLED", map[string]string{"s3BucketName": "b2"}), map[string]string{"123456789012": NonCompliant})
	check("log group encrypted", results("CLOUDWATCH_LOG_GROUP_ENCRYPTED", nil), map[string]string{"app/one": NonCompliant, "app/two": Compliant, "sys/x": Compliant})
	check("log group encrypted with key1", results("CLOUDWATCH_LOG_GROUP_ENCRYPTED", map[string]string{"KmsKeyId": "key1"}), map[string]string{"app/one": NonCompliant, "app/two": Compliant, "sys/x": NonCompliant})
	check("retention, default 365", results("CW_LOGGROUP_RETENTION_PERIOD_CHECK", nil), map[string]string{"app/one": NonCompliant, "app/two": Compliant, "sys/x": Compliant})
	check("retention 7, prefix app/", results("CW_LOGGROUP_RETENTION_PERIOD_CHECK", map[string]string{"MinRetentionTime": "7", "LogGroupNames": "app/"}), map[string]string{"app/one": Compliant, "app/two": Compliant})
	if msg := logGroupRetentionParams(map[string]string{"MinRetentionTime": "8"}); msg == "" {
		t.Error("MinRetentionTime 8 accepted")
	}
}

// TestRollUp: NOT_APPLICABLE ignored, NON_COMPLIANT wins, then COMPLIANT, else INSUFFICIENT_DATA.
func TestRollUp(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{nil, InsufficientData},
		{[]string{NotApplicable}, InsufficientData},
		{[]string{NotApplicable, Compliant}, Compliant},
		{[]string{Compliant, NonCompliant, NotApplicable}, NonCompliant},
		{[]string{NonCompliant}, NonCompliant},
	} {
		if got := rollUp(tc.in); got != tc.want {
			t.Errorf("rollUp(%v) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestRequiredTagsAndInstanceType: the decision tables of REQUIRED_TAGS and DESIRED_INSTANCE_TYPE
// (https://docs.aws.amazon.com/config/latest/developerguide/required-tags.html,
// https://docs.aws.amazon.com/config/latest/developerguide/desired-instance-type.html).
func TestRequiredTagsAndInstanceType(t *testing.T) {
	instance := func(typ string, tags map[string]string) *item {
		doc := map[string]any{"instanceId": "i-1"}
		if typ != "" {
			doc["instanceType"] = typ
		}
		return &item{typ: "AWS::EC2::Instance", tags: tags, d: &docState{typ: "AWS::EC2::Instance", c: &docCache{m: doc, mapped: true}}}
	}
	req := lookupManaged("REQUIRED_TAGS")
	for _, tc := range []struct {
		name   string
		params map[string]string
		tags   map[string]string
		want   string
	}{
		{"default key present", nil, map[string]string{"CostCenter": "42"}, Compliant},
		{"default key missing", nil, map[string]string{"Owner": "me"}, NonCompliant},
		{"no tags", nil, nil, NonCompliant},
		{"two keys", map[string]string{"tag1Key": "CostCenter", "tag2Key": "Owner"}, map[string]string{"CostCenter": "1", "Owner": "me"}, Compliant},
		{"second key missing", map[string]string{"tag1Key": "CostCenter", "tag2Key": "Owner"}, map[string]string{"CostCenter": "1"}, NonCompliant},
		{"value allowed", map[string]string{"tag1Key": "Env", "tag1Value": "prod, staging"}, map[string]string{"Env": "staging"}, Compliant},
		{"value not allowed", map[string]string{"tag1Key": "Env", "tag1Value": "prod,staging"}, map[string]string{"Env": "dev"}, NonCompliant},
		{"sixth key", map[string]string{"tag1Key": "A", "tag6Key": "F"}, map[string]string{"A": "", "F": "x"}, Compliant},
		{"sixth key missing", map[string]string{"tag1Key": "A", "tag6Key": "F"}, map[string]string{"A": ""}, NonCompliant},
	} {
		if got, _ := req.change(req.withDefaults(tc.params), instance("t3.micro", tc.tags)); got != tc.want {
			t.Errorf("REQUIRED_TAGS %s: %s, want %s", tc.name, got, tc.want)
		}
	}
	if slices.Contains(req.types, TypeAlarm) || !slices.Contains(req.types, "AWS::S3::Bucket") || len(req.types) != 30 {
		t.Errorf("REQUIRED_TAGS types: %v", req.types)
	}
	dit := lookupManaged("DESIRED_INSTANCE_TYPE")
	for _, tc := range []struct {
		list, typ, want string
	}{
		{"t3.micro", "t3.micro", Compliant},
		{"t2.small, t3.micro", "t3.micro", Compliant},
		{"t2.small,m5.large", "t3.micro", NonCompliant},
		{"t3.micro", "", NotApplicable},
	} {
		if got, _ := dit.change(map[string]string{"instanceType": tc.list}, instance(tc.typ, nil)); got != tc.want {
			t.Errorf("DESIRED_INSTANCE_TYPE %q on %q: %s, want %s", tc.list, tc.typ, got, tc.want)
		}
	}
}

// TestTaggedAndFlagRules: CLOUDWATCH_METRIC_STREAM_TAGGED, CLOUDTRAIL_EVENT_DATA_STORE_MULTI_REGION
// and GLOBAL_ENDPOINT_EVENT_REPLICATION_ENABLED against their pages' one-line decisions.
func TestTaggedAndFlagRules(t *testing.T) {
	res := func(typ string, doc map[string]any, tags map[string]string) *item {
		return &item{typ: typ, tags: tags, d: &docState{typ: typ, c: &docCache{m: doc, mapped: true}}}
	}
	tagged := lookupManaged("CLOUDWATCH_METRIC_STREAM_TAGGED")
	for _, tc := range []struct {
		name, keys string
		tags       map[string]string
		want       string
	}{
		{"no tags", "", nil, NonCompliant},
		{"only aws: tags", "", map[string]string{"aws:cloudformation:stack-name": "s"}, NonCompliant},
		{"a tag", "", map[string]string{"team": "obs"}, Compliant},
		{"required keys present", "team, env", map[string]string{"team": "obs", "env": "prod"}, Compliant},
		{"required key missing", "team,env", map[string]string{"team": "obs"}, NonCompliant},
		{"keys are case-sensitive", "Team", map[string]string{"team": "obs"}, NonCompliant},
	} {
		if got, _ := tagged.change(tagged.withDefaults(map[string]string{"requiredKeyTags": tc.keys}), res("AWS::CloudWatch::MetricStream", map[string]any{}, tc.tags)); got != tc.want {
			t.Errorf("CLOUDWATCH_METRIC_STREAM_TAGGED %s: %s, want %s", tc.name, got, tc.want)
		}
	}
	if tagged.check(map[string]string{"requiredKeyTags": "team,aws:x"}) == "" || tagged.check(map[string]string{"requiredKeyTags": "team"}) != "" {
		t.Error("requiredKeyTags with aws: keys must be an evaluation error, and only they")
	}
	eds := lookupManaged("CLOUDTRAIL_EVENT_DATA_STORE_MULTI_REGION")
	ep := lookupManaged("GLOBAL_ENDPOINT_EVENT_REPLICATION_ENABLED")
	for _, tc := range []struct {
		name string
		m    *managedRule
		doc  map[string]any
		want string
	}{
		{"store multi-Region", eds, map[string]any{"MultiRegionEnabled": true}, Compliant},
		{"store single-Region", eds, map[string]any{"MultiRegionEnabled": false}, NonCompliant},
		{"store default", eds, map[string]any{"Name": "s"}, Compliant},
		{"endpoint replicating", ep, map[string]any{"ReplicationConfig": map[string]any{"State": "ENABLED"}}, Compliant},
		{"endpoint not replicating", ep, map[string]any{"ReplicationConfig": map[string]any{"State": "DISABLED"}}, NonCompliant},
		{"endpoint default", ep, map[string]any{"Name": "e"}, Compliant},
	} {
		if got, _ := tc.m.change(nil, res(tc.m.types[0], tc.doc, nil)); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestCloudWatchLogsWindowTable: CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED's expectedDeliveryWindowAge
// against the trail's last CloudWatch Logs delivery.
func TestCloudWatchLogsWindowTable(t *testing.T) {
	now := time.Date(2026, 1, 2, 12, 0, 0, 0, time.UTC)
	group := "arn:aws:logs:us-east-1:123456789012:log-group:g:*"
	w := &worldView{now: now, account: "123456789012", trails: []trailState{
		{doc: &TrailDocument{Name: "fresh", CloudWatchLogsLogGroupArn: group}, cwlTime: now.Add(-59 * time.Minute)},
		{doc: &TrailDocument{Name: "stale", CloudWatchLogsLogGroupArn: group}, cwlTime: now.Add(-61 * time.Minute)},
		{doc: &TrailDocument{Name: "never", CloudWatchLogsLogGroupArn: group}},
		{doc: &TrailDocument{Name: "none"}},
	}}
	m := lookupManaged("CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED")
	for _, tc := range []struct {
		window string
		want   map[string]string
	}{
		{"", map[string]string{"fresh": Compliant, "stale": Compliant, "never": Compliant, "none": NonCompliant}},
		{"1", map[string]string{"fresh": Compliant, "stale": NonCompliant, "never": NonCompliant, "none": NonCompliant}},
		{"2", map[string]string{"fresh": Compliant, "stale": Compliant, "never": NonCompliant, "none": NonCompliant}},
	} {
		for _, e := range m.scan(m.withDefaults(map[string]string{"expectedDeliveryWindowAge": tc.window}), w) {
			if tc.want[e.id] != e.ctype {
				t.Errorf("window %q, trail %s: %s, want %s", tc.window, e.id, e.ctype, tc.want[e.id])
			}
		}
	}
}
