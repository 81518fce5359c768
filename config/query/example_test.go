package query_test

import (
	"encoding/json"
	"fmt"

	"github.com/watchsim/watchsim/config/query"
)

// The service keeps one Set of the current CIs and answers SelectResourceConfig from it.
func Example() {
	set := query.NewSet()
	for _, ci := range []string{
		`{"resourceType":"AWS::CloudWatch::Alarm","resourceId":"cpu-high","configurationItemStatus":"OK",
		  "configuration":"{\"alarmName\":\"cpu-high\",\"actionsEnabled\":false}","tags":{}}`,
		`{"resourceType":"AWS::CloudWatch::Alarm","resourceId":"orders-5xx","configurationItemStatus":"OK",
		  "configuration":"{\"alarmName\":\"orders-5xx\",\"actionsEnabled\":true}","tags":{"team":"orders"}}`,
	} {
		var m map[string]any
		if err := json.Unmarshal([]byte(ci), &m); err != nil {
			panic(err)
		}
		key := m["resourceType"].(string) + "/" + m["resourceId"].(string)
		if doc, ok := query.Visible(m); ok {
			set.Put(key, doc)
		} else {
			set.Delete(key)
		}
	}
	q, err := query.Parse("SELECT resourceId, configuration.actionsEnabled WHERE configuration.actionsEnabled = false")
	if err != nil {
		panic(err)
	}
	page, err := set.Select(q, 0, "")
	if err != nil {
		panic(err)
	}
	fmt.Println(q.SelectFields())
	fmt.Println(page.Results, page.NextToken == "")

	_, err = query.Parse("SELECT resourceId WHERE resourceName LIKE 'or%'")
	fmt.Println(err)
	// Output:
	// [resourceId configuration.actionsEnabled]
	// [{"resourceId":"cpu-high","configuration":{"actionsEnabled":false}}] true
	// InvalidExpressionException: wildcard matches must be at least three characters long: 'or%'
}
