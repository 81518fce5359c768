package conformance

import (
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"
)

// Rules of a template: the properties of AWS::Config::ConfigRule
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-config-configrule.html)
// in the shape of the API's ConfigRule
// (https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigRule.html), so that the
// service passes them to its own PutConfigRule.

// Rule owners.
const (
	OwnerAWS          = "AWS"
	OwnerCustomLambda = "CUSTOM_LAMBDA"
	OwnerCustomPolicy = "CUSTOM_POLICY"
)

// Rule is one AWS::Config::ConfigRule of a template.
type Rule struct {
	// LogicalID is the resource's key in the template's Resources section.
	LogicalID string
	// ConfigRuleName is the name in the template; [Pack.Deployed] gives the name AWS deploys.
	ConfigRuleName string
	Description    string
	// InputParameters is the JSON text AWS stores (keys sorted, every scalar a string), "" when
	// the template gives none.
	InputParameters           string
	MaximumExecutionFrequency string
	Scope                     *Scope
	Source                    Source
	// EvaluationModes are the modes ("DETECTIVE", "PROACTIVE") the template lists, if any.
	EvaluationModes []string
}

// Scope is the API's Scope of a rule.
type Scope struct {
	ComplianceResourceTypes []string
	ComplianceResourceID    string
	TagKey                  string
	TagValue                string
}

// Source is the API's Source of a rule.
type Source struct {
	Owner               string
	SourceIdentifier    string
	SourceDetails       []SourceDetail
	CustomPolicyDetails *CustomPolicyDetails
}

// SourceDetail is one trigger of a custom rule.
type SourceDetail struct {
	EventSource               string
	MessageType               string
	MaximumExecutionFrequency string
}

// CustomPolicyDetails is the Guard policy of a CUSTOM_POLICY rule.
type CustomPolicyDetails struct {
	PolicyRuntime          string
	PolicyText             string
	EnableDebugLogDelivery bool
}

// props reads one resource's resolved properties, checking each against the resource schema.
type props struct {
	id   string
	path string
	n    *node
}

func (p props) err(member, msg string) error {
	return templateErr("Properties validation failed for resource " + p.id + " with message: #" + p.path + "/" + member + ": " + msg)
}

// only refuses properties outside the allowed set.
func (p props) only(allowed ...string) error {
	for _, k := range p.n.keys {
		ok := false
		for _, a := range allowed {
			ok = ok || a == k
		}
		if !ok {
			return templateErr("Properties validation failed for resource " + p.id + " with message: #" + p.path + ": extraneous key [" + k + "] is not permitted")
		}
	}
	return nil
}

func (p props) str(k string, required bool) (string, error) {
	v := p.n.get(k)
	if v == nil {
		if required {
			return "", p.err(k, "required key ["+k+"] not found")
		}
		return "", nil
	}
	if v.kind != kindScalar {
		return "", p.err(k, "expected type: String")
	}
	return v.str, nil
}

func (p props) strs(k string) ([]string, error) {
	v := p.n.get(k)
	if v == nil {
		return nil, nil
	}
	if v.kind == kindScalar { // CloudFormation accepts a single string for a list of strings
		return []string{v.str}, nil
	}
	if v.kind != kindList {
		return nil, p.err(k, "expected type: JSONArray")
	}
	out := make([]string, 0, len(v.list))
	for _, x := range v.list {
		if x.kind != kindScalar {
			return nil, p.err(k, "expected type: String")
		}
		out = append(out, x.str)
	}
	return out, nil
}

func (p props) obj(k string) (props, bool, error) {
	v := p.n.get(k)
	if v == nil {
		return props{}, false, nil
	}
	if v.kind != kindMap {
		return props{}, false, p.err(k, "expected type: JSONObject")
	}
	return props{id: p.id, path: p.path + "/" + k, n: v}, true, nil
}

func (p props) boolean(k string) (bool, error) {
	s, err := p.str(k, false)
	switch {
	case err != nil:
		return false, err
	case s == "" || strings.EqualFold(s, "false"):
		return false, nil
	case strings.EqualFold(s, "true"):
		return true, nil
	}
	return false, p.err(k, "expected type: Boolean, found: String")
}

