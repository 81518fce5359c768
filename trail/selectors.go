package trail

import (
	"context"
	"fmt"
	"strings"

	"github.com/watchsim/watchsim/bus"
)

// Event selectors (PutEventSelectors API reference,
// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutEventSelectors.html, and
// AdvancedFieldSelector,
// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html).

// Selector limits per trail.
const (
	MaxEventSelectors         = 5
	MaxDataResources          = 250
	MaxAdvancedSelectorValues = 500
	MaxAdvancedSelectors      = 500 // [derived]: bounded by the value limit (each selector has one value at least)
)

// selectorSet is a trail's selectors: basic or advanced (never both).
type selectorSet struct {
	custom   bool
	basic    []EventSelector
	advanced []AdvancedEventSelector
}

func defaultSelectors() selectorSet {
	return selectorSet{basic: []EventSelector{{ReadWriteType: "All", IncludeManagementEvents: boolp(true), DataResources: []DataResource{}}}}
}

func selectorErr(format string, args ...any) error {
	return bus.ClientErrorf(ErrInvalidEventSelectors, format, args...)
}

// ValidateEventSelectors checks basic selectors as CloudTrail does for a trail and returns them
// with the defaults filled in (ReadWriteType All, IncludeManagementEvents true).
func ValidateEventSelectors(sel []EventSelector) ([]EventSelector, error) {
	if len(sel) > MaxEventSelectors {
		return nil, selectorErr("The number of event selectors (%d) exceeds the maximum of %d.", len(sel), MaxEventSelectors)
	}
	out := make([]EventSelector, len(sel))
	values := 0
	for i, es := range sel {
		switch es.ReadWriteType {
		case "":
			es.ReadWriteType = "All"
		case "ReadOnly", "WriteOnly", "All":
		default:
			return nil, selectorErr("Invalid ReadWriteType %q: it must be one of ReadOnly, WriteOnly, All.", es.ReadWriteType)
		}
		if es.IncludeManagementEvents == nil {
			es.IncludeManagementEvents = boolp(true)
		}
		dr := make([]DataResource, 0, len(es.DataResources))
		for _, d := range es.DataResources {
			switch d.Type {
			case "AWS::S3::Object", "AWS::Lambda::Function", "AWS::DynamoDB::Table":
			default:
				return nil, selectorErr("Invalid data resource type %q: basic event selectors support AWS::S3::Object, AWS::Lambda::Function and AWS::DynamoDB::Table; use advanced event selectors for other types.", d.Type)
			}
			for _, v := range d.Values {
				if v == "" || len(v) > 2048 {
					return nil, selectorErr("Invalid data resource value %q.", v)
				}
			}
			values += len(d.Values)
			dr = append(dr, DataResource{Type: d.Type, Values: append([]string(nil), d.Values...)})
		}
		es.DataResources = dr
		for _, src := range es.ExcludeManagementEventSources {
			if src != "kms.amazonaws.com" && src != "rdsdata.amazonaws.com" {
				return nil, selectorErr("Invalid ExcludeManagementEventSources value %q: only kms.amazonaws.com and rdsdata.amazonaws.com can be excluded.", src)
			}
		}
		es.ExcludeManagementEventSources = append([]string(nil), es.ExcludeManagementEventSources...)
		out[i] = es
	}
	if values > MaxDataResources {
		return nil, selectorErr("The number of data resources (%d) exceeds the maximum of %d.", values, MaxDataResources)
	}
	return out, nil
}

// fieldOps lists the operators of a field selector with their values.
func fieldOps(f *AdvancedFieldSelector) [6]struct {
	name   string
	values []string
} {
	return [6]struct {
		name   string
		values []string
	}{{"Equals", f.Equals}, {"StartsWith", f.StartsWith}, {"EndsWith", f.EndsWith},
		{"NotEquals", f.NotEquals}, {"NotStartsWith", f.NotStartsWith}, {"NotEndsWith", f.NotEndsWith}}
}

func validFieldName(s string) bool {
	if s == "" || len(s) > 1000 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isAlnum(c) && c != '_' && c != '.' && c != '|' {
			return false
		}
	}
	return true
}

