/** Opening an incident: the first event of its log. */
import { UserError } from '../shared/errors.js';
import { chainEvents } from './chain.js';
import { draftEvent, type CommandContext, type CommandResult } from './command.js';
import { foldSummary } from './fold.js';
import { openIncidentInputSchema, type OpenIncidentInput } from './input.schema.js';
import type { OpenedPayload } from './payload.schema.js';
import { parseOrThrow } from './zod-issues.js';

export interface OpenContext extends CommandContext {
  /** Allocated by storage (`INC-0001`). */
  incidentId: string;
}

/** Awareness may lie slightly ahead of the server clock (a client's clock skew), never further. */
const SKEW_MS = 5 * 60_000;

function checkAwareness(awarenessAt: string | undefined, now: Date): void {
  if (awarenessAt === undefined || Date.parse(awarenessAt) <= now.getTime() + SKEW_MS) return;
  const message = `awarenessAt ${awarenessAt} is in the future (now is ${now.toISOString()})`;
  const hint = 'give the moment the organisation became aware, or leave it out to use the time of opening';
  throw new UserError('validation_failed', `cannot open the incident: field \`awarenessAt\`: ${message}. HINT: ${hint}`, [
    { field: 'awarenessAt', message, hint },
  ]);
}

/**
 * Opens an incident: validates the input and returns its first event, `incident.opened` (payload: the
 * validated input, entities sorted and de-duplicated), and the summary (state `detect`).
 * Throws `UserError('validation_failed')` with one issue per bad field.
 *
 * @example
 * const { events, summary } = openIncident(
 *   { title: 'Ransomware at Tokyo HQ', severity: 'critical', awarenessAt: '2021-06-01T22:30:00+09:00', entities: ['fujifilm-jp'] },
 *   { incidentId: 'INC-0001', actor: 'user:alice', now: new Date(), newId: randomUUID },
 * );
 */
export function openIncident(input: OpenIncidentInput, ctx: OpenContext): CommandResult {
  const parsed = parseOrThrow(openIncidentInputSchema, input, 'cannot open the incident');
  checkAwareness(parsed.awarenessAt, ctx.now);
  const payload: OpenedPayload = {
    title: parsed.title,
    severity: parsed.severity,
    entities: [...new Set(parsed.entities ?? [])].sort(),
  };
  if (parsed.summary !== undefined) payload.summary = parsed.summary;
  if (parsed.awarenessAt !== undefined) payload.awarenessAt = parsed.awarenessAt;
  if (parsed.commander !== undefined) payload.commander = parsed.commander;
  const events = chainEvents(undefined, ctx.incidentId, [draftEvent(ctx, 'incident.opened', payload)]);
  const first = events[0];
  if (!first) throw new Error('openIncident: chainEvents returned no event');
  return { events, summary: foldSummary(undefined, first) };
}