// properties resolves the Properties of resource id: an object with only the allowed keys; an
// absent Properties reports required as missing, as CloudFormation's schema check does.
func (r *resolver) properties(id string, raw *node, required string, allowed ...string) (props, error) {
	if raw == nil {
		return props{}, templateErr("Properties validation failed for resource " + id + " with message: #: required key [" + required + "] not found")
	}
	v, err := r.resolve(raw, "/Resources/"+id+"/Properties", 0)
	if err != nil {
		return props{}, err
	}
	if v.kind != kindMap {
		return props{}, templateErr("Properties validation failed for resource " + id + " with message: #: expected type: JSONObject")
	}
	p := props{id: id, n: v}
	return p, p.only(allowed...)
}

func (r *resolver) rule(id string, raw *node) (*Rule, error) {
	p, err := r.properties(id, raw, "Source", "ConfigRuleName", "Description", "InputParameters", "MaximumExecutionFrequency",
		"Scope", "Source", "EvaluationModes", "Compliance")
	if err != nil {
		return nil, err
	}
	v := p.n
	if v.get("Compliance") != nil {
		return nil, notSimulated("the Compliance property of AWS::Config::ConfigRule (resource " + id + ")")
	}
	rule := &Rule{LogicalID: id}
	if v.get("ConfigRuleName") == nil {
		return nil, notSimulated("an AWS::Config::ConfigRule without ConfigRuleName (a generated name; resource " + id + ")")
	}
	if rule.ConfigRuleName, err = p.str("ConfigRuleName", true); err != nil {
		return nil, err
	}
	if rule.Description, err = p.str("Description", false); err != nil {
		return nil, err
	}
	if rule.MaximumExecutionFrequency, err = p.str("MaximumExecutionFrequency", false); err != nil {
		return nil, err
	}
	if ip := v.get("InputParameters"); ip != nil {
		switch ip.kind {
		case kindMap:
			rule.InputParameters = ip.jsonText()
		case kindScalar: // a JSON document given as a string
			doc, err := readJSON(ip.str)
			if err != nil || doc.kind != kindMap {
				return nil, p.err("InputParameters", "expected type: JSONObject")
			}
			if doc, err = r.resolve(doc, "/Resources/"+id+"/Properties/InputParameters", 0); err != nil {
				return nil, err
			}
			rule.InputParameters = doc.jsonText()
		default:
			return nil, p.err("InputParameters", "expected type: JSONObject")
		}
	}
	if sc, ok, err := p.obj("Scope"); err != nil {
		return nil, err
	} else if ok {
		if err := sc.only("ComplianceResourceTypes", "ComplianceResourceId", "TagKey", "TagValue"); err != nil {
			return nil, err
		}
		s := &Scope{}
		if s.ComplianceResourceTypes, err = sc.strs("ComplianceResourceTypes"); err != nil {
			return nil, err
		}
		if s.ComplianceResourceID, err = sc.str("ComplianceResourceId", false); err != nil {
			return nil, err
		}
		if s.TagKey, err = sc.str("TagKey", false); err != nil {
			return nil, err
		}
		if s.TagValue, err = sc.str("TagValue", false); err != nil {
			return nil, err
		}
		rule.Scope = s
	}
	src, ok, err := p.obj("Source")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, p.err("Source", "required key [Source] not found")
	}
	if err := src.only("Owner", "SourceIdentifier", "SourceDetails", "CustomPolicyDetails"); err != nil {
		return nil, err
	}
	if rule.Source.Owner, err = src.str("Owner", true); err != nil {
		return nil, err
	}
	if rule.Source.SourceIdentifier, err = src.str("SourceIdentifier", false); err != nil {
		return nil, err
	}
	if sd := v.get("Source").get("SourceDetails"); sd != nil {
		if sd.kind != kindList {
			return nil, src.err("SourceDetails", "expected type: JSONArray")
		}
		for i, d := range sd.list {
			dp := props{id: id, path: src.path + "/SourceDetails/" + itoa(i), n: d}
			if d.kind != kindMap {
				return nil, src.err("SourceDetails/"+itoa(i), "expected type: JSONObject")
			}
			if err := dp.only("EventSource", "MessageType", "MaximumExecutionFrequency"); err != nil {
				return nil, err
			}
			var det SourceDetail
			if det.EventSource, err = dp.str("EventSource", true); err != nil {
				return nil, err
			}
			if det.MessageType, err = dp.str("MessageType", true); err != nil {
				return nil, err
			}
			if det.MaximumExecutionFrequency, err = dp.str("MaximumExecutionFrequency", false); err != nil {
				return nil, err
			}
			rule.Source.SourceDetails = append(rule.Source.SourceDetails, det)
		}
	}
	if cp, ok, err := src.obj("CustomPolicyDetails"); err != nil {
		return nil, err
	} else if ok {
		if err := cp.only("PolicyRuntime", "PolicyText", "EnableDebugLogDelivery"); err != nil {
			return nil, err
		}
		d := &CustomPolicyDetails{}
		if d.PolicyRuntime, err = cp.str("PolicyRuntime", true); err != nil {
			return nil, err
		}
		if d.PolicyText, err = cp.str("PolicyText", true); err != nil {
			return nil, err
		}
		if d.EnableDebugLogDelivery, err = cp.boolean("EnableDebugLogDelivery"); err != nil {
			return nil, err
		}
		rule.Source.CustomPolicyDetails = d
	}
	if em := v.get("EvaluationModes"); em != nil {
		if em.kind != kindList {
			return nil, p.err("EvaluationModes", "expected type: JSONArray")
		}
		for i, m := range em.list {
			mp := props{id: id, path: "/EvaluationModes/" + itoa(i), n: m}
			if m.kind != kindMap {
				return nil, p.err("EvaluationModes/"+itoa(i), "expected type: JSONObject")
			}
			if err := mp.only("Mode"); err != nil {
				return nil, err
			}
			mode, err := mp.str("Mode", true)
			if err != nil {
				return nil, err
			}
			rule.EvaluationModes = append(rule.EvaluationModes, mode)
		}
	}
	if err := rule.Validate(); err != nil {
		return nil, templateErr("Properties validation failed for resource " + id + " with message: " + err.Error())
	}
	return rule, nil
}

