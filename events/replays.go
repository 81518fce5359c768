package events

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/watchsim/watchsim/bus"
)

// Replays ("Replaying archived events",
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-replay-archived-event.html):
// StartReplay re-sends the archived events whose time lies in [EventStartTime, EventEndTime) to
// the archive's own bus, optionally only to the rules in FilterArns, with "replay-name" in their
// envelope. EventBridge replays one minute of event time per minute: the window
// [start+k·1min, start+(k+1)·1min) goes out k minutes after the replay starts, and the replay
// completes when the last window has. Only windows that hold events cost work; within a window
// events go out in their archived order. Replayed events are never archived.

// Replay states (ReplayState in the API reference).
const (
	ReplayStarting   = "STARTING"
	ReplayRunning    = "RUNNING"
	ReplayCancelling = "CANCELLING"
	ReplayCompleted  = "COMPLETED"
	ReplayCancelled  = "CANCELLED"
	ReplayFailed     = "FAILED"
)

// ReplayDestination is the AWS shape ReplayDestination.
type ReplayDestination struct {
	Arn        string   `json:"Arn"`
	FilterArns []string `json:"FilterArns,omitempty"`
}

// StartReplayInput is the input of StartReplay.
type StartReplayInput struct {
	ReplayName     string             `json:"ReplayName"`
	Description    string             `json:"Description,omitempty"`
	EventSourceArn string             `json:"EventSourceArn"`
	EventStartTime time.Time          `json:"EventStartTime"`
	EventEndTime   time.Time          `json:"EventEndTime"`
	Destination    *ReplayDestination `json:"Destination"`
}

// StartReplayOutput is the output of StartReplay.
type StartReplayOutput struct {
	ReplayArn       string    `json:"ReplayArn"`
	State           string    `json:"State"`
	StateReason     string    `json:"StateReason,omitempty"`
	ReplayStartTime time.Time `json:"ReplayStartTime"`
}

// CancelReplayInput is the input of CancelReplay.
type CancelReplayInput struct {
	ReplayName string `json:"ReplayName"`
}

// CancelReplayOutput is the output of CancelReplay.
type CancelReplayOutput struct {
	ReplayArn   string `json:"ReplayArn"`
	State       string `json:"State"`
	StateReason string `json:"StateReason,omitempty"`
}

// DescribeReplayInput is the input of DescribeReplay.
type DescribeReplayInput struct {
	ReplayName string `json:"ReplayName"`
}

// DescribeReplayOutput is the output of DescribeReplay.
type DescribeReplayOutput struct {
	ReplayName            string             `json:"ReplayName"`
	ReplayArn             string             `json:"ReplayArn"`
	Description           string             `json:"Description,omitempty"`
	State                 string             `json:"State"`
	StateReason           string             `json:"StateReason,omitempty"`
	EventSourceArn        string             `json:"EventSourceArn"`
	Destination           *ReplayDestination `json:"Destination"`
	EventStartTime        time.Time          `json:"EventStartTime"`
	EventEndTime          time.Time          `json:"EventEndTime"`
	EventLastReplayedTime *time.Time         `json:"EventLastReplayedTime,omitempty"`
	ReplayStartTime       time.Time          `json:"ReplayStartTime"`
	ReplayEndTime         *time.Time         `json:"ReplayEndTime,omitempty"`
}

// ListReplaysInput is the input of ListReplays.
type ListReplaysInput struct {
	NamePrefix     string `json:"NamePrefix,omitempty"`
	State          string `json:"State,omitempty"`
	EventSourceArn string `json:"EventSourceArn,omitempty"`
	NextToken      string `json:"NextToken,omitempty"`
	Limit          *int32 `json:"Limit,omitempty"`
}

// Replay is the AWS shape Replay (an element of ListReplays).
type Replay struct {
	ReplayName            string     `json:"ReplayName"`
	EventSourceArn        string     `json:"EventSourceArn"`
	State                 string     `json:"State"`
	StateReason           string     `json:"StateReason,omitempty"`
	EventStartTime        time.Time  `json:"EventStartTime"`
	EventEndTime          time.Time  `json:"EventEndTime"`
	EventLastReplayedTime *time.Time `json:"EventLastReplayedTime,omitempty"`
	ReplayStartTime       time.Time  `json:"ReplayStartTime"`
	ReplayEndTime         *time.Time `json:"ReplayEndTime,omitempty"`
}

// ListReplaysOutput is the output of ListReplays.
type ListReplaysOutput struct {
	Replays   []Replay `json:"Replays"`
	NextToken string   `json:"NextToken,omitempty"`
}

type replay struct {
	name, arn    string
	description  string
	archiveARN   string
	bus          string
	dest         ReplayDestination
	start, end   time.Time // event-time range
	state        string
	began, ended time.Time
	lastReplayed time.Time
	pending      []event // the events still to send, in window order
	windows      int     // minute windows in the range
	timer        *bus.Timer
}

func (rp *replay) active() bool {
	return rp.state == ReplayStarting || rp.state == ReplayRunning || rp.state == ReplayCancelling
}

