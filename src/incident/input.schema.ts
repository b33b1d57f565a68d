/**
 * What a user may submit: the body that opens an incident and the entries that may be appended to its log.
 * The server, the CLI and the UI share these schemas.
 */
import { z } from 'zod';
import {
  LIMITS,
  boundedText,
  dueSchema,
  isoDateTimeSchema,
  refSchema,
  scopeKindSchema,
  scopeStateSchema,
  severitySchema,
  taskStatusSchema,
  usernameSchema,
} from './fields.js';
import { INCIDENT_STATES } from './lifecycle.js';

export const incidentStateSchema = z.enum(INCIDENT_STATES);

export const openIncidentInputSchema = z.strictObject({
  title: boundedText(LIMITS.title),
  severity: severitySchema,
  summary: boundedText(LIMITS.text).optional(),
  /** When the organisation became aware of the incident: legal notification clocks start here. */
  awarenessAt: isoDateTimeSchema.optional(),
  commander: usernameSchema.optional(),
  /** Entity ids the incident is known to touch. */
  entities: z.array(refSchema).max(1_000).optional(),
});
/** The body as submitted. */
export type OpenIncidentInput = z.input<typeof openIncidentInputSchema>;
/** The body after validation (trimmed, times normalised to UTC). */
export type OpenIncident = z.output<typeof openIncidentInputSchema>;

/** One appendable entry: `{ type, payload }`, mirroring the event it becomes. */
function entry<T extends string, P extends z.ZodRawShape>(type: T, payload: P) {
  return z.strictObject({ type: z.literal(type), payload: z.strictObject(payload) });
}

export const noteAddedInputSchema = entry('note.added', { text: boundedText(LIMITS.text) });

export const taskAddedInputSchema = entry('task.added', {
  title: boundedText(LIMITS.title),
  assignee: usernameSchema.optional(),
  due: dueSchema.optional(),
});

export const taskUpdatedInputSchema = entry('task.updated', {
  taskId: boundedText(LIMITS.username),
  status: taskStatusSchema,
  assignee: usernameSchema.optional(),
});

export const stateChangedInputSchema = entry('state.changed', {
  to: incidentStateSchema,
  reason: boundedText(LIMITS.reason).optional(),
});

export const scopeChangedInputSchema = entry('scope.changed', {
  kind: scopeKindSchema,
  /** Hostname, segment id or entity id. */
  ref: refSchema,
  state: scopeStateSchema,
  /** Why: the indicator hit, the sweep result, the log review. Required. */
  evidence: boundedText(LIMITS.text),
  /** The entity that owns the host or segment (the server resolves it from the estate). */
  entity: refSchema.optional(),
});

export const severityChangedInputSchema = entry('severity.changed', {
  to: severitySchema,
  reason: boundedText(LIMITS.reason).optional(),
});

export const commanderAssignedInputSchema = entry('commander.assigned', { username: usernameSchema });

/** Renames the incident as understanding grows ("Qbot on tyo-fs01" becomes "Ransomware at the Tokyo HQ"). */
export const titleChangedInputSchema = entry('title.changed', {
  to: boundedText(LIMITS.title),
  reason: boundedText(LIMITS.reason).optional(),
});

/**
 * What a user may append to an incident's log: `{ type, payload }`, discriminated on `type`, e.g.
 * `{ type: 'state.changed', payload: { to: 'contain', reason: 'scope confirmed' } }`. Event types of later capabilities
 * (alerts, plans, actions, obligations) are not part of this union: they register a payload schema with
 * `registerEventType` and are recorded with `recordEvents`.
 */
export const appendInputSchema = z.discriminatedUnion('type', [
  noteAddedInputSchema,
  taskAddedInputSchema,
  taskUpdatedInputSchema,
  stateChangedInputSchema,
  scopeChangedInputSchema,
  severityChangedInputSchema,
  commanderAssignedInputSchema,
  titleChangedInputSchema,
]);
/** An entry as submitted. */
export type AppendInput = z.input<typeof appendInputSchema>;
/** An entry after validation. */
export type AppendEntry = z.output<typeof appendInputSchema>;
export type AppendType = AppendEntry['type'];
