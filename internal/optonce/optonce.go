// Package optonce is the one rule every watchsim package applies to its functional options: an
// option that takes a value may be given once — given twice, which of the two was meant is not
// ours to guess, so New refuses.
//
// # Index
//
//   - [Set] records the options given; [Set.Once] refuses a repeat with "<pkg>: option <name>
//     given twice".
package optonce

import "errors"

// Set records which options were given. The zero value is ready to use.
type Set struct{ seen map[string]bool }

// Once records option name of package pkg and returns an error if it was given before.
func (s *Set) Once(pkg, name string) error {
	if s.seen[name] {
		return errors.New(pkg + ": option " + name + " given twice")
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[name] = true
	return nil
}
