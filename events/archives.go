package events

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
	"github.com/watchsim/watchsim/events/eventpattern"
)

// Archives ("Archiving and replaying events",
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-archive.html): an archive keeps
// every event of its bus that its pattern matches (all of them without a pattern), except replayed
// events, which are never archived. RetentionDays 0 keeps events forever; otherwise events older
// than that many days (from their arrival) vanish from the archive — applied whenever the archive
// is read or written, so nothing runs while time passes.

// Archive states (ArchiveState in the API reference).
const (
	ArchiveEnabled  = "ENABLED"
	ArchiveDisabled = "DISABLED"
)

// CreateArchiveInput is the input of CreateArchive.
type CreateArchiveInput struct {
	ArchiveName      string `json:"ArchiveName"`
	EventSourceArn   string `json:"EventSourceArn"`
	Description      string `json:"Description,omitempty"`
	EventPattern     string `json:"EventPattern,omitempty"`
	RetentionDays    *int32 `json:"RetentionDays,omitempty"`
	KmsKeyIdentifier string `json:"KmsKeyIdentifier,omitempty"`
}

// CreateArchiveOutput is the output of CreateArchive.
type CreateArchiveOutput struct {
	ArchiveArn   string    `json:"ArchiveArn"`
	State        string    `json:"State"`
	StateReason  string    `json:"StateReason,omitempty"`
	CreationTime time.Time `json:"CreationTime"`
}

// DescribeArchiveInput is the input of DescribeArchive.
type DescribeArchiveInput struct {
	ArchiveName string `json:"ArchiveName"`
}

// DescribeArchiveOutput is the output of DescribeArchive.
type DescribeArchiveOutput struct {
	ArchiveArn       string    `json:"ArchiveArn"`
	ArchiveName      string    `json:"ArchiveName"`
	EventSourceArn   string    `json:"EventSourceArn"`
	Description      string    `json:"Description,omitempty"`
	EventPattern     string    `json:"EventPattern,omitempty"`
	State            string    `json:"State"`
	StateReason      string    `json:"StateReason,omitempty"`
	RetentionDays    int32     `json:"RetentionDays"`
	SizeBytes        int64     `json:"SizeBytes"`
	EventCount       int64     `json:"EventCount"`
	CreationTime     time.Time `json:"CreationTime"`
	KmsKeyIdentifier string    `json:"KmsKeyIdentifier,omitempty"`
}

// UpdateArchiveInput is the input of UpdateArchive.
type UpdateArchiveInput struct {
	ArchiveName      string  `json:"ArchiveName"`
	Description      *string `json:"Description,omitempty"`
	EventPattern     *string `json:"EventPattern,omitempty"`
	RetentionDays    *int32  `json:"RetentionDays,omitempty"`
	KmsKeyIdentifier *string `json:"KmsKeyIdentifier,omitempty"`
}

// UpdateArchiveOutput is the output of UpdateArchive.
type UpdateArchiveOutput struct {
	ArchiveArn   string    `json:"ArchiveArn"`
	State        string    `json:"State"`
	StateReason  string    `json:"StateReason,omitempty"`
	CreationTime time.Time `json:"CreationTime"`
}

// DeleteArchiveInput is the input of DeleteArchive.
type DeleteArchiveInput struct {
	ArchiveName string `json:"ArchiveName"`
}

// DeleteArchiveOutput is the (empty) output of DeleteArchive.
type DeleteArchiveOutput struct{}

// ListArchivesInput is the input of ListArchives.
type ListArchivesInput struct {
	NamePrefix     string `json:"NamePrefix,omitempty"`
	EventSourceArn string `json:"EventSourceArn,omitempty"`
	State          string `json:"State,omitempty"`
	NextToken      string `json:"NextToken,omitempty"`
	Limit          *int32 `json:"Limit,omitempty"`
}

// Archive is the AWS shape Archive (an element of ListArchives).
type Archive struct {
	ArchiveName    string    `json:"ArchiveName"`
	EventSourceArn string    `json:"EventSourceArn"`
	State          string    `json:"State"`
	StateReason    string    `json:"StateReason,omitempty"`
	RetentionDays  int32     `json:"RetentionDays"`
	SizeBytes      int64     `json:"SizeBytes"`
	EventCount     int64     `json:"EventCount"`
	CreationTime   time.Time `json:"CreationTime"`
}

// ListArchivesOutput is the output of ListArchives.
type ListArchivesOutput struct {
	Archives  []Archive `json:"Archives"`
	NextToken string    `json:"NextToken,omitempty"`
}

type archived struct {
	ev      event
	arrived time.Time
}

type archive struct {
	name, arn   string
	bus         string
	description string
	pattern     string
	compiled    *eventpattern.Pattern
	retention   int32
	kms         string
	created     time.Time
	events      []archived // in arrival order
	size        int64
}

