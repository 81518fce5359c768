package eventpattern

import (
	"encoding/json"

	"github.com/watchsim/watchsim/internal/awserr"
)

// envelopeFields returns the top-level fields TestEventPattern requires in its Event: the
// envelope of every EventBridge event ("Amazon EventBridge events" in the Amazon EventBridge User
// Guide lists them; TestEventPattern answers "Parameter Event is not valid." without one).
func envelopeFields() [6]string {
	return [...]string{"id", "account", "source", "time", "region", "detail-type"}
}

// TestEventPattern is the EventBridge TestEventPattern operation as a pure function: it reports
// whether pattern matches event.
//
// The event must be a JSON object carrying the envelope fields id, account, source, time, region
// and detail-type; otherwise the error is a ValidationException "Parameter Event is not valid.".
// An invalid pattern gives an InvalidEventPatternException with AWS's reason. The pattern size
// limits are EventBridge's defaults unless opts say otherwise (a nil or invalid option is an
// error).
func TestEventPattern(pattern, event string, opts ...Option) (bool, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return false, err
	}
	var env map[string]json.RawMessage
	if err := json.Unmarshal([]byte(event), &env); err != nil || env == nil {
		return false, awserr.ClientError(ValidationExceptionCode, invalidEventMessage)
	}
	for _, f := range envelopeFields() {
		if _, ok := env[f]; !ok {
			return false, awserr.ClientError(ValidationExceptionCode, invalidEventMessage)
		}
	}
	p, err := cfg.compile(pattern)
	if err != nil {
		return false, err
	}
	ok, err := p.Matches([]byte(event))
	if err != nil {
		return false, awserr.ClientError(ValidationExceptionCode, invalidEventMessage)
	}
	return ok, nil
}

// Matches reports whether the pattern matches the event (a JSON object; no envelope fields are
// required). The whole event is read and must be valid JSON.
func (p *Pattern) Matches(event []byte) (bool, error) {
	if p == nil {
		panic("eventpattern: Matches on a nil *Pattern: use the pattern Compile returned with a nil error")
	}
	s := buildSnapshot(map[string]*Pattern{"": p})
	var sc scratch
	out, err := sc.match(s, event, nil, true)
	if err != nil {
		return false, malformed(err)
	}
	return len(out) > 0, nil
}
