package query

import (
	"fmt"

	"github.com/watchsim/watchsim/internal/awserr"
)

// Error codes of SelectResourceConfig
// (https://docs.aws.amazon.com/config/latest/APIReference/API_SelectResourceConfig.html).
const (
	// InvalidExpressionException: "The syntax of the query is incorrect."
	InvalidExpressionException = "InvalidExpressionException"
	// InvalidLimitException: "The specified limit is outside the allowable range."
	InvalidLimitException = "InvalidLimitException"
	// InvalidNextTokenException: "The specified next token is not valid. Specify the nextToken string
	// that was returned in the previous response to get the next page of results."
	InvalidNextTokenException = "InvalidNextTokenException"
)

// Messages of the paging errors, worded as the SelectResourceConfig API reference describes the
// errors (https://docs.aws.amazon.com/config/latest/APIReference/API_SelectResourceConfig.html).
const (
	msgInvalidLimit     = "The specified limit is outside the allowable range."
	msgInvalidNextToken = "The specified next token is not valid. Specify the nextToken string that was returned in the previous response to get the next page of results."
)

// service is the name NotSimulatedError values carry.
const service = "config"

// syntaxError is the InvalidExpressionException AWS answers for an expression its parser rejects.
// AWS words it "syntax error at line L, column C" (observed: awslabs/backstage-plugins-for-aws#182,
// "syntax error at line 1, column 51"); the line counts from 1 and the column from 0, as the
// ANTLR-style parsers that produce this wording count them [derived].
func syntaxError(t token) error {
	return awserr.ClientErrorf(InvalidExpressionException, "syntax error at line %d, column %d", t.line, t.col)
}

// invalid is an InvalidExpressionException for a rule of the DG's Limitations list
// (https://docs.aws.amazon.com/config/latest/developerguide/querying-AWS-resources.html#query-limitations).
// AWS's exact wording for these refusals is not published; the messages name the rule broken.
func invalid(format string, args ...any) error {
	return awserr.ClientError(InvalidExpressionException, fmt.Sprintf(format, args...))
}

// notSimulated refuses grammar AWS may accept but whose AWS behaviour is not documented.
func notSimulated(format string, args ...any) error {
	return awserr.NotSimulatedf(service, "advanced query: "+format, args...)
}
