package config

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// The periodic managed rules: they read the world (trails with their logging status, log groups)
// rather than one configuration item, as the AWS rules call the services' APIs themselves.

// world holds what Config follows of the world beyond the configuration items: the logging status
// of trails (StartLogging/StopLogging change no item) and their event selectors (the trail item
// says only whether they are custom).
type world struct {
	logging   map[string]bool           // by trail name
	selectors map[string]trailSelectors // by trail name; absent: CloudTrail's default selector
	// cwl is the last successful CloudTrail delivery to each CloudWatch Logs group (by group ARN
	// without its ":*"), followed on bus.Deliveries while some trail delivers to a log group.
	cwl     map[string]time.Time
	unsubDl func() // the bus.Deliveries subscription, nil when none
}

func (w *world) init() {
	w.logging, w.selectors, w.cwl = map[string]bool{}, map[string]trailSelectors{}, map[string]time.Time{}
}

func (w *world) setLogging(name string, on bool) { w.logging[trailName(name)] = on }

// selectorsOf returns a trail's selectors.
func (w *world) selectorsOf(name string) trailSelectors {
	if sel, ok := w.selectors[name]; ok {
		return sel
	}
	return defaultTrailSelectors()
}

// worldView is the read-only world a periodic rule scans.
type worldView struct {
	now     time.Time
	account string
	trails  []trailState
	groups  []*LogGroupState
}

type trailState struct {
	doc     *TrailDocument
	logging bool
	sel     trailSelectors
	cwlTime time.Time // the last delivery to its CloudWatch Logs group (zero: never)
}

// viewLocked builds the view of the live trails and log groups, in name order.
func (s *Service) viewLocked() *worldView {
	v := &worldView{now: s.b.Now(), account: s.b.Account()}
	for _, r := range s.byType[TypeTrail] {
		if d, ok := r.cur.value().(*TrailDocument); ok && r.live {
			v.trails = append(v.trails, trailState{doc: d, logging: s.world.logging[d.Name], sel: s.world.selectorsOf(d.Name),
				cwlTime: s.world.cwl[groupKey(d.CloudWatchLogsLogGroupArn)]})
		}
	}
	for _, r := range s.byType[typeLogGroup] {
		if d, ok := r.cur.value().(*LogGroupState); ok && r.live {
			v.groups = append(v.groups, d)
		}
	}
	sort.Slice(v.trails, func(i, j int) bool { return v.trails[i].doc.Name < v.trails[j].doc.Name })
	sort.Slice(v.groups, func(i, j int) bool { return v.groups[i].LogGroupName < v.groups[j].LogGroupName })
	return v
}

func perTrail(w *worldView, ok func(t trailState) (bool, string)) []evaluation {
	out := make([]evaluation, 0, len(w.trails))
	for _, t := range w.trails {
		c, ann := Compliant, ""
		if good, why := ok(t); !good {
			c, ann = NonCompliant, why
		}
		out = append(out, evaluation{typ: TypeTrail, id: t.doc.Name, ctype: c, annotation: ann})
	}
	return out
}

// trailLogFileValidation is CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED.
func trailLogFileValidation(_ map[string]string, w *worldView) []evaluation {
	return perTrail(w, func(t trailState) (bool, string) {
		return t.doc.LogFileValidationEnabled, "Log file validation is not enabled."
	})
}

// trailEncryption is CLOUD_TRAIL_ENCRYPTION_ENABLED.
func trailEncryption(_ map[string]string, w *worldView) []evaluation {
	return perTrail(w, func(t trailState) (bool, string) {
		return t.doc.KmsKeyID != "", "The trail is not encrypted with a KMS key."
	})
}

func trailCloudWatchLogsParams(p map[string]string) string {
	if v := strings.TrimSpace(p["expectedDeliveryWindowAge"]); v != "" {
		if n, err := strconv.Atoi(v); err != nil || n < 1 {
			return "The parameter expectedDeliveryWindowAge is not a positive integer: " + v
		}
	}
	return ""
}

