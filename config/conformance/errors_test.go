package conformance

import (
	"strings"
	"testing"

	"github.com/watchsim/watchsim/internal/awserr"
)

func code(err error) string { return awserr.ErrorCode(err) }

func contains(err error, s string) bool { return err != nil && strings.Contains(err.Error(), s) }

// oneRule is a template with one managed rule whose properties are extra (YAML, indented 6).
func oneRule(extra string) string {
	return "Resources:\n  R:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      ConfigRuleName: r\n" + extra
}

const src = "      Source: {Owner: AWS, SourceIdentifier: X}\n"

// withRemediation is a template with rule r and one remediation whose properties are props.
func withRemediation(props string) string {
	return oneRule(src) + "  F:\n    Type: AWS::Config::RemediationConfiguration\n    Properties:\n" + props
}

const remOK = "      ConfigRuleName: r\n      TargetType: SSM_DOCUMENT\n      TargetId: d\n"

func params(defs string) string { return "Parameters:\n" + defs + oneRule(src) }

// errorCase is one template Parse must refuse, with the error's code and a part of its message.
type errorCase struct {
	name   string
	body   string
	inputs []InputParameter
	code   string
	msg    string
}

func runErrorTable(t *testing.T, tests []errorCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.body, tt.inputs)
			if err == nil {
				t.Fatalf("accepted: %+v", p)
			}
			if code(err) != tt.code || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("error %v\nwant code %s and message containing %q", err, tt.code, tt.msg)
			}
			if tt.code == CodeTemplateValidation && !strings.HasPrefix(err.(*awserr.Error).Message, "Invalid conformance pack template provided. Errors found: [") {
				t.Fatalf("message without AWS's envelope: %v", err)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	ns := awserr.NotSimulatedCode
	tv := CodeTemplateValidation
	manyInputs := make([]InputParameter, 61)
	for i := range manyInputs {
		manyInputs[i] = InputParameter{ParameterName: "P" + itoa(i)}
	}
	manyRules, manyRes := "Resources:\n", "Resources:\n"
	for i := 0; i < 131; i++ {
		manyRules += "  R" + itoa(i) + ": {Type: AWS::Config::ConfigRule, Properties: {ConfigRuleName: r" + itoa(i) + ", Source: {Owner: AWS, SourceIdentifier: X}}}\n"
	}
	for i := 0; i < 501; i++ {
		manyRes += "  F" + itoa(i) + ": {Type: AWS::Config::RemediationConfiguration}\n"
	}
	deep := strings.Repeat("[", 100) + strings.Repeat("]", 100)
	tests := []errorCase{
		// Request members.
		{"empty body", "", nil, CodeValidation, "Value null at 'templateBody' failed to satisfy constraint: Member must not be null"},
		{"body over 51,200 bytes", oneRule(src) + "#" + strings.Repeat("x", MaxTemplateBodyBytes), nil, CodeValidation,
			"1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to 51200"},
		{"61 input parameters", oneRule(src), manyInputs, CodeValidation,
			"Value at 'conformancePackInputParameters' failed to satisfy constraint: Member must have length less than or equal to 60"},
		{"input name over 255", oneRule(src), []InputParameter{{ParameterName: strings.Repeat("n", 256)}}, CodeValidation,
			"at 'conformancePackInputParameters.1.member.parameterName' failed to satisfy constraint: Member must have length less than or equal to 255"},
		{"input value over 4096", oneRule(src), []InputParameter{{"P", strings.Repeat("v", 4097)}}, CodeValidation,
			"Value at 'conformancePackInputParameters.1.member.parameterValue' failed to satisfy constraint: Member must have length less than or equal to 4096"},
		{"repeated input", oneRule(src), []InputParameter{{"P", "a"}, {"P", "b"}}, CodeInvalidParameterValue, "parameter P more than once"},
		// Reading.
		{"YAML not well-formed", "Resources: [", nil, tv, "Invalid conformance pack template provided. Errors found: [Template format error: YAML not well-formed."},
		{"comments only", "# nothing\n", nil, tv, "At least one Resources member must be defined."},
		{"two YAML documents", oneRule(src) + "---\nResources: {}\n", nil, tv, "one YAML document"},
		{"JSON not well-formed", `{"Resources": [}`, nil, tv, "JSON not well-formed"},
		{"text after the JSON object", `{"Resources": {}} x`, nil, tv, "JSON not well-formed"},
		{"duplicate YAML key", "Resources: {}\nResources: {}\n", nil, tv, "Duplicate key Resources"},
		{"duplicate JSON key", `{"Resources": {}, "Resources": {}}`, nil, tv, "Duplicate key Resources"},
		{"non-string YAML key", "? [a]\n: b\n", nil, tv, "A mapping key must be a string"},
		{"unknown tag", oneRule("      Description: !Foo x\n" + src), nil, tv, "Unknown tag !Foo"},
		{"merge key", "base: &b {a: 1}\nResources:\n  <<: *b\n", nil, ns, "YAML merge keys"},
		{"nested too deeply (YAML)", "Metadata: " + deep + "\n" + oneRule(src), nil, tv, "nested too deeply"},
		{"nested too deeply (JSON)", `{"Metadata": ` + deep + `}`, nil, tv, "nested too deeply"},
		{"alias expansion bomb", "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n", nil, tv, "too many values"},
		{"not a mapping", "[1, 2]", nil, tv, "Template format error: unsupported structure."},
		// Sections.
		{"template version", "AWSTemplateFormatVersion: '2011-01-01'\n" + oneRule(src), nil, tv, "Unsupported template version"},
		{"description not a string", "Description: [a]\n" + oneRule(src), nil, tv, "Every Description member must be a string."},
		{"description over 1024 bytes", "Description: " + strings.Repeat("d", 1025) + "\n" + oneRule(src), nil, tv, "at most 1024 bytes"},
		{"Parameters not an object", "Parameters: [a]\n" + oneRule(src), nil, tv, "Parameters must be an object"},
		{"Mappings", "Mappings: {}\n" + oneRule(src), nil, ns, "the template section Mappings"},
		{"Outputs", "Outputs: {}\n" + oneRule(src), nil, ns, "the template section Outputs"},
		{"Transform", "Transform: AWS::Serverless-2016-10-31\n" + oneRule(src), nil, ns, "the template section Transform"},
		{"unknown section", "Foo: 1\n" + oneRule(src), nil, tv, "Invalid template property or properties [Foo]"},
		{"no Resources", "Parameters: {}\n", nil, tv, "At least one Resources member must be defined."},
		{"empty Resources", "Resources: {}\n", nil, tv, "At least one Resources member must be defined."},
		// Parameters.
		{"parameter not an object", params("  P: x\n"), nil, tv, "Parameter P must be an object"},
		{"unknown parameter property", params("  P: {Type: String, Default: a, Foo: b}\n"), nil, tv, "Invalid template parameter property 'Foo'"},
		{"parameter property not a string", params("  P: {Type: [String]}\n"), nil, tv, "Every Type member of parameter P must be a string"},
		{"parameter without Type", params("  P: {Default: a}\n"), nil, tv, "Every Parameters object must contain a Type member."},
		{"unknown parameter type", params("  P: {Type: Strin, Default: a}\n"), nil, tv, "Unrecognized parameter type: Strin"},
		{"AWS-specific parameter type", params("  P: {Type: 'AWS::EC2::VPC::Id', Default: a}\n"), nil, ns, "the parameter type AWS::EC2::VPC::Id"},
		{"SSM parameter type", params("  P: {Type: 'AWS::SSM::Parameter::Value<String>', Default: a}\n"), nil, ns, "AWS::SSM::Parameter::Value<String>"},
		{"parameters without values", params("  B: {Type: String}\n  A: {Type: String}\n"), nil, tv, "Parameters: [B, A] must have values"},
		{"input for no parameter", oneRule(src), []InputParameter{{"Zed", "1"}, {"Abe", "2"}}, tv, "Parameters: [Abe, Zed] do not exist in the template"},
		{"Number not a number", params("  P: {Type: Number, Default: x}\n"), nil, tv, "Parameter 'P' must be a number."},
		{"List<Number> element not a number", params("  P: {Type: 'List<Number>', Default: '1,x'}\n"), nil, tv, "Parameter 'P' must be a number."},
		{"AllowedValues not a list", params("  P: {Type: String, Default: a, AllowedValues: a}\n"), nil, tv, "AllowedValues member of parameter P must be a list"},
		{"not an allowed value", params("  P: {Type: String, Default: a, AllowedValues: [b, c]}\n"), nil, tv, "Parameter 'P' must be one of AllowedValues"},
		{"input not an allowed value", params("  P: {Type: String, Default: b, AllowedValues: [b, c]}\n"), []InputParameter{{"P", "d"}}, tv, "Parameter 'P' must be one of AllowedValues"},
		{"pattern", params("  P: {Type: String, Default: ab1, AllowedPattern: '[a-z]+'}\n"), nil, tv, "Parameter 'P' must match pattern [a-z]+"},
		{"pattern RE2 does not read", params("  P: {Type: String, Default: a, AllowedPattern: '(?<=a)b'}\n"), nil, ns, "not an RE2 expression"},
		{"MinLength", params("  P: {Type: String, Default: ab, MinLength: 3}\n"), nil, tv, "Parameter 'P' must contain at least 3 characters"},
		{"MaxLength", params("  P: {Type: String, Default: abcd, MaxLength: 3}\n"), nil, tv, "Parameter 'P' must contain at most 3 characters"},
		{"MinValue", params("  P: {Type: Number, Default: 0, MinValue: 1}\n"), nil, tv, "Parameter 'P' must be a number not less than 1"},
		{"MaxValue", params("  P: {Type: Number, Default: 11, MaxValue: 10}\n"), nil, tv, "Parameter 'P' must be a number not greater than 10"},
		{"bound not a number", params("  P: {Type: String, Default: a, MinLength: x}\n"), nil, tv, "MinLength of parameter P must be a number"},
		{"ConstraintDescription", params("  P: {Type: String, Default: a, AllowedValues: [b], ConstraintDescription: 'b only'}\n"), nil, tv, "Parameter 'P' failed to satisfy constraint: b only"},
		// Resources.
		{"resource name not alphanumeric", "Resources:\n  My-Rule: {Type: AWS::Config::ConfigRule}\n", nil, tv, "Template format error: Resource name My-Rule is non alphanumeric."},
		{"parameter name not alphanumeric", params("  P_1: {Type: String, Default: a}\n"), nil, tv, "Template format error: Parameter name P_1 is non alphanumeric."},
		{"parameter and resource with one name", params("  R: {Type: String, Default: a}\n"), nil, tv, "the logical ID R names both a parameter and a resource"},
		{"501 resources", manyRes, nil, tv, "Number of resources, 501, is greater than maximum allowed, 500"},
		{"131 rules", manyRules, nil, tv, "Errors found: [Number of resources provided in the template exceeds the allowed limit]"},
		{"resource not an object", "Resources:\n  R: x\n", nil, tv, "[/Resources/R] Every Resources object must be an object"},
		{"resource without Type", "Resources:\n  R: {Properties: {}}\n", nil, tv, "[/Resources/R] Every Resources object must contain a Type member."},
		{"resource type not allowed", "Resources:\n  B: {Type: 'AWS::S3::Bucket'}\n", nil, tv, "Unrecognized resource types: [AWS::S3::Bucket]"},
		{"DeletionPolicy", oneRule(src) + "    DeletionPolicy: Retain\n", nil, ns, "the resource attribute DeletionPolicy"},
		{"unknown resource attribute", oneRule(src) + "    Foo: 1\n", nil, tv, "Invalid resource attribute Foo"},
		{"Condition not a string", oneRule(src) + "    Condition: [a]\n", nil, tv, "[/Resources/R/Condition] must be a string"},
		{"Condition undefined", oneRule(src) + "    Condition: C\n", nil, tv, "Unresolved condition dependency C in resource R"},
		{"DependsOn unresolved", oneRule(src) + "    DependsOn: [Nope]\n", nil, tv, "Unresolved resource dependencies [Nope] in the Resources block of the template"},
		// Conditions.
		{"circular conditions", "Conditions:\n  A: !Condition B\n  B: !Condition A\n" + oneRule(src), nil, tv, "circular condition dependency"},
		{"condition not a function", "Conditions:\n  A: true\n" + oneRule(src), nil, tv, "[/Conditions/A] a condition must be Fn::Equals"},
		{"Fn::Equals arity", "Conditions:\n  A: !Equals [a]\n" + oneRule(src), nil, tv, "every Fn::Equals object requires a list of 2 string parameters."},
		{"Fn::Equals on a list", "Parameters: {L: {Type: CommaDelimitedList, Default: a}}\nConditions:\n  A: !Equals [!Ref L, a]\n" + oneRule(src), nil, tv, "every Fn::Equals object requires a list of 2 string parameters."},
		{"Fn::Not arity", "Conditions:\n  A: !Not [!Equals [a, a], !Equals [a, a]]\n" + oneRule(src), nil, tv, "every Fn::Not object requires a list of 1 condition"},
		{"Fn::And arity", "Conditions:\n  A: !And [!Equals [a, a]]\n" + oneRule(src), nil, tv, "every Fn::And object requires a list of at least 2 and at most 10 conditions"},
		{"Condition not a name", "Conditions:\n  A: {Condition: [B]}\n" + oneRule(src), nil, tv, "Condition must name a condition"},
		{"Fn::Select as a condition", "Conditions:\n  A: !Select [0, [a]]\n" + oneRule(src), nil, ns, "the intrinsic function Fn::Select"},
		{"Fn::If as a condition", "Conditions:\n  A: !If [B, a, b]\n" + oneRule(src), nil, tv, "Fn::If cannot be used as a condition"},
		{"Fn::If on an undefined condition", oneRule("      Description: !If [C, a, b]\n" + src), nil, tv, "unresolved condition dependency C in Fn::If"},
		// Functions in properties.
		{"null property", oneRule("      Description:\n" + src), nil, tv, "[/Resources/R/Properties/Description] 'null' values are not allowed in templates"},
		{"Ref not a string", oneRule("      Description: {Ref: [a]}\n" + src), nil, tv, "Every Ref object must have a single String value."},
		{"Ref unresolved", oneRule("      Description: !Ref Nope\n" + src), nil, tv, "Unresolved resource dependencies [Nope] in the Resources block of the template"},
		{"pseudo parameter without Env", oneRule("      Description: !Ref AWS::Region\n" + src), nil, ns, "the pseudo parameter AWS::Region without an Env"},
		{"AWS::StackName", oneRule("      Description: !Ref AWS::StackName\n" + src), nil, ns, "the pseudo parameter AWS::StackName"},
		{"Ref to a remediation", withRemediation(remOK + "      TargetVersion: !Ref F\n"), nil, ns, "Ref to the AWS::Config::RemediationConfiguration resource F"},
		{"Ref to a rule left out by its condition", "Conditions:\n  No: !Equals [a, b]\n" + oneRule(src) + "    Condition: No\n" +
			"  F:\n    Type: AWS::Config::RemediationConfiguration\n    Properties:\n      ConfigRuleName: !Ref R\n      TargetType: SSM_DOCUMENT\n      TargetId: d\n", nil, tv, "Unresolved resource dependencies [R]"},
		{"Ref to a rule whose name is a list", "Parameters: {L: {Type: CommaDelimitedList, Default: a}}\nResources:\n  S:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      ConfigRuleName: s\n      Description: !Ref R\n" + src +
			"  R:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      ConfigRuleName: !Ref L\n" + src, nil, tv, "[/Resources/R/Properties/ConfigRuleName] must be a string"},
		{"Fn::If arity", oneRule("      Description: !If [C, a]\n" + src), nil, tv, "every Fn::If object requires three parameters"},
		{"Fn::Join shape", oneRule("      Description: !Join [',', a]\n" + src), nil, tv, "every Fn::Join object requires two parameters"},
		{"Fn::Join of objects", oneRule("      Description: !Join [',', [{a: b}]]\n" + src), nil, tv, "every Fn::Join object requires two parameters"},
		{"Fn::Sub shape", oneRule("      Description: !Sub [a, b, c]\n" + src), nil, tv, "One or more Fn::Sub intrinsic functions don't specify expected arguments."},
		{"Fn::Sub with GetAtt", oneRule("      Description: !Sub '${R.Arn}'\n" + src), nil, ns, "Fn::GetAtt (as ${R.Arn} in Fn::Sub)"},
		{"Fn::Sub of a list", "Parameters: {L: {Type: CommaDelimitedList, Default: a}}\n" + oneRule("      Description: !Sub '${L}'\n"+src), nil, tv, "variable L in Fn::Sub expression does not resolve to a string"},
		{"Fn::Sub unresolved", oneRule("      Description: !Sub '${Nope}'\n" + src), nil, tv, "Unresolved resource dependencies [Nope]"},
		{"Fn::GetAtt short form", oneRule("      Description: !GetAtt R.Arn\n" + src), nil, ns, "the intrinsic function Fn::GetAtt"},
		{"Fn::FindInMap", oneRule("      Description: {'Fn::FindInMap': [m, a, b]}\n" + src), nil, ns, "the intrinsic function Fn::FindInMap"},
		{"Fn::ForEach", oneRule("      Description: {'Fn::ForEach::X': []}\n" + src), nil, ns, "Fn::ForEach::X"},
		{"condition function in a property", oneRule("      Description: !Equals [a, a]\n" + src), nil, tv, "Fn::Equals can only be used in the Conditions section"},
		{"unknown function", oneRule("      Description: {'Fn::Nope': a}\n" + src), nil, tv, "Encountered unsupported function: Fn::Nope"},
		{"self-referencing rule name", "Resources:\n  R:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      ConfigRuleName: !Ref R\n" + src, nil, tv, "Circular dependency between resources: [R]"},
		{"rule names doubling through Fn::Join", doubling(), nil, tv, "resolves to a value over 1048576 bytes"},
	}
	runErrorTable(t, tests)
}

// doubling is a template whose rule names double in length at every level: R0's name is R1's
// twice, and so on.
func doubling() string {
	b := "Parameters: {P: {Type: String, Default: " + strings.Repeat("p", 4000) + "}}\nResources:\n"
	for i := 0; i < 10; i++ {
		b += "  R" + itoa(i) + ": {Type: AWS::Config::ConfigRule, Properties: {ConfigRuleName: !Join ['', [!Ref R" + itoa(i+1) + ", !Ref R" + itoa(i+1) + "]], Source: {Owner: AWS, SourceIdentifier: X}}}\n"
	}
	return b + "  R10: {Type: AWS::Config::ConfigRule, Properties: {ConfigRuleName: !Ref P, Source: {Owner: AWS, SourceIdentifier: X}}}\n"
}

// More than 25 remediation parameters.
func TestRemediationParameterLimit(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 26; i++ {
		b.WriteString("        P" + itoa(i) + ": {StaticValue: {Values: [a]}}\n")
	}
	_, err := Parse(withRemediation(remOK+"      Parameters:\n"+b.String()), nil)
	if code(err) != CodeTemplateValidation || !contains(err, "#/Parameters: expected at most 25 parameters") {
		t.Fatal(err)
	}
}