// Frequency reports whether f is a MaximumExecutionFrequency value.
func Frequency(f string) bool {
	switch f {
	case "One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours":
		return true
	}
	return false
}

func length(s string) int { return utf8.RuneCountInString(s) }

// Validate checks the rule's shape against the API's ConfigRule constraints: name 1–128
// characters with a non-space one, Description ≤ 256, InputParameters a JSON object of ≤ 1024
// characters, the frequency enum, Scope (≤ 100 types, a resource id with exactly one type, a tag
// value only with a key, tag and resource scopes exclusive), the Owner enum and the SourceDetails
// each owner allows, the Guard runtime pattern, the evaluation modes. It does not know which
// managed rules exist: that is the service's PutConfigRule.
func (r *Rule) Validate() error {
	switch n := length(r.ConfigRuleName); {
	case n < 1 || n > 128 || strings.TrimSpace(r.ConfigRuleName) == "":
		return errors.New("#/ConfigRuleName: expected 1 to 128 characters, not all spaces")
	}
	if length(r.Description) > 256 {
		return errors.New("#/Description: expected maxLength: 256")
	}
	if r.InputParameters != "" {
		var m map[string]any
		if length(r.InputParameters) > 1024 {
			return errors.New("#/InputParameters: the JSON text is longer than 1024 characters")
		}
		if json.Unmarshal([]byte(r.InputParameters), &m) != nil || m == nil {
			return errors.New("#/InputParameters: expected type: JSONObject")
		}
	}
	if f := r.MaximumExecutionFrequency; f != "" && !Frequency(f) {
		return errors.New("#/MaximumExecutionFrequency: " + f + " is not a valid enum value")
	}
	if s := r.Scope; s != nil {
		if len(s.ComplianceResourceTypes) > 100 {
			return errors.New("#/Scope/ComplianceResourceTypes: expected maximum item count: 100")
		}
		for _, t := range s.ComplianceResourceTypes {
			if n := length(t); n < 1 || n > 256 {
				return errors.New("#/Scope/ComplianceResourceTypes: expected 1 to 256 characters")
			}
		}
		if length(s.ComplianceResourceID) > 768 {
			return errors.New("#/Scope/ComplianceResourceId: expected maxLength: 768")
		}
		if s.ComplianceResourceID != "" && len(s.ComplianceResourceTypes) != 1 {
			return errors.New("#/Scope: a single resourceType should be provided when resourceId is provided in scope")
		}
		if length(s.TagKey) > 128 || length(s.TagValue) > 256 {
			return errors.New("#/Scope: TagKey is at most 128 characters and TagValue at most 256")
		}
		if s.TagValue != "" && s.TagKey == "" {
			return errors.New("#/Scope: tag key should not be empty when tag value is provided in scope")
		}
		if s.TagKey != "" && (s.ComplianceResourceID != "" || len(s.ComplianceResourceTypes) > 0) {
			return errors.New("#/Scope: scope cannot be applied to both resource and tag")
		}
	}
	if err := r.Source.validate(); err != nil {
		return err
	}
	for _, m := range r.EvaluationModes {
		if m != "DETECTIVE" && m != "PROACTIVE" {
			return errors.New("#/EvaluationModes: " + m + " is not a valid enum value")
		}
	}
	return nil
}

