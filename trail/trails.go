package trail

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/internal/pagetoken"
)

// trail is one trail's settings and delivery state (guarded by the bus state lock).
type trail struct {
	name, arn               string
	bucket, prefix          string
	topicName, topicARN     string
	includeGlobal, multi    bool
	validation              bool
	cwlGroupARN, cwlRoleARN string
	kmsKeyID                string
	tags                    []Tag
	selectors               selectorSet
	insights                []InsightSelector
	logging                 bool
	startTime, stopTime     time.Time
	stopRequest             string
	status                  status
	pending                 []pendingRec
	flushTimer              *bus.Timer
	chain                   *chain
	digestKeys              []string // every digest key delivered, oldest first (the ledger strict validation reads)
	digestBucketOf          map[string]string
	deleted                 bool
}

// status is what GetTrailStatus reports besides IsLogging.
type status struct {
	deliveryTime, notificationTime, cwlTime, digestTime     time.Time
	deliveryError, notificationError, cwlError, digestError string
	deliveryAttempt, notificationAttempt                    time.Time
	deliveryAttemptOK, notificationAttemptOK                bool
}

func (t *trail) stopTimers() {
	if t.flushTimer != nil {
		t.flushTimer.Stop()
		t.flushTimer = nil
	}
	if t.chain != nil && t.chain.timer != nil {
		t.chain.timer.Stop()
		t.chain.timer = nil
	}
}

func boolp(v bool) *bool { return &v }

// view is the Trail shape of t.
func (s *Service) view(t *trail) Trail {
	v := Trail{Name: t.name, S3BucketName: t.bucket, S3KeyPrefix: t.prefix, SnsTopicName: t.topicName, SnsTopicARN: t.topicARN,
		IncludeGlobalServiceEvents: boolp(t.includeGlobal), IsMultiRegionTrail: boolp(t.multi), HomeRegion: s.b.Region(),
		TrailARN: t.arn, LogFileValidationEnabled: boolp(t.validation), CloudWatchLogsLogGroupArn: t.cwlGroupARN,
		CloudWatchLogsRoleArn: t.cwlRoleARN, KmsKeyID: t.kmsKeyID, HasCustomEventSelectors: boolp(t.selectors.custom),
		HasInsightSelectors: boolp(len(t.insights) > 0), IsOrganizationTrail: boolp(false)}
	return v
}

func (s *Service) createView(t *trail) CreateTrailOutput {
	return CreateTrailOutput{Name: t.name, S3BucketName: t.bucket, S3KeyPrefix: t.prefix, SnsTopicName: t.topicName,
		SnsTopicARN: t.topicARN, IncludeGlobalServiceEvents: boolp(t.includeGlobal), IsMultiRegionTrail: boolp(t.multi),
		TrailARN: t.arn, LogFileValidationEnabled: boolp(t.validation), CloudWatchLogsLogGroupArn: t.cwlGroupARN,
		CloudWatchLogsRoleArn: t.cwlRoleARN, KmsKeyID: t.kmsKeyID, IsOrganizationTrail: boolp(false)}
}

// ordered returns the trails in name order; the slice is kept until a trail is created or
// deleted (caller holds the state lock, and must not change it).
func (s *Service) ordered() []*trail {
	if s.order == nil {
		s.order = make([]*trail, 0, len(s.trails))
		for _, n := range s.trailNames() {
			s.order = append(s.order, s.trails[n])
		}
	}
	return s.order
}

