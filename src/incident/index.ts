/**
 * The incident record (capability 3): an append-only, hash-chained event log per incident, its lifecycle,
 * and the projections rebuilt from it. Pure: time and ids are passed in.
 */
export type { IncidentEvent, NewIncidentEvent } from './event.js';
export { GENESIS_HASH } from './event.js';
export type { IncidentSummary } from './summary.js';

export { canonicalJson, jsonbStringProblem, type JsonValue } from './canonical-json.js';
export { chainEvents, hashEvent, type ChainHead, type UnhashedIncidentEvent } from './chain.js';
export {
  verifyChain,
  type ChainFailure,
  type ChainFailureReason,
  type ChainHeadRecord,
  type ChainVerification,
} from './verify.js';

export {
  INCIDENT_STATES,
  allowedTransitions,
  assertTransition,
  isIncidentState,
  type IncidentState,
} from './lifecycle.js';
export {
  LIMITS,
  SCOPE_KINDS,
  SCOPE_STATES,
  SEVERITIES,
  TASK_STATUSES,
  scopeKindSchema,
  scopeStateSchema,
  severitySchema,
  taskStatusSchema,
  type ScopeKind,
  type ScopeState,
  type Severity,
  type TaskStatus,
} from './fields.js';
export {
  appendInputSchema,
  incidentStateSchema,
  openIncidentInputSchema,
  type AppendEntry,
  type AppendInput,
  type AppendType,
  type OpenIncident,
  type OpenIncidentInput,
} from './input.schema.js';
export type { BuiltInEventType, BuiltInPayloads } from './payload.schema.js';
export {
  eventPayloadSchema,
  isBuiltInEventType,
  registerEventType,
  registeredEventTypes,
  type EventTypeOptions,
} from './event-types.js';
export { zodIssues, parseOrThrow } from './zod-issues.js';

export type { CommandContext, CommandResult } from './command.js';
export { openIncident, type OpenContext } from './open.command.js';
export { appendToIncident, type LogReader } from './append.command.js';
export { recordEvents, type EventDraft } from './record.command.js';

export { foldSummary } from './fold.js';
export { projectIncident, type IncidentProjection, type NoteView, type ProjectOptions } from './projection.js';
export { buildTimeline, describeEvent, displayActor, type DescribeLookup, type TimelineEntry } from './timeline.js';
export { projectTasks, type TaskChange, type TaskView } from './tasks.js';
export {
  affectedAssets,
  projectScope,
  type AffectedAsset,
  type AffectedAssets,
  type ScopeChange,
  type ScopeItem,
  type ScopeView,
} from './scope.projection.js';
export { awarenessOf, projectMetrics, type Awareness, type IncidentMetrics } from './metrics.js';
export { decodeEvent, type DecodedEvent } from './decode.js';
