package config

import "github.com/watchsim/watchsim/config/conformance"

// CloudWatchPackDocument is the name of the SSM document that holds AWS's "Operational Best
// Practices for Amazon CloudWatch" sample conformance pack: PutConformancePack with
// TemplateSSMDocumentDetails{DocumentName: CloudWatchPackDocument} deploys it
// (https://docs.aws.amazon.com/config/latest/developerguide/operational-best-practices-for-amazon-cloudwatch.html).
// The template is config/conformance's.
const CloudWatchPackDocument = conformance.CloudWatchPackDocument
