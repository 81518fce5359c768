package conformance

import (
	"errors"
	"strconv"
)

// Remediations of a template: the properties of AWS::Config::RemediationConfiguration
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-config-remediationconfiguration.html)
// in the shape of the API's RemediationConfiguration
// (https://docs.aws.amazon.com/config/latest/APIReference/API_RemediationConfiguration.html).

// Remediation is one AWS::Config::RemediationConfiguration of a template.
type Remediation struct {
	LogicalID string
	// ConfigRuleName is the name of a rule of the same pack, as the template gives it (a literal
	// or a Ref to the rule's resource); [Pack.Deployed] renames it with the rules.
	ConfigRuleName string
	TargetType     string
	TargetID       string
	TargetVersion  string
	Parameters     map[string]RemediationParameterValue
	ResourceType   string
	Automatic      bool
	// ExecutionControls is nil when the template gives none.
	ExecutionControls *SsmControls
	// MaximumAutomaticAttempts and RetryAttemptSeconds are 0 when the template leaves AWS's
	// defaults (5 and 60).
	MaximumAutomaticAttempts int32
	RetryAttemptSeconds      int64
}

// RemediationParameterValue is a resource value ("RESOURCE_ID") or static values.
type RemediationParameterValue struct {
	ResourceValue string   // "RESOURCE_ID", or "" for a static value
	StaticValues  []string // nil for a resource value
}

// SsmControls is ExecutionControls.SsmControls; 0 leaves AWS's default (10 and 50).
type SsmControls struct {
	ConcurrentExecutionRatePercentage int32
	ErrorPercentage                   int32
}

func (p props) integer(k string, lo, hi int64) (int64, error) {
	s, err := p.str(k, false)
	if err != nil || s == "" {
		return 0, err
	}
	v, perr := strconv.ParseInt(s, 10, 64)
	if perr != nil {
		return 0, p.err(k, "expected type: Integer, found: String")
	}
	if v < lo || v > hi {
		return 0, p.err(k, s+" is not within "+strconv.FormatInt(lo, 10)+" to "+strconv.FormatInt(hi, 10))
	}
	return v, nil
}

func (r *resolver) remediation(id string, raw *node) (*Remediation, error) {
	p, err := r.properties(id, raw, "ConfigRuleName", "ConfigRuleName", "TargetType", "TargetId", "TargetVersion", "Parameters",
		"ResourceType", "Automatic", "ExecutionControls", "MaximumAutomaticAttempts", "RetryAttemptSeconds")
	if err != nil {
		return nil, err
	}
	rem := &Remediation{LogicalID: id}
	if rem.ConfigRuleName, err = p.str("ConfigRuleName", true); err != nil {
		return nil, err
	}
	if rem.TargetType, err = p.str("TargetType", true); err != nil {
		return nil, err
	}
	if rem.TargetID, err = p.str("TargetId", true); err != nil {
		return nil, err
	}
	if rem.TargetVersion, err = p.str("TargetVersion", false); err != nil {
		return nil, err
	}
	if rem.ResourceType, err = p.str("ResourceType", false); err != nil {
		return nil, err
	}
	if rem.Automatic, err = p.boolean("Automatic"); err != nil {
		return nil, err
	}
	n, err := p.integer("MaximumAutomaticAttempts", 1, 25)
	if err != nil {
		return nil, err
	}
	rem.MaximumAutomaticAttempts = int32(n)
	if rem.RetryAttemptSeconds, err = p.integer("RetryAttemptSeconds", 1, 2678000); err != nil {
		return nil, err
	}
	if ec, ok, err := p.obj("ExecutionControls"); err != nil {
		return nil, err
	} else if ok {
		if err := ec.only("SsmControls"); err != nil {
			return nil, err
		}
		ssm, ok, err := ec.obj("SsmControls")
		if err != nil {
			return nil, err
		}
		c := &SsmControls{}
		if ok {
			if err := ssm.only("ConcurrentExecutionRatePercentage", "ErrorPercentage"); err != nil {
				return nil, err
			}
			a, err := ssm.integer("ConcurrentExecutionRatePercentage", 1, 100)
			if err != nil {
				return nil, err
			}
			b, err := ssm.integer("ErrorPercentage", 1, 100)
			if err != nil {
				return nil, err
			}
			c.ConcurrentExecutionRatePercentage, c.ErrorPercentage = int32(a), int32(b)
		}
		rem.ExecutionControls = c
	}
	if ps, ok, err := p.obj("Parameters"); err != nil {
		return nil, err
	} else if ok {
		rem.Parameters = map[string]RemediationParameterValue{}
		for _, name := range ps.n.keys {
			pv, ok, err := ps.obj(name)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			if err := pv.only("ResourceValue", "StaticValue"); err != nil {
				return nil, err
			}
			var val RemediationParameterValue
			if rv, ok, err := pv.obj("ResourceValue"); err != nil {
				return nil, err
			} else if ok {
				if err := rv.only("Value"); err != nil {
					return nil, err
				}
				if val.ResourceValue, err = rv.str("Value", true); err != nil {
					return nil, err
				}
			}
			if sv, ok, err := pv.obj("StaticValue"); err != nil {
				return nil, err
			} else if ok {
				if err := sv.only("Values"); err != nil {
					return nil, err
				}
				if val.StaticValues, err = sv.strs("Values"); err != nil {
					return nil, err
				}
				if val.StaticValues == nil {
					val.StaticValues = []string{}
				}
			}
			rem.Parameters[name] = val
		}
	}
	if err := rem.Validate(); err != nil {
		return nil, templateErr("Properties validation failed for resource " + id + " with message: " + err.Error())
	}
	return rem, nil
}

