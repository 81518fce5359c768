package trail

import (
	"bytes"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/watchsim/watchsim/bus"
)

// EventVersion is the eventVersion of every record watchsim writes (the current version in the
// CloudTrail record-contents page,
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html).
const EventVersion = "1.11"

// Size limits of a record (CloudTrail quotas page,
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html, and the
// record-contents page).
const (
	// MaxEventSize is the largest record: larger ones are not sent to CloudWatch Logs or EventBridge.
	MaxEventSize = 256 * 1024
	// MaxParametersSize is the largest requestParameters or responseElements; larger ones are written
	// as null [derived: the record-contents page says the field is omitted].
	MaxParametersSize = 100 * 1024
	// MaxStringFieldSize is the largest userAgent, errorCode, errorMessage and requestID; longer
	// values are truncated.
	MaxStringFieldSize = 1024
)

// Resource is a resource a call touched, as LookupEvents returns it.
type Resource struct {
	ResourceType string `json:"ResourceType,omitempty"`
	ResourceName string `json:"ResourceName,omitempty"`
}

// recordResource is an element of the record's "resources" array.
type recordResource struct {
	Type string
	ARN  string
}

// Record is one CloudTrail event: its JSON exactly as it is written to log files, CloudWatch Logs,
// EventBridge and LookupEvents, and the fields selectors and lookups read.
type Record struct {
	// JSON is the record.
	JSON []byte
	// Category is Management or Data.
	Category    Category
	EventID     string
	EventName   string
	EventSource string
	EventTime   time.Time
	ReadOnly    bool
	// Username is the LookupEvents user name: "root", the IAM user name, the role session name, or
	// the calling service.
	Username    string
	AccessKeyID string
	ErrorCode   string
	// Resources are the LookupEvents resources of the call.
	Resources []Resource
	// dataResources are the record's "resources" (type and ARN), which data selectors match.
	dataResources []recordResource
}

// Builder turns API-call records into CloudTrail records. It caches the layout of the shapes it
// has seen; it is safe for concurrent use. The zero Builder is ready.
type Builder struct {
	cache     sync.Map      // reflect.Type → []field
	resFields sync.Map      // reflect.Type → *resourceFields
	scratch   sync.Pool     // *scratch: records are written there, then copied or stored compactly
	gens      atomic.Uint64 // the last generation of a scratch's memo (memo.go)
	hot       atomic.Pointer[scratch]
}

// scratch is a builder's reusable buffers: the record's JSON, its LookupEvents resources, the
// encoder's member path; and small caches of what the last calls it served had in common.
type scratch struct {
	json   []byte
	params []byte // the record's requestParameters and responseElements, written first
	res    []Resource
	// the last management record built in full (memo.go)
	memo recordMemo
	// lazy: the record is the memo's with the pieces in the holes and lazyEventID, not yet in json
	lazy        bool
	lazyEventID string
	path        []string
	types       recentTypes
	// the last resource fields found (lookupResources)
	resType   reflect.Type
	resFields *resourceFields
	// the last event time written, quoted
	timeUnix int64
	timeJSON []byte
	// the last userIdentity written (not for assumed roles, whose creationDate is the event time)
	idKey  identityKey
	idJSON []byte
	// the last eventSource … userAgent members written
	srcKey  sourceKey
	srcJSON []byte
}

// sourceKey is what the members from eventSource to userAgent depend on.
type sourceKey struct {
	source, name, region, sourceIP, userAgent string
}

// appendSource writes the members from eventSource to userAgent.
func appendSource(b []byte, k sourceKey) []byte {
	b = appendMember(b, "eventSource", k.source)
	b = appendMember(b, "eventName", k.name)
	b = appendMember(b, "awsRegion", k.region)
	b = appendMember(b, "sourceIPAddress", k.sourceIP)
	if k.userAgent != "" {
		b = appendMember(b, "userAgent", truncate(k.userAgent))
	}
	return b
}

