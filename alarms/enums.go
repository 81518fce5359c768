package alarms

// StateValue is the state of an alarm (AWS enum StateValue).
type StateValue string

// The three alarm states.
const (
	StateOK               StateValue = "OK"
	StateAlarm            StateValue = "ALARM"
	StateInsufficientData StateValue = "INSUFFICIENT_DATA"
)

// Valid reports whether s is one of the three AWS states.
func (s StateValue) Valid() bool {
	return s == StateOK || s == StateAlarm || s == StateInsufficientData
}

// ComparisonOperator is the AWS enum ComparisonOperator of a metric alarm.
type ComparisonOperator string

// The seven comparison operators. The last three are only valid for anomaly-detection alarms.
const (
	GreaterThanOrEqualToThreshold            ComparisonOperator = "GreaterThanOrEqualToThreshold"
	GreaterThanThreshold                     ComparisonOperator = "GreaterThanThreshold"
	LessThanThreshold                        ComparisonOperator = "LessThanThreshold"
	LessThanOrEqualToThreshold               ComparisonOperator = "LessThanOrEqualToThreshold"
	LessThanLowerOrGreaterThanUpperThreshold ComparisonOperator = "LessThanLowerOrGreaterThanUpperThreshold"
	LessThanLowerThreshold                   ComparisonOperator = "LessThanLowerThreshold"
	GreaterThanUpperThreshold                ComparisonOperator = "GreaterThanUpperThreshold"
)

// comparisonOperatorSet is the operator enum as AWS's validation message lists it.
const comparisonOperatorSet = "[" + string(GreaterThanOrEqualToThreshold) + ", " + string(GreaterThanThreshold) + ", " +
	string(LessThanThreshold) + ", " + string(LessThanOrEqualToThreshold) + ", " + string(LessThanLowerOrGreaterThanUpperThreshold) + ", " +
	string(LessThanLowerThreshold) + ", " + string(GreaterThanUpperThreshold) + "]"

// Valid reports whether op is one of the seven AWS operators.
func (op ComparisonOperator) Valid() bool {
	switch op {
	case GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold,
		LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold, GreaterThanUpperThreshold:
		return true
	}
	return false
}

// IsBand reports whether op compares against an anomaly-detection band rather than a static threshold.
func (op ComparisonOperator) IsBand() bool {
	return op == LessThanLowerOrGreaterThanUpperThreshold || op == LessThanLowerThreshold || op == GreaterThanUpperThreshold
}

// Breaches reports whether value breaches threshold under a static operator (value is the first operand,
// as in the AWS operator names). It returns false for the band operators; see [ComparisonOperator.BreachesBand].
func (op ComparisonOperator) Breaches(value, threshold float64) bool {
	switch op {
	case GreaterThanOrEqualToThreshold:
		return value >= threshold
	case GreaterThanThreshold:
		return value > threshold
	case LessThanThreshold:
		return value < threshold
	case LessThanOrEqualToThreshold:
		return value <= threshold
	}
	return false
}

// BreachesBand reports whether value lies outside the band [lower, upper] in the direction op watches.
// It returns false for the static operators.
func (op ComparisonOperator) BreachesBand(value, lower, upper float64) bool {
	switch op {
	case LessThanLowerOrGreaterThanUpperThreshold:
		return value < lower || value > upper
	case LessThanLowerThreshold:
		return value < lower
	case GreaterThanUpperThreshold:
		return value > upper
	}
	return false
}

// verb is the phrase AWS uses in reason texts ("greater than", …).
func (op ComparisonOperator) verb() string {
	switch op {
	case GreaterThanOrEqualToThreshold:
		return "greater than or equal to"
	case GreaterThanThreshold:
		return "greater than"
	case LessThanThreshold:
		return "less than"
	case LessThanOrEqualToThreshold:
		return "less than or equal to"
	}
	return ""
}

// TreatMissingData says how an alarm treats a period with no data (AWS member TreatMissingData).
type TreatMissingData string

// The four TreatMissingData values. The empty value means [TreatMissing], the AWS default.
const (
	TreatBreaching    TreatMissingData = "breaching"
	TreatNotBreaching TreatMissingData = "notBreaching"
	TreatIgnore       TreatMissingData = "ignore"
	TreatMissing      TreatMissingData = "missing"
)

// Valid reports whether t is empty or one of the four AWS values.
func (t TreatMissingData) Valid() bool {
	switch t {
	case "", TreatBreaching, TreatNotBreaching, TreatIgnore, TreatMissing:
		return true
	}
	return false
}

// orDefault returns t, or TreatMissing when t is empty.
func (t TreatMissingData) orDefault() TreatMissingData {
	if t == "" {
		return TreatMissing
	}
	return t
}

// AlarmType is the AWS enum AlarmType.
type AlarmType string

// Alarm types. LogAlarm is reserved: watchsim does not simulate log alarms.
const (
	CompositeAlarmType AlarmType = "CompositeAlarm"
	MetricAlarmType    AlarmType = "MetricAlarm"
	LogAlarmType       AlarmType = "LogAlarm"
)

// HistoryItemType is the AWS enum HistoryItemType.
type HistoryItemType string

// History item types.
const (
	HistoryConfigurationUpdate HistoryItemType = "ConfigurationUpdate"
	HistoryStateUpdate         HistoryItemType = "StateUpdate"
	HistoryAction              HistoryItemType = "Action"
)

// ActionsSuppressedBy is the AWS enum ActionsSuppressedBy of composite alarms.
type ActionsSuppressedBy string

// Why a composite alarm's actions are suppressed.
const (
	SuppressedByWaitPeriod      ActionsSuppressedBy = "WaitPeriod"
	SuppressedByExtensionPeriod ActionsSuppressedBy = "ExtensionPeriod"
	SuppressedByAlarm           ActionsSuppressedBy = "Alarm"
)

// isStandardStatistic reports whether s is accepted in the Statistic member.
func isStandardStatistic(s string) bool {
	switch s {
	case "SampleCount", "Average", "Sum", "Minimum", "Maximum":
		return true
	}
	return false
}
