package trail

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
	"pgregory.net/rapid"
)

// The selector configurations the conservation property draws from, each with an independent
// statement of which records it selects.
var selectorConfigs = []struct {
	name   string
	put    *PutEventSelectorsInput
	wanted func(cat Category, readOnly bool) bool
}{
	{"default", nil, func(c Category, _ bool) bool { return c == Management }},
	{"write-only", &PutEventSelectorsInput{EventSelectors: []EventSelector{{ReadWriteType: "WriteOnly"}}},
		func(c Category, ro bool) bool { return c == Management && !ro }},
	{"read-only", &PutEventSelectorsInput{EventSelectors: []EventSelector{{ReadWriteType: "ReadOnly"}}},
		func(c Category, ro bool) bool { return c == Management && ro }},
	{"metric data", &PutEventSelectorsInput{AdvancedEventSelectors: []AdvancedEventSelector{{FieldSelectors: []AdvancedFieldSelector{
		{Field: "eventCategory", Equals: []string{"Data"}}, {Field: "resources.type", Equals: []string{"AWS::CloudWatch::Metric"}}}}}},
		func(c Category, _ bool) bool { return c == Data }},
	{"management writes and metric data", &PutEventSelectorsInput{AdvancedEventSelectors: []AdvancedEventSelector{
		{FieldSelectors: []AdvancedFieldSelector{{Field: "eventCategory", Equals: []string{"Management"}}, {Field: "readOnly", Equals: []string{"false"}}}},
		{FieldSelectors: []AdvancedFieldSelector{{Field: "eventCategory", Equals: []string{"Data"}}, {Field: "resources.type", Equals: []string{"AWS::CloudWatch::Metric"}}}}}},
		func(c Category, ro bool) bool { return c == Data || !ro }},
}

type noInput struct{ Namespace string }

// script is a drawn sequence of calls: kinds 0 management read, 1 failing management write,
// 2 PutMetricData, 3 ListMetrics, 4 advance.
type script struct {
	configs []int
	steps   []int
	waits   []int
}

func drawScript(t *rapid.T) script {
	var s script
	s.configs = rapid.SliceOfN(rapid.IntRange(0, len(selectorConfigs)-1), 1, 3).Draw(t, "configs")
	s.steps = rapid.SliceOfN(rapid.IntRange(0, 4), 1, 40).Draw(t, "steps")
	s.waits = make([]int, len(s.steps))
	for i := range s.steps {
		if s.steps[i] == 4 {
			s.waits[i] = rapid.IntRange(1, 180).Draw(t, "minutes")
		}
	}
	return s
}

// run plays a script on a fresh bus; it returns the env and every call recorded (built records).
func (s script) run(t testing.TB, seed uint64) (*env, []*bus.S3Bucket, []Record) {
	b := bus.MustNew(bus.WithSeed(seed))
	svc := must(New(b, WithSigningKey(testKey(t))))
	e := &env{b: b, s: svc}
	var all []Record
	var bd Builder
	bus.Subscribe(b, bus.APICalls(), func(_ context.Context, c bus.APICall) {
		if r, ok := bd.Build(&c); ok {
			all = append(all, r)
		}
	})
	ctx := context.Background()
	var buckets []*bus.S3Bucket
	tr := true
	for i, c := range s.configs {
		bk := must(bus.NewS3Bucket(b, fmt.Sprintf("bucket-%d", i)))
		buckets = append(buckets, bk)
		name := fmt.Sprintf("trail-%d", i)
		must(svc.CreateTrail(ctx, &CreateTrailInput{Name: name, S3BucketName: bk.Name(), EnableLogFileValidation: &tr}))
		if p := selectorConfigs[c].put; p != nil {
			in := *p
			in.TrailName = name
			must(svc.PutEventSelectors(ctx, &in))
		}
		must(svc.StartLogging(ctx, &StartLoggingInput{Name: name}))
	}
	for i, k := range s.steps {
		switch k {
		case 0:
			must(svc.DescribeTrails(ctx, &DescribeTrailsInput{}))
		case 1:
			_, _ = svc.UpdateTrail(ctx, &UpdateTrailInput{Name: "no-such-trail"})
		case 2, 3:
			name, ro := "PutMetricData", false
			if k == 3 {
				name, ro = "ListMetrics", true
			}
			_, _ = bus.Call(ctx, b, bus.Operation{Source: SourceCloudWatch, Name: name, ReadOnly: ro}, &noInput{"A"},
				func(context.Context, *noInput) (*struct{}, error) { return &struct{}{}, nil })
		case 4:
			_ = b.Advance(time.Duration(s.waits[i]) * time.Minute)
		}
	}
	_ = b.Advance(70 * time.Minute)
	return e, buckets, all
}

