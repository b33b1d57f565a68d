/** The incident summary as a left fold over the log: `events.reduce(foldSummary, undefined)`. */
import { decodeEvent, type DecodedEvent } from './decode.js';
import type { IncidentEvent } from './event.js';
import type { IncidentSummary } from './summary.js';

function withEntity(entities: readonly string[], entity: string | undefined): string[] {
  if (entity === undefined || entities.includes(entity)) return [...entities];
  return [...entities, entity].sort();
}

function start(decoded: DecodedEvent): IncidentSummary {
  const event = decoded.event;
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

function apply(summary: IncidentSummary, decoded: DecodedEvent): IncidentSummary {
  const event = decoded.event;
  const next: IncidentSummary = { ...summary, updatedAt: event.at, lastSeq: event.seq, lastHash: event.hash };
  switch (decoded.kind) {
    case 'state.changed':
      return { ...next, state: decoded.payload.to };
    case 'severity.changed':
      return { ...next, severity: decoded.payload.to };
    case 'commander.assigned':
      return { ...next, commander: decoded.payload.username };
    case 'title.changed':
      return { ...next, title: decoded.payload.to };
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
  return foldDecoded(summary, decodeEvent(event));
}

/** `foldSummary` for an event already decoded (projections decode each event once). */
export function foldDecoded(summary: IncidentSummary | undefined, decoded: DecodedEvent): IncidentSummary {
  return summary === undefined ? start(decoded) : apply(summary, decoded);
}
