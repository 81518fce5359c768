package conformance

import (
	"strconv"

	"github.com/watchsim/watchsim/internal/awserr"
)

// Error codes and limits of PutConformancePack (API reference,
// https://docs.aws.amazon.com/config/latest/APIReference/API_PutConformancePack.html, and
// "Service Limits", https://docs.aws.amazon.com/config/latest/developerguide/configlimits.html).
const (
	// CodeTemplateValidation is the code of every template error.
	CodeTemplateValidation = "ConformancePackTemplateValidationException"
	// CodeValidation is the code of a request member that fails its length or pattern constraint.
	CodeValidation = "ValidationException"
	// CodeInvalidParameterValue is the code of an invalid request value that is not a member
	// constraint (a repeated input parameter name).
	CodeInvalidParameterValue = "InvalidParameterValueException"

	// MaxTemplateBodyBytes is the largest TemplateBody.
	MaxTemplateBodyBytes = 51200
	// MaxTemplateS3Bytes is the largest template object TemplateS3Uri may name (300 KB).
	MaxTemplateS3Bytes = 300 * 1024
	// MaxInputParameters is the largest number of ConformancePackInputParameters.
	MaxInputParameters = 60
	// MaxParameterNameLength and MaxParameterValueLength bound one input parameter.
	MaxParameterNameLength  = 255
	MaxParameterValueLength = 4096
	// MaxPackNameLength is the longest ConformancePackName.
	MaxPackNameLength = 256
	// MaxRulesPerPack is the number of AWS::Config::ConfigRule resources one pack may hold.
	MaxRulesPerPack = 130
	// MaxResources is CloudFormation's limit on the resources of one template.
	MaxResources = 500
	// PackNamePattern is the pattern of ConformancePackName.
	PackNamePattern = "[a-zA-Z][-a-zA-Z0-9]*"
)

// templateErr returns a ConformancePackTemplateValidationException in AWS's envelope: "Invalid
// conformance pack template provided. Errors found: [<detail>]. Fix your template and try again."
// (the envelope as AWS returns it, quoted in awslabs/aws-config-rules issue 430). The details are
// CloudFormation's template messages.
func templateErr(detail string) error {
	return awserr.ClientError(CodeTemplateValidation,
		"Invalid conformance pack template provided. Errors found: ["+detail+"]. Fix your template and try again.")
}

// notSimulated refuses a valid template feature watchsim does not model.
func notSimulated(feature string) error {
	return awserr.NotSimulated("config", "conformance packs: "+feature)
}

func itoa(i int) string { return strconv.Itoa(i) }
