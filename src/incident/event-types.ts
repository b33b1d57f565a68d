/**
 * The event type registry. Built-in types (incident.opened, note.added, ...) are registered here; later
 * capabilities (alerts, plans, actions, obligations) register their own types with a payload schema and an
 * optional one-line description for the timeline, without editing a central union.
 */
import type { z } from 'zod';
import type { IncidentEvent } from './event.js';
import { BUILT_IN_PAYLOAD_SCHEMAS, type BuiltInEventType } from './payload.schema.js';

/** Optional behaviour of a registered event type. */
export interface EventTypeOptions<P> {
  /**
   * One line for the timeline, e.g. "system:detect raised alert 'Qbot beacon' on tk-fs01". Called only with
   * payloads that pass the schema. `actor` is the display form of the event's actor (`alice` for `user:alice`).
   */
  describe?: (event: IncidentEvent<P>, actor: string) => string;
}

interface Registration {
  schema: z.ZodType;
  builtIn: boolean;
  describe?: (event: IncidentEvent, actor: string) => string | undefined;
}

const TYPE_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const registry = new Map<string, Registration>();

for (const [type, schema] of Object.entries(BUILT_IN_PAYLOAD_SCHEMAS)) {
  registry.set(type, { schema, builtIn: true });
}

function wrapDescribe<S extends z.ZodType>(
  schema: S,
  describe: (event: IncidentEvent<z.output<S>>, actor: string) => string,
): (event: IncidentEvent, actor: string) => string | undefined {
  return (event, actor) => {
    const parsed = schema.safeParse(event.payload);
    return parsed.success ? describe({ ...event, payload: parsed.data }, actor) : undefined;
  };
}

/**
 * Registers an event type so that its payloads can be validated (`parseEventPayload`), recorded
 * (`recordEvents`) and described in the timeline. Type names are dotted lower-case (`alert.raised`).
 * Registering the same type again with the same schema is a no-op; with another schema it throws.
 *
 * @example
 * registerEventType('alert.raised', z.object({ rule: z.string(), host: z.string() }), {
 *   describe: (event, actor) => `${actor} raised alert ${event.payload.rule} on ${event.payload.host}`,
 * });
 */
export function registerEventType<S extends z.ZodType>(
  type: string,
  payloadSchema: S,
  options: EventTypeOptions<z.output<S>> = {},
): void {
  if (!TYPE_NAME.test(type)) {
    throw new Error(`registerEventType: '${type}' is not a dotted lower-case type name such as 'alert.raised'`);
  }
  const existing = registry.get(type);
  if (existing) {
    if (existing.schema === payloadSchema && !existing.builtIn) return;
    throw new Error(`registerEventType: '${type}' is already registered${existing.builtIn ? ' (built in)' : ' with another schema'}`);
  }
  const registration: Registration = { schema: payloadSchema, builtIn: false };
  if (options.describe) registration.describe = wrapDescribe(payloadSchema, options.describe);
  registry.set(type, registration);
}

/**
 * The payload schema of a registered event type, or undefined for an unknown type.
 *
 * @example
 * eventPayloadSchema('note.added')?.parse({ text: 'hi' }); // { text: 'hi' }
 */
export function eventPayloadSchema(type: string): z.ZodType | undefined {
  return registry.get(type)?.schema;
}

/**
 * Every registered event type, sorted.
 *
 * @example
 * registeredEventTypes().includes('state.changed'); // true
 */
export function registeredEventTypes(): string[] {
  return [...registry.keys()].sort();
}

/**
 * True for the event types this module defines (they are appended with `appendToIncident`).
 *
 * @example
 * isBuiltInEventType('note.added'); // true
 */
export function isBuiltInEventType(type: string): type is BuiltInEventType {
  return registry.get(type)?.builtIn === true;
}

/** The registered description of an event, or undefined (unknown type, no describer, or payload not understood). */
export function describeRegisteredEvent(event: IncidentEvent, actor: string): string | undefined {
  return registry.get(event.type)?.describe?.(event, actor);
}
