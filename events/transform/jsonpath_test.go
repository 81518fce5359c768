package transform

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParsePath: the JSONPath subset EventBridge documents.
func TestParsePath(t *testing.T) {
	cases := []struct {
		text       string
		want       []step
		never      bool
		indefinite bool
	}{
		{"$", nil, false, false},
		{"$.detail", []step{{kind: stepName, name: "detail"}}, false, false},
		{"$.detail.instance-id", []step{{kind: stepName, name: "detail"}, {kind: stepName, name: "instance-id"}}, false, false},
		{"$.a/b.c_d", []step{{kind: stepName, name: "a/b"}, {kind: stepName, name: "c_d"}}, false, false},
		{"$.resources[0]", []step{{kind: stepName, name: "resources"}, {kind: stepIndex, index: 0}}, false, false},
		{`$['x y']["z"]`, []step{{kind: stepName, name: "x y"}, {kind: stepName, name: "z"}}, false, false},
		{`$['it\'s']`, []step{{kind: stepName, name: "it's"}}, false, false},
		{"$.a.*", []step{{kind: stepName, name: "a"}, {kind: stepAnyName}}, false, true},
		{"$.a[*].b", []step{{kind: stepName, name: "a"}, {kind: stepAnyIndex}, {kind: stepName, name: "b"}}, false, true},
		{"detail.x", nil, true, false},
		{"", nil, true, false},
		{"$.", nil, true, false},
		{"$[x]", nil, true, false},
		{"$['a'", nil, true, false},
		{"$[99999999999999999999]", nil, true, false},
	}
	for _, tc := range cases {
		p, err := parsePath(tc.text)
		if err != nil {
			t.Fatalf("%q: %v", tc.text, err)
		}
		if p.never != tc.never || p.indefinite() != tc.indefinite {
			t.Errorf("%q: never %v indefinite %v", tc.text, p.never, p.indefinite())
		}
		if !tc.never {
			if d := cmp.Diff(tc.want, p.steps, cmp.AllowUnexported(step{})); d != "" {
				t.Errorf("%q: steps (-want +got):\n%s", tc.text, d)
			}
		}
	}
}
