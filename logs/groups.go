package logs

import (
	"context"
	"slices"
	"strings"

	"github.com/watchsim/watchsim/bus"
)

// Log group classes (LogGroupClass in the API reference).
const (
	ClassStandard         = "STANDARD"
	ClassInfrequentAccess = "INFREQUENT_ACCESS"
	ClassDelivery         = "DELIVERY"
)

type group struct {
	name, arn, arnStar string
	num                uint64
	created            int64
	retention          int32
	class              string
	kms                string
	protected          bool
	tags               map[string]string
	streams            map[string]*stream
	seq                uint64 // the next event sequence number
	metricFilters      map[string]*metricFilter
	mfOrder            []*metricFilter // creation order: the order filters see events
	subs               map[string]*subscriptionFilter
}

type stream struct {
	name, arn  string
	created    int64
	st         eventStore
	lastIngest int64
}

// retentionDays lists the values PutRetentionPolicy accepts (the Days member of the API reference).
func retentionDaysOK(d int32) bool {
	switch d {
	case 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653:
		return true
	}
	return false
}

const retentionEnum = "[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]"

func errGroupNotFound() error {
	return bus.ClientError(ResourceNotFoundException, "The specified log group does not exist.")
}

func errStreamNotFound() error {
	return bus.ClientError(ResourceNotFoundException, "The specified log stream does not exist.")
}

// cutoff returns the earliest timestamp still inside the group's retention at now (epoch ms), or
// the minimum int64 when events never expire.
func (g *group) cutoff(now int64) int64 {
	if g.retention == 0 {
		return -1 << 63
	}
	return now - int64(g.retention)*86400000
}

// expire drops the events past retention from every stream. Expiry is deterministic on the
// simulation clock: an event whose timestamp is older than the retention period is gone from every
// read path at once and stops counting in storedBytes (AWS deletes such events within 72 hours and
// stops counting them at once; PutRetentionPolicy API reference).
func (g *group) expire(now int64) {
	c := g.cutoff(now)
	for _, st := range g.streams {
		st.st.expire(c)
	}
}

func (g *group) storedBytes() int64 {
	var n int64
	for _, st := range g.streams {
		n += st.st.bytes
	}
	return n
}

func (s *Service) describeGroup(g *group, full bool) LogGroup {
	out := LogGroup{LogGroupName: g.name, CreationTime: g.created, MetricFilterCount: int32(len(g.metricFilters)),
		Arn: g.arnStar, KmsKeyID: g.kms, LogGroupClass: g.class, LogGroupArn: g.arn}
	if g.retention != 0 {
		r := g.retention
		out.RetentionInDays = &r
	}
	if full {
		b := g.storedBytes()
		p := g.protected
		out.StoredBytes, out.DeletionProtectionEnabled = &b, &p
	}
	return out
}

// lookupGroup resolves a logGroupName or logGroupIdentifier (a name or an ARN without ":*") and
// expires its old events.
func (s *Service) lookupGroup(name, identifier string) (*group, error) {
	switch {
	case name != "" && identifier != "":
		return nil, bus.ClientError(ValidationException, "LogGroup name and LogGroup ARN are mutually exclusive parameters.")
	case name != "":
		if err := checkGroupName(name, "logGroupName"); err != nil {
			return nil, err
		}
	case identifier != "":
		if err := checkLen(identifier, "logGroupIdentifier", 1, 2048); err != nil {
			return nil, err
		}
		if !identifierOK(identifier) {
			return nil, violation(identifier, "logGroupIdentifier", `Member must satisfy regular expression pattern: [\w#+=/:,.@-]*`)
		}
		name = identifier
		if strings.HasPrefix(identifier, "arn:") {
			a, err := bus.ParseARN(identifier)
			if err != nil || a.Service != "logs" || !strings.HasPrefix(a.Resource, "log-group:") {
				return nil, invalidParameter("Invalid log group ARN: " + identifier)
			}
			if a.AccountID != s.b.Account() || a.Region != s.b.Region() {
				return nil, bus.NotSimulated("logs", "log groups of other accounts or regions ("+identifier+")")
			}
			name = strings.TrimPrefix(a.Resource, "log-group:")
		}
	default:
		return nil, violation(nil, "logGroupName", "Member must not be null")
	}
	g := s.groups[name]
	if g == nil {
		return nil, errGroupNotFound()
	}
	g.expire(s.nowMillis())
	return g, nil
}

