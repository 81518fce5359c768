package filterpattern_test

import (
	"errors"
	"fmt"

	"github.com/aws/smithy-go"
	"github.com/watchsim/watchsim/logs/filterpattern"
)

func ExampleCompile() {
	p, err := filterpattern.Compile(`{ $.eventType = "UpdateTrail" || $.latency > 500 }`)
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Kind())
	fmt.Println(p.Matches(`{"eventType": "UpdateTrail"}`))
	fmt.Println(p.Matches(`{"eventType": "GetTrail", "latency": 750}`))
	fmt.Println(p.Matches(`INFO {"eventType": "UpdateTrail"}`)) // not a whole JSON event
	// Output:
	// JSON
	// true
	// true
	// false
}

func ExampleCompile_regex() {
	p, _ := filterpattern.Compile(`%\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}%`)
	fmt.Println(p.Matches("client 10.0.3.17 connected"), p.Matches("no address"))
	// Output: true false
}

func ExampleCompile_invalid() {
	_, err := filterpattern.Compile(`?Status: timeout`)
	var ae smithy.APIError // what the AWS SDK returns; watchsim errors implement it
	errors.As(err, &ae)
	fmt.Println(ae.ErrorCode())
	fmt.Println(ae.ErrorMessage())
	// Output:
	// InvalidParameterException
	// Invalid character(s) in term ':'
}

func ExamplePattern_Match() {
	p, _ := filterpattern.Compile(`[ip, user, username, timestamp, request = "GET *", status_code = 4*, bytes]`)
	m, ok := p.Match(`127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534`)
	fmt.Println(ok)
	fmt.Println(m.Field("$timestamp"))
	fmt.Println(m.Field("$7"))
	// Output:
	// true
	// 10/Oct/2000:13:25:15 -0700 true
	// 1534 true
}

func ExampleTestMetricFilter() {
	matches, err := filterpattern.TestMetricFilter(`[..., size]`, []string{
		"127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 1534",
		"short line 99",
	})
	if err != nil {
		panic(err)
	}
	for _, m := range matches {
		fmt.Println(m.EventNumber, m.ExtractedValues)
	}
	// Output:
	// 1 map[$1:127.0.0.1 $2:- $3:frank $4:10/Oct/2000:13:25:15 -0700 $5:GET /apache_pb.gif HTTP/1.0 $6:200 $size:1534]
	// 2 map[$1:short $2:line $size:99]
}

func ExampleMetricFilterEvaluator_Evaluate() {
	zero := 0.0
	e, err := filterpattern.CompileMetricFilter(`{ $.latency = * }`, filterpattern.MetricTransformation{
		MetricName: "Latency", MetricNamespace: "App", MetricValue: "$.latency", DefaultValue: &zero,
	})
	if err != nil {
		panic(err)
	}
	for _, msg := range []string{`{"latency": 50}`, `{"status": 200}`} {
		obs, ok := e.Evaluate(msg)
		fmt.Println(ok, obs.Matched, obs.Value)
	}
	// Output:
	// true true 50
	// true false 0
}
