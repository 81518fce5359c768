package logs_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/logs"
)

func TestCreateLogGroupErrors(t *testing.T) {
	s, _ := newService(t)
	mustGroup(t, s, "/app/web", "")
	for _, tc := range []struct {
		name      string
		in        logs.CreateLogGroupInput
		code, msg string
	}{
		{"duplicate", logs.CreateLogGroupInput{LogGroupName: "/app/web"}, logs.ResourceAlreadyExistsException, "The specified log group already exists"},
		{"513 chars", logs.CreateLogGroupInput{LogGroupName: strings.Repeat("a", 513)}, logs.InvalidParameterException,
			"Invalid LogGroup or LogStream, both must have length less than or equal to 512."},
		{"empty", logs.CreateLogGroupInput{}, logs.InvalidParameterException,
			"1 validation error detected: Value null at 'logGroupName' failed to satisfy constraint: Member must not be null"},
		{"bad char", logs.CreateLogGroupInput{LogGroupName: "a b"}, logs.InvalidParameterException,
			`1 validation error detected: Value 'a b' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+`},
		{"bad class", logs.CreateLogGroupInput{LogGroupName: "x", LogGroupClass: "COLD"}, logs.InvalidParameterException, ""},
		{"delivery class", logs.CreateLogGroupInput{LogGroupName: "x", LogGroupClass: "DELIVERY"}, bus.NotSimulatedCode, ""},
		{"reserved tag", logs.CreateLogGroupInput{LogGroupName: "x", Tags: map[string]string{"aws:x": "1"}}, logs.InvalidParameterException, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.CreateLogGroup(ctx, &tc.in)
			wantErr(t, err, tc.code, tc.msg)
		})
	}
	if _, err := s.CreateLogGroup(ctx, &logs.CreateLogGroupInput{LogGroupName: strings.Repeat("a", 512)}); err != nil {
		t.Errorf("512 chars: %v", err)
	}
	if _, err := s.CreateLogGroup(ctx, &logs.CreateLogGroupInput{LogGroupName: "/aws/lambda/f"}); err != nil {
		t.Errorf("/aws/ groups are ordinary names: %v", err)
	}
}