// CreateLogGroup creates a log group (CreateLogGroup API reference). New groups never expire their
// events; the class cannot be changed later. DELIVERY groups (vended logs bound for S3 or Firehose)
// are not simulated.
func (s *Service) CreateLogGroup(ctx context.Context, in *CreateLogGroupInput) (*CreateLogGroupOutput, error) {
	return bus.Call(ctx, s.b, op("CreateLogGroup", false), in, func(ctx context.Context, in *CreateLogGroupInput) (*CreateLogGroupOutput, error) {
		if err := checkGroupName(in.LogGroupName, "logGroupName"); err != nil {
			return nil, err
		}
		if strings.HasPrefix(in.LogGroupName, "aws/") {
			return nil, invalidParameter("Log group names starting with 'aws/' are reserved for AWS services.")
		}
		if len(in.KmsKeyID) > 256 {
			return nil, violation(in.KmsKeyID, "kmsKeyId", "Member must have length less than or equal to 256")
		}
		if in.Tags != nil && len(in.Tags) == 0 {
			return nil, violation("{}", "tags", "Member must have length greater than or equal to 1")
		}
		if err := checkTags(in.Tags, "tags"); err != nil {
			return nil, err
		}
		class := in.LogGroupClass
		switch class {
		case "":
			class = ClassStandard
		case ClassStandard, ClassInfrequentAccess:
		case ClassDelivery:
			return nil, bus.NotSimulated("logs", "log group class DELIVERY")
		default:
			return nil, violation(class, "logGroupClass", "Member must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]")
		}
		if _, dup := s.groups[in.LogGroupName]; dup {
			return nil, bus.ClientError(ResourceAlreadyExistsException, "The specified log group already exists")
		}
		s.groupNum++
		g := &group{name: in.LogGroupName, num: s.groupNum, created: s.nowMillis(), class: class, kms: in.KmsKeyID,
			protected: in.DeletionProtectionEnabled != nil && *in.DeletionProtectionEnabled, tags: copyTags(in.Tags),
			streams: map[string]*stream{}, metricFilters: map[string]*metricFilter{}, subs: map[string]*subscriptionFilter{}}
		g.arn = s.b.ARN("logs", "log-group:"+g.name)
		g.arnStar = g.arn + ":*"
		s.groups[g.name] = g
		// A log group is a delivery target (EventBridge rules, CloudTrail trails): each delivery to its
		// ARN becomes a log event. A sink the user registered for the ARN first keeps it.
		_ = s.b.Register(g.arn, groupSink{s, g.name})
		_ = s.b.Register(g.arnStar, groupSink{s, g.name})
		s.groupChanged(ctx, bus.ResourceCreated, g)
		return &CreateLogGroupOutput{}, nil
	})
}

func (s *Service) groupChanged(ctx context.Context, ct bus.ChangeType, g *group) {
	s.publishChange(ctx, ct, "AWS::Logs::LogGroup", g.name, g.name, g.arn, g.tags, s.describeGroup(g, true))
}

// DeleteLogGroup deletes a log group with its streams, events, metric filters and subscription
// filters. A group with deletion protection on cannot be deleted.
func (s *Service) DeleteLogGroup(ctx context.Context, in *DeleteLogGroupInput) (*DeleteLogGroupOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteLogGroup", false), in, func(ctx context.Context, in *DeleteLogGroupInput) (*DeleteLogGroupOutput, error) {
		g, err := s.lookupGroup(in.LogGroupName, "")
		if err != nil {
			return nil, err
		}
		if g.protected {
			return nil, bus.ClientErrorf(ValidationException, "Log group %s has deletion protection enabled. Disable deletion protection before deleting the log group.", g.name)
		}
		s.dropGroup(ctx, g)
		return &DeleteLogGroupOutput{}, nil
	})
}

func (s *Service) dropGroup(ctx context.Context, g *group) {
	for _, f := range g.subs {
		if f.flush != nil {
			f.flush.Stop()
		}
		s.publishChange(ctx, bus.ResourceDeleted, "AWS::Logs::SubscriptionFilter", g.name+"|"+f.name, f.name, "", nil, nil)
	}
	for _, f := range g.mfOrder {
		s.publishChange(ctx, bus.ResourceDeleted, "AWS::Logs::MetricFilter", g.name+"|"+f.name, f.name, "", nil, nil)
	}
	delete(s.groups, g.name)
	if sk, ok := s.b.SinkFor(g.arn); ok {
		if gs, mine := sk.(groupSink); mine && gs.s == s {
			s.b.Unregister(g.arn)
			s.b.Unregister(g.arnStar)
		}
	}
	s.groupChanged(ctx, bus.ResourceDeleted, g)
}