// identityKey is what an identity's userIdentity JSON depends on.
type identityKey struct {
	id        bus.Identity
	partition string
}

// getScratch returns a scratch for the caller alone: the hot one when no other caller has it (one
// atomic swap, and its memo is the last record built), else one from the pool.
func (bd *Builder) getScratch() *scratch {
	if sc := bd.hot.Swap(nil); sc != nil {
		return sc
	}
	if sc, _ := bd.scratch.Get().(*scratch); sc != nil {
		return sc
	}
	return new(scratch)
}

// putScratch gives sc back: as the hot one when that place is free, else to the pool; one whose
// buffers grew large is dropped.
func (bd *Builder) putScratch(sc *scratch) {
	if cap(sc.json) > 1<<20 || cap(sc.params) > 1<<20 || cap(sc.memo.cut) > 1<<20 || cap(sc.res) > 1024 {
		return
	}
	if !bd.hot.CompareAndSwap(nil, sc) {
		bd.scratch.Put(sc)
	}
}

// Build returns the CloudTrail record of call, and false for a call CloudTrail does not log.
func (bd *Builder) Build(call *bus.APICall) (Record, bool) {
	sc := bd.getScratch()
	r, ok := bd.build(call, sc, nil, false)
	if ok {
		r.JSON = bytes.Clone(sc.json)
		if len(r.Resources) > 0 {
			r.Resources = slices.Clone(r.Resources)
		} else {
			r.Resources = nil
		}
	}
	bd.putScratch(sc)
	return r, ok
}

