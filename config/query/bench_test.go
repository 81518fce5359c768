package query

import (
	"fmt"
	"strconv"
	"sync"
	"testing"

	"github.com/watchsim/watchsim/internal/cputime"
)

// The benchmarks run over 100,000 current CIs in the query-visible form (as encoding/json decodes
// them: float64 numbers, map[string]any objects): 40 % alarms, 20 % trails, 20 % rules, 10 % buses,
// 10 % ResourceCompliance items. The figures in docs/bench/configquery.md use
//
//	go test ./config/query/ -run XXX -bench . -benchmem -count 3

const benchItems = 100_000

var (
	benchOnce sync.Once
	benchSet  []map[string]any
)

func benchWorld() []map[string]any {
	benchOnce.Do(func() {
		benchSet = make([]map[string]any, benchItems)
		for i := range benchSet {
			benchSet[i] = benchItem(i)
		}
	})
	return benchSet
}

func benchItem(i int) map[string]any {
	base := map[string]any{
		"version":                      "1.3",
		"accountId":                    "111122223333",
		"awsRegion":                    "eu-west-1",
		"configurationItemCaptureTime": fmt.Sprintf("2026-01-%02dT%02d:%02d:00.000Z", 1+i%28, i/60%24, i%60),
		"configurationItemStatus":      "OK",
		"configurationStateId":         fmt.Sprint(1767225600000 + i),
		"relationships":                []any{},
		"supplementaryConfiguration":   map[string]any{},
	}
	var tags []any
	if i%3 == 0 {
		team := []string{"orders", "infra", "payments"}[i%9/3]
		tags = append(tags, map[string]any{"key": "team", "value": team, "tag": "team=" + team})
	}
	base["tags"] = append([]any{}, tags...)
	name := fmt.Sprintf("res-%06d", i)
	switch k := i % 10; {
	case k < 4:
		base["resourceType"] = "AWS::CloudWatch::Alarm"
		base["availabilityZone"] = "Not Applicable"
		base["arn"] = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:" + name
		actions := []any{}
		if i%7 != 0 {
			actions = append(actions, "arn:aws:sns:eu-west-1:111122223333:pager")
		}
		base["configuration"] = map[string]any{
			"alarmName": name, "actionsEnabled": i%7 != 0, "okactions": []any{}, "alarmActions": actions,
			"insufficientDataActions": []any{}, "metricName": "CPUUtilization", "namespace": "AWS/EC2",
			"dimensions": []any{map[string]any{"name": "InstanceId", "value": fmt.Sprintf("i-%08x", i)}},
			"period":     float64(60 * (1 + i%5)), "evaluationPeriods": float64(1 + i%3), "threshold": float64(i % 100),
			"comparisonOperator": "GreaterThanThreshold", "statistic": "Average",
		}
	case k < 6:
		base["resourceType"] = "AWS::CloudTrail::Trail"
		base["availabilityZone"] = "Regional"
		base["arn"] = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/" + name
		base["configuration"] = map[string]any{"name": name, "s3BucketName": "audit-" + name,
			"isMultiRegionTrail": i%2 == 0, "logFileValidationEnabled": i%4 == 0, "homeRegion": "eu-west-1"}
	case k < 8:
		base["resourceType"] = "AWS::Events::Rule"
		base["availabilityZone"] = "Regional"
		base["arn"] = "arn:aws:events:eu-west-1:111122223333:rule/" + name
		state := "ENABLED"
		if i%5 == 0 {
			state = "DISABLED"
		}
		base["configuration"] = map[string]any{"Name": name, "EventBusName": "default", "State": state,
			"Targets": []any{map[string]any{"Id": "t", "Arn": "arn:aws:sqs:eu-west-1:111122223333:q"}}}
	case k < 9:
		base["resourceType"] = "AWS::Events::EventBus"
		base["availabilityZone"] = "Regional"
		base["arn"] = "arn:aws:events:eu-west-1:111122223333:event-bus/" + name
		base["configuration"] = map[string]any{"Name": name, "Arn": base["arn"]}
	default:
		base["resourceType"] = "AWS::Config::ResourceCompliance"
		base["availabilityZone"] = "Not Applicable"
		ct := "COMPLIANT"
		if i%4 == 1 {
			ct = "NON_COMPLIANT"
		}
		base["configuration"] = map[string]any{"complianceType": ct,
			"configRuleList": []any{map[string]any{"configRuleName": "r", "complianceType": ct}}}
	}
	base["resourceId"], base["resourceName"] = name, name
	return base
}

var (
	benchSetOnce sync.Once
	benchSetVal  *Set
)

// benchSetOf returns the benchmark items in a Set.
func benchSetOf() *Set {
	benchSetOnce.Do(func() {
		benchSetVal = NewSet()
		for i, d := range benchWorld() {
			benchSetVal.Put(fmt.Sprint(i), d)
		}
	})
	return benchSetVal
}

