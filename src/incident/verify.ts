/**
 * Verification of an incident's hash chain (`firebreak audit verify`): proves that no event was changed,
 * removed, reordered or moved in from another incident, and names the first event where that happened.
 */
import { hashEvent } from './chain.js';
import { GENESIS_HASH, type IncidentEvent } from './event.js';

/**
 * - `hash_mismatch`: the event's content no longer matches its hash (a field was changed).
 * - `prev_hash_mismatch`: the event does not follow the one before it (an event was removed or reordered before it).
 * - `seq_gap`: the event links correctly but its seq is not the next number (a log written with gaps or repeats).
 * - `wrong_incident`: the event belongs to another incident.
 * - `empty`: there are no events at all.
 * - `head_mismatch`: the log is intact but does not end where the incident record says (only checked when a
 *   `head` is given): events were removed from the end, or appended or rewritten behind the record's back.
 */
export type ChainFailureReason =
  | 'hash_mismatch'
  | 'prev_hash_mismatch'
  | 'seq_gap'
  | 'wrong_incident'
  | 'empty'
  | 'head_mismatch';

export interface ChainFailure {
  /** The seq recorded on the first bad event (for `empty`: 0; for missing events: the first missing seq). */
  seq: number;
  /** The id of the first bad event (empty when the event is missing). */
  id: string;
  reason: ChainFailureReason;
  message: string;
}

export type ChainVerification =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; firstBad: ChainFailure };

/** Where the incident record says the log ends (an `IncidentSummary` fits). */
export interface ChainHeadRecord {
  lastSeq: number;
  lastHash: string;
}

function safeHash(event: IncidentEvent): string | undefined {
  try {
    return hashEvent(event);
  } catch {
    return undefined;
  }
}

function typeHint(event: IncidentEvent): string {
  if (typeof event.seq !== 'number') return ' HINT: seq was read back as a string; storage must return it as a number.';
  if (typeof event.at !== 'string') return ' HINT: `at` was read back as a non-string; storage must return the ISO string as written.';
  return '';
}

function checkEvent(
  incidentId: string,
  event: IncidentEvent,
  position: number,
  expectedPrev: string,
): ChainFailure | undefined {
  const where = `event seq ${String(event.seq)} (id ${event.id}, position ${position})`;
  const bad = (reason: ChainFailureReason, message: string): ChainFailure => ({
    seq: event.seq,
    id: event.id,
    reason,
    message: `${where}: ${message}`,
  });
  if (event.incidentId !== incidentId) {
    return bad('wrong_incident', `belongs to incident ${event.incidentId}, not ${incidentId}`);
  }
  const hash = safeHash(event);
  if (hash === undefined || hash !== event.hash) {
    return bad('hash_mismatch', `its content does not match its hash: the event was changed after it was written.${typeHint(event)}`);
  }
  if (event.prevHash !== expectedPrev) {
    const before = position === 1 ? 'the start of the log' : 'the event before it';
    return bad('prev_hash_mismatch', `it does not follow ${before}: an event was removed or reordered before it`);
  }
  if (event.seq !== position) {
    return bad('seq_gap', `expected seq ${position}: the log skips or repeats a number`);
  }
  return undefined;
}

function checkHead(events: readonly IncidentEvent[], head: ChainHeadRecord): ChainFailure | undefined {
  const count = events.length;
  if (count < head.lastSeq) {
    return {
      seq: count + 1,
      id: '',
      reason: 'head_mismatch',
      message: `the log ends at seq ${count} but the incident record says ${head.lastSeq}: events ${count + 1}..${head.lastSeq} are missing`,
    };
  }
  const extra = events[head.lastSeq];
  if (extra) {
    return {
      seq: extra.seq,
      id: extra.id,
      reason: 'head_mismatch',
      message: `event seq ${extra.seq} (id ${extra.id}) comes after the incident record's last event (seq ${head.lastSeq}): it was written behind the record's back`,
    };
  }
  const last = events[count - 1];
  if (last && last.hash !== head.lastHash) {
    return {
      seq: last.seq,
      id: last.id,
      reason: 'head_mismatch',
      message: `event seq ${last.seq} (id ${last.id}) is the last event but its hash differs from the incident record's: the log was rewritten`,
    };
  }
  return undefined;
}

/**
 * Verifies an incident's log, given in storage order (by seq). Names the FIRST bad event. With `head` (the
 * incident's summary), also proves that nothing was removed from the end, which the chain alone cannot.
 *
 * @example
 * const result = verifyChain('INC-0001', events, summary);
 * if (!result.ok) console.log(result.firstBad.reason, result.firstBad.message);
 */
export function verifyChain(
  incidentId: string,
  events: readonly IncidentEvent[],
  head?: ChainHeadRecord,
): ChainVerification {
  const count = events.length;
  if (count === 0) {
    const message = `incident ${incidentId} has no events: every incident starts with incident.opened`;
    return { ok: false, count, firstBad: { seq: 0, id: '', reason: 'empty', message } };
  }
  let expectedPrev = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const failure = checkEvent(incidentId, event, index + 1, expectedPrev);
    if (failure) return { ok: false, count, firstBad: failure };
    expectedPrev = event.hash;
  }
  const headFailure = head ? checkHead(events, head) : undefined;
  if (headFailure) return { ok: false, count, firstBad: headFailure };
  return { ok: true, count, lastHash: expectedPrev };
}
