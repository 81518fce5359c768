// Package optonce is the one rule every watchsim package applies to its functional options: an
// option that takes a value may be given once — given twice, which of the two was meant is not
// ours to guess, so New refuses.
//
// # Index
//
//   - [Set] records the options given; [Set.Once] refuses a repeat with "<pkg>: option <name>
//     given twice".
package optonce
