package alarmstest

import (
	"reflect"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/watchsim/watchsim/alarms"
)

// IgnoreReasonText ignores StateReason (and Transition.Reason), whose exact wording AWS has changed
// over the years; compare states and StateReasonData instead.
func IgnoreReasonText() cmp.Option {
	return cmp.Options{
		cmpopts.IgnoreFields(alarms.MetricAlarm{}, "StateReason"),
		cmpopts.IgnoreFields(alarms.CompositeAlarm{}, "StateReason"),
		cmpopts.IgnoreFields(Transition{}, "Reason"),
	}
}

// IgnoreTimestamps ignores every timestamp of alarms and history items, for comparing two runs
// that should agree on what happened but not necessarily when the configuration was written.
func IgnoreTimestamps() cmp.Option {
	return cmp.Options{
		cmpopts.IgnoreFields(alarms.MetricAlarm{}, "AlarmConfigurationUpdatedTimestamp", "StateUpdatedTimestamp", "StateTransitionedTimestamp"),
		cmpopts.IgnoreFields(alarms.CompositeAlarm{}, "AlarmConfigurationUpdatedTimestamp", "StateUpdatedTimestamp", "StateTransitionedTimestamp"),
		cmpopts.IgnoreFields(alarms.AlarmHistoryItem{}, "Timestamp"),
	}
}

// EquateTimesWithin treats times within margin of each other as equal (cmpopts.EquateApproxTime).
func EquateTimesWithin(margin time.Duration) cmp.Option { return cmpopts.EquateApproxTime(margin) }

// StateOnly compares alarms by name, type-specific identity and state only: everything but
// AlarmName, AlarmArn and StateValue is ignored.
func StateOnly() cmp.Option {
	keep := map[string]bool{"AlarmName": true, "AlarmArn": true, "StateValue": true}
	return cmp.FilterPath(func(p cmp.Path) bool {
		if len(p) < 2 {
			return false
		}
		sf, ok := p.Last().(cmp.StructField)
		if !ok {
			return false
		}
		switch p.Index(-2).Type() {
		case typeOf[alarms.MetricAlarm](), typeOf[alarms.CompositeAlarm]():
			return !keep[sf.Name()]
		}
		return false
	}, cmp.Ignore())
}

// SortHistory sorts history items by time, then alarm name, then type, so that histories gathered
// in different orders compare equal.
func SortHistory() cmp.Option {
	return cmpopts.SortSlices(func(a, b alarms.AlarmHistoryItem) bool {
		if !a.Timestamp.Equal(b.Timestamp) {
			return a.Timestamp.Before(b.Timestamp)
		}
		if a.AlarmName != b.AlarmName {
			return a.AlarmName < b.AlarmName
		}
		if a.HistoryItemType != b.HistoryItemType {
			return a.HistoryItemType < b.HistoryItemType
		}
		return a.HistorySummary < b.HistorySummary
	})
}

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }
