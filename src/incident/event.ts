/**
 * The incident log's envelope. Every signal, decision, approval, action, result and notice is one event;
 * events of an incident form a hash chain: `hash = sha256(canonical(event without hash))`, and each event
 * carries the hash of the one before (`prevHash`; 64 zeros for the first).
 */

export interface IncidentEvent<P = unknown> {
  incidentId: string;
  /** 1-based position in the incident's log. */
  seq: number;
  /** Globally unique id (UUID). */
  id: string;
  /** ISO-8601 UTC time with milliseconds, e.g. `2021-06-01T22:30:00.000Z`. */
  at: string;
  /** Who: `user:alice`, `system:detect`, `agent:tk-fs01`. */
  actor: string;
  /** Event type, e.g. `incident.opened`, `note.added`, `state.changed`. */
  type: string;
  payload: P;
  prevHash: string;
  hash: string;
}

/** What a caller supplies; the log assigns seq, prevHash and hash. */
export type NewIncidentEvent<P = unknown> = Pick<IncidentEvent<P>, 'id' | 'at' | 'actor' | 'type' | 'payload'>;

export const GENESIS_HASH = '0'.repeat(64);
