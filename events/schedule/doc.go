// Package schedule is the EventBridge schedule-expression engine of watchsim (work in progress).
package schedule
