// Package javafmt prints float64 values the way Java's Double.toString does, which is how the
// AWS services written in Java print numbers in their messages, reasons and JSON: "50.0", "1.0E8",
// "-1.79769E308", "NaN", "Infinity".
//
// # Index
//
//   - Formatting: [Double] returns the text; [AppendDouble] appends it without allocating.
//   - JSON: [AppendJSONNumber] appends a JSON number in the same notation (non-finite values, which
//     JSON cannot carry, become null).
//
// The notation follows the Java SE API reference for Double.toString(double)
// (https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/lang/Double.html#toString(double)):
// plain decimal with at least one digit after the point when 10^-3 ≤ |d| < 10^7, otherwise
// "computerized scientific notation" d.dddE±n; the digits are the shortest that round-trip (Java 19
// and later).
package javafmt
