/** The incident summary as a left fold over the log: `events.reduce(foldSummary, undefined)`. */
import { decodeEvent } from './decode.js';
import type { IncidentEvent } from './event.js';
import type { IncidentSummary } from './summary.js';

function withEntity(entities: readonly string[], entity: string | undefined): string[] {
  if (entity === undefined || entities.includes(entity)) return [...entities];
  return [...entities, entity].sort();
}

function start(event: IncidentEvent): IncidentSummary {
  const decoded = decodeEvent(event);
  if (decoded.kind !== 'incident.opened') {
    throw new Error(`incident ${event.incidentId}: the log must start with incident.opened, not ${event.type} (seq ${event.seq})`);
  }
  const { title, severity, commander, entities } = decoded.payload;
  return {
    id: event.incidentId,
    title,
    state: 'detect',
    severity,
    entities: [...new Set(entities)].sort(),
    commander: commander ?? null,
    openedAt: event.at,
    updatedAt: event.at,
    lastSeq: event.seq,
    lastHash: event.hash,
  };
}

function apply(summary: IncidentSummary, event: IncidentEvent): IncidentSummary {
  const next: IncidentSummary = { ...summary, updatedAt: event.at, lastSeq: event.seq, lastHash: event.hash };
  const decoded = decodeEvent(event);
  switch (decoded.kind) {
    case 'state.changed':
      return { ...next, state: decoded.payload.to };
    case 'severity.changed':
      return { ...next, severity: decoded.payload.to };
    case 'commander.assigned':
      return { ...next, commander: decoded.payload.username };
    case 'scope.changed': {
      const { kind, ref, entity } = decoded.payload;
      return { ...next, entities: withEntity(next.entities, kind === 'entity' ? ref : entity) };
    }
    default:
      return next;
  }
}

/**
 * Applies one event to the summary; with `undefined`, the event must be `incident.opened` and starts it.
 * Every event moves `updatedAt`, `lastSeq` and `lastHash`; events of unknown types change nothing else.
 * Entities only grow: an entity stays touched after it is cleared.
 *
 * @example
 * const summary = log.reduce(foldSummary, undefined as IncidentSummary | undefined);
 */
export function foldSummary(summary: IncidentSummary | undefined, event: IncidentEvent): IncidentSummary {
  return summary === undefined ? start(event) : apply(summary, event);
}
