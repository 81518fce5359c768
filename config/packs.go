package config

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/config/conformance"
	"github.com/watchsim/watchsim/internal/awserr"
)

// Conformance packs (API reference: PutConformancePack,
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutConformancePack.html, and "Conformance
// Packs", https://docs.aws.amazon.com/config/latest/developerguide/conformance-packs.html). A pack's
// template, read by the pure package config/conformance, creates service-linked rules named <rule>-conformance-pack-<id>, owned by
// config-conforms.amazonaws.com, and remediation configurations; deployment and deletion complete
// at the next clock step [derived].

// Limits of conformance packs ("Service Limits",
// https://docs.aws.amazon.com/config/latest/developerguide/configlimits.html).
const (
	MaxConformancePacks = 50
	MaxPackRulesTotal   = 150
	packPrincipal       = conformance.ServicePrincipal
)

// CloudWatchPackDocument is the name of the SSM document that holds AWS's "Operational Best
// Practices for Amazon CloudWatch" sample conformance pack: PutConformancePack with
// TemplateSSMDocumentDetails{DocumentName: CloudWatchPackDocument} deploys it
// (https://docs.aws.amazon.com/config/latest/developerguide/operational-best-practices-for-amazon-cloudwatch.html).
// The template is config/conformance's.
const CloudWatchPackDocument = conformance.CloudWatchPackDocument

// Conformance pack states (ConformancePackState). A pack reads CREATE_IN_PROGRESS from
// PutConformancePack until the next clock step, then CREATE_COMPLETE or CREATE_FAILED; it reads
// DELETE_IN_PROGRESS from DeleteConformancePack until the next clock step, when it disappears.
// Meanwhile Put and Delete on it are ResourceInUseException.
const (
	PackCreateInProgress = "CREATE_IN_PROGRESS"
	PackCreateComplete   = "CREATE_COMPLETE"
	PackCreateFailed     = "CREATE_FAILED"
	PackDeleteInProgress = "DELETE_IN_PROGRESS"
)

// packBusy is ResourceInUseException for a pack whose deployment or deletion is under way.
func packBusy(p *pack) error {
	if p == nil || (p.state != PackCreateInProgress && p.state != PackDeleteInProgress) {
		return nil
	}
	return clientErrf(codeResourceInUse, "The conformance pack %s is currently being created, updated or deleted. Please retry after some time.", p.name)
}

// TemplateSSMDocumentDetails names an SSM document holding a template.
type TemplateSSMDocumentDetails struct {
	DocumentName    string `json:"DocumentName"`
	DocumentVersion string `json:"DocumentVersion,omitempty"`
}

// ConformancePackInputParameter is a template parameter value.
type ConformancePackInputParameter struct {
	ParameterName  string `json:"ParameterName"`
	ParameterValue string `json:"ParameterValue"`
}

// PutConformancePackInput is the input of PutConformancePack.
type PutConformancePackInput struct {
	ConformancePackName            string                          `json:"ConformancePackName"`
	TemplateS3URI                  string                          `json:"TemplateS3Uri,omitempty"`
	TemplateBody                   string                          `json:"TemplateBody,omitempty"`
	DeliveryS3Bucket               string                          `json:"DeliveryS3Bucket,omitempty"`
	DeliveryS3KeyPrefix            string                          `json:"DeliveryS3KeyPrefix,omitempty"`
	ConformancePackInputParameters []ConformancePackInputParameter `json:"ConformancePackInputParameters,omitempty"`
	TemplateSSMDocumentDetails     *TemplateSSMDocumentDetails     `json:"TemplateSSMDocumentDetails,omitempty"`
	Tags                           []Tag                           `json:"Tags,omitempty"`
}

// PutConformancePackOutput is the output of PutConformancePack.
type PutConformancePackOutput struct {
	ConformancePackArn string `json:"ConformancePackArn,omitempty"`
}

type pack struct {
	name, id, arn     string
	bucket, prefix    string
	params            []ConformancePackInputParameter
	ssm               *TemplateSSMDocumentDetails
	rules             []*rule
	remediated        []string // rule names with a remediation configuration from the template
	requested, update time.Time
	state, reason     string
}

func templateInvalid(msg string) error {
	return clientErr("ConformancePackTemplateValidationException", msg)
}

