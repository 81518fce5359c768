// Package config simulates AWS Config on a watchsim bus: the configuration recorder and the
// delivery channel, configuration items recorded from the resource changes the other simulated
// services publish on bus.ResourceChanges, history and inventory, managed and custom Lambda rules
// evaluated on the bus clock, the compliance APIs, remediation by registered Go functions, history
// files and snapshots delivered to S3, and the EventBridge events and SNS messages AWS Config
// sends.
//
// Create the service with [New] (the module root does it as watchsim.Simulator.Config). Every AWS
// operation is a method taking a context and the operation's input shape; every call goes through
// the bus dispatcher, so CloudTrail records it. The design note is docs/config.md.
//
// Files:
//   - service.go: [Service], [New], options, Close, the error codes.
//   - types.go: the resource types of this world, which ones are recordable.
//   - recorder.go, recordinggroup.go: Put/Describe/Delete ConfigurationRecorder, Start/Stop, the recorder status,
//     recording-group and recording-mode validation.
//   - channel.go: the delivery channel and its status, the retention configuration.
//   - recording.go: the world as Config sees it; configuration items from resource changes,
//     discovery when recording starts, DAILY recording.
//   - items.go: the configuration item in its API and notification forms.
//   - docstore.go: how the kept history stores configurations (replaced states as deltas against
//     the newer state; published configurations encoded into a reused buffer).
//   - encode.go: published configurations encoded through a plan per struct type, byte for byte
//     what encoding/json writes (which does the rest).
//   - documents.go: the `configuration` document of each type ([AlarmDocument],
//     [TrailDocument], [EventBusDocument], [RuleDocument]).
//   - history.go: GetResourceConfigHistory, BatchGetResourceConfig, ListDiscoveredResources,
//     GetDiscoveredResourceCounts.
//   - rules.go: Put/Describe/Delete ConfigRule, scope and triggers.
//   - managed.go, managed_tags.go, managed_selectors.go, periodic.go: the managed rules of this
//     world and their decision logic (pure); REQUIRED_TAGS, DESIRED_INSTANCE_TYPE and three more
//     evaluate resource kinds a simulator of the user's own publishes; the CloudTrail rules read a
//     trail's event selectors, followed from its PutEventSelectors calls.
//   - evaluate.go: when rules run (one timer for the evaluation queue), result storage, the
//     compliance roll-up, AWS::Config::ResourceCompliance items.
//   - custom.go: the event sent to custom Lambda rules ([RuleEvent]) and PutEvaluations.
//   - status.go: DescribeConfigRuleEvaluationStatus, StartConfigRulesEvaluation,
//     DeleteEvaluationResults, paging helpers.
//   - compliance.go: the compliance APIs.
//   - notify.go: EventBridge events and SNS messages; alarmdiff.go: an alarm update's
//     configurationItemDiff computed on the documents themselves; notifyencode.go: the item change
//     detail written field by field.
//   - delivery.go: history files, snapshots, DeliverConfigSnapshot.
//   - remediation.go, remediation_exceptions.go: remediation configurations, executions against
//     registered functions ([Service.RegisterRemediationDocument]), retries and exceptions.
//   - query.go: SelectResourceConfig on the pure engine config/query, stored queries.
//   - querydoc.go: an item as the query engine reads it, one property at a time.
//   - packs.go, packs_read.go: conformance packs, their templates read by the
//     pure package config/conformance, the CloudWatch best-practices pack ([CloudWatchPackDocument]).
//   - tags.go: TagResource, UntagResource, ListTagsForResource.
//   - customresources.go: third-party types ([Service.RegisterResourceType], PutResourceConfig).
//   - alarmscan.go: the one-pass reader of published alarms for the managed rules;
//     alarmdirect.go: the alarm document read straight from the published struct when
//     change-triggered rules will read it.
//   - notsimulated*.go: the operations watchsim refuses with a NotSimulated error (aggregators,
//     organizations, connectors, service-linked recorders, Guard, proactive evaluation).
package config