func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func (rp *replay) describe() DescribeReplayOutput {
	d := rp.dest
	d.FilterArns = slices.Clone(rp.dest.FilterArns)
	return DescribeReplayOutput{ReplayName: rp.name, ReplayArn: rp.arn, Description: rp.description, State: rp.state,
		EventSourceArn: rp.archiveARN, Destination: &d, EventStartTime: rp.start, EventEndTime: rp.end,
		EventLastReplayedTime: optTime(rp.lastReplayed), ReplayStartTime: rp.began, ReplayEndTime: optTime(rp.ended)}
}

// StartReplay starts replaying an archive's events to its bus.
func (s *Service) StartReplay(ctx context.Context, in *StartReplayInput) (*StartReplayOutput, error) {
	return bus.Call(ctx, s.b, op("StartReplay", false), in, func(ctx context.Context, in *StartReplayInput) (*StartReplayOutput, error) {
		if err := checkLen(in.ReplayName, "replayName", 1, 64); err != nil {
			return nil, err
		}
		if !ruleNameOK(in.ReplayName) {
			return nil, constraint(in.ReplayName, "replayName", `Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+`)
		}
		if len(in.Description) > 512 {
			return nil, constraint(in.Description, "description", "Member must have length less than or equal to 512")
		}
		if in.Destination == nil || in.Destination.Arn == "" {
			return nil, constraint(nil, "destination", "Member must not be null")
		}
		if in.EventStartTime.IsZero() {
			return nil, constraint(nil, "eventStartTime", "Member must not be null")
		}
		if in.EventEndTime.IsZero() {
			return nil, constraint(nil, "eventEndTime", "Member must not be null")
		}
		a, err := bus.ParseARN(in.EventSourceArn)
		if err != nil || a.Service != "events" || !strings.HasPrefix(a.Resource, "archive/") {
			return nil, validation("Parameter EventSourceArn is not valid. Reason: " + in.EventSourceArn + " is not a valid archive ARN.")
		}
		name := strings.TrimPrefix(a.Resource, "archive/")
		ar := s.archives[name]
		if ar == nil || ar.arn != in.EventSourceArn {
			return nil, validation("Parameter EventSourceArn is not valid. Reason: Archive " + name + " does not exist.")
		}
		if in.Destination.Arn != busARNOf(ar) {
			return nil, validation("Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.")
		}
		if !in.EventStartTime.Before(in.EventEndTime) {
			return nil, validation("Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.")
		}
		if in.EventEndTime.After(s.b.Now()) {
			return nil, validation("Parameter EventEndTime is not valid. Reason: EventEndTime must not be in the future.")
		}
		for _, f := range in.Destination.FilterArns {
			if !strings.HasPrefix(f, s.b.ARN("events", "rule/")) {
				return nil, validation("Parameter Destination.FilterArns is not valid. Reason: " + f + " is not a valid rule ARN.")
			}
		}
		if s.replays[in.ReplayName] != nil {
			return nil, clientErr(ResourceAlreadyExistsException, "Replay "+in.ReplayName+" already exists.")
		}
		active := 0
		for _, rp := range s.replays {
			if rp.active() {
				active++
			}
		}
		if active >= MaxActiveReplays {
			return nil, clientErr(LimitExceededException, "The requested resource exceeds the maximum number allowed.")
		}
		now := s.b.Now()
		ar.expire(now)
		start, end := in.EventStartTime.UTC(), in.EventEndTime.UTC()
		rp := &replay{name: in.ReplayName, arn: s.b.ARN("events", "replay/"+in.ReplayName), description: in.Description,
			archiveARN: ar.arn, bus: ar.bus, dest: ReplayDestination{Arn: in.Destination.Arn, FilterArns: slices.Clone(in.Destination.FilterArns)},
			start: start, end: end, state: ReplayRunning, began: now}
		for _, e := range ar.events {
			if !e.ev.time.Before(start) && e.ev.time.Before(end) {
				rp.pending = append(rp.pending, e.ev)
			}
		}
		slices.SortStableFunc(rp.pending, func(x, y event) int { return x.time.Compare(y.time) })
		rp.windows = int((end.Sub(start) + time.Minute - 1) / time.Minute)
		s.replays[rp.name] = rp
		s.scheduleReplay(rp)
		return &StartReplayOutput{ReplayArn: rp.arn, State: rp.state, ReplayStartTime: now}, nil
	})
}

// window returns the index of the minute window of event time t.
func (rp *replay) window(t time.Time) int { return int(t.Sub(rp.start) / time.Minute) }

// scheduleReplay sets the timer for the next window that holds events, or for the completion.
func (s *Service) scheduleReplay(rp *replay) {
	k := rp.windows // completion: when the last window has gone out
	if len(rp.pending) > 0 {
		k = rp.window(rp.pending[0].time)
	}
	at := rp.began.Add(time.Duration(k) * time.Minute)
	if rp.timer == nil {
		rp.timer = s.b.Schedule(at, func(ctx context.Context) { s.replayStep(ctx, rp) })
	} else {
		rp.timer.Reset(at)
	}
}

