// Package conformance reads AWS Config conformance pack templates: the CloudFormation subset
// PutConformancePack accepts ("Creating templates for Custom Conformance Packs",
// https://docs.aws.amazon.com/config/latest/developerguide/custom-conformance-pack.html; API
// reference PutConformancePack,
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutConformancePack.html). It is pure:
// a template body and the ConformancePackInputParameters in, a typed [Pack] out — the rules and
// remediation configurations the pack deploys, with every parameter, condition and function
// resolved — for the config service to deploy through its own PutConfigRule and
// PutRemediationConfigurations. It keeps no state and is safe for concurrent use.
//
// # API
//
//   - [Parse] and [Env.Parse]: read a template (JSON when the body starts with '{' and reads as
//     JSON, YAML otherwise, through go.yaml.in/yaml/v3) into a [Pack]: [Pack.Rules] ([Rule], [Scope], [Source],
//     [SourceDetail], [CustomPolicyDetails]) and [Pack.Remediations] ([Remediation],
//     [RemediationParameterValue], [SsmControls]), both in template order, and the resolved
//     [Pack.Parameters]. [Env] supplies AWS::AccountId, AWS::Region and AWS::Partition;
//     [Env.ParseS3Object] takes a template read from TemplateS3Uri (up to 300 KB).
//   - [Rule.APIJSON], [Remediation.APIJSON]: the API's ConfigRule and RemediationConfiguration
//     JSON documents, which the config service decodes into its PutConfigRule and
//     PutRemediationConfigurations shapes (a test checks they decode with no unknown field).
//   - [Rule.Validate], [Remediation.Validate]: the shape constraints of the API's ConfigRule and
//     RemediationConfiguration; every rule of an accepted pack passes them.
//   - [ValidateName]: ConformancePackName (1–256 characters, [PackNamePattern]).
//   - [PackID], [DeployedRuleName], [Pack.Deployed]: the names AWS gives a pack's rules,
//     "<name>-conformance-pack-<suffix>", with the random suffix given by the caller;
//     [ServicePrincipal] owns them.
//   - [CloudWatchPackTemplate], [SampleTemplate]: the "Operational Best Practices for Amazon
//     CloudWatch" pack, deployable by name ([CloudWatchPackName], [CloudWatchPackFileName],
//     [CloudWatchPackDocument]). It holds the real pack's five rules, all managed rules the config
//     service evaluates, so none is left out (cloudwatch-alarm-resource-check finds no EC2
//     instance in the simulated world and reads INSUFFICIENT_DATA).
//   - Limits and codes: [MaxTemplateBodyBytes], [MaxTemplateS3Bytes], [MaxInputParameters], [MaxParameterNameLength],
//     [MaxParameterValueLength], [MaxPackNameLength], [MaxRulesPerPack], [MaxResources],
//     [CodeTemplateValidation], [CodeValidation], [CodeInvalidParameterValue].
//
// # The template subset
//
// Sections: AWSTemplateFormatVersion (2010-09-09), Description, Metadata, Parameters,
// Conditions, Resources. Parameters take Type (String, Number, CommaDelimitedList, List<Number>,
// and the Developer Guide's int, double, CSV, boolean, StringMap, read as strings), Default,
// Description, AllowedValues, AllowedPattern, MinLength, MaxLength, MinValue, MaxValue,
// ConstraintDescription, NoEcho. Resources: AWS::Config::ConfigRule and
// AWS::Config::RemediationConfiguration with their CloudFormation properties, and the attributes
// Condition, DependsOn and Metadata. Functions, in long form or YAML short form (!Ref, !If, !Sub,
// !Join, !Equals, !Not, !And, !Or, !Condition): Ref (parameters, a ConfigRule resource — its rule
// name —, AWS::NoValue and the three pseudo parameters), Fn::If, Fn::Join, Fn::Sub, and in
// Conditions Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition (intrinsics.go).
//
// Refused with a NotSimulated error naming the feature: the other CloudFormation functions
// (Fn::GetAtt — also as ${Resource.Attribute} in Fn::Sub —, Fn::Select, Fn::Split,
// Fn::FindInMap, Fn::Base64, Fn::Cidr, Fn::GetAZs, Fn::ImportValue, Fn::Transform, Fn::Length,
// Fn::ToJsonString, Fn::ForEach), the sections Mappings, Outputs, Rules and Transform, the
// resource attributes DeletionPolicy, UpdateReplacePolicy, CreationPolicy and UpdatePolicy, the
// other pseudo parameters, AWS-specific and SSM parameter types, the ConfigRule property
// Compliance, a ConfigRule without ConfigRuleName (AWS would generate one), YAML merge keys.
// Anything CloudFormation itself rejects is a ConformancePackTemplateValidationException in AWS's
// envelope ("Invalid conformance pack template provided. Errors found: [...]. Fix your template
// and try again.") around CloudFormation's message.
//
// Values: every scalar is kept as its text, so YAML and JSON forms of a template give the same
// pack and InputParameters hold strings, as AWS passes rule parameters. A rule's InputParameters
// (an object, or a JSON document as a string) become compact JSON text with sorted keys.
//
// Logical IDs of parameters and resources are CloudFormation's alphanumerics, and one name may
// not be both.
//
// Derived choices (AWS does not document them): a template error that AWS would only report when
// the deployment fails (a rule property outside its schema) is refused by Parse; at most
// [MaxRulesPerPack] ConfigRule resources are counted before conditions; two rules of one pack may
// not share a name; a remediation must name a rule of its pack, at most one per rule and
// resource type.
//
// # Files
//
//   - node.go: the value tree; YAML and JSON readers; short-form tags.
//   - intrinsics.go: Ref, Fn::If, Fn::Join, Fn::Sub, conditions.
//   - template.go: [Parse], sections, parameters and their constraints, resources.
//   - rule.go: [Rule] and its properties; remediation.go: [Remediation].
//   - names.go: pack and rule names; errors.go: codes, limits, error constructors.
//   - api.go: the API documents of rules and remediations.
//   - cloudwatch.go: the CloudWatch pack.
package conformance