// packTemplate returns the template text of a request.
func (s *Service) packTemplate(in *PutConformancePackInput) (string, error) {
	n := 0
	for _, given := range []bool{in.TemplateBody != "", in.TemplateS3URI != "", in.TemplateSSMDocumentDetails != nil} {
		if given {
			n++
		}
	}
	if n != 1 {
		return "", templateInvalid("Provide exactly one of TemplateBody, TemplateS3Uri or TemplateSSMDocumentDetails.")
	}
	switch {
	case in.TemplateBody != "":
		return in.TemplateBody, nil
	case in.TemplateS3URI != "":
		rest, ok := strings.CutPrefix(in.TemplateS3URI, "s3://")
		bucket, key, ok2 := strings.Cut(rest, "/")
		if !ok || !ok2 || len(in.TemplateS3URI) > 1024 {
			return "", awserr.Validation(codeValidation, in.TemplateS3URI, "templateS3Uri", "Member must satisfy regular expression pattern: s3://.*")
		}
		sink, found := s.b.SinkFor(s.bucketARN(bucket))
		b, isBucket := sink.(*bus.S3Bucket)
		if !found || !isBucket {
			return "", templateInvalid("The template S3 URI " + in.TemplateS3URI + " cannot be read: no such bucket.")
		}
		obj, err := b.Get(key)
		if err != nil {
			return "", templateInvalid("The template S3 URI " + in.TemplateS3URI + " cannot be read: " + err.Error())
		}
		return string(obj.Body), nil // its size is checked by conformance's ParseS3Object
	}
	if t, ok := conformance.SampleTemplate(in.TemplateSSMDocumentDetails.DocumentName); ok {
		return t, nil
	}
	return "", bus.NotSimulated("config", "conformance pack templates from SSM documents other than "+CloudWatchPackDocument)
}

// packRule is a template rule as the API's ConfigRule.
func packRule(r conformance.Rule) *ConfigRule {
	cr := &ConfigRule{ConfigRuleName: r.ConfigRuleName, Description: r.Description, InputParameters: r.InputParameters,
		MaximumExecutionFrequency: r.MaximumExecutionFrequency,
		Source:                    &RuleSource{Owner: r.Source.Owner, SourceIdentifier: r.Source.SourceIdentifier}}
	if sc := r.Scope; sc != nil {
		cr.Scope = &Scope{ComplianceResourceTypes: append([]string(nil), sc.ComplianceResourceTypes...), ComplianceResourceID: sc.ComplianceResourceID,
			TagKey: sc.TagKey, TagValue: sc.TagValue}
	}
	for _, d := range r.Source.SourceDetails {
		cr.Source.SourceDetails = append(cr.Source.SourceDetails, SourceDetail{EventSource: d.EventSource, MessageType: d.MessageType,
			MaximumExecutionFrequency: d.MaximumExecutionFrequency})
	}
	if c := r.Source.CustomPolicyDetails; c != nil {
		cr.Source.CustomPolicyDetails = &CustomPolicyDetails{PolicyRuntime: c.PolicyRuntime, PolicyText: c.PolicyText, EnableDebugLogDelivery: c.EnableDebugLogDelivery}
	}
	for _, m := range r.EvaluationModes {
		cr.EvaluationModes = append(cr.EvaluationModes, EvaluationModeConfiguration{Mode: m})
	}
	return cr
}

// packRemediation is a template remediation as the API's RemediationConfiguration.
func packRemediation(r conformance.Remediation) RemediationConfiguration {
	rc := RemediationConfiguration{ConfigRuleName: r.ConfigRuleName, TargetType: r.TargetType, TargetID: r.TargetID, TargetVersion: r.TargetVersion,
		ResourceType: r.ResourceType, Automatic: r.Automatic, MaximumAutomaticAttempts: r.MaximumAutomaticAttempts, RetryAttemptSeconds: r.RetryAttemptSeconds}
	if len(r.Parameters) > 0 {
		rc.Parameters = map[string]RemediationParameterValue{}
		for k, v := range r.Parameters {
			if v.ResourceValue != "" {
				rc.Parameters[k] = RemediationParameterValue{ResourceValue: &ResourceValue{Value: v.ResourceValue}}
			} else {
				rc.Parameters[k] = RemediationParameterValue{StaticValue: &StaticValue{Values: append([]string(nil), v.StaticValues...)}}
			}
		}
	}
	if c := r.ExecutionControls; c != nil {
		rc.ExecutionControls = &ExecutionControls{SsmControls: &SsmControls{ConcurrentExecutionRatePercentage: c.ConcurrentExecutionRatePercentage, ErrorPercentage: c.ErrorPercentage}}
	}
	return rc
}

