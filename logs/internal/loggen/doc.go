// Package loggen generates deterministic synthetic log lines for the filter-pattern benchmarks:
// a mix of plain-text application lines, JSON lines and space-delimited access-log lines, each
// about 150 bytes.
package loggen