func (s *Service) trailNames() []string {
	names := make([]string, 0, len(s.trails))
	for n := range s.trails {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// find returns the trail a Name member (a name or a trail ARN) designates.
func (s *Service) find(nameOrARN string) (*trail, error) {
	if strings.HasPrefix(nameOrARN, "arn:") {
		a, err := bus.ParseARN(nameOrARN)
		if err != nil || a.Service != "cloudtrail" || !strings.HasPrefix(a.Resource, "trail/") || len(a.AccountID) != 12 {
			return nil, bus.ClientErrorf(ErrCloudTrailARNInvalid,
				"%s is not a valid trail ARN. The ARN must be in the format arn:aws:cloudtrail:<region>:<account-id>:trail/<trail-name>.", nameOrARN)
		}
		name := strings.TrimPrefix(a.Resource, "trail/")
		t, ok := s.trails[name]
		if !ok || t.arn != nameOrARN {
			return nil, notFound(nameOrARN, s.b.Account())
		}
		return t, nil
	}
	if err := checkTrailName(nameOrARN); err != nil {
		return nil, err
	}
	t, ok := s.trails[nameOrARN]
	if !ok {
		return nil, notFound(nameOrARN, s.b.Account())
	}
	return t, nil
}

// checkBucket refuses a bucket that is not a bus S3 bucket.
func (s *Service) checkBucket(name string) error {
	if err := checkBucketName(name); err != nil {
		return err
	}
	if sk, ok := s.b.SinkFor(s.b.ARN("s3", name)); !ok {
		return bus.ClientErrorf(ErrS3BucketDoesNotExist, "S3 bucket %s does not exist!", name)
	} else if _, isBucket := sk.(*bus.S3Bucket); !isBucket {
		return bus.ClientErrorf(ErrS3BucketDoesNotExist, "S3 bucket %s does not exist!", name)
	}
	return nil
}

func checkPrefix(p string) error {
	if len(p) > 200 {
		return bus.ClientErrorf(ErrInvalidS3Prefix, "Prefix %s is not valid: it is longer than 200 characters.", p)
	}
	return nil
}

// checkTopic resolves SnsTopicName (a name or an ARN) to a bus SNS topic.
func (s *Service) checkTopic(nameOrARN string) (name, arn string, err error) {
	if nameOrARN == "" {
		return "", "", nil
	}
	if len(nameOrARN) > 256 {
		return "", "", bus.ClientErrorf(ErrInvalidSnsTopicName, "Topic name %s is not valid.", nameOrARN)
	}
	arn, name = nameOrARN, nameOrARN
	if strings.HasPrefix(nameOrARN, "arn:") {
		a, perr := bus.ParseARN(nameOrARN)
		if perr != nil || a.Service != "sns" {
			return "", "", bus.ClientErrorf(ErrInvalidSnsTopicName, "Topic name %s is not valid.", nameOrARN)
		}
		name = a.Resource
	} else {
		arn = s.b.ARN("sns", nameOrARN)
	}
	sk, ok := s.b.SinkFor(arn)
	if _, isTopic := sk.(*bus.SNSTopic); !ok || !isTopic {
		return "", "", bus.ClientError(ErrInsufficientSnsTopicPolicy, "SNS Topic does not exist or the topic policy is incorrect!")
	}
	return name, arn, nil
}

// checkLogs checks the CloudWatch Logs pair: both or neither; the group must be a registered log
// group ARN, the role an IAM role ARN.
func (s *Service) checkLogs(group, role string) error {
	if group == "" && role == "" {
		return nil
	}
	if group == "" || role == "" {
		return bus.ClientError(ErrInvalidParameterCombination,
			"You must specify both a CloudWatch Logs log group ARN and a CloudWatch Logs role ARN, or neither.")
	}
	a, err := bus.ParseARN(group)
	if err != nil || a.Service != "logs" || !strings.HasPrefix(a.Resource, "log-group:") {
		return bus.ClientError(ErrInvalidCloudWatchLogsLogGroupArn, "CloudWatch Logs log group ARN is invalid.")
	}
	if _, ok := s.b.SinkFor(group); !ok {
		return bus.ClientError(ErrInvalidCloudWatchLogsLogGroupArn, "CloudWatch Logs log group ARN is invalid.")
	}
	r, err := bus.ParseARN(role)
	if err != nil || r.Service != "iam" || !strings.HasPrefix(r.Resource, "role/") {
		return bus.ClientError(ErrInvalidCloudWatchLogsRoleArn, "CloudWatch Logs role ARN is invalid.")
	}
	return nil
}

func (s *Service) kmsARN(id string) string {
	if id == "" || strings.HasPrefix(id, "arn:") {
		return id
	}
	if strings.HasPrefix(id, "alias/") {
		return s.b.ARN("kms", id)
	}
	return s.b.ARN("kms", "key/"+id)
}

// CreateTrail creates a trail. It does not log until StartLogging.
func (s *Service) CreateTrail(ctx context.Context, in *CreateTrailInput) (*CreateTrailOutput, error) {
	return bus.Call(ctx, s.b, op("CreateTrail", false), in, func(ctx context.Context, in *CreateTrailInput) (*CreateTrailOutput, error) {
		if err := checkTrailName(in.Name); err != nil {
			return nil, err
		}
		if in.IsOrganizationTrail != nil && *in.IsOrganizationTrail {
			return nil, bus.NotSimulated("cloudtrail", "organization trails (IsOrganizationTrail)")
		}
		if _, dup := s.trails[in.Name]; dup {
			return nil, bus.ClientErrorf(ErrTrailAlreadyExists, "Trail %s already exists for customer: %s", in.Name, s.b.Account())
		}
		if len(s.trails) >= s.opts.maxTrails {
			return nil, bus.ClientErrorf(ErrMaximumNumberOfTrailsExceeded, "User: %s already has %d trails in %s.",
				s.b.Account(), s.opts.maxTrails, s.b.Region())
		}
		if in.S3BucketName == "" {
			return nil, bus.ClientError(ErrInvalidS3BucketName, "S3 bucket name must not be empty.")
		}
		if err := s.checkBucket(in.S3BucketName); err != nil {
			return nil, err
		}
		if err := checkPrefix(in.S3KeyPrefix); err != nil {
			return nil, err
		}
		topicName, topicARN, err := s.checkTopic(in.SnsTopicName)
		if err != nil {
			return nil, err
		}
		global := in.IncludeGlobalServiceEvents == nil || *in.IncludeGlobalServiceEvents
		multi := in.IsMultiRegionTrail != nil && *in.IsMultiRegionTrail
		if multi && !global {
			return nil, bus.ClientError(ErrInvalidParameterCombination, "Multi-Region trail must include global service events.")
		}
		if err := s.checkLogs(in.CloudWatchLogsLogGroupArn, in.CloudWatchLogsRoleArn); err != nil {
			return nil, err
		}
		tags, err := mergeTags(nil, in.TagsList)
		if err != nil {
			return nil, err
		}
		t := &trail{name: in.Name, arn: s.b.ARN("cloudtrail", "trail/"+in.Name), bucket: in.S3BucketName, prefix: in.S3KeyPrefix,
			topicName: topicName, topicARN: topicARN, includeGlobal: global, multi: multi,
			validation:  in.EnableLogFileValidation != nil && *in.EnableLogFileValidation,
			cwlGroupARN: in.CloudWatchLogsLogGroupArn, cwlRoleARN: in.CloudWatchLogsRoleArn, kmsKeyID: s.kmsARN(in.KmsKeyID),
			tags: tags, selectors: defaultSelectors(), digestBucketOf: map[string]string{}}
		s.trails[t.name] = t
		s.order = nil
		s.changed(ctx, bus.ResourceCreated, t)
		out := s.createView(t)
		return &out, nil
	})
}

// UpdateTrail changes a trail's settings; members left out keep their values.
func (s *Service) UpdateTrail(ctx context.Context, in *UpdateTrailInput) (*UpdateTrailOutput, error) {
	return bus.Call(ctx, s.b, op("UpdateTrail", false), in, func(ctx context.Context, in *UpdateTrailInput) (*UpdateTrailOutput, error) {
		t, err := s.find(in.Name)
		if err != nil {
			return nil, err
		}
		if in.IsOrganizationTrail != nil && *in.IsOrganizationTrail {
			return nil, bus.NotSimulated("cloudtrail", "organization trails (IsOrganizationTrail)")
		}
		bucket, prefix := t.bucket, t.prefix
		if in.S3BucketName != nil {
			if err := s.checkBucket(*in.S3BucketName); err != nil {
				return nil, err
			}
			bucket = *in.S3BucketName
		}
		if in.S3KeyPrefix != nil {
			if err := checkPrefix(*in.S3KeyPrefix); err != nil {
				return nil, err
			}
			prefix = *in.S3KeyPrefix
		}
		topicName, topicARN := t.topicName, t.topicARN
		if in.SnsTopicName != nil {
			if topicName, topicARN, err = s.checkTopic(*in.SnsTopicName); err != nil {
				return nil, err
			}
		}
		global, multi := t.includeGlobal, t.multi
		if in.IncludeGlobalServiceEvents != nil {
			global = *in.IncludeGlobalServiceEvents
		}
		if in.IsMultiRegionTrail != nil {
			multi = *in.IsMultiRegionTrail
		}
		if multi && !global {
			return nil, bus.ClientError(ErrInvalidParameterCombination, "Multi-Region trail must include global service events.")
		}
		group, role := t.cwlGroupARN, t.cwlRoleARN
		if in.CloudWatchLogsLogGroupArn != nil {
			group = *in.CloudWatchLogsLogGroupArn
		}
		if in.CloudWatchLogsRoleArn != nil {
			role = *in.CloudWatchLogsRoleArn
		}
		if group != t.cwlGroupARN || role != t.cwlRoleARN {
			if err := s.checkLogs(group, role); err != nil {
				return nil, err
			}
		}
		t.bucket, t.prefix, t.topicName, t.topicARN, t.includeGlobal, t.multi = bucket, prefix, topicName, topicARN, global, multi
		t.cwlGroupARN, t.cwlRoleARN = group, role
		if in.KmsKeyID != nil {
			t.kmsKeyID = s.kmsARN(*in.KmsKeyID)
		}
		if in.EnableLogFileValidation != nil && *in.EnableLogFileValidation != t.validation {
			t.validation = *in.EnableLogFileValidation
			if t.logging && t.validation {
				s.startChain(t)
			} else if t.logging && t.chain != nil {
				// Disabling validation ends the chain with a final digest.
				s.deferFinish(ctx, t, false)
			}
		}
		s.changed(ctx, bus.ResourceUpdated, t)
		out := UpdateTrailOutput(s.createView(t))
		return &out, nil
	})
}

// DeleteTrail deletes a trail. Pending log files and a final digest are delivered; the bucket's
// objects and the log group are kept.
func (s *Service) DeleteTrail(ctx context.Context, in *DeleteTrailInput) (*DeleteTrailOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteTrail", false), in, func(ctx context.Context, in *DeleteTrailInput) (*DeleteTrailOutput, error) {
		t, err := s.find(in.Name)
		if err != nil {
			return nil, err
		}
		delete(s.trails, t.name)
		s.order = nil
		t.deleted = true
		if t.logging {
			t.logging = false
			t.stopTime = s.b.Now()
			s.deferFinish(ctx, t, true)
		}
		s.changed(ctx, bus.ResourceDeleted, t)
		return &DeleteTrailOutput{}, nil
	})
}

