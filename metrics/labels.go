package metrics

import (
	"strconv"
	"strings"

	"github.com/watchsim/watchsim/bus"
)

// expandDynamicLabel replaces the dynamic-label placeholders of a result label
// ([UG:graph-dynamic-labels]). Value placeholders use the result's returned datapoints; PROP()
// placeholders use the MetricStat of the query. Numbers are printed in the shortest form that
// round-trips (AWS does not document the console's formatting). The time-based placeholders
// (…_TIME, …_TIME_RELATIVE, …_TIME_RANGE) are refused as not simulated.
func expandDynamicLabel(label string, r *run, res *MetricDataResult) (string, error) {
	var sb strings.Builder
	rest := label
	for {
		i := strings.Index(rest, "${")
		if i < 0 {
			sb.WriteString(rest)
			return sb.String(), nil
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			sb.WriteString(rest)
			return sb.String(), nil
		}
		sb.WriteString(rest[:i])
		name := rest[i+2 : i+j]
		v, known, err := dynamicValue(name, r, res)
		if err != nil {
			return "", err
		}
		if known {
			sb.WriteString(v)
		} else {
			sb.WriteString(rest[i : i+j+1]) // not a placeholder: kept as written
		}
		rest = rest[i+j+1:]
	}
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func dynamicValue(name string, r *run, res *MetricDataResult) (string, bool, error) {
	vals := res.Values
	agg := func(fn string) string {
		if len(vals) == 0 {
			return ""
		}
		return fmtNum(seriesAggregate(fn, vals))
	}
	// res arrays may be reversed (ScanBy); find first/last by time
	first, last := 0, len(vals)-1
	if len(vals) > 1 && res.Timestamps[0].After(res.Timestamps[len(vals)-1]) {
		first, last = last, first
	}
	switch name {
	case "AVG":
		return agg("AVG"), true, nil
	case "MAX":
		return agg("MAX"), true, nil
	case "MIN":
		return agg("MIN"), true, nil
	case "SUM":
		return agg("SUM"), true, nil
	case "DATAPOINT_COUNT":
		return strconv.Itoa(len(vals)), true, nil
	case "FIRST":
		if len(vals) == 0 {
			return "", true, nil
		}
		return fmtNum(vals[first]), true, nil
	case "LAST":
		if len(vals) == 0 {
			return "", true, nil
		}
		return fmtNum(vals[last]), true, nil
	case "FIRST_LAST_RANGE":
		if len(vals) == 0 {
			return "", true, nil
		}
		return fmtNum(vals[last] - vals[first]), true, nil
	case "MIN_MAX_RANGE":
		if len(vals) == 0 {
			return "", true, nil
		}
		return fmtNum(seriesAggregate("MAX", vals) - seriesAggregate("MIN", vals)), true, nil
	case "LABEL":
		q := r.qs[r.byID[res.Id]]
		if l, ok := r.defaultLabels()[r.byID[res.Id]]; ok {
			return l, true, nil
		}
		return q.q.Id, true, nil
	case "FIRST_TIME", "LAST_TIME", "MAX_TIME", "MIN_TIME", "FIRST_TIME_RELATIVE", "LAST_TIME_RELATIVE",
		"MAX_TIME_RELATIVE", "MIN_TIME_RELATIVE", "FIRST_LAST_TIME_RANGE", "MIN_MAX_TIME_RANGE":
		return "", false, bus.NotSimulated("monitoring", "time-based dynamic label ${"+name+"}")
	}
	if strings.HasPrefix(name, "PROP('") && strings.HasSuffix(name, "')") {
		prop := name[6 : len(name)-2]
		q := r.qs[r.byID[res.Id]]
		ms := q.q.MetricStat
		if ms == nil {
			return "", false, bus.NotSimulated("monitoring", "dynamic label ${"+name+"} on an expression")
		}
		switch {
		case prop == "MetricName":
			return ms.Metric.MetricName, true, nil
		case prop == "Namespace":
			return ms.Metric.Namespace, true, nil
		case prop == "Period":
			return strconv.FormatInt(q.period, 10), true, nil
		case prop == "Stat":
			return ms.Stat, true, nil
		case prop == "AccountId":
			return r.s.b.Account(), true, nil
		case prop == "Region":
			return r.s.b.Region(), true, nil
		case strings.HasPrefix(prop, "Dim."):
			for _, d := range ms.Metric.Dimensions {
				if d.Name == prop[4:] {
					return d.Value, true, nil
				}
			}
			return "", true, nil
		case prop == "AccountLabel":
			return "", false, bus.NotSimulated("monitoring", "dynamic label ${PROP('AccountLabel')} (cross-account observability)")
		}
	}
	return "", false, nil
}