// replayStep sends the events of the window that is due, or completes the replay.
func (s *Service) replayStep(ctx context.Context, rp *replay) {
	s.collect(ctx, func(out []delivery) []delivery {
		if rp.state != ReplayRunning || s.replays[rp.name] != rp {
			return out
		}
		eb := s.buses[rp.bus]
		if len(rp.pending) == 0 || eb == nil {
			rp.state, rp.ended = ReplayCompleted, s.b.Now()
			if eb == nil {
				rp.state = ReplayFailed
			}
			rp.timer = nil
			return out
		}
		k := rp.window(rp.pending[0].time)
		n := 0
		now := s.b.Now()
		filter := rp.dest.FilterArns
		for n < len(rp.pending) && rp.window(rp.pending[n].time) == k {
			ev := rp.pending[n]
			ev.replayName, ev.ingested = rp.name, now
			out = s.route(eb, &ev, routeOptions{filter: filter}, out)
			n++
		}
		rp.lastReplayed = rp.start.Add(time.Duration(k+1) * time.Minute)
		if rp.lastReplayed.After(rp.end) {
			rp.lastReplayed = rp.end
		}
		rp.pending = rp.pending[n:]
		s.scheduleReplay(rp)
		return out
	})
}

func (s *Service) lookupReplay(name string) (*replay, error) {
	if err := checkLen(name, "replayName", 1, 64); err != nil {
		return nil, err
	}
	rp := s.replays[name]
	if rp == nil {
		return nil, clientErr(ResourceNotFoundException, "Replay "+name+" does not exist.")
	}
	return rp, nil
}

// CancelReplay cancels a replay that is starting or running.
func (s *Service) CancelReplay(ctx context.Context, in *CancelReplayInput) (*CancelReplayOutput, error) {
	return bus.Call(ctx, s.b, op("CancelReplay", false), in, func(ctx context.Context, in *CancelReplayInput) (*CancelReplayOutput, error) {
		rp, err := s.lookupReplay(in.ReplayName)
		if err != nil {
			return nil, err
		}
		if rp.state != ReplayStarting && rp.state != ReplayRunning {
			return nil, clientErr(IllegalStatusException, "Replay "+rp.name+" is not in a valid state for this operation.")
		}
		if rp.timer != nil {
			rp.timer.Stop()
			rp.timer = nil
		}
		rp.state, rp.ended, rp.pending = ReplayCancelled, s.b.Now(), nil
		return &CancelReplayOutput{ReplayArn: rp.arn, State: ReplayCancelling}, nil
	})
}

// DescribeReplay describes a replay and its progress (EventLastReplayedTime).
func (s *Service) DescribeReplay(ctx context.Context, in *DescribeReplayInput) (*DescribeReplayOutput, error) {
	return bus.Call(ctx, s.b, op("DescribeReplay", true), in, func(ctx context.Context, in *DescribeReplayInput) (*DescribeReplayOutput, error) {
		rp, err := s.lookupReplay(in.ReplayName)
		if err != nil {
			return nil, err
		}
		out := rp.describe()
		return &out, nil
	})
}

// ListReplays lists replays in name order, up to 100 per page.
func (s *Service) ListReplays(ctx context.Context, in *ListReplaysInput) (*ListReplaysOutput, error) {
	return bus.Call(ctx, s.b, op("ListReplays", true), in, func(ctx context.Context, in *ListReplaysInput) (*ListReplaysOutput, error) {
		limit, err := checkLimit(in.Limit, 100)
		if err != nil {
			return nil, err
		}
		switch in.State {
		case "", ReplayStarting, ReplayRunning, ReplayCancelling, ReplayCompleted, ReplayCancelled, ReplayFailed:
		default:
			return nil, constraint(in.State, "state", "Member must satisfy enum value set: [CANCELLED, CANCELLING, COMPLETED, FAILED, RUNNING, STARTING]")
		}
		var names []string
		for n, rp := range s.replays {
			if strings.HasPrefix(n, in.NamePrefix) && (in.State == "" || rp.state == in.State) &&
				(in.EventSourceArn == "" || in.EventSourceArn == rp.archiveARN) {
				names = append(names, n)
			}
		}
		slices.Sort(names)
		page, next, err := paginate(names, in.NextToken, limit, "replays")
		if err != nil {
			return nil, err
		}
		out := &ListReplaysOutput{Replays: []Replay{}, NextToken: next}
		for _, n := range page {
			rp := s.replays[n]
			out.Replays = append(out.Replays, Replay{ReplayName: rp.name, EventSourceArn: rp.archiveARN, State: rp.state,
				EventStartTime: rp.start, EventEndTime: rp.end, EventLastReplayedTime: optTime(rp.lastReplayed),
				ReplayStartTime: rp.began, ReplayEndTime: optTime(rp.ended)})
		}
		return out, nil
	})
}