// PutConformancePack deploys a template's rules and remediations. Putting a pack again replaces
// its rules.
func (s *Service) PutConformancePack(ctx context.Context, in *PutConformancePackInput) (*PutConformancePackOutput, error) {
	return bus.Call(ctx, s.b, op("PutConformancePack", false), in, func(ctx context.Context, in *PutConformancePackInput) (*PutConformancePackOutput, error) {
		if err := conformance.ValidateName(in.ConformancePackName); err != nil {
			return nil, err
		}
		// the request's list length is checked before the template is read, as AWS validates a request
		if len(in.ConformancePackInputParameters) > conformance.MaxInputParameters {
			return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "conformancePackInputParameters",
				Constraint: "Member must have length less than or equal to " + strconv.Itoa(conformance.MaxInputParameters)}))
		}
		if err := validateTags(in.Tags); err != nil {
			return nil, err
		}
		body, err := s.packTemplate(in)
		if err != nil {
			return nil, err
		}
		inputs := make([]conformance.InputParameter, 0, len(in.ConformancePackInputParameters))
		for _, p := range in.ConformancePackInputParameters {
			inputs = append(inputs, conformance.InputParameter{ParameterName: p.ParameterName, ParameterValue: p.ParameterValue})
		}
		env := conformance.Env{AccountID: s.b.Account(), Region: s.b.Region(), Partition: s.b.Partition()}
		parse := env.Parse
		if in.TemplateS3URI != "" {
			parse = env.ParseS3Object // an S3 object may hold up to 300 KB, TemplateBody 51,200 bytes
		}
		parsed, err := parse(body, inputs)
		if err != nil {
			return nil, err
		}
		old := s.packs[in.ConformancePackName]
		if old == nil && len(s.packs) >= MaxConformancePacks {
			return nil, clientErr("MaxNumberOfConformancePacksExceededException", "You have reached the limit of the number of conformance packs.")
		}
		p := &pack{name: in.ConformancePackName, bucket: in.DeliveryS3Bucket, prefix: in.DeliveryS3KeyPrefix,
			params: append([]ConformancePackInputParameter(nil), in.ConformancePackInputParameters...), ssm: in.TemplateSSMDocumentDetails}
		if old != nil {
			p.id, p.arn = old.id, old.arn
		} else {
			p.id = s.b.HexID(8)
			p.arn = s.b.ARN("config", "conformance-pack/"+p.name+"/conformance-pack-"+p.id)
		}
		deployed, err := parsed.Deployed(p.id)
		if err != nil {
			return nil, err
		}
		// Validate every rule and remediation before changing anything.
		var rules []*ConfigRule
		var rems []RemediationConfiguration
		for _, r := range deployed.Rules {
			cr := packRule(r)
			if _, err := s.validateRule(cr, nil); err != nil {
				return nil, err
			}
			rules = append(rules, cr)
		}
		for _, r := range deployed.Remediations {
			rc := packRemediation(r)
			if s.rem.docs[rc.TargetID] == nil {
				return nil, templateInvalid("The remediation document " + rc.TargetID + " is not registered.")
			}
			rems = append(rems, rc)
		}
		packRules := len(rules)
		for _, q := range s.packs {
			if q != old {
				packRules += len(q.rules)
			}
		}
		if packRules > MaxPackRulesTotal {
			return nil, clientErr("MaxNumberOfConformancePacksExceededException", "You have reached the limit of conformance pack rules in the account.")
		}
		if s.recorder == nil {
			return nil, clientErr(codeNoAvailableRecorder, "There are no configuration recorders available to provide the configuration details of the resources.")
		}
		if err := packBusy(old); err != nil {
			return nil, err
		}
		if old == nil {
			s.packOrder = append(s.packOrder, p.name)
			if len(in.Tags) > 0 {
				s.tagsOf(p.arn, in.Tags)
			}
		}
		s.packs[p.name] = p
		now := s.b.Now()
		p.requested, p.state = now, PackCreateInProgress
		final := PackCreateComplete
		if reason := s.packDeployFailure(old, rules); reason != "" {
			// The deployment fails as a whole, as a CloudFormation stack rolls back: a new pack gets no
			// rules, a re-put keeps the rules and remediations of the deployment it replaced.
			final, p.reason = PackCreateFailed, reason
			if old != nil {
				p.rules, p.remediated = old.rules, old.remediated
				for _, r := range p.rules {
					r.pack = p
				}
			}
		} else {
			arns := map[string]string{} // a re-put keeps its remediations' ARNs
			if old != nil {
				for _, n := range old.remediated {
					if c := s.rem.configs[n]; c != nil {
						arns[n] = c.Arn
					}
				}
				s.removePackLocked(ctx, old)
			}
			for _, cr := range rules {
				r, err := s.putRuleLocked(ctx, cr, nil, p)
				if err != nil { // packDeployFailure foresees putRuleLocked's failures; roll back all the same
					final, p.reason = PackCreateFailed, awserr.ErrorMessage(err)
					s.removePackLocked(ctx, p)
					rems = nil
					break
				}
				p.rules = append(p.rules, r)
			}
			for _, rc := range rems {
				rc.CreatedByService = packPrincipal
				s.storeRemediationLocked(rc.ConfigRuleName, rc, arns[rc.ConfigRuleName])
				p.remediated = append(p.remediated, rc.ConfigRuleName)
			}
		}
		s.b.Schedule(now, func(context.Context) {
			s.b.Locked(func() {
				if s.packs[p.name] == p && p.state == PackCreateInProgress {
					p.state, p.update = final, s.b.Now()
				}
			})
		})
		s.applyChangeLocked(ctx, bus.ResourceChange{ChangeType: bus.ResourceUpdated, ResourceType: TypeConformancePack, ResourceID: "conformance-pack-" + p.id,
			ResourceName: p.name, ARN: p.arn, Configuration: map[string]any{"ConformancePackName": p.name, "ConformancePackId": "conformance-pack-" + p.id,
				"ConformancePackArn": p.arn, "DeliveryS3Bucket": p.bucket, "DeliveryS3KeyPrefix": p.prefix, "ConformancePackInputParameters": p.params}}, false)
		s.packComplianceLocked(ctx, p)
		return &PutConformancePackOutput{ConformancePackArn: p.arn}, nil
	})
}

