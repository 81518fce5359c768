package config

import (
	"encoding/json"
	"strings"
)

// The account-level CloudTrail rules that read a trail's event selectors. AWS Config's trail item
// does not carry the selectors (only hasCustomEventSelectors), and the AWS rules call
// GetEventSelectors themselves; Config here follows each trail's selectors from the
// PutEventSelectors calls CloudTrail makes public on the bus (bus.APICalls), as it follows
// StartLogging and StopLogging. A trail that never had PutEventSelectors has CloudTrail's default
// selector: every management event, read and write, and no data events
// (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetEventSelectors.html).

// trailSelectors is what the rules need to know of one trail's event selectors.
type trailSelectors struct {
	mgmtRead, mgmtWrite bool // management events recorded, read-only and write-only ones
	excluded            bool // some management event source is excluded (KMS, RDS Data API)
	// S3 object-level data events: for all buckets, or for the buckets listed (by name).
	s3AllRead, s3AllWrite bool
	s3Read, s3Write       map[string]bool
}

// defaultTrailSelectors is a trail with CloudTrail's default selector.
func defaultTrailSelectors() trailSelectors {
	return trailSelectors{mgmtRead: true, mgmtWrite: true}
}

// mgmtReadWriteType is the management ReadWriteType in the rules' spelling: "ALL", "ReadOnly",
// "WriteOnly", or "" when the trail records no management events.
func (t trailSelectors) mgmtReadWriteType() string {
	switch {
	case t.mgmtRead && t.mgmtWrite:
		return "ALL"
	case t.mgmtRead:
		return "ReadOnly"
	case t.mgmtWrite:
		return "WriteOnly"
	}
	return ""
}

// s3Covers reports whether the trail records S3 data events of the bucket (read or write).
func (t trailSelectors) s3Covers(bucket string) bool {
	return t.s3AllRead || t.s3AllWrite || t.s3Read[bucket] || t.s3Write[bucket]
}

// selectorsJSON is PutEventSelectors' response as CloudTrail's API reference writes it.
type selectorsJSON struct {
	TrailARN       string
	EventSelectors []struct {
		ReadWriteType           string
		IncludeManagementEvents *bool
		DataResources           []struct {
			Type   string
			Values []string
		}
		ExcludeManagementEventSources []string
	}
	AdvancedEventSelectors []struct {
		FieldSelectors []struct {
			Field                                                               string
			Equals, StartsWith, EndsWith, NotEquals, NotStartsWith, NotEndsWith []string
		}
	}
}

// parseSelectors reads a PutEventSelectors response; ok is false when it names no trail.
func parseSelectors(resp any) (name string, sel trailSelectors, ok bool) {
	raw, err := json.Marshal(resp)
	if err != nil {
		return "", sel, false
	}
	var r selectorsJSON
	if json.Unmarshal(raw, &r) != nil || r.TrailARN == "" {
		return "", sel, false
	}
	name = trailName(r.TrailARN)
	sel.s3Read, sel.s3Write = map[string]bool{}, map[string]bool{}
	for _, e := range r.EventSelectors {
		read, write := readWrite(e.ReadWriteType)
		if e.IncludeManagementEvents == nil || *e.IncludeManagementEvents {
			sel.mgmtRead, sel.mgmtWrite = sel.mgmtRead || read, sel.mgmtWrite || write
			sel.excluded = sel.excluded || len(e.ExcludeManagementEventSources) > 0
		}
		for _, d := range e.DataResources {
			if d.Type != "AWS::S3::Object" {
				continue
			}
			for _, v := range d.Values {
				sel.addS3(v, read, write)
			}
		}
	}
	for _, a := range r.AdvancedEventSelectors {
		var category, typ string
		read, write := true, true
		var arns []string // resources.ARN StartsWith values; nil for every resource
		narrowed := false // a condition the rules cannot read as "all events" narrows the selector
		for _, f := range a.FieldSelectors {
			only := len(f.Equals) == 1 && len(f.StartsWith)+len(f.EndsWith)+len(f.NotEquals)+len(f.NotStartsWith)+len(f.NotEndsWith) == 0
			switch {
			case f.Field == "eventCategory" && only:
				category = f.Equals[0]
			case f.Field == "resources.type" && only:
				typ = f.Equals[0]
			case f.Field == "readOnly" && only:
				read, write = f.Equals[0] == "true", f.Equals[0] == "false"
			case f.Field == "eventSource" && len(f.NotEquals) > 0 && len(f.Equals)+len(f.StartsWith)+len(f.EndsWith)+len(f.NotStartsWith)+len(f.NotEndsWith) == 0:
				sel.excluded = true // the advanced form of ExcludeManagementEventSources
			case f.Field == "resources.ARN" && len(f.StartsWith) > 0 && len(f.Equals)+len(f.EndsWith)+len(f.NotEquals)+len(f.NotStartsWith)+len(f.NotEndsWith) == 0:
				arns = f.StartsWith
			default:
				narrowed = true
			}
		}
		switch {
		case category == "Management" && !narrowed:
			sel.mgmtRead, sel.mgmtWrite = sel.mgmtRead || read, sel.mgmtWrite || write
		case category == "Data" && typ == "AWS::S3::Object" && !narrowed:
			if arns == nil {
				arns = []string{"arn:aws:s3"}
			}
			for _, v := range arns {
				sel.addS3(v, read, write)
			}
		}
	}
	return name, sel, true
}