// benchSelect measures one SelectResourceConfig page over the item slice ("maps": every query walks
// the maps) and over a Set whose columns the first query built ("set").
func benchSelect(b *testing.B, expr string, limit int32) {
	q, err := Parse(expr)
	if err != nil {
		b.Fatal(err)
	}
	items := benchWorld()
	set := benchSetOf()
	for _, c := range []struct {
		name string
		run  func() (*Page, error)
	}{
		{"maps", func() (*Page, error) { return q.Select(items, limit, "") }},
		{"set", func() (*Page, error) { return set.Select(q, limit, "") }},
	} {
		b.Run(c.name, func(b *testing.B) {
			p, err := c.run()
			if err != nil {
				b.Fatal(err)
			}
			rows := len(p.Results)
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cputime.Process()
			for b.Loop() {
				if _, err := c.run(); err != nil {
					b.Fatal(err)
				}
			}
			if cpu := cputime.Process() - cpu0; cpu > 0 {
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/1e6, "cpu-ms/op")
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
}

// Replacing one item of a 100,000-item Set whose columns for 8 properties are built (no query
// follows: the columns are brought up to date by the next query).
func BenchmarkSetPut(b *testing.B) {
	set := NewSet()
	items := benchWorld()
	keys := make([]string, len(items))
	for i, d := range items {
		keys[i] = strconv.Itoa(i)
		set.Put(keys[i], d)
	}
	q, err := Parse("SELECT resourceId, configuration.State WHERE resourceType = 'AWS::Events::Rule' AND configuration.threshold > 3 AND tags.tag = 'team=infra' GROUP BY resourceId, configuration.State ORDER BY resourceId")
	if err != nil {
		b.Fatal(err)
	}
	set.Count(q)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		set.Put(keys[i%len(items)], items[(i+7)%len(items)])
		i++
	}
}

// 1,000 replaced items, then a query: the query brings its two columns up to date for the changed
// positions (the cost recording leaves to the next query).
func BenchmarkSetQueryAfter1000Puts(b *testing.B) {
	set := NewSet()
	items := benchWorld()
	keys := make([]string, len(items))
	for i, d := range items {
		keys[i] = strconv.Itoa(i)
		set.Put(keys[i], d)
	}
	q, err := Parse("SELECT resourceType, COUNT(*) WHERE configuration.actionsEnabled = false GROUP BY resourceType")
	if err != nil {
		b.Fatal(err)
	}
	set.Count(q)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for range 1000 {
			set.Put(keys[n%len(keys)], items[(n*7)%len(items)])
			n++
		}
		set.Count(q)
	}
}

// The first query over a fresh Set builds its columns: the cost of a cold query.
func BenchmarkSetColdQuery100k(b *testing.B) {
	items := benchWorld()
	q, err := Parse("SELECT resourceType, COUNT(*) WHERE configuration.actionsEnabled = false GROUP BY resourceType")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		set := NewSet()
		for i, d := range items {
			set.Put(strconv.Itoa(i), d)
		}
		b.StartTimer()
		set.Count(q)
	}
}

// A WHERE on a configuration field that matches 0.4 % of the 100,000 items: the whole set is
// scanned for the first page of 100 rows.
func BenchmarkWhereConfigField100k(b *testing.B) {
	benchSelect(b, "SELECT resourceId, configuration.threshold WHERE resourceType = 'AWS::CloudWatch::Alarm' AND configuration.threshold = 42 AND configuration.actionsEnabled = false", 100)
}

// The same with a WHERE that matches nothing: a pure scan.
func BenchmarkWhereNoMatch100k(b *testing.B) {
	benchSelect(b, "SELECT resourceId WHERE configuration.State = 'PAUSED'", 100)
}

// A broad WHERE, first page only: the scan stops after 101 matches.
func BenchmarkWhereFirstPage100k(b *testing.B) {
	benchSelect(b, "SELECT * WHERE configuration.actionsEnabled = true", 100)
}

// A date comparison: configurationItemCaptureTime compares as an instant.
func BenchmarkWhereDate100k(b *testing.B) {
	benchSelect(b, "SELECT resourceId WHERE configurationItemCaptureTime BETWEEN '2026-01-28T23:00:00Z' AND '2026-01-28T23:59:00Z'", 100)
}

// ORDER BY over every item: 100,000 sort keys, then one page.
func BenchmarkOrderBy100k(b *testing.B) {
	benchSelect(b, "SELECT resourceId, configurationItemCaptureTime ORDER BY configurationItemCaptureTime DESC, resourceId", 100)
}

// GROUP BY resourceType with COUNT(*) over every item.
func BenchmarkGroupByResourceType100k(b *testing.B) {
	benchSelect(b, "SELECT resourceType, COUNT(*) GROUP BY resourceType", 0)
}

// GROUP BY a configuration field with several aggregates, filtered.
func BenchmarkGroupByConfigField100k(b *testing.B) {
	benchSelect(b, "SELECT configuration.period, COUNT(*), AVG(configuration.threshold), MAX(resourceName) WHERE resourceType = 'AWS::CloudWatch::Alarm' GROUP BY configuration.period ORDER BY COUNT(*) DESC", 0)
}

// GROUP BY an array property (tags.tag) across all types.
func BenchmarkGroupByTags100k(b *testing.B) {
	benchSelect(b, "SELECT tags.tag, COUNT(*) GROUP BY tags.tag", 0)
}

// Parsing a typical expression.
func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("SELECT resourceId, configuration.threshold WHERE resourceType = 'AWS::CloudWatch::Alarm' AND (configuration.threshold BETWEEN 10 AND 90 OR NOT resourceName LIKE 'res-00%') ORDER BY resourceId DESC"); err != nil {
			b.Fatal(err)
		}
	}
}
