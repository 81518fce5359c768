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