// trailCloudWatchLogs is CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED
// (https://docs.aws.amazon.com/config/latest/developerguide/cloud-trail-cloud-watch-logs-enabled.html):
// NON_COMPLIANT when the trail sends nothing to CloudWatch Logs, and, with
// expectedDeliveryWindowAge N, when its last delivery there (GetTrailStatus'
// LatestCloudWatchLogsDeliveryTime, which Config follows on bus.Deliveries) is more than N hours
// old or never happened.
func trailCloudWatchLogs(p map[string]string, w *worldView) []evaluation {
	window := time.Duration(0)
	if n, err := strconv.Atoi(strings.TrimSpace(p["expectedDeliveryWindowAge"])); err == nil && n > 0 {
		window = time.Duration(n) * time.Hour
	}
	return perTrail(w, func(t trailState) (bool, string) {
		switch {
		case t.doc.CloudWatchLogsLogGroupArn == "":
			return false, "The trail does not send events to CloudWatch Logs."
		case window > 0 && t.cwlTime.IsZero():
			return false, "The trail has not delivered events to CloudWatch Logs."
		case window > 0 && w.now.Sub(t.cwlTime) > window:
			return false, "The trail's last delivery to CloudWatch Logs is older than expectedDeliveryWindowAge."
		}
		return true, ""
	})
}

// groupKey is a log group ARN without the ":*" CloudTrail's CloudWatchLogsLogGroupArn carries.
func groupKey(arn string) string { return strings.TrimSuffix(arn, ":*") }

// trailsDeliverToLogsLocked reports whether some live trail sends its events to CloudWatch Logs.
func (s *Service) trailsDeliverToLogsLocked() bool {
	for _, r := range s.byType[TypeTrail] {
		if d, ok := r.cur.value().(*TrailDocument); ok && r.live && d.CloudWatchLogsLogGroupArn != "" {
			return true
		}
	}
	return false
}

// followDeliveries subscribes to bus.Deliveries while some trail delivers to CloudWatch Logs (on
// is true), and leaves it otherwise, so that a world without such a trail pays nothing per
// delivery. Called without the state lock.
func (s *Service) followDeliveries(on bool) {
	var unsub func()
	s.b.Locked(func() {
		switch {
		case s.closed:
		case on && s.world.unsubDl == nil:
			s.world.unsubDl = bus.Subscribe(s.b, bus.Deliveries(), s.onDelivery)
		case !on && s.world.unsubDl != nil:
			unsub, s.world.unsubDl = s.world.unsubDl, nil
		}
	})
	if unsub != nil {
		unsub()
	}
}

// onDelivery notes CloudTrail's successful deliveries to CloudWatch Logs: the ones to a log group
// on the stream CloudTrail writes, <account>_CloudTrail_<region>.
func (s *Service) onDelivery(_ context.Context, d bus.Delivery) {
	if d.ErrorCode != "" || !strings.HasPrefix(d.ARN, "arn:") || d.Key != s.b.Account()+"_CloudTrail_"+s.b.Region() {
		return
	}
	s.b.Locked(func() { s.world.cwl[groupKey(d.ARN)] = d.Time })
}

// cloudTrailEnabled is CLOUD_TRAIL_ENABLED (multi=false) and MULTI_REGION_CLOUD_TRAIL_ENABLED
// (multi=true): one account-level result, COMPLIANT when a logging trail (multi-region for the
// second) matches every given parameter. The second also reads the trail's event selectors
// (includeManagementEvents, readWriteType) and is NON_COMPLIANT for a trail that excludes
// management event sources
// (https://docs.aws.amazon.com/config/latest/developerguide/multi-region-cloud-trail-enabled.html).
func cloudTrailEnabled(multi bool) func(p map[string]string, w *worldView) []evaluation {
	return func(p map[string]string, w *worldView) []evaluation {
		c, ann := NonCompliant, "No logging trail matches the rule's parameters."
		for _, t := range w.trails {
			if !t.logging || (multi && !t.doc.IsMultiRegionTrail) {
				continue
			}
			if multi && !selectorsMatch(p, t.sel) {
				continue
			}
			if v := p["s3BucketName"]; v != "" && v != t.doc.S3BucketName {
				continue
			}
			if v := p["snsTopicArn"]; v != "" && v != t.doc.SnsTopicARN {
				continue
			}
			if v := p["cloudWatchLogsLogGroupArn"]; v != "" && v != t.doc.CloudWatchLogsLogGroupArn {
				continue
			}
			c, ann = Compliant, ""
			if multi && t.sel.excluded {
				c, ann = NonCompliant, "The multi-Region trail excludes management event sources."
			}
			break
		}
		return []evaluation{{typ: TypeAccount, id: w.account, ctype: c, annotation: ann}}
	}
}