// GetTrail returns one trail.
func (s *Service) GetTrail(ctx context.Context, in *GetTrailInput) (*GetTrailOutput, error) {
	return bus.Call(ctx, s.b, op("GetTrail", true), in, func(ctx context.Context, in *GetTrailInput) (*GetTrailOutput, error) {
		t, err := s.find(in.Name)
		if err != nil {
			return nil, err
		}
		v := s.view(t)
		return &GetTrailOutput{Trail: &v}, nil
	})
}

// DescribeTrails returns the named trails (names or ARNs), or every trail of the region. A name
// that matches no trail is left out, as AWS does.
func (s *Service) DescribeTrails(ctx context.Context, in *DescribeTrailsInput) (*DescribeTrailsOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeTrails", true), in, func(ctx context.Context, in *DescribeTrailsInput) (*DescribeTrailsOutput, error) {
		out := &DescribeTrailsOutput{TrailList: []Trail{}}
		if len(in.TrailNameList) == 0 {
			for _, n := range s.trailNames() {
				out.TrailList = append(out.TrailList, s.view(s.trails[n]))
			}
			return out, nil
		}
		seen := map[string]bool{}
		for _, n := range in.TrailNameList {
			t, err := s.find(n)
			if err != nil {
				if bus.ErrorCode(err) == ErrTrailNotFound {
					continue
				}
				return nil, err
			}
			if !seen[t.name] {
				seen[t.name] = true
				out.TrailList = append(out.TrailList, s.view(t))
			}
		}
		return out, nil
	})
}