// expire drops the events older than the retention period.
func (a *archive) expire(now time.Time) {
	if a.retention == 0 || len(a.events) == 0 {
		return
	}
	cut := now.Add(-time.Duration(a.retention) * 24 * time.Hour)
	n := 0
	for n < len(a.events) && a.events[n].arrived.Before(cut) {
		a.size -= int64(a.events[n].ev.size)
		n++
	}
	if n > 0 {
		a.events = slices.Delete(a.events, 0, n)
	}
}

// archiveEvent stores ev in every archive of eb whose pattern matches (body is ev rendered).
func (s *Service) archiveEvent(eb *eventBus, ev *event, body []byte) {
	for _, name := range s.archiveOrder() {
		a := s.archives[name]
		if a.bus != eb.name {
			continue
		}
		if a.compiled != nil {
			if ok, err := a.compiled.Matches(body); err != nil || !ok {
				continue
			}
		}
		now := s.b.Now()
		a.expire(now)
		c := *ev
		c.resources = slices.Clone(ev.resources)
		if c.size == 0 {
			c.size = entrySize(true, c.source, c.detailType, c.detail, c.resources)
		}
		a.events = append(a.events, archived{ev: c, arrived: now})
		a.size += int64(c.size)
	}
}

func (s *Service) archiveOrder() []string {
	names := make([]string, 0, len(s.archives))
	for n := range s.archives {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func archiveNameOK(n string) bool { return ruleNameOK(n) }

func errArchiveNotFound(name string) error {
	return clientErr(ResourceNotFoundException, "Archive "+name+" does not exist.")
}

func (s *Service) lookupArchive(name string) (*archive, error) {
	if err := checkLen(name, "archiveName", 1, 48); err != nil {
		return nil, err
	}
	a := s.archives[name]
	if a == nil {
		return nil, errArchiveNotFound(name)
	}
	a.expire(s.b.Now())
	return a, nil
}

func checkRetention(p *int32) (int32, error) {
	if p == nil {
		return 0, nil
	}
	if *p < 0 {
		return 0, constraint(*p, "retentionDays", "Member must have value greater than or equal to 0")
	}
	return *p, nil
}

func (s *Service) archiveChanged(ctx context.Context, ct bus.ChangeType, a *archive) {
	s.publishChange(ctx, ct, "AWS::Events::Archive", a.name, a.name, a.arn, nil, a.describe())
}

func (a *archive) describe() DescribeArchiveOutput {
	return DescribeArchiveOutput{ArchiveArn: a.arn, ArchiveName: a.name, EventSourceArn: busARNOf(a), Description: a.description,
		EventPattern: a.pattern, State: ArchiveEnabled, RetentionDays: a.retention, SizeBytes: a.size,
		EventCount: int64(len(a.events)), CreationTime: a.created, KmsKeyIdentifier: a.kms}
}

func busARNOf(a *archive) string {
	return a.arn[:strings.Index(a.arn, ":archive/")] + ":event-bus/" + a.bus
}

// CreateArchive creates an archive of a bus's events.
func (s *Service) CreateArchive(ctx context.Context, in *CreateArchiveInput) (*CreateArchiveOutput, error) {
	return bus.Call(ctx, s.b, op("CreateArchive", false), in, func(ctx context.Context, in *CreateArchiveInput) (*CreateArchiveOutput, error) {
		if err := checkLen(in.ArchiveName, "archiveName", 1, 48); err != nil {
			return nil, err
		}
		if !archiveNameOK(in.ArchiveName) {
			return nil, constraint(in.ArchiveName, "archiveName", `Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+`)
		}
		if err := checkLen(in.EventSourceArn, "eventSourceArn", 1, 1600); err != nil {
			return nil, err
		}
		if len(in.Description) > 512 {
			return nil, constraint(in.Description, "description", "Member must have length less than or equal to 512")
		}
		days, err := checkRetention(in.RetentionDays)
		if err != nil {
			return nil, err
		}
		eb, err := s.lookupBus(in.EventSourceArn)
		if err != nil {
			return nil, err
		}
		var compiled *eventpattern.Pattern
		if in.EventPattern != "" {
			if compiled, err = eventpattern.Compile(in.EventPattern); err != nil {
				return nil, err
			}
		}
		if s.archives[in.ArchiveName] != nil {
			return nil, clientErr(ResourceAlreadyExistsException, "Archive "+in.ArchiveName+" already exists.")
		}
		a := &archive{name: in.ArchiveName, arn: s.b.ARN("events", "archive/"+in.ArchiveName), bus: eb.name, description: in.Description,
			pattern: in.EventPattern, compiled: compiled, retention: days, kms: in.KmsKeyIdentifier, created: s.b.Now()}
		s.archives[a.name] = a
		s.archiveChanged(ctx, bus.ResourceCreated, a)
		return &CreateArchiveOutput{ArchiveArn: a.arn, State: ArchiveEnabled, CreationTime: a.created}, nil
	})
}

// DescribeArchive describes an archive, with its current EventCount and SizeBytes.
func (s *Service) DescribeArchive(ctx context.Context, in *DescribeArchiveInput) (*DescribeArchiveOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeArchive", true), in, func(ctx context.Context, in *DescribeArchiveInput) (*DescribeArchiveOutput, error) {
		a, err := s.lookupArchive(in.ArchiveName)
		if err != nil {
			return nil, err
		}
		out := a.describe()
		return &out, nil
	})
}