// PutLogGroupDeletionProtection switches deletion protection of a log group on or off.
func (s *Service) PutLogGroupDeletionProtection(ctx context.Context, in *PutLogGroupDeletionProtectionInput) (*PutLogGroupDeletionProtectionOutput, error) {
	return bus.Call(ctx, s.b, op("PutLogGroupDeletionProtection", false), in, func(ctx context.Context, in *PutLogGroupDeletionProtectionInput) (*PutLogGroupDeletionProtectionOutput, error) {
		if in.DeletionProtectionEnabled == nil {
			return nil, violation(nil, "deletionProtectionEnabled", "Member must not be null")
		}
		if in.LogGroupIdentifier == "" {
			return nil, violation(nil, "logGroupIdentifier", "Member must not be null")
		}
		g, err := s.lookupGroup("", in.LogGroupIdentifier)
		if err != nil {
			return nil, err
		}
		if g.protected != *in.DeletionProtectionEnabled {
			g.protected = *in.DeletionProtectionEnabled
			s.groupChanged(ctx, bus.ResourceUpdated, g)
		}
		return &PutLogGroupDeletionProtectionOutput{}, nil
	})
}

// sortedGroups returns the groups in ASCII (byte) order of their names.
func (s *Service) sortedGroups() []*group {
	gs := make([]*group, 0, len(s.groups))
	for _, g := range s.groups {
		gs = append(gs, g)
	}
	slices.SortFunc(gs, func(a, b *group) int { return strings.Compare(a.name, b.name) })
	return gs
}

// DescribeLogGroups lists log groups in ASCII order of their names, filtered by prefix, substring
// pattern, class or identifiers, up to 50 per page. With logGroupNamePattern the items leave out
// storedBytes and deletionProtectionEnabled, as AWS's answer does.
func (s *Service) DescribeLogGroups(ctx context.Context, in *DescribeLogGroupsInput) (*DescribeLogGroupsOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeLogGroups", true), in, func(ctx context.Context, in *DescribeLogGroupsInput) (*DescribeLogGroupsOutput, error) {
		limit, err := checkLimit(in.Limit, "limit", MaxDescribeLimit, MaxDescribeLimit)
		if err != nil {
			return nil, err
		}
		if len(in.AccountIdentifiers) > 0 || (in.IncludeLinkedAccounts != nil && *in.IncludeLinkedAccounts) {
			return nil, bus.NotSimulated("logs", "cross-account log groups (accountIdentifiers, includeLinkedAccounts)")
		}
		if in.LogGroupNamePrefix != "" && in.LogGroupNamePattern != "" {
			return nil, invalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.")
		}
		if len(in.LogGroupIdentifiers) > 0 && (in.LogGroupNamePrefix != "" || in.LogGroupNamePattern != "" || in.LogGroupClass != "") {
			return nil, invalidParameter("logGroupIdentifiers cannot be used with other filters except includeLinkedAccounts.")
		}
		if len(in.LogGroupIdentifiers) > 50 {
			return nil, violation("[…]", "logGroupIdentifiers", "Member must have length less than or equal to 50")
		}
		for _, p := range []struct{ v, m string }{{in.LogGroupNamePrefix, "logGroupNamePrefix"}, {in.LogGroupNamePattern, "logGroupNamePattern"}} {
			if p.v == "" {
				continue
			}
			if len(p.v) > MaxNameLength {
				return nil, violation(p.v, p.m, "Member must have length less than or equal to 512")
			}
			if !groupNameOK(p.v) {
				return nil, violation(p.v, p.m, "Member must satisfy regular expression pattern: "+groupNamePattern)
			}
		}
		if err := checkClass(in.LogGroupClass); err != nil {
			return nil, err
		}
		var ids map[string]bool
		if len(in.LogGroupIdentifiers) > 0 {
			ids = map[string]bool{}
			for _, id := range in.LogGroupIdentifiers {
				ids[strings.TrimPrefix(id, s.b.ARN("logs", "log-group:"))] = true
			}
		}
		after := ""
		if in.NextToken != "" {
			if after, err = decodeToken("groups", in.NextToken); err != nil {
				return nil, err
			}
		}
		out := &DescribeLogGroupsOutput{LogGroups: []LogGroup{}}
		now := s.nowMillis()
		for _, g := range s.sortedGroups() {
			switch {
			case after != "" && g.name <= after,
				in.LogGroupNamePrefix != "" && !strings.HasPrefix(g.name, in.LogGroupNamePrefix),
				in.LogGroupNamePattern != "" && !strings.Contains(g.name, in.LogGroupNamePattern),
				in.LogGroupClass != "" && g.class != in.LogGroupClass,
				ids != nil && !ids[g.name]:
				continue
			}
			if len(out.LogGroups) == limit {
				out.NextToken = encodeToken("groups", out.LogGroups[limit-1].LogGroupName)
				break
			}
			g.expire(now)
			out.LogGroups = append(out.LogGroups, s.describeGroup(g, in.LogGroupNamePattern == ""))
		}
		return out, nil
	})
}

func checkClass(c string) error {
	switch c {
	case "", ClassStandard, ClassInfrequentAccess, ClassDelivery:
		return nil
	}
	return violation(c, "logGroupClass", "Member must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]")
}

