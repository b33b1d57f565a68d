/**
 * Reads events for the projections: a built-in event whose payload passes its (lenient) schema becomes a typed
 * `DecodedEvent`; anything else (a type registered by a later capability, or a payload not understood) is
 * `other`, which projections show in the timeline and otherwise skip.
 */
import type { IncidentEvent } from './event.js';
import { BUILT_IN_PAYLOAD_SCHEMAS, type BuiltInEventType, type BuiltInPayloads } from './payload.schema.js';

export type DecodedEvent =
  | { [T in BuiltInEventType]: { kind: T; event: IncidentEvent; payload: BuiltInPayloads[T] } }[BuiltInEventType]
  | { kind: 'other'; event: IncidentEvent };

function isBuiltIn(type: string): type is BuiltInEventType {
  return Object.hasOwn(BUILT_IN_PAYLOAD_SCHEMAS, type);
}

/**
 * Decodes one event.
 *
 * @example
 * const decoded = decodeEvent(event);
 * if (decoded.kind === 'state.changed') decoded.payload.to; // typed
 */
export function decodeEvent(event: IncidentEvent): DecodedEvent {
  const type = event.type;
  if (!isBuiltIn(type)) return { kind: 'other', event };
  const parsed = BUILT_IN_PAYLOAD_SCHEMAS[type].safeParse(event.payload);
  if (!parsed.success) return { kind: 'other', event };
  // The schema for `type` produced the payload, so the pair is consistent; TypeScript cannot correlate them.
  return { kind: type, event, payload: parsed.data } as DecodedEvent;
}
