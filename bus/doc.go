// Package bus is the kernel of watchsim: virtual time and its scheduler, the typed message bus,
// the API dispatcher every service operation goes through, account/region/ARN identity, seeded
// ids, delivery by ARN to sinks, and the AWS error type.
package bus