// ListLogGroups lists log group summaries in ASCII order of their names. logGroupNamePattern is
// the API's small regular expression: 1–5 alternatives separated by '|', each 3–24 characters of
// [.\-_/#A-Za-z0-9], optionally anchored at the start with '^'; a plain alternative matches
// anywhere in the name, case-sensitively.
func (s *Service) ListLogGroups(ctx context.Context, in *ListLogGroupsInput) (*ListLogGroupsOutput, error) {
	return bus.Call(ctx, s.b, op("ListLogGroups", true), in, func(ctx context.Context, in *ListLogGroupsInput) (*ListLogGroupsOutput, error) {
		limit, err := checkLimit(in.Limit, "limit", 1000, 50)
		if err != nil {
			return nil, err
		}
		if len(in.AccountIdentifiers) > 0 || (in.IncludeLinkedAccounts != nil && *in.IncludeLinkedAccounts) {
			return nil, bus.NotSimulated("logs", "cross-account log groups (accountIdentifiers, includeLinkedAccounts)")
		}
		if err := checkClass(in.LogGroupClass); err != nil {
			return nil, err
		}
		var alts []string
		if in.LogGroupNamePattern != "" {
			alts = strings.Split(in.LogGroupNamePattern, "|")
			bad := len(alts) > 5
			for _, a := range alts {
				body := strings.TrimPrefix(a, "^")
				bad = bad || len(body) < 3 || len(body) > 24 || !groupNameOK(body)
			}
			if bad {
				return nil, violation(in.LogGroupNamePattern, "logGroupNamePattern",
					`Member must satisfy regular expression pattern: (\^?[\.\-_\/#A-Za-z0-9]{3,24})(\|\^?[\.\-_\/#A-Za-z0-9]{3,24}){0,4}`)
			}
		}
		after := ""
		if in.NextToken != "" {
			if after, err = decodeToken("list-groups", in.NextToken); err != nil {
				return nil, err
			}
		}
		out := &ListLogGroupsOutput{LogGroups: []LogGroupSummary{}}
		for _, g := range s.sortedGroups() {
			if after != "" && g.name <= after || in.LogGroupClass != "" && g.class != in.LogGroupClass || !matchAlternatives(alts, g.name) {
				continue
			}
			if len(out.LogGroups) == limit {
				out.NextToken = encodeToken("list-groups", out.LogGroups[limit-1].LogGroupName)
				break
			}
			out.LogGroups = append(out.LogGroups, LogGroupSummary{LogGroupName: g.name, LogGroupArn: g.arn, LogGroupClass: g.class})
		}
		return out, nil
	})
}

func matchAlternatives(alts []string, name string) bool {
	if alts == nil {
		return true
	}
	for _, a := range alts {
		if body, anchored := strings.CutPrefix(a, "^"); anchored && strings.HasPrefix(name, body) || !anchored && strings.Contains(name, a) {
			return true
		}
	}
	return false
}

// PutRetentionPolicy sets how many days the group keeps events; only the API's 22 values are
// accepted. Events older than the new period disappear from reads at once.
func (s *Service) PutRetentionPolicy(ctx context.Context, in *PutRetentionPolicyInput) (*PutRetentionPolicyOutput, error) {
	return bus.Call(ctx, s.b, op("PutRetentionPolicy", false), in, func(ctx context.Context, in *PutRetentionPolicyInput) (*PutRetentionPolicyOutput, error) {
		if err := checkGroupName(in.LogGroupName, "logGroupName"); err != nil {
			return nil, err
		}
		if in.RetentionInDays == 0 {
			return nil, violation(nil, "retentionInDays", "Member must not be null")
		}
		if !retentionDaysOK(in.RetentionInDays) {
			return nil, violation(in.RetentionInDays, "retentionInDays", "Member must satisfy enum value set: "+retentionEnum)
		}
		g, err := s.lookupGroup(in.LogGroupName, "")
		if err != nil {
			return nil, err
		}
		g.retention = in.RetentionInDays
		g.expire(s.nowMillis())
		s.groupChanged(ctx, bus.ResourceUpdated, g)
		return &PutRetentionPolicyOutput{}, nil
	})
}

// DeleteRetentionPolicy makes the group keep its events forever; retentionInDays disappears from
// DescribeLogGroups.
func (s *Service) DeleteRetentionPolicy(ctx context.Context, in *DeleteRetentionPolicyInput) (*DeleteRetentionPolicyOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteRetentionPolicy", false), in, func(ctx context.Context, in *DeleteRetentionPolicyInput) (*DeleteRetentionPolicyOutput, error) {
		g, err := s.lookupGroup(in.LogGroupName, "")
		if err != nil {
			return nil, err
		}
		g.retention = 0
		s.groupChanged(ctx, bus.ResourceUpdated, g)
		return &DeleteRetentionPolicyOutput{}, nil
	})
}
