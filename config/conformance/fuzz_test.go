package conformance

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/watchsim/watchsim/internal/awserr"
)

// FuzzParse: no template panics; every error is an AWS error or a NotSimulated one; every accepted
// pack holds rules and remediations that validate, with unique names, InputParameters that are a
// JSON object of strings or string structures, and deployed names that follow AWS's form.
func FuzzParse(f *testing.F) {
	f.Add(CloudWatchPackTemplate, "CloudwatchAlarmActionCheckParamOkActionRequired", "")
	f.Add(oneRule(src), "", "")
	f.Add(withRemediation(remOK+"      Parameters: {P: {ResourceValue: {Value: RESOURCE_ID}}}\n"), "", "")
	f.Add(`{"Parameters": {"P": {"Type": "String", "Default": "x"}}, "Conditions": {"C": {"Fn::Equals": [{"Ref": "P"}, "x"]}},
	  "Resources": {"R": {"Type": "AWS::Config::ConfigRule", "Condition": "C", "Properties": {"ConfigRuleName": {"Fn::Sub": "r-${P}"},
	  "InputParameters": {"a": {"Fn::Join": ["", ["b", {"Ref": "P"}]]}}, "Source": {"Owner": "AWS", "SourceIdentifier": "X"}}}}}`, "P", "y")
	f.Add("Conditions:\n  A: !Not [!Equals ['', !Ref P]]\nParameters: {P: {Type: CommaDelimitedList, Default: 'a,b'}}\n"+oneRule("      Scope: {ComplianceResourceTypes: !If [A, !Ref P, !Ref AWS::NoValue]}\n"+src), "P", "")
	f.Fuzz(func(t *testing.T, body, name, value string) {
		var inputs []InputParameter
		if name != "" {
			inputs = []InputParameter{{name, value}}
		}
		p, err := Env{AccountID: "123456789012", Region: "us-east-1", Partition: "aws"}.Parse(body, inputs)
		if err != nil {
			var ae *awserr.Error
			if !errors.As(err, &ae) && !awserr.IsNotSimulated(err) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		names := map[string]bool{}
		for _, r := range p.Rules {
			if err := r.Validate(); err != nil {
				t.Fatalf("accepted rule %s does not validate: %v", r.LogicalID, err)
			}
			if names[r.ConfigRuleName] {
				t.Fatalf("two rules named %s", r.ConfigRuleName)
			}
			names[r.ConfigRuleName] = true
			if r.InputParameters != "" {
				var m map[string]any
				if err := json.Unmarshal([]byte(r.InputParameters), &m); err != nil || m == nil {
					t.Fatalf("InputParameters %q: %v", r.InputParameters, err)
				}
				if !stringsOnly(m) {
					t.Fatalf("InputParameters %q hold a non-string scalar", r.InputParameters)
				}
			}
		}
		for _, m := range p.Remediations {
			if err := m.Validate(); err != nil {
				t.Fatalf("accepted remediation %s does not validate: %v", m.LogicalID, err)
			}
			if !names[m.ConfigRuleName] {
				t.Fatalf("remediation %s for the rule %s outside the pack", m.LogicalID, m.ConfigRuleName)
			}
		}
		d, err := p.Deployed("abcdef123")
		if err != nil {
			return
		}
		for i, r := range d.Rules {
			if r.ConfigRuleName != DeployedRuleName(p.Rules[i].ConfigRuleName, "abcdef123") || r.Validate() != nil {
				t.Fatalf("deployed rule %+v", r)
			}
		}
	})
}

func stringsOnly(v any) bool {
	switch x := v.(type) {
	case string:
		return true
	case []any:
		for _, e := range x {
			if !stringsOnly(e) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, e := range x {
			if !stringsOnly(e) {
				return false
			}
		}
		return true
	}
	return false
}