func (s *Source) validate() error {
	if length(s.SourceIdentifier) > 256 {
		return errors.New("#/Source/SourceIdentifier: expected maxLength: 256")
	}
	changeOnly := false
	switch s.Owner {
	case OwnerAWS:
		if s.SourceIdentifier == "" {
			return errors.New("#/Source/SourceIdentifier: required for owner AWS")
		}
		if len(s.SourceDetails) > 0 {
			return errors.New("#/Source: SourceDetails should be null/empty if the owner is AWS")
		}
	case OwnerCustomLambda:
		if s.SourceIdentifier == "" {
			return errors.New("#/Source/SourceIdentifier: required for owner CUSTOM_LAMBDA")
		}
		if n := len(s.SourceDetails); n < 1 || n > 25 {
			return errors.New("#/Source/SourceDetails: a CUSTOM_LAMBDA rule takes 1 to 25 SourceDetails")
		}
	case OwnerCustomPolicy:
		d := s.CustomPolicyDetails
		if d == nil {
			return errors.New("#/Source/CustomPolicyDetails: required for owner CUSTOM_POLICY")
		}
		if !guardRuntime(d.PolicyRuntime) {
			return errors.New("#/Source/CustomPolicyDetails/PolicyRuntime: must match guard\\-2\\.x\\.x")
		}
		if n := length(d.PolicyText); n > 10000 {
			return errors.New("#/Source/CustomPolicyDetails/PolicyText: expected maxLength: 10000")
		}
		changeOnly = true
	default:
		return errors.New("#/Source/Owner: " + s.Owner + " is not a valid enum value")
	}
	if s.CustomPolicyDetails != nil && s.Owner != OwnerCustomPolicy {
		return errors.New("#/Source/CustomPolicyDetails: only for owner CUSTOM_POLICY")
	}
	for _, d := range s.SourceDetails {
		if d.EventSource != "aws.config" {
			return errors.New("#/Source/SourceDetails/EventSource: " + d.EventSource + " is not a valid enum value")
		}
		switch d.MessageType {
		case "ConfigurationItemChangeNotification", "OversizedConfigurationItemChangeNotification":
			if d.MaximumExecutionFrequency != "" {
				return errors.New("#/Source/SourceDetails: a maximum execution frequency is not allowed if MessageType is ConfigurationItemChangeNotification or OversizedConfigurationItemChangeNotification")
			}
		case "ScheduledNotification", "ConfigurationSnapshotDeliveryCompleted":
			if changeOnly {
				return errors.New("#/Source/SourceDetails/MessageType: a CUSTOM_POLICY rule takes only configuration change message types")
			}
		default:
			return errors.New("#/Source/SourceDetails/MessageType: " + d.MessageType + " is not a valid enum value")
		}
		if f := d.MaximumExecutionFrequency; f != "" && !Frequency(f) {
			return errors.New("#/Source/SourceDetails/MaximumExecutionFrequency: " + f + " is not a valid enum value")
		}
	}
	return nil
}

// guardRuntime matches the API's PolicyRuntime pattern guard\-2\.x\.x (one literal value).
func guardRuntime(s string) bool { return s == "guard-2.x.x" }