// ListTrails lists the trails (ARN, name, home region) in name order, 50 a page [derived page size].
func (s *Service) ListTrails(ctx context.Context, in *ListTrailsInput) (*ListTrailsOutput, error) {
	return bus.Call(ctx, s.b, op("ListTrails", true), in, func(ctx context.Context, in *ListTrailsInput) (*ListTrailsOutput, error) {
		after := ""
		if in.NextToken != "" {
			pos, ok := pagetoken.Decode("ListTrails", in.NextToken)
			if !ok {
				return nil, bus.ClientError(ErrInvalidToken, "Invalid token.")
			}
			after = pos
		}
		out := &ListTrailsOutput{Trails: []TrailInfo{}}
		for _, n := range s.trailNames() {
			if after != "" && n <= after {
				continue
			}
			if len(out.Trails) == 50 {
				out.NextToken = pagetoken.Encode("ListTrails", out.Trails[49].Name)
				break
			}
			out.Trails = append(out.Trails, TrailInfo{TrailARN: s.trails[n].arn, Name: n, HomeRegion: s.b.Region()})
		}
		return out, nil
	})
}

// StartLogging starts recording calls to the trail's destinations. With log file validation on,
// it starts a digest chain (its first digest has null previous-digest fields).
func (s *Service) StartLogging(ctx context.Context, in *StartLoggingInput) (*StartLoggingOutput, error) {
	return bus.Call(ctx, s.b, op("StartLogging", false), in, func(ctx context.Context, in *StartLoggingInput) (*StartLoggingOutput, error) {
		t, err := s.find(in.Name)
		if err != nil {
			return nil, err
		}
		if t.logging {
			return &StartLoggingOutput{}, nil
		}
		t.logging = true
		t.startTime = s.b.Now()
		if t.validation {
			s.startChain(t)
		}
		return &StartLoggingOutput{}, nil
	})
}

