/** Recording events of types registered by later capabilities (alerts, plans, actions, obligations). */
import { commit, draftEvent, type CommandContext, type CommandResult } from './command.js';
import { eventPayloadSchema, isBuiltInEventType } from './event-types.js';
import type { IncidentSummary } from './summary.js';
import { parseOrThrow } from './zod-issues.js';

/** An event to record: a registered type and its payload (validated against the registered schema). */
export interface EventDraft {
  type: string;
  payload: unknown;
}

/**
 * Validates each draft's payload against its registered schema and returns the chained events (the parsed
 * payloads, with the schema's defaults) and the updated summary. Built-in types are refused (they carry
 * lifecycle rules: use `appendToIncident`), as are unregistered types (a programming error: register first).
 * Throws `UserError('validation_failed')` for a payload that does not match its schema.
 *
 * @example
 * registerEventType('alert.raised', alertSchema);
 * const { events, summary: next } = recordEvents(summary, [{ type: 'alert.raised', payload: alert }],
 *   { actor: 'system:detect', now: new Date(), newId: randomUUID });
 */
export function recordEvents(
  summary: IncidentSummary,
  drafts: readonly EventDraft[],
  ctx: CommandContext,
): CommandResult {
  const events = drafts.map((draft) => {
    if (isBuiltInEventType(draft.type)) {
      throw new Error(`recordEvents: ${draft.type} is a built-in type with lifecycle rules; use appendToIncident`);
    }
    const schema = eventPayloadSchema(draft.type);
    if (!schema) throw new Error(`recordEvents: unknown event type ${draft.type}; call registerEventType first`);
    const payload = parseOrThrow(schema, draft.payload, `cannot record ${draft.type} in ${summary.id}`);
    return draftEvent(ctx, draft.type, payload);
  });
  return commit(summary, events);
}
