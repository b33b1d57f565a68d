/**
 * The hash chain: `hash = sha256(canonicalJson(event without hash))`, and each event carries the hash of the
 * one before it (`prevHash`; `GENESIS_HASH` for the first).
 */
import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json.js';
import { GENESIS_HASH, type IncidentEvent, type NewIncidentEvent } from './event.js';

/** An event before its hash is computed. */
export type UnhashedIncidentEvent<P = unknown> = Omit<IncidentEvent<P>, 'hash'>;

/** The position a new event follows: the last event of the log, or undefined for a new incident. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * The hex sha256 of the canonical JSON of the envelope fields (incidentId, seq, id, at, actor, type, payload,
 * prevHash). Fields outside the envelope (such as storage columns) are ignored; a `hash` field is ignored too.
 *
 * @example
 * hashEvent({ incidentId: 'INC-0001', seq: 1, id: 'e1', at: '2021-06-01T22:30:00.000Z', actor: 'user:alice',
 *   type: 'note.added', payload: { text: 'hi' }, prevHash: GENESIS_HASH }); // 64 hex characters
 */
export function hashEvent(event: UnhashedIncidentEvent): string {
  const { incidentId, seq, id, at, actor, type, payload, prevHash } = event;
  const text = canonicalJson({ incidentId, seq, id, at, actor, type, payload, prevHash });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The payload as storage will return it: undefined properties dropped, -0 as 0, keys as given. */
function normalisePayload(payload: unknown): JsonValue {
  return JSON.parse(canonicalJson(payload)) as JsonValue;
}

/**
 * Gives new events their place in an incident's log: seq numbers after `prev`, each `prevHash` linked to the
 * event before, and each `hash` computed. Payloads are normalised to what storage returns (so that the returned
 * events equal the stored ones). Throws a `TypeError` when a payload is not plain JSON.
 *
 * @example
 * const [first] = chainEvents(undefined, 'INC-0001', [
 *   { id: 'e1', at: '2021-06-01T22:30:00.000Z', actor: 'user:alice', type: 'note.added', payload: { text: 'hi' } },
 * ]);
 * first.seq; // 1, and first.prevHash === GENESIS_HASH
 */
export function chainEvents(
  prev: ChainHead | undefined,
  incidentId: string,
  newEvents: readonly NewIncidentEvent[],
): IncidentEvent[] {
  let seq = prev?.seq ?? 0;
  let prevHash = prev?.hash ?? GENESIS_HASH;
  return newEvents.map((draft) => {
    seq += 1;
    const unhashed: UnhashedIncidentEvent = {
      incidentId,
      seq,
      id: draft.id,
      at: draft.at,
      actor: draft.actor,
      type: draft.type,
      payload: normalisePayload(draft.payload),
      prevHash,
    };
    const hash = hashEvent(unhashed);
    prevHash = hash;
    return { ...unhashed, hash };
  });
}