// build writes the record of call: its JSON into sc.json, its LookupEvents resources into sc.res
// or the memo (r.Resources is one of them), the other fields into r (JSON nil). It marks the
// per-call pieces of the JSON in hs when hs is not nil, and their memo generation (memo.go). With
// lazy, a record written from the memo is left there until sc.recordJSON asks for it (Event history
// needs no JSON for a record of the last skeleton's generation).
func (bd *Builder) build(call *bus.APICall, sc *scratch, hs *holes, lazy bool) (r Record, ok bool) {
	sc.lazy = false
	cat := Classify(call.EventSource, call.EventName)
	if cat == NotLogged {
		return Record{}, false
	}
	var own holes
	if hs == nil {
		hs = &own
	}
	r = Record{Category: cat, EventID: call.EventID, EventName: call.EventName, EventSource: call.EventSource,
		EventTime: time.Unix(call.EventTime.Unix(), 0).UTC(), ReadOnly: call.ReadOnly, ErrorCode: call.ErrorCode} // to the second
	id := call.Identity
	r.Username = usernameOf(id)
	if id.Type != "AWSService" {
		r.AccessKeyID = id.AccessKeyID
	}
	if u := r.EventTime.Unix(); u != sc.timeUnix || len(sc.timeJSON) == 0 {
		sc.timeUnix, sc.timeJSON = u, appendTime(sc.timeJSON[:0], r.EventTime)
	}
	requestID := truncate(call.RequestID)
	hs.setIDs(call.EventID, requestID)

	// A call whose record is the memo's with other pieces is written from it: known by its fields
	// and its input and output's members when they are flat, else by its parameters as written.
	policy := redactionFor(call.EventSource, call.EventName)
	var key memoKey
	memo := cat == Management && policy == nil
	if memo {
		key = keyOf(call)
		if m := &sc.memo; m.ok && key == m.key && m.sameFlat(call) {
			sc.fromMemo(call, hs, lazy, &r, requestID)
			return r, true
		}
	}
	pb := appendParams(sc.params[:0], call.RequestParameters, policy, &bd.cache, sc, false)
	reqN := len(pb)
	if call.ErrorCode != "" || call.ReadOnly {
		// AWS writes null for read-only calls and for failures.
		pb = append(pb, "null"...)
	} else {
		pb = appendParams(pb, call.ResponseElements, nil, &bd.cache, sc, true)
	}
	sc.params = pb
	if memo && sc.memo.matches(&key, pb, reqN) {
		// Equal parameters as written need not name equal resources (a capped request is written
		// null, invalid UTF-8 as U+FFFD): the hit stands only with the memo's resources.
		if sc.res, _ = bd.lookupResources(sc, call); slices.Equal(sc.res, sc.memo.res) {
			sc.fromMemo(call, hs, lazy, &r, requestID)
			return r, true
		}
	}

	partition := partitionOf(call.AWSRegion)
	src, agent := id.SourceIP, id.UserAgent
	if id.Type == "AWSService" && id.InvokedBy != "" {
		src, agent = id.InvokedBy, id.InvokedBy
	}
	b := append(sc.json[:0], `{"eventVersion":"`+EventVersion+`","userIdentity":`...)
	if id.Type == "AssumedRole" {
		b = appendIdentity(b, id, partition, r.EventTime, hs)
	} else {
		if k := (identityKey{id, partition}); k != sc.idKey || len(sc.idJSON) == 0 {
			sc.idKey, sc.idJSON = k, appendIdentity(sc.idJSON[:0], id, partition, r.EventTime, nil)
		}
		b = append(b, sc.idJSON...)
	}
	b = append(b, `,"eventTime":`...)
	start := len(b)
	b = append(b, sc.timeJSON...)
	hs.mark(holeTime, start, len(b))
	if k := (sourceKey{call.EventSource, call.EventName, call.AWSRegion, src, agent}); k != sc.srcKey || len(sc.srcJSON) == 0 {
		sc.srcKey, sc.srcJSON = k, appendSource(sc.srcJSON[:0], k)
	}
	b = append(b, sc.srcJSON...)
	if call.ErrorCode != "" {
		b = appendMember(b, "errorCode", truncate(call.ErrorCode))
		b = appendMember(b, "errorMessage", truncate(call.ErrorMessage))
	}
	b = append(b, `,"requestParameters":`...)
	b = append(b, pb[:reqN]...)
	b = append(b, `,"responseElements":`...)
	b = append(b, pb[reqN:]...)
	b = append(b, `,"requestID":`...)
	start = len(b)
	b = appendParsedID(b, requestID, hs.requestUOK)
	hs.mark(holeRequestID, start, len(b))
	b = append(b, `,"eventID":`...)
	start = len(b)
	b = appendParsedID(b, call.EventID, hs.eventUOK)
	hs.mark(holeEventID, start, len(b))
	b = append(b, `,"readOnly":`...)
	b = strconv.AppendBool(b, call.ReadOnly)
	if cat == Data {
		r.dataResources = dataResources(call, partition)
	}
	if len(r.dataResources) > 0 {
		b = append(b, `,"resources":[`...)
		for i, res := range r.dataResources {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '{')
			b = append(b, `"type":`...)
			b = appendString(b, res.Type)
			if res.ARN != "" {
				b = append(b, `,"ARN":`...)
				b = appendString(b, res.ARN)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"eventType":"AwsApiCall"`...)
	if v := apiVersion(call.EventSource); v != "" {
		b = appendMember(b, "apiVersion", v)
	}
	b = append(b, `,"managementEvent":`...)
	b = strconv.AppendBool(b, cat == Management)
	b = appendMember(b, "recipientAccountId", call.RecipientAccountID)
	b = appendMember(b, "eventCategory", string(cat))
	sc.json = append(b, '}')
	var exact bool
	sc.res, exact = bd.lookupResources(sc, call)
	r.Resources = sc.res
	hs.gen = 0
	if memo && exact {
		sc.memo.save(bd, &key, pb, reqN, sc.json, hs, sc.res)
		sc.memo.keepFlat(call, sc)
	}
	return r, true
}

// fromMemo completes the record r of call written from sc's memo (left there when lazy).
func (sc *scratch) fromMemo(call *bus.APICall, hs *holes, lazy bool, r *Record, requestID string) {
	m := &sc.memo
	if lazy {
		sc.lazy, sc.lazyEventID = true, call.EventID
	} else {
		sc.json = m.write(sc.json[:0], sc.timeJSON, requestID, call.EventID, hs)
	}
	hs.gen = m.gen
	r.Resources = m.res
}

// appendTime writes an event time as the record does: RFC 3339 to the second, quoted (the layout
// writes no character JSON escapes).
func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339)
	return append(b, '"')
}

func appendMember(b []byte, name, value string) []byte {
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendString(b, value)
}

// appendParams writes requestParameters or responseElements; one larger than MaxParametersSize is
// null, and so is an output with no member set ("{}") when output is true (AWS writes null for
// writes with no output, such as PutMetricAlarm).
func appendParams(b []byte, v any, policy func([]string, string) redaction, cache *sync.Map, sc *scratch, output bool) []byte {
	start := len(b)
	slot := 0
	if output {
		slot = 1
	}
	b = encodeParams(b, v, policy, cache, sc, slot)
	if len(b)-start > MaxParametersSize || output && string(b[start:]) == "{}" {
		b = append(b[:start], "null"...)
	}
	return b
}

// truncate cuts s to MaxStringFieldSize bytes on a rune boundary.
func truncate(s string) string {
	if len(s) <= MaxStringFieldSize {
		return s
	}
	n := MaxStringFieldSize
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func partitionOf(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// usernameOf is the LookupEvents Username of an identity (CloudTrail User Guide, "Viewing
// CloudTrail events with the AWS CLI",
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/view-cloudtrail-events-cli.html):
// "root" for the root user, the user name of an IAM user, the session name of an assumed role;
// [derived] the calling service for AWSService, else the user name or principal id.
func usernameOf(id bus.Identity) string {
	switch id.Type {
	case "Root":
		return "root"
	case "AssumedRole":
		if i := strings.LastIndexByte(id.ARN, '/'); i >= 0 {
			return id.ARN[i+1:]
		}
	case "AWSService":
		return id.InvokedBy
	}
	if id.UserName != "" {
		return id.UserName
	}
	return id.PrincipalID
}

// appendIdentity writes userIdentity by identity type (CloudTrail userIdentity element,
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html).
func appendIdentity(b []byte, id bus.Identity, partition string, t time.Time, hs *holes) []byte {
	b = append(b, `{"type":`...)
	b = appendString(b, id.Type)
	switch id.Type {
	case "AWSService":
		if id.InvokedBy != "" {
			b = appendMember(b, "invokedBy", id.InvokedBy)
		}
		return append(b, '}')
	case "Root":
		principal := id.PrincipalID
		if principal == "" {
			principal = id.AccountID
		}
		arn := id.ARN
		if arn == "" {
			arn = "arn:" + partition + ":iam::" + id.AccountID + ":root"
		}
		b = appendMember(b, "principalId", principal)
		b = appendMember(b, "arn", arn)
		b = appendMember(b, "accountId", id.AccountID)
		b = appendMember(b, "accessKeyId", id.AccessKeyID)
		if id.UserName != "" {
			b = appendMember(b, "userName", id.UserName)
		}
	case "AssumedRole":
		b = appendMember(b, "principalId", id.PrincipalID)
		b = appendMember(b, "arn", id.ARN)
		b = appendMember(b, "accountId", id.AccountID)
		b = appendMember(b, "accessKeyId", id.AccessKeyID)
		// arn:aws:sts::<acct>:assumed-role/<role>/<session> → the role arn:aws:iam::<acct>:role/<role>.
		role := ""
		if i := strings.Index(id.ARN, ":assumed-role/"); i >= 0 {
			rest := id.ARN[i+len(":assumed-role/"):]
			if j := strings.IndexByte(rest, '/'); j >= 0 {
				role = rest[:j]
			}
		}
		issuerID := id.PrincipalID
		if j := strings.IndexByte(issuerID, ':'); j >= 0 {
			issuerID = issuerID[:j]
		}
		b = append(b, `,"sessionContext":{"sessionIssuer":{"type":"Role"`...)
		b = appendMember(b, "principalId", issuerID)
		b = appendMember(b, "arn", "arn:"+partition+":iam::"+id.AccountID+":role/"+role)
		b = appendMember(b, "accountId", id.AccountID)
		b = appendMember(b, "userName", role)
		b = append(b, `},"attributes":{"creationDate":`...)
		start := len(b)
		b = appendTime(b, t)
		hs.mark(holeTime, start, len(b))
		b = append(b, `,"mfaAuthenticated":"false"}}`...)
	default: // IAMUser, AWSAccount, FederatedUser, …
		if id.PrincipalID != "" {
			b = appendMember(b, "principalId", id.PrincipalID)
		}
		if id.ARN != "" {
			b = appendMember(b, "arn", id.ARN)
		}
		b = appendMember(b, "accountId", id.AccountID)
		if id.AccessKeyID != "" && id.Type != "AWSAccount" {
			b = appendMember(b, "accessKeyId", id.AccessKeyID)
		}
		if id.UserName != "" {
			b = appendMember(b, "userName", id.UserName)
		}
	}
	if id.InvokedBy != "" {
		b = appendMember(b, "invokedBy", id.InvokedBy)
	}
	return append(b, '}')
}

// dataResources returns the record's "resources" for data events: AWS::CloudWatch::Metric without
// an ARN for the CloudWatch metric APIs; AWS::Events::EventBus with the bus ARN (one per bus the
// entries name) for PutEvents; AWS::Events::EventSource for PutPartnerEvents. The caller has
// classified the call as a data event.
func dataResources(call *bus.APICall, partition string) []recordResource {
	switch call.EventSource {
	case SourceCloudWatch:
		return []recordResource{{Type: resourceMetric}}
	case SourceEvents:
		var out []recordResource
		seen := map[string]bool{}
		for _, e := range entriesOf(call.RequestParameters) {
			var arn, typ string
			if call.EventName == "PutPartnerEvents" {
				typ = resourceEventSrc
				arn = "arn:" + partition + ":events:" + call.AWSRegion + "::event-source/" + stringField(e, "Source")
			} else {
				typ = resourceEventBus
				name := stringField(e, "EventBusName")
				switch {
				case strings.HasPrefix(name, "arn:"):
					arn = name
				case name == "":
					name = "default"
					fallthrough
				default:
					arn = "arn:" + partition + ":events:" + call.AWSRegion + ":" + call.RecipientAccountID + ":event-bus/" + name
				}
			}
			if !seen[arn] {
				seen[arn] = true
				out = append(out, recordResource{Type: typ, ARN: arn})
			}
		}
		if len(out) == 0 && call.EventName == "PutEvents" {
			out = append(out, recordResource{Type: resourceEventBus,
				ARN: "arn:" + partition + ":events:" + call.AWSRegion + ":" + call.RecipientAccountID + ":event-bus/default"})
		}
		return out
	case sourceTrailData:
		return []recordResource{{Type: resourceChannel}}
	}
	return nil
}

// entriesOf returns the elements of an input's Entries member.
func entriesOf(in any) []reflect.Value {
	v := indirect(reflect.ValueOf(in))
	if v.Kind() != reflect.Struct {
		return nil
	}
	f := v.FieldByName("Entries")
	if f.Kind() != reflect.Slice {
		return nil
	}
	out := make([]reflect.Value, f.Len())
	for i := range out {
		out[i] = f.Index(i)
	}
	return out
}

func indirect(v reflect.Value) reflect.Value {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

// stringField returns the string member name of a struct (or pointer to one), or "".
func stringField(v reflect.Value, name string) string {
	v = indirect(v)
	if v.Kind() != reflect.Struct {
		return ""
	}
	f := v.FieldByName(name)
	f = indirect(f)
	if f.Kind() != reflect.String {
		return ""
	}
	return f.String()
}
