package awsapi

import (
	"errors"
	"strconv"

	"github.com/watchsim/watchsim"
	"github.com/watchsim/watchsim/internal/optonce"
)

// Option configures a [Handler]. Options validate: [New] returns the first error, and an error for a
// nil Option or a single-valued option given twice.
type Option func(*options) error

type options struct {
	maxBody int64
	users   map[string]user
	strict  bool
	control bool
	reset   func() (*watchsim.Simulator, error)
	given   optonce.Set
}

// user is a configured credential: the secret (for SigV4 verification) and the IAM user it belongs to.
type user struct {
	secret string
	name   string
}

func (o *options) once(name string) error { return o.given.Once("awsapi", name) }

func buildOptions(opts []Option) (options, error) {
	o := options{maxBody: DefaultMaxRequestBytes, users: map[string]user{}}
	for _, opt := range opts {
		if opt == nil {
			return options{}, errors.New("awsapi: nil Option")
		}
		if err := opt(&o); err != nil {
			return options{}, err
		}
	}
	if o.strict && len(o.users) == 0 {
		return options{}, errors.New("awsapi: WithSigV4Verification needs at least one WithUser credential to verify against")
	}
	return o, nil
}

// WithUser adds a credential: requests signed with accessKeyID are made as the IAM user userName of
// the simulator's account (CloudTrail records them so), and with [WithSigV4Verification] their
// signatures are checked against secretAccessKey. Requests with other access keys are made as the
// simulator's default user with that access key.
func WithUser(accessKeyID, secretAccessKey, userName string) Option {
	return func(o *options) error {
		if accessKeyID == "" || userName == "" {
			return errors.New("awsapi: WithUser needs an access key id and a user name")
		}
		if _, dup := o.users[accessKeyID]; dup {
			return errors.New("awsapi: WithUser given twice for access key " + accessKeyID)
		}
		o.users[accessKeyID] = user{secret: secretAccessKey, name: userName}
		return nil
	}
}

// WithSigV4Verification makes the Handler verify every request's AWS Signature Version 4 against the
// credentials of [WithUser]: an unknown access key, an unsigned request or a wrong signature is
// refused as AWS refuses it. By default signatures are not checked (as local AWS emulators do), and
// the request time is never checked against simulation time.
func WithSigV4Verification() Option {
	return func(o *options) error {
		if err := o.once("WithSigV4Verification"); err != nil {
			return err
		}
		o.strict = true
		return nil
	}
}

// WithMaxRequestBytes sets the limit of a request body, after decompression (default
// [DefaultMaxRequestBytes]). It also bounds what a gzip body may expand to.
func WithMaxRequestBytes(n int64) Option {
	return func(o *options) error {
		if err := o.once("WithMaxRequestBytes"); err != nil {
			return err
		}
		if n < 1024 || n > 1<<31 {
			return errors.New("awsapi: WithMaxRequestBytes(" + strconv.FormatInt(n, 10) + ") must be between 1 KiB and 2 GiB")
		}
		o.maxBody = n
		return nil
	}
}

// WithControlEndpoints serves the time-control endpoints under /_watchsim/: GET /_watchsim/now (the
// simulation time, RFC 3339), POST /_watchsim/advance?by=5m or ?to=<RFC 3339>, and, with reset
// given, POST /_watchsim/reset, which replaces the simulator with reset's (closing the old one).
// reset may be nil.
func WithControlEndpoints(reset func() (*watchsim.Simulator, error)) Option {
	return func(o *options) error {
		if err := o.once("WithControlEndpoints"); err != nil {
			return err
		}
		o.control, o.reset = true, reset
		return nil
	}
}
