/**
 * Mapping between incident rows and records, and the checks that keep a stored log a valid chain: new events
 * must continue the log exactly where it ends, and the summary must end where the events end.
 */
import type { Insertable, Selectable } from 'kysely';
import type { IncidentEvent } from '../incident/event.js';
import { UserError } from '../shared/errors.js';
import type { IncidentEventsTable, IncidentsTable } from './database.js';
import type { IncidentSummary } from './types.js';

/** `INC-0001`: the number zero-padded to at least four digits. */
export function formatIncidentId(num: number): string {
  return `INC-${String(num).padStart(4, '0')}`;
}

/** Event ids are stored as uuid; only the canonical lower-case form reads back exactly as it went into the hash. */
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Where the stored log ends. */
export interface LogEnd {
  lastSeq: number;
  lastHash: string;
}

/**
 * Checks that `events` continue the log after `end` and that `summary` describes the result.
 * @throws UserError `conflict` when the events do not start right after the stored end (a stale view).
 * @throws Error when the builder's output is inconsistent in itself (a bug in the caller).
 */
export function checkAppend(
  incidentId: string,
  end: LogEnd,
  events: readonly IncidentEvent[],
  summary: IncidentSummary,
): void {
  const first = events[0];
  if (first !== undefined && (first.seq !== end.lastSeq + 1 || first.prevHash !== end.lastHash)) {
    const why =
      first.seq !== end.lastSeq + 1
        ? `its log ends at seq ${end.lastSeq}, but the new events start at seq ${first.seq}`
        : `the new event at seq ${first.seq} does not chain from the hash of seq ${end.lastSeq}`;
    throw new UserError(
      'conflict',
      `incident ${incidentId} has moved on: ${why}. HINT: reload the incident and try again.`,
      [],
      {
        incidentId,
        lastSeq: end.lastSeq,
      },
    );
  }
  events.forEach((event, index) => checkEvent(incidentId, event, index === 0 ? undefined : events[index - 1]));
  const last = events.at(-1);
  const expected = last === undefined ? end : { lastSeq: last.seq, lastHash: last.hash };
  if (summary.id !== incidentId || summary.lastSeq !== expected.lastSeq || summary.lastHash !== expected.lastHash) {
    throw new Error(
      `the summary of incident ${incidentId} (id ${summary.id}, lastSeq ${summary.lastSeq}) does not end on its last event (seq ${expected.lastSeq})`,
    );
  }
}

function checkEvent(incidentId: string, event: IncidentEvent, previous: IncidentEvent | undefined): void {
  const where = `event ${event.id} (seq ${event.seq}) of incident ${incidentId}`;
  if (event.incidentId !== incidentId) throw new Error(`${where} names incident ${event.incidentId}`);
  if (previous !== undefined && (event.seq !== previous.seq + 1 || event.prevHash !== previous.hash)) {
    throw new Error(`${where} does not follow seq ${previous.seq}: the new events are not one chain`);
  }
  if (!CANONICAL_UUID.test(event.id)) throw new Error(`${where}: id must be a lower-case UUID`);
  if (event.payload === undefined) throw new Error(`${where}: payload is undefined (use null or an object)`);
}

export function toSummary(row: Selectable<IncidentsTable>): IncidentSummary {
  return {
    id: row.id,
    title: row.title,
    state: row.state,
    severity: row.severity,
    entities: row.entities,
    commander: row.commander,
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
    lastSeq: row.last_seq,
    lastHash: row.last_hash,
  };
}

/** The summary's columns (without `id` and `num`, which never change). */
export function summaryColumns(summary: IncidentSummary): Omit<IncidentsTable, 'id' | 'num'> {
  return {
    title: summary.title,
    state: summary.state,
    severity: summary.severity,
    entities: summary.entities,
    commander: summary.commander,
    opened_at: summary.openedAt,
    updated_at: summary.updatedAt,
    last_seq: summary.lastSeq,
    last_hash: summary.lastHash,
  };
}

export function toEvent(row: Selectable<IncidentEventsTable>): IncidentEvent {
  return {
    incidentId: row.incident_id,
    seq: row.seq,
    id: row.id,
    at: row.at,
    actor: row.actor,
    type: row.type,
    payload: row.payload,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export function toEventRow(event: IncidentEvent): Insertable<IncidentEventsTable> {
  return {
    incident_id: event.incidentId,
    seq: event.seq,
    id: event.id,
    at: event.at,
    actor: event.actor,
    type: event.type,
    payload: JSON.stringify(event.payload),
    prev_hash: event.prevHash,
    hash: event.hash,
  };
}