// UpdateArchive changes an archive's description, pattern, retention or KMS key.
func (s *Service) UpdateArchive(ctx context.Context, in *UpdateArchiveInput) (*UpdateArchiveOutput, error) {
	return bus.Call(ctx, s.b, op("UpdateArchive", false), in, func(ctx context.Context, in *UpdateArchiveInput) (*UpdateArchiveOutput, error) {
		a, err := s.lookupArchive(in.ArchiveName)
		if err != nil {
			return nil, err
		}
		if in.Description == nil && in.EventPattern == nil && in.RetentionDays == nil && in.KmsKeyIdentifier == nil {
			return nil, validation("At least one of EventPattern, RetentionDays or Description must be provided.")
		}
		days, err := checkRetention(in.RetentionDays)
		if err != nil {
			return nil, err
		}
		if in.Description != nil && len(*in.Description) > 512 {
			return nil, constraint(*in.Description, "description", "Member must have length less than or equal to 512")
		}
		var compiled *eventpattern.Pattern
		if in.EventPattern != nil && *in.EventPattern != "" {
			if compiled, err = eventpattern.Compile(*in.EventPattern); err != nil {
				return nil, err
			}
		}
		if in.Description != nil {
			a.description = *in.Description
		}
		if in.EventPattern != nil {
			a.pattern, a.compiled = *in.EventPattern, compiled
		}
		if in.RetentionDays != nil {
			a.retention = days
			a.expire(s.b.Now())
		}
		if in.KmsKeyIdentifier != nil {
			a.kms = *in.KmsKeyIdentifier
		}
		s.archiveChanged(ctx, bus.ResourceUpdated, a)
		return &UpdateArchiveOutput{ArchiveArn: a.arn, State: ArchiveEnabled, CreationTime: a.created}, nil
	})
}

// DeleteArchive deletes an archive and its events.
func (s *Service) DeleteArchive(ctx context.Context, in *DeleteArchiveInput) (*DeleteArchiveOutput, error) {
	return bus.Call(ctx, s.b, op("DeleteArchive", false), in, func(ctx context.Context, in *DeleteArchiveInput) (*DeleteArchiveOutput, error) {
		a, err := s.lookupArchive(in.ArchiveName)
		if err != nil {
			return nil, err
		}
		delete(s.archives, a.name)
		s.archiveChanged(ctx, bus.ResourceDeleted, a)
		return &DeleteArchiveOutput{}, nil
	})
}

// ListArchives lists archives in name order, up to 100 per page.
func (s *Service) ListArchives(ctx context.Context, in *ListArchivesInput) (*ListArchivesOutput, error) {
	return bus.Call(ctx, s.b, op("ListArchives", true), in, func(ctx context.Context, in *ListArchivesInput) (*ListArchivesOutput, error) {
		limit, err := checkLimit(in.Limit, 100)
		if err != nil {
			return nil, err
		}
		if in.NamePrefix != "" && in.EventSourceArn != "" {
			return nil, validation("At most one filter is allowed for ListArchives. Use either : State, EventSourceArn, or NamePrefix.")
		}
		switch in.State {
		case "", ArchiveEnabled, ArchiveDisabled, "CREATING", "UPDATING", "CREATE_FAILED", "UPDATE_FAILED":
		default:
			return nil, constraint(in.State, "state", "Member must satisfy enum value set: [ENABLED, DISABLED, CREATING, UPDATING, CREATE_FAILED, UPDATE_FAILED]")
		}
		var names []string
		for _, n := range s.archiveOrder() {
			a := s.archives[n]
			if strings.HasPrefix(n, in.NamePrefix) && (in.EventSourceArn == "" || in.EventSourceArn == busARNOf(a)) &&
				(in.State == "" || in.State == ArchiveEnabled) {
				names = append(names, n)
			}
		}
		page, next, err := paginate(names, in.NextToken, limit, "archives")
		if err != nil {
			return nil, err
		}
		out := &ListArchivesOutput{Archives: []Archive{}, NextToken: next}
		for _, n := range page {
			a := s.archives[n]
			a.expire(s.b.Now())
			out.Archives = append(out.Archives, Archive{ArchiveName: a.name, EventSourceArn: busARNOf(a), State: ArchiveEnabled,
				RetentionDays: a.retention, SizeBytes: a.size, EventCount: int64(len(a.events)), CreationTime: a.created})
		}
		return out, nil
	})
}

// archivesOn reports whether some archive keeps the events of the bus named busName.
func (s *Service) archivesOn(busName string) bool {
	for _, a := range s.archives {
		if a.bus == busName {
			return true
		}
	}
	return false
}
