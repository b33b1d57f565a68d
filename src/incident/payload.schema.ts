/**
 * The payloads of the built-in event types as they are stored in the log. These schemas are used to READ the
 * log, so they are deliberately lenient (plain strings, unknown keys ignored): an old event must keep
 * projecting after the input rules tighten. Writing is guarded by the input schemas.
 */
import { z } from 'zod';

export const openedPayloadSchema = z.object({
  title: z.string(),
  severity: z.string(),
  summary: z.string().optional(),
  awarenessAt: z.string().optional(),
  commander: z.string().optional(),
  entities: z.array(z.string()).default([]),
});
export type OpenedPayload = z.output<typeof openedPayloadSchema>;

export const noteAddedPayloadSchema = z.object({ text: z.string() });
export type NoteAddedPayload = z.output<typeof noteAddedPayloadSchema>;

export const taskAddedPayloadSchema = z.object({
  taskId: z.string(),
  title: z.string(),
  assignee: z.string().optional(),
  due: z.string().optional(),
});
export type TaskAddedPayload = z.output<typeof taskAddedPayloadSchema>;

export const taskUpdatedPayloadSchema = z.object({
  taskId: z.string(),
  status: z.string(),
  assignee: z.string().optional(),
});
export type TaskUpdatedPayload = z.output<typeof taskUpdatedPayloadSchema>;

export const stateChangedPayloadSchema = z.object({
  from: z.string(),
  to: z.string(),
  reason: z.string().optional(),
});
export type StateChangedPayload = z.output<typeof stateChangedPayloadSchema>;

export const scopeChangedPayloadSchema = z.object({
  kind: z.string(),
  ref: z.string(),
  state: z.string(),
  evidence: z.string(),
  entity: z.string().optional(),
});
export type ScopeChangedPayload = z.output<typeof scopeChangedPayloadSchema>;

export const severityChangedPayloadSchema = z.object({
  from: z.string(),
  to: z.string(),
  reason: z.string().optional(),
});
export type SeverityChangedPayload = z.output<typeof severityChangedPayloadSchema>;

export const commanderAssignedPayloadSchema = z.object({
  username: z.string(),
  /** The commander before this assignment (null when there was none). */
  previous: z.string().nullable().default(null),
});
export type CommanderAssignedPayload = z.output<typeof commanderAssignedPayloadSchema>;

export const titleChangedPayloadSchema = z.object({
  from: z.string(),
  to: z.string(),
  reason: z.string().optional(),
});
export type TitleChangedPayload = z.output<typeof titleChangedPayloadSchema>;

/** The payload schema of every built-in event type. */
export const BUILT_IN_PAYLOAD_SCHEMAS = {
  'incident.opened': openedPayloadSchema,
  'note.added': noteAddedPayloadSchema,
  'task.added': taskAddedPayloadSchema,
  'task.updated': taskUpdatedPayloadSchema,
  'state.changed': stateChangedPayloadSchema,
  'scope.changed': scopeChangedPayloadSchema,
  'severity.changed': severityChangedPayloadSchema,
  'commander.assigned': commanderAssignedPayloadSchema,
  'title.changed': titleChangedPayloadSchema,
} as const;
export type BuiltInEventType = keyof typeof BUILT_IN_PAYLOAD_SCHEMAS;

/** The payload type of each built-in event type. */
export interface BuiltInPayloads {
  'incident.opened': OpenedPayload;
  'note.added': NoteAddedPayload;
  'task.added': TaskAddedPayload;
  'task.updated': TaskUpdatedPayload;
  'state.changed': StateChangedPayload;
  'scope.changed': ScopeChangedPayload;
  'severity.changed': SeverityChangedPayload;
  'commander.assigned': CommanderAssignedPayload;
  'title.changed': TitleChangedPayload;
}
