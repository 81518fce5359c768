package trail

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/watchsim/watchsim/bus"
)

func TestSelectorValidation(t *testing.T) {
	mgmt := AdvancedFieldSelector{Field: "eventCategory", Equals: []string{"Management"}}
	data := AdvancedFieldSelector{Field: "eventCategory", Equals: []string{"Data"}}
	metric := AdvancedFieldSelector{Field: "resources.type", Equals: []string{"AWS::CloudWatch::Metric"}}
	ok := [][]AdvancedEventSelector{
		{{FieldSelectors: []AdvancedFieldSelector{mgmt}}},
		{{FieldSelectors: []AdvancedFieldSelector{mgmt, {Field: "readOnly", Equals: []string{"false"}}}}},
		{{FieldSelectors: []AdvancedFieldSelector{mgmt, {Field: "eventSource", NotEquals: []string{"kms.amazonaws.com"}}}}},
		{{Name: "metrics", FieldSelectors: []AdvancedFieldSelector{data, metric, {Field: "eventName", StartsWith: []string{"Put"}}}}},
	}
	for _, s := range ok {
		if err := ValidateAdvancedEventSelectors(s); err != nil {
			t.Errorf("%+v: %v", s, err)
		}
	}
	bad := [][]AdvancedEventSelector{
		{{FieldSelectors: nil}},
		{{FieldSelectors: []AdvancedFieldSelector{{Field: "readOnly", Equals: []string{"true"}}}}},
		{{FieldSelectors: []AdvancedFieldSelector{mgmt, {Field: "eventName", Equals: []string{"x"}}}}},
		{{FieldSelectors: []AdvancedFieldSelector{data}}},
		{{FieldSelectors: []AdvancedFieldSelector{data, {Field: "resources.type", StartsWith: []string{"AWS::"}}}}},
		{{FieldSelectors: []AdvancedFieldSelector{mgmt, {Field: "readOnly", Equals: []string{"yes"}}}}},
		{{FieldSelectors: []AdvancedFieldSelector{{Field: "eventCategory", Equals: []string{"Other"}}}}},
		{{FieldSelectors: []AdvancedFieldSelector{{Field: "bad field!", Equals: []string{"x"}}}}},
		{{FieldSelectors: []AdvancedFieldSelector{mgmt, {Field: "eventSource", NotEquals: []string{""}}}}},
	}
	for _, s := range bad {
		if err := ValidateAdvancedEventSelectors(s); bus.ErrorCode(err) != ErrInvalidEventSelectors {
			t.Errorf("%+v: %v", s, err)
		}
	}
	if err := ValidateAdvancedEventSelectors([]AdvancedEventSelector{{FieldSelectors: []AdvancedFieldSelector{
		{Field: "eventCategory", Equals: []string{"NetworkActivity"}}}}}); !bus.IsNotSimulated(err) {
		t.Errorf("network activity: %v", err)
	}
	many := make([]string, 501)
	for i := range many {
		many[i] = "Put" + string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	if err := ValidateAdvancedEventSelectors([]AdvancedEventSelector{{FieldSelectors: []AdvancedFieldSelector{data, metric,
		{Field: "eventName", Equals: many}}}}); bus.ErrorCode(err) != ErrInvalidEventSelectors {
		t.Errorf("501 values: %v", err)
	}
	if _, err := ValidateEventSelectors([]EventSelector{{ReadWriteType: "read-only"}}); bus.ErrorCode(err) != ErrInvalidEventSelectors {
		t.Error(err)
	}
	if _, err := ValidateEventSelectors(make([]EventSelector, 6)); bus.ErrorCode(err) != ErrInvalidEventSelectors {
		t.Error(err)
	}
	if _, err := ValidateEventSelectors([]EventSelector{{DataResources: []DataResource{{Type: "AWS::CloudWatch::Metric", Values: []string{"x"}}}}}); bus.ErrorCode(err) != ErrInvalidEventSelectors {
		t.Error(err)
	}
}

// TestSelectorsChooseRecords runs calls through trails with different selectors and checks which
// records each trail's files hold.
func TestSelectorsChooseRecords(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	b2 := must(bus.NewS3Bucket(e.b, "writes-bucket"))
	b3 := must(bus.NewS3Bucket(e.b, "data-bucket"))
	must(e.s.CreateTrail(ctx, &CreateTrailInput{Name: "writes", S3BucketName: "writes-bucket"}))
	must(e.s.PutEventSelectors(ctx, &PutEventSelectorsInput{TrailName: "writes", EventSelectors: []EventSelector{{ReadWriteType: "WriteOnly"}}}))
	must(e.s.CreateTrail(ctx, &CreateTrailInput{Name: "data", S3BucketName: "data-bucket"}))
	must(e.s.PutEventSelectors(ctx, &PutEventSelectorsInput{TrailName: "data", AdvancedEventSelectors: []AdvancedEventSelector{{
		FieldSelectors: []AdvancedFieldSelector{{Field: "eventCategory", Equals: []string{"Data"}},
			{Field: "resources.type", Equals: []string{"AWS::CloudWatch::Metric"}}, {Field: "eventName", NotEquals: []string{"ListMetrics"}}}}}}))
	must(e.s.StartLogging(ctx, &StartLoggingInput{Name: "writes"}))
	must(e.s.StartLogging(ctx, &StartLoggingInput{Name: "data"}))
	// Data events made by hand on the bus (a PutMetricData and a ListMetrics); basic selectors cannot
	// select CloudWatch data events, so the writes trail has none.
	type pmd struct{ Namespace string }
	bus.Call(ctx, e.b, bus.Operation{Source: SourceCloudWatch, Name: "PutMetricData"}, &pmd{"A"}, func(context.Context, *pmd) (*struct{}, error) { return &struct{}{}, nil })
	bus.Call(ctx, e.b, bus.Operation{Source: SourceCloudWatch, Name: "ListMetrics", ReadOnly: true}, &pmd{"A"}, func(context.Context, *pmd) (*struct{}, error) { return &struct{}{}, nil })
	must(e.s.GetEventSelectors(ctx, &GetEventSelectorsInput{TrailName: "writes"}))
	_ = e.b.Advance(5 * time.Minute)
	recs := func(bk *bus.S3Bucket) []string {
		old := e.bucket
		e.bucket = bk
		defer func() { e.bucket = old }()
		n := names(e.logRecords(t))
		slices.Sort(n)
		return n
	}
	if got, want := recs(b2), []string{"StartLogging", "StartLogging"}; !slices.Equal(got, want) {
		t.Errorf("writes trail: %v, want %v", got, want)
	}
	if got, want := recs(b3), []string{"PutMetricData"}; !slices.Equal(got, want) {
		t.Errorf("data trail: %v, want %v", got, want)
	}
	// Event history has no data events.
	for _, ev := range must(e.s.LookupEvents(ctx, &LookupEventsInput{})).Events {
		if ev.EventName == "PutMetricData" || ev.EventName == "ListMetrics" {
			t.Errorf("data event %s in Event history", ev.EventName)
		}
	}
	got := must(e.s.GetEventSelectors(ctx, &GetEventSelectorsInput{TrailName: "data"}))
	if len(got.AdvancedEventSelectors) != 1 || len(got.EventSelectors) != 0 {
		t.Fatalf("%+v", got)
	}
	tr := must(e.s.GetTrail(ctx, &GetTrailInput{Name: "data"}))
	if !*tr.Trail.HasCustomEventSelectors {
		t.Fatal("HasCustomEventSelectors")
	}
	if _, err := e.s.PutEventSelectors(ctx, &PutEventSelectorsInput{TrailName: "data", EventSelectors: []EventSelector{{}},
		AdvancedEventSelectors: got.AdvancedEventSelectors}); bus.ErrorCode(err) != ErrInvalidParameterCombination {
		t.Fatal(err)
	}
}

func TestDefaultSelectorsAndInsights(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	must(e.s.CreateTrail(ctx, &CreateTrailInput{Name: "main", S3BucketName: "trail-bucket"}))
	got := must(e.s.GetEventSelectors(ctx, &GetEventSelectorsInput{TrailName: "main"}))
	if len(got.EventSelectors) != 1 || got.EventSelectors[0].ReadWriteType != "All" || !*got.EventSelectors[0].IncludeManagementEvents ||
		got.EventSelectors[0].DataResources == nil {
		t.Fatalf("%+v", got)
	}
	if _, err := e.s.GetInsightSelectors(ctx, &GetInsightSelectorsInput{TrailName: "main"}); bus.ErrorCode(err) != ErrInsightNotEnabled {
		t.Fatal(err)
	}
	must(e.s.PutInsightSelectors(ctx, &PutInsightSelectorsInput{TrailName: "main", InsightSelectors: []InsightSelector{{InsightType: "ApiCallRateInsight"}}}))
	if out := must(e.s.GetInsightSelectors(ctx, &GetInsightSelectorsInput{TrailName: "main"})); out.InsightSelectors[0].InsightType != "ApiCallRateInsight" {
		t.Fatal(out)
	}
}

func FuzzAdvancedSelectors(f *testing.F) {
	f.Add("eventCategory", "Management", "readOnly", "true", "")
	f.Add("eventCategory", "Data", "resources.type", "AWS::CloudWatch::Metric", "eventName")
	f.Add("eventCategory", "NetworkActivity", "eventSource", "x", "")
	f.Fuzz(func(t *testing.T, f1, v1, f2, v2, f3 string) {
		sel := []AdvancedEventSelector{{FieldSelectors: []AdvancedFieldSelector{{Field: f1, Equals: []string{v1}}, {Field: f2, Equals: []string{v2}}}}}
		if f3 != "" {
			sel[0].FieldSelectors = append(sel[0].FieldSelectors, AdvancedFieldSelector{Field: f3, NotStartsWith: []string{v1}})
		}
		err := ValidateAdvancedEventSelectors(sel)
		if err != nil && bus.ErrorCode(err) != ErrInvalidEventSelectors && !bus.IsNotSimulated(err) {
			t.Fatalf("unexpected error kind: %v", err)
		}
		if err == nil {
			// A valid selector names its category and matches without panicking.
			var bd Builder
			r, _ := bd.Build(call(SourceCloudWatch, "PutMetricData", false, alice(), nil, nil))
			_ = matchAdvanced(&sel[0], &r)
		}
	})
}

// TestMayLogData: the pre-check that lets data events skip record building never says no to a
// trail whose selectors could take one.
func TestMayLogData(t *testing.T) {
	cat := func(f AdvancedFieldSelector) []AdvancedEventSelector {
		f.Field = "eventCategory"
		return []AdvancedEventSelector{{FieldSelectors: []AdvancedFieldSelector{f}}}
	}
	for _, c := range []struct {
		name string
		sel  selectorSet
		want bool
	}{
		{"default basic", selectorSet{basic: []EventSelector{{ReadWriteType: "All"}}}, false},
		{"basic with data resources", selectorSet{basic: []EventSelector{{DataResources: []DataResource{{Type: "AWS::S3::Object"}}}}}, true},
		{"advanced management", selectorSet{advanced: cat(AdvancedFieldSelector{Equals: []string{"Management"}})}, false},
		{"advanced data", selectorSet{advanced: cat(AdvancedFieldSelector{Equals: []string{"Data"}})}, true},
		{"advanced not management", selectorSet{advanced: cat(AdvancedFieldSelector{NotEquals: []string{"Management"}})}, true},
		{"advanced without eventCategory", selectorSet{advanced: []AdvancedEventSelector{{FieldSelectors: []AdvancedFieldSelector{{Field: "readOnly", Equals: []string{"true"}}}}}}, true},
	} {
		tr := &trail{selectors: c.sel}
		if got := tr.mayLogData(); got != c.want {
			t.Errorf("%s: mayLogData = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestDataWantedOnlyByLoggingTrails: data events are built only while a logging trail's selectors
// could take them; a stopped trail with data selectors does not count.
func TestDataWantedOnlyByLoggingTrails(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.logging(t, CreateTrailInput{Name: "data"})
	must(e.s.PutEventSelectors(ctx, &PutEventSelectorsInput{TrailName: "data", EventSelectors: []EventSelector{
		{ReadWriteType: "All", DataResources: []DataResource{{Type: "AWS::S3::Object", Values: []string{"arn:aws:s3"}}}}}}))
	if !e.s.dataWanted() {
		t.Fatal("a logging trail with data selectors: data events not wanted")
	}
	must(e.s.StopLogging(ctx, &StopLoggingInput{Name: "data"}))
	if e.s.dataWanted() {
		t.Fatal("a stopped trail makes data events be built")
	}
}
