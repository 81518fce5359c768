package conformance

import (
	"github.com/watchsim/watchsim/internal/awserr"
)

// Names of packs and of the rules a pack deploys. AWS deploys each rule of a pack under the name
// "<ConfigRuleName>-conformance-pack-<id>", where "conformance-pack-<id>" is the pack's
// ConformancePackId, and owns it by the service principal config-conforms.amazonaws.com ("Viewing
// Compliance History Timeline for Conformance Packs",
// https://docs.aws.amazon.com/config/latest/developerguide/compliance-history-conformance-pack.html).

// ServicePrincipal owns the rules a conformance pack deploys.
const ServicePrincipal = "config-conforms.amazonaws.com"

// ValidateName checks a ConformancePackName: 1–256 characters matching [a-zA-Z][-a-zA-Z0-9]*.
// The error is a ValidationException with AWS's message.
func ValidateName(name string) error {
	if v, bad := awserr.LengthViolation(name, "conformancePackName", 1, MaxPackNameLength); bad {
		return awserr.ClientError(CodeValidation, awserr.ValidationMessage(v))
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '-')) {
			return awserr.Validation(CodeValidation, name, "conformancePackName", "Member must satisfy regular expression pattern: "+PackNamePattern)
		}
	}
	return nil
}

// PackID is the ConformancePackId of the pack whose random part is suffix:
// "conformance-pack-<suffix>".
func PackID(suffix string) string { return "conformance-pack-" + suffix }

// DeployedRuleName is the name AWS gives the rule ruleName of the pack whose random part is
// suffix: "<ruleName>-conformance-pack-<suffix>".
func DeployedRuleName(ruleName, suffix string) string { return ruleName + "-" + PackID(suffix) }

// Deployed returns a copy of the pack with every rule, and every remediation's rule, renamed by
// [DeployedRuleName]. It refuses a deployed name over the 128 characters of ConfigRuleName with a
// ConformancePackTemplateValidationException.
func (p *Pack) Deployed(suffix string) (*Pack, error) {
	out := &Pack{Description: p.Description, Parameters: append([]Parameter(nil), p.Parameters...)}
	for _, r := range p.Rules {
		r.ConfigRuleName = DeployedRuleName(r.ConfigRuleName, suffix)
		if length(r.ConfigRuleName) > 128 {
			return nil, templateErr("Properties validation failed for resource " + r.LogicalID +
				" with message: #/ConfigRuleName: the deployed name " + r.ConfigRuleName + " is longer than 128 characters")
		}
		if r.Scope != nil {
			sc := *r.Scope
			sc.ComplianceResourceTypes = append([]string(nil), sc.ComplianceResourceTypes...)
			r.Scope = &sc
		}
		r.Source.SourceDetails = append([]SourceDetail(nil), r.Source.SourceDetails...)
		if d := r.Source.CustomPolicyDetails; d != nil {
			c := *d
			r.Source.CustomPolicyDetails = &c
		}
		r.EvaluationModes = append([]string(nil), r.EvaluationModes...)
		out.Rules = append(out.Rules, r)
	}
	for _, m := range p.Remediations {
		m.ConfigRuleName = DeployedRuleName(m.ConfigRuleName, suffix)
		if m.Parameters != nil {
			ps := make(map[string]RemediationParameterValue, len(m.Parameters))
			for k, v := range m.Parameters {
				if v.StaticValues != nil {
					v.StaticValues = append([]string{}, v.StaticValues...)
				}
				ps[k] = v
			}
			m.Parameters = ps
		}
		if c := m.ExecutionControls; c != nil {
			cc := *c
			m.ExecutionControls = &cc
		}
		out.Remediations = append(out.Remediations, m)
	}
	return out, nil
}