// logGroupEncrypted is CLOUDWATCH_LOG_GROUP_ENCRYPTED.
func logGroupEncrypted(p map[string]string, w *worldView) []evaluation {
	out := make([]evaluation, 0, len(w.groups))
	for _, g := range w.groups {
		c, ann := Compliant, ""
		switch want := strings.TrimSpace(p["KmsKeyId"]); {
		case g.KmsKeyID == "":
			c, ann = NonCompliant, "The log group is not encrypted with a KMS key."
		case want != "" && want != g.KmsKeyID:
			c, ann = NonCompliant, "The log group is encrypted with another KMS key."
		}
		out = append(out, evaluation{typ: typeLogGroup, id: g.LogGroupName, ctype: c, annotation: ann})
	}
	return out
}

// retentionValues are the values CW_LOGGROUP_RETENTION_PERIOD_CHECK accepts for MinRetentionTime.
func retentionValue(n int) bool {
	switch n {
	case 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653:
		return true
	}
	return false
}

func logGroupRetentionParams(p map[string]string) string {
	v := strings.TrimSpace(p["MinRetentionTime"])
	if v == "" {
		return ""
	}
	if n, err := strconv.Atoi(v); err != nil || !retentionValue(n) {
		return "The parameter MinRetentionTime is not valid: " + v
	}
	return ""
}

// logGroupRetention is CW_LOGGROUP_RETENTION_PERIOD_CHECK: log groups whose name starts with one
// of the LogGroupNames (all when absent) must keep events "never" or at least MinRetentionTime days.
func logGroupRetention(p map[string]string, w *worldView) []evaluation {
	minDays := 365
	if v := strings.TrimSpace(p["MinRetentionTime"]); v != "" {
		minDays, _ = strconv.Atoi(v)
	}
	var prefixes []string
	for _, x := range strings.Split(p["LogGroupNames"], ",") {
		if x = strings.TrimSpace(x); x != "" {
			prefixes = append(prefixes, x)
		}
	}
	out := make([]evaluation, 0, len(w.groups))
	for _, g := range w.groups {
		if len(prefixes) > 0 {
			match := false
			for _, pf := range prefixes {
				match = match || strings.HasPrefix(g.LogGroupName, pf)
			}
			if !match {
				continue
			}
		}
		c, ann := Compliant, ""
		if g.RetentionInDays != nil && int(*g.RetentionInDays) < minDays {
			c, ann = NonCompliant, "The log group keeps events for "+strconv.Itoa(int(*g.RetentionInDays))+" days, less than "+strconv.Itoa(minDays)+"."
		}
		out = append(out, evaluation{typ: typeLogGroup, id: g.LogGroupName, ctype: c, annotation: ann})
	}
	return out
}

func alarmResourceParams(p map[string]string) string {
	switch p["resourceType"] {
	case "AWS::EC2::Instance", "AWS::RDS::DBCluster", "AWS::S3::Bucket", "AWS::EC2::Volume":
		return ""
	}
	return "The parameter resourceType must be AWS::EC2::Instance, AWS::RDS::DBCluster, AWS::S3::Bucket or AWS::EC2::Volume: " + p["resourceType"]
}

// alarmResourceCheck is CLOUDWATCH_ALARM_RESOURCE_CHECK: for each resource of resourceType, an
// alarm on metricName must name it in a dimension. The simulated world has none of the four types
// (EC2 instances and volumes, RDS clusters, S3 buckets are not Config resources here), so the rule
// has no results and reads INSUFFICIENT_DATA.
func alarmResourceCheck(map[string]string, *worldView) []evaluation { return nil }