func TestPropertyConservation(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		sc := drawScript(rt)
		e, buckets, all := sc.run(t, 1)
		defer e.b.Close()
		ctx := context.Background()
		// Event history: every management event exactly once, no data event.
		seen := map[string]int{}
		in := &LookupEventsInput{}
		for {
			out := must(e.s.LookupEvents(ctx, in))
			for _, ev := range out.Events {
				seen[ev.EventID]++
			}
			if out.NextToken == "" {
				break
			}
			in.NextToken = out.NextToken
		}
		for _, r := range all {
			n := seen[r.EventID]
			if r.Category == Management && n != 1 && r.EventName != "LookupEvents" {
				rt.Fatalf("management event %s (%s) appears %d times in Event history", r.EventID, r.EventName, n)
			}
			if r.Category == Data && n != 0 {
				rt.Fatalf("data event %s in Event history", r.EventName)
			}
		}
		// Each trail's files: exactly the records its selectors want, once each, from StartLogging on.
		for i, c := range sc.configs {
			got := map[string]int{}
			e.bucket = buckets[i]
			for _, r := range e.logRecords(t) {
				got[r["eventID"].(string)]++
			}
			started := false
			for _, r := range all {
				if r.EventName == "StartLogging" && strings.Contains(string(r.JSON), fmt.Sprintf(`"name":"trail-%d"`, i)) {
					started = true
				}
				if !started || r.EventName == "LookupEvents" {
					continue
				}
				want := 0
				if selectorConfigs[c].wanted(r.Category, r.ReadOnly) {
					want = 1
				}
				if got[r.EventID] != want {
					rt.Fatalf("trail %d (%s): %s appears %d times, want %d", i, selectorConfigs[c].name, r.EventName, got[r.EventID], want)
				}
			}
			// The digest chain of every trail validates.
			rep := must(e.s.ValidateLogs(ValidateLogsInput{TrailARN: fmt.Sprintf("arn:aws:cloudtrail:us-east-1:123456789012:trail/trail-%d", i),
				StartTime: e.s.epoch, Strict: true}))
			if rep.ExitCode != 0 {
				rt.Fatalf("trail %d does not validate:\n%s", i, rep.Output)
			}
		}
	})
}

// TestPropertyDeterminism: the same seed and calls give byte-identical files, digests and signatures.
func TestPropertyDeterminism(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		sc := drawScript(rt)
		e1, b1, _ := sc.run(t, 7)
		e2, b2, _ := sc.run(t, 7)
		defer e1.b.Close()
		defer e2.b.Close()
		for i := range b1 {
			o1, o2 := b1[i].List(""), b2[i].List("")
			if len(o1) != len(o2) {
				rt.Fatalf("bucket %d: %d objects vs %d", i, len(o1), len(o2))
			}
			for j := range o1 {
				if o1[j].Key != o2[j].Key || !bytes.Equal(o1[j].Body, o2[j].Body) || o1[j].Metadata["signature"] != o2[j].Metadata["signature"] {
					rt.Fatalf("bucket %d object %s differs", i, o1[j].Key)
				}
			}
		}
	})
}

// TestPropertyTamperingDetected: any single modification (of the content) or deletion of a log
// file a digest lists, or of a digest, is reported by ValidateLogs in strict mode.
func TestPropertyTamperingDetected(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		sc := script{configs: []int{0}, steps: []int{0, 4, 0, 4, 1, 4, 0, 4}, waits: []int{0, 40, 0, 50, 0, 70, 0, 30}}
		e, buckets, _ := sc.run(t, 1)
		defer e.b.Close()
		bk := buckets[0]
		// The objects digests cover: every digest and the log files they list.
		var targets []string
		for _, o := range bk.List("") {
			if strings.Contains(o.Key, "/CloudTrail-Digest/") {
				targets = append(targets, o.Key)
				var d struct {
					LogFiles []struct {
						S3Object string `json:"s3Object"`
					} `json:"logFiles"`
				}
				_ = json.Unmarshal(gunzipBytes(o.Body), &d)
				for _, lf := range d.LogFiles {
					targets = append(targets, lf.S3Object)
				}
			}
		}
		key := rapid.SampledFrom(targets).Draw(rt, "object")
		o := must(bk.Get(key))
		if rapid.Bool().Draw(rt, "delete") {
			bk.Delete(key)
		} else {
			raw := gunzipBytes(o.Body)
			i := rapid.IntRange(0, len(raw)-1).Draw(rt, "byte")
			raw[i] ^= byte(rapid.IntRange(1, 255).Draw(rt, "xor"))
			_ = bk.Put(key, gzipBytes(raw), o.Metadata)
		}
		rep := must(e.s.ValidateLogs(ValidateLogsInput{TrailARN: "arn:aws:cloudtrail:us-east-1:123456789012:trail/trail-0",
			StartTime: e.s.epoch, Strict: true}))
		if rep.ExitCode != 1 || !strings.Contains(rep.Stderr, key) {
			rt.Fatalf("tampering with %s not reported:\n%s", key, rep.Output)
		}
	})
}
