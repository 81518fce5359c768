// Package metricslink connects the alarms service to the metrics service it reads, without
// exporting the plumbing from either public package.
//
// *metrics.Service embeds a [Link] under an unexported name and binds its query engine to it in
// metrics.New; alarms.New asks [Engine] for that engine and asserts the interface it needs (its
// methods take the public metrics shapes, which this package cannot name without an import cycle,
// hence the interface value). A [Link] has no exported method, so embedding it adds nothing to the
// documentation or the method set users see.
//
// # Index
//
//   - The link: [Link], [Bind], [Engine].
//   - The single-metric fast path: [StatReader] reads per-period values into [BucketValue]s.
package metricslink
