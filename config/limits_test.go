package config_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
	"github.com/watchsim/watchsim/config"
)

// limitCase is one operation's Limit (or MaxResults) member as its API reference page
// (https://docs.aws.amazon.com/config/latest/APIReference/API_<Operation>.html) gives it: the
// top of its "Valid Range", and the code of an out-of-range value. The code is
// InvalidLimitException where the page's "Errors" lists it, and otherwise ValidationException
// with the message of a modelled range violation.
type limitCase struct {
	op     string
	member string
	max    int32
	code   string
	call   func(s *config.Service, limit int32) error
}

// limitCases is the table of every operation that takes a Limit or MaxResults member.
func limitCases() []limitCase {
	const (
		invalid = "InvalidLimitException"
		valid   = "ValidationException"
	)
	return []limitCase{
		{"DescribeComplianceByResource", "limit", 100, valid, func(s *config.Service, l int32) error {
			_, err := s.DescribeComplianceByResource(ctx, &config.DescribeComplianceByResourceInput{Limit: l})
			return err
		}},
		{"GetComplianceDetailsByConfigRule", "limit", 100, valid, func(s *config.Service, l int32) error {
			_, err := s.GetComplianceDetailsByConfigRule(ctx, &config.GetComplianceDetailsByConfigRuleInput{ConfigRuleName: "r", Limit: l})
			return err
		}},
		{"DescribeConfigRuleEvaluationStatus", "limit", 50, valid, func(s *config.Service, l int32) error {
			_, err := s.DescribeConfigRuleEvaluationStatus(ctx, &config.DescribeConfigRuleEvaluationStatusInput{Limit: l})
			return err
		}},
		{"DescribeRemediationExecutionStatus", "limit", 100, valid, func(s *config.Service, l int32) error {
			_, err := s.DescribeRemediationExecutionStatus(ctx, &config.DescribeRemediationExecutionStatusInput{ConfigRuleName: "r", Limit: l})
			return err
		}},
		{"DescribeRemediationExceptions", "limit", 100, valid, func(s *config.Service, l int32) error {
			_, err := s.DescribeRemediationExceptions(ctx, &config.DescribeRemediationExceptionsInput{ConfigRuleName: "r", Limit: l})
			return err
		}},
		{"ListStoredQueries", "maxResults", 100, valid, func(s *config.Service, l int32) error {
			_, err := s.ListStoredQueries(ctx, &config.ListStoredQueriesInput{MaxResults: l})
			return err
		}},
		{"ListConfigurationRecorders", "maxResults", 20, valid, func(s *config.Service, l int32) error {
			_, err := s.ListConfigurationRecorders(ctx, &config.ListConfigurationRecordersInput{MaxResults: l})
			return err
		}},
		{"GetResourceConfigHistory", "limit", 100, invalid, func(s *config.Service, l int32) error {
			_, err := s.GetResourceConfigHistory(ctx, &config.GetResourceConfigHistoryInput{ResourceType: config.TypeAlarm, ResourceID: "a", Limit: l})
			return err
		}},
		{"ListDiscoveredResources", "limit", 100, invalid, func(s *config.Service, l int32) error {
			_, err := s.ListDiscoveredResources(ctx, &config.ListDiscoveredResourcesInput{ResourceType: config.TypeAlarm, Limit: l})
			return err
		}},
		{"GetDiscoveredResourceCounts", "limit", 100, invalid, func(s *config.Service, l int32) error {
			_, err := s.GetDiscoveredResourceCounts(ctx, &config.GetDiscoveredResourceCountsInput{Limit: l})
			return err
		}},
		{"DescribeConformancePacks", "limit", 20, invalid, func(s *config.Service, l int32) error {
			_, err := s.DescribeConformancePacks(ctx, &config.DescribeConformancePacksInput{Limit: l})
			return err
		}},
		{"DescribeConformancePackStatus", "limit", 20, invalid, func(s *config.Service, l int32) error {
			_, err := s.DescribeConformancePackStatus(ctx, &config.DescribeConformancePackStatusInput{Limit: l})
			return err
		}},
		{"DescribeConformancePackCompliance", "limit", 1000, invalid, func(s *config.Service, l int32) error {
			_, err := s.DescribeConformancePackCompliance(ctx, &config.DescribeConformancePackComplianceInput{ConformancePackName: "p", Limit: l})
			return err
		}},
		{"GetConformancePackComplianceSummary", "limit", 20, invalid, func(s *config.Service, l int32) error {
			_, err := s.GetConformancePackComplianceSummary(ctx, &config.GetConformancePackComplianceSummaryInput{ConformancePackNames: []string{"p"}, Limit: l})
			return err
		}},
		{"GetConformancePackComplianceDetails", "limit", 100, invalid, func(s *config.Service, l int32) error {
			_, err := s.GetConformancePackComplianceDetails(ctx, &config.GetConformancePackComplianceDetailsInput{ConformancePackName: "p", Limit: l})
			return err
		}},
		{"ListConformancePackComplianceScores", "limit", 20, invalid, func(s *config.Service, l int32) error {
			_, err := s.ListConformancePackComplianceScores(ctx, &config.ListConformancePackComplianceScoresInput{Limit: l})
			return err
		}},
		// The page's Valid Range says 0-100, but its text says the limit cannot be above 50.
		{"ListTagsForResource", "limit", 50, invalid, func(s *config.Service, l int32) error {
			_, err := s.ListTagsForResource(ctx, &config.ListTagsForResourceInput{ResourceArn: "arn:aws:config:us-east-1:123456789012:config-rule/config-rule-x", Limit: l})
			return err
		}},
	}
}