// Validate checks the remediation's shape against the API's RemediationConfiguration: a rule
// name of 1–128 characters, TargetType SSM_DOCUMENT, a TargetId of 1–256 characters, at most 25
// parameters, each exactly one of a resource value RESOURCE_ID or at most 25 static values, the
// attempt and retry bounds.
func (r *Remediation) Validate() error {
	if n := length(r.ConfigRuleName); n < 1 || n > 128 {
		return errors.New("#/ConfigRuleName: expected 1 to 128 characters")
	}
	if r.TargetType != "SSM_DOCUMENT" {
		return errors.New("#/TargetType: " + r.TargetType + " is not a valid enum value")
	}
	if n := length(r.TargetID); n < 1 || n > 256 {
		return errors.New("#/TargetId: expected 1 to 256 characters")
	}
	if length(r.ResourceType) > 256 {
		return errors.New("#/ResourceType: expected maxLength: 256")
	}
	if len(r.Parameters) > 25 {
		return errors.New("#/Parameters: expected at most 25 parameters")
	}
	for name, v := range r.Parameters {
		switch {
		case v.ResourceValue != "" && v.StaticValues != nil, v.ResourceValue == "" && v.StaticValues == nil:
			return errors.New("#/Parameters/" + name + ": exactly one of ResourceValue and StaticValue is required")
		case v.ResourceValue != "" && v.ResourceValue != "RESOURCE_ID":
			return errors.New("#/Parameters/" + name + "/ResourceValue/Value: " + v.ResourceValue + " is not a valid enum value")
		case len(v.StaticValues) > 25:
			return errors.New("#/Parameters/" + name + "/StaticValue/Values: expected maximum item count: 25")
		}
	}
	if r.MaximumAutomaticAttempts < 0 || r.MaximumAutomaticAttempts > 25 {
		return errors.New("#/MaximumAutomaticAttempts: expected 1 to 25")
	}
	if r.RetryAttemptSeconds < 0 || r.RetryAttemptSeconds > 2678000 {
		return errors.New("#/RetryAttemptSeconds: expected 1 to 2678000")
	}
	if c := r.ExecutionControls; c != nil && (c.ConcurrentExecutionRatePercentage < 0 || c.ConcurrentExecutionRatePercentage > 100 ||
		c.ErrorPercentage < 0 || c.ErrorPercentage > 100) {
		return errors.New("#/ExecutionControls/SsmControls: percentages are 1 to 100")
	}
	return nil
}