// packDeployFailure says why deploying rules in place of pack old (nil for a new pack) would fail,
// or "" if it would not: the error putRuleLocked would give for a rule (being deleted, the account's
// rule quota; the old pack's rules are deleted first, and every rule was validated), or a rule of the
// same name that is not the pack's.
func (s *Service) packDeployFailure(old *pack, rules []*ConfigRule) string {
	n := len(s.rules)
	if old != nil {
		n -= len(old.rules)
	}
	for _, cr := range rules {
		existing := s.ruleByKey[cr.ConfigRuleName]
		var err error
		switch {
		case existing != nil && existing.state == RuleDeleting:
			err = ruleBeingDeleted(existing)
		case existing != nil && (old == nil || existing.pack != old):
			// [derived] the stack's failure reason; AWS documents no text for it.
			return "The rule " + existing.name + " already exists and does not belong to this conformance pack."
		}
		if n++; err == nil && n > s.opts.maxRules { // the old pack's rules are deleted first: every rule is new
			err = s.ruleQuotaReached(cr.ConfigRuleName)
		}
		if err != nil {
			return awserr.ErrorMessage(err)
		}
	}
	return ""
}

// finishPackDeleteLocked removes a deleted pack, its rules, their results and remediations, and
// its items.
func (s *Service) finishPackDeleteLocked(ctx context.Context, p *pack) {
	s.removePackLocked(ctx, p)
	delete(s.packs, p.name)
	delete(s.tags, p.arn)
	for i, n := range s.packOrder {
		if n == p.name {
			s.packOrder = append(s.packOrder[:i], s.packOrder[i+1:]...)
			break
		}
	}
	s.applyChangeLocked(ctx, bus.ResourceChange{ChangeType: bus.ResourceDeleted, ResourceType: TypeConformancePack, ResourceID: "conformance-pack-" + p.id}, false)
	if r := s.res[resKey{TypeConformancePackCompliance, "conformance-pack-" + p.id}]; r != nil && r.live {
		s.applyChangeLocked(ctx, bus.ResourceChange{ChangeType: bus.ResourceDeleted, ResourceType: TypeConformancePackCompliance, ResourceID: "conformance-pack-" + p.id}, false)
	}
}

// removePackLocked deletes a pack's rules, their results and remediations.
func (s *Service) removePackLocked(ctx context.Context, p *pack) {
	for _, n := range p.remediated {
		delete(s.rem.configs, n)
	}
	for _, r := range p.rules {
		r.stopTimers()
		r.state = RuleDeleting
		s.finishDeleteLocked(ctx, r)
	}
	p.rules, p.remediated = nil, nil
}