// TestLimitOutOfRange: one above the top of the range and -1 are refused with the operation's
// code (and, for a ValidationException, the message of a modelled range violation), and the
// top of the range itself is not refused for its limit.
func TestLimitOutOfRange(t *testing.T) {
	for _, tc := range limitCases() {
		t.Run(tc.op, func(t *testing.T) {
			e := newEnv(t)
			for _, v := range []struct {
				limit      int32
				constraint string
			}{
				{tc.max + 1, "Member must have value less than or equal to " + strconv.Itoa(int(tc.max))},
				{-1, "Member must have value greater than or equal to 0"},
			} {
				err := tc.call(e.s, v.limit)
				var ae smithy.APIError
				if !errors.As(err, &ae) || ae.ErrorCode() != tc.code {
					t.Fatalf("limit %d: got %v, want code %s", v.limit, err, tc.code)
				}
				want := fmt.Sprintf("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: %s", v.limit, tc.member, v.constraint)
				if tc.code == "ValidationException" && ae.ErrorMessage() != want {
					t.Fatalf("limit %d: message %q, want %q", v.limit, ae.ErrorMessage(), want)
				}
			}
			var ae smithy.APIError
			if err := tc.call(e.s, tc.max); err != nil && (strings.Contains(err.Error(), "at '"+tc.member+"'") ||
				errors.As(err, &ae) && ae.ErrorCode() == "InvalidLimitException") {
				t.Fatalf("limit %d (the top of the range) refused: %v", tc.max, err)
			}
		})
	}
}

// TestRemediationExceptionsDefaultPage: DescribeRemediationExceptions pages 25 exceptions by
// default (its Limit: "The default is 25. If you specify 0, Config uses the default.").
func TestRemediationExceptionsDefaultPage(t *testing.T) {
	e := newEnv(t)
	e.record(t, &config.RecordingGroup{ResourceTypes: []string{config.TypeAlarm}})
	if err := e.s.RegisterRemediationDocument("Doc", func(context.Context, config.RemediationRequest) error { return nil }); err != nil {
		t.Fatal(err)
	}
	get(e.s.PutConfigRule(ctx, managedRule("r", "CLOUDWATCH_ALARM_ACTION_CHECK", "")))(t)
	out := get(e.s.PutRemediationConfigurations(ctx, &config.PutRemediationConfigurationsInput{RemediationConfigurations: []config.RemediationConfiguration{
		{ConfigRuleName: "r", TargetType: "SSM_DOCUMENT", TargetID: "Doc"}}}))(t)
	if len(out.FailedBatches) != 0 {
		t.Fatalf("failed batches %+v", out)
	}
	keys := make([]config.RemediationExceptionResourceKey, 30)
	for i := range keys {
		keys[i] = config.RemediationExceptionResourceKey{ResourceType: config.TypeAlarm, ResourceID: fmt.Sprintf("a%02d", i)}
	}
	pe := get(e.s.PutRemediationExceptions(ctx, &config.PutRemediationExceptionsInput{ConfigRuleName: "r", ResourceKeys: keys}))(t)
	if len(pe.FailedBatches) != 0 {
		t.Fatalf("failed batches %+v", pe)
	}
	first := get(e.s.DescribeRemediationExceptions(ctx, &config.DescribeRemediationExceptionsInput{ConfigRuleName: "r"}))(t)
	if len(first.RemediationExceptions) != 25 || first.NextToken == "" {
		t.Fatalf("default page: %d exceptions, token %q", len(first.RemediationExceptions), first.NextToken)
	}
	rest := get(e.s.DescribeRemediationExceptions(ctx, &config.DescribeRemediationExceptionsInput{ConfigRuleName: "r", NextToken: first.NextToken}))(t)
	if len(rest.RemediationExceptions) != 5 || rest.NextToken != "" {
		t.Fatalf("second page: %d exceptions, token %q", len(rest.RemediationExceptions), rest.NextToken)
	}
	all := get(e.s.DescribeRemediationExceptions(ctx, &config.DescribeRemediationExceptionsInput{ConfigRuleName: "r", Limit: 100}))(t)
	if len(all.RemediationExceptions) != 30 {
		t.Fatalf("limit 100: %d exceptions", len(all.RemediationExceptions))
	}
}