// ValidateAdvancedEventSelectors checks advanced selectors as CloudTrail does for a trail: each
// selector names its eventCategory (Management or Data) with Equals; management selectors may add
// readOnly (Equals "true"/"false") and eventSource (NotEquals kms.amazonaws.com /
// rdsdata.amazonaws.com); data selectors need exactly one resources.type (Equals) and may add
// eventName, readOnly (Equals), resources.ARN; values are 1–2,048 characters, at most 500 in all.
// NetworkActivity selectors are a not-simulated error.
func ValidateAdvancedEventSelectors(sel []AdvancedEventSelector) error {
	if len(sel) > MaxAdvancedSelectors {
		return selectorErr("The number of advanced event selectors (%d) exceeds the maximum of %d.", len(sel), MaxAdvancedSelectors)
	}
	total := 0
	for i := range sel {
		a := &sel[i]
		if len(a.Name) > 1000 {
			return selectorErr("Advanced event selector name is longer than 1000 characters.")
		}
		if len(a.FieldSelectors) == 0 {
			return selectorErr("Each advanced event selector must have at least one field selector.")
		}
		var category string
		seen := map[string]bool{}
		for j := range a.FieldSelectors {
			f := &a.FieldSelectors[j]
			if !validFieldName(f.Field) {
				return selectorErr("Invalid field name %q.", f.Field)
			}
			if seen[f.Field] {
				return selectorErr("Field %s appears more than once in an advanced event selector.", f.Field)
			}
			seen[f.Field] = true
			n := 0
			for _, o := range fieldOps(f) {
				for _, v := range o.values {
					if v == "" || len(v) > 2048 {
						return selectorErr("Invalid value for field %s: values must be 1 to 2048 characters.", f.Field)
					}
				}
				n += len(o.values)
			}
			if n == 0 {
				return selectorErr("Field selector %s must have at least one operator with a value.", f.Field)
			}
			total += n
			if f.Field == "eventCategory" {
				if len(f.Equals) != 1 || n != 1 {
					return selectorErr("eventCategory must use the Equals operator with one value.")
				}
				category = f.Equals[0]
			}
		}
		switch category {
		case "":
			return selectorErr("eventCategory is a required field selector.")
		case "Management", "Data":
		case "NetworkActivity":
			return bus.NotSimulated("cloudtrail", "network activity events (eventCategory NetworkActivity)")
		default:
			return selectorErr("Invalid value %q for eventCategory: it must be Management, Data or NetworkActivity.", category)
		}
		for j := range a.FieldSelectors {
			if err := checkAdvancedField(category, &a.FieldSelectors[j]); err != nil {
				return err
			}
		}
		if category == "Data" && !seen["resources.type"] {
			return selectorErr("resources.type is a required field selector for data events.")
		}
	}
	if total > MaxAdvancedSelectorValues {
		return selectorErr("The number of values in advanced event selectors (%d) exceeds the maximum of %d.", total, MaxAdvancedSelectorValues)
	}
	return nil
}

func onlyEquals(f *AdvancedFieldSelector) bool {
	return len(f.StartsWith)+len(f.EndsWith)+len(f.NotEquals)+len(f.NotStartsWith)+len(f.NotEndsWith) == 0
}

func checkAdvancedField(category string, f *AdvancedFieldSelector) error {
	switch f.Field {
	case "eventCategory":
		return nil
	case "readOnly":
		if !onlyEquals(f) || len(f.Equals) != 1 || f.Equals[0] != "true" && f.Equals[0] != "false" {
			return selectorErr("readOnly must use the Equals operator with the value true or false.")
		}
		return nil
	}
	if category == "Management" {
		if f.Field != "eventSource" {
			return selectorErr("Field %s is not supported for management events on trails.", f.Field)
		}
		if len(f.Equals)+len(f.StartsWith)+len(f.EndsWith)+len(f.NotStartsWith)+len(f.NotEndsWith) > 0 {
			return selectorErr("eventSource for management events supports only the NotEquals operator.")
		}
		for _, v := range f.NotEquals {
			if v != "kms.amazonaws.com" && v != "rdsdata.amazonaws.com" {
				return selectorErr("eventSource for management events can only exclude kms.amazonaws.com and rdsdata.amazonaws.com.")
			}
		}
		return nil
	}
	switch f.Field {
	case "resources.type":
		if !onlyEquals(f) || len(f.Equals) != 1 {
			return selectorErr("resources.type must use the Equals operator with exactly one value.")
		}
	case "eventName":
	case "resources.ARN":
		for _, v := range append(append([]string(nil), f.Equals...), f.NotEquals...) {
			if _, err := bus.ParseARN(v); err != nil {
				return selectorErr("Invalid resources.ARN value %q: Equals and NotEquals need a complete ARN.", v)
			}
		}
	default:
		return selectorErr("Field %s is not supported for data events on trails.", f.Field)
	}
	return nil
}

