package trail

import (
	"reflect"
	"strings"

	"github.com/watchsim/watchsim/bus"
)

// lookupResources returns the LookupEvents resources of a call, in sc.res [derived: AWS does not
// document which resources it extracts for these services; watchsim names the resource the
// request names]: alarms (AlarmName, AlarmNames) as AWS::CloudWatch::Alarm, log groups
// (LogGroupName) as AWS::Logs::LogGroup, rules (Name of a *Rule operation) as AWS::Events::Rule,
// trails (Name, TrailName) as AWS::CloudTrail::Trail. exact reports whether they follow from the
// parameters as written and the type of the input (for a record memo, memo.go): false when a
// member they read is not written (a json:"-" field).
func (bd *Builder) lookupResources(sc *scratch, call *bus.APICall) (res []Resource, exact bool) {
	dst := sc.res[:0]
	v := indirect(reflect.ValueOf(call.RequestParameters))
	if v.Kind() != reflect.Struct {
		return dst, true
	}
	if t := v.Type(); t != sc.resType {
		sc.resType, sc.resFields = t, bd.resourceFieldsOf(t)
	}
	rf := sc.resFields
	add := func(typ, name string) {
		if name != "" {
			dst = append(dst, Resource{ResourceType: typ, ResourceName: name})
		}
	}
	switch call.EventSource {
	case SourceCloudWatch:
		add("AWS::CloudWatch::Alarm", stringAt(v, rf.alarmName))
		if f := fieldAt(v, rf.alarmNames); f.Kind() == reflect.Slice {
			for i := 0; i < f.Len(); i++ {
				if s := indirect(f.Index(i)); s.Kind() == reflect.String {
					add("AWS::CloudWatch::Alarm", s.String())
				}
			}
		}
	case SourceLogs:
		add("AWS::Logs::LogGroup", stringAt(v, rf.logGroupName))
	case SourceEvents:
		if strings.Contains(call.EventName, "Rule") {
			add("AWS::Events::Rule", stringAt(v, rf.name))
		}
	case SourceCloudTrail:
		add(resourceTrailType, stringAt(v, rf.name))
		add(resourceTrailType, stringAt(v, rf.trailName))
	}
	return dst, rf.written
}

// resourceFields are the index paths of the members lookupResources reads in one input type (nil
// for a member the type does not have), found once per type.
type resourceFields struct {
	alarmName, alarmNames, logGroupName, name, trailName []int
	// written reports whether every member on those paths is written in the parameters (exported,
	// not tagged json:"-"), so that equal parameters as written have equal resources.
	written bool
}

func (bd *Builder) resourceFieldsOf(t reflect.Type) *resourceFields {
	if c, ok := bd.resFields.Load(t); ok {
		return c.(*resourceFields)
	}
	written := true
	path := func(name string) []int {
		f, ok := t.FieldByName(name)
		if !ok {
			return nil
		}
		// Every struct member on the path: encodeParams writes exported fields not tagged "-".
		st := t
		for _, i := range f.Index {
			for st.Kind() == reflect.Pointer {
				st = st.Elem()
			}
			sf := st.Field(i)
			if !sf.IsExported() || sf.Tag.Get("json") == "-" {
				written = false
			}
			st = sf.Type
		}
		return f.Index
	}
	rf := &resourceFields{alarmName: path("AlarmName"), alarmNames: path("AlarmNames"), logGroupName: path("LogGroupName"),
		name: path("Name"), trailName: path("TrailName")}
	rf.written = written
	bd.resFields.Store(t, rf)
	return rf
}

// fieldAt returns the member of struct v at index path p; the zero Value for a nil path or one
// that goes through a nil embedded pointer.
func fieldAt(v reflect.Value, p []int) reflect.Value {
	if p == nil {
		return reflect.Value{}
	}
	f, err := v.FieldByIndexErr(p)
	if err != nil {
		return reflect.Value{}
	}
	return f
}

// stringAt returns the string member of struct v at index path p (through pointers), or "".
func stringAt(v reflect.Value, p []int) string {
	f := indirect(fieldAt(v, p))
	if f.Kind() != reflect.String {
		return ""
	}
	return f.String()
}
