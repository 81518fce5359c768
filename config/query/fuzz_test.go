package query

import (
	"testing"
)

// FuzzParse: Parse never panics; what it accepts has a canonical text that parses to the same
// canonical text and answers the same rows over the fixture; running any accepted query does not
// panic.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"SELECT resourceId WHERE resourceType='AWS::EC2::Instance'",
		"SELECT configuration.complianceType, COUNT(*) WHERE resourceType = 'AWS::Config::ResourceCompliance' GROUP BY configuration.complianceType",
		"SELECT *, tags WHERE NOT (resourceName LIKE 'abc%' OR resourceId IN ('a', 'b''c')) ORDER BY resourceId DESC, awsRegion",
		"SELECT resourceType, COUNT(*), AVG(configuration.threshold) GROUP BY resourceType ORDER BY COUNT(*) DESC",
		"SELECT resourceId WHERE configuration.threshold BETWEEN -1.5e2 AND 10 AND configurationItemCaptureTime >= '2026-01-01'",
		"select resourceId where resourceName not like 'dis_' and configuration.actionsEnabled = true",
		"SELECT resourceId FROM x",
		"SELECT COUNT(MAX(x))",
		"SELECT a WHERE b != 'c'",
		"SELECT\n\tresourceId\nWHERE\n\tresourceId = 'x'",
	} {
		f.Add(s)
	}
	items := world(f)
	set := NewSet()
	for i, it := range items {
		set.Put(string(rune('a'+i)), it)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		q, err := Parse(expr)
		if err != nil {
			return
		}
		rows := q.Rows(items)
		if _, err := q.Select(items, 3, ""); err != nil {
			t.Fatalf("%q: Select: %v", expr, err)
		}
		if setRows := set.Rows(q); len(setRows) != len(rows) {
			t.Fatalf("%q: %d rows over the Set, %d over the items", expr, len(setRows), len(rows))
		} else {
			for i := range rows {
				if setRows[i] != rows[i] {
					t.Fatalf("%q: row %d over the Set %s, over the items %s", expr, i, setRows[i], rows[i])
				}
			}
		}
		canon := q.String()
		q2, err := Parse(canon)
		if err != nil {
			t.Fatalf("%q: canonical %q does not parse: %v", expr, canon, err)
		}
		if q2.String() != canon {
			t.Fatalf("%q: canonical %q reparses as %q", expr, canon, q2.String())
		}
		rows2 := q2.Rows(items)
		if len(rows) != len(rows2) {
			t.Fatalf("%q: canonical %q answers %d rows, want %d", expr, canon, len(rows2), len(rows))
		}
		for i := range rows {
			if rows[i] != rows2[i] {
				t.Fatalf("%q: canonical %q row %d: %s, want %s", expr, canon, i, rows2[i], rows[i])
			}
		}
	})
}