// packCompliance rolls up a pack: NON_COMPLIANT if a rule is, INSUFFICIENT_DATA only if every rule
// is, COMPLIANT otherwise ("Viewing Compliance History for Conformance Packs",
// https://docs.aws.amazon.com/config/latest/developerguide/compliance-history-conformance-pack.html).
func (p *pack) compliance() (string, int, int) {
	comp, non, insufficient := 0, 0, 0
	for _, r := range p.rules {
		switch ct, _ := r.compliance(); ct {
		case Compliant:
			comp++
		case NonCompliant:
			non++
		default:
			insufficient++
		}
	}
	switch {
	case non > 0:
		return NonCompliant, comp, non
	case insufficient == len(p.rules):
		return InsufficientData, comp, non
	}
	return Compliant, comp, non
}

type packRuleEntry struct {
	ConfigRuleName string   `json:"configRuleName"`
	ConfigRuleArn  string   `json:"configRuleArn"`
	Controls       []string `json:"controls"`
	ComplianceType string   `json:"complianceType"`
}

// packComplianceLocked records the pack's AWS::Config::ConformancePackCompliance item (when that
// type is recorded); an unchanged roll-up writes nothing.
func (s *Service) packComplianceLocked(ctx context.Context, p *pack) {
	rec := s.recorder
	if rec == nil || !rec.recording || !rec.records(TypeConformancePackCompliance) {
		return
	}
	ct, comp, non := p.compliance()
	list := []packRuleEntry{}
	for _, r := range p.rules {
		rc, _ := r.compliance()
		list = append(list, packRuleEntry{ConfigRuleName: r.name, ConfigRuleArn: r.spec.ConfigRuleArn, Controls: []string{}, ComplianceType: rc})
	}
	s.applyChangeLocked(ctx, bus.ResourceChange{ChangeType: bus.ResourceUpdated, ResourceType: TypeConformancePackCompliance, ResourceID: "conformance-pack-" + p.id,
		ResourceName: p.name, ARN: p.arn, Configuration: map[string]any{"compliantRuleCount": comp, "nonCompliantRuleCount": non,
			"totalRuleCount": len(p.rules), "complianceType": ct, "configRuleList": list}}, false)
}

// DeleteConformancePackInput is the input of DeleteConformancePack.
type DeleteConformancePackInput struct {
	ConformancePackName string `json:"ConformancePackName"`
}

// DeleteConformancePackOutput is the (empty) output of DeleteConformancePack.
type DeleteConformancePackOutput struct{}

func (s *Service) packNamed(name string) (*pack, error) {
	p := s.packs[name]
	if p == nil {
		return nil, clientErrf("NoSuchConformancePackException", "Could not find a conformance pack named %s.", name)
	}
	return p, nil
}

// DeleteConformancePack deletes a pack with its rules, results and remediations.
func (s *Service) DeleteConformancePack(ctx context.Context, in *DeleteConformancePackInput) (*DeleteConformancePackOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteConformancePack", false), in, func(ctx context.Context, in *DeleteConformancePackInput) (*DeleteConformancePackOutput, error) {
		p, err := s.packNamed(in.ConformancePackName)
		if err != nil {
			return nil, err
		}
		if err := packBusy(p); err != nil {
			return nil, err
		}
		p.state = PackDeleteInProgress
		s.b.Schedule(s.b.Now(), func(ctx context.Context) {
			s.b.Locked(func() {
				if s.packs[p.name] == p {
					s.finishPackDeleteLocked(ctx, p)
				}
			})
		})
		return &DeleteConformancePackOutput{}, nil
	})
}

// packsNamed returns the named packs (each must exist), or all, in creation order.
func (s *Service) packsNamed(names []string, maxNames int) ([]*pack, error) {
	if len(names) > maxNames {
		return nil, clientErr(codeValidation, awserr.ValidationMessage(awserr.Violation{NoValue: true, Member: "conformancePackNames",
			Constraint: "Member must have length less than or equal to " + strconv.Itoa(maxNames)}))
	}
	if len(names) == 0 {
		names = s.packOrder
	}
	out := make([]*pack, 0, len(names))
	for _, n := range names {
		p, err := s.packNamed(n)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func (p *pack) ruleNamed(names []string) []*rule {
	if len(names) == 0 {
		return p.rules
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var out []*rule
	for _, r := range p.rules {
		if want[r.name] {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}
