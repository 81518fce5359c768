package bus

import (
	"context"
	"time"

	"github.com/watchsim/watchsim/internal/awserr"
)

// Operation describes one AWS operation for [Call].
type Operation struct {
	// Source is the service's CloudTrail event source, such as "monitoring.amazonaws.com".
	Source string
	// Name is the AWS operation name, such as "PutMetricData".
	Name string
	// ReadOnly marks operations that change nothing (Describe*, Get*, List*, Test*).
	ReadOnly bool
}

// Identity is who makes a call: the fields CloudTrail's userIdentity, sourceIPAddress and userAgent
// report. Attach one to a ctx with [WithIdentity]; blank fields take the defaults of [DefaultIdentity].
type Identity struct {
	// Type is "IAMUser", "AssumedRole", "Root", "AWSService" or "AWSAccount".
	Type        string `json:"type"`
	PrincipalID string `json:"principalId,omitempty"`
	ARN         string `json:"arn,omitempty"`
	AccountID   string `json:"accountId,omitempty"`
	AccessKeyID string `json:"accessKeyId,omitempty"`
	UserName    string `json:"userName,omitempty"`
	// InvokedBy names the AWS service that made the call on the user's behalf, if any.
	InvokedBy string `json:"invokedBy,omitempty"`
	UserAgent string `json:"-"`
	SourceIP  string `json:"-"`
}

type identityKey struct{}

// WithIdentity returns a ctx whose calls are made as id.
func WithIdentity(ctx context.Context, id Identity) context.Context {
	return context.WithValue(ctx, identityKey{}, id)
}

// DefaultIdentity returns the identity of calls whose ctx carries none: the IAM user "watchsim" of the
// Bus's account, with the AWS documentation's example access key, user agent "watchsim" and source IP
// 192.0.2.1 (a documentation address).
func (b *Bus) DefaultIdentity() Identity { return b.identity }

func (b *Bus) makeDefaultIdentity() Identity {
	return Identity{
		Type:        "IAMUser",
		PrincipalID: "AIDACKCEVSQ6C2EXAMPLE",
		ARN:         b.ARN("iam", "user/watchsim"),
		AccountID:   b.account,
		AccessKeyID: "AKIAIOSFODNN7EXAMPLE",
		UserName:    "watchsim",
		UserAgent:   "watchsim",
		SourceIP:    "192.0.2.1",
	}
}

// IdentityFrom returns the identity of calls made with ctx: the one [WithIdentity] attached, with blank
// fields filled from [Bus.DefaultIdentity].
func (b *Bus) IdentityFrom(ctx context.Context) Identity {
	d := b.DefaultIdentity()
	id, ok := ctx.Value(identityKey{}).(Identity)
	if !ok {
		return d
	}
	if id == d {
		return d
	}
	fill := func(v *string, def string) {
		if *v == "" {
			*v = def
		}
	}
	fill(&id.Type, d.Type)
	if id.ARN == "" && id.Type == d.Type && id.UserName == "" {
		id.ARN, id.UserName, id.PrincipalID = d.ARN, d.UserName, d.PrincipalID
	}
	fill(&id.AccountID, d.AccountID)
	fill(&id.AccessKeyID, d.AccessKeyID)
	fill(&id.UserAgent, d.UserAgent)
	fill(&id.SourceIP, d.SourceIP)
	return id
}

// Request describes the operation being served; service code gets it with [RequestFrom].
type Request struct {
	ID        string
	Operation Operation
	Identity  Identity
	// Time is the simulation time at which the operation runs.
	Time   time.Time
	locked bool
}

type requestKey struct{}

// RequestFrom returns the request that ctx belongs to, inside the fn of a [Call].
func RequestFrom(ctx context.Context) (*Request, bool) {
	r, ok := ctx.Value(requestKey{}).(*Request)
	return r, ok
}

// Call is the one path every service operation goes through. It assigns a request id, takes the
// caller's identity from ctx, runs fn holding the Bus's state lock, publishes an [APICall] record on
// [APICalls], and — if it is the outermost call — delivers every message and runs every deferred
// effect that fn (and their handlers, transitively) queued, before it returns.
//
// Misuse is answered the same way for every operation (see docs/ARCHITECTURE.md, "Misuse"):
//   - a nil in is an empty input (new(In)), as the AWS SDK for Go v2 treats it; fn always gets a
//     non-nil input;
//   - a nil ctx returns an error wrapping [ErrNilContext], and a call after [Bus.Close] one wrapping
//     [ErrClosed]; fn does not run and no API-call record is published;
//   - calling an operation while the same goroutine holds the state lock (inside the fn of a Call or
//     inside [Bus.Locked], with that ctx or any other) panics with an explanation, because it would
//     deadlock.
//
// fn must only read and change service state, publish, defer and schedule: it must not call another
// service method or deliver to a sink (use [Defer]).
func Call[In, Out any](ctx context.Context, b *Bus, op Operation, in *In, fn func(ctx context.Context, in *In) (*Out, error)) (out *Out, err error) {
	if b == nil || fn == nil {
		panic("bus: Call of " + op.Name + " with a nil *Bus or a nil fn: pass the service's Bus and the operation's body")
	}
	if ctx == nil {
		return nil, misuse(op.Name, ErrNilContext)
	}
	if r, ok := RequestFrom(ctx); ok && r.locked {
		panic("bus: " + op.Name + " called from inside " + r.Operation.Name +
			" while it holds the state lock; publish a message or use bus.Defer to act after it returns")
	}
	if err := b.closedErr(op.Name); err != nil {
		return nil, err
	}
	if in == nil {
		in = new(In)
	}
	ctx, t, owned := b.enter(ctx, true)
	var req *Request
	if owned {
		// Leaving by a panic (fn's, or an API-call subscriber's handed the record at once) must not
		// leave the turn open with messages queued on it.
		defer t.abandon()
		// The outermost call's request lives in its turn, which is its ctx: one allocation, not three.
		req = t.req
	} else {
		req = new(Request)
		ctx = context.WithValue(ctx, requestKey{}, req)
	}
	*req = Request{ID: b.UUID(), Operation: op, Identity: b.IdentityFrom(ctx)}
	b.lockState(op.Name)
	func() {
		defer func() {
			req.locked = false
			b.stateMu.Unlock()
		}()
		req.locked = true
		req.Time = b.Now()
		out, err = fn(ctx, in)
	}()
	if HasSubscribers(b, APICalls()) {
		rec := APICall{
			EventID: b.UUID(), RequestID: req.ID, EventTime: req.Time, EventSource: op.Source,
			EventName: op.Name, AWSRegion: b.region, RecipientAccountID: b.account, ReadOnly: op.ReadOnly,
			Identity: req.Identity, RequestParameters: in,
		}
		if err != nil {
			rec.ErrorCode = ErrorCode(err)
			rec.ErrorMessage = awserr.ErrorMessage(err)
		} else {
			rec.ResponseElements = out
		}
		if owned && t.queued.Load() == 0 {
			// Nothing else is queued on this call's own turn, so the record would be delivered
			// next anyway: hand it over now, from the stack, instead of through the mailbox.
			deliverNow(ctx, b, APICalls(), rec)
		} else {
			Publish(ctx, b, APICalls(), rec)
		}
	}
	if owned {
		t.drain(ctx)
	}
	return out, err
}