// mayLogData reports whether t's selectors could select a data event: a basic selector with data
// resources, or an advanced selector whose eventCategory condition is not Equals without "Data".
// It may say yes for a trail that selects no particular call; never no for one that does.
func (t *trail) mayLogData() bool {
	for i := range t.selectors.basic {
		if len(t.selectors.basic[i].DataResources) > 0 {
			return true
		}
	}
	for i := range t.selectors.advanced {
		if !managementOnly(&t.selectors.advanced[i]) {
			return true
		}
	}
	return false
}

// managementOnly: the selector has eventCategory Equals values, none of them "Data", and no other
// operator on eventCategory.
func managementOnly(sel *AdvancedEventSelector) bool {
	for _, f := range sel.FieldSelectors {
		if f.Field != "eventCategory" {
			continue
		}
		if len(f.Equals) == 0 || len(f.StartsWith)+len(f.EndsWith)+len(f.NotEquals)+len(f.NotStartsWith)+len(f.NotEndsWith) > 0 {
			return false
		}
		for _, v := range f.Equals {
			if v == string(Data) {
				return false
			}
		}
		return true
	}
	return false
}

// selects reports whether t logs rec.
func (t *trail) selects(rec *Record) bool {
	if len(t.selectors.advanced) > 0 {
		for i := range t.selectors.advanced {
			if matchAdvanced(&t.selectors.advanced[i], rec) {
				return true
			}
		}
		return false
	}
	for i := range t.selectors.basic {
		if matchBasic(&t.selectors.basic[i], rec) {
			return true
		}
	}
	return false
}

// matchBasic: ReadWriteType filters on readOnly; management events need IncludeManagementEvents
// and a source not excluded; data events need a data resource of their type whose value is a
// prefix of their ARN (none of the simulated data-event types is a basic type).
func matchBasic(es *EventSelector, rec *Record) bool {
	switch es.ReadWriteType {
	case "ReadOnly":
		if !rec.ReadOnly {
			return false
		}
	case "WriteOnly":
		if rec.ReadOnly {
			return false
		}
	}
	if rec.Category == Management {
		if es.IncludeManagementEvents != nil && !*es.IncludeManagementEvents {
			return false
		}
		for _, src := range es.ExcludeManagementEventSources {
			if src == rec.EventSource {
				return false
			}
		}
		return true
	}
	for _, d := range es.DataResources {
		for _, r := range rec.dataResources {
			if r.Type != d.Type {
				continue
			}
			for _, v := range d.Values {
				if strings.HasPrefix(r.ARN, v) {
					return true
				}
			}
		}
	}
	return false
}