func TestDescribeLogGroups(t *testing.T) {
	s, _ := newService(t)
	for _, n := range []string{"DataLogs", "aws.DataLogs", "GroupDataLogs", "datalogs", "Data-log-s", "Groupdata", "B", "a"} {
		mustGroup(t, s, n, "")
	}
	names := func(out *logs.DescribeLogGroupsOutput) []string {
		var ns []string
		for _, g := range out.LogGroups {
			ns = append(ns, g.LogGroupName)
		}
		return ns
	}
	out, err := s.DescribeLogGroups(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(names(out), ","); got != "B,Data-log-s,DataLogs,GroupDataLogs,Groupdata,a,aws.DataLogs,datalogs" {
		t.Errorf("ASCII order: %s", got)
	}
	g := out.LogGroups[0]
	if g.Arn != "arn:aws:logs:us-east-1:123456789012:log-group:B:*" || g.LogGroupArn != "arn:aws:logs:us-east-1:123456789012:log-group:B" ||
		g.LogGroupClass != "STANDARD" || g.RetentionInDays != nil || g.StoredBytes == nil || *g.StoredBytes != 0 {
		t.Errorf("item = %+v", g)
	}
	raw, _ := json.Marshal(g)
	if strings.Contains(string(raw), "retentionInDays") || !strings.Contains(string(raw), `"deletionProtectionEnabled":false`) {
		t.Errorf("JSON = %s", raw)
	}
	out, _ = s.DescribeLogGroups(ctx, &logs.DescribeLogGroupsInput{LogGroupNamePattern: "DataLogs"})
	if got := strings.Join(names(out), ","); got != "DataLogs,GroupDataLogs,aws.DataLogs" {
		t.Errorf("pattern (substring, case-sensitive): %s", got)
	}
	if out.LogGroups[0].StoredBytes != nil {
		t.Error("with a pattern storedBytes is left out, as AWS does")
	}
	out, _ = s.DescribeLogGroups(ctx, &logs.DescribeLogGroupsInput{LogGroupNamePrefix: "Data"})
	if got := strings.Join(names(out), ","); got != "Data-log-s,DataLogs" {
		t.Errorf("prefix: %s", got)
	}
	_, err = s.DescribeLogGroups(ctx, &logs.DescribeLogGroupsInput{LogGroupNamePrefix: "a", LogGroupNamePattern: "b"})
	wantErr(t, err, logs.InvalidParameterException, "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.")
	_, err = s.DescribeLogGroups(ctx, &logs.DescribeLogGroupsInput{Limit: ptr[int32](51)})
	wantErr(t, err, logs.InvalidParameterException, "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50")
	_, err = s.DescribeLogGroups(ctx, &logs.DescribeLogGroupsInput{NextToken: "bogus"})
	wantErr(t, err, logs.InvalidParameterException, "The specified nextToken is invalid.")
	// Paging returns every group once.
	var all []string
	in := &logs.DescribeLogGroupsInput{Limit: ptr[int32](3)}
	for {
		out, err := s.DescribeLogGroups(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, names(out)...)
		if out.NextToken == "" {
			break
		}
		in.NextToken = out.NextToken
	}
	if len(all) != 8 {
		t.Errorf("paging returned %d groups: %v", len(all), all)
	}
	lo, err := s.ListLogGroups(ctx, &logs.ListLogGroupsInput{LogGroupNamePattern: "^Dat|roupd"})
	if err != nil {
		t.Fatal(err)
	}
	if len(lo.LogGroups) != 3 {
		t.Errorf("ListLogGroups ^Dat|roupd = %+v", lo.LogGroups)
	}
	_, err = s.ListLogGroups(ctx, &logs.ListLogGroupsInput{LogGroupNamePattern: "ab"})
	wantErr(t, err, logs.InvalidParameterException, "")
}

func TestRetentionAndTags(t *testing.T) {
	s, b := newService(t)
	var changes []bus.ResourceChange
	bus.Subscribe(b, bus.ResourceChanges(), func(_ context.Context, c bus.ResourceChange) { changes = append(changes, c) })
	if _, err := s.CreateLogGroup(ctx, &logs.CreateLogGroupInput{LogGroupName: "g", Tags: map[string]string{"team": "a"}}); err != nil {
		t.Fatal(err)
	}
	for _, d := range []int32{2, 0, 4000, -1} {
		_, err := s.PutRetentionPolicy(ctx, &logs.PutRetentionPolicyInput{LogGroupName: "g", RetentionInDays: d})
		wantErr(t, err, logs.InvalidParameterException, "")
	}
	for _, d := range []int32{1, 3, 1096, 3653} {
		if _, err := s.PutRetentionPolicy(ctx, &logs.PutRetentionPolicyInput{LogGroupName: "g", RetentionInDays: d}); err != nil {
			t.Errorf("%d days: %v", d, err)
		}
	}
	out, _ := s.DescribeLogGroups(ctx, nil)
	if r := out.LogGroups[0].RetentionInDays; r == nil || *r != 3653 {
		t.Errorf("retention = %v", r)
	}
	if _, err := s.DeleteRetentionPolicy(ctx, &logs.DeleteRetentionPolicyInput{LogGroupName: "g"}); err != nil {
		t.Fatal(err)
	}
	out, _ = s.DescribeLogGroups(ctx, nil)
	if out.LogGroups[0].RetentionInDays != nil {
		t.Error("retention still set after DeleteRetentionPolicy")
	}
	arn := "arn:aws:logs:us-east-1:123456789012:log-group:g"
	if _, err := s.TagResource(ctx, &logs.TagResourceInput{ResourceArn: arn, Tags: map[string]string{"env": "prod", "team": "b"}}); err != nil {
		t.Fatal(err)
	}
	lt, _ := s.ListTagsLogGroup(ctx, &logs.ListTagsLogGroupInput{LogGroupName: "g"})
	if len(lt.Tags) != 2 || lt.Tags["team"] != "b" {
		t.Errorf("both tag APIs share one view: %v", lt.Tags)
	}
	if _, err := s.UntagLogGroup(ctx, &logs.UntagLogGroupInput{LogGroupName: "g", Tags: []string{"env"}}); err != nil {
		t.Fatal(err)
	}
	lr, _ := s.ListTagsForResource(ctx, &logs.ListTagsForResourceInput{ResourceArn: arn})
	if len(lr.Tags) != 1 {
		t.Errorf("tags = %v", lr.Tags)
	}
	many := map[string]string{}
	for i := range 50 {
		many[strings.Repeat("k", i+1)] = "v"
	}
	_, err := s.TagResource(ctx, &logs.TagResourceInput{ResourceArn: arn, Tags: many})
	wantErr(t, err, logs.TooManyTagsException, "")
	// Deletion protection blocks deletes.
	if _, err := s.PutLogGroupDeletionProtection(ctx, &logs.PutLogGroupDeletionProtectionInput{LogGroupIdentifier: "g", DeletionProtectionEnabled: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	_, err = s.DeleteLogGroup(ctx, &logs.DeleteLogGroupInput{LogGroupName: "g"})
	wantErr(t, err, logs.ValidationException, "")
	s.PutLogGroupDeletionProtection(ctx, &logs.PutLogGroupDeletionProtectionInput{LogGroupIdentifier: "g", DeletionProtectionEnabled: ptr(false)})
	if _, err := s.DeleteLogGroup(ctx, &logs.DeleteLogGroupInput{LogGroupName: "g"}); err != nil {
		t.Fatal(err)
	}
	_, err = s.DeleteLogGroup(ctx, &logs.DeleteLogGroupInput{LogGroupName: "g"})
	wantErr(t, err, logs.ResourceNotFoundException, "The specified log group does not exist.")
	var kinds []string
	for _, c := range changes {
		kinds = append(kinds, string(c.ChangeType))
	}
	if got := strings.Join(kinds, ","); !strings.HasPrefix(got, "CREATE,UPDATE") || !strings.HasSuffix(got, "DELETE") {
		t.Errorf("resource changes = %s", got)
	}
}

func TestStreams(t *testing.T) {
	s, b := newService(t)
	mustGroup(t, s, "g", "b-stream")
	_, err := s.CreateLogStream(ctx, &logs.CreateLogStreamInput{LogGroupName: "g", LogStreamName: "b-stream"})
	wantErr(t, err, logs.ResourceAlreadyExistsException, "The specified log stream already exists")
	_, err = s.CreateLogStream(ctx, &logs.CreateLogStreamInput{LogGroupName: "nope", LogStreamName: "x"})
	wantErr(t, err, logs.ResourceNotFoundException, "The specified log group does not exist.")
	_, err = s.CreateLogStream(ctx, &logs.CreateLogStreamInput{LogGroupName: "g", LogStreamName: "a:b"})
	wantErr(t, err, logs.InvalidParameterException, "1 validation error detected: Value 'a:b' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*")
	mustGroup2 := func(n string) {
		if _, err := s.CreateLogStream(ctx, &logs.CreateLogStreamInput{LogGroupName: "g", LogStreamName: n}); err != nil {
			t.Fatal(err)
		}
	}
	mustGroup2("a-stream")
	mustGroup2("c-stream")
	now := ms(b.Now())
	put(t, s, "g", "c-stream", []int64{now - 5000}, "old")
	put(t, s, "g", "a-stream", []int64{now - 1000}, "new")
	out, err := s.DescribeLogStreams(ctx, &logs.DescribeLogStreamsInput{LogGroupName: "g"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.LogStreams) != 3 || out.LogStreams[0].LogStreamName != "a-stream" {
		t.Fatalf("streams = %+v", out.LogStreams)
	}
	empty := out.LogStreams[1]
	raw, _ := json.Marshal(empty)
	if string(raw) != `{"logStreamName":"b-stream","creationTime":`+itoa(now)+`,"arn":"arn:aws:logs:us-east-1:123456789012:log-group:g:log-stream:b-stream","storedBytes":0}` {
		t.Errorf("empty stream JSON = %s", raw)
	}
	a := out.LogStreams[0]
	if *a.FirstEventTimestamp != now-1000 || *a.LastIngestionTime != now || len(a.UploadSequenceToken) != 56 {
		t.Errorf("a-stream = %+v", a)
	}
	out, _ = s.DescribeLogStreams(ctx, &logs.DescribeLogStreamsInput{LogGroupIdentifier: "arn:aws:logs:us-east-1:123456789012:log-group:g",
		OrderBy: "LastEventTime", Descending: ptr(true)})
	if out.LogStreams[0].LogStreamName != "a-stream" || out.LogStreams[1].LogStreamName != "c-stream" {
		t.Errorf("by LastEventTime desc: %v, %v", out.LogStreams[0].LogStreamName, out.LogStreams[1].LogStreamName)
	}
	_, err = s.DescribeLogStreams(ctx, &logs.DescribeLogStreamsInput{LogGroupName: "g", OrderBy: "LastEventTime", LogStreamNamePrefix: "a"})
	wantErr(t, err, logs.InvalidParameterException, "Cannot order by LastEventTime with a logStreamNamePrefix.")
	_, err = s.DescribeLogStreams(ctx, &logs.DescribeLogStreamsInput{LogGroupName: "g", LogGroupIdentifier: "g"})
	wantErr(t, err, logs.ValidationException, "LogGroup name and LogGroup ARN are mutually exclusive parameters.")
	_, err = s.DescribeLogStreams(ctx, &logs.DescribeLogStreamsInput{LogGroupIdentifier: "arn:aws:logs:us-east-1:123456789012:log-group:g:*"})
	wantErr(t, err, logs.InvalidParameterException, `1 validation error detected: Value 'arn:aws:logs:us-east-1:123456789012:log-group:g:*' at 'logGroupIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w#+=/:,.@-]*`)
	page, _ := s.DescribeLogStreams(ctx, &logs.DescribeLogStreamsInput{LogGroupName: "g", Limit: ptr[int32](2)})
	next, _ := s.DescribeLogStreams(ctx, &logs.DescribeLogStreamsInput{LogGroupName: "g", Limit: ptr[int32](2), NextToken: page.NextToken})
	if len(page.LogStreams) != 2 || len(next.LogStreams) != 1 || next.NextToken != "" || next.LogStreams[0].LogStreamName != "c-stream" {
		t.Errorf("paging: %+v / %+v", page, next)
	}
	if _, err := s.DeleteLogStream(ctx, &logs.DeleteLogStreamInput{LogGroupName: "g", LogStreamName: "a-stream"}); err != nil {
		t.Fatal(err)
	}
	_, err = s.DeleteLogStream(ctx, &logs.DeleteLogStreamInput{LogGroupName: "g", LogStreamName: "a-stream"})
	wantErr(t, err, logs.ResourceNotFoundException, "The specified log stream does not exist.")
}

func TestKmsKey(t *testing.T) {
	s, _ := newService(t)
	mustGroup(t, s, "g", "")
	key := "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	if _, err := s.AssociateKmsKey(ctx, &logs.AssociateKmsKeyInput{LogGroupName: "g", KmsKeyID: key}); err != nil {
		t.Fatal(err)
	}
	out, _ := s.DescribeLogGroups(ctx, nil)
	if out.LogGroups[0].KmsKeyID != key {
		t.Errorf("kmsKeyId = %q", out.LogGroups[0].KmsKeyID)
	}
	_, err := s.AssociateKmsKey(ctx, &logs.AssociateKmsKeyInput{LogGroupName: "g", KmsKeyID: "not-an-arn"})
	wantErr(t, err, logs.InvalidParameterException, "")
	s.DisassociateKmsKey(ctx, &logs.DisassociateKmsKeyInput{LogGroupName: "g"})
	out, _ = s.DescribeLogGroups(ctx, nil)
	if out.LogGroups[0].KmsKeyID != "" {
		t.Error("key still set")
	}
}
