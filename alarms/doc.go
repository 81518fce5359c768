// Package alarms simulates CloudWatch metric and composite alarms.
package alarms