// matchAdvanced: every field selector must hold (AND); within one, the positive operators' values
// are OR'd and every negative one must hold.
func matchAdvanced(a *AdvancedEventSelector, rec *Record) bool {
	for i := range a.FieldSelectors {
		f := &a.FieldSelectors[i]
		vals := fieldValues(f.Field, rec)
		ok := false
		for _, v := range vals {
			if matchField(f, v) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// fieldValues returns the values a record has for an advanced-selector field (several for
// resources.*; "" when the record has no value).
func fieldValues(field string, rec *Record) []string {
	switch field {
	case "eventCategory":
		return []string{string(rec.Category)}
	case "eventSource":
		return []string{rec.EventSource}
	case "eventName":
		return []string{rec.EventName}
	case "readOnly":
		if rec.ReadOnly {
			return []string{"true"}
		}
		return []string{"false"}
	case "errorCode":
		return []string{rec.ErrorCode}
	case "eventType":
		return []string{"AwsApiCall"}
	case "resources.type", "resources.ARN":
		if len(rec.dataResources) == 0 {
			return []string{""}
		}
		out := make([]string, len(rec.dataResources))
		for i, r := range rec.dataResources {
			if field == "resources.type" {
				out[i] = r.Type
			} else {
				out[i] = r.ARN
			}
		}
		return out
	}
	return []string{""}
}

func matchField(f *AdvancedFieldSelector, v string) bool {
	positive := len(f.Equals)+len(f.StartsWith)+len(f.EndsWith) > 0
	if positive {
		hit := false
		for _, x := range f.Equals {
			hit = hit || v == x
		}
		for _, x := range f.StartsWith {
			hit = hit || strings.HasPrefix(v, x)
		}
		for _, x := range f.EndsWith {
			hit = hit || strings.HasSuffix(v, x)
		}
		if !hit {
			return false
		}
	}
	for _, x := range f.NotEquals {
		if v == x {
			return false
		}
	}
	for _, x := range f.NotStartsWith {
		if strings.HasPrefix(v, x) {
			return false
		}
	}
	for _, x := range f.NotEndsWith {
		if strings.HasSuffix(v, x) {
			return false
		}
	}
	return true
}

func copyAdvanced(sel []AdvancedEventSelector) []AdvancedEventSelector {
	out := make([]AdvancedEventSelector, len(sel))
	for i, a := range sel {
		out[i] = AdvancedEventSelector{Name: a.Name, FieldSelectors: make([]AdvancedFieldSelector, len(a.FieldSelectors))}
		for j, f := range a.FieldSelectors {
			cp := func(v []string) []string {
				if v == nil {
					return nil
				}
				return append([]string(nil), v...)
			}
			out[i].FieldSelectors[j] = AdvancedFieldSelector{Field: f.Field, Equals: cp(f.Equals), StartsWith: cp(f.StartsWith),
				EndsWith: cp(f.EndsWith), NotEquals: cp(f.NotEquals), NotStartsWith: cp(f.NotStartsWith), NotEndsWith: cp(f.NotEndsWith)}
		}
	}
	return out
}

// PutEventSelectors replaces a trail's selectors with basic or advanced ones (one kind per request;
// either kind overwrites the other).
func (s *Service) PutEventSelectors(ctx context.Context, in *PutEventSelectorsInput) (*PutEventSelectorsOutput, error) {
	return bus.Call(ctx, s.b, op("PutEventSelectors", false), in, func(ctx context.Context, in *PutEventSelectorsInput) (*PutEventSelectorsOutput, error) {
		t, err := s.find(in.TrailName)
		if err != nil {
			return nil, err
		}
		switch {
		case len(in.EventSelectors) > 0 && len(in.AdvancedEventSelectors) > 0:
			return nil, bus.ClientError(ErrInvalidParameterCombination,
				"You can use either EventSelectors or AdvancedEventSelectors in a PutEventSelectors request, but not both.")
		case len(in.EventSelectors) == 0 && len(in.AdvancedEventSelectors) == 0:
			return nil, selectorErr("Specify EventSelectors or AdvancedEventSelectors.")
		case len(in.AdvancedEventSelectors) > 0:
			if err := ValidateAdvancedEventSelectors(in.AdvancedEventSelectors); err != nil {
				return nil, err
			}
			t.selectors = selectorSet{custom: true, advanced: copyAdvanced(in.AdvancedEventSelectors)}
		default:
			sel, err := ValidateEventSelectors(in.EventSelectors)
			if err != nil {
				return nil, err
			}
			t.selectors = selectorSet{custom: true, basic: sel}
		}
		s.changed(ctx, bus.ResourceUpdated, t)
		out := &PutEventSelectorsOutput{TrailARN: t.arn}
		if len(t.selectors.advanced) > 0 {
			out.AdvancedEventSelectors = copyAdvanced(t.selectors.advanced)
		} else {
			out.EventSelectors = copyBasic(t.selectors.basic)
		}
		return out, nil
	})
}

func copyBasic(sel []EventSelector) []EventSelector {
	out, _ := ValidateEventSelectors(sel)
	return out
}

// GetEventSelectors returns a trail's selectors; a trail without custom selectors has the default
// basic selector (all management events, read and write).
func (s *Service) GetEventSelectors(ctx context.Context, in *GetEventSelectorsInput) (*GetEventSelectorsOutput, error) {
	return bus.Call(ctx, s.b, op("GetEventSelectors", true), in, func(ctx context.Context, in *GetEventSelectorsInput) (*GetEventSelectorsOutput, error) {
		t, err := s.find(in.TrailName)
		if err != nil {
			return nil, err
		}
		out := &GetEventSelectorsOutput{TrailARN: t.arn}
		if len(t.selectors.advanced) > 0 {
			out.AdvancedEventSelectors = copyAdvanced(t.selectors.advanced)
		} else {
			out.EventSelectors = copyBasic(t.selectors.basic)
		}
		return out, nil
	})
}

// PutInsightSelectors stores a trail's Insights selectors (ApiCallRateInsight,
// ApiErrorRateInsight); an empty list turns Insights off. Insights events themselves are not
// simulated.
func (s *Service) PutInsightSelectors(ctx context.Context, in *PutInsightSelectorsInput) (*PutInsightSelectorsOutput, error) {
	return bus.Call(ctx, s.b, op("PutInsightSelectors", false), in, func(ctx context.Context, in *PutInsightSelectorsInput) (*PutInsightSelectorsOutput, error) {
		if in.EventDataStore != "" {
			return nil, bus.NotSimulated("cloudtrail", "CloudTrail Lake event data stores")
		}
		t, err := s.find(in.TrailName)
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for _, is := range in.InsightSelectors {
			if is.InsightType != "ApiCallRateInsight" && is.InsightType != "ApiErrorRateInsight" {
				return nil, bus.ClientErrorf(ErrInvalidInsightSelectors, "Invalid InsightType %q: it must be ApiCallRateInsight or ApiErrorRateInsight.", is.InsightType)
			}
			if seen[is.InsightType] {
				return nil, bus.ClientErrorf(ErrInvalidInsightSelectors, "InsightType %s is given more than once.", is.InsightType)
			}
			seen[is.InsightType] = true
			for _, c := range is.EventCategories {
				if c != "Management" && c != "Data" {
					return nil, bus.ClientErrorf(ErrInvalidInsightSelectors, "Invalid event category %q: it must be Management or Data.", c)
				}
			}
		}
		t.insights = nil
		for _, is := range in.InsightSelectors {
			t.insights = append(t.insights, InsightSelector{InsightType: is.InsightType, EventCategories: append([]string(nil), is.EventCategories...)})
		}
		s.changed(ctx, bus.ResourceUpdated, t)
		return &PutInsightSelectorsOutput{TrailARN: t.arn, InsightSelectors: copyInsights(t.insights)}, nil
	})
}

func copyInsights(v []InsightSelector) []InsightSelector {
	out := make([]InsightSelector, len(v))
	for i, is := range v {
		out[i] = InsightSelector{InsightType: is.InsightType, EventCategories: append([]string(nil), is.EventCategories...)}
	}
	return out
}

// GetInsightSelectors returns a trail's Insights selectors, or InsightNotEnabledException when it
// has none.
func (s *Service) GetInsightSelectors(ctx context.Context, in *GetInsightSelectorsInput) (*GetInsightSelectorsOutput, error) {
	return bus.Call(ctx, s.b, op("GetInsightSelectors", true), in, func(ctx context.Context, in *GetInsightSelectorsInput) (*GetInsightSelectorsOutput, error) {
		if in.EventDataStore != "" {
			return nil, bus.NotSimulated("cloudtrail", "CloudTrail Lake event data stores")
		}
		t, err := s.find(in.TrailName)
		if err != nil {
			return nil, err
		}
		if len(t.insights) == 0 {
			return nil, bus.ClientError(ErrInsightNotEnabled, fmt.Sprintf("Trail %s does not have Insights enabled. Enable Insights on the trail, and then try the request again.", t.arn))
		}
		return &GetInsightSelectorsOutput{TrailARN: t.arn, InsightSelectors: copyInsights(t.insights)}, nil
	})
}
