package eventpattern_test

import (
	"errors"
	"fmt"

	"github.com/aws/smithy-go"
	"github.com/watchsim/watchsim/events/eventpattern"
)

func ExampleTestEventPattern() {
	event := `{"id":"1","account":"123456789012","source":"aws.ec2","time":"2026-01-01T00:00:00Z",
	  "region":"us-east-1","detail-type":"EC2 Instance State-change Notification",
	  "detail":{"state":"running","cpu":300.0}}`
	ok, err := eventpattern.TestEventPattern(`{"source":["aws.ec2"],"detail":{"state":[{"prefix":"run"}],"cpu":[300]}}`, event)
	fmt.Println(ok, err)

	_, err = eventpattern.TestEventPattern(`{"detail":{"state":"running"}}`, event)
	var ae smithy.APIError // what the AWS SDK returns; watchsim errors implement it
	errors.As(err, &ae)
	fmt.Println(ae.ErrorCode(), ae.ErrorMessage())
	// Output:
	// true <nil>
	// InvalidEventPatternException Event pattern is not valid. Reason: "state" must be an object or an array
}

func ExampleMatcher() {
	m, _ := eventpattern.NewMatcher()
	_ = m.AddPattern("all-ec2", `{"source":["aws.ec2"]}`)
	_ = m.AddPattern("not-running", `{"detail":{"state":[{"anything-but":"running"}]}}`)
	_ = m.AddPattern("big", `{"detail":{"size":[{"numeric":[">",100]}]}}`)

	ids, _ := m.MatchesForEvent([]byte(`{"source":"aws.ec2","detail":{"state":"stopped","size":50}}`))
	fmt.Println(ids)
	// Output:
	// [all-ec2 not-running]
}

func ExampleCompile() {
	p, err := eventpattern.Compile(`{"items":{"name":["apple"],"qty":[{"numeric":[">=",3]}]}}`)
	if err != nil {
		panic(err)
	}
	// Fields under one array of objects must match within the same element.
	fmt.Println(p.Matches([]byte(`{"items":[{"name":"apple","qty":1},{"name":"pear","qty":5}]}`)))
	fmt.Println(p.Matches([]byte(`{"items":[{"name":"apple","qty":4}]}`)))
	// Output:
	// false <nil>
	// true <nil>
}

func ExampleWithMaxPatternLength() {
	// EventBridge limits patterns to 2,048 characters unless the quota is raised.
	long := `{"source":["` + fmt.Sprintf("%03000d", 0) + `"]}`
	_, err := eventpattern.Compile(long)
	var ae smithy.APIError
	fmt.Println(errors.As(err, &ae) && ae.ErrorCode() == eventpattern.InvalidEventPatternCode)
	_, err = eventpattern.Compile(long, eventpattern.WithMaxPatternLength(4096))
	fmt.Println(err)
	// Output:
	// true
	// <nil>
}
