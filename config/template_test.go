package config

import "testing"

// FuzzTemplate: the template reader never panics, and what it accepts has only the two resource
// types and resolved properties (no intrinsic function left).
func FuzzTemplate(f *testing.F) {
	f.Add(cloudWatchPackTemplate)
	f.Add("Parameters:\n  P: {Type: String, Default: x}\nConditions:\n  C: !Equals [!Ref P, x]\nResources:\n  R:\n    Type: AWS::Config::ConfigRule\n    Condition: C\n    Properties:\n      ConfigRuleName: !If [C, a, !Ref AWS::NoValue]\n")
	f.Add("Conditions:\n  A: !Condition B\n  B: !Condition A\nResources:\n  R:\n    Type: AWS::Config::ConfigRule\n    Condition: A\n    Properties: {}\n")
	f.Fuzz(func(t *testing.T, body string) {
		res, err := parseTemplate(body, nil, "123456789012", "us-east-1", "aws")
		if err != nil {
			return
		}
		for _, r := range res {
			if r.typ != "AWS::Config::ConfigRule" && r.typ != "AWS::Config::RemediationConfiguration" {
				t.Fatalf("resource type %s accepted", r.typ)
			}
			var walk func(v any)
			walk = func(v any) {
				switch x := v.(type) {
				case map[string]any:
					for k, val := range x {
						if k == "Ref" || k == "Fn::If" {
							t.Fatalf("unresolved %s in %v", k, r.props)
						}
						walk(val)
					}
				case []any:
					for _, val := range x {
						walk(val)
					}
				case noValue:
					t.Fatalf("AWS::NoValue left in %v", r.props)
				}
			}
			walk(r.props)
		}
	})
}
