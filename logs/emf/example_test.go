package emf_test

import (
	"errors"
	"fmt"

	"github.com/watchsim/watchsim/logs/emf"
)

func ExampleDecode() {
	msg := `{"_aws": {"Timestamp": 1574109732004, "CloudWatchMetrics": [{"Namespace": "lambda-function-metrics",
		"Dimensions": [["functionVersion"]], "Metrics": [{"Name": "time", "Unit": "Milliseconds"}]}]},
		"functionVersion": "$LATEST", "time": [100, 42]}`
	datums, err := emf.Decode(msg)
	if err != nil {
		panic(err)
	}
	for _, d := range datums {
		fmt.Println(d.Namespace, d.MetricName, d.Dimensions, d.Values, d.Unit, d.StorageResolution, d.Timestamp)
	}
	// Output:
	// lambda-function-metrics time [{functionVersion $LATEST}] [100 42] Milliseconds 60 2019-11-18 20:42:12.004 +0000 UTC
}

// A validation error drops only the part it concerns: here the directive with a reserved
// namespace, and the metric whose target is a string.
func ExampleDecode_validationError() {
	msg := `{"_aws": {"Timestamp": 0, "CloudWatchMetrics": [
		{"Namespace": "AWS/Lambda", "Dimensions": [], "Metrics": [{"Name": "ok"}]},
		{"Namespace": "MyApp", "Dimensions": [], "Metrics": [{"Name": "ok"}, {"Name": "bad"}]}]},
		"ok": 1, "bad": "1"}`
	datums, err := emf.Decode(msg)
	for _, d := range datums {
		fmt.Println("published:", d.Namespace, d.MetricName)
	}
	var e *emf.Error
	if errors.As(err, &e) {
		fmt.Println(e.Kind.MetricName(), len(e.Reasons))
		for _, r := range e.Reasons {
			fmt.Println(r)
		}
	}
	// Output:
	// published: MyApp ok
	// EMFValidationErrors 2
	// _aws.CloudWatchMetrics[0]: Namespace "AWS/Lambda" uses the prefix AWS/, which is reserved for AWS
	// _aws.CloudWatchMetrics[1].Metrics[1]: metric "bad" targets a string, not a number or an array of numbers
}

func ExampleDecode_parsingError() {
	_, err := emf.Decode(`{"_aws": {"Timestamp": "now", "CloudWatchMetrics": []}}`)
	fmt.Println(err)
	// Output:
	// emf: parsing error: _aws.Timestamp is a string, not a number
}

func ExampleIsEMF() {
	fmt.Println(emf.IsEMF(`INFO request done`))
	fmt.Println(emf.IsEMF(`{"level": "info", "msg": "done"}`))
	fmt.Println(emf.IsEMF(`{"_aws": {"Timestamp": 1, "CloudWatchMetrics": []}}`))
	fmt.Println(emf.IsEMF(`{"_aws": {"Timestamp": 1, `)) // truncated: a parsing error
	// Output:
	// false
	// false
	// true
	// true
}