// addS3 records an S3 data resource value: "arn:aws:s3" (or "arn:aws:s3:::") for every bucket,
// "arn:aws:s3:::bucket/" or "arn:aws:s3:::bucket/prefix" for objects of one bucket. Only a whole
// bucket ("bucket/") counts for that bucket: a prefix logs part of it.
func (t *trailSelectors) addS3(v string, read, write bool) {
	if v == "arn:aws:s3" || v == "arn:aws:s3:::" {
		t.s3AllRead, t.s3AllWrite = t.s3AllRead || read, t.s3AllWrite || write
		return
	}
	rest, ok := strings.CutPrefix(v, "arn:aws:s3:::")
	bucket, prefix, _ := strings.Cut(rest, "/")
	if !ok || bucket == "" || prefix != "" || !strings.HasSuffix(rest, "/") {
		return
	}
	if read {
		t.s3Read[bucket] = true
	}
	if write {
		t.s3Write[bucket] = true
	}
}

// readWrite reads a basic selector's ReadWriteType (default All).
func readWrite(rw string) (read, write bool) {
	switch rw {
	case "ReadOnly":
		return true, false
	case "WriteOnly":
		return false, true
	}
	return true, true
}

// trailName is the trail name of a name or trail ARN.
func trailName(nameOrARN string) string {
	if i := strings.LastIndex(nameOrARN, ":trail/"); i >= 0 {
		return nameOrARN[i+len(":trail/"):]
	}
	return nameOrARN
}

// multiRegionParams checks MULTI_REGION_CLOUD_TRAIL_ENABLED's includeManagementEvents (a boolean)
// and readWriteType (ReadOnly, WriteOnly or ALL).
func multiRegionParams(p map[string]string) string {
	if v := strings.TrimSpace(p["includeManagementEvents"]); v != "" && !strings.EqualFold(v, "true") && !strings.EqualFold(v, "false") {
		return "The parameter includeManagementEvents is not a boolean: " + v
	}
	switch v := strings.TrimSpace(p["readWriteType"]); v {
	case "", "ReadOnly", "WriteOnly", "ALL":
	default:
		return "The parameter readWriteType must be ReadOnly, WriteOnly or ALL: " + v
	}
	return ""
}

// selectorsMatch reports whether a trail's selectors match MULTI_REGION_CLOUD_TRAIL_ENABLED's
// optional includeManagementEvents and readWriteType.
func selectorsMatch(p map[string]string, t trailSelectors) bool {
	if v := strings.TrimSpace(p["includeManagementEvents"]); v != "" && isTrue(v) != (t.mgmtRead || t.mgmtWrite) {
		return false
	}
	if v := strings.TrimSpace(p["readWriteType"]); v != "" && v != t.mgmtReadWriteType() {
		return false
	}
	return true
}

// account is the one account-level result of a rule.
func account(w *worldView, ok bool, why string) []evaluation {
	if ok {
		return []evaluation{{typ: TypeAccount, id: w.account, ctype: Compliant}}
	}
	return []evaluation{{typ: TypeAccount, id: w.account, ctype: NonCompliant, annotation: why}}
}

// s3DataEventsEnabled is CLOUDTRAIL_S3_DATAEVENTS_ENABLED
// (https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-s3-dataevents-enabled.html):
// COMPLIANT when a logging trail records S3 data events of every bucket, or of every bucket
// S3BucketNames lists.
func s3DataEventsEnabled(p map[string]string, w *worldView) []evaluation {
	var buckets []string
	for _, b := range strings.Split(p["S3BucketNames"], ",") {
		if b = strings.TrimSpace(b); b != "" {
			buckets = append(buckets, b)
		}
	}
	for _, t := range w.trails {
		if !t.logging {
			continue
		}
		if len(buckets) == 0 {
			if t.sel.s3AllRead || t.sel.s3AllWrite {
				return account(w, true, "")
			}
			continue
		}
		all := true
		for _, b := range buckets {
			all = all && t.sel.s3Covers(b)
		}
		if all {
			return account(w, true, "")
		}
	}
	return account(w, false, "No logging trail records S3 data events for the buckets.")
}

// allS3DataEvents is CLOUDTRAIL_ALL_READ_S3_DATA_EVENT_CHECK (write=false) and
// CLOUDTRAIL_ALL_WRITE_S3_DATA_EVENT_CHECK (write=true)
// (https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-all-read-s3-data-event-check.html):
// COMPLIANT when a logging multi-Region trail records every read (write) S3 data event of all
// current and future buckets.
func allS3DataEvents(write bool) func(map[string]string, *worldView) []evaluation {
	return func(_ map[string]string, w *worldView) []evaluation {
		for _, t := range w.trails {
			if t.logging && t.doc.IsMultiRegionTrail && ((!write && t.sel.s3AllRead) || (write && t.sel.s3AllWrite)) {
				return account(w, true, "")
			}
		}
		kind := "read"
		if write {
			kind = "write"
		}
		return account(w, false, "No logging multi-Region trail records all "+kind+" S3 data events for all buckets.")
	}
}

// securityTrail is CLOUDTRAIL_SECURITY_TRAIL_ENABLED
// (https://docs.aws.amazon.com/config/latest/developerguide/cloudtrail-security-trail-enabled.html):
// COMPLIANT when some trail records global service events, is multi-Region, validates its log
// files, is encrypted with a KMS key, records management events, reads and writes, and excludes
// no management event source. The page does not ask for the trail to be logging, so a stopped
// trail counts.
func securityTrail(_ map[string]string, w *worldView) []evaluation {
	for _, t := range w.trails {
		d := t.doc
		if d.IncludeGlobalServiceEvents && d.IsMultiRegionTrail && d.LogFileValidationEnabled && d.KmsKeyID != "" &&
			t.sel.mgmtRead && t.sel.mgmtWrite && !t.sel.excluded {
			return account(w, true, "")
		}
	}
	return account(w, false, "No trail is defined with the security best practices.")
}
