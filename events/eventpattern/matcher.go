package eventpattern

import (
	"sync"
	"sync/atomic"

	"github.com/watchsim/watchsim/internal/awserr"
)

// Matcher holds many compiled event patterns, each under a rule id, and finds every rule whose
// pattern matches an event. Match time depends on the fields the patterns use, not on how many
// rules there are: all the rules' match values for one field share one index.
//
// Concurrency: a Matcher is safe for concurrent use. Any number of goroutines may call
// [Matcher.MatchesForEvent] and [Matcher.AppendMatches] while others call [Matcher.AddPattern]
// and [Matcher.DeletePattern]. Changes are serialised; a match sees the rule set as it was either
// before or after each change, never a mix; and a match that starts after AddPattern or
// DeletePattern returns sees that change. Matching reads an immutable compiled snapshot without
// locking; only the first match after a change takes the matcher's lock, to rebuild the snapshot
// (so a burst of changes costs one rebuild, and a matcher changed between every two events
// rebuilds every time).
type Matcher struct {
	cfg   config
	mu    sync.Mutex
	rules map[string]*Pattern
	snap  atomic.Pointer[snapshot]
	pool  sync.Pool
}

// NewMatcher returns an empty Matcher that validates the patterns [Matcher.AddPattern] compiles
// with opts (EventBridge's default limits when there are none). A nil or invalid option is an
// error.
func NewMatcher(opts ...Option) (*Matcher, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	return &Matcher{cfg: cfg, rules: map[string]*Pattern{}}, nil
}

// AddPattern compiles pattern and stores it under id, replacing any pattern id had (PutRule
// replaces a rule's pattern the same way). An invalid pattern returns the AWS error and leaves the
// matcher unchanged.
func (m *Matcher) AddPattern(id, pattern string) error {
	p, err := m.cfg.compile(pattern)
	if err != nil {
		return err
	}
	m.AddCompiled(id, p)
	return nil
}

// AddCompiled stores an already compiled pattern under id, replacing any pattern id had.
func (m *Matcher) AddCompiled(id string, p *Pattern) {
	if p == nil {
		panic("eventpattern: Matcher.AddCompiled(" + id + ", nil): pass a pattern from Compile")
	}
	m.mu.Lock()
	m.rules[id] = p
	m.snap.Store(nil)
	m.mu.Unlock()
}

// DeletePattern removes the pattern stored under id and reports whether there was one.
func (m *Matcher) DeletePattern(id string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.rules[id]; !ok {
		return false
	}
	delete(m.rules, id)
	m.snap.Store(nil)
	return true
}

// Pattern returns the pattern stored under id.
func (m *Matcher) Pattern(id string) (*Pattern, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, ok := m.rules[id]
	return p, ok
}

// Len returns the number of stored patterns.
func (m *Matcher) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.rules)
}

func (m *Matcher) snapshot() *snapshot {
	if s := m.snap.Load(); s != nil {
		return s
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if s := m.snap.Load(); s != nil {
		return s
	}
	s := buildSnapshot(m.rules)
	m.snap.Store(s)
	return s
}

// MatchesForEvent returns the ids of every rule whose pattern matches the event (a JSON object),
// each once, in a deterministic order. See AppendMatches.
func (m *Matcher) MatchesForEvent(event []byte) ([]string, error) {
	return m.AppendMatches(nil, event)
}

// AppendMatches appends the ids of every rule whose pattern matches the event to dst and returns
// the extended slice. With a reused dst it does not allocate on the common path.
//
// The event is read only as far as the patterns need: reading stops once every field some pattern
// names has been seen, and values no pattern names are skipped without being decoded. So a
// malformed event is reported (as an error whose code is "MalformedDetail") only if the fault lies
// in the part that was read; and if an event spells one path twice (a repeated key, or both
// {"a":{"b":…}} and "a.b"), values after the first complete spelling may not be read.
func (m *Matcher) AppendMatches(dst []string, event []byte) ([]string, error) {
	s := m.snapshot()
	sc, _ := m.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	out, err := sc.match(s, event, dst, false)
	sc.out = nil
	m.pool.Put(sc)
	if err != nil {
		return dst, malformed(err)
	}
	return out, nil
}

func malformed(err error) error {
	if _, ok := err.(*errBadEvent); ok {
		return awserr.ClientError("MalformedDetail", "Detail is malformed.")
	}
	return err
}