// StopLogging stops recording. Log files pending delivery, up to and including the StopLogging
// event itself, are delivered, and a final digest closes the chain.
func (s *Service) StopLogging(ctx context.Context, in *StopLoggingInput) (*StopLoggingOutput, error) {
	return bus.Call(ctx, s.b, op("StopLogging", false), in, func(ctx context.Context, in *StopLoggingInput) (*StopLoggingOutput, error) {
		t, err := s.find(in.Name)
		if err != nil {
			return nil, err
		}
		if !t.logging {
			return &StopLoggingOutput{}, nil
		}
		t.logging = false
		t.stopTime = s.b.Now()
		s.deferFinish(ctx, t, true)
		return &StopLoggingOutput{}, nil
	})
}

// GetTrailStatus returns whether the trail logs and the times and errors of its latest deliveries.
func (s *Service) GetTrailStatus(ctx context.Context, in *GetTrailStatusInput) (*GetTrailStatusOutput, error) {
	return bus.Call(ctx, s.b, op("GetTrailStatus", true), in, func(ctx context.Context, in *GetTrailStatusInput) (*GetTrailStatusOutput, error) {
		t, err := s.find(in.Name)
		if err != nil {
			return nil, err
		}
		st := t.status
		tp := func(v time.Time) *time.Time {
			if v.IsZero() {
				return nil
			}
			return &v
		}
		str := func(v time.Time) string {
			if v.IsZero() {
				return ""
			}
			return v.UTC().Format(time.RFC3339)
		}
		ok := func(v time.Time, b bool) string {
			if v.IsZero() {
				return ""
			}
			if b {
				return "true"
			}
			return "false"
		}
		return &GetTrailStatusOutput{IsLogging: t.logging, LatestDeliveryError: st.deliveryError,
			LatestNotificationError: st.notificationError, LatestDeliveryTime: tp(st.deliveryTime),
			LatestNotificationTime: tp(st.notificationTime), StartLoggingTime: tp(t.startTime), StopLoggingTime: tp(t.stopTime),
			LatestCloudWatchLogsDeliveryError: st.cwlError, LatestCloudWatchLogsDeliveryTime: tp(st.cwlTime),
			LatestDigestDeliveryTime: tp(st.digestTime), LatestDigestDeliveryError: st.digestError,
			LatestDeliveryAttemptTime: str(st.deliveryAttempt), LatestNotificationAttemptTime: str(st.notificationAttempt),
			LatestNotificationAttemptSucceeded: ok(st.notificationAttempt, st.notificationAttemptOK),
			LatestDeliveryAttemptSucceeded:     ok(st.deliveryAttempt, st.deliveryAttemptOK),
			TimeLoggingStarted:                 str(t.startTime), TimeLoggingStopped: str(t.stopTime)}, nil
	})
}

// changed announces a trail change on bus.ResourceChanges for AWS Config (resource type
// AWS::CloudTrail::Trail).
func (s *Service) changed(ctx context.Context, ct bus.ChangeType, t *trail) {
	if !bus.HasSubscribers(s.b, bus.ResourceChanges()) {
		return
	}
	var conf any
	if ct != bus.ResourceDeleted {
		conf = s.view(t)
	}
	var tags map[string]string
	if len(t.tags) > 0 {
		tags = map[string]string{}
		for _, tg := range t.tags {
			tags[tg.Key] = tg.Value
		}
	}
	bus.Publish(ctx, s.b, bus.ResourceChanges(), bus.ResourceChange{ChangeType: ct, ResourceType: resourceTrailType,
		ResourceID: t.name, ResourceName: t.name, ARN: t.arn, Time: s.b.Now(), Tags: tags, Configuration: conf})
}
